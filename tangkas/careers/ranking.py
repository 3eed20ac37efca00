"""The best viable moves of many profiles at once (:func:`tangkas.careers.transitions.top_transitions`).

The ranking is :func:`~tangkas.careers.transitions.recommend_transitions`'s, value for value: a move's
score is its viability plus the lift from the worker's own skills (at most 1); only viable moves count;
past, excluded and unwanted occupations and too-high job-zone rises are left out; ties go to the lower
occupation row. Two shortcuts keep each profile's work small without changing the result:

- A profile of one occupation starts from that occupation's best targets, sorted once per process
  (:data:`DEPTH` of them): only the targets its extra skills change are scored again, and the list is
  read until ``top`` remain. A profile whose filters leave fewer falls back to its full row.
- Other profiles are scored in full, but only targets that can reach their top are mapped to viability
  and sorted: adding occupations or skills never lowers a signal, so the ``top`` best allowed targets of
  the first occupation stay reachable, and no target under their score, less the largest lift, can reach.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from tangkas.careers import keyed
from tangkas.careers.scoring import Levels, ProfileScorer, profile_kind

DEPTH = 64
"""Best targets kept per occupation for one-occupation profiles."""
FOLDING_SLACK = 1e-4
"""Combined-score margin for rounding between folded scores and the calibrated matrix (~1e-6)."""


@dataclass(frozen=True, slots=True)
class Requests:
    """Profiles as rows: occupations (first first, no repeats), extra skills, the skills that lift moves
    (a repeat counts twice), occupations never shown (past and excluded) and the highest job-zone rise
    allowed (``inf`` for any)."""

    sources: Sequence[Sequence[int]]
    extras: Sequence[Sequence[int]]
    lifting: Sequence[Sequence[int]]
    blocked: Sequence[Sequence[int]]
    max_rise: np.ndarray


@dataclass(frozen=True, slots=True)
class Candidates:
    """(profile, target, score) triples that may make a profile's top."""

    owners: np.ndarray
    targets: np.ndarray
    scores: np.ndarray

    @staticmethod
    def join(parts: Sequence[Candidates]) -> Candidates:
        return Candidates(
            np.concatenate([p.owners for p in parts]),
            np.concatenate([p.targets for p in parts]),
            np.concatenate([p.scores for p in parts]),
        )

    def where(self, kept: np.ndarray) -> Candidates:
        return Candidates(self.owners[kept], self.targets[kept], self.scores[kept])


_NONE = Candidates(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))


