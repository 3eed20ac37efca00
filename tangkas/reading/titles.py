"""Job-title coding: a vacancy or CV title in Indonesian, Malay or English -> ranked ESCO occupations.

The title is cleaned first (locations in brackets, salary and recruiting noise such as ``URGENT!!``,
seniority words, abbreviations like ``Sr.``/``Exec``), then every ESCO occupation is scored by
a weighted sum of:

- ``e5``: multilingual-e5 similarity to the occupation's best name, ESCO's (preferred, alternative,
  hidden) or ours in Indonesian — the main signal, and the one that carries Indonesian and Malay;
- ``centroid``: e5 similarity to the mean of all the occupation's labels (rewards occupations many
  of whose labels fit the title, not just one);
- ``indonesian``: e5 similarity to the occupation's best Indonesian name again (our ``label_id`` and
  the ``alt_id`` words Indonesian ads use), so Indonesian titles lean on Indonesian names;
- ``kbji``: e5 similarity to the KBJI 2014 Indonesian titles of its ISCO unit group;
- ``onet``: the cleaned title is an O*NET 29.2 title or alternate title of an O*NET occupation that
  the official crosswalk links to the ESCO occupation;
- ``demand``: log1p of how many real job ads of the development feeds code to the occupation (built offline by
  ``scripts/build_title_prior.py``; breaks near-ties towards occupations that are advertised).

Character n-gram TF-IDF to the best label (for typos and word forms) was tuned to weight 0; it is
the ``tfidf`` baseline of ``tangkas.evaluation.baselines``.

>>> [m.occupation.isco for m in code_title("URGENT!! Sopir Pribadi", limit=3)][:1]
['8322']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pyarrow.parquet as pq

from tangkas.models import Occupation
from tangkas.taxonomy import DATA_DIR, load_taxonomy
from tangkas.text.lang import en, id
from tangkas.text.normalize import normalize

TITLE_CACHE_SIZE = 65_536
WEIGHTS = {
    "e5": 1.0,
    "indonesian": 0.5,
    "preferred": 0.3,
    "centroid": 1.0,
    "kbji": 0.2,
    "onet": 0.03,
    "demand": 0.005,
}
DEMAND = DATA_DIR / "occupation_demand.parquet"
ONET_TITLES = DATA_DIR / "onet_titles.parquet"
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
_MONEY = re.compile(r"\b(rm|rp|idr|usd)\s*[\d.,]+\w*\*?", re.IGNORECASE)
_SPLIT = re.compile(r"\s+[-|@]\s+|\s*[|]\s*")


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """One ranked occupation for a title; ``isco`` is its ISCO-08 unit group."""

    occupation: Occupation
    isco: str
    score: float


def clean_title(title: str) -> str:
    """The part of a title that names the occupation, normalised.

    >>> clean_title("Staff Admin Gudang (Cikarang)"), clean_title("Sr. Sales Exec - Otomotif")
    ('administrative gudang warehouse', 'sales executive otomotif')
    >>> clean_title("URGENT!! Sopir Pribadi"), clean_title("!!!")
    ('sopir pribadi driver', '')
    """
    text = _MONEY.sub(" ", _BRACKETS.sub(" ", title))
    text = " ".join(_SPLIT.split(text)[:2])
    words = []
    for word in normalize(text.replace("&", " & ").replace("f & b", "f&b")).split():
        word = en.TITLE_EXPANSIONS.get(word, word)
        if word in en.TITLE_LEVEL_WORDS or word in en.TITLE_NOISE or word in id.TITLE_NOISE or word.isdigit():
            continue
        words.append(word)
    joined = " ".join(words)
    extra = [en_word for id_word, en_word in id.TITLE_WORDS_EN.items() if f" {id_word} " in f" {joined} "]
    return " ".join([joined, *dict.fromkeys(e for e in extra if f" {e} " not in f" {joined} ")]).strip()


@cache
def _centroids() -> np.ndarray:
    """(n_occupations, 384): the normalised mean of each occupation's label vectors."""
    from tangkas.reading.embeddings import all_labels

    labels = all_labels("occupations")
    sums = np.add.reduceat(labels.vectors, labels.starts, axis=0)
    centroids: np.ndarray = sums / np.linalg.norm(sums, axis=1, keepdims=True)
    return centroids


@cache
def _kbji_to_occupations() -> tuple[np.ndarray, np.ndarray]:
    """KBJI title vectors and, per ESCO occupation, the KBJI titles of its ISCO unit group (a 0/1 matrix)."""
    from tangkas.reading.embeddings import label_embeddings

    kbji = label_embeddings("kbji")
    tax = load_taxonomy()
    isco_of = [tax.kbji[k].isco for k in kbji.owners]
    member = np.zeros((len(tax.occupations), len(isco_of)), dtype=bool)
    by_isco: dict[str, list[int]] = {}
    for j, isco in enumerate(isco_of):
        by_isco.setdefault(isco, []).append(j)
    for i, occ in enumerate(tax.occupations):
        member[i, by_isco.get(occ.isco, [])] = True
    return kbji.vectors, member


def _kbji_scores(queries: np.ndarray) -> np.ndarray:
    vectors, member = _kbji_to_occupations()
    sims = queries @ vectors.T
    out = np.full((queries.shape[0], member.shape[0]), 0.0, dtype=np.float32)
    for i in range(member.shape[0]):
        cols = member[i]
        if cols.any():
            out[:, i] = sims[:, cols].max(axis=1)
    fallback = out[:, member.any(axis=1)].min() if member.any() else 0.0
    out[:, ~member.any(axis=1)] = fallback
    return out


