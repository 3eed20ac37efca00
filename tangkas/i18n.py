"""Message catalogs for the CLI and pages: Bahasa Indonesia by default, English available.

>>> CATALOG = {"hello": {"id": "Halo, {name}", "en": "Hello, {name}"}}
>>> translate(CATALOG, "hello", "en", name="Sari")
'Hello, Sari'

An entry may have a singular form, ``"en_one"``, used when ``n`` is 1 (Indonesian needs none):

>>> COURSES = {"courses": {"id": "{n} kursus", "en": "{n} courses", "en_one": "{n} course"}}
>>> translate(COURSES, "courses", "en", n=1), translate(COURSES, "courses", "en", n=2)
('1 course', '2 courses')
"""

from __future__ import annotations

from collections.abc import Mapping

from tangkas.models import Lang

DEFAULT_LANG: Lang = "id"
RISK_CATEGORIES: dict[str, dict[str, str]] = {
    "High risk": {"id": "risiko tinggi", "en": "high risk"},
    "Low risk": {"id": "risiko rendah", "en": "low risk"},
    "Other": {"id": "risiko sedang", "en": "medium risk"},
}
"""Nesta's automation-risk categories, as every edge names them."""


def decimal(value: float, places: int, lang: Lang = DEFAULT_LANG) -> str:
    """``value`` with ``places`` decimals, a decimal comma in Indonesian and a point in English.

    >>> decimal(27.5, 1), decimal(84.66, 2, "en"), decimal(7.69, 1)
    ('27,5', '84.66', '7,7')
    """
    shown = f"{value:.{places}f}"
    return shown.replace(".", ",") if lang == "id" else shown


DURATIONS = {
    "hours": {"id": "{n} jam", "en": "{n} hours", "en_one": "{n} hour"},
    "minutes": {"id": "{n} menit", "en": "{n} minutes", "en_one": "{n} minute"},
    "seconds": {"id": "{n} detik", "en": "{n} seconds", "en_one": "{n} second"},
}


def duration(seconds: int, lang: Lang = DEFAULT_LANG) -> str:
    """A wait in the largest unit that reads well: hours from 90 minutes, minutes from 90 seconds.

    >>> duration(86_400), duration(600, "en"), duration(45), duration(3_600, "en")
    ('24 jam', '10 minutes', '45 detik', '60 minutes')
    """
    if seconds >= 5_400:
        return translate(DURATIONS, "hours", lang, n=round(seconds / 3_600))
    if seconds >= 90:
        return translate(DURATIONS, "minutes", lang, n=round(seconds / 60))
    return translate(DURATIONS, "seconds", lang, n=seconds)


def translate(
    catalog: Mapping[str, Mapping[str, str]], key: str, lang: Lang = DEFAULT_LANG, **values: object
) -> str:
    """The message ``key`` in ``lang`` (falling back to Indonesian), formatted with ``values``."""
    entry = catalog[key]
    if values.get("n") == 1 and f"{lang}_one" in entry:
        return entry[f"{lang}_one"].format(**values)
    return entry.get(lang, entry[DEFAULT_LANG]).format(**values)
