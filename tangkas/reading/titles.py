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
  ``scripts/build_title_prior.py``; breaks near-ties towards occupations that are advertised);
- ``lexical``: the share of the title's words covered by a name of the occupation found in it word
  for word, where the words Indonesian ads use ("admin gudang", "ppic", "sales motoris") name their
  one occupation (:mod:`tangkas.reading.title_words`);
- a rank penalty: managers (ISCO-08 major group 1) lose ``LEVEL_PENALTY`` unless the title names a
  manager ("Staf Exim" is not an import-export manager);
- ``group``: how many occupations of the same ISCO-08 unit group fit (a soft maximum over the group),
  so a group that several names point at beats one stray label.

A generic title ("Staff Admin", "Operator") read with its ad's text takes the work domain the text
names ("gudang" -> stock clerk). The best occupation counts as confident when it beats every
occupation of another unit group by :data:`CONFIDENT_MARGIN` (:func:`best_guesses`).

Character n-gram TF-IDF to the best label (for typos and word forms) was tuned to weight 0; it is
the ``tfidf`` baseline of ``tangkas.evaluation.baselines``.

>>> [m.occupation.isco for m in code_title("URGENT!! Sopir Pribadi", limit=3)][:1]
['8322']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pyarrow.parquet as pq

from tangkas.loading import load_once
from tangkas.models import Occupation
from tangkas.reading.title_words import (
    Level,
    clean_title,
    exact_names,
    lexical_scores,
    title_core,
    title_level,
    with_context,
)
from tangkas.taxonomy import DATA_DIR, load_taxonomy
from tangkas.text.normalize import normalize

__all__ = [
    "TitleKey",
    "TitleMatch",
    "best_guesses",
    "clean_title",
    "code_description",
    "code_title",
    "guess_keys",
    "guess_titles",
    "score_keys",
    "score_titles",
    "title_key",
]

TITLE_CACHE_SIZE = 65_536
WEIGHTS = {
    "e5": 1.0,
    "indonesian": 0.5,
    "preferred": 0.3,
    "centroid": 1.0,
    "kbji": 0.2,
    "onet": 0.03,
    "demand": 0.005,
    "lexical": 0.2,
    "group": 0.2,
}
"""Tuned on titles-id dev (strict / lenient top-1 ISCO-08) with the JobBERT dev MRR kept."""
GROUP_TAU = 0.04
LEVEL_PENALTY = {"staff": 0.1, "supervisor": 0.05, "none": 0.05, "manager": 0.0}
"""Taken from managers' scores by the rank the title states: a staff title is no manager."""
CONFIDENT_MARGIN = 0.12
"""The best occupation is confident when it beats every occupation of another ISCO-08 unit group by
this much. Calibrated on titles-id dev: 53% of titles are confident, 86% of them with the gold unit
group (94% gold or its alternative); 76% of Loker.id ads are (docs/benchmarks.md)."""
DEMAND = DATA_DIR / "occupation_demand.parquet"
ONET_TITLES = DATA_DIR / "onet_titles.parquet"


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """One ranked occupation for a title; ``isco`` is its ISCO-08 unit group."""

    occupation: Occupation
    isco: str
    score: float


@load_once
def _groups() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Occupation columns sorted by ISCO unit group, where each group starts in that order, and each
    occupation's group number."""
    isco = np.array([o.isco for o in load_taxonomy().occupations])
    order = np.argsort(isco, kind="stable")
    starts = np.flatnonzero(np.r_[True, isco[order][1:] != isco[order][:-1]])
    group_of = np.empty(len(isco), dtype=np.int64)
    group_of[order] = np.cumsum(np.r_[True, isco[order][1:] != isco[order][:-1]]) - 1
    return order, starts, group_of


def group_consensus(scores: np.ndarray, tau: float = GROUP_TAU) -> np.ndarray:
    """Per title and ISCO unit group, the soft maximum (``tau`` log-sum-exp) of its occupations'
    scores minus their hard maximum: >= 0, larger when several occupations of the group fit."""
    order, starts, group_of = _groups()
    top = scores.max(axis=1, keepdims=True)
    ordered = scores[:, order]
    soft = tau * np.log(np.add.reduceat(np.exp((ordered - top) / tau), starts, axis=1)) + top
    hard = np.maximum.reduceat(ordered, starts, axis=1)
    gain: np.ndarray = (soft - hard)[:, group_of]
    return gain


