"""Gender never changes a worker's recommendations or plan: not on the path a counsellor takes from a stored
record (the worker's page, their moves, a plan, the plan saved to their record), and not as a parameter or
field of anything on that path (so a change that adds one fails here)."""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from signing import sign_in

from tangkas.careers import transitions
from tangkas.services import plans, recommend, records, understand
from tangkas.services.imports import import_rows
from tangkas.store import Store
from tangkas.store.keys import create_key
from tangkas.store.queries import get_worker, saved_plan
from tangkas.taxonomy import load_taxonomy
from tangkas.training import plans as training
from tangkas.web import api, pages
from tangkas.web import records as record_pages

GENDER = re.compile(r"gender|(^|_)sex(_|$)|kelamin", re.IGNORECASE)
OCCUPATIONS = ("7531.5", "5230.1", "8153.1", "2512.4", "7531.2")
SKILL_SOURCES = ("5230.1", "7531.5")
"""Extra skills a worker may have are drawn from these occupations' essential skills."""

worker_records = st.fixed_dictionaries(
    {
        "occupations": st.lists(st.sampled_from(OCCUPATIONS), min_size=1, max_size=2, unique=True),
        "skills": st.lists(st.integers(0, 7), max_size=3, unique=True),
        "province_code": st.sampled_from(["32", "33", "35", "11", None]),
        "birth_year": st.integers(1960, 2005),
        "migrant_status": st.sampled_from(["none", "prospective", "current", "returned"]),
        "bpjs_kesehatan": st.booleans(),
    }
)
two_genders = st.lists(st.sampled_from(["F", "M", "X", None]), min_size=2, max_size=2, unique=True)
_stored = 0


def _skills() -> list[str]:
    tax = load_taxonomy()
    found = [s.uri for code in SKILL_SOURCES for s in tax.essential_skills(tax.occupation(code))[:4]]
    return list(dict.fromkeys(found))


def _store_pair(store: Store, record: dict[str, Any], genders: list[str | None]) -> list[int]:
    """Two workers of one office, identical but for gender; their ids."""
    global _stored
    skills = _skills()
    row = {
        **record,
        "occupations": ";".join(load_taxonomy().occupation(c).uri for c in record["occupations"]),
        "skills": ";".join(skills[i % len(skills)] for i in record["skills"]),
        "office_code": "BDG",
        "source": "prop",
    }
    rows = []
    for sex in genders:
        _stored += 1
        rows.append({**row, "external_id": f"p{_stored}", "full_name": "Pekerja Uji", "gender": sex})
    assert import_rows(
        store, "workers", [{k: v for k, v in r.items() if v is not None} for r in rows], "t"
    ).ok
    keys = [r["external_id"] for r in rows]
    found = dict(store.backend.execute("SELECT external_id, id FROM workers WHERE source = 'prop'"))
    return [int(found[k]) for k in keys]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=worker_records, genders=two_genders)
def test_gender_journey_a_stored_workers_moves_and_plan_ignore_gender(
    store: Store, record: dict[str, Any], genders: list[str | None]
) -> None:
    """Through the service functions a counsellor's pages call, on the store: record -> profile ->
    recommendations -> plan for the first move."""
    stored = [get_worker(store, worker_id) for worker_id in _store_pair(store, record, genders)]
    assert [w["gender"] for w in stored if w] == genders
    profiles = [understand.record_profile(w) for w in stored if w]
    assert profiles[0] == profiles[1]
    only_profile = {name: stored[0][name] for name in understand.PROFILE_FIELDS}  # type: ignore[index]
    assert understand.record_profile(only_profile) == profiles[0]  # nothing else of the record is read
    moves = [recommend.recommend(p, top=5, store=store) for p in profiles]
    assert moves[0] == moves[1] and moves[0]
    catalog = plans.catalog_for(store)
    made = [plans.plan_move(p, moves[0][0].occupation, catalog, province=p.province) for p in profiles]
    assert made[0] == made[1]


def _link(html: str, pattern: str) -> str:
    found = re.search(pattern, html)
    assert found, pattern
    return found.group(1).replace("&amp;", "&")


