"""CLI commands for job transitions: ``transitions`` and ``eval transitions``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tangkas.careers.transitions import Recommendation
from tangkas.cli.app import JsonOption, LangOption, app, console, errors, eval_app, fail, parse_lang, say
from tangkas.errors import UnknownConceptError
from tangkas.evaluation.baselines import TRANSITION_METHODS
from tangkas.i18n import translate
from tangkas.models import Lang, Occupation
from tangkas.search import resolve_occupation, resolve_skill
from tangkas.services.recommend import occupation_label_id, recommend, recommendation_to_dict
from tangkas.services.understand import worker_profile

MESSAGES = {
    "title": {"id": "Peluang pindah jabatan dari {source}", "en": "Job transitions from {source}"},
    "occupation": {"id": "Jabatan tujuan", "en": "Target occupation"},
    "score": {"id": "Kelayakan", "en": "Viability"},
    "flags": {"id": "Status", "en": "Status"},
    "risk": {"id": "Δ risiko otomasi", "en": "Δ automation risk"},
    "carry": {"id": "Terbawa", "en": "Carries over"},
    "missing": {"id": "Keterampilan esensial yang kurang", "en": "Missing essential skills"},
    "very_good": {"id": "sangat cocok", "en": "very good fit"},
    "good": {"id": "cocok", "en": "good fit"},
    "fair": {"id": "bisa dicoba", "en": "worth a try"},
    "desirable": {"id": "diinginkan", "en": "desirable"},
    "none": {"id": "Tidak ada jabatan tujuan yang layak.", "en": "No viable target occupations."},
    "no_match": {"id": "tidak ada jabatan untuk {query!r}", "en": "no occupation for {query!r}"},
    "no_skill": {"id": "tidak ada keterampilan untuk {query!r}", "en": "no skill for {query!r}"},
    "inputs": {"id": "Dasar penilaian daya tarik: {inputs}", "en": "Desirability based on: {inputs}"},
    "building": {
        "id": "transitions {method}: membangun matriks kemiripan ...",
        "en": "transitions {method}: building the similarity matrix ...",
    },
}
SkillsOption = Annotated[
    str, typer.Option("--skills", help="Keterampilan tambahan, dipisah koma (URI, label ESCO, atau teks).")
]
TopOption = Annotated[int, typer.Option("--top", "-n", min=1, max=100, help="Jumlah rekomendasi.")]
ProvinceOption = Annotated[str, typer.Option("--province", help="Provinsi tempat tinggal.")]
ExcludeOption = Annotated[str, typer.Option("--exclude", help="Jabatan yang dikecualikan, dipisah koma.")]
JumpOption = Annotated[int, typer.Option("--max-jump", min=0, max=4, help="Kenaikan zona kerja maksimum.")]
LessPhysicalOption = Annotated[
    bool, typer.Option("--less-physical", help="Hanya pekerjaan yang tidak berat secara fisik.")
]
IndoorOption = Annotated[bool, typer.Option("--indoor", help="Hanya pekerjaan di dalam ruangan.")]


def _t(key: str, lang: Lang, **values: object) -> str:
    return translate(MESSAGES, key, lang, **values)


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", value) if part.strip()]


@app.command()
def transitions(
    query: str,
    skills: SkillsOption = "",
    top: TopOption = 10,
    province: ProvinceOption = "",
    exclude: ExcludeOption = "",
    max_jump: JumpOption = 4,
    less_physical: LessPhysicalOption = False,
    indoor: IndoorOption = False,
    lang: LangOption = "id",
    as_json: JsonOption = False,
) -> None:
    """Jabatan yang bisa dituju dari sebuah jabatan (teks, kode ESCO, atau URI), beserta alasannya."""
    language = parse_lang(lang)
    try:
        source = resolve_occupation(query)
        extra = [resolve_skill(s) for s in _split(skills)]
        profile = worker_profile(
            [source.uri],
            [s.uri for s in extra],
            province=province,
            exclude=_split(exclude),
            max_job_zone_jump=max_jump,
            less_physical=less_physical,
            indoor=indoor,
        )
    except UnknownConceptError as error:
        fail(
            _t("no_skill" if error.kind == "skill" else "no_match", language, query=error.identifier),
            language,
        )
    recs = recommend(profile, top=top)
    if as_json:
        payload = {
            "source": {
                "uri": source.uri,
                "code": source.code,
                "label_en": source.label_en,
                "label_id": source.label_id,
            },
            "skills": [s.uri for s in extra],
            "recommendations": [recommendation_to_dict(r) for r in recs],
        }
        console.print_json(json.dumps(payload, ensure_ascii=False))
        return
    _print_table(source, recs, language)


def _print_table(source: Occupation, recs: list[Recommendation], lang: Lang) -> None:
    name = f"{source.label(lang)} ({occupation_label_id(source)}, {source.code})"
    if not recs:
        console.print(_t("none", lang))
        return
    table = Table(title=_t("title", lang, source=name), show_lines=True)
    for key in ("occupation", "score", "flags", "risk", "carry", "missing"):
        table.add_column(_t(key, lang))
    for rec in recs:
        flags = [_t(rec.fit, lang)]
        if rec.desirable:
            flags.append(_t("desirable", lang))
        label = rec.occupation.label(lang)
        if lang == "id":
            label += f"\n{occupation_label_id(rec.occupation)}"
        risk = "" if rec.automation_risk_change is None else f"{rec.automation_risk_change:+.2f}"
        missing = ", ".join(g.skill.label(lang) for g in rec.gap.missing_essential[:3])
        carried = str(len(rec.gap.transferable))
        table.add_row(label, f"{rec.score:.3f}", ", ".join(flags), risk, carried, missing)
    console.print(table)
    console.print(_t("inputs", lang, inputs=", ".join(recs[0].desirability_inputs) or "-"))


MethodOption = Annotated[
    str,
    typer.Option("--method", help=f"Skor yang diuji: {', '.join(TRANSITION_METHODS)} (bawaan: combined)."),
]


@eval_app.command("transitions")
def eval_transitions(path: Path, method: MethodOption = "combined", lang: LangOption = "id") -> None:
    """Protokol transisi jabatan (O*NET Related Occupations); satu objek JSON di baris terakhir."""
    from tangkas.evaluation.transitions import evaluate_transitions

    language = parse_lang(lang)
    if method not in TRANSITION_METHODS:
        fail(say("bad_method", language, method=method, choices=", ".join(TRANSITION_METHODS)), language)
    if not path.exists():
        fail(say("not_found", language, path=path), language)

    def progress(done: int, total: int) -> None:
        if done % 100 == 0 or done == total:
            errors.print(f"transitions {method}: {done}/{total}", markup=False)

    errors.print(_t("building", language, method=method), markup=False)
    report = evaluate_transitions(path, method=method, progress=progress)
    typer.echo(json.dumps(report))
