"""The words of a job title: cleaning, the names it matches word for word, its rank and its domain.

:func:`title_core` keeps the words that name the occupation; :func:`clean_title` adds English
equivalents of Indonesian words for the multilingual model; :func:`lexical_scores` finds occupations
one of whose names (ESCO's, ours in Indonesian, or an ad-title term) the title contains word for word;
:func:`title_level` reads the rank the title states; :func:`with_context` names the domain of a generic
title (:func:`generic_title`) from its ad's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pyarrow.parquet as pq

from tangkas.loading import load_once
from tangkas.taxonomy import DATA_DIR, load_taxonomy
from tangkas.text.lang import en, id
from tangkas.text.normalize import normalize

AD_TERMS = DATA_DIR / "occupation_ad_terms.parquet"
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
_MONEY = re.compile(r"\b(rm|rp|idr|usd)\s*[\d.,]+\w*\*?", re.IGNORECASE)
_SPLIT = re.compile(r"\s+[-|@]\s+|\s*[|]\s*")
Level = Literal["manager", "supervisor", "staff", "none"]
LEVEL_WORDS: dict[Level, frozenset[str]] = {
    "manager": frozenset(
        """manager manajer mgr head kepala direktur director gm chief ceo cfo coo cto vp president
        presiden pimpinan pemimpin owner""".split()
    ),
    "supervisor": frozenset(
        "supervisor spv koordinator coordinator leader foreman mandor pengawas penyelia lead".split()
    ),
    "staff": frozenset(
        """staff staf admin administrator administrasi officer crew clerk petugas pegawai karyawan
        operator helper assistant asisten asst""".split()
    ),
}
"""Words that state a title's rank, strongest first ("kepala regu", a team leader, is a supervisor)."""


def clean_title(title: str) -> str:
    """The part of a title that names the occupation, normalised, with English equivalents of its
    Indonesian words appended (the small multilingual model reads "gudang warehouse" better).

    >>> clean_title("Staff Admin Gudang (Cikarang)"), clean_title("Sr. Sales Exec - Otomotif")
    ('administrative gudang warehouse', 'sales executive otomotif')
    >>> clean_title("URGENT!! Sopir Pribadi"), clean_title("!!!")
    ('sopir pribadi driver', '')
    """
    joined = title_core(title)
    extra = [en_word for id_word, en_word in id.TITLE_WORDS_EN.items() if f" {id_word} " in f" {joined} "]
    return " ".join([joined, *dict.fromkeys(e for e in extra if f" {e} " not in f" {joined} ")]).strip()


def title_core(title: str) -> str:
    """A title's occupation words only: brackets, pay, a second part after " - ", recruiting noise,
    level words, numbers and trailing place names removed, abbreviations written out.

    >>> title_core("URGENT!! Staf Admin Gudang (Cikarang) - Rp 5jt"), title_core("Sales Motoris Jawa Timur")
    ('administrative gudang', 'sales motoris')
    >>> title_core("Tukang Batu")  # "Batu" is a city, but also a word of occupations' names
    'tukang batu'
    """
    text = _MONEY.sub(" ", _BRACKETS.sub(" ", title))
    text = " ".join(_SPLIT.split(text)[:2])
    words = []
    for word in normalize(text.replace("&", " & ").replace("f & b", "f&b")).split():
        word = en.TITLE_EXPANSIONS.get(word, word)
        if word in en.TITLE_LEVEL_WORDS or word in en.TITLE_NOISE or word in id.TITLE_NOISE or word.isdigit():
            continue
        words.append(word)
    return " ".join(_without_trailing_places(words))


def _without_trailing_places(words: list[str]) -> list[str]:
    places = _title_places()
    while len(words) > 1:
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[-n:]) in places:
                words = words[:-n]
                while len(words) > 1 and words[-1] in ("dan", "and", "&"):
                    words = words[:-1]
                break
        else:
            return words
    return words


