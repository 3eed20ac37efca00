from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tangkas.careers.similarity import (
    SIGNALS,
    cache_dir,
    similarity_matrix,
    similarity_model,
    skill_specificity,
    sparse_max,
)
from tangkas.taxonomy import Taxonomy


def _row(tax: Taxonomy, code: str) -> int:
    return tax.occupation_index[tax.occupation(code).uri]


def test_similarity_specific_skills_weigh_more_than_transversal_ones(tax: Taxonomy) -> None:
    idf = skill_specificity(tax)
    assert idf.shape == (len(tax.skills),)
    cutting, teamwork = tax.skill("cut fabrics"), tax.skill("teamwork principles")
    assert idf[tax.skill_index[cutting.uri]] > idf[tax.skill_index[teamwork.uri]]


def test_similarity_every_signal_is_a_square_source_by_target_matrix(tax: Taxonomy) -> None:
    model = similarity_model()
    components = model.components(model.proficiency_[:3], [[0], [1], [2]])
    assert set(components) == set(SIGNALS)
    for values in components.values():
        assert values.shape == (3, len(tax.occupations))
        assert np.isfinite(values).all()


def test_similarity_skill_coverage_of_itself_is_complete(tax: Taxonomy) -> None:
    model = similarity_model()
    rows = [_row(tax, c) for c in ("7531.5", "2512.4", "8332.2")]
    parts = model.components(model.proficiency_[rows], [[r] for r in rows], ["skills", "semantic", "isco"])
    for i, r in enumerate(rows):
        assert parts["isco"][i, r] == 1.0
        assert parts["semantic"][i, r] >= parts["skills"][i, r] > 0.5


def test_similarity_is_directional_nurse_to_assistant_is_easier(tax: Taxonomy) -> None:
    matrix = similarity_matrix()
    nurse, assistant = _row(tax, "2221.2"), _row(tax, "5321.1")
    assert matrix[nurse, assistant] > matrix[assistant, nurse]
    skills = similarity_model().occupation_components(["skills"])["skills"]
    assert skills[nurse, assistant] > skills[assistant, nurse]


def test_similarity_job_zone_penalises_only_a_rise_in_preparation(tax: Taxonomy) -> None:
    jump = similarity_model().occupation_components(["jobzone"])["jobzone"]
    assert jump.max() == 0.0
    zones = similarity_model().job_zone_
    low, high = int(np.argmin(zones)), int(np.argmax(zones))
    assert jump[high, low] == 0.0
    assert jump[low, high] < 0.0


def test_similarity_combined_matrix_is_a_percentile_with_garment_neighbours(tax: Taxonomy) -> None:
    matrix = similarity_matrix()
    assert matrix.shape == (len(tax.occupations),) * 2
    assert matrix.min() >= 0.0 and matrix.max() <= 1.0
    tailor = _row(tax, "7531.5")
    top = [tax.occupations[i].isco for i in np.argsort(-matrix[tailor])[:10]]
    assert sum(code.startswith("753") or code.startswith("815") for code in top) >= 7


def test_similarity_sparse_max_keeps_the_largest_duplicate() -> None:
    result = sparse_max(np.array([1, 1, 0]), np.array([0, 0, 1]), np.array([0.2, 0.7, 0.1]), (2, 2))
    np.testing.assert_allclose(result.toarray(), [[0, 0.1], [0.7, 0]], rtol=1e-6)


def test_similarity_cache_dir_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TANGKAS_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("TANGKAS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "tangkas"


def test_similarity_cache_keeps_the_newest_builds_of_other_versions(tmp_path: Path) -> None:
    import os

    from tangkas.careers.similarity import KEPT_BUILDS, _save

    older = [tmp_path / f"transitions-{n:016x}.npz" for n in range(4)]
    for age, path in enumerate(older):
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    (tmp_path / "skill-neighbours-0000000000000000.npz").write_bytes(b"x")
    newest = tmp_path / "transitions-ffffffffffffffff.npz"
    _save(newest, viability=np.zeros(2, dtype=np.float32))
    kept = sorted(p.name for p in tmp_path.glob("transitions-*.npz"))
    assert len(kept) == KEPT_BUILDS and newest.name in kept
    assert [p.exists() for p in older] == [False, False, True, True]  # the two newest others stay
    assert (tmp_path / "skill-neighbours-0000000000000000.npz").exists()  # another matrix: untouched
