"""The shipped rules of the readiness check, read once from ``tangkas/data/protection/``.

Every rule, amount, article text and effective date lives in those CSV files, with its source and how
far it was verified (``text``: checked against the regulation's text; ``secondary``: agreeing secondary
sources, the text not seen; ``unverified``: kept without a source, the reason in ``note``):

- ``law.csv``: each law or foreign scheme in plain Indonesian and English, in force ``valid_from`` to
  ``valid_to`` (inclusive; blank: open);
- ``contributions.csv``: the JKK+JKM amounts of each Permenaker, one figure a row;
- ``items.csv``, ``documents.csv``, ``messages.csv``, ``words.csv``: the checklist's items, the eight
  documents, the texts for every outcome, and the words they fill in;
- ``destinations.csv``: which foreign scheme applies to which sector of which country.

>>> law("pmk4_2023").valid_from
datetime.date(2023, 3, 10)
>>> law_in_force("pmk18_2018", date(2021, 6, 1)), law_in_force("pmk18_2018", date(2024, 1, 1))
(True, False)
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Literal

from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.models import Lang

Verified = Literal["text", "secondary", "unverified"]
FILES = (
    "law.csv",
    "contributions.csv",
    "items.csv",
    "documents.csv",
    "messages.csv",
    "words.csv",
    "destinations.csv",
)


class NoRuleInForceError(TangkasError, LookupError):
    """No shipped rule was in force on the day asked about."""


@dataclass(frozen=True, slots=True)
class Law:
    """A law, regulation or foreign scheme: its words for the worker and when it is in force."""

    key: str
    title: str
    valid_from: date | None
    valid_to: date | None
    text_id: str
    text_en: str
    verified: Verified
    source: str

    def text(self, lang: Lang) -> str:
        return self.text_id if lang == "id" else self.text_en

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class Item:
    item: str
    required: bool
    law_key: str | None
    value: int | None
    title_id: str
    title_en: str


@dataclass(frozen=True, slots=True)
class Document:
    document: str
    valid_through: Literal["departure", "contract_end"]
    names: dict[bool | None, tuple[str, str]]
    """The document's name (Indonesian, English) for the married, the unmarried, and when not known."""


@dataclass(frozen=True, slots=True)
class Message:
    status: str
    text_id: str
    text_en: str


@dataclass(frozen=True, slots=True)
class Destination:
    country: str
    sectors: frozenset[str] | None
    """The sectors the row names; ``None`` for every sector without a row of its own."""
    law_key: str


def data_rows(name: str) -> list[dict[str, str]]:
    """The rows of one shipped rule file."""
    with (resources.files("tangkas") / "data" / "protection" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@load_once
def laws() -> dict[str, Law]:
    """Every law, regulation and foreign scheme, by key."""
    return {
        row["key"]: Law(
            row["key"],
            row["title"],
            _day(row["valid_from"]),
            _day(row["valid_to"]),
            row["text_id"],
            row["text_en"],
            row["verified"],  # type: ignore[arg-type]
            row["source"],
        )
        for row in data_rows("law.csv")
    }


def law(key: str) -> Law:
    """The law named ``key`` (a ``law_key`` of a readiness item)."""
    return laws()[key]


def law_in_force(key: str, day: date) -> bool:
    """Whether the law ``key`` is in force on ``day``."""
    return law(key).in_force(day)


@load_once
def items() -> dict[str, Item]:
    """The checklist's items, in checklist order."""
    return {
        row["item"]: Item(
            row["item"],
            row["required"] == "1",
            row["law_key"] or None,
            int(row["value"]) if row["value"] else None,
            row["title_id"],
            row["title_en"],
        )
        for row in data_rows("items.csv")
    }


@load_once
def documents() -> tuple[Document, ...]:
    """The eight documents of UU 18/2017 Pasal 13, in the article's order."""
    found = []
    for row in data_rows("documents.csv"):
        plain = (row["name_id"], row["name_en"])
        married = (row["married_id"], row["married_en"]) if row["married_id"] else plain
        single = (row["single_id"], row["single_en"]) if row["single_id"] else plain
        names: dict[bool | None, tuple[str, str]] = {None: plain, True: married, False: single}
        found.append(Document(row["document"], row["valid_through"], names))  # type: ignore[arg-type]
    return tuple(found)


@load_once
def messages() -> dict[tuple[str, str], Message]:
    """The text of every outcome, by (item, case)."""
    return {
        (row["item"], row["case"]): Message(row["status"], row["text_id"], row["text_en"])
        for row in data_rows("messages.csv")
    }


@load_once
def words() -> dict[str, tuple[str, str]]:
    """Words the texts fill in (month names, sectors, countries), by key: (Indonesian, English)."""
    return {row["key"]: (row["id"], row["en"]) for row in data_rows("words.csv")}


@load_once
def destinations() -> dict[str, tuple[Destination, ...]]:
    """The foreign schemes by country code."""
    found: dict[str, list[Destination]] = {}
    for row in data_rows("destinations.csv"):
        sectors = None if row["sectors"] == "*" else frozenset(row["sectors"].split("|"))
        found.setdefault(row["country"], []).append(Destination(row["country"], sectors, row["law_key"]))
    return {country: tuple(rows) for country, rows in found.items()}


@load_once
def rules_version() -> str:
    """A short digest of the shipped rule files: a stored check made under other rules is redone."""
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((resources.files("tangkas") / "data" / "protection" / name).read_bytes())
    return digest.hexdigest()[:12]