def test_gender_journey_through_the_counsellors_pages(store: Store) -> None:
    """The real path: a signed-in counsellor opens each worker's page, follows it to the worker's moves,
    opens a plan for the first move and saves it to the worker's record. Two workers identical but for
    gender get the same link, the same moves, the same plan page and the same saved plan."""
    client = TestClient(create_app_for(store))
    assert (
        sign_in(
            client, create_key(store, "counsellor", office_code="BDG", label="Bu Sari").secret
        ).status_code
        == 303
    )

    @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
    @given(record=worker_records, genders=two_genders)
    def journey(record: dict[str, Any], genders: list[str | None]) -> None:
        shown: list[dict[str, Any]] = []
        for worker_id in _store_pair(store, record, genders):
            page = client.get(f"/workers/{worker_id}")
            assert page.status_code == 200
            options = _link(page.text, r'id="see-options" href="([^"]+)"')
            moves = client.get(options)
            plan_url = _link(moves.text, r'<a class="button" href="(/plan\?to=[^"]+)"')
            plan = client.get(plan_url)
            form = _link(plan.text, r'(?s)(<form class="card" action="/plans/save".*?</form>)')
            assert f'<option value="{worker_id}">' in form
            fields: dict[str, list[str]] = {}
            for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form):
                fields.setdefault(name, []).append(value)
            saved = client.post(
                "/plans/save", data={**fields, "worker": str(worker_id)}, follow_redirects=False
            )
            assert saved.status_code == 303, saved.text
            plan_id = int(
                store.backend.scalar("SELECT MAX(id) FROM saved_plans WHERE worker_id = ?", (worker_id,))
            )
            snapshot = json.loads(saved_plan(store, worker_id, plan_id)["snapshot"])  # type: ignore[index]
            shown.append(
                {
                    "options": options,
                    "moves": moves.context["page"].recommendations,  # type: ignore[attr-defined]
                    "moves_html": moves.text,
                    "plan": plan.context["page"].plan,  # type: ignore[attr-defined]
                    "plan_html": re.sub(r'<option value="\d+"[^>]*>[^<]*</option>', "", plan.text),
                    "saved": {k: v for k, v in snapshot.items() if k != "at"},
                }
            )
        assert shown[0]["moves"] and shown[0]["plan"].steps is not None
        assert shown[0] == shown[1]

    journey()


def create_app_for(store: Store) -> Any:
    from tangkas.web import create_app

    return create_app(store)


PATH: tuple[Callable[..., Any], ...] = (
    understand.record_profile,
    understand.worker_profile,
    recommend.recommend,
    transitions.recommend_transitions,
    transitions.skill_gap,
    plans.plan_move,
    plans.catalog_for,
    training.training_need,
    training.plan_training,
    records.save_worker_plan,
    record_pages.options_query,
    pages.query_filters,
    pages.plan_query,
)
"""Every function from a stored record to the recommendations and the plan a counsellor sees."""
SHAPES: tuple[type, ...] = (
    transitions.Profile,
    pages.Filters,
    pages.PlanQuery,
    records.PlanLimits,
    plans.PlanResult,
    training.TrainingNeed,
)


def test_gender_journey_no_function_or_profile_on_the_path_takes_gender() -> None:
    assert understand.PROFILE_FIELDS == ("occupations", "skills", "province_code")
    for function in PATH:
        named = [name for name in inspect.signature(function).parameters if GENDER.search(name)]
        assert not named, f"{function.__module__}.{function.__qualname__} takes {named}"
    for shape in SHAPES:
        named = [f.name for f in dataclasses.fields(shape) if GENDER.search(f.name)]
        assert not named, f"{shape.__qualname__} has {named}"
    for model in (api.PlanIn,):
        assert not [name for name in model.model_fields if GENDER.search(name)], model


def test_gender_journey_no_api_operation_that_recommends_or_plans_takes_gender(store: Store) -> None:
    spec = TestClient(create_app_for(store)).get("/openapi.json").json()
    for path in ("/api/transitions",):
        parameters = [p["name"] for p in spec["paths"][path]["get"]["parameters"]]
        assert parameters and not [n for n in parameters if GENDER.search(n)], parameters
    body = spec["components"]["schemas"]["PlanIn"]["properties"]
    assert not [name for name in body if GENDER.search(name)]
