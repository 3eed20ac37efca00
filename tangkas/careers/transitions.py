"""Job transitions for a worker: the occupations they can move into, why, and what they still lack.

**Viability** is the similarity score of :mod:`tangkas.careers.similarity` (0..1), computed from the worker's
whole profile: the skills of every past occupation (essential skills fully, optional ones at
``OPTIONAL_PROFICIENCY``) plus extra skills (e.g. from a CV) at full credit, and the O*NET profile,
interests and job zone of the past occupations (the best of them). Recommendations rank by it, the
same score ``tangkas eval transitions`` measures.

Thresholds are calibrated from the data, not chosen by hand: occupations in the same ISCO-08 unit
group share a line of work, so moves between them are the reference for a feasible move. The
viability score is the percentile of a move's combined similarity among all ordered pairs of
different occupations sharing a unit group (51,180 pairs); ``viable`` is their lower quartile and
``highly viable`` their median (about 10% and 1% of all occupation pairs; a median of ~270 and ~20
targets per occupation). See :func:`viability_thresholds`.

**Desirability** uses what is known: automation risk (Nesta, by ISCO unit group) always; median pay
and posting counts (overall and per province) when a :class:`DemandTable` is given, e.g. from the
store's job postings. Every recommendation names the inputs it used.

>>> recs = recommend_transitions(Profile(occupations=("7531.5",)), top=3)
>>> load_taxonomy().occupation("7531.5").label_en
'tailor'
>>> len(recs), all(r.viable for r in recs)
(3, True)
>>> recs[0].desirability_inputs
('automation_risk',)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

import numpy as np
from scipy import sparse

from tangkas.careers.conditions import manual_mask, outdoor_mask
from tangkas.careers.excluded import excluded_mask
from tangkas.careers.ranking import Ranker, Requests
from tangkas.careers.scoring import ProfileScorer
from tangkas.careers.similarity import (
    Signal,
    SimilarityModel,
    calibrated_matrix,
    similarity_matrix,
    similarity_model,
)
from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.models import Occupation, Skill
from tangkas.taxonomy import Taxonomy, load_taxonomy

VIABLE_QUANTILE = 0.25
HIGHLY_VIABLE_QUANTILE = 0.5
FIT_LIST = 12
"""How many moves a worker is shown: the fit bands are calibrated on every occupation's best this many."""
Fit = Literal["very_good", "good", "fair"]


@dataclass(frozen=True, slots=True)
class Profile:
    """A worker: past occupations (URIs or ESCO codes, most recent first), extra skill URIs, preferences.

    ``max_job_zone_jump`` bounds the rise in O*NET job zone (required preparation); ``min_pay`` drops
    targets whose median pay in the :class:`DemandTable` (their own, else their unit group's) is lower
    (unknown pay is kept); ``exclude``
    drops occupations (URIs or codes); ``less_physical`` keeps only work that is not heavy manual work and
    ``indoor`` only work not done outdoors (:mod:`tangkas.careers.conditions`). Pay and risk changes are
    measured from the first occupation.
    """

    occupations: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    province: str | None = None
    exclude: frozenset[str] = frozenset()
    min_pay: float | None = None
    max_job_zone_jump: int | None = None
    less_physical: bool = False
    indoor: bool = False


