"""The service layer: every edge asks it, so the CLI, the API and the pages give one answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tangkas.careers.transitions import Profile
from tangkas.cli import app
from tangkas.services import plans, recommend, records, understand
from tangkas.services.imports import import_rows
from tangkas.services.indicators import indicator, indicator_to_dict, market_overview
from tangkas.store import Store
from tangkas.store.keys import create_key
from tangkas.store.stats import MIN_CELL, Cell, posting_counts, worker_counts
from tangkas.web import create_app
from tangkas.web.pages import PlanPage

TAILOR = "7531.5"
DEVELOPER = "2512.4"  # from tailor: 80 optional gap skills, so how many a plan tries changes the plan
runner = CliRunner()


@pytest.fixture
def api(store: Store) -> tuple[TestClient, dict[str, str]]:
    return TestClient(create_app(store)), {
        "X-API-Key": create_key(store, "counsellor", office_code="BDG").secret
    }


def _shape(value: Any) -> Any:
    """The keys of a JSON value, recursively (lists by their first item)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__ if value is not None else None


def test_services_api_and_page_give_the_same_plan(api: tuple[TestClient, dict[str, str]]) -> None:
    client, key = api
    body = {"occupations": [TAILOR], "target": DEVELOPER, "budget": 3_500_000, "province": "32"}
    planned = client.post("/api/plans", json=body, headers=key).json()
    page = client.get("/plan", params={"occ": TAILOR, "to": DEVELOPER, "province": "32"}).context["page"]  # type: ignore[attr-defined]
    assert isinstance(page, PlanPage)
    assert [s["course_id"] for s in planned["steps"]] == [s.course.id for s in page.plan.steps]
    assert planned["cost_idr"] == page.plan.cost_idr and planned["steps"]
    assert len(planned["need"]["optional"]) == plans.MAX_OPTIONAL


def test_services_cli_and_api_give_the_same_plan(store_url: str, store: Store) -> None:
    client = TestClient(create_app(store))
    key = {"X-API-Key": create_key(store, "analyst").secret}
    api = client.post("/api/plans", json={"occupations": [TAILOR], "target": DEVELOPER}, headers=key).json()
    cli = runner.invoke(app, ["plan", "--from", TAILOR, "--to", DEVELOPER, "--json", "--db", store_url])
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output) == api


def test_services_cli_json_and_api_give_the_same_recommendations(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, key = api
    served = client.get("/api/transitions", params={"occupation": TAILOR, "top": 3}, headers=key).json()
    printed = runner.invoke(app, ["transitions", TAILOR, "--top", "3", "--json"])
    assert printed.exit_code == 0, printed.output
    listed = json.loads(printed.output)["recommendations"]
    assert [_shape(r) for r in listed] == [_shape(r) for r in served]
    assert [(r["uri"], r["score"]) for r in listed] == [(r["uri"], r["score"]) for r in served]
    assert listed[0]["transferable"][0].keys() == {"uri", "label_en", "label_id"}


def test_services_cli_json_and_api_give_the_same_indicator(store_url: str, store: Store) -> None:
    client = TestClient(create_app(store))
    key = {"X-API-Key": create_key(store, "analyst").secret}
    served = client.get("/api/indicators/demand", params={"by": "month"}, headers=key).json()
    printed = runner.invoke(app, ["indicators", "demand", "--by", "month", "--json", "--db", store_url])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.output) == served == {"indicator": "demand", "by": "month", "rows": []}


def test_services_plan_tries_the_ten_most_important_optional_skills() -> None:
    catalog = plans.catalog_for(None)
    result = plans.plan_move(Profile(occupations=(TAILOR,)), DEVELOPER, catalog)
    assert len(result.need.optional) == plans.MAX_OPTIONAL and result.synthetic_catalog
    assert result.essential_gap == len(result.need.essential) > 0
    assert plans.plan_to_dict(result)["to"].endswith(result.target.uri.rsplit("/", 1)[1])


