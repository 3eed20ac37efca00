"""Directional occupation similarity: how well what a worker has covers what a target occupation needs.

Every signal scores a *source* (an occupation, or a worker's skill set) against every *target*:

- ``skills``: exact coverage — the share of the target's skill weight the source already has. A skill
  weighs ``log((N + 1) / (df + 1))`` (rare, specific skills count more than "teamwork principles"),
  essential skills count fully and optional ones ``OPTIONAL_WEIGHT``.
- ``semantic``: soft coverage — as ``skills``, but a missing skill counts partly when the source has
  a skill whose multilingual-e5 label embedding is among its nearest neighbours (ranked, rescaled
  above the cosine of unrelated pairs, never thresholded raw).
- ``knowledge``: exact coverage restricted to knowledge concepts (ESCO knowledge areas).
- ``isco``: work context from the ISCO-08 hierarchy, the shared code depth / 4.
- ``onet``: cosine of O*NET skill and knowledge importance profiles (centred).
- ``interests``: cosine of O*NET RIASEC interest profiles (centred).
- ``jobzone``: minus the rise in O*NET job zone (required preparation); stepping down costs nothing.

Coverage and the job-zone jump are directional: a nurse covers most of a care assistant's skills,
not the reverse. ``combined`` standardises each signal over all occupation pairs, adds them with
``WEIGHTS`` and subtracts ``HUB_PENALTY`` times the target's mean score from its ``HUB_NEIGHBOURS``
closest sources (generic "hub" occupations are close to everything); weights and both hub settings
were tuned on the O*NET dev split only (docs/bench/transitions.md). The viability score is
that sum mapped to its percentile among moves between different occupations of one ISCO-08 unit group
(0..1, ranks unchanged): 0.5 means "as close as the median move inside a unit group".

>>> model = similarity_model()
>>> tax = model.tax
>>> nurse, assistant = tax.occupation("2221.2"), tax.occupation("5321.1")
>>> nurse.label_en, assistant.label_en
('nurse responsible for general care', 'healthcare assistant')
>>> matrix = similarity_matrix()
>>> i, j = tax.occupation_index[nurse.uri], tax.occupation_index[assistant.uri]
>>> bool(matrix[i, j] > matrix[j, i])
True
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

import numpy as np
import pyarrow.parquet as pq
from scipy import sparse

from tangkas.loading import load_once
from tangkas.taxonomy import Taxonomy, load_taxonomy

Signal = Literal["skills", "semantic", "knowledge", "isco", "onet", "interests", "jobzone"]
SIGNALS: tuple[Signal, ...] = ("skills", "semantic", "knowledge", "isco", "onet", "interests", "jobzone")
OPTIONAL_WEIGHT = 0.5
# How much of an optional skill of a past occupation a worker is assumed to have, when scoring.
OPTIONAL_PROFICIENCY = 0.5
NEIGHBOURS = 10
# Raw e5 cosines are rescaled from this quantile of random skill pairs (~unrelated) up to 1.
UNRELATED_QUANTILE = 0.99
# A related-but-different skill is worth at most this much of the skill itself.
SEMANTIC_CREDIT = 0.6
WEIGHTS: Mapping[Signal, float] = {
    "skills": 0.05,
    "semantic": 0.05,
    "knowledge": 0.0,
    "isco": 0.0,
    "onet": 1.0,
    "interests": 0.2,
    "jobzone": 0.15,
}
SQRT_SIGNALS = frozenset({"skills", "semantic", "knowledge"})
# Hubness correction (as CSLS in cross-lingual retrieval): a target close to almost every occupation
# says little about any one move, so its mean combined score over its closest sources is discounted.
HUB_NEIGHBOURS = 50
HUB_PENALTY = 0.4
QUANTILES = 2001
LOOKUP_SIZE = 1 << 16
CACHE_VERSION = 5


@dataclass(frozen=True, slots=True)
class SignalStats:
    """Mean and standard deviation of a transformed signal over all occupation pairs."""

    mean: float
    std: float


def skill_specificity(tax: Taxonomy) -> np.ndarray:
    """IDF-like weight of each skill: ``log((N + 1) / (df + 1))``, df = occupations listing it.

    >>> tax = load_taxonomy()
    >>> idf = skill_specificity(tax)
    >>> teamwork, cutting = tax.skill("teamwork principles"), tax.skill("cut fabrics")
    >>> bool(idf[tax.skill_index[cutting.uri]] > idf[tax.skill_index[teamwork.uri]])
    True
    """
    listed = ((tax.essential + tax.optional) > 0).astype(np.float32)
    df = np.asarray(listed.sum(axis=0)).ravel()
    n = len(tax.occupations)
    return np.asarray(np.log((n + 1) / (df + 1)), dtype=np.float32)


def _row_normalised(matrix: np.ndarray) -> np.ndarray:
    centred = matrix - matrix[np.abs(matrix).sum(axis=1) > 0].mean(axis=0)
    centred[np.abs(matrix).sum(axis=1) == 0] = 0.0
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return np.asarray(centred / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def _skill_neighbours(vectors: np.ndarray, k: int = NEIGHBOURS) -> tuple[np.ndarray, np.ndarray]:
    """For each skill, its ``k`` nearest other skills and their rescaled closeness in (0, 1]."""
    n = vectors.shape[0]
    rng = np.random.default_rng(0)
    sample = rng.integers(0, n, size=(20_000, 2))
    random_cos = np.einsum("ij,ij->i", vectors[sample[:, 0]], vectors[sample[:, 1]])
    floor = float(np.quantile(random_cos, UNRELATED_QUANTILE))
    index = np.zeros((n, k), dtype=np.int32)
    closeness = np.zeros((n, k), dtype=np.float32)
    for start in range(0, n, 2048):
        block = vectors[start : start + 2048] @ vectors.T
        block[np.arange(block.shape[0]), np.arange(start, start + block.shape[0])] = -1.0
        top = np.argpartition(-block, k, axis=1)[:, :k]
        index[start : start + block.shape[0]] = top
        closeness[start : start + block.shape[0]] = np.take_along_axis(block, top, axis=1)
    closeness = np.clip((closeness - floor) / (1.0 - floor), 0.0, 1.0) * SEMANTIC_CREDIT
    return index, closeness.astype(np.float32)


class SimilarityModel:
    """The fitted signals over the taxonomy: per-skill weights, neighbours, per-occupation profiles.

    Scores for an occupation row and for a worker's skill set come from the same code
    (:meth:`components`), so a single-occupation profile scores exactly its matrix row.
    """

    def __init__(self, tax: Taxonomy, weights: Mapping[Signal, float] = WEIGHTS) -> None:
        self.tax = tax
        self.weights = dict(weights)
        self._lookup: tuple[np.ndarray, np.ndarray] | None = None

    def fit(self) -> SimilarityModel:
        tax = self.tax
        self.idf_ = skill_specificity(tax)
        idf = sparse.diags(self.idf_)
        self.requirements_ = sparse.csr_matrix((tax.essential + OPTIONAL_WEIGHT * tax.optional) @ idf)
        totals = np.asarray(self.requirements_.sum(axis=1)).ravel()
        self.requirement_totals_ = np.where(totals > 0, totals, 1.0).astype(np.float32)
        self.requirements_by_skill_ = sparse.csr_matrix(self.requirements_.T)
        knowledge = np.array([s.is_knowledge for s in tax.skills], dtype=np.float32)
        self.knowledge_requirements_ = sparse.csr_matrix(self.requirements_ @ sparse.diags(knowledge))
        k_totals = np.asarray(self.knowledge_requirements_.sum(axis=1)).ravel()
        self.knowledge_totals_ = np.where(k_totals > 0, k_totals, 1.0).astype(np.float32)
        self.knowledge_by_skill_ = sparse.csr_matrix(self.knowledge_requirements_.T)
        self.proficiency_ = sparse.csr_matrix(
            tax.essential.maximum(OPTIONAL_PROFICIENCY * tax.optional), dtype=np.float32
        )
        self.proficiency_.sort_indices()
        self.neighbour_index_, self.neighbour_closeness_ = self._neighbours()
        # soft(max(a, b)) == max(soft(a), soft(b)): per-occupation and per-skill soft rows combine exactly.
        self.soft_occupations_ = self.soft_proficiency(self.proficiency_)
        unit_skills = sparse.identity(len(tax.skills), dtype=np.float32, format="csr")
        self.soft_skills_ = self.soft_proficiency(unit_skills)
        self.onet_, self.interests_, self.job_zone_ = self._onet_profiles()
        self.isco_ = [
            np.unique([o.isco[:level] for o in tax.occupations], return_inverse=True)[1].astype(np.int32)
            for level in range(1, 5)
        ]
        self.stats_: dict[Signal, SignalStats] = {}
        self.hub_ = np.zeros(len(tax.occupations), dtype=np.float32)
        self.quantiles_ = np.zeros(0, dtype=np.float32)
        return self

    def _neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        from tangkas.reading.embeddings import skill_embeddings

        path = cache_dir() / f"skill-neighbours-{_cache_key(self.tax, {})}.npz"
        try:
            with np.load(path, allow_pickle=False) as stored:
                return stored["index"], stored["closeness"]
        except (OSError, ValueError, KeyError):
            pass
        index, closeness = _skill_neighbours(skill_embeddings())
        _save(path, index=index, closeness=closeness)
        return index, closeness

    def _onet_profiles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        table = pq.read_table(self.tax.data_dir / "onet_importance.parquet").to_pylist()
        elements = sorted({(r["domain"], r["element_id"]) for r in table})
        column = {e: i for i, e in enumerate(elements)}
        socs = sorted({r["soc"] for r in table})
        row = {s: i for i, s in enumerate(socs)}
        values = np.full((len(socs), len(elements)), np.nan, dtype=np.float32)
        for r in table:
            values[row[r["soc"]], column[(r["domain"], r["element_id"])]] = r["importance"]
        values = np.where(np.isnan(values), np.nanmean(values, axis=0), values)
        n = len(self.tax.occupations)
        onet = np.zeros((n, len(elements)), dtype=np.float32)
        interests = np.zeros((n, 6), dtype=np.float32)
        zones = np.full(n, np.nan, dtype=np.float32)
        for i, occupation in enumerate(self.tax.occupations):
            profile = self.tax.onet(occupation)
            if profile is None:
                continue
            rows = [row[s] for s in profile.soc_codes if s in row]
            if rows:
                onet[i] = values[rows].mean(axis=0)
            if profile.riasec:
                interests[i] = profile.riasec
            if profile.job_zone:
                zones[i] = profile.job_zone
        zones = np.where(np.isnan(zones), float(np.nanmedian(zones)), zones)
        return _row_normalised(onet), _row_normalised(interests), zones

    # -- scoring -------------------------------------------------------------------------------

    def soft_proficiency(self, proficiency: sparse.csr_matrix) -> sparse.csr_matrix:
        """Each row's skills plus partial credit for the nearest neighbours of every skill it has."""
        coo = proficiency.tocoo()
        k = self.neighbour_index_.shape[1]
        rows = np.concatenate([coo.row, np.repeat(coo.row, k)])
        cols = np.concatenate([coo.col, self.neighbour_index_[coo.col].ravel()])
        vals = np.concatenate([coo.data, (coo.data[:, None] * self.neighbour_closeness_[coo.col]).ravel()])
        return sparse_max(rows, cols, vals, proficiency.shape)

    def components(
        self,
        proficiency: sparse.csr_matrix,
        sources: Sequence[Sequence[int]],
        signals: Iterable[Signal] = SIGNALS,
        soft: sparse.csr_matrix | None = None,
    ) -> dict[Signal, np.ndarray]:
        """Raw signal values, one row per source (a skill proficiency row and its past occupations).

        ``proficiency`` is (n_sources x n_skills) in [0, 1]; ``sources[i]`` lists the occupation rows
        behind row ``i`` (occupation signals take the best of them; the job-zone jump starts from the
        highest zone). ``soft`` is ``soft_proficiency(proficiency)`` when the caller has it already.
        Returns (n_sources x n_occupations) float32 arrays, row = source, column = target.
        """
        out: dict[Signal, np.ndarray] = {}
        wanted = set(signals)
        if "skills" in wanted:
            out["skills"] = _coverage(proficiency, self.requirements_by_skill_, self.requirement_totals_)
        if "semantic" in wanted:
            soft = self.soft_proficiency(proficiency) if soft is None else soft
            out["semantic"] = _coverage(soft, self.requirements_by_skill_, self.requirement_totals_)
        if "knowledge" in wanted:
            out["knowledge"] = _coverage(proficiency, self.knowledge_by_skill_, self.knowledge_totals_)
        if wanted & {"isco", "onet", "interests", "jobzone"}:
            out.update(self._occupation_components(sources, wanted))
        return out

    def _occupation_components(
        self, sources: Sequence[Sequence[int]], wanted: set[Signal]
    ) -> dict[Signal, np.ndarray]:
        n = len(self.tax.occupations)
        out: dict[Signal, np.ndarray] = {}
        flat = np.asarray([r for rows in sources for r in rows], dtype=np.int64)
        counts = np.asarray([len(rows) for rows in sources], dtype=np.int64)
        if len(flat) == 0:
            return {s: np.zeros((len(sources), n), dtype=np.float32) for s in wanted if s in _OCC_SIGNALS}

        def best(values: np.ndarray) -> np.ndarray:
            return _best_per_source(values, counts)

        if "isco" in wanted:
            out["isco"] = best(_isco_depth(self.isco_, flat))
        if "onet" in wanted:
            out["onet"] = best(self.onet_[flat] @ self.onet_.T)
        if "interests" in wanted:
            out["interests"] = best(self.interests_[flat] @ self.interests_.T)
        if "jobzone" in wanted:
            start = best(self.job_zone_[flat])
            out["jobzone"] = -np.maximum(0.0, self.job_zone_[None, :] - start[:, None]).astype(np.float32)
        return out

    def combine(
        self, components: Mapping[Signal, np.ndarray], targets: np.ndarray | None = None
    ) -> np.ndarray:
        """Weighted standardised signals minus the target's hub penalty (before the percentile map).

        ``targets`` names the occupation of each value when the components are not full rows.
        """
        hub = self.hub_[None, :] if targets is None else self.hub_[targets]
        return np.asarray(self._weighted(components) - HUB_PENALTY * hub, dtype=np.float32)

    def _weighted(self, components: Mapping[Signal, np.ndarray]) -> np.ndarray:
        total = np.zeros_like(next(iter(components.values())))
        for signal, weight in self.weights.items():
            if weight:
                stats = self.stats_[signal]
                total += weight * (_transform(signal, components[signal]) - stats.mean) / stats.std
        return total

    def viability(self, combined: np.ndarray) -> np.ndarray:
        """Map a combined score to its percentile among moves within one ISCO unit group (order kept).

        A fine lookup table over the piecewise-linear percentile map keeps this O(1) per value.
        """
        low, high = float(self.quantiles_[0]), float(self.quantiles_[-1])
        if self._lookup is None or self._lookup[0] is not self.quantiles_:
            inner = np.linspace(0.001, 0.999, len(self.quantiles_) - 2)
            grid = np.concatenate([[0.0], inner, [1.0]])
            table = np.interp(np.linspace(low, high, LOOKUP_SIZE), self.quantiles_, grid).astype(np.float32)
            self._lookup = (self.quantiles_, table)
        table = self._lookup[1]
        position = (np.clip(combined, low, high) - low) * np.float32((LOOKUP_SIZE - 1) / (high - low))
        index = np.minimum(position.astype(np.int32), LOOKUP_SIZE - 2)
        below = table[index]
        return np.asarray(below + (position - index) * (table[index + 1] - below), dtype=np.float32)

    def combined_floor(self, viability: np.ndarray) -> np.ndarray:
        """Combined scores under which :meth:`viability` stays below ``viability``: a safe threshold before
        the percentile map (the lookup table is within one cell of the exact map; two cells kept).

        >>> model = similarity_model()
        >>> floor = model.combined_floor(np.array([0.25]))
        >>> bool(model.viability(floor.astype(np.float32))[0] < 0.25)
        True
        """
        inner = np.linspace(0.001, 0.999, len(self.quantiles_) - 2)
        grid = np.concatenate([[0.0], inner, [1.0]])
        cell = (float(self.quantiles_[-1]) - float(self.quantiles_[0])) / (LOOKUP_SIZE - 1)
        return np.asarray(np.interp(viability - 1e-5, grid, self.quantiles_) - 2 * cell)

    def occupation_components(self, signals: Iterable[Signal] = SIGNALS) -> dict[Signal, np.ndarray]:
        """Raw signals for every occupation as a source (n x n each)."""
        n = len(self.tax.occupations)
        return self.components(self.proficiency_, [[i] for i in range(n)], signals)

    def calibrate(self, components: Mapping[Signal, np.ndarray]) -> np.ndarray:
        """Learn the per-signal standardisation and the percentile map; return the viability matrix."""
        off_diagonal = ~np.eye(len(self.tax.occupations), dtype=bool)
        for signal, values in components.items():
            transformed = _transform(signal, values)[off_diagonal]
            std = float(transformed.std())
            self.stats_[signal] = SignalStats(float(transformed.mean()), std if std > 0 else 1.0)
        weighted = self._weighted(components)
        weighted[~off_diagonal] = -np.inf
        top = -np.partition(-weighted, HUB_NEIGHBOURS, axis=0)[:HUB_NEIGHBOURS]
        self.hub_ = top.mean(axis=0).astype(np.float32)
        combined = self.combine(components)
        unit = self.isco_[-1]
        within = combined[(unit[:, None] == unit[None, :]) & off_diagonal]
        quantiles = np.quantile(within, np.linspace(0, 1, QUANTILES))
        low = min(float(combined.min()), float(quantiles[0])) - 1e-3
        high = max(float(combined.max()), float(quantiles[-1])) + 1e-3
        grid = np.concatenate([[low], quantiles, [high]])
        self.quantiles_ = np.maximum.accumulate(grid).astype(np.float32)
        return self.viability(combined)


