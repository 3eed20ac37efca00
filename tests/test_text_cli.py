from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tangkas.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def test_cli_extract_json_from_stdin() -> None:
    result = runner.invoke(app, ["extract", "-", "--json", "--phrase-only"], input="Menguasai Python dan SQL")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["label_en"] for r in rows] == ["Python (computer programming)", "SQL"]
    assert rows[0]["start"] == 10 and rows[0]["text"] == "Python"


def test_cli_extract_table_from_file_in_english() -> None:
    result = runner.invoke(app, ["extract", str(DATA / "ad_en.txt"), "--phrase-only", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Skill" in result.stdout and "SQL" in result.stdout


def test_cli_extract_missing_file_fails_with_one_line() -> None:
    result = runner.invoke(app, ["extract", "/nonexistent.txt"])
    assert result.exit_code == 2


def test_cli_code_title() -> None:
    result = runner.invoke(app, ["code-title", "URGENT!! Sopir Pribadi", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 3 and rows[0]["isco"].startswith("83")
    assert runner.invoke(app, ["code-title", "!!!"]).exit_code == 2


def _refusal(args: list[str]) -> str:
    """The one line a refused command prints on stderr."""
    result = runner.invoke(app, args)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1, result.output
    return lines[0]


def test_cli_extract_missing_file_is_refused_in_the_language() -> None:
    missing = "/nonexistent.txt"
    assert _refusal(["extract", missing]) == f"galat: berkas tidak ditemukan: {missing}"
    assert _refusal(["extract", missing, "--lang", "en"]) == f"error: file not found: {missing}"


def test_cli_eval_refuses_unknown_methods_and_missing_files_in_the_language() -> None:
    titles = str(DATA / "titles_dev.csv")
    for command in ("titles", "titles-id", "skills"):
        indonesian = _refusal(["eval", command, titles, "--method", "astrologi"])
        english = _refusal(["eval", command, titles, "--method", "astrologi", "--lang", "en"])
        assert indonesian.startswith("galat: metode tidak dikenal: 'astrologi' (pilih tangkas, ")
        assert english.startswith("error: unknown method: 'astrologi' (choose tangkas, ")
    for command in ("titles", "titles-id", "skills", "fair-ads"):
        assert _refusal(["eval", command, "/none.csv"]) == "galat: berkas tidak ditemukan: /none.csv"
        assert _refusal(["eval", command, "/none.csv", "--lang", "en"]) == "error: file not found: /none.csv"