def test_services_recommend_uses_the_store_only_when_given_one(store: Store) -> None:
    profile = understand.worker_profile([TAILOR])
    assert recommend.recommend(Profile(), store=store) == []
    with_store = recommend.recommend(profile, top=3, store=store)
    assert [r.occupation.uri for r in with_store] == [
        r.occupation.uri for r in recommend.recommend(profile, top=3)
    ]


def test_services_understand_reads_a_description() -> None:
    found = understand.understand("saya 8 tahun jadi operator mesin jahit, bisa menjahit pakaian")
    assert found.titles and found.mentions
    assert understand.understand("   ") == understand.Understanding("   ", [], [], [])
    assert understand.find_occupations(" ") == [] and understand.find_skills("") == []


OFFSETS = {"BDG": 0, "SBY": 300, "JKT": 600}
"""Each office's workers have NIKs of their own (a NIK is unique over every office)."""


def _workers(office: str, n: int) -> list[dict[str, object]]:
    return [
        {"source": "t", "external_id": f"{office}{i}", "office_code": office, "full_name": f"P {i}",
         "nik": f"3273010101900{i + OFFSETS.get(office, 900):03d}", "gender": "F",
         "birth_year": 1990, "province_code": "32", "migrant_status": "none"}
        for i in range(n)
    ]  # fmt: skip