@dataclass(frozen=True, slots=True)
class DemandTable:
    """Labour-market inputs per occupation URI: median pay, postings, postings per (URI, province)."""

    median_pay: Mapping[str, float] = field(default_factory=dict)
    postings: Mapping[str, int] = field(default_factory=dict)
    province_postings: Mapping[tuple[str, str], int] = field(default_factory=dict)
    group_median_pay: Mapping[str, float] = field(default_factory=dict)
    """Median pay per ISCO-08 unit group: the pay of an occupation with too few paid ads of its own."""

    def pay(self, occupation: Occupation) -> float | None:
        """The occupation's median pay, else its unit group's, else ``None``.

        >>> table = DemandTable(median_pay={"u": 5e6}, group_median_pay={"5230": 4e6})
        >>> cashier = load_taxonomy().occupation("5230.1")
        >>> table.pay(cashier)
        4000000.0
        """
        return self.median_pay.get(occupation.uri) or self.group_median_pay.get(occupation.isco)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Viability cut-offs calibrated from pairs of occupations within one ISCO unit group."""

    viable: float
    highly_viable: float


@dataclass(frozen=True, slots=True)
class GapSkill:
    """A skill the target needs and the worker lacks.

    ``importance`` is in 0..1; ``related`` is a close skill the worker has (partial credit), if any.
    """

    skill: Skill
    importance: float
    related: Skill | None = None


@dataclass(frozen=True, slots=True)
class SkillGap:
    """What carries over to a target and what is missing (most important first)."""

    transferable: tuple[Skill, ...]
    missing_essential: tuple[GapSkill, ...]
    missing_optional: tuple[GapSkill, ...]

    @property
    def missing_essential_uris(self) -> tuple[str, ...]:
        return tuple(g.skill.uri for g in self.missing_essential)

    @property
    def missing_optional_uris(self) -> tuple[str, ...]:
        return tuple(g.skill.uri for g in self.missing_optional)


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One target occupation for a worker, with its score, the reasons and the gap."""

    occupation: Occupation
    score: float
    components: dict[str, float]
    viable: bool
    highly_viable: bool
    desirable: bool
    fit: Fit
    gap: SkillGap
    automation_risk_change: float | None
    raises_automation_risk: bool | None
    job_zone_rise: int | None
    pay_ratio: float | None
    postings: int | None
    desirability_inputs: tuple[str, ...]
    median_pay: float | None = None
    """The target's median monthly pay in the job ads (its own, else its unit group's), when known."""


@load_once
def viability_thresholds() -> Thresholds:
    """Quartile and median viability of moves between different occupations of one ISCO unit group.

    >>> t = viability_thresholds()
    >>> round(t.viable, 2), round(t.highly_viable, 2)
    (0.25, 0.5)
    """
    matrix = similarity_matrix()
    isco = np.array([o.isco for o in similarity_model().tax.occupations])
    same = (isco[:, None] == isco[None, :]) & ~np.eye(len(isco), dtype=bool)
    low, high = np.quantile(matrix[same], [VIABLE_QUANTILE, HIGHLY_VIABLE_QUANTILE])
    return Thresholds(viable=float(low), highly_viable=float(high))


@load_once
def fit_bands() -> tuple[float, float]:
    """Scores from which a move is a ``very_good`` and a ``good`` fit: the upper and lower thirds of the
    scores of every occupation's best :data:`FIT_LIST` moves, so that a list a worker sees is not all
    "very good" (highly viable, the unit-group median, is met by nearly every listed move).

    >>> very_good, good = fit_bands()
    >>> 0.5 < good < very_good < 1.0
    True
    """
    matrix = similarity_matrix().copy()
    np.fill_diagonal(matrix, -np.inf)
    matrix[:, excluded_mask()] = -np.inf
    best = -np.partition(-matrix, FIT_LIST, axis=1)[:, :FIT_LIST]
    best = best[np.isfinite(best) & (best >= viability_thresholds().viable)]
    good, very_good = np.quantile(best, [1 / 3, 2 / 3])
    return float(very_good), float(good)


def fit_band(score: float) -> Fit:
    """The band a worker reads for a move's score (:func:`fit_bands`)."""
    very_good, good = fit_bands()
    return "very_good" if score >= very_good else "good" if score >= good else "fair"


# -- the worker's side ----------------------------------------------------------------------------


def _occupation_rows(tax: Taxonomy, identifiers: Iterable[str]) -> list[int]:
    index = tax.occupation_index
    return [index[i] if i in index else index[tax.occupation(i).uri] for i in identifiers]


def _skill_rows(tax: Taxonomy, identifiers: Iterable[str]) -> list[int]:
    index = tax.skill_index
    return [index[s] if s in index else index[tax.skill(s).uri] for s in identifiers]


