"""Viability of worker profiles, from their occupations' rows and a small correction.

A worker's hard proficiency is the element-wise maximum of their occupations' rows plus their extra
skills at 1.0, and the soft one the same over the embedding-neighbour rows. Coverage is linear in
proficiency and ``max(a, b) = a + b - min(a, b)``, so a profile's coverage is the sum of its
occupations' coverage rows (one occupation-by-occupation table per signal) minus the coverage of their
overlaps, plus the coverage of what the extra skills add: corrections with few non-zeros, where the
profile-by-skill product had hundreds. The occupation signals (O*NET, interests, ISCO) are the best of
the occupations' rows, and the job-zone rise starts from the highest zone.

Three kinds of profile (:func:`profile_kind`), each scored one way wherever it is scored:

- ``row``: one occupation, no extra skill: its row of the calibrated matrix.
- ``update``: one occupation and extra skills: that row, recomputed (exactly as the matrix was built)
  only for the targets whose coverage the skills change, so a skill never lowers any target.
- ``dense``: several occupations, or skills alone: every signal of every target, with the
  standardisation folded into per-signal constants (equal to :meth:`SimilarityModel.combine` up to float
  rounding) and the percentile map.

No row depends on the other rows asked with it: sparse products run row by row, and the O*NET and
interest similarities of all occupation pairs are computed once (by the calibration's own product, so
with its bits; 2 x 36 MB), so a profile scores the same in a batch as on its own, and with or without the
coverage tables (:meth:`ProfileScorer.build_tables`, for batch work).

>>> from tangkas.careers.similarity import similarity_matrix, similarity_model
>>> model, matrix = similarity_model(), similarity_matrix()
>>> scorer = ProfileScorer(model, matrix)
>>> tailor = model.tax.occupation_index[model.tax.occupation("7531.5").uri]
>>> combined = model.combine(scorer.components([[tailor]], [[]]))
>>> bool((model.viability(combined[0]) == matrix[tailor]).all())
True
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import sparse

from tangkas.careers import keyed
from tangkas.careers.similarity import HUB_PENALTY, SIGNALS, SQRT_SIGNALS, Signal, SimilarityModel

Proficiency = Literal["hard", "soft"]
Kind = Literal["row", "update", "dense"]
COVERAGE: dict[Signal, Proficiency] = {"skills": "hard", "semantic": "soft", "knowledge": "hard"}
DENSE: tuple[Signal, ...] = ("onet", "interests")
ROW_CACHE = 2048
"""Occupation rows (of any signal) kept when computed one profile at a time: 12 KB each."""

_SCRATCH = keyed.Scratch()


def profile_kind(occupations: Sequence[int], skills: Sequence[int]) -> Kind:
    """How a profile is scored (see the module docstring).

    >>> profile_kind([4], []), profile_kind([4], [7]), profile_kind([4, 9], []), profile_kind([], [7])
    ('row', 'update', 'dense', 'dense')
    """
    if len(occupations) != 1:
        return "dense"
    return "update" if skills else "row"


@dataclass(frozen=True, slots=True)
class Updates:
    """New viability of some (profile, target) pairs; every other target keeps its matrix value."""

    owners: np.ndarray
    targets: np.ndarray
    viability: np.ndarray


@dataclass(frozen=True, slots=True)
class Levels:
    """Per position in the profiles' occupation lists: the profiles with one there, and its row."""

    owners: tuple[np.ndarray, ...]
    rows: tuple[np.ndarray, ...]

    @staticmethod
    def of(sources: Sequence[Sequence[int]]) -> Levels:
        lengths = np.fromiter(map(len, sources), dtype=np.int64, count=len(sources))
        flat = np.fromiter(itertools.chain.from_iterable(sources), dtype=np.int64, count=int(lengths.sum()))
        owner = np.repeat(np.arange(len(sources)), lengths)
        position = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        taken = [position == p for p in range(int(lengths.max(initial=0)))]
        return Levels(tuple(owner[t] for t in taken), tuple(flat[t] for t in taken))


