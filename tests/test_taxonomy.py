from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tangkas.errors import UnknownConceptError
from tangkas.models import IscoGroup, KbjiOccupation, Occupation
from tangkas.taxonomy import DATA_DIR, Taxonomy


def test_taxonomy_counts_match_esco_release(tax: Taxonomy) -> None:
    assert len(tax.occupations) == 3007
    assert len(tax.skills) == 13896
    # 123,855 relations minus the 67 that point at an occupation missing from ESCO v1.1.1.
    assert tax.essential.nnz + tax.optional.nnz == 123855 - 67
    assert tax.essential.multiply(tax.optional).nnz == 0


def test_taxonomy_every_occupation_has_a_known_unit_group(tax: Taxonomy) -> None:
    for occ in tax.occupations:
        group = tax.isco_group(occ.isco)
        assert group.level == 4
        assert occ.code.startswith(occ.isco)


def test_taxonomy_relations_point_at_known_concepts(tax: Taxonomy) -> None:
    for matrix in (tax.essential, tax.optional):
        assert matrix.shape == (len(tax.occupations), len(tax.skills))
        assert matrix.indices.max() < len(tax.skills)
    # Every occupation has skills; one (specialist dentist) has only optional ones in ESCO v1.1.1.
    counts = np.diff(tax.essential.indptr) + np.diff(tax.optional.indptr)
    assert (counts > 0).all()
    assert (np.diff(tax.essential.indptr) == 0).sum() == 1


def test_taxonomy_broader_links_resolve(tax: Taxonomy) -> None:
    for occ in tax.occupations:
        if occ.broader:
            assert tax.occupation(occ.broader).isco == occ.isco


def test_taxonomy_isco_hierarchy_has_four_levels_with_indonesian_names(tax: Taxonomy) -> None:
    levels = {level: [g for g in tax.isco_groups.values() if g.level == level] for level in (1, 2, 3, 4)}
    assert [len(levels[n]) for n in (1, 2, 3, 4)] == [10, 43, 130, 436]
    named = [g for g in levels[4] if g.label_id]
    assert len(named) >= 430
    assert [g.code for g in tax.isco_path("8332")] == ["8", "83", "833", "8332"]
    assert tax.isco_group("8332").label("id") == "Pengemudi Truk Berat dan Truk Kontainer"


def test_taxonomy_kbji_six_digit_attached_to_unit_groups(tax: Taxonomy) -> None:
    assert len(tax.kbji) == 2137
    assert all(re.fullmatch(r"\d{4}\.\d{2}", k) for k in tax.kbji)
    titles = [k.title_id for k in tax.kbji_in("8332")]
    assert "Pengemudi Truk Berat" in titles


@given(st.integers(min_value=0, max_value=3006))
@settings(max_examples=60, deadline=None)
def test_taxonomy_identifiers_round_trip(tax: Taxonomy, index: int) -> None:
    occ = tax.occupations[index]
    assert tax.occupation(occ.uri) is occ
    assert tax.occupation(occ.code) is occ
    assert tax.lookup(occ.code) is occ
    assert tax.occupation_index[occ.uri] == index


@given(st.integers(min_value=0, max_value=13895))
@settings(max_examples=60, deadline=None)
def test_taxonomy_skill_round_trip(tax: Taxonomy, index: int) -> None:
    skill = tax.skills[index]
    assert tax.skill(skill.uri) is skill
    assert tax.skill_index[skill.uri] == index


def test_taxonomy_lookup_resolves_every_kind_of_identifier(tax: Taxonomy) -> None:
    assert isinstance(tax.lookup("2512.4"), Occupation)
    assert isinstance(tax.lookup("7531"), IscoGroup)
    assert isinstance(tax.lookup("7531.01"), KbjiOccupation)
    assert isinstance(tax.lookup("kbji:8332.01"), KbjiOccupation)


@pytest.mark.parametrize("bad", ["9999.99", "http://example.org/x", "abc", "12345", "", "kbji:0000.00"])
def test_taxonomy_unknown_identifiers_raise_typed_errors(tax: Taxonomy, bad: str) -> None:
    with pytest.raises(UnknownConceptError):
        tax.lookup(bad)


def test_taxonomy_skill_collections_and_hierarchy(tax: Taxonomy) -> None:
    python = tax.skill("Python (computer programming)")
    assert "digital" in python.collections
    assert python.is_knowledge
    assert tax.skill_path(python), "every skill sits somewhere in the ESCO skills hierarchy"
    assert sum("transversal" in s.collections for s in tax.skills) > 80


def test_taxonomy_onet_enrichment_covers_almost_all_occupations(tax: Taxonomy) -> None:
    coverage = tax.enrichment_coverage()
    assert coverage["onet"].get("none", 0) < 30
    assert coverage["automation_risk"]["covered"] > 2900
    developer = tax.onet(tax.occupation("2512.4"))
    assert developer is not None and developer.source == "direct"
    assert developer.job_zone == 4
    assert developer.riasec is not None and len(developer.riasec) == 6
    assert "Python" in developer.hot_technologies


def test_taxonomy_onet_falls_back_to_broader_then_isco(tax: Taxonomy) -> None:
    sources = {tax.onet(o).source for o in tax.occupations if tax.onet(o)}  # type: ignore[union-attr]
    assert {"direct", "isco"} <= sources


def test_taxonomy_automation_risk_by_unit_group(tax: Taxonomy) -> None:
    risk = tax.automation_risk("8332")
    assert risk is not None and risk.isco == "8332"
    assert tax.automation_risk("0000") is None


def test_taxonomy_kbji_alignment_stays_inside_unit_group(tax: Taxonomy) -> None:
    for kode in ("8332.01", "7531.01", "2221.01"):
        uris = tax.kbji_alignment(kode)
        assert uris, kode
        assert {tax.occupation(u).isco for u in uris} == {kode[:4]}


def test_taxonomy_manifest_checksums_match_shipped_files(tax: Taxonomy) -> None:
    manifest = json.loads((DATA_DIR / "manifest.json").read_text())
    for entry in manifest["tables"].values():
        digest = hashlib.sha256((DATA_DIR / entry["file"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"], entry["file"]
    shipped = {p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*") if p.is_file()}
    listed = {e["file"] for e in manifest["tables"].values()} | set(manifest["files"]) | {"manifest.json"}
    assert shipped == listed, "every shipped file is in the manifest"
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest() == entry["sha256"], name