def _profile_rows(profiles: Sequence[Profile], tax: Taxonomy) -> tuple[list[list[int]], list[list[int]]]:
    """Each profile's occupation rows (first first, repeats dropped) and extra skill rows."""
    if any(not p.occupations and not p.skills for p in profiles):
        raise TangkasError("a profile needs at least one occupation or skill")
    sources = [_distinct(_occupation_rows(tax, p.occupations)) for p in profiles]
    return sources, [_skill_rows(tax, p.skills) if p.skills else [] for p in profiles]


def _distinct(rows: list[int]) -> list[int]:
    return rows if len(rows) < 2 else list(dict.fromkeys(rows))


@load_once
def _scorer(model: SimilarityModel) -> ProfileScorer:
    return ProfileScorer(model, calibrated_matrix(model))


@load_once
def _ranker() -> Ranker:
    """The batch ranking over the shipped model. It tables the scorer's coverage rows (2 x 36 MB more;
    the interactive path then reads them too, with the same bits)."""
    scorer = _scorer(similarity_model()).build_tables()
    return Ranker(scorer, viability_thresholds().viable, ~excluded_mask(), skills_lift)


def score_profiles(
    profiles: Sequence[Profile], model: SimilarityModel | None = None
) -> tuple[np.ndarray, dict[Signal, np.ndarray]]:
    """Viability of every occupation for each profile (n_profiles x n_occupations) and the raw signals.

    A profile of one occupation and no extra skills scores exactly that occupation's matrix row, and a
    profile scores the same alone as with others (:mod:`tangkas.careers.scoring`).
    """
    model = model or similarity_model()
    scorer = _scorer(model)
    sources, extras = _profile_rows(profiles, model.tax)
    return scorer.viability(sources, extras), scorer.components(sources, extras)


def profile_scores(
    profile: Profile, model: SimilarityModel | None = None
) -> tuple[np.ndarray, dict[Signal, np.ndarray]]:
    """Viability of every occupation for one profile (n_occupations,), and the raw signals behind it.

    >>> from tangkas.careers.similarity import SIGNALS
    >>> scores, parts = profile_scores(Profile(occupations=("7531.5",)))
    >>> scores.shape, sorted(parts) == sorted(SIGNALS)
    ((3007,), True)
    """
    scores, raw = score_profiles([profile], model)
    return scores[0], {s: v[0] for s, v in raw.items()}


CHUNK = 512
"""Profiles ranked together by :func:`top_transitions` (the fastest on this machine, docs/benchmarks.md)."""


@overload
def top_transitions(
    profiles: Sequence[Profile], *, top: int = ..., chunk: int = ..., scores: Literal[False] = ...
) -> np.ndarray: ...


@overload
def top_transitions(
    profiles: Sequence[Profile], *, top: int = ..., chunk: int = ..., scores: Literal[True]
) -> tuple[np.ndarray, np.ndarray]: ...


