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
