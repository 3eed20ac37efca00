"""``tangkas market parse|demand|synthetic`` on the small feed fixtures."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tangkas.cli import app
from tangkas.cli import market as market_cli
from tangkas.market.coding import OccupationGuess, TitleCoding
from tangkas.store import Store

DATA = Path(__file__).parent / "data" / "market"
runner = CliRunner()


def test_market_cli_parse_reports_coverage_in_indonesian() -> None:
    result = runner.invoke(app, ["market", "parse", str(DATA / "lokerid.csv")])
    assert result.exit_code == 0, result.output
    assert "lokerid: 9 baris, 9 lowongan, 0 ditolak, 9 unik" in result.output
    assert "provinsi" in result.output and "gaji" in result.output


def test_market_cli_parse_json_in_english() -> None:
    result = runner.invoke(
        app, ["market", "parse", str(DATA / "jobstreet_2022.csv"), "--json", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["feed"], report["rows"], report["unique"]) == ("jobstreet-2022", 9, 8)
    assert report["coverage"]["date"] == 1.0


def test_market_cli_parse_rejects_unknown_files(tmp_path: Path) -> None:
    other = tmp_path / "x.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["market", "parse", str(other)])
    assert result.exit_code == 2
    assert "format feed tidak dikenal" in result.output
    missing = runner.invoke(app, ["market", "parse", str(tmp_path / "none.csv"), "--lang", "en"])
    assert missing.exit_code == 2 and "file not found" in missing.output


def test_market_cli_demand_by_province_with_export(tmp_path: Path) -> None:
    out = tmp_path / "demand.csv"
    result = runner.invoke(
        app, ["market", "demand", str(DATA / "lokerid.csv"), "--by", "province", "--csv", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "DKI Jakarta" in result.output and "Ditulis" in result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == '"province","postings","share","province_label"'


def test_market_cli_demand_pay_is_suppressed_for_few_ads() -> None:
    result = runner.invoke(
        app,
        [
            "market",
            "demand",
            str(DATA / "glints_2020.csv"),
            "--measure",
            "pay",
            "--by",
            "province",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "suppressed" in result.output


def test_market_cli_demand_by_isco_uses_the_title_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    def coder(titles: Sequence[str], texts: Sequence[str]) -> list[OccupationGuess | None]:
        return [OccupationGuess("http://data.europa.eu/esco/occupation/x", "2512", 0.9) for _ in titles]

    monkeypatch.setattr(market_cli, "default_title_coder", lambda: TitleCoding("fake", coder, 0.5))
    result = runner.invoke(
        app, ["market", "demand", str(DATA / "jobstreet_2022.csv"), "--by", "isco", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["rows"][0]["isco"] == "2512" and payload["rows"][0]["postings"] == 8
    assert payload["coding"]["jobstreet"]["share"] == 1.0


def test_market_cli_demand_skills_uses_the_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    uri = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
    monkeypatch.setattr(market_cli, "default_skill_extractor", lambda: lambda text: [uri])
    result = runner.invoke(
        app, ["market", "demand", str(DATA / "lokerid.csv"), "--by", "month", "--measure", "skills", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert {r["skill_uri"] for r in rows} == {uri}


@pytest.mark.parametrize(
    ("option", "value"), [("--by", "planet"), ("--measure", "vibes"), ("--feed", "monster")]
)
def test_market_cli_demand_rejects_bad_options(option: str, value: str) -> None:
    result = runner.invoke(app, ["market", "demand", str(DATA / "lokerid.csv"), option, value])
    assert result.exit_code == 2


def test_market_cli_synthetic_feed_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "synthetic.csv"
    result = runner.invoke(app, ["market", "synthetic", str(out), "--n", "50", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "SINTETIS" in result.output
    parsed = runner.invoke(app, ["market", "parse", str(out), "--json"])
    report = json.loads(parsed.output)
    assert (report["feed"], report["postings"], report["sources"]) == ("tangkas", 50, {"synthetic": 50})


def test_market_cli_trends_between_two_months(monkeypatch: pytest.MonkeyPatch) -> None:
    excel = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
    monkeypatch.setattr(
        market_cli, "default_skill_extractor", lambda: lambda text: [excel] if "Excel" in text else []
    )
    args = ["market", "trends", str(DATA / "lokerid.csv"), "--before", "2025-06", "--after", "2025-07"]
    result = runner.invoke(app, [*args, "--min-postings", "1", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert {r["skill_uri"] for r in rows} == {excel}
    bad = runner.invoke(
        app, ["market", "trends", str(DATA / "lokerid.csv"), "--before", "2025", "--after", "x"]
    )
    assert bad.exit_code == 2 and "periode tidak valid" in bad.output


def test_market_cli_parse_names_salary_and_place_kinds_in_the_language() -> None:
    indonesian = runner.invoke(app, ["market", "parse", str(DATA / "lokerid.csv")])
    english = runner.invoke(app, ["market", "parse", str(DATA / "lokerid.csv"), "--lang", "en"])
    assert "gaji: {" in indonesian.output and "tempat: {" in indonesian.output, indonesian.output
    assert "salary: {" in english.output and "place: {" in english.output, english.output


def test_market_cli_feed_import_says_what_it_read_in_the_language(store_url: str, store: Store) -> None:
    feed = ["import", "postings", str(DATA / "lokerid.csv"), "--db", store_url]
    indonesian = runner.invoke(app, feed)
    assert indonesian.exit_code == 0 and "lokerid: 9 lowongan terbaca; " in indonesian.output
    english = runner.invoke(app, [*feed, "--lang", "en"])
    assert english.exit_code == 0 and "lokerid: 9 postings read; " in english.output, english.output