def top_transitions(
    profiles: Sequence[Profile], *, top: int = 10, chunk: int = CHUNK, scores: bool = False
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Batch form of :func:`recommend_transitions` without the reasons: (n_profiles x top) occupation rows.

    The same ranking, value for value: viable targets only, past and excluded occupations left out,
    ``exclude`` and ``max_job_zone_jump`` applied, and the lift from the worker's extra skills
    (:func:`your_skills_lift`); ``-1`` pads rows with fewer viable targets. Other preferences
    (``min_pay``, ``less_physical``, ``indoor``) are not applied. With ``scores``, also each target's
    score (:attr:`Recommendation.score` before rounding; NaN where padded). The first call builds the
    tables (:mod:`tangkas.careers.ranking`, about a second); BLAS is only used then.

    >>> tax, tailor = load_taxonomy(), Profile(occupations=("7531.5",))
    >>> rows = top_transitions([tailor], top=3)
    >>> [tax.occupations[r] for r in rows[0]] == [r.occupation for r in recommend_transitions(tailor, top=3)]
    True
    """
    ranker = _ranker()
    tax = ranker.scorer.model.tax
    out = np.full((len(profiles), top), -1, dtype=np.int32)
    values = np.full((len(profiles), top), np.nan, dtype=np.float32)
    for start in range(0, len(profiles), chunk):
        batch = profiles[start : start + chunk]
        rows, found = ranker.top(_requests(batch, tax), top)
        out[start : start + len(batch)] = rows
        values[start : start + len(batch)] = found
    return (out, values) if scores else out


def _requests(profiles: Sequence[Profile], tax: Taxonomy) -> Requests:
    sources, extras = _profile_rows(profiles, tax)
    return Requests(
        sources=sources,
        extras=extras,
        lifting=[_lifting_skills(p, tax) if p.skills else [] for p in profiles],
        blocked=[
            rows + _occupation_rows(tax, p.exclude) if p.exclude else rows
            for rows, p in zip(sources, profiles, strict=True)
        ],
        max_rise=np.array([_max_rise(p) for p in profiles], dtype=np.float32),
    )


def _max_rise(profile: Profile) -> float:
    return np.inf if profile.max_job_zone_jump is None else float(profile.max_job_zone_jump)


def known_skills(profile: Profile, tax: Taxonomy | None = None) -> set[int]:
    """Skill rows the worker is taken to have: every skill of a past occupation and the extra skills."""
    tax = tax or load_taxonomy()
    known: set[int] = set()
    for r in _occupation_rows(tax, profile.occupations):
        for matrix in (tax.essential, tax.optional):
            known.update(matrix.indices[matrix.indptr[r] : matrix.indptr[r + 1]].tolist())
    known.update(tax.skill_index[tax.skill(s).uri] for s in profile.skills)
    return known


@load_once
def _unit_group_rows() -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for i, occupation in enumerate(load_taxonomy().occupations):
        groups.setdefault(occupation.isco, []).append(i)
    return groups


@load_once
def unit_group_share(isco: str) -> np.ndarray:
    """Per skill, the share of the occupations in ISCO-08 unit group ``isco`` that list it as essential."""
    essential = load_taxonomy().essential[_unit_group_rows()[isco]]
    return np.asarray(essential.mean(axis=0)).ravel()


def skill_gap(profile: Profile, target: str | Occupation) -> SkillGap:
    """Transferable and missing skills of ``target`` for ``profile``, most important first.

    A missing essential skill's importance is the share of occupations in the target's ISCO unit
    group that also list it as essential (core to the line of work), ties broken by specificity.

    >>> gap = skill_gap(Profile(occupations=("7531.5",)), "7531.5")
    >>> gap.missing_essential, gap.missing_optional
    ((), ())
    >>> gap = skill_gap(Profile(occupations=("7531.5",)), "7533.5")
    >>> len(gap.missing_essential_uris) > 0
    True
    """
    model = similarity_model()
    occupation = target if isinstance(target, Occupation) else model.tax.occupation(target)
    return _gap(model, known_mask(profile, model.tax), occupation)


def known_mask(profile: Profile, tax: Taxonomy) -> np.ndarray:
    """:func:`known_skills` as a boolean mask over the taxonomy's skill rows."""
    mask = np.zeros(len(tax.skills), dtype=bool)
    mask[list(known_skills(profile, tax))] = True
    return mask


def _gap(model: SimilarityModel, known: np.ndarray, occupation: Occupation) -> SkillGap:
    tax = model.tax
    row = tax.occupation_index[occupation.uri]
    share = unit_group_share(occupation.isco)

    def listed(matrix: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]])

    def missing(matrix: sparse.csr_matrix) -> tuple[GapSkill, ...]:
        columns = listed(matrix)
        columns = columns[~known[columns]]
        order = np.lexsort((-model.idf_[columns], -share[columns]))
        columns = columns[order]
        related = _related(model, columns, known)
        return tuple(
            GapSkill(tax.skills[c], round(float(share[c]), 3), None if r < 0 else tax.skills[r])
            for c, r in zip(columns.tolist(), related.tolist(), strict=True)
        )

    required = np.union1d(listed(tax.essential), listed(tax.optional))
    carried = required[known[required]]
    carried = carried[np.lexsort((carried, -model.idf_[carried]))]
    return SkillGap(
        transferable=tuple(tax.skills[c] for c in carried.tolist()),
        missing_essential=missing(tax.essential),
        missing_optional=missing(tax.optional),
    )


