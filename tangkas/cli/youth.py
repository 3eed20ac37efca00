"""Young people's interest profiler: ``tangkas eval interests``."""

from __future__ import annotations

import json
from typing import Any

from rich.table import Table

from tangkas.cli.app import JsonOption, LangOption, console, eval_app, parse_lang
from tangkas.i18n import decimal
from tangkas.models import Lang

TEXT: dict[str, dict[Lang, str]] = {
    "title": {
        "id": "Pemulihan diri profiler minat: {codes} kode O*NET, jabatan sendiri di {cutoff} teratas",
        "en": "Interest profiler self-recovery: {codes} O*NET codes, own occupation in the top {cutoff}",
    },
    "form": {"id": "Formulir", "en": "Form"},
    "rule": {"id": "Aturan jawaban", "en": "Answer rule"},
    "top1": {"id": "Peringkat 1", "en": "Rank 1"},
    "top10": {"id": "10 teratas", "en": "Top 10"},
    "family": {"id": "10 teratas (keluarga SOC)", "en": "Top 10 (SOC family)"},
    "median": {"id": "Median peringkat", "en": "Median rank"},
    "spread": {"id": "sebar (utama)", "en": "spread (main)"},
    "uniform": {"id": "seragam", "en": "uniform"},
    "noisy": {"id": "derau sd 1, seed 19", "en": "noise sd 1, seed 19"},
    "agree": {
        "id": "Kesepakatan 60 vs 30 butir: kode tiga huruf sama {code}, tiga bidang sama {set}, "
        "bidang teratas sama {first}",
        "en": "Agreement 60 vs 30 items: same three-letter code {code}, same three areas {set}, "
        "same first area {first}",
    },
}


def _pct(value: float, lang: Lang = "id") -> str:
    """A share as a percentage, with a decimal comma in Indonesian.

    >>> _pct(0.994), _pct(0.994, "en")
    ('99,4%', '99.4%')
    """
    return f"{decimal(100 * value, 1, lang)}%"


def print_report(report: dict[str, Any], lang: Lang) -> None:
    """The evaluation as a table in ``lang``."""
    table = Table(title=TEXT["title"][lang].format(codes=report["codes"], cutoff=report["cutoff"]))
    for key in ("form", "rule", "top1", "top10", "family", "median"):
        table.add_column(TEXT[key][lang])
    for form in ("short60", "mini30"):
        for rule in ("spread", "uniform", "noisy"):
            row = report[f"{form}_{rule}"]
            table.add_row(
                form,
                TEXT[rule][lang],
                _pct(row["top1"], lang),
                _pct(row["top10"], lang),
                _pct(row["top10_family"], lang),
                f"{row['median_rank']:g}",
            )
    console.print(table)
    console.print(
        TEXT["agree"][lang].format(
            code=_pct(report["forms_same_top3_code"], lang),
            set=_pct(report["forms_same_top3_set"], lang),
            first=_pct(report["forms_same_first_area"], lang),
        )
    )


@eval_app.command("interests")
def eval_interests_command(lang: LangOption = "id", json_output: JsonOption = False) -> None:
    """Pemulihan diri profiler minat O*NET (60 dan 30 butir) dan kesepakatan kedua formulir."""
    from tangkas.evaluation.interests import evaluate_interests

    language = parse_lang(lang)
    report = evaluate_interests()
    if json_output:
        console.print_json(json.dumps(report))
        return
    print_report(report, language)
