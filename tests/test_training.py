from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tangkas.careers.transitions import Profile
from tangkas.careers.transitions import skill_gap as transitions_gap
from tangkas.cli.app import app
from tangkas.errors import TangkasError
from tangkas.taxonomy import Taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Provider
from tangkas.training.course_rows import write_catalog
from tangkas.training.plans import (
    HOUR_VALUE_IDR,
    NeededSkill,
    TrainingNeed,
    TrainingPlan,
    plan_training,
    plan_training_greedy,
    training_need,
)

LPK = Provider("lpk", "LPK Uji", "LPK")
ONLINE = Provider("web", "Platform Uji", "online")


def course(cid: str, skills: tuple[str, ...], cost: int = 100_000, hours: float = 10, **kw: object) -> Course:
    mode = kw.pop("mode", "online")
    provider = ONLINE if mode == "online" else LPK
    return Course(cid, provider, cid, cid, skills, hours, cost, mode, **kw)  # type: ignore[arg-type]


# -- brute force reference ------------------------------------------------------------------------


def brute_force(
    gap: TrainingNeed, courses: list[Course], budget: int, max_hours: float | None
) -> tuple[float, ...]:
    """The best (essential, optional, -value) score over every subset of courses."""
    essential, optional = set(gap.essential), set(gap.optional)
    best: tuple[float, ...] = (0, 0, 0.0)
    for size in range(1, len(courses) + 1):
        for subset in itertools.combinations(courses, size):
            cost = sum(c.cost_idr for c in subset)
            hours = sum(c.hours for c in subset)
            if cost > budget or (max_hours is not None and hours > max_hours + 1e-9):
                continue
            taught = {u for c in subset for u in c.skills}
            score = (len(taught & essential), len(taught & optional), -(cost + HOUR_VALUE_IDR * hours))
            best = max(best, score)
    return best


SKILLS = [f"s{i}" for i in range(6)]


@st.composite
def instances(draw: st.DrawFn) -> tuple[TrainingNeed, list[Course], int, float | None]:
    n_courses = draw(st.integers(1, 8))
    courses = [
        course(
            f"c{i}",
            tuple(draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=3, unique=True))),
            cost=draw(st.integers(0, 40)) * 50_000,
            hours=draw(st.sampled_from([2, 4, 8, 16, 40, 120])),
        )
        for i in range(n_courses)
    ]
    essential = draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=4, unique=True))
    optional = [s for s in SKILLS if s not in essential and draw(st.booleans())]
    budget = draw(st.integers(0, 60)) * 50_000
    max_hours = draw(st.none() | st.sampled_from([4.0, 10.0, 30.0, 100.0]))
    return TrainingNeed.from_uris(essential, optional), courses, budget, max_hours


def assert_within_limits(plan: TrainingPlan, budget: int, max_hours: float | None) -> None:
    assert plan.cost_idr <= budget
    assert sum(c.cost_idr for c in plan.courses) == plan.cost_idr
    if max_hours is not None:
        assert plan.hours <= max_hours + 1e-9


@settings(max_examples=150, deadline=None)
@given(instances())
def test_training_optimiser_never_worse_than_brute_force(
    instance: tuple[TrainingNeed, list[Course], int, float | None],
) -> None:
    gap, courses, budget, max_hours = instance
    plan = plan_training(gap, CourseCatalog(courses), budget=budget, max_hours=max_hours)
    best = brute_force(gap, courses, budget, max_hours)
    score = plan.score()
    assert plan.optimal
    assert score[:2] == best[:2]
    assert score[2] >= best[2] - 1e-6 * max(1.0, abs(best[2]))
    assert_within_limits(plan, budget, max_hours)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_training_greedy_respects_limits_and_is_never_better(
    instance: tuple[TrainingNeed, list[Course], int, float | None],
) -> None:
    gap, courses, budget, max_hours = instance
    catalog = CourseCatalog(courses)
    greedy = plan_training_greedy(gap, catalog, budget=budget, max_hours=max_hours)
    optimal = plan_training(gap, catalog, budget=budget, max_hours=max_hours)
    assert_within_limits(greedy, budget, max_hours)
    assert greedy.score()[:2] <= optimal.score()[:2]


@settings(max_examples=60, deadline=None)
@given(instances())
def test_training_plan_accounts_for_every_gap_skill(
    instance: tuple[TrainingNeed, list[Course], int, float | None],
) -> None:
    gap, courses, budget, max_hours = instance
    plan = plan_training(gap, CourseCatalog(courses), budget=budget, max_hours=max_hours)
    covered = {s.uri for s in plan.covered}
    assert covered | {u.skill.uri for u in plan.uncovered} == {s.uri for s in gap.skills}
    assert covered.isdisjoint(u.skill.uri for u in plan.uncovered)
    assert covered == {u for step in plan.steps for u in step.skills}
    assert [s.order for s in plan.steps] == list(range(1, len(plan.steps) + 1))