class Ranker:
    """Top moves per profile over a scorer whose tables are built; ``lift`` maps how many of a worker's
    skills a target uses (essential 1, optional 0.5) to the score it adds."""

    def __init__(
        self,
        scorer: ProfileScorer,
        viable: float,
        allowed: np.ndarray,
        lift: Callable[[np.ndarray], np.ndarray],
        depth: int = DEPTH,
    ) -> None:
        self.scorer, self.viable, self.allowed, self.lift = scorer, viable, allowed, lift
        self.n = scorer.n
        tax = scorer.model.tax
        self.uses = (sparse.csr_matrix(tax.essential.T), sparse.csr_matrix(tax.optional.T))
        self.best_targets, self.best_scores, self.complete = self._best_lists(depth)

    def _best_lists(self, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per occupation: its ``depth`` best viable allowed targets (score down, row up, ``-1`` pads),
        their scores, and whether that is all of them."""
        n = self.n
        targets = np.empty((n, depth), dtype=np.int64)
        best = np.empty((n, depth), dtype=np.float32)
        count = np.empty(n, dtype=np.int64)
        for start in range(0, n, 256):  # a block at a time: the sort's indices of all pairs take 72 MB
            scores = self.scorer.matrix[start : start + 256].copy()
            scores[:, ~self.allowed] = -np.inf
            scores[np.arange(len(scores)), np.arange(start, start + len(scores))] = -np.inf
            scores[~(scores >= self.viable)] = -np.inf
            order = np.argsort(-scores, axis=1, kind="stable")[:, :depth]
            best[start : start + len(scores)] = np.take_along_axis(scores, order, axis=1)
            targets[start : start + len(scores)] = order
            count[start : start + len(scores)] = np.isfinite(scores).sum(axis=1)
        targets[~np.isfinite(best)] = -1
        return targets, best, count <= depth

    def top(self, requests: Requests, top: int) -> tuple[np.ndarray, np.ndarray]:
        """(n_profiles x top) target rows, best first, and their scores; ``-1`` and NaN where fewer
        moves are viable."""
        chunk = _Chunk(self, requests)
        kinds = np.array([profile_kind(r, c) for r, c in zip(requests.sources, requests.extras, strict=True)])
        listed, short = self._listed(chunk, np.flatnonzero(kinds != "dense"), top)
        dense = self._dense(chunk, np.flatnonzero(kinds == "dense"), top)
        return _best_first(Candidates.join([listed, dense, self._full_rows(chunk, short)]), chunk.size, top)

    # -- one occupation ----------------------------------------------------------------------------

    def _listed(self, chunk: _Chunk, owners: np.ndarray, top: int) -> tuple[Candidates, np.ndarray]:
        """Candidates of one-occupation profiles, and the profiles whose list ran short."""
        first = np.array([chunk.requests.sources[i][0] for i in owners], dtype=np.int64)
        changed, changed_keys = self._changed(chunk, owners, first)
        targets, scores = self.best_targets[first], self.best_scores[first]
        rows = np.repeat(owners[:, None], targets.shape[1], axis=1)
        keep = (
            (targets >= 0)
            & ~chunk.blocked(rows, targets)
            & ~keyed.member(changed_keys, rows * self.n + targets)
        )
        count = keep.sum(axis=1)
        keep &= np.cumsum(keep, axis=1) <= top
        listed = Candidates(rows[keep], targets[keep], scores[keep])
        # a changed target can only get in at or above the listed top-th score
        floor = np.full(chunk.size, self.viable, dtype=np.float32)
        full = count >= top
        floor[owners[full]] = np.min(np.where(keep[full], scores[full], np.inf), axis=1)
        fine = (changed.scores >= floor[changed.owners]) & (changed.scores >= self.viable)
        fine &= self.allowed[changed.targets] & ~chunk.blocked(changed.owners, changed.targets)
        enough = np.zeros(chunk.size, dtype=bool)
        enough[owners[full | self.complete[first]]] = True
        both = Candidates.join([listed, changed.where(fine)])
        return both.where(enough[both.owners]), owners[~enough[owners]]

    def _changed(self, chunk: _Chunk, owners: np.ndarray, first: np.ndarray) -> tuple[Candidates, np.ndarray]:
        """Targets whose score differs from the first occupation's row (rescored for the extra skills,
        or lifted by them) with their new score, and their sorted keys ``profile * n + target``."""
        extras = [chunk.requests.extras[i] for i in owners]
        skilled = np.array([i for i, cols in enumerate(extras) if cols], dtype=np.int64)
        updates = self.scorer.updates(first[skilled], [extras[i] for i in skilled])
        rescored = owners[skilled][updates.owners] * self.n + updates.targets
        mine = np.zeros(chunk.size, dtype=bool)
        mine[owners] = True
        lift = chunk.lift
        keys = keyed.distinct(np.concatenate([rescored, lift.keys[mine[lift.keys // self.n]]]))[0]
        rows, targets = keys // self.n, keys % self.n
        position = np.zeros(chunk.size, dtype=np.int64)
        position[owners] = np.arange(len(owners))
        scores = self.scorer.matrix[first[position[rows]], targets]
        scores[np.searchsorted(keys, rescored)] = updates.viability
        return Candidates(rows, targets, np.minimum(scores + lift.at(keys), 1.0)), keys

    # -- several occupations, or skills alone ------------------------------------------------------

    def _dense(self, chunk: _Chunk, owners: np.ndarray, top: int) -> Candidates:
        if not len(owners):
            return _NONE
        sources = [chunk.requests.sources[i] for i in owners]
        combined = self.scorer.folded(sources, [chunk.requests.extras[i] for i in owners])
        reach = np.full(len(owners), self.viable)
        with_first = np.array([i for i, rows in enumerate(sources) if rows], dtype=np.int64)
        first = np.array([sources[i][0] for i in with_first], dtype=np.int64)
        reach[with_first] = self._reached(chunk, owners[with_first], first, top)
        floor = self.scorer.model.combined_floor(reach - chunk.lift.largest[owners]) - FOLDING_SLACK
        return self._select(chunk, owners, combined, floor, mapped=False)

    def _reached(self, chunk: _Chunk, owners: np.ndarray, first: np.ndarray, top: int) -> np.ndarray:
        """A viability each profile's ``top``-th move reaches: that of its first occupation's ``top``-th
        best target the profile allows (the viable threshold when the list runs short)."""
        targets, scores = self.best_targets[first], self.best_scores[first]
        rows = np.repeat(owners[:, None], targets.shape[1], axis=1)
        keep = (targets >= 0) & ~chunk.blocked(rows, targets)
        hit = keep & (np.cumsum(keep, axis=1) == top)
        reach = np.full(len(owners), self.viable)
        reach[hit.any(axis=1)] = scores[hit]
        return reach

    def _full_rows(self, chunk: _Chunk, owners: np.ndarray) -> Candidates:
        if not len(owners):
            return _NONE
        sources = [chunk.requests.sources[i] for i in owners]
        viability = self.scorer.viability(sources, [chunk.requests.extras[i] for i in owners])
        return self._select(chunk, owners, viability, self.viable - chunk.lift.largest[owners], mapped=True)

    def _select(
        self, chunk: _Chunk, owners: np.ndarray, values: np.ndarray, floor: np.ndarray, *, mapped: bool
    ) -> Candidates:
        """Targets at or above each row's floor that pass every filter, with their exact score."""
        passed = (values >= (floor[:, None] - 1e-6).astype(np.float32)) & self.allowed[None, :]
        flat = np.flatnonzero(passed)
        rows, targets = owners[flat // self.n], flat % self.n
        scores = values.ravel()[flat] if mapped else self.scorer.model.viability(values.ravel()[flat])
        scores = np.minimum(scores + chunk.lift.at(rows * self.n + targets), 1.0)
        fine = (scores >= self.viable) & ~chunk.blocked(rows, targets)
        return Candidates(rows[fine], targets[fine], scores[fine])


@dataclass(frozen=True, slots=True)
class _Lift:
    """The lift of each (profile, target) pair that has one, by sorted key ``profile * n + target``."""

    keys: np.ndarray
    values: np.ndarray
    largest: np.ndarray

    def at(self, keys: np.ndarray) -> np.ndarray:
        out = np.zeros(len(keys), dtype=np.float32)
        found = keyed.member(self.keys, keys)
        out[found] = self.values[np.searchsorted(self.keys, keys[found])]
        return out


class _Chunk:
    """One batch of requests and its per-pair lookups: what is blocked, and the lift."""

    def __init__(self, ranker: Ranker, requests: Requests) -> None:
        self.ranker, self.requests = ranker, requests
        self.size = len(requests.sources)
        n = ranker.n
        blocked = [i * n + r for i, rows in enumerate(requests.blocked) for r in rows]
        self._blocked = keyed.distinct(np.asarray(blocked, dtype=np.int64))[0]
        self.start = ranker.scorer.start_zones(Levels.of(requests.sources), self.size)
        self.lift = self._lift()

    def _lift(self) -> _Lift:
        ranker, lifting = self.ranker, self.requests.lifting
        owners = np.repeat(np.arange(self.size), [len(cols) for cols in lifting])
        skills = np.asarray([s for cols in lifting for s in cols], dtype=np.int64)
        essential, optional = (keyed.entries(uses, owners, skills, ranker.n) for uses in ranker.uses)
        keys, uses = keyed.summed([essential, (optional[0], np.float32(0.5) * optional[1])])
        values = ranker.lift(uses)
        largest = np.zeros(self.size, dtype=np.float32)
        np.maximum.at(largest, keys // ranker.n, values)
        return _Lift(keys, values, largest)

    def blocked(self, owners: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Past or excluded occupations, and rises above the profile's limit."""
        rise = np.maximum(0.0, self.ranker.scorer.model.job_zone_[targets] - self.start[owners])
        blocked = keyed.member(self._blocked, owners * self.ranker.n + targets)
        return np.asarray(blocked | (rise > self.requests.max_rise[owners]))


def _best_first(candidates: Candidates, n_profiles: int, top: int) -> tuple[np.ndarray, np.ndarray]:
    """Per profile, its ``top`` candidates by score down then target row up, and their scores (``-1``
    and NaN pad).

    One int64 sort by profile, then the score's float32 bits reversed (scores are >= 0, whose bits
    order as the numbers do), then the target.
    """
    width = int(candidates.targets.max(initial=0)).bit_length()
    bits = np.maximum(candidates.scores, np.float32(0.0)).astype(np.float32).view(np.int32).astype(np.int64)
    keys = (candidates.owners << (31 + width)) | ((2**31 - 1 - bits) << width) | candidates.targets
    keys.sort()
    owners, targets = keys >> (31 + width), keys & ((1 << width) - 1)
    scores = (2**31 - 1 - ((keys >> width) & (2**31 - 1))).astype(np.int32).view(np.float32)
    rank = np.arange(len(keys)) - np.searchsorted(owners, owners)
    kept = rank < top
    rows = np.full((n_profiles, top), -1, dtype=np.int32)
    values = np.full((n_profiles, top), np.nan, dtype=np.float32)
    rows[owners[kept], rank[kept]] = targets[kept]
    values[owners[kept], rank[kept]] = scores[kept]
    return rows, values