@load_once
def _centroids() -> np.ndarray:
    """(n_occupations, 384): the normalised mean of each occupation's label vectors."""
    from tangkas.reading.embeddings import all_labels

    labels = all_labels("occupations")
    sums = np.add.reduceat(labels.vectors, labels.starts, axis=0)
    centroids: np.ndarray = sums / np.linalg.norm(sums, axis=1, keepdims=True)
    return centroids


@load_once
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
    listed = member.any(axis=1)
    # Each title's own lowest score, not the batch's: a title scores the same in any batch.
    out[:, ~listed] = out[:, listed].min(axis=1, keepdims=True) if listed.any() else 0.0
    return out


class TitleKey(NamedTuple):
    """All that scoring reads of a title: the text the model embeds, the occupation words and the rank.
    Titles with one key get the same scores, so a bulk coder codes each key once.

    >>> title_key("Staff Admin Gudang (Cikarang)") == title_key("STAF ADMIN GUDANG - Rp 5jt")
    True
    """

    cleaned: str
    core: str
    level: Level


def title_key(title: str) -> TitleKey:
    """The :class:`TitleKey` of a title (read with its ad's text first: :func:`with_context`)."""
    return TitleKey(clean_title(title) or normalize(title) or title, title_core(title), title_level(title))


def score_titles(titles: Sequence[str], contexts: Sequence[str] | None = None) -> np.ndarray:
    """(len(titles), n_occupations) scores in taxonomy row order; higher is better. ``contexts`` holds,
    per title, the text of its ad or CV lines, which names the domain of a generic title."""
    if contexts is not None:
        titles = [with_context(t, c) for t, c in zip(titles, contexts, strict=True)]
    return score_keys([title_key(t) for t in titles])


def score_keys(keys: Sequence[TitleKey]) -> np.ndarray:
    """:func:`score_titles` of titles given by their keys; each row depends on its own key only."""
    from tangkas.reading.embeddings import embed

    cleaned = [key.cleaned for key in keys]
    scores = combine_scores(embed(cleaned), cleaned)
    scores += WEIGHTS["lexical"] * lexical_scores([key.core for key in keys], scores.shape[1])
    scores += level_adjustment([key.level for key in keys])
    return scores + WEIGHTS["group"] * group_consensus(scores)


@load_once
def _managerial() -> np.ndarray:
    """True for occupations in ISCO-08 major group 1 (managers)."""
    return np.array([o.isco.startswith("1") for o in load_taxonomy().occupations])


def level_adjustment(levels: Sequence[Level]) -> np.ndarray:
    """(len(levels), n_occupations): minus :data:`LEVEL_PENALTY` of each title's rank on managers."""
    managers = _managerial()
    out = np.zeros((len(levels), len(managers)), dtype=np.float32)
    for i, level in enumerate(levels):
        out[i, managers] -= LEVEL_PENALTY[level]
    return out


EXACT_MARGIN = 1.0
"""The margin :func:`guess_titles` gives a title that is exactly one occupation's known name."""


def guess_titles(titles: Sequence[str], contexts: Sequence[str] | None = None) -> list[tuple[int, float]]:
    """Per title, the best occupation's column and its margin (as :func:`best_guesses`), fast: a title
    whose occupation words are exactly a name of one occupation (an ad-title term such as "admin
    gudang", or a label no other occupation shares) is coded to it with :data:`EXACT_MARGIN` without
    the model; only the other titles are scored. On the feeds the shortcut agrees with full scoring
    for 99.8% of titles (docs/benchmarks.md).

    >>> occupations = load_taxonomy().occupations
    >>> [(occupations[j].label_en, m) for j, m in guess_titles(["Kasir"])]
    [('cashier', 1.0)]
    """
    if contexts is not None:
        titles = [with_context(t, c) for t, c in zip(titles, contexts, strict=True)]
    return guess_keys([title_key(t) for t in titles])