def test_services_records_keep_each_office_to_itself_and_audit(store: Store) -> None:
    import_rows(store, "workers", _workers("BDG", MIN_CELL) + _workers("SBY", 2), "test")
    bandung = create_key(store, "counsellor", office_code="BDG")
    listed = records.list_office_workers(store, bandung)
    assert listed.total == MIN_CELL and {w["office_code"] for w in listed.items} == {"BDG"}
    other = records.list_office_workers(store, create_key(store, "admin")).total - MIN_CELL
    assert other == 2
    sby = int(store.backend.scalar("SELECT MIN(id) FROM workers WHERE office_code = 'SBY'"))
    own = listed.items[0]["id"]
    profile = understand.worker_profile([TAILOR], province="32")
    assert (
        records.save_worker_plan(store, bandung, sby, profile, DEVELOPER, limits=records.PlanLimits(budget=1))
        is None
    )
    assert (
        records.save_worker_plan(store, bandung, own, profile, DEVELOPER, limits=records.PlanLimits(budget=1))
        is not None
    )
    record = records.worker_record(store, bandung, own)
    assert record is not None and record.target_labels == {
        record.plans[0]["target_uri"]: "software developer"
    }
    assert records.worker_record(store, bandung, sby) is None
    actions = [a for (a,) in store.backend.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["list", "list", "save_plan", "read"]


def test_services_store_counts_suppress_small_cells(store: Store) -> None:
    import_rows(store, "workers", _workers("BDG", MIN_CELL) + _workers("SBY", 2), "test")
    import_rows(store, "workers", _workers("JKT", MIN_CELL + 5), "test")
    counts = worker_counts(store, "office_code")
    # SBY is never named; BDG (the smaller shown office) is hidden with it, so JKT's count stays
    assert counts.cells == (Cell("JKT", MIN_CELL + 5),)
    assert counts.total is not None and counts.hidden_count == counts.total - MIN_CELL - 5 >= MIN_CELL
    assert posting_counts(store).synthetic_share == 0.0


def test_services_market_overview_matches_each_indicator(store: Store) -> None:
    from tangkas.services.demo import load_demo

    load_demo(store, postings=300, workers=0)
    overview = market_overview(store)
    assert overview.counts.total == 300 == sum(r["postings"] for r in overview.provinces)
    assert overview.pay == indicator(store, "pay", "isco1").to_pylist()
    months = indicator_to_dict("demand", "month", indicator(store, "demand", "month", top=None))["rows"]
    assert overview.months == sorted((r["month"], r["postings"]) for r in months if r["month"])


def test_services_cli_and_api_read_text_in_one_shape(api: tuple[TestClient, dict[str, str]]) -> None:
    """``tangkas extract --json`` and ``POST /api/extract`` print the same skill mentions, and
    ``tangkas code-title --json`` and ``/api/titles/code`` the same occupations."""
    client, key = api
    text = "Dibutuhkan operator forklift, mampu mengoperasikan forklift dan menyusun barang di gudang."
    mentions = client.post("/api/extract", json={"text": text}, headers=key).json()
    result = runner.invoke(app, ["extract", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == mentions and mentions
    titles = client.get("/api/titles/code", params={"title": "Operator Forklift", "limit": 3}, headers=key)
    result = runner.invoke(app, ["code-title", "Operator Forklift", "--json", "--limit", "3"])
    assert json.loads(result.stdout) == titles.json() and len(titles.json()) == 3


@pytest.mark.parametrize(
    ("cli", "route", "params"),
    [
        (["occupation", "show", "7531.5"], "/api/occupations/lookup", {"id": "7531.5"}),
        (["occupation", "show", "8332"], "/api/occupations/lookup", {"id": "8332"}),
        (["skill", "show", "operate forklift"], "/api/skills/lookup", {"id": "operate forklift"}),
        (
            ["search", "sopir truk", "--limit", "3"],
            "/api/search/occupations",
            {"q": "sopir truk", "limit": 3},
        ),
        (["search", "forklift", "--skills", "-n", "2"], "/api/search/skills", {"q": "forklift", "limit": 2}),
    ],
)
def test_services_cli_and_api_look_up_the_taxonomy_alike(
    api: tuple[TestClient, dict[str, str]], cli: list[str], route: str, params: dict[str, Any]
) -> None:
    client, key = api
    result = runner.invoke(app, [*cli, "--json"])
    assert result.exit_code == 0, result.output
    answer = client.get(route, params=params, headers=key).json()
    assert json.loads(result.stdout) == answer and answer


def test_services_a_plan_to_gambling_work_is_refused() -> None:
    from tangkas.errors import TangkasError

    with pytest.raises(TangkasError, match="perjudian"):
        plans.plan_move(Profile(occupations=("5230.1",)), "4212.3", plans.catalog_for(None))


def test_services_a_cashier_cv_is_never_read_as_casino_work() -> None:
    cv = (Path(__file__).parent / "data" / "cvs_id" / "kasir.txt").read_text()
    labels = [m.occupation.label_en for m in understand.understand(cv).titles]
    assert labels[0] == "cashier" and "casino cashier" not in labels, labels
    dealer = understand.understand("Pengalaman: dealer kasino di Macau selama 3 tahun").titles
    assert dealer and dealer[0].occupation.label_en == "gaming dealer"  # past work is still read


@pytest.mark.parametrize(
    ("lang", "name", "by"),
    [
        ([], "galat: indikator tidak dikenal: 'vibes' (pilih demand, ", "galat: pengelompokan tidak dikenal"),
        (["--lang", "en"], "error: unknown indicator: 'vibes' (choose demand, ", "error: unknown grouping"),
    ],
)
def test_services_cli_refuses_unknown_indicators_in_the_language(lang: list[str], name: str, by: str) -> None:
    unknown = runner.invoke(app, ["indicators", "vibes", *lang])
    assert unknown.exit_code == 2 and unknown.stderr.startswith(name), unknown.output
    grouped = runner.invoke(app, ["indicators", "fair-ads", "--by", "planet", *lang])
    assert grouped.exit_code == 2 and grouped.stderr.startswith(f"{by}: 'planet'"), grouped.output


def test_services_cli_indicator_csv_says_what_it_wrote_in_the_language(
    store_url: str, store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "demand.csv"
    for lang, said in (([], "0 baris ditulis ke"), (["--lang", "en"], "0 rows written to")):
        result = runner.invoke(app, ["indicators", "demand", "--csv", str(out), "--db", store_url, *lang])
        assert result.exit_code == 0 and said in result.output, result.output