def _related(model: SimilarityModel, columns: np.ndarray, known: np.ndarray) -> np.ndarray:
    """For each column, the closest embedding neighbour the worker knows, or -1."""
    neighbours = model.neighbour_index_[columns]
    usable = known[neighbours] & (model.neighbour_closeness_[columns] > 0)
    first = usable.argmax(axis=1)
    return np.where(usable.any(axis=1), neighbours[np.arange(len(columns)), first], -1)


# -- recommendations ---------------------------------------------------------------------------------


def recommend_transitions(
    profile: Profile, *, top: int = 10, demand: DemandTable | None = None, viable_only: bool = True
) -> list[Recommendation]:
    """The ``top`` occupations ``profile`` can move into, most viable first, with reasons and gaps.

    Past occupations, ``exclude`` and the occupations never recommended in Indonesia
    (:mod:`tangkas.careers.excluded`) are left out; preferences filter before ranking.

    >>> recs = recommend_transitions(Profile(occupations=("7531.5",), exclude=frozenset({"7531.2"})), top=5)
    >>> {"tailor", "dressmaker"} & {r.occupation.label_en for r in recs}
    set()
    """
    model = similarity_model()
    tax = model.tax
    scores, components = profile_scores(profile, model)
    scores = np.minimum(scores + your_skills_lift(profile, tax), 1.0)
    thresholds = viability_thresholds()
    allowed = _allowed(profile, model, components, demand)
    if viable_only:
        allowed &= scores >= thresholds.viable
    candidates = np.flatnonzero(allowed)
    order = candidates[np.argsort(-scores[candidates], kind="stable")][:top]
    reference = tax.occupation(profile.occupations[0]) if profile.occupations else None
    known = known_mask(profile, tax)
    return [
        _recommend(
            profile,
            int(c),
            float(scores[c]),
            {s: float(v[c]) for s, v in components.items()},
            thresholds,
            reference,
            demand,
            _gap(model, known, tax.occupations[int(c)]),
        )
        for c in order
    ]


YOUR_SKILL_LIFT = 0.03
"""Added to a move's score for each of the worker's own extra skills (from a CV or typed in) that the
target lists as essential (half for optional), up to :data:`MAX_YOUR_SKILLS_LIFT`: a cashier who knows
Excel sees office moves rise."""
MAX_YOUR_SKILLS_LIFT = 0.1


def your_skills_lift(profile: Profile, tax: Taxonomy) -> np.ndarray:
    """(n_occupations,) the lift each target gets from the worker's extra skills it uses.

    >>> tax = load_taxonomy()
    >>> excel = tax.skill("use spreadsheets software").uri
    >>> lift = your_skills_lift(Profile(occupations=("5230.1",), skills=(excel,)), tax)
    >>> float(lift[tax.occupation_index[tax.occupation("4110.1").uri]]) > 0, float(lift.max()) <= 0.1
    (True, True)
    """
    columns = _lifting_skills(profile, tax)
    if not columns:
        return np.zeros(len(tax.occupations), dtype=np.float32)
    essential, optional = _occupations_by_skill(tax)
    uses = np.asarray(essential[columns].sum(axis=0)).ravel()
    uses = uses + 0.5 * np.asarray(optional[columns].sum(axis=0)).ravel()
    return skills_lift(uses)


@load_once
def _occupations_by_skill(tax: Taxonomy) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """The essential and optional matrices by skill row (a column of the taxonomy's is slow to take)."""
    return sparse.csr_matrix(tax.essential.T), sparse.csr_matrix(tax.optional.T)


def _lifting_skills(profile: Profile, tax: Taxonomy) -> list[int]:
    """The skill rows that lift moves: the profile's skills given as URIs, a repeated one counting twice."""
    return [tax.skill_index[u] for u in profile.skills if u in tax.skill_index]