_OCC_SIGNALS = frozenset({"isco", "onet", "interests", "jobzone"})


def sparse_max(
    rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, shape: tuple[int, int]
) -> sparse.csr_matrix:
    """A CSR matrix keeping the largest value at each repeated (row, column) position.

    >>> sparse_max(np.array([0, 0, 1]), np.array([2, 2, 0]), np.array([0.5, 1.0, 0.3]), (2, 3)).toarray()
    array([[0. , 0. , 1. ],
           [0.3, 0. , 0. ]], dtype=float32)
    """
    order = np.lexsort((cols, rows))
    rows, cols, vals = rows[order], cols[order], np.asarray(vals, dtype=np.float32)[order]
    starts = np.flatnonzero(np.r_[True, (np.diff(rows) != 0) | (np.diff(cols) != 0)]) if len(rows) else rows
    best = np.maximum.reduceat(vals, starts) if len(vals) else vals
    return sparse.csr_matrix((best, (rows[starts], cols[starts])), shape=shape, dtype=np.float32)


def _best_per_source(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Row-wise maximum over each source's consecutive block of ``counts[i]`` rows (zeros when empty)."""
    result = np.zeros((len(counts), *values.shape[1:]), dtype=np.float32)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    for level in range(int(counts.max(initial=0))):
        take = counts > level
        rows = values[first[take] + level]
        result[take] = rows if level == 0 else np.maximum(result[take], rows)
    return result


def _transform(signal: Signal, values: np.ndarray) -> np.ndarray:
    return np.sqrt(np.maximum(values, 0.0)) if signal in SQRT_SIGNALS else values


def _coverage(
    proficiency: sparse.csr_matrix, requirements_by_skill: sparse.csr_matrix, totals: np.ndarray
) -> np.ndarray:
    covered = np.asarray((proficiency @ requirements_by_skill).toarray(), dtype=np.float32)
    return np.asarray(np.minimum(covered / totals[None, :], 1.0), dtype=np.float32)


def _isco_depth(prefixes: Sequence[np.ndarray], rows: np.ndarray) -> np.ndarray:
    depth = np.zeros((len(rows), len(prefixes[0])), dtype=np.float32)
    for level in prefixes:
        depth += level[rows][:, None] == level[None, :]
    return depth / len(prefixes)


# -- construction, caching ----------------------------------------------------------------------


KEPT_BUILDS = 3
"""Builds of one matrix kept side by side for different data or settings (checkouts of other versions on
one machine share the cache; each build is about 36 MB), the newest first."""


def cache_dir() -> Path:
    """Where built matrices are cached: ``$TANGKAS_CACHE``, else ``$XDG_CACHE_HOME/tangkas``."""
    explicit = os.environ.get("TANGKAS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tangkas"


def _cache_key(tax: Taxonomy, weights: Mapping[Signal, float]) -> str:
    manifest = json.dumps(tax.manifest(), sort_keys=True)
    embeddings = tax.data_dir / "embeddings" / "skills.npy"
    if embeddings.exists():
        manifest += hashlib.sha256(embeddings.read_bytes()).hexdigest()
    settings = json.dumps(
        [
            CACHE_VERSION,
            sorted(weights.items()),
            OPTIONAL_WEIGHT,
            OPTIONAL_PROFICIENCY,
            NEIGHBOURS,
            UNRELATED_QUANTILE,
            SEMANTIC_CREDIT,
            QUANTILES,
            HUB_NEIGHBOURS,
            HUB_PENALTY,
        ]
    )
    return hashlib.sha256((manifest + settings).encode()).hexdigest()[:16]


@load_once
def similarity_model() -> SimilarityModel:
    """The fitted and calibrated model over the shipped taxonomy, once per process."""
    model = SimilarityModel(load_taxonomy()).fit()
    calibrated_matrix(model)
    return model


_MATRICES: dict[int, np.ndarray] = {}


def calibrated_matrix(model: SimilarityModel) -> np.ndarray:
    """``model``'s viability matrix: calibrates the model on first use (from the cache when it can)."""
    if id(model) in _MATRICES:
        return _MATRICES[id(model)]
    path = cache_dir() / f"transitions-{_cache_key(model.tax, model.weights)}.npz"
    matrix: np.ndarray | None = None
    if path.exists():
        try:
            with np.load(path, allow_pickle=False) as stored:
                matrix = stored["viability"].astype(np.float32)
                model.quantiles_ = stored["quantiles"]
                model.hub_ = stored["hub"]
                model.stats_ = {
                    cast(Signal, s): SignalStats(float(m), float(d))
                    for s, m, d in zip(stored["signals"], stored["means"], stored["stds"], strict=True)
                }
        except (OSError, ValueError, KeyError):
            matrix = None
    if matrix is None:
        matrix = model.calibrate(model.occupation_components())
        _store(path, model, matrix)
    _MATRICES[id(model)] = matrix
    return matrix


def _store(path: Path, model: SimilarityModel, matrix: np.ndarray) -> None:
    signals = sorted(model.stats_)
    _save(
        path,
        viability=matrix,
        quantiles=model.quantiles_,
        hub=model.hub_,
        signals=np.array(signals),
        means=np.array([model.stats_[s].mean for s in signals]),
        stds=np.array([model.stats_[s].std for s in signals]),
    )


def _save(path: Path, **arrays: np.ndarray) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(partial, **arrays)  # type: ignore[arg-type]
        partial.replace(path)
        prefix = path.name.rsplit("-", 1)[0]
        built = [p for p in path.parent.glob(f"{prefix}-*.npz") if ".tmp." not in p.name and p != path]
        built.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in built[KEPT_BUILDS - 1 :]:
            stale.unlink(missing_ok=True)  # built for other data or settings, and not among the newest
    except OSError:
        pass  # a read-only home still works, just without the cache


def similarity_matrix() -> np.ndarray:
    """(n x n) source-by-target viability over all ESCO occupations: what recommendations rank by (0..1).

    >>> m = similarity_matrix()
    >>> m.shape == (3007, 3007), bool(m.min() >= 0.0 and m.max() <= 1.0)
    (True, True)
    """
    return calibrated_matrix(similarity_model())