class ProfileScorer:
    """Scores profiles given as occupation rows (first occupation first, no repeats) and extra skill rows.

    O*NET and interest rows always come from occupation-by-occupation float32 tables (36 MB each);
    after :meth:`build_tables`, the coverage rows of the weighted signals too, instead of computed.
    """

    def __init__(self, model: SimilarityModel, matrix: np.ndarray) -> None:
        if any(w < 0 for w in model.weights.values()):
            raise ValueError("folded scores take the best of scaled rows: weights must be >= 0")
        self.model, self.matrix = model, matrix
        self.n = len(model.tax.occupations)
        self.weighted: tuple[Signal, ...] = tuple(s for s, w in model.weights.items() if w)
        self.zones = np.unique(np.concatenate([[0.0], model.job_zone_])).astype(np.float32)
        self._tables: dict[Signal, np.ndarray] = {s: _with_zero_row(self._compute(s)) for s in DENSE}
        self._row = functools.lru_cache(maxsize=ROW_CACHE)(self._one_row)
        self._fold()

    def _fold(self) -> None:
        """Per-signal constants of the folded sum: ``w (T(x) - mean) / std = a T(x) - a mean``, and per
        starting job zone the job-zone term plus every constant (means, hub penalty)."""
        model = self.model
        scale = {s: model.weights[s] / model.stats_[s].std for s in self.weighted}
        offset = -sum(scale[s] * model.stats_[s].mean for s in self.weighted)
        self.scale = {s: np.float32(a) for s, a in scale.items()}
        self.coefficient: dict[Signal, np.ndarray] = {}
        self.cap: dict[Signal, np.float32] = {}
        for signal in (s for s in self.weighted if s in COVERAGE):
            # a sqrt(min(x / t, 1)) = sqrt(min(x a^2 / t, a^2))
            factor = scale[signal] ** 2 if signal in SQRT_SIGNALS else scale[signal]
            self.coefficient[signal] = (factor / _totals(model, signal)).astype(np.float32)
            self.cap[signal] = np.float32(factor)
        rise = np.maximum(0.0, model.job_zone_[None, :] - self.zones[:, None])
        terms = -scale.get("jobzone", 0.0) * rise + offset - HUB_PENALTY * model.hub_.astype(np.float64)
        self.zone_terms = terms.astype(np.float32)

    # -- occupation rows -------------------------------------------------------------------------

    def build_tables(self) -> ProfileScorer:
        """Compute every occupation's coverage rows of each weighted signal once (batch scoring)."""
        for signal in self.weighted:
            if signal in COVERAGE:
                self._tables[signal] = _with_zero_row(self._compute(signal))
        return self

    def _source(self, signal: Signal, occupations: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A matrix holding the rows of ``occupations`` (raw covered weight for coverage signals, raw
        values for the others) and an all-zero last row, and where each occupation's row is in it."""
        table = self._tables.get(signal)
        if table is not None:
            return table, occupations
        unique, where = keyed.distinct(occupations)
        rows = [self._row(signal, int(r)) for r in unique]
        return np.vstack([*rows, np.zeros((1, self.n), dtype=np.float32)]), where

    def _one_row(self, signal: Signal, occupation: int) -> np.ndarray:
        row: np.ndarray = self._compute(signal, np.array([occupation]))[0]
        row.flags.writeable = False  # shared by every later request
        return row

    def _compute(self, signal: Signal, occupations: np.ndarray | None = None) -> np.ndarray:
        """Rows of ``occupations`` (all of them by default), as the calibration computed them."""
        model = self.model
        chosen = np.arange(self.n) if occupations is None else occupations
        if signal in COVERAGE:
            rows = _occupation_proficiency(model, COVERAGE[signal])[chosen]
            return _covered(rows, _by_skill(model, signal))
        if signal == "isco":
            depth = np.zeros((len(chosen), self.n), dtype=np.float32)
            for level in model.isco_:
                depth += level[chosen][:, None] == level[None, :]
            return np.asarray(depth / len(model.isco_), dtype=np.float32)
        if occupations is not None:
            return np.asarray(self._tables[signal][occupations], dtype=np.float32)
        vectors = model.onet_ if signal == "onet" else model.interests_
        return np.asarray(vectors[chosen] @ vectors.T, dtype=np.float32)

    def _level_rows(
        self, signal: Signal, levels: Levels, n_profiles: int
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """A matrix of rows and, per level, each profile's row in it. Without an occupation at a level, a
        profile takes the zero row for coverage (a sum) and its first occupation's for the others (a
        maximum); without any occupation, the zero row."""
        matrix, where = self._source(signal, np.concatenate([np.zeros(0, np.int64), *levels.rows]))
        zero = len(matrix) - 1
        picks: list[np.ndarray] = []
        start = 0
        for owners in levels.owners:
            pick = picks[0].copy() if picks and signal not in COVERAGE else np.full(n_profiles, zero)
            pick[owners] = where[start : start + len(owners)]
            picks.append(pick)
            start += len(owners)
        return matrix, picks or [np.full(n_profiles, zero)]

    def start_zones(self, levels: Levels, n_profiles: int) -> np.ndarray:
        """The highest job zone of each profile's occupations (0 without any): where a rise starts."""
        start = np.zeros(n_profiles, dtype=np.float32)
        for owners, rows in zip(levels.owners, levels.rows, strict=True):
            start[owners] = np.maximum(start[owners], self.model.job_zone_[rows])
        return start

    # -- scores ----------------------------------------------------------------------------------

    def components(
        self,
        sources: Sequence[Sequence[int]],
        extras: Sequence[Sequence[int]],
        signals: Iterable[Signal] = SIGNALS,
    ) -> dict[Signal, np.ndarray]:
        """Raw signals (n_profiles x n_occupations) as :meth:`SimilarityModel.components` gives them."""
        levels = Levels.of(sources)
        wanted = [s for s in SIGNALS if s in set(signals)]
        kinds = {COVERAGE[s] for s in wanted if s in COVERAGE}
        corrections = {kind: self._corrections(kind, levels, extras) for kind in kinds}
        out: dict[Signal, np.ndarray] = {}
        for signal in wanted:
            if signal == "jobzone":
                start = self.start_zones(levels, len(sources))
                out[signal] = -np.maximum(0.0, self.model.job_zone_[None, :] - start[:, None])
            elif signal in COVERAGE:
                covered = self._covered(signal, levels, corrections[COVERAGE[signal]])
                out[signal] = np.minimum(covered / _totals(self.model, signal)[None, :], 1.0)
            else:
                out[signal] = self._best(signal, levels, len(sources))
        return out

    def viability(self, sources: Sequence[Sequence[int]], extras: Sequence[Sequence[int]]) -> np.ndarray:
        """(n_profiles x n_occupations) viability, each profile scored as its kind says."""
        kinds = [profile_kind(rows, cols) for rows, cols in zip(sources, extras, strict=True)]
        out = np.empty((len(sources), self.n), dtype=np.float32)
        single = [i for i, kind in enumerate(kinds) if kind != "dense"]
        out[single] = self.matrix[[sources[i][0] for i in single]]
        update = np.array([i for i, kind in enumerate(kinds) if kind == "update"], dtype=np.int64)
        if len(update):
            changed = self.updates(np.array([sources[i][0] for i in update]), [extras[i] for i in update])
            out[update[changed.owners], changed.targets] = changed.viability
        dense = [i for i, kind in enumerate(kinds) if kind == "dense"]
        if dense:
            combined = self.folded([sources[i] for i in dense], [extras[i] for i in dense])
            out[dense] = self.model.viability(combined)
        return out

    def updates(self, first: np.ndarray, extras: Sequence[Sequence[int]]) -> Updates:
        """For one-occupation profiles with extra skills: the targets whose coverage the skills raise,
        rescored exactly as the matrix was built (every other target keeps its matrix value)."""
        first = np.asarray(first, dtype=np.int64)
        levels = Levels((np.arange(len(first)),), (first,))
        gains = {
            s: keyed.of_csr(
                _product(self._corrections(COVERAGE[s], levels, extras), _by_skill(self.model, s))
            )
            for s in self.weighted
            if s in COVERAGE
        }
        pairs = keyed.distinct(np.concatenate([np.zeros(0, np.int64), *(k for k, _ in gains.values())]))[0]
        owners, targets = pairs // self.n, pairs % self.n
        raw: dict[Signal, np.ndarray] = {}
        for signal in self.weighted:
            if signal == "jobzone":
                zone = self.model.job_zone_
                raw[signal] = -np.maximum(0.0, zone[targets] - zone[first[owners]])
                continue
            matrix, where = self._source(signal, first)
            values = matrix[where[owners], targets]
            if signal in COVERAGE:
                values = values + _SCRATCH.lookup(*gains[signal], pairs, size=len(first) * self.n)
                values = np.minimum(values / _totals(self.model, signal)[targets], 1.0)
            raw[signal] = values
        return Updates(owners, targets, self.model.viability(self.model.combine(raw, targets)))

    def folded(self, sources: Sequence[Sequence[int]], extras: Sequence[Sequence[int]]) -> np.ndarray:
        """(n_profiles x n_occupations) combined scores, the standardisation folded into constants."""
        levels = Levels.of(sources)
        total = self.zone_terms[np.searchsorted(self.zones, self.start_zones(levels, len(sources)))]
        for signal in self.weighted:
            if signal == "jobzone":
                continue
            if signal not in COVERAGE:
                best = self._best(signal, levels, len(sources))
                best *= self.scale[signal]
                total += best
                continue
            covered = self._covered(signal, levels, self._corrections(COVERAGE[signal], levels, extras))
            covered *= self.coefficient[signal]
            np.clip(covered, 0.0, self.cap[signal], out=covered)
            if signal in SQRT_SIGNALS:
                np.sqrt(covered, out=covered)
            total += covered
        return total

    def _covered(self, signal: Signal, levels: Levels, correction: sparse.csr_matrix) -> np.ndarray:
        """Raw covered weight: the correction's, plus each occupation's row (one occupation and no
        extra skill: exactly its row)."""
        matrix, picks = self._level_rows(signal, levels, correction.shape[0])
        covered = _covered(correction, _by_skill(self.model, signal))
        for pick in picks:
            covered += matrix[pick]
        return covered

    def _best(self, signal: Signal, levels: Levels, n_profiles: int) -> np.ndarray:
        matrix, picks = self._level_rows(signal, levels, n_profiles)
        best: np.ndarray = matrix[picks[0]]
        for pick in picks[1:]:
            np.maximum(best, matrix[pick], out=best)
        return best

    # -- corrections -----------------------------------------------------------------------------

    def _corrections(
        self, kind: Proficiency, levels: Levels, extras: Sequence[Sequence[int]]
    ) -> sparse.csr_matrix:
        """What to add to the sum of a profile's occupation rows to get its proficiency: minus each
        occupation's overlap with those before it, plus what the extra skills add over all of them; a
        (n_profiles x n_skills) matrix of few non-zeros."""
        matrix = _occupation_proficiency(self.model, kind)
        width = matrix.shape[1]
        layers = [keyed.entries(matrix, o, r, width) for o, r in zip(levels.owners, levels.rows, strict=True)]
        added_keys, added = self._added(kind, extras, width)
        terms = []
        held = _SCRATCH.buffer(len(extras) * width)
        try:
            for i, (keys, values) in enumerate(layers):
                before = held[keys]
                if i:
                    overlap = np.minimum(before, values)
                    terms.append((keys[overlap > 0], -overlap[overlap > 0]))
                held[keys] = np.maximum(before, values)
            gain = np.maximum(added - held[added_keys], np.float32(0.0))
        finally:
            for keys, _ in layers:
                held[keys] = 0.0
        terms.append((added_keys[gain > 0], gain[gain > 0]))
        return keyed.to_csr(*keyed.summed(terms), (len(extras), width))

    def _added(
        self, kind: Proficiency, extras: Sequence[Sequence[int]], width: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The extra skills' own proficiency, keyed: 1.0 each (hard), or with their neighbours (soft)."""
        owners = np.repeat(np.arange(len(extras)), [len(cols) for cols in extras])
        skills = np.fromiter(itertools.chain.from_iterable(extras), dtype=np.int64, count=len(owners))
        if kind == "hard":
            keys = keyed.distinct(owners * width + skills)[0]
            return keys, np.ones(len(keys), dtype=np.float32)
        return keyed.largest([keyed.entries(self.model.soft_skills_, owners, skills, width)])


def _occupation_proficiency(model: SimilarityModel, kind: Proficiency) -> sparse.csr_matrix:
    return model.proficiency_ if kind == "hard" else model.soft_occupations_


def _by_skill(model: SimilarityModel, signal: Signal) -> sparse.csr_matrix:
    return model.knowledge_by_skill_ if signal == "knowledge" else model.requirements_by_skill_


def _totals(model: SimilarityModel, signal: Signal) -> np.ndarray:
    return model.knowledge_totals_ if signal == "knowledge" else model.requirement_totals_


def _product(proficiency: sparse.csr_matrix, by_skill: sparse.csr_matrix) -> sparse.csr_matrix:
    product = sparse.csr_matrix(proficiency @ by_skill)
    product.sort_indices()
    return product


def _covered(proficiency: sparse.csr_matrix, by_skill: sparse.csr_matrix) -> np.ndarray:
    """Raw covered requirement weight: row by row, so a row's values do not depend on the others."""
    return np.asarray((proficiency @ by_skill).toarray(), dtype=np.float32)


def _with_zero_row(rows: np.ndarray) -> np.ndarray:
    return np.vstack([rows, np.zeros((1, rows.shape[1]), dtype=np.float32)])
