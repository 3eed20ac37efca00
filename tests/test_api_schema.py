"""Property-based checks of the whole API against its own OpenAPI spec: no input gives a 500."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tangkas.store import open_store
from tangkas.store.keys import create_key
from tangkas.web import create_app

_store = open_store("duckdb:///:memory:")
_store.migrate()
ADMIN = create_key(_store, "admin").secret
app = create_app(_store)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_schema_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"X-API-Key": ADMIN}, checks=[not_a_server_error])
