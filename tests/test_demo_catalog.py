from __future__ import annotations

import pytest

from tangkas.careers.transitions import Profile
from tangkas.services.plans import plan_move
from tangkas.taxonomy import Taxonomy
from tangkas.training.catalog import Course, CourseCatalog, Provider
from tangkas.training.demo_catalog import generate_demo_catalog, named_skills, unexplained_skills
from tangkas.training.gambling import is_gambling_skill

SEWING_WORDS = ("jahit", "busana", "pakaian", "garmen", "kain", "pola", "tekstil", "fesyen", "setrika")


@pytest.fixture(scope="module")
def demo() -> CourseCatalog:
    return generate_demo_catalog()


def test_demo_catalog_titles_name_their_skills(tax: Taxonomy, demo: CourseCatalog) -> None:
    assert [c.id for c in demo if not named_skills(c, tax)] == []
    assert [c.id for c in demo if unexplained_skills(c, tax)] == []


def test_demo_catalog_title_check_catches_a_course_named_after_other_skills(tax: Taxonomy) -> None:
    skills = (tax.skill("measure water quality parameters").uri, tax.skill("sew textile-based articles").uri)
    title = "Kursus mengukur parameter kualitas air"
    course = Course("x", Provider("p", "LPK", "LPK"), title, "", skills, 20, 500_000, "online")
    assert named_skills(course, tax) == [skills[0]]
    assert unexplained_skills(course, tax) == [skills[1]]


def test_demo_catalog_has_no_gambling_skill(tax: Taxonomy, demo: CourseCatalog) -> None:
    gambling = [c.title_id for c in demo if any(is_gambling_skill(tax, tax.skill(u)) for u in c.skills)]
    assert gambling == []
    assert is_gambling_skill(tax, tax.skill("operate tote board"))
    assert not is_gambling_skill(tax, tax.skill("stack goods"))


def test_demo_catalog_kinds_share_the_catalog(demo: CourseCatalog) -> None:
    kinds = {kind: sum(c.provider.type == kind for c in demo) for kind in ("BLK", "LPK", "online")}
    assert all(0.2 * len(demo) <= n <= 0.45 * len(demo) for n in kinds.values()), kinds
    assert sum(c.certification == "BNSP" for c in demo if c.provider.type == "BLK") > kinds["BLK"] / 2


def test_demo_catalog_sewing_machine_operator_to_tailor_plan_teaches_sewing(demo: CourseCatalog) -> None:
    plan = plan_move(Profile(occupations=("8153.1",)), "7531.5", demo).plan
    titles = [c.title_id.casefold() for c in plan.courses]
    sewing = [t for t in titles if any(word in t for word in SEWING_WORDS)]
    assert plan.steps and len(sewing) >= 2 / 3 * len(titles), titles
    assert any("penjahit" in t for t in titles), titles
