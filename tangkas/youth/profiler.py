"""The O*NET Interest Profiler in Indonesian: items, official scoring, pattern warnings, the top-three code.

Two forms ship in ``tangkas/data/youth/interest_items.csv``: the 60-item Short Form (``short60``) and the
30-item Mini-IP (``mini30``). Each answer is 0-4 (Sangat tidak suka .. Sangat suka, O*NET's Strongly
dislike .. Strongly like); an area's score is the sum of its items' answers (0-40 on the Short Form,
0-20 on the Mini-IP), the published rule. A form with any item unanswered is refused, never scored.

>>> answers = {item.number: 4 if item.area == "S" else 1 for item in load_items("short60")}
>>> profile = score_answers(answers)
>>> profile.scores["S"], profile.scores["R"], profile.code
(40, 10, 'SRI')
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.models import Lang

Form = Literal["short60", "mini30"]
FORMS: tuple[Form, ...] = ("short60", "mini30")
AREAS = ("R", "I", "A", "S", "E", "C")
AREA_NAMES: dict[Lang, dict[str, str]] = {
    "id": {
        "R": "Realistis",
        "I": "Investigatif",
        "A": "Artistik",
        "S": "Sosial",
        "E": "Wirausaha",
        "C": "Konvensional",
    },
    "en": {
        "R": "Realistic",
        "I": "Investigative",
        "A": "Artistic",
        "S": "Social",
        "E": "Enterprising",
        "C": "Conventional",
    },
}
ANSWER_LABELS: dict[Lang, tuple[str, ...]] = {
    "id": ("Sangat tidak suka", "Tidak suka", "Ragu-ragu", "Suka", "Sangat suka"),
    "en": ("Strongly dislike", "Dislike", "Unsure", "Like", "Strongly like"),
}
MAX_ANSWER = 4
ITEMS_FILE = Path(str(resources.files("tangkas") / "data" / "youth" / "interest_items.csv"))

# Pattern warnings (docs/youth.md explains each threshold).
FLAT_SPREAD_SHARE = 0.2  # highest minus lowest area score <= 20% of an area's range: < 1 step per item
SAME_ANSWER_SHARE = 0.8  # one answer value given to >= 80% of the items
EXTREME_SHARE = 0.9  # >= 90% of the answers are 0 or 4
WARNINGS: dict[str, dict[Lang, str]] = {
    "flat": {
        "id": "Skor keenam bidang hampir sama, jadi urutan bidang dan pekerjaan yang cocok kurang dapat "
        "diandalkan. Coba jawab lagi sambil membayangkan benar-benar melakukan tiap kegiatan.",
        "en": "The six area scores are nearly equal, so the order of areas and matched jobs is not reliable. "
        "Try again, picturing yourself really doing each activity.",
    },
    "same_answer": {
        "id": "Hampir semua kegiatan diberi jawaban yang sama. Hasil ini mungkin belum menggambarkan "
        "minatmu.",
        "en": "Nearly every activity got the same answer. This result may not describe your interests yet.",
    },
    "all_extreme": {
        "id": "Hampir semua jawaban 'Sangat suka' atau 'Sangat tidak suka'. Pilihan 'Suka', 'Tidak suka' "
        "dan 'Ragu-ragu' juga boleh dipakai.",
        "en": "Nearly every answer is 'Strongly like' or 'Strongly dislike'. 'Like', 'Dislike' and "
        "'Unsure' are fine answers too.",
    },
}


@dataclass(frozen=True, slots=True)
class Item:
    """One activity of a form, in the order the form presents it."""

    form: Form
    number: int
    area: str
    text_en: str
    text_id: str
    note: str
    source: str
    verification: str

    def text(self, lang: Lang = "id") -> str:
        """The activity in ``lang``.

        >>> load_items("short60")[0].text("id"), load_items("short60")[0].text("en")
        ('Membuat lemari dapur', 'Build kitchen cabinets')
        """
        return self.text_id if lang == "id" else self.text_en


@dataclass(frozen=True, slots=True)
class InterestProfile:
    """A scored form: answers by item number, the six area scores, the top-three code, warnings."""

    form: Form
    answers: Mapping[int, int]
    scores: Mapping[str, int]
    code: str
    warnings: tuple[str, ...]

    @property
    def vector(self) -> tuple[int, ...]:
        """The six area scores in R, I, A, S, E, C order."""
        return tuple(self.scores[a] for a in AREAS)


class IncompleteAnswersError(TangkasError, ValueError):
    """Answers that cannot be scored: items missing, unknown item numbers, or answers outside 0-4."""

    def __init__(self, form: Form, missing: Sequence[int], unknown: Sequence[int], invalid: Sequence[int]):
        parts_en, parts_id = [], []
        if missing:
            parts_en.append(f"items not answered: {_numbers(missing)}")
            parts_id.append(f"butir belum dijawab: {_numbers(missing)}")
        if unknown:
            parts_en.append(f"no such items on this form: {_numbers(unknown)}")
            parts_id.append(f"butir tidak ada di formulir ini: {_numbers(unknown)}")
        if invalid:
            parts_en.append(f"answers must be whole numbers 0-4 at items: {_numbers(invalid)}")
            parts_id.append(f"jawaban harus bilangan bulat 0-4 pada butir: {_numbers(invalid)}")
        super().__init__(
            f"{form}: cannot score: " + "; ".join(parts_en),
            indonesian=f"{form}: belum bisa dinilai: " + "; ".join(parts_id),
        )
        self.missing, self.unknown, self.invalid = tuple(missing), tuple(unknown), tuple(invalid)


def _numbers(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


@load_once
def load_items(form: Form = "short60") -> tuple[Item, ...]:
    """The items of ``form`` in presentation order.

    >>> len(load_items("short60")), len(load_items("mini30"))
    (60, 30)
    """
    if form not in FORMS:
        raise TangkasError(f"unknown form: {form!r} (short60 or mini30)")
    with ITEMS_FILE.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["form"] == form]
    items = [
        Item(
            form=form,
            number=int(r["number"]),
            area=r["area"],
            text_en=r["text_en"],
            text_id=r["text_id"],
            note=r["note"],
            source=r["source"],
            verification=r["verification"],
        )
        for r in rows
    ]
    return tuple(sorted(items, key=lambda item: item.number))


def top_areas(scores: Mapping[str, float], count: int = 3) -> str:
    """The ``count`` highest areas as a code; equal scores keep R, I, A, S, E, C order.

    >>> top_areas({"R": 5, "I": 9, "A": 9, "S": 1, "E": 9, "C": 0})
    'IAE'
    """
    return "".join(sorted(AREAS, key=lambda a: (-scores[a], AREAS.index(a)))[:count])


def _checked(answers: Mapping[int, object] | Sequence[object], items: Sequence[Item]) -> dict[int, int]:
    given = dict(answers) if isinstance(answers, Mapping) else dict(enumerate(answers, 1))
    numbers = {item.number for item in items}
    missing = sorted(n for n in numbers if given.get(n) is None)
    unknown = sorted(n for n in given if n not in numbers)
    invalid = sorted(
        n
        for n, value in given.items()
        if n in numbers
        and value is not None
        and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ANSWER)
    )
    if missing or unknown or invalid:
        raise IncompleteAnswersError(items[0].form, missing, unknown, invalid)
    return {n: int(v) for n, v in given.items() if isinstance(v, int)}


def pattern_warnings(
    answers: Mapping[int, int], scores: Mapping[str, int], items_per_area: int
) -> tuple[str, ...]:
    """The warnings a pattern of answers earns: ``flat``, ``same_answer``, ``all_extreme``.

    >>> pattern_warnings({1: 2, 2: 2}, {"R": 2, "I": 2, "A": 2, "S": 2, "E": 2, "C": 2}, 10)
    ('flat', 'same_answer')
    """
    found = []
    spread = max(scores.values()) - min(scores.values())
    if spread <= FLAT_SPREAD_SHARE * MAX_ANSWER * items_per_area:
        found.append("flat")
    values = list(answers.values())
    if Counter(values).most_common(1)[0][1] >= SAME_ANSWER_SHARE * len(values):
        found.append("same_answer")
    if sum(v in (0, MAX_ANSWER) for v in values) >= EXTREME_SHARE * len(values):
        found.append("all_extreme")
    return tuple(found)


def score_answers(
    answers: Mapping[int, object] | Sequence[object], form: Form = "short60"
) -> InterestProfile:
    """Score a complete form: ``answers`` maps item number -> 0-4 (or lists them in form order).

    Raises :class:`IncompleteAnswersError`, naming the items, when any item is unanswered or invalid.

    >>> score_answers([3] * 59)
    Traceback (most recent call last):
    ...
    tangkas.youth.profiler.IncompleteAnswersError: short60: cannot score: items not answered: 60
    """
    items = load_items(form)
    checked = _checked(answers, items)
    scores = {area: 0 for area in AREAS}
    for item in items:
        scores[item.area] += checked[item.number]
    per_area = len(items) // len(AREAS)
    return InterestProfile(
        form=form,
        answers=checked,
        scores=scores,
        code=top_areas(scores),
        warnings=pattern_warnings(checked, scores, per_area),
    )
