"""Batch ranking (``top_transitions``) against the interactive path, and the scorer behind both."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse

from tangkas.careers.ranking import DEPTH
from tangkas.careers.scoring import ProfileScorer, profile_kind
from tangkas.careers.similarity import SIGNALS, similarity_matrix, similarity_model
from tangkas.careers.transitions import (
    Profile,
    _profile_rows,
    _ranker,
    profile_scores,
    recommend_transitions,
    score_profiles,
    top_transitions,
    your_skills_lift,
)
from tangkas.taxonomy import load_taxonomy

TAX = load_taxonomy()
N_OCC, N_SKILLS = len(TAX.occupations), len(TAX.skills)


def _profile(rng: random.Random) -> Profile:
    """0-3 occupations (now and then one twice); random extra skills, skills the first occupation lists,
    a skill twice, a skill by its label; some of the best moves excluded; a job-zone limit."""
    occupations = [
        TAX.occupations[rng.randrange(N_OCC)].uri for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3]))
    ]
    if occupations and rng.random() < 0.05:
        occupations.append(occupations[0])
    skills = [TAX.skills[rng.randrange(N_SKILLS)].uri for _ in range(rng.choice([0, 0, 1, 2, 3, 5]))]
    if occupations and rng.random() < 0.3:
        first = TAX.occupation(occupations[0])
        own = TAX.optional_skills(first) + TAX.essential_skills(first)
        skills += [rng.choice(own).uri for _ in range(rng.randint(1, 3))] if own else []
    if skills and rng.random() < 0.1:
        skills.append(skills[0])
    if skills and rng.random() < 0.05:
        skills[0] = TAX.skill(skills[0]).label_en
    if not occupations and not skills:
        occupations = [TAX.occupations[rng.randrange(N_OCC)].uri]
    exclude: set[str] = set()
    if occupations and rng.random() < 0.3:
        best = recommend_transitions(Profile(occupations=tuple(occupations)), top=8)
        exclude = {r.occupation.uri for r in best if rng.random() < 0.5}
    return Profile(
        occupations=tuple(occupations),
        skills=tuple(skills),
        exclude=frozenset(exclude),
        max_job_zone_jump=rng.choice([None, None, None, 0, 1, 2]),
    )


@pytest.fixture(scope="module")
def sample() -> list[Profile]:
    rng = random.Random(20261128)
    return [_profile(rng) for _ in range(300)]


def _uris(rows: np.ndarray) -> list[str]:
    return [TAX.occupations[r].uri for r in rows if r >= 0]


def _expected(profile: Profile, top: int = 10) -> list[str]:
    return [r.occupation.uri for r in recommend_transitions(profile, top=top)]


def test_transitions_batch_ranks_mixed_profiles_as_recommend_does(sample: list[Profile]) -> None:
    sources, extras = _profile_rows(sample, TAX)
    kinds = {profile_kind(rows, cols) for rows, cols in zip(sources, extras, strict=True)}
    assert kinds == {"row", "update", "dense"}
    assert any(p.skills and not p.occupations for p in sample) and any(
        p.max_job_zone_jump == 0 for p in sample
    )
    rows, scores = top_transitions(sample, top=10, chunk=64, scores=True)
    assert (rows >= 0).sum() > 2000
    for profile, ranked, found in zip(sample, rows, scores, strict=True):
        assert _uris(ranked) == _expected(profile), profile
        viability, _ = profile_scores(profile)
        lifted = np.minimum(viability + your_skills_lift(profile, TAX), 1.0)  # recommend_transitions' scores
        np.testing.assert_array_equal(found[ranked >= 0], lifted[ranked[ranked >= 0]])
        assert np.isnan(found[ranked < 0]).all()


def test_transitions_batch_ranking_does_not_depend_on_the_chunk(sample: list[Profile]) -> None:
    np.testing.assert_array_equal(top_transitions(sample, chunk=7), top_transitions(sample, chunk=300))


def test_transitions_batch_a_short_list_falls_back_to_the_full_row() -> None:
    tailor = TAX.occupation("7531.5")
    ranker = _ranker()
    row = TAX.occupation_index[tailor.uri]
    best = ranker.best_targets[row]
    assert ranker.complete[row] == False  # noqa: E712  (numpy bool)
    excluded = frozenset(TAX.occupations[t].uri for t in best[best >= 0][: DEPTH - 3])
    for skills in ((), (TAX.skill("tend automatic sewing machines").uri,)):
        profile = Profile(occupations=(tailor.uri,), skills=skills, exclude=excluded, max_job_zone_jump=1)
        assert _uris(top_transitions([profile])[0]) == _expected(profile)


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(
    st.lists(st.integers(0, N_OCC - 1), max_size=3),
    st.lists(st.integers(0, N_SKILLS - 1), max_size=4),
    st.integers(0, 6),
    st.sampled_from([None, 0, 1, 2]),
)
def test_transitions_batch_equals_recommend_for_any_profile(
    occupations: list[int], skills: list[int], excluded: int, jump: int | None
) -> None:
    if not occupations and not skills:
        skills = [0]
    profile = Profile(
        occupations=tuple(TAX.occupations[r].uri for r in occupations),
        skills=tuple(TAX.skills[s].uri for s in skills),
        max_job_zone_jump=jump,
    )
    best = _expected(profile, top=excluded)
    profile = Profile(
        occupations=profile.occupations,
        skills=profile.skills,
        exclude=frozenset(best[::2]),
        max_job_zone_jump=jump,
    )
    assert _uris(top_transitions([profile], top=12)[0]) == _expected(profile, top=12)


def test_transitions_batch_a_profile_scores_the_same_alone_and_with_others(sample: list[Profile]) -> None:
    some = sample[:60]
    together, _ = score_profiles(some)
    alone = np.stack([profile_scores(p)[0] for p in some])
    np.testing.assert_array_equal(together, alone)
    sources, extras = _profile_rows(some, TAX)
    model, matrix = similarity_model(), similarity_matrix()
    computed = ProfileScorer(model, matrix).viability(sources, extras)
    tabled = ProfileScorer(model, matrix).build_tables().viability(sources, extras)
    np.testing.assert_array_equal(computed, together)
    np.testing.assert_array_equal(tabled, together)


def test_transitions_batch_one_occupation_scores_exactly_its_matrix_row() -> None:
    model, matrix = similarity_model(), similarity_matrix()
    scorer = ProfileScorer(model, matrix)
    rows = list(range(0, N_OCC, 13))
    combined = model.combine(scorer.components([[r] for r in rows], [[] for _ in rows]))
    np.testing.assert_array_equal(model.viability(combined), matrix[rows])


def _proficiency(matrix: sparse.csr_matrix, groups: list[list[int]]) -> np.ndarray:
    dense = np.zeros((len(groups), matrix.shape[1]), dtype=np.float32)
    for i, rows in enumerate(groups):
        for r in rows:
            dense[i] = np.maximum(dense[i], matrix[r].toarray()[0])
    return dense


def test_transitions_batch_signals_equal_the_direct_skill_product(sample: list[Profile]) -> None:
    """The scorer's sums and corrections give the model's own profile-by-skill product."""
    model = similarity_model()
    some = [p for p in sample if len(p.occupations) > 1 or p.skills][:80]
    sources, extras = _profile_rows(some, TAX)
    hard = _proficiency(model.proficiency_, sources)
    for i, cols in enumerate(extras):
        hard[i, cols] = 1.0
    soft = np.maximum(
        _proficiency(model.soft_occupations_, sources), _proficiency(model.soft_skills_, extras)
    )
    expected = model.components(sparse.csr_matrix(hard), sources, soft=sparse.csr_matrix(soft))
    got = ProfileScorer(model, similarity_matrix()).components(sources, extras)
    assert sorted(got) == sorted(SIGNALS)
    for signal in SIGNALS:
        np.testing.assert_allclose(got[signal], expected[signal], atol=1e-5, err_msg=signal)
