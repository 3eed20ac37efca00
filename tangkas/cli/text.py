"""Reading text: ``tangkas extract``, ``tangkas code-title``, ``tangkas eval titles|skills``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tangkas.cli.app import JsonOption, LangOption, app, console, errors, eval_app, fail, parse_lang, say
from tangkas.errors import TangkasError
from tangkas.i18n import translate
from tangkas.models import Lang

if TYPE_CHECKING:
    from tangkas.evaluation.baselines import TitleMethod

MESSAGES: dict[str, dict[str, str]] = {
    "skill": {"id": "Keterampilan", "en": "Skill"},
    "evidence": {"id": "Bukti", "en": "Evidence"},
    "method": {"id": "Metode", "en": "Method"},
    "confidence": {"id": "Keyakinan", "en": "Confidence"},
    "occupation": {"id": "Jabatan (ESCO)", "en": "Occupation (ESCO)"},
    "score": {"id": "Skor", "en": "Score"},
    "none": {"id": "Tidak ada keterampilan yang ditemukan.", "en": "No skills found."},
    "no_title": {"id": "Judul kosong.", "en": "Empty title."},
}

SemanticOption = Annotated[
    bool, typer.Option("--semantic/--phrase-only", help="Tahap semantik (e5) selain pencocokan frasa.")
]


def _t(key: str, lang: str) -> str:
    return translate(MESSAGES, key, parse_lang(lang))


def _read(source: str, lang: Lang) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        fail(say("not_found", lang, path=source), lang)
    return path.read_text(encoding="utf-8", errors="replace")


@app.command("extract")
def extract_command(
    source: Annotated[str, typer.Argument(help="Berkas teks iklan/CV, atau - untuk stdin.")],
    semantic: SemanticOption = True,
    json_output: JsonOption = False,
    lang: LangOption = "id",
) -> None:
    """Keterampilan ESCO dari teks iklan lowongan atau CV, dengan bukti (span) dan metode."""
    from tangkas.services.understand import mention_to_dict, skill_mentions

    mentions = skill_mentions(_read(source, parse_lang(lang)), semantic=semantic)
    if json_output:
        console.print_json(json.dumps([mention_to_dict(m) for m in mentions], ensure_ascii=False))
        return
    if not mentions:
        console.print(_t("none", lang))
        return
    table = Table(_t("skill", lang), _t("evidence", lang), _t("method", lang), _t("confidence", lang))
    for m in mentions:
        table.add_row(
            m.skill.label(parse_lang(lang)), f"{m.text} [{m.start}:{m.end}]", m.method, f"{m.confidence:.2f}"
        )
    console.print(table)


@app.command("code-title")
def code_title_command(
    title: Annotated[str, typer.Argument(help='Judul lowongan, mis. "Staff Admin Gudang (Cikarang)".')],
    limit: Annotated[int, typer.Option("--limit", min=1, max=100)] = 5,
    json_output: JsonOption = False,
    lang: LangOption = "id",
) -> None:
    """Kodekan judul pekerjaan ke jabatan ESCO (dengan kode ISCO-08)."""
    from tangkas.services.understand import title_match_to_dict, title_matches

    matches = title_matches(title, limit=limit)
    if not matches:
        fail(_t("no_title", lang), parse_lang(lang))
    if json_output:
        console.print_json(json.dumps([title_match_to_dict(m) for m in matches], ensure_ascii=False))
        return
    table = Table(_t("occupation", lang), "ISCO", _t("score", lang))
    for m in matches:
        table.add_row(m.occupation.label(parse_lang(lang)), m.isco, f"{m.score:.3f}")
    console.print(table)


def _progress(label: str) -> Any:
    def report(done: int, total: int) -> None:
        errors.print(f"{label}: {done}/{total}", markup=False)

    return report


def _finish(result: dict[str, Any]) -> None:
    print(json.dumps(result, ensure_ascii=False))


TitleMethodOption = Annotated[
    str, typer.Option("--method", help="tangkas | tfidf | e5-preferred | e5-labels")
]


def _title_method(path: Path, method: str, lang: Lang) -> TitleMethod:
    """The title-coding method asked for, after checking it and the file (one line and exit 2 if not)."""
    from tangkas.evaluation.baselines import TITLE_METHODS

    chosen = next((m for m in TITLE_METHODS if m == method), None)
    if chosen is None:
        fail(say("bad_method", lang, method=method, choices=", ".join(TITLE_METHODS)), lang)
    if not path.is_file():
        fail(say("not_found", lang, path=path), lang)
    return chosen


@eval_app.command("titles")
def eval_titles_command(
    path: Annotated[Path, typer.Argument(help="CSV JobBERT: index, vacancyTitle, conceptUri.")],
    method: TitleMethodOption = "tangkas",
    lang: LangOption = "id",
) -> None:
    """Evaluasi pengkodean judul pekerjaan (MRR, recall@1/5/10)."""
    from tangkas.evaluation.titles import evaluate_titles

    chosen = _title_method(path, method, parse_lang(lang))
    _finish(evaluate_titles(path, chosen, progress=_progress("titles")))


@eval_app.command("titles-id")
def eval_titles_id_command(
    path: Annotated[Path, typer.Argument(help="CSV judul Indonesia: title, isco4, isco4_alt, lang.")],
    method: TitleMethodOption = "tangkas",
    lang: LangOption = "id",
) -> None:
    """Evaluasi pengkodean judul lowongan Indonesia ke golongan ISCO-08 (akurasi ketat dan longgar)."""
    from tangkas.evaluation.titles_id import evaluate_titles_id

    chosen = _title_method(path, method, parse_lang(lang))
    _finish(evaluate_titles_id(path, chosen, progress=_progress("titles-id")))


@eval_app.command("fair-ads")
def eval_fair_ads_command(
    path: Annotated[Path, typer.Argument(help="CSV berlabel: id, title, text, lalu 0/1 per kategori.")],
    out: Annotated[Path | None, typer.Option("--out", help="Tulis juga prediksi 0/1 per iklan.")] = None,
    lang: LangOption = "id",
) -> None:
    """Evaluasi pemeriksa iklan diskriminatif (presisi, recall, F1 per kategori, tingkat iklan)."""
    from tangkas.evaluation.fair_ads import evaluate_fair_ads

    language = parse_lang(lang)
    if not path.is_file():
        fail(say("not_found", language, path=path), language)
    try:
        _finish(evaluate_fair_ads(path, out))
    except TangkasError as error:
        fail(error.say(language), language)


@eval_app.command("skills")
def eval_skills_command(
    path: Annotated[Path, typer.Argument(help="CSV Decorte: sentence, span, sub_span, label.")],
    sentences: Annotated[bool, typer.Option("--sentences", help="Kueri = seluruh kalimat.")] = False,
    method: Annotated[
        str, typer.Option("--method", help="tangkas | tfidf | e5-preferred | e5-labels | minilm-labels")
    ] = "tangkas",
    lang: LangOption = "id",
) -> None:
    """Evaluasi pengenalan keterampilan (RP@5, RP@10, MRR)."""
    from tangkas.evaluation.baselines import SKILL_METHODS
    from tangkas.evaluation.skills import evaluate_skills

    language = parse_lang(lang)
    chosen = next((m for m in SKILL_METHODS if m == method), None)
    if chosen is None:
        fail(say("bad_method", language, method=method, choices=", ".join(SKILL_METHODS)), language)
    if not path.is_file():
        fail(say("not_found", language, path=path), language)
    _finish(evaluate_skills(path, sentences=sentences, method=chosen, progress=_progress("skills")))
