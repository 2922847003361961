"""The FastAPI application: the questions of `veille.query` over HTTP, and the web UI.

Endpoints are plain `def` functions: FastAPI runs them in its thread pool, so database
work never blocks the event loop. The API reads the store only and loads no model, with
one exception asked for by a user: `/api/explain/{id}` (see `veille.api.explain`).
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import Annotated

from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from veille import query
from veille.api.errors import error_body, install_error_handlers
from veille.api.explain import ModelExplainer
from veille.api.security import Exposure, install_security, script_hash
from veille.query import corrections as analyst
from veille.query import watch
from veille.query.explanations import Explain, explain_stored
from veille.query.records import (
    ArticleDetail,
    ArticleExplanation,
    ArticleList,
    CorrectionNote,
    EntityHit,
    FlowList,
    MoveList,
    OrgProfile,
    PersonTimeline,
    SearchResults,
    Stats,
)
from veille.settings import Settings
from veille.store import Store, open_store

STATIC = Path(str(files("veille.web") / "static"))
MAX_LIMIT = 200

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
DateParam = Annotated[str | None, Query(
    pattern=r"^\d{4}(-(\d{2}|Q[1-4]|W\d{2}|SP|SU|FA|WI)(-\d{2})?)?$",
    description="A FACTS.md date: 2024, 2024-Q2, 2024-03, 2024-03-15…")]

Name = Annotated[str | None, Query(max_length=300)]
MinConfidence = Annotated[float | None, Query(
    ge=0, le=1, description="Only facts stored with at least this confidence (0-1); where "
    "the answer applies analysts' corrections, a checked fact counts as 1.")]


def move_filters(
    since: DateParam = None, until: DateParam = None, org: Name = None, person: Name = None,
    role: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(pattern="^(done|planned|reported)$")] = None,
    change: Annotated[str | None, Query(pattern="^(start|end)$")] = None,
    min_confidence: MinConfidence = None,
    watch: Annotated[str | None, Query(max_length=200, description="A watch list.")] = None,
) -> query.MoveFilters:
    """The filters of `veille moves`, as query parameters."""
    return query.MoveFilters(since=since, until=until, org=org, person=person, role=role,
                             status=status, change=change, min_confidence=min_confidence,
                             watch_list=watch)


Filters = Annotated[query.MoveFilters, Depends(move_filters)]


class CorrectionBody(BaseModel):
    """An analyst's correction of a fact."""

    action: str = Field(pattern="^(confirm|reject|edit)$",
                        description="confirm, reject, or edit (with `fields`).")
    fields: dict[str, str | bool | None] = Field(
        default_factory=dict, description="For an edit: the new person, org, role, "
        "role_norm, date, status, change (moves), since/until/current (positions).")
    author: str = Field(default="analyst", min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=2000)

class WatchBody(BaseModel):
    """Follow an organisation or a person."""

    name: str = Field(min_length=1, max_length=300, description="A name, alias or id.")
    type: str | None = Field(default=None, pattern="^(org|person)$")
    list: str = Field(default=watch.DEFAULT_LIST, min_length=1, max_length=200)


_ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    code: {"description": text, "content": {"application/json": {
        "example": error_body(code, text)}}}
    for code, text in ((404, "Unknown name or id"), (422, "Invalid parameter or body"),
                       (500, "Internal error"))}