def test_training_prefers_cheaper_plan_with_same_coverage() -> None:
    catalog = CourseCatalog(
        [course("a", ("s1", "s2"), 900_000), course("b", ("s1",), 200_000), course("c", ("s2",), 300_000)]
    )
    plan = plan_training(TrainingNeed.from_uris(["s1", "s2"]), catalog)
    assert sorted(c.id for c in plan.courses) == ["b", "c"]
    assert plan.complete


def test_training_prefers_essential_over_many_optional() -> None:
    catalog = CourseCatalog([course("ess", ("e1",), 1_000_000), course("opt", ("o1", "o2", "o3"), 1_000_000)])
    plan = plan_training(TrainingNeed.from_uris(["e1"], ["o1", "o2", "o3"]), catalog, budget=1_000_000)
    assert [c.id for c in plan.courses] == ["ess"]


def test_training_a_course_limit_keeps_the_courses_that_matter_most() -> None:
    catalog = CourseCatalog(
        [
            course("a", ("e1", "e2")),
            course("b", ("e3",)),
            course("c", ("o1",)),
            course("d", ("o2",)),
        ]
    )
    gap = TrainingNeed.from_uris(["e1", "e2", "e3"], ["o1", "o2"])
    plan = plan_training(gap, catalog, max_courses=2)
    assert sorted(c.id for c in plan.courses) == ["a", "b"] and plan.max_courses == 2
    assert {u.skill.uri: u.reason for u in plan.uncovered} == {"o1": "course_limit", "o2": "course_limit"}
    greedy = plan_training_greedy(gap, catalog, max_courses=2)
    assert len(greedy.courses) == 2
    assert len(plan_training(gap, catalog).courses) == 4
    with pytest.raises(TangkasError, match="max_courses"):
        plan_training(gap, catalog, max_courses=0)


def test_training_without_a_province_in_person_classes_share_one() -> None:
    catalog = CourseCatalog(
        [
            course("bdg", ("e1",), mode="offline", province="32"),
            course("sby", ("e2",), mode="offline", province="35"),
            course("bdg2", ("e3",), mode="offline", province="32"),
            course("web", ("e4",)),
        ]
    )
    gap = TrainingNeed.from_uris(["e1", "e2", "e3", "e4"])
    plan = plan_training(gap, catalog)
    assert sorted(c.id for c in plan.courses) == ["bdg", "bdg2", "web"]
    assert [(u.skill.uri, u.reason) for u in plan.uncovered] == [("e2", "other_place")]
    assert (
        plan_training_greedy(gap, catalog).courses
        and len({c.province for c in plan_training_greedy(gap, catalog).courses if c.mode != "online"}) == 1
    )
    in_java_east = plan_training(gap, catalog, province="35")
    assert sorted(c.id for c in in_java_east.courses) == ["sby", "web"]


def test_training_uncovered_reasons() -> None:
    catalog = CourseCatalog(
        [
            course("far", ("p",), mode="offline", province="35"),
            course("live", ("m",), mode="offline", province="32"),
            course("late", ("d",), start_date=date(2028, 1, 1)),
            course("dear", ("b",), cost=9_000_000),
            course("long", ("h",), hours=500),
            course("paid", ("k",), prakerja=False),
        ]
    )
    gap = TrainingNeed.from_uris(["none", "p", "m", "d", "b", "h", "k"])
    plan = plan_training(
        gap,
        catalog,
        province="32",
        modes=["online"],
        deadline=date(2027, 6, 1),
        max_hours=100,
        prakerja_only=True,
    )
    assert {u.skill.uri: u.reason for u in plan.uncovered} == {
        "none": "no_course",
        "p": "not_in_province",
        "m": "mode",
        "d": "schedule",
        "b": "not_prakerja",
        "h": "not_prakerja",
        "k": "not_prakerja",
    }
    plan = plan_training(
        gap, catalog, province="32", modes=["online"], deadline=date(2027, 6, 1), max_hours=100
    )
    reasons = {u.skill.uri: u.reason for u in plan.uncovered}
    assert reasons["b"] == "over_budget" and reasons["h"] == "over_hours"
    assert {s.course.id for s in plan.steps} == {"paid"}


