"""The FastAPI application: the questions of `veille.query` over HTTP, and the web UI.

Endpoints are plain `def` functions: FastAPI runs them in its thread pool, so database
work never blocks the event loop. The API reads the store only; it never loads a model.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from veille import query
from veille.api.errors import error_body, install_error_handlers
from veille.api.security import Exposure, install_security, script_hash
from veille.query.records import (
    ArticleDetail,
    ArticleList,
    EntityHit,
    FlowList,
    OrgProfile,
    PersonTimeline,
    SearchResults,
    Stats,
)
from veille.store import Store, open_store

STATIC = Path(str(files("veille.web") / "static"))
MAX_LIMIT = 200

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
DateParam = Annotated[str | None, Query(
    pattern=r"^\d{4}(-(\d{2}|Q[1-4]|W\d{2}|SP|SU|FA|WI)(-\d{2})?)?$",
    description="A FACTS.md date: 2024, 2024-Q2, 2024-03, 2024-03-15…")]

_ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    code: {"description": text, "content": {"application/json": {
        "example": error_body(code, text)}}}
    for code, text in ((404, "Unknown name or id"), (422, "Invalid parameter"),
                       (500, "Internal error"))}


def create_app(db: str | Store, exposure: Exposure | None = None) -> FastAPI:
    """The app over the database `db` (a path or URL, opened here, or an open Store).
    `exposure`: the host names it answers to and its token (default: localhost, none)."""
    store = db if isinstance(db, Store) else open_store(db, create=False)
    app = FastAPI(
        title="veille",
        version="1",
        summary="Executive moves, positions, partnerships and figures from French news, "
                "with evidence.",
        responses=_ERROR_RESPONSES,
        docs_url=None,  # served below, with a policy that allows its one inline script
        redoc_url=None,
    )
    app.state.store = store
    install_error_handlers(app)
    install_security(app, exposure or Exposure())
    docs_html, docs_policy = _docs_page()

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_html, headers={"Content-Security-Policy": docs_policy})

    @app.get("/api/stats", response_model=Stats, tags=["questions"])
    def get_stats() -> Stats:
        """Counts: articles, facts by type, events, entities."""
        return query.stats(store)

    @app.get("/api/person/{name:path}", response_model=PersonTimeline, tags=["questions"])
    def get_person(name: str) -> PersonTimeline:
        """Career timeline of a person (name, alias or id; accents and case ignored)."""
        return query.person_timeline(store, name)

    @app.get("/api/org/{name:path}", response_model=OrgProfile, tags=["questions"])
    def get_org(name: str) -> OrgProfile:
        """Arrivals, departures and current leadership of an organisation."""
        return query.org_profile(store, name)

    @app.get("/api/flows", response_model=FlowList, tags=["questions"])
    def get_flows(since: DateParam = None, until: DateParam = None,
                  org: Annotated[str | None, Query(max_length=300)] = None,
                  limit: Limit = 100, offset: Offset = 0) -> FlowList:
        """Talent flows: who left organisation A for organisation B."""
        flows = query.talent_flows(store, since=since, until=until, org=org)
        return FlowList(flows=flows[offset:offset + limit], total=len(flows), limit=limit,
                        offset=offset)

    @app.get("/api/search", response_model=SearchResults, tags=["questions"])
    def get_search(q: Annotated[str, Query(min_length=1, max_length=500)],
                   limit: Limit = 20, offset: Offset = 0) -> SearchResults:
        """Full-text search over articles and evidence, and people and organisation names."""
        return query.search(store, q, limit=limit, offset=offset)

    @app.get("/api/names", response_model=list[EntityHit], tags=["questions"])
    def get_names(q: Annotated[str, Query(min_length=1, max_length=200)],
                  limit: Annotated[int, Query(ge=1, le=50)] = 8) -> list[EntityHit]:
        """People and organisations whose name contains `q`, for search-as-you-type."""
        return query.names(store, q, limit=limit)

    @app.get("/api/articles", response_model=ArticleList, tags=["articles"])
    def get_articles(limit: Limit = 20, offset: Offset = 0) -> ArticleList:
        """Stored articles, latest published first."""
        return query.recent_articles(store, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id:path}", response_model=ArticleDetail, tags=["articles"])
    def get_article(article_id: str) -> ArticleDetail:
        """An article's text and its facts with their evidence offsets."""
        return query.article_detail(store, article_id)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


# Swagger UI's files come from its CDN and its page starts them with one inline script.
_DOCS_CDN = "https://cdn.jsdelivr.net"


def _docs_page() -> tuple[str, str]:
    """The API docs page and the Content-Security-Policy that lets exactly its own inline
    script run (by hash), nothing else inline."""
    html = bytes(get_swagger_ui_html(openapi_url="/openapi.json",
                                     title="veille - API").body).decode("utf-8")
    inline = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    policy = "; ".join([
        "default-src 'none'",
        " ".join(["script-src", _DOCS_CDN, *map(script_hash, inline)]),
        f"style-src {_DOCS_CDN}",
        "img-src 'self' data: https://fastapi.tiangolo.com",
        "connect-src 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ])
    return html, policy
