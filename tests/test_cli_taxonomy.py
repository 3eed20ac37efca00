from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tangkas.cli import app

runner = CliRunner()


def test_cli_search_prints_ranked_occupations_in_indonesian() -> None:
    result = runner.invoke(app, ["search", "sopir truk", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "Jabatan" in result.output
    assert "8332" in result.output


def test_cli_search_json_and_skills_flag() -> None:
    result = runner.invoke(app, ["search", "forklift", "--skills", "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["label_en"] == "operate forklift"


def test_cli_search_in_english() -> None:
    result = runner.invoke(app, ["search", "software developer", "--lang", "en", "-n", "2"])
    assert result.exit_code == 0
    assert "Occupations" in result.output


@pytest.mark.parametrize("identifier", ["2512.4", "7531", "7531.01", "kbji:8332.01"])
def test_cli_occupation_show_accepts_every_identifier(identifier: str) -> None:
    result = runner.invoke(app, ["occupation", "show", identifier])
    assert result.exit_code == 0, result.output
    assert "ISCO" in result.output


def test_cli_occupation_show_lists_skills_and_enrichments() -> None:
    result = runner.invoke(app, ["occupation", "show", "2512.4", "--lang", "en"])
    assert result.exit_code == 0
    assert "Essential skills" in result.output
    assert "O*NET job zone 4" in result.output
    assert "Automation risk" in result.output


def test_cli_occupation_show_json_has_skills() -> None:
    result = runner.invoke(app, ["occupation", "show", "2512.4", "--json"])
    data = json.loads(result.output)
    assert data["code"] == "2512.4"
    assert data["essential_skills"] and data["onet"]["job_zone"] == 4


def test_cli_skill_show() -> None:
    result = runner.invoke(app, ["skill", "show", "operate forklift"])
    assert result.exit_code == 0
    assert "operate forklift" in result.output


def test_cli_skill_show_speaks_indonesian() -> None:
    result = runner.invoke(app, ["skill", "show", "mengoperasikan forklift"])  # our name finds it too
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "(keterampilan, lintas sektor)" in text and "skill/competence" not in text
    assert "Deskripsi ESCO (bahasa Inggris)" in text and "mengoperasikan alat berat bergerak" in text
    english_run = runner.invoke(app, ["skill", "show", "operate forklift", "--lang", "en"])
    english = " ".join(english_run.output.split())
    assert "skill/competence" in english and "Deskripsi" not in english


@pytest.mark.parametrize(
    "args",
    [
        ["occupation", "show", "9999.99"],
        ["occupation", "show", "bukan-kode"],
        ["skill", "show", "no such skill"],
        ["search", "x", "--lang", "fr"],
        ["search", "   "],
        ["serve", "--workers", "2", "--db", "duckdb:///:memory:"],
    ],
)
def test_cli_user_errors_exit_2_with_one_line(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tangkas", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("galat:"), result.stderr


def test_cli_user_errors_in_english_say_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tangkas", "occupation", "show", "bogus", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2 and result.stderr.startswith("error: "), result.stderr


def test_cli_help_is_indonesian() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Cari jabatan" in result.output


def test_cli_occupation_show_names_the_automation_risk_in_the_language() -> None:
    indonesian = runner.invoke(app, ["occupation", "show", "5230.1"])
    english = runner.invoke(app, ["occupation", "show", "5230.1", "--lang", "en"])
    assert "risiko tinggi" in indonesian.output and "High risk" not in indonesian.output
    assert "high risk" in english.output


@pytest.mark.parametrize(
    ("lang", "said"), [([], "galat: kueri kosong"), (["--lang", "en"], "error: empty query")]
)
def test_cli_empty_search_is_refused_in_the_language(lang: list[str], said: str) -> None:
    result = runner.invoke(app, ["search", "   ", *lang])
    assert result.exit_code == 2 and result.stderr.strip() == said, result.output


def test_cli_unknown_language_is_refused_in_both_languages() -> None:
    result = runner.invoke(app, ["search", "x", "--lang", "fr"])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1, result.output
    assert lines[0].startswith("galat: bahasa tidak dikenal: 'fr' (pilih id atau en)")
    assert "unknown language: 'fr' (choose id or en)" in lines[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ([], "galat: DuckDB hanya bisa dibuka satu proses"),
        (["--lang", "en"], "error: DuckDB can be opened by one process only"),
    ],
)
def test_cli_serve_refuses_workers_on_duckdb_in_the_language(lang: list[str], said: str) -> None:
    result = runner.invoke(app, ["serve", "--workers", "2", "--db", "duckdb:///:memory:", *lang])
    assert result.exit_code == 2 and result.stderr.startswith(said), result.output