def score_titles(titles: Sequence[str]) -> np.ndarray:
    """(len(titles), n_occupations) scores in taxonomy row order; higher is better."""
    from tangkas.reading.embeddings import embed

    cleaned = [clean_title(t) or normalize(t) or t for t in titles]
    return combine_scores(embed(cleaned), cleaned)


@cache
def _demand() -> np.ndarray:
    """log1p(number of real ads coded to each occupation), built by scripts/build_title_prior.py."""
    tax = load_taxonomy()
    counts = np.zeros(len(tax.occupations), dtype=np.float32)
    if DEMAND.exists():
        for row in pq.read_table(DEMAND).to_pylist():
            if row["uri"] in tax.occupation_index:
                counts[tax.occupation_index[row["uri"]]] = row["ads"]
    return np.log1p(counts)


@cache
def _onet_title_rows() -> dict[str, tuple[int, ...]]:
    """Cleaned O*NET (alternate) title -> ESCO occupation rows, through the O*NET-ESCO crosswalk."""
    if not ONET_TITLES.exists():
        return {}
    tax = load_taxonomy()
    by_code: dict[str, list[int]] = {}
    for i, occ in enumerate(tax.occupations):
        by_code.setdefault(occ.code, []).append(i)
    by_soc: dict[str, set[int]] = {}
    for row in pq.read_table(tax.data_dir / "esco_onet.parquet").to_pylist():
        by_soc.setdefault(row["soc"], set()).update(by_code.get(row["esco_code"], ()))
    rows: dict[str, set[int]] = {}
    for row in pq.read_table(ONET_TITLES).to_pylist():
        rows.setdefault(row["title"], set()).update(by_soc.get(row["soc"], ()))
    return {title: tuple(sorted(found)) for title, found in rows.items() if found}


def combine_scores(queries: np.ndarray, cleaned: Sequence[str], *, prior: bool = True) -> np.ndarray:
    """The ``tangkas`` score from embedded cleaned titles: the weighted signals of the module docstring."""
    from tangkas.reading.embeddings import all_labels, best_by_owner, best_label_scores, indonesian_labels

    labels = all_labels("occupations")
    sims = queries @ labels.vectors.T
    indonesian = best_label_scores(queries, indonesian_labels())
    best = np.maximum(best_by_owner(sims, labels), indonesian)
    scores = WEIGHTS["e5"] * best + WEIGHTS["preferred"] * sims[:, labels.starts]
    scores += WEIGHTS["centroid"] * (queries @ _centroids().T)
    scores += WEIGHTS["kbji"] * _kbji_scores(queries)
    scores += WEIGHTS["indonesian"] * indonesian
    if prior:
        onet = _onet_title_rows()
        for i, title in enumerate(cleaned):
            scores[i, list(onet.get(title, ()))] += WEIGHTS["onet"]
        scores += WEIGHTS["demand"] * _demand()[None, :]
    result: np.ndarray = scores
    return result


def code_title(title: str, limit: int = 10) -> list[TitleMatch]:
    """Ranked ESCO occupations (with ISCO-08 code) for a job title in Indonesian, Malay or English.

    >>> [m.occupation.label_en for m in code_title("Sr. Software Engineer (Jakarta)", limit=1)]
    ['software developer']
    >>> code_title("   ")
    []
    """
    if not normalize(title):
        return []
    return list(_code_title_cached(title, limit))


@lru_cache(maxsize=TITLE_CACHE_SIZE)
def _code_title_cached(title: str, limit: int) -> tuple[TitleMatch, ...]:
    scores = score_titles([title])[0]
    order = np.argsort(-scores, kind="stable")[:limit]
    occupations = load_taxonomy().occupations
    return tuple(TitleMatch(occupations[i], occupations[i].isco, round(float(scores[i]), 4)) for i in order)


RRF_K = 60
"""Reciprocal-rank-fusion constant (the usual 60): fuses rankings without calibrating their scores."""


def code_description(text: str, limit: int = 5) -> list[TitleMatch]:
    """Occupations for a free description of someone's work ("saya 8 tahun jadi operator mesin jahit").

    A description is not a title: the title coder and the bilingual search (which reads KBJI titles
    and colloquial Indonesian) each rank occupations, and their ranks are fused. A CV with job lines
    in its experience section ("Admin Gudang - PT Sinar Logistik (2019 - 2022)") is coded from the
    titles of those jobs instead, each job's ranking fused with the others.

    >>> [m.occupation.label_en for m in code_description("saya 8 tahun jadi operator mesin jahit", limit=1)]
    ['sewing machine operator']
    """
    from tangkas.search import search_occupations
    from tangkas.text.prepare import job_titles

    jobs = job_titles(text)
    if jobs:
        rankings = [[m.occupation for m in code_title(title, limit=20)] for title in jobs]
    else:
        rankings = [
            [m.occupation for m in code_title(text, limit=20)],
            [h.occupation for h in search_occupations(text, limit=20)],
        ]
    fused: dict[str, float] = {}
    found: dict[str, Occupation] = {}
    for ranking in rankings:
        for rank, occupation in enumerate(ranking):
            fused[occupation.uri] = fused.get(occupation.uri, 0.0) + 1.0 / (RRF_K + rank + 1)
            found[occupation.uri] = occupation
    best = sorted(fused, key=lambda uri: (-fused[uri], found[uri].label_en))[:limit]
    return [TitleMatch(found[uri], found[uri].isco, round(fused[uri], 5)) for uri in best]
