"""One error body for every failure, ``{"error": {"code": ..., "message": ...}}``; no 500 for bad input."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.rows.report import RowsRejectedError
from tangkas.store.keys import AuthenticationError

log = logging.getLogger("tangkas.web")
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid",
    500: "internal",
}


def error_body(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": {"code": CODES.get(status, "error"), "message": message, **extra}}, status)


def _respond(request: Request, status: int, message: str, **extra: object) -> Response:
    """JSON under /api, an HTML page elsewhere."""
    if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
        return error_body(status, message, **extra)
    from tangkas.web.pages import ErrorPage, render

    return render(request, "error.html", ErrorPage(status, message), status=status)


def install(app: FastAPI) -> None:
    """Register the handlers that map library errors to HTTP statuses."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        response = _respond(request, error.status_code, str(error.detail))
        if error.headers:
            response.headers.update(error.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        fields = [
            {"field": ".".join(map(str, e.get("loc", ()))), "message": e.get("msg", "")}
            for e in error.errors()
        ]
        return error_body(422, "invalid request", fields=fields)

    @app.exception_handler(AuthenticationError)
    async def unauthenticated(_: Request, error: AuthenticationError) -> JSONResponse:
        return error_body(401, str(error))

    @app.exception_handler(UnknownConceptError)
    async def unknown(request: Request, error: UnknownConceptError) -> Response:
        return _respond(request, 404, str(error))

    @app.exception_handler(RowsRejectedError)
    async def rejected(_: Request, error: RowsRejectedError) -> JSONResponse:
        rows = [
            {"row": e.row, "field": e.field, "code": e.code, "detail": e.detail} for e in error.report.errors
        ]
        return error_body(422, str(error), rows=rows)

    @app.exception_handler(TangkasError)
    async def bad_input(request: Request, error: TangkasError) -> Response:
        return _respond(request, 400, str(error))

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> JSONResponse:
        # The route template only: paths and bodies may carry personal data.
        log.exception("unhandled error on %s %s", request.method, request.scope.get("route", "?"))
        return error_body(500, "internal error")