def skills_lift(uses: np.ndarray) -> np.ndarray:
    """The lift of a target from how many of the worker's skills it uses (essential 1, optional 0.5).

    >>> skills_lift(np.array([0.0, 0.5, 2.0, 9.0], dtype=np.float32)).tolist()
    [0.0, 0.014999999664723873, 0.05999999865889549, 0.10000000149011612]
    """
    lift: np.ndarray = np.minimum(YOUR_SKILL_LIFT * uses, MAX_YOUR_SKILLS_LIFT).astype(np.float32)
    return lift


def _allowed(
    profile: Profile,
    model: SimilarityModel,
    components: Mapping[Signal, np.ndarray],
    demand: DemandTable | None,
) -> np.ndarray:
    tax = model.tax
    allowed = ~excluded_mask()
    for r in _occupation_rows(tax, (*profile.occupations, *profile.exclude)):
        allowed[r] = False
    if profile.max_job_zone_jump is not None:
        allowed &= -components["jobzone"] <= profile.max_job_zone_jump
    if profile.less_physical:
        allowed &= ~manual_mask()
    if profile.indoor:
        allowed &= ~outdoor_mask()
    if profile.min_pay is not None and demand is not None:
        for row, occupation in enumerate(tax.occupations):
            pay = demand.pay(occupation)
            if pay is not None and pay < profile.min_pay:
                allowed[row] = False
    return allowed


def _recommend(
    profile: Profile,
    row: int,
    score: float,
    components: dict[str, float],
    thresholds: Thresholds,
    reference: Occupation | None,
    demand: DemandTable | None,
    gap: SkillGap,
) -> Recommendation:
    tax = load_taxonomy()
    target = tax.occupations[row]
    risk_change = _risk_change(tax, reference, target)
    inputs = ["automation_risk"] if risk_change is not None else []
    pay_ratio, postings = None, None
    if demand is not None:
        pay_ratio = _pay_ratio(demand, reference, target)
        if pay_ratio is not None:
            inputs.append("pay")
        postings, source = _postings(demand, target, profile.province)
        if source:
            inputs.append(source)
    desirable = not (risk_change is not None and risk_change > 0)
    desirable &= pay_ratio is None or pay_ratio >= 1.0
    desirable &= postings is None or postings > 0
    zone_change = -components["jobzone"] if "jobzone" in components else None
    return Recommendation(
        occupation=target,
        score=round(score, 4),
        components={k: round(v, 4) + 0.0 for k, v in components.items()},  # + 0.0: no "-0.0"
        viable=score >= thresholds.viable,
        highly_viable=score >= thresholds.highly_viable,
        desirable=bool(desirable),
        fit=fit_band(score),
        gap=gap,
        automation_risk_change=None if risk_change is None else round(risk_change, 3),
        raises_automation_risk=None if risk_change is None else risk_change > 0,
        job_zone_rise=None if zone_change is None else round(zone_change),
        pay_ratio=None if pay_ratio is None else round(pay_ratio, 3),
        postings=postings,
        desirability_inputs=tuple(inputs),
        median_pay=demand.pay(target) if demand is not None else None,
    )


def _risk_change(tax: Taxonomy, reference: Occupation | None, target: Occupation) -> float | None:
    before = tax.automation_risk(reference.isco) if reference else None
    after = tax.automation_risk(target.isco)
    return None if before is None or after is None else after.risk - before.risk


def _pay_ratio(demand: DemandTable, reference: Occupation | None, target: Occupation) -> float | None:
    before = demand.pay(reference) if reference else None
    after = demand.pay(target)
    return None if not before or after is None else after / before


def _postings(demand: DemandTable, target: Occupation, province: str | None) -> tuple[int | None, str]:
    if province and demand.province_postings:
        return demand.province_postings.get((target.uri, province), 0), "demand_province"
    if demand.postings:
        return demand.postings.get(target.uri, 0), "demand"
    return None, ""
