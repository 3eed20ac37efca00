from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tangkas.search import search_occupations, search_skills


@pytest.mark.parametrize(
    ("query", "isco"),
    [
        ("sopir truk", "8332"),
        ("pengemudi truk", "8332"),
        ("penjahit", "753"),
        ("satpam", "5414"),
        ("perawat", "2221"),
        ("kasir", "5230"),
        ("akuntan", "2411"),
        ("software developer", "2512"),
        ("softwre develper", "2512"),
        ("operator mesin jahit", "8153"),
        ("heavy truck driver", "8332"),
        ("nurse", "222"),
    ],
)
def test_search_finds_occupations_in_indonesian_and_english(query: str, isco: str) -> None:
    hits = search_occupations(query, limit=3)
    assert hits, query
    assert hits[0].occupation.isco.startswith(isco), [h.occupation.label_en for h in hits]


def test_search_exact_english_label_ranks_first() -> None:
    assert search_occupations("software developer", limit=1)[0].occupation.code == "2512.4"


def test_search_reports_the_kbji_title_that_matched() -> None:
    hit = search_occupations("pengemudi truk berat", limit=1)[0]
    assert hit.source == "kbji"
    assert hit.kbji is not None and hit.kbji.kode == "8332.01"


def test_search_skills_tolerates_typos() -> None:
    assert search_skills("pyton", limit=1)[0].skill.label_en == "Python (computer programming)"
    assert search_skills("operate forklift", limit=1)[0].skill.label_en == "operate forklift"


@given(st.text(max_size=40))
@settings(max_examples=80, deadline=None)
def test_search_never_fails_and_scores_are_sorted(text: str) -> None:
    hits = search_occupations(text, limit=5)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len(hits) <= 5
