"""CLI commands over the taxonomy: search, occupation show, skill show, info, demo."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tangkas.cli.app import JsonOption, LangOption, app, console, fail, parse_lang
from tangkas.errors import UnknownConceptError
from tangkas.i18n import RISK_CATEGORIES, translate
from tangkas.models import IscoGroup, KbjiOccupation, Lang, Occupation, Skill
from tangkas.services import understand
from tangkas.services.taxonomy import concept_to_dict, skill_to_dict
from tangkas.taxonomy import Taxonomy, load_taxonomy

MESSAGES = {
    "no_results": {"id": "Tidak ada hasil untuk {query!r}.", "en": "No results for {query!r}."},
    "occupations": {"id": "Jabatan", "en": "Occupations"},
    "skills": {"id": "Keterampilan", "en": "Skills"},
    "score": {"id": "skor", "en": "score"},
    "via": {"id": "lewat", "en": "via"},
    "essential": {"id": "Keterampilan esensial", "en": "Essential skills"},
    "optional": {"id": "Keterampilan opsional", "en": "Optional skills"},
    "isco_path": {"id": "Jalur ISCO-08 / KBJI", "en": "ISCO-08 / KBJI path"},
    "kbji": {"id": "Jabatan KBJI 2014 dalam golongan ini", "en": "KBJI 2014 occupations in this unit group"},
    "alt": {"id": "Nama lain", "en": "Other names"},
    "job_zone": {
        "id": "Zona kerja O*NET {zone} (tingkat persiapan 1-5), lewat {source}",
        "en": "O*NET job zone {zone} (preparation level 1-5), via {source}",
    },
    "riasec": {"id": "Minat RIASEC", "en": "RIASEC interests"},
    "hot": {"id": "Teknologi yang banyak dicari", "en": "Hot technologies"},
    "risk": {
        "id": "Risiko otomasi (Nesta, ISCO {isco}): {risk:.2f} — {category}",
        "en": "Automation risk (Nesta, ISCO {isco}): {risk:.2f} — {category}",
    },
    "no_risk": {"id": "Risiko otomasi: tidak tersedia", "en": "Automation risk: not available"},
    "members": {"id": "Jabatan ESCO dalam golongan ini", "en": "ESCO occupations in this group"},
    "required_by": {"id": "Dibutuhkan (esensial) oleh", "en": "Essential for"},
    "type": {"id": "Jenis", "en": "Type"},
    "collections": {"id": "Koleksi", "en": "Collections"},
    "hierarchy": {"id": "Hierarki", "en": "Hierarchy"},
    "esco_description": {"id": "Deskripsi ESCO (bahasa Inggris)", "en": "ESCO description"},
    "alt_esco": {"id": "Nama lain di ESCO (bahasa Inggris)", "en": "Other names in ESCO"},
    "skill/competence": {"id": "keterampilan", "en": "skill/competence"},
    "knowledge": {"id": "pengetahuan", "en": "knowledge"},
    "cross-sector": {"id": "lintas sektor", "en": "cross-sector"},
    "sector-specific": {"id": "khusus sektor", "en": "sector-specific"},
    "occupation-specific": {"id": "khusus jabatan", "en": "occupation-specific"},
    "transversal": {"id": "lintas bidang", "en": "transversal"},
    "unknown_id": {
        "id": "{kind} tidak dikenal: {query!r}. Cari dulu dengan: tangkas search {query!r}",
        "en": "unknown {kind}: {query!r}. Search first with: tangkas search {query!r}",
    },
    "empty_query": {"id": "kueri kosong", "en": "empty query"},
}
KINDS_ID = {
    "occupation": "jabatan",
    "skill": "keterampilan",
    "ISCO-08 group": "golongan ISCO-08",
    "KBJI occupation": "jabatan KBJI",
    "occupation identifier": "kode jabatan",
}
SkillsFlag = Annotated[bool, typer.Option("--skills", help="Cari keterampilan, bukan jabatan.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="Jumlah hasil.")]

occupation_app = typer.Typer(help="Detail jabatan (ESCO/ISCO/KBJI).", no_args_is_help=True)
skill_app = typer.Typer(help="Detail keterampilan ESCO.", no_args_is_help=True)
app.add_typer(occupation_app, name="occupation")
app.add_typer(skill_app, name="skill")


def _t(key: str, lang: Lang, **values: object) -> str:
    return translate(MESSAGES, key, lang, **values)


@app.command()
def search(
    query: str,
    skills: SkillsFlag = False,
    limit: LimitOption = 10,
    lang: LangOption = "id",
    as_json: JsonOption = False,
) -> None:
    """Cari jabatan (atau keterampilan) dalam bahasa Indonesia atau Inggris."""
    language = parse_lang(lang)
    if not query.strip():
        fail(_t("empty_query", language), language)
    if skills:
        skill_hits = understand.find_skills(query, limit=limit)
        found = [understand.skill_hit_to_dict(h) for h in skill_hits]
        rows = [(h.skill.uri, h.skill.label_en, h.matched, h.score) for h in skill_hits]
    else:
        tax = load_taxonomy()
        hits = understand.find_occupations(query, limit=limit)
        found = [understand.occupation_hit_to_dict(h) for h in hits]
        rows = [
            (h.occupation.code, _occupation_title(tax, h.occupation, language), h.matched, h.score)
            for h in hits
        ]
    if as_json:
        console.print_json(json.dumps(found))
        return
    if not rows:
        console.print(_t("no_results", language, query=query))
        return
    table = Table(title=_t("skills" if skills else "occupations", language), show_lines=False)
    for column in (
        "#",
        "kode" if language == "id" else "code",
        "label",
        _t("via", language),
        _t("score", language),
    ):
        table.add_column(column)
    for rank, (ident, label, matched, score) in enumerate(rows, 1):
        table.add_row(str(rank), ident.rsplit("/", 1)[-1], label, matched, f"{score:.2f}")
    console.print(table)


def _unknown(error: UnknownConceptError, lang: Lang) -> str:
    kind = KINDS_ID.get(error.kind, error.kind) if lang == "id" else error.kind
    return _t("unknown_id", lang, kind=kind, query=error.identifier)


def _occupation_title(tax: Taxonomy, occupation: Occupation, lang: Lang) -> str:
    if lang == "en":
        return occupation.label_en
    if occupation.label_id:
        return f"{occupation.label_id} ({occupation.label_en})"
    aligned = tax.kbji_titles(occupation)
    return f"{occupation.label_en} / {aligned[0].title_id}" if aligned else occupation.label_en


@occupation_app.command("show")
def occupation_show(identifier: str, lang: LangOption = "id", as_json: JsonOption = False) -> None:
    """Tampilkan jabatan: URI ESCO, kode ESCO (2512.4), kode ISCO (7531) atau KBJI (7531.01)."""
    language = parse_lang(lang)
    tax = load_taxonomy()
    try:
        found = tax.lookup(identifier)
    except UnknownConceptError as error:
        fail(_unknown(error, language), language)
    if as_json:
        console.print_json(json.dumps(concept_to_dict(found)))
    elif isinstance(found, Occupation):
        _print_occupation(tax, found, language)
    else:
        _print_group(tax, found, language)


def _print_occupation(tax: Taxonomy, occ: Occupation, lang: Lang) -> None:
    console.print(f"[bold]{_occupation_title(tax, occ, lang)}[/bold]  (ESCO {occ.code})")
    console.print(occ.uri, style="dim")
    path = " > ".join(f"{g.code} {g.label(lang)}" for g in tax.isco_path(occ.isco))
    console.print(f"{_t('isco_path', lang)}: {path}")
    _print_names(occ.description_en, occ.alt_id, occ.alt_en, lang)
    onet = tax.onet(occ)
    if onet:
        console.print(_t("job_zone", lang, zone=onet.job_zone, source=", ".join(onet.soc_codes[:4])))
        if onet.riasec:
            profile = " ".join(f"{n[0].upper()}={v:.1f}" for n, v in zip("RIASEC", onet.riasec, strict=True))
            console.print(f"{_t('riasec', lang)}: {profile}")
        if onet.hot_technologies:
            console.print(f"{_t('hot', lang)}: {', '.join(onet.hot_technologies)}", markup=False)
    risk = tax.automation_risk(occ.isco)
    if risk:
        category = translate(RISK_CATEGORIES, risk.category, lang) if risk.category in RISK_CATEGORIES else ""
        console.print(_t("risk", lang, isco=risk.isco, risk=risk.risk, category=category))
    else:
        console.print(_t("no_risk", lang))
    for key, skills in (("essential", tax.essential_skills(occ)), ("optional", tax.optional_skills(occ))):
        console.print(f"\n[bold]{_t(key, lang)} ({len(skills)})[/bold]")
        for skill in skills:
            console.print(f"  • {skill.label(lang)}", markup=False)


def _print_group(tax: Taxonomy, found: IscoGroup | KbjiOccupation, lang: Lang) -> None:
    if isinstance(found, KbjiOccupation):
        console.print(f"[bold]KBJI {found.kode} {found.title_id}[/bold]")
        console.print(found.description_id, markup=False)
        members = [tax.occupation(uri) for uri in tax.kbji_alignment(found.kode)]
        isco = found.isco
    else:
        console.print(f"[bold]ISCO-08 {found.code} {found.label(lang)}[/bold]")
        console.print(found.description_id if lang == "id" and found.description_id else found.description_en)
        members = tax.occupations_in(found.code)
        isco = found.code
    console.print(
        f"{_t('isco_path', lang)}: " + " > ".join(f"{g.code} {g.label(lang)}" for g in tax.isco_path(isco))
    )
    if len(isco) == 4 and isinstance(found, IscoGroup):
        console.print(f"\n[bold]{_t('kbji', lang)}[/bold]")
        for kbji in tax.kbji_in(isco):
            console.print(f"  • {kbji.kode} {kbji.title_id}", markup=False)
    console.print(f"\n[bold]{_t('members', lang)} ({len(members)})[/bold]")
    for occ in members[:40]:
        console.print(f"  • {occ.code} {occ.label(lang)}", markup=False)


@skill_app.command("show")
def skill_show(identifier: str, lang: LangOption = "id", as_json: JsonOption = False) -> None:
    """Tampilkan keterampilan: URI ESCO, label bahasa Inggris persis, atau nama Indonesianya."""
    language = parse_lang(lang)
    tax = load_taxonomy()
    try:
        skill = tax.skill(identifier)
    except UnknownConceptError as error:
        fail(_unknown(error, language), language)
    required = tax.occupations_requiring(skill)
    if as_json:
        console.print_json(json.dumps(skill_to_dict(skill)))
        return
    _print_skill(tax, skill, required, language)


def _print_names(description_en: str, alt_id: tuple[str, ...], alt_en: tuple[str, ...], lang: Lang) -> None:
    """ESCO's English description (marked as English in Indonesian mode), then the other names: ours in
    Indonesian first in Indonesian mode, ESCO's in English."""
    label = f"{_t('esco_description', lang)}: " if lang == "id" else ""
    console.print(f"{label}{description_en}", markup=False)
    if lang == "id" and alt_id:
        console.print(f"{_t('alt', lang)}: {', '.join(alt_id[:12])}", markup=False)
    if alt_en:
        key = "alt_esco" if lang == "id" else "alt"
        console.print(f"{_t(key, lang)}: {', '.join(alt_en[:12])}", markup=False)


