"""One error body for every failure, ``{"error": {"code": ..., "message": ...}}``; no 500 for bad input."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match

from tangkas.errors import TangkasError, UnknownConceptError
from tangkas.i18n import duration
from tangkas.rows.report import RowsRejectedError
from tangkas.services.nik_probes import NikProbeLimitError
from tangkas.store.base import StoreUnavailableError
from tangkas.store.keys import AuthenticationError
from tangkas.web.i18n import translator
from tangkas.web.pages import error_page, page_lang

log = logging.getLogger("tangkas.web")
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid",
    429: "too_many_requests",
    500: "internal",
}


def error_body(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": {"code": CODES.get(status, "error"), "message": message, **extra}}, status)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(("/api", "/openapi"))


def _respond(request: Request, status: int, message: str, **extra: object) -> Response:
    """JSON under /api, an HTML page elsewhere."""
    if _is_api(request):
        return error_body(status, message, **extra)
    return error_page(request, status, message)


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path (a 405's ``Allow``: the router alone names only the
    first route that matched the path, while GET and POST of one path are separate routes here)."""
    routes = request.app.router.routes
    methods = [
        method
        for method in METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]
    return [*methods, "HEAD"] if "GET" in methods else methods


def install(app: FastAPI) -> None:
    """Register the handlers that map library errors to HTTP statuses."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        response = _respond(request, error.status_code, str(error.detail))
        if error.headers:
            response.headers.update(error.headers)
        if error.status_code == 405:
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        fields = [
            {"field": ".".join(map(str, e.get("loc", ()))), "message": e.get("msg", "")}
            for e in error.errors()
        ]
        if _is_api(request):
            return error_body(422, "invalid request", fields=fields)
        names = ", ".join(sorted({str(e.get("loc", ("",))[-1]) for e in error.errors()}))
        return error_page(request, 422, translator(page_lang(request))("invalid_fields", fields=names))

    @app.exception_handler(AuthenticationError)
    async def unauthenticated(_: Request, error: AuthenticationError) -> JSONResponse:
        return error_body(401, str(error))

    @app.exception_handler(UnknownConceptError)
    async def unknown(request: Request, error: UnknownConceptError) -> Response:
        if _is_api(request):
            return error_body(404, str(error))
        message = translator(page_lang(request))("unknown_concept", identifier=error.identifier)
        return error_page(request, 404, message)

    @app.exception_handler(RowsRejectedError)
    async def rejected(_: Request, error: RowsRejectedError) -> JSONResponse:
        rows = [e.to_dict() for e in error.report.errors]
        return error_body(422, str(error), rows=rows)

    @app.exception_handler(NikProbeLimitError)
    async def probing(request: Request, error: NikProbeLimitError) -> Response:
        if _is_api(request):
            response: Response = error_body(429, str(error))
        else:
            lang = page_lang(request)
            message = translator(lang)("nik_probe_limit", wait=duration(error.retry_after, lang))
            response = error_page(request, 429, message)
        response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.exception_handler(StoreUnavailableError)
    async def unavailable(request: Request, error: StoreUnavailableError) -> Response:
        response = _respond(request, 503, str(error))
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(TangkasError)
    async def bad_input(request: Request, error: TangkasError) -> Response:
        return _respond(request, 400, str(error))

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> JSONResponse:
        # The route template only: paths and bodies may carry personal data.
        log.exception("unhandled error on %s %s", request.method, request.scope.get("route", "?"))
        return error_body(500, "internal error")
