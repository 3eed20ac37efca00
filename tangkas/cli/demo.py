"""``tangkas demo``: the main demonstration, run by ``make run`` until the web app lands."""

from __future__ import annotations

from tangkas.cli.app import LangOption, app, console, parse_lang
from tangkas.cli.taxonomy import occupation_show, search
from tangkas.search import search_occupations

QUERIES = ("penjahit", "sopir truk", "software developer")


@app.command()
def demo(lang: LangOption = "id") -> None:
    """Demonstrasi: cari jabatan dalam bahasa sehari-hari, lalu lihat keterampilan dan pengayaannya."""
    language = parse_lang(lang)
    for query in QUERIES:
        console.rule(f"tangkas search {query!r}")
        search(query, skills=False, limit=5, lang=language, as_json=False)
    top = search_occupations(QUERIES[0], limit=1)[0].occupation
    console.rule(f"tangkas occupation show {top.code}")
    occupation_show(top.code, lang=language, as_json=False)