def guess_keys(keys: Sequence[TitleKey]) -> list[tuple[int, float]]:
    """:func:`guess_titles` of titles given by their keys: the same guess for a key in any batch."""
    out: list[tuple[int, float] | None] = [_exact(key.core) for key in keys]
    rest = [i for i, found in enumerate(out) if found is None]
    if rest:
        for i, guess in zip(rest, best_guesses(score_keys([keys[i] for i in rest])), strict=True):
            out[i] = guess
    return [guess for guess in out if guess is not None]


def exact_occupation(title: str) -> tuple[int, float] | None:
    """``(column, EXACT_MARGIN)`` when the title's occupation words name exactly one occupation."""
    return _exact(title_core(title))


def _exact(core: str) -> tuple[int, float] | None:
    found = exact_names().get(core, ())
    return (found[0], EXACT_MARGIN) if len(found) == 1 else None


def best_guesses(scores: np.ndarray) -> list[tuple[int, float]]:
    """Per title, the best occupation's column and its margin over the best occupation of any other
    ISCO-08 unit group (two near-synonyms of one group do not make a guess uncertain).

    >>> column, margin = best_guesses(score_titles(["Kasir"]))[0]
    >>> load_taxonomy().occupations[column].label_en, margin > CONFIDENT_MARGIN
    ('cashier', True)
    """
    _, _, group_of = _groups()
    out: list[tuple[int, float]] = []
    for row in scores:
        best = int(row.argmax())
        others = row[group_of != group_of[best]]
        out.append((best, float(row[best] - others.max()) if others.size else float(row[best])))
    return out


@load_once
def _demand() -> np.ndarray:
    """log1p(number of real ads coded to each occupation), built by scripts/build_title_prior.py."""
    tax = load_taxonomy()
    counts = np.zeros(len(tax.occupations), dtype=np.float32)
    if DEMAND.exists():
        for row in pq.read_table(DEMAND).to_pylist():
            if row["uri"] in tax.occupation_index:
                counts[tax.occupation_index[row["uri"]]] = row["ads"]
    return np.log1p(counts)


@load_once
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

    if len(queries) == 1:
        # NumPy multiplies a single row by another BLAS routine (gemv), whose last bits differ from the
        # batch routine's: scored as two rows, a title scores the same alone as in any batch.
        return combine_scores(np.vstack([queries, queries]), [*cleaned, *cleaned], prior=prior)[:1]

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
JOBS_RRF_K = 5
"""The constant for a CV's job lines: small, so each job's own best occupation stays near the top."""
EARLIER_JOB_WEIGHT = 0.5
"""Weight of every job line after the first (CVs list the latest job first)."""


def code_description(text: str, limit: int = 5) -> list[TitleMatch]:
    """Occupations for a free description of someone's work ("saya 8 tahun jadi operator mesin jahit").

    A description is not a title: the title coder and the bilingual search (which reads KBJI titles
    and colloquial Indonesian) each rank occupations, and their ranks are fused. A CV with job lines
    in its experience section ("Admin Gudang - PT Sinar Logistik (2019 - 2022)") is coded from the
    titles of those jobs instead, each job's ranking fused with the others, the first (latest) job
    weighing most; a generic job title ("Staff") takes the work domain the CV names most.

    >>> [m.occupation.label_en for m in code_description("saya 8 tahun jadi operator mesin jahit", limit=1)]
    ['sewing machine operator']
    """
    from tangkas.search import search_occupations
    from tangkas.text.prepare import job_titles

    jobs = job_titles(text)
    if jobs:
        rankings = [[m.occupation for m in code_title(with_context(t, text), limit=20)] for t in jobs]
        weights, k = [1.0] + [EARLIER_JOB_WEIGHT] * (len(jobs) - 1), JOBS_RRF_K
    else:
        rankings = [
            [m.occupation for m in code_title(text, limit=20)],
            [h.occupation for h in search_occupations(text, limit=20)],
        ]
        weights, k = [1.0, 1.0], RRF_K
    fused: dict[str, float] = {}
    found: dict[str, Occupation] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, occupation in enumerate(ranking):
            fused[occupation.uri] = fused.get(occupation.uri, 0.0) + weight / (k + rank + 1)
            found[occupation.uri] = occupation
    best = sorted(fused, key=lambda uri: (-fused[uri], found[uri].label_en))[:limit]
    return [TitleMatch(found[uri], found[uri].isco, round(fused[uri], 5)) for uri in best]