def _print_skill(tax: Taxonomy, skill: Skill, required: list[Occupation], lang: Lang) -> None:
    name = (
        skill.label(lang)
        if skill.label(lang) == skill.label_en
        else f"{skill.label(lang)} ({skill.label_en})"
    )
    kinds = ", ".join(_t(k, lang) if k in MESSAGES else k for k in (skill.skill_type, skill.reuse_level) if k)
    console.print(f"[bold]{escape(name)}[/bold]  ({kinds})")
    console.print(skill.uri, style="dim")
    _print_names(skill.description_en, skill.alt_id, (), lang)
    path = " > ".join(g.label(lang) for g in tax.skill_path(skill))
    if path:
        console.print(f"{_t('hierarchy', lang)}: {path}", markup=False)
    if skill.collections:
        console.print(f"{_t('collections', lang)}: {', '.join(sorted(skill.collections))}")
    if skill.alt_en:
        key = "alt_esco" if lang == "id" else "alt"
        console.print(f"{_t(key, lang)}: {', '.join(skill.alt_en[:12])}", markup=False)
    console.print(f"\n[bold]{_t('required_by', lang)} ({len(required)})[/bold]")
    for occ in required[:30]:
        console.print(f"  • {occ.code} {occ.label(lang)}", markup=False)


@app.command()
def info(as_json: JsonOption = False) -> None:
    """Data referensi yang dikirim bersama paket: sumber, versi, jumlah baris, cakupan."""
    tax = load_taxonomy()
    data = {"manifest": tax.manifest(), "coverage": tax.enrichment_coverage()}
    if as_json:
        console.print_json(json.dumps(data))
    else:
        console.print(data)
