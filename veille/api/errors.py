"""One JSON shape for every API error, whatever raised it:

    {"error": {"status": 404, "message": "no person named 'X'…", "detail": {...} | null}}
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from veille.errors import ModelError, SettingsError
from veille.query import FilterError, NotFound, SearchQueryError
from veille.store import StoreError

log = logging.getLogger("veille.api")
# The most characters of a request's value an error answer repeats.
MAX_ECHO = 200


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"status": status, "message": message, "detail": jsonable_encoder(detail)}}


def error_response(status: int, message: str, detail: Any = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, detail), status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "HTTP error"
        detail = None if isinstance(exc.detail, str) else exc.detail
        response = error_response(exc.status_code, message, detail)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg"), "type": e.get("type")}
                  for e in exc.errors()]
        where = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors)
        return error_response(422, f"invalid request parameter(s): {where}", errors)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        # The name asked for is echoed once, in `detail`, and cut: an answer is no
        # amplifier for whatever was put in the address.
        message = f"no {exc.kind} by that name in the knowledge base"
        if exc.suggestions:
            message += "; did you mean: " + ", ".join(exc.suggestions) + "?"
        return error_response(404, message, {"kind": exc.kind, "name": exc.name[:MAX_ECHO],
                                             "suggestions": exc.suggestions})

    @app.exception_handler(SearchQueryError)
    async def bad_search(_: Request, exc: SearchQueryError) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(FilterError)
    async def bad_filter(_: Request, exc: FilterError) -> JSONResponse:
        return error_response(422, str(exc))

    async def model_error(_: Request, exc: Exception) -> JSONResponse:
        # Only explanations load a model (a spaCy pipeline, a decision model file named
        # in the settings); every other route still answers.
        log.error("model unavailable: %s", exc)
        return error_response(503, f"explanations are unavailable: {exc}")

    app.add_exception_handler(ModelError, model_error)
    app.add_exception_handler(SettingsError, model_error)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        log.error("database error: %s", exc)
        return error_response(503, f"database unavailable: {exc}")

    @app.exception_handler(Exception)
    async def internal_error(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal server error", {"type": type(exc).__name__})