@load_once
def _title_places() -> frozenset[str]:
    """Indonesian place names that may end an ad title ("Admin Gudang Cikarang"), except those with a
    word that occupation names use ("Batu", as in "tukang batu")."""
    from tangkas.market.places import place_names

    used: set[str] = set()
    for occ in load_taxonomy().occupations:
        for name in (occ.label_en, *occ.alt_en, occ.label_id, *occ.alt_id):
            used.update(normalize(name).split())
    return frozenset(p for p in place_names() if not set(p.split()) & used)


@load_once
def exact_names() -> dict[str, tuple[int, ...]]:
    """Every name of every occupation (ESCO's English preferred and alternative labels, our Indonesian
    name and the words Indonesian ads use), reduced by :func:`title_core` -> occupation rows. An
    ad-title term (``scripts/labels/occupations_ad_terms.csv``) names its one occupation, whatever other
    labels share its words: it records how Indonesian ads use the words."""
    tax = load_taxonomy()
    rows: dict[str, set[int]] = {}
    for i, occ in enumerate(tax.occupations):
        for name in (occ.label_en, *occ.alt_en, occ.label_id, *occ.alt_id):
            key = title_core(name)
            if key:
                rows.setdefault(key, set()).add(i)
    lexicon = {key: tuple(sorted(found)) for key, found in rows.items()}
    if AD_TERMS.exists():
        for row in pq.read_table(AD_TERMS).to_pylist():
            key = title_core(row["term"])
            if key and row["uri"] in tax.occupation_index:
                lexicon[key] = (tax.occupation_index[row["uri"]],)
    return lexicon


def lexical_scores(cores: Sequence[str], n_occupations: int) -> np.ndarray:
    """(len(cores), n_occupations): for each title, the share of its words covered by the longest
    name of each occupation found in it word for word (1.0 when the title is exactly a name), divided
    by the square root of how many occupations share that name."""
    lexicon = exact_names()
    out = np.zeros((len(cores), n_occupations), dtype=np.float32)
    for i, core in enumerate(cores):
        words = core.split()
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                found = lexicon.get(" ".join(words[start:end]))
                if found:
                    value = (end - start) / len(words) / len(found) ** 0.5
                    cols = list(found)
                    out[i, cols] = np.maximum(out[i, cols], value)
    return out


def title_level(title: str) -> Level:
    """The rank a title's own words state: ``manager``, ``supervisor``, ``staff`` or ``none``.

    >>> title_level("Kepala Gudang"), title_level("Kepala Regu Produksi"), title_level("Staf PPIC")
    ('manager', 'supervisor', 'staff')
    >>> title_level("Import Export")
    'none'
    """
    text = normalize(title)
    if "kepala regu" in text:
        return "supervisor"
    words = set(text.split())
    for level, vocabulary in LEVEL_WORDS.items():
        if words & vocabulary:
            return level
    return "none"


def generic_title(title: str) -> bool:
    """Whether a title's occupation words name no work domain, so :func:`with_context` reads its ad.

    >>> generic_title("Staff Admin"), generic_title("Operator"), generic_title("Admin Gudang")
    (True, True, False)
    """
    return all(w in id.GENERIC_TITLE_WORDS for w in title_core(title).split())


def with_context(title: str, context: str) -> str:
    """A generic title ("Staff Admin", "Operator", "Crew") with the work domain its ad or CV lines name
    most often ("gudang", "toko", "produksi") added; other titles unchanged.

    >>> with_context("Staff Admin", "Mencatat stok barang masuk dan keluar gudang, stock opname gudang")
    'Staff Admin gudang'
    >>> with_context("Admin Gudang", "Melayani pelanggan di toko")
    'Admin Gudang'
    """
    if not generic_title(title):
        return title
    text = f" {normalize(context)} "
    counts = {d: text.count(f" {d} ") for d in id.TITLE_DOMAINS}
    domain = max(counts, key=lambda d: counts[d])
    return f"{title} {domain}" if counts[domain] else title
