"""Property-based checks of the whole API against its own OpenAPI spec, with every schemathesis check on:
no input gives a 500, every answer's status, content type and body are the documented ones, invalid
input is refused, and 405 answers list the allowed methods.

One check is narrowed: the row-import operations (``POST /api/postings|courses|workers``) may refuse a row
the JSON Schema accepts, because what a row means is checked against the taxonomy and across fields
(a skill URI that exists, ``salary_min`` not above ``salary_max``, a NIK not already registered), which
JSON Schema cannot say; those refusals are documented 422 answers with the row and field named.

Every call carries a valid admin key, except a negative case that spoils the headers itself (a missing or
malformed ``X-API-Key``): adding the key back would hide the one invalid part, and the API's accepting
what is then a valid request would be reported as accepting invalid data.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tangkas.store import open_store
from tangkas.store.keys import create_key
from tangkas.web import create_app
from tangkas.web.docs import ROW_BODIES

_store = open_store("duckdb:///:memory:")
_store.migrate()
ADMIN = create_key(_store, "admin").secret
app = create_app(_store)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
# A body too large for the service is refused with 413 before it is read (tangkas.web.limits): for a body
# that breaks the schema by its size (more rows than maxItems), 413 is the refusal, as 422 is for others.
rejection = schema.config.checks.negative_data_rejection
rejection.expected_statuses = [*rejection.expected_statuses, "413"]


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_spec(case: schemathesis.Case) -> None:
    imports_rows = case.method == "POST" and case.path in ROW_BODIES
    headers = case.meta.components.get(ParameterLocation.HEADER) if case.meta else None
    key = {} if headers is not None and headers.mode.is_negative else {"X-API-Key": ADMIN}
    case.call_and_validate(headers=key, excluded_checks=[positive_data_acceptance] if imports_rows else [])
