"""The API documentation: the OpenAPI spec with every error answer documented, and Swagger UI at ``/docs``
and ReDoc at ``/redoc`` from local files.

Their scripts and styles come from the ``fastapi-offline`` package (Swagger UI and ReDoc bundles), so the
pages work offline and load nothing from a CDN; ReDoc uses the system fonts.

Every error answer has one body, ``{"error": {"code", "message", ...}}`` (:mod:`tangkas.web.errors`); the spec
says which operations can give which status, derived from the routes themselves (a key needed -> 401, a role
check -> 403, a path or ``id`` parameter -> 404, a request body -> 413), so a client generated from it, and
a conformance checker, see every answer the service really gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.routing import BaseRoute

from tangkas.market.postings import POSTINGS
from tangkas.rows.entities import ENROLMENTS, MEMBERSHIPS, PLACEMENT_DOCUMENTS, PLACEMENTS, WORKERS
from tangkas.rows.fields import MAX_TEXT, FieldType, Spec
from tangkas.training.course_rows import COURSES

ASSETS = Path(fastapi_offline.__file__).parent / "static"
PREFIX = "/docs-assets"
SWAGGER_PARAMETERS = {"validatorUrl": None, "persistAuthorization": True}
"""No online validator badge: it would call a third-party host."""


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "examples": ["not_found"]},
                "message": {"type": "string"},
                "fields": {
                    "type": "array",
                    "items": {"type": "object"},
                    "description": "invalid request fields",
                },
                "rows": {"type": "array", "items": {"type": "object"}, "description": "rejected rows"},
            },
        }
    },
}
"""The body of every error answer."""
ANSWERS: dict[int, str] = {
    400: "Input the service cannot use (the message says what is wrong)",
    401: "No API key, or an unknown or revoked one",
    403: "The key's role may not do this",
    404: "No such record or concept (or not one this key may see)",
    413: "Request body too large",
    422: "Invalid request: the fields, or the rows with their errors",
    429: "Too many requests: wait for Retry-After seconds",
    503: "The database is unreachable: retry after Retry-After seconds",
}


CONCEPT_NAMES = frozenset({"id", "occupation", "occupations", "skill", "skills", "target"})
"""Parameters naming a taxonomy concept: an unknown one is a 404."""


JSON_TYPES: dict[FieldType, dict[str, Any]] = {
    "text": {"type": "string", "maxLength": MAX_TEXT},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
}
ROW_BODIES: dict[str, Spec] = {
    "/api/postings": POSTINGS,
    "/api/courses": COURSES,
    "/api/workers": WORKERS,
    "/api/memberships": MEMBERSHIPS,
    "/api/placements": PLACEMENTS,
    "/api/placement_documents": PLACEMENT_DOCUMENTS,
    "/api/enrolments": ENROLMENTS,
}
"""The import operations and the entity their ``rows`` hold."""


def row_schema(spec: Spec) -> dict[str, Any]:
    """The JSON Schema of one row of ``spec``: each field's type, bounds, choices and pattern, the
    required ones, and no other keys. (Rules across rows or against the taxonomy - a skill URI that
    exists, ``salary_min`` not above ``salary_max`` - are checked by the service and reported per row.)"""
    properties: dict[str, Any] = {}
    for field in spec.fields:
        schema = dict(JSON_TYPES[field.type])
        if field.choices is not None:
            schema["enum"] = sorted(field.choices)
        if field.minimum is not None:
            schema["minimum"] = field.minimum
        if field.maximum is not None:
            schema["maximum"] = field.maximum
        if field.pattern is not None:
            schema["pattern"] = field.pattern.pattern
        properties[field.name] = schema if field.required else {"anyOf": [schema, {"type": "null"}]}
    required = [field.name for field in spec.fields if field.required]
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """The JSON routes, also inside included routers (newer FastAPI keeps those as wrappers holding
    ``original_router``; the routers here are included without a prefix of their own)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (inner := getattr(route, "original_router", None)) is not None:
            yield from _api_routes(inner.routes)


def _needs_role(route: APIRoute) -> bool:
    """Whether a role check (:func:`tangkas.web.security.require`) guards the route."""
    pending = list(route.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        if getattr(dependency.call, "__qualname__", "").startswith("require."):
            return True
        pending += dependency.dependencies
    return False


NO_NUL = r"^[^\x00]*$"
"""A query string with a NUL character is refused (422) before any route (:mod:`tangkas.web.limits`)."""


def _no_nul(schema: dict[str, Any]) -> None:
    """Say so in the schema of a string parameter (or of the strings of a list, or of one branch)."""
    if schema.get("type") == "string" and "pattern" not in schema and "enum" not in schema:
        schema["pattern"] = NO_NUL
    for inner in [*([schema["items"]] if "items" in schema else []), *schema.get("anyOf", [])]:
        _no_nul(inner)


def _resolved(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref", "")
    if not reference.startswith("#/components/schemas/"):
        return schema
    found: dict[str, Any] = spec["components"]["schemas"][reference.rsplit("/", 1)[1]]
    return found


def _statuses(route: APIRoute, operation: dict[str, Any], spec: dict[str, Any]) -> list[int]:
    statuses = [400, 422, 503]  # 422 also for a query parameter the operation does not take
    parameters = operation.get("parameters", [])
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    body = _resolved(spec, body)
    if operation.get("security"):
        statuses.append(401)
    if _needs_role(route):
        statuses.append(403)
    names = {p["name"] for p in parameters if p["in"] != "path"} | set(body.get("properties", {}))
    if any(p["in"] == "path" for p in parameters) or names & CONCEPT_NAMES:
        statuses.append(404)
    if "requestBody" in operation:
        statuses.append(413)
    return sorted(statuses)


def documented(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI spec with its error answers documented (built once, then cached on the app)."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    spec.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for route in _api_routes(app.routes):
        if not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = spec["paths"].get(route.path_format, {}).get(method.lower())
            if operation is None:
                continue
            if method == "POST" and route.path_format in ROW_BODIES:
                body = _resolved(spec, operation["requestBody"]["content"]["application/json"]["schema"])
                body["properties"]["rows"]["items"] = row_schema(ROW_BODIES[route.path_format])
                body["additionalProperties"] = False
            for parameter in operation.get("parameters", []):
                _no_nul(parameter["schema"])
            answers = operation.setdefault("responses", {})
            for status in _statuses(route, operation, spec):
                answers[str(status)] = {"description": ANSWERS[status], "content": reference}
    for unused in ("HTTPValidationError", "ValidationError"):
        spec["components"]["schemas"].pop(unused, None)
    app.openapi_schema = spec
    return spec


def install(app: FastAPI) -> None:
    """Serve the documented spec, the documentation pages and their assets (``app`` is made with
    ``docs_url=None``)."""
    app.openapi = lambda: documented(app)  # type: ignore[method-assign]
    app.mount(PREFIX, StaticFiles(directory=ASSETS), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{PREFIX}/swagger-ui-bundle.js",
            swagger_css_url=f"{PREFIX}/swagger-ui.css",
            swagger_favicon_url=f"{PREFIX}/favicon.png",
            oauth2_redirect_url=None,
            swagger_ui_parameters=SWAGGER_PARAMETERS,
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{PREFIX}/redoc.standalone.js",
            redoc_favicon_url=f"{PREFIX}/favicon.png",
            with_google_fonts=False,
        )