def test_training_sequence_puts_foundations_first_then_by_schedule() -> None:
    gap = TrainingNeed(
        (
            NeededSkill("t", essential=True, reuse_level="transversal"),
            NeededSkill("x", essential=True, reuse_level="occupation-specific"),
            NeededSkill("y", essential=True, reuse_level="sector-specific"),
        )
    )
    catalog = CourseCatalog(
        [
            course("spec-late", ("x",), start_date=date(2027, 5, 1)),
            course("spec-early", ("y",), start_date=date(2027, 2, 1)),
            course("found", ("t",), start_date=date(2027, 3, 1)),
        ]
    )
    plan = plan_training(gap, catalog)
    assert [(s.course.id, s.stage) for s in plan.steps] == [
        ("found", "foundation"),
        ("spec-early", "specialised"),
        ("spec-late", "specialised"),
    ]


def test_training_rejects_bad_arguments() -> None:
    catalog = CourseCatalog([course("a", ("s",))])
    with pytest.raises(TangkasError):
        plan_training(TrainingNeed.from_uris(["s"]), catalog, modes=["teleport"])
    with pytest.raises(TangkasError):
        plan_training(TrainingNeed.from_uris(["s"]), catalog, budget=-1)
    with pytest.raises(TangkasError):
        plan_training(TrainingNeed.from_uris(["s"]), catalog, province="Atlantis")


def test_training_empty_gap_gives_empty_plan() -> None:
    plan = plan_training(TrainingNeed(()), CourseCatalog([course("a", ("s",))]))
    assert plan.steps == () and plan.complete and plan.cost_idr == 0


def test_training_need_comes_from_the_transitions_gap(tax: Taxonomy) -> None:
    tailor, developer = tax.occupation("7531.5"), tax.occupation("2512.4")
    need = training_need(Profile(occupations=(tailor.uri,)), developer, max_optional=None)
    gap = transitions_gap(Profile(occupations=(tailor.uri,)), developer)
    assert need.essential == gap.missing_essential_uris
    assert need.optional == gap.missing_optional_uris
    assert all(s.label for s in need.skills)
    assert training_need(Profile(occupations=(developer.uri,)), developer).skills == ()


def test_training_cli_plan_json_in_both_languages(tmp_path: Path) -> None:
    path = write_catalog(
        [course("a", ("http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97",))],
        tmp_path / "c.parquet",
    )
    runner = CliRunner()
    result = runner.invoke(
        app, ["plan", "--from", "7531.5", "--to", "2512.4", "--catalog", str(path), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["cost_idr"] <= data["budget_idr"] == 3_500_000
    assert {u["reason"] for u in data["uncovered"]} <= {"no_course", "over_budget"}
    for lang, word in (("id", "Belum tertutup"), ("en", "Left uncovered")):
        result = runner.invoke(
            app, ["plan", "--from", "7531.5", "--to", "2512.4", "--catalog", str(path), "--lang", lang]
        )
        assert result.exit_code == 0 and word in result.output


def test_training_cli_plan_resolves_free_text_and_rejects_bad_dates(tmp_path: Path) -> None:
    path = write_catalog(
        [course("a", ("http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97",))],
        tmp_path / "c.parquet",
    )
    runner = CliRunner()
    args = ["plan", "--from", "penjahit", "--to", "2512.4", "--catalog", str(path)]
    result = runner.invoke(app, [*args, "--mode", "online", "--deadline", "2027-06-01", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["from"].endswith("978ae3a2-0831-415a-8396-b84dde656fc5")  # tailor
    assert runner.invoke(app, [*args, "--deadline", "besok"]).exit_code == 2
    assert runner.invoke(app, [*args, "--province", "Atlantis"]).exit_code == 2


@pytest.mark.parametrize(
    ("lang", "deadline", "province", "occupation"),
    [
        (
            [],
            "galat: tanggal tidak valid: 'besok' (YYYY-MM-DD)",
            "galat: provinsi tidak dikenal: 'Atlantis'",
            "galat: jabatan tidak ditemukan: 'xqzwv' / '2512.4'",
        ),
        (
            ["--lang", "en"],
            "error: invalid date: 'besok' (YYYY-MM-DD)",
            "error: unknown province: 'Atlantis'",
            "error: occupation not found: 'xqzwv' / '2512.4'",
        ),
    ],
)
def test_training_cli_plan_refuses_bad_input_in_the_language(
    lang: list[str], deadline: str, province: str, occupation: str
) -> None:
    runner = CliRunner()
    args = ["plan", "--from", "penjahit", "--to", "2512.4", *lang]
    for extra, said in (
        (["--deadline", "besok"], deadline),
        (["--province", "Atlantis"], province),
        (["--from", "xqzwv"], occupation),
    ):
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 2 and result.stderr.strip() == said, result.output
    align = runner.invoke(app, ["align", "--province", "Atlantis", *lang])
    assert align.exit_code == 2 and align.stderr.strip() == province, align.output