def create_app(db: str | Store, exposure: Exposure | None = None,
               settings: Settings | None = None, explain: Explain | None = None) -> FastAPI:
    """The app over the database `db` (a path or URL, opened here, or an open Store).
    `exposure`: the host names it answers to and its token (default: localhost, none).
    `settings`: what explanations extract with (default: the defaults); `explain`: what
    runs them (default: the extractor, loaded at the first explanation asked for)."""
    store = db if isinstance(db, Store) else open_store(db, create=False)
    explain = explain or ModelExplainer(settings or Settings())
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
    def get_person(name: str, min_confidence: MinConfidence = None) -> PersonTimeline:
        """Career timeline of a person (name, alias or id; accents and case ignored)."""
        return query.person_timeline(store, name, min_confidence=min_confidence)

    @app.get("/api/org/{name:path}", response_model=OrgProfile, tags=["questions"])
    def get_org(name: str, min_confidence: MinConfidence = None) -> OrgProfile:
        """Arrivals, departures and current leadership of an organisation."""
        return query.org_profile(store, name, min_confidence=min_confidence)

    @app.get("/api/flows", response_model=FlowList, tags=["questions"])
    def get_flows(since: DateParam = None, until: DateParam = None,
                  org: Annotated[str | None, Query(max_length=300)] = None,
                  min_confidence: MinConfidence = None,
                  limit: Limit = 100, offset: Offset = 0) -> FlowList:
        """Talent flows: who left organisation A for organisation B."""
        flows = query.talent_flows(store, since=since, until=until, org=org,
                                   min_confidence=min_confidence)
        return FlowList(flows=flows[offset:offset + limit], total=len(flows), limit=limit,
                        offset=offset)

    @app.get("/api/moves", response_model=MoveList, tags=["questions"])
    def get_moves(filters: Filters, limit: Limit = 50, offset: Offset = 0) -> MoveList:
        """Every move, one per event (all its sources), latest reported first."""
        moves = query.latest_moves(store, filters)
        return MoveList(moves=moves[offset:offset + limit], total=len(moves), limit=limit,
                        offset=offset)

    @app.get("/api/moves.csv", tags=["questions"],
             responses={200: {"content": {"text/csv": {}}}})
    def get_moves_csv(filters: Filters, limit: Limit = 50, offset: Offset = 0) -> Response:
        """The same page of moves as CSV (ISO first and last day beside each date)."""
        moves = query.latest_moves(store, filters)[offset:offset + limit]
        return Response(query.moves_csv(moves), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="moves.csv"'})

    @app.post("/api/facts/{fact_id}/corrections", response_model=CorrectionNote,
              status_code=201, tags=["corrections"])
    def post_correction(fact_id: int, body: Annotated[CorrectionBody, Body()]
                        ) -> CorrectionNote:
        """Confirm, reject or edit a fact. Stored apart from the extracted facts, the
        correction survives re-extraction; the latest one of a fact is in force."""
        return analyst.correct_fact(store, fact_id, analyst.CorrectionRequest(
            action=body.action, fields=dict(body.fields), author=body.author, note=body.note))

    @app.get("/api/corrections", response_model=list[analyst.CorrectionView],
             tags=["corrections"])
    def get_corrections() -> list[analyst.CorrectionView]:
        """Every correction in force, newest first, with the fact it applies to today."""
        return analyst.corrections(store)

    @app.get("/api/review", response_model=analyst.ReviewList, tags=["corrections"])
    def get_review(limit: Limit = 20, offset: Offset = 0) -> analyst.ReviewList:
        """Moves and positions nobody has checked yet, least confident first."""
        return analyst.review_queue(store, limit=limit, offset=offset)

    @app.get("/api/watch", response_model=list[watch.WatchEntry], tags=["watch lists"])
    def get_watch(list: Annotated[str | None, Query(max_length=200)] = None  # noqa: A002
                  ) -> list[watch.WatchEntry]:
        """What the watch lists (or the one named) follow."""
        return watch.watch_list(store, list)

    @app.post("/api/watch", response_model=watch.WatchEntry, status_code=201,
              tags=["watch lists"])
    def post_watch(body: Annotated[WatchBody, Body()]) -> watch.WatchEntry:
        """Follow an organisation or a person (an organisation first when `type` is not
        given)."""
        return watch.watch_add(store, body.name, body.list, body.type)[0]

    @app.delete("/api/watch/{entity_id:path}", response_model=watch.WatchEntry,
                tags=["watch lists"])
    def delete_watch(entity_id: str, list: Annotated[  # noqa: A002
            str, Query(max_length=200)] = watch.DEFAULT_LIST) -> watch.WatchEntry:
        """Stop following an entity."""
        entry = watch.watch_remove(store, entity_id, list)
        if entry is None:
            raise query.NotFound("watched entity", entity_id)
        return entry

    @app.get("/feeds/moves.atom", tags=["watch lists"],
             responses={200: {"content": {"application/atom+xml": {}}}})
    def get_atom(request: Request, filters: Filters) -> Response:
        """An Atom feed of the latest moves, with the filters of /api/moves (`watch` for
        a watch list, `org`, `person`…)."""
        moves = query.latest_moves(store, filters)
        scope = ", ".join(f"{k} {v}" for k, v in request.query_params.items()) or "all"
        base = str(request.base_url)
        return Response(watch.moves_atom(moves, title=f"veille: latest moves ({scope})",
                                         self_url=str(request.url), base_url=base),
                        media_type="application/atom+xml; charset=utf-8")

    @app.get("/api/search", response_model=SearchResults, tags=["questions"])
    def get_search(q: Annotated[str, Query(min_length=1, max_length=500)],
                   limit: Limit = 20, offset: Offset = 0,
                   min_confidence: MinConfidence = None) -> SearchResults:
        """Full-text search over articles and evidence, and people and organisation names
        (`min_confidence` filters the evidence, not the articles)."""
        return query.search(store, q, limit=limit, offset=offset,
                            min_confidence=min_confidence)

    @app.get("/api/names", response_model=list[EntityHit], tags=["questions"])
    def get_names(q: Annotated[str, Query(min_length=1, max_length=200)],
                  limit: Annotated[int, Query(ge=1, le=50)] = 8) -> list[EntityHit]:
        """People and organisations whose name contains `q`, for search-as-you-type."""
        return query.names(store, q, limit=limit)

    @app.get("/api/articles", response_model=ArticleList, tags=["articles"])
    def get_articles(limit: Limit = 20, offset: Offset = 0) -> ArticleList:
        """Stored articles, latest published first."""
        return query.recent_articles(store, limit=limit, offset=offset)

    # Not under /api/articles/{id}/: article ids may hold slashes, and that route takes
    # the whole rest of the path as the id.
    @app.get("/api/explain/{article_id:path}", response_model=ArticleExplanation,
             tags=["articles"], responses={503: {"description": "The model cannot be loaded"}})
    def get_explanation(article_id: str) -> ArticleExplanation:
        """Every fact the rules propose for a stored article, extracted again from its
        stored text with the server's settings: the rules that proposed it (generators),
        the model's probability, kept or not and why, and its strongest features. Slow:
        the first call loads the model (seconds), each call extracts the article."""
        return explain_stored(store, article_id, explain)

    @app.get("/api/articles/{article_id:path}", response_model=ArticleDetail, tags=["articles"])
    def get_article(article_id: str, min_confidence: MinConfidence = None) -> ArticleDetail:
        """An article's text and its facts with their evidence offsets."""
        return query.article_detail(store, article_id, min_confidence=min_confidence)

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
