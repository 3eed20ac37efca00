"""Is a prospective migrant worker (PMI) ready to depart, as of a given day?

:func:`check_readiness` answers with one item per requirement, each ``pass``, ``fail`` or ``missing``
with its legal basis, the amount at stake and a plain sentence in Indonesian and English:

- ``age``: at least 18 (UU 18/2017 Pasal 5); with only a birth year, a case the year cannot decide is
  ``missing``, never a guess;
- ``document_<kind>``: the eight documents of Pasal 13, each on file and valid on the day checked and
  the day of departure (the passport: to the contract's end); a document issued after the day checked
  was not there yet;
- ``jkk_jkm_pre_placement`` and ``jkk_jkm_placement``: pmi-segment JKK and JKM spells, together without
  a gap, from the day checked to departure, and from departure to the contract's end plus the months
  after it that the cover lasts, with the contributions due under the Permenaker then in force;
- ``jht`` (information: JHT is optional), ``placement_fee`` (Pasal 30: any fee charged to the worker
  fails) and ``destination`` (information: what the destination country requires or provides for the
  sector, and since when).

Information items never block: :attr:`Readiness.ready` is true when every required item passes. Rules,
amounts, texts and effective dates come from ``tangkas/data/protection/`` (see
:mod:`tangkas.protection.rules`), so a check as of a past day uses the rules in force that day.

>>> placement = Placement("TW", "caregiving", date(2025, 3, 1), date(2028, 2, 29), "prospective",
...                       fee_charged_idr=0)
>>> check = check_readiness(Candidate(date(2000, 5, 17), 2000), placement, [], [], date(2025, 1, 15))
>>> check.ready, check.item("age").status, check.item("document_passport").status
(False, 'pass', 'missing')
>>> check.item("jkk_jkm_placement").amount_idr  # 36 months: 332,500 + 12 x 13,500
494500
>>> print(check.item("destination").detail("en")[-26:])
In force since 1 May 2022.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from tangkas.models import Lang
from tangkas.protection.contributions import (
    ContributionDue,
    ContributionRule,
    add_months,
    contribution_due,
    rule_in_force,
)
from tangkas.protection.models import Candidate, Membership, Placement, PlacementDocument
from tangkas.protection.rules import (
    Document,
    NoRuleInForceError,
    destinations,
    documents,
    items,
    law,
    law_in_force,
    messages,
    rules_version,
    words,
)

Status = Literal["pass", "fail", "missing"]
DAY = timedelta(days=1)
Value = str | int | tuple[str, str]
"""A value a text fills in: the same in both languages, or (Indonesian, English)."""


@dataclass(frozen=True, slots=True)
class ReadinessItem:
    """One line of the checklist."""

    id: str
    status: Status
    law_key: str | None
    """The key of the law behind the item in ``law.csv`` (:func:`tangkas.protection.rules.law`)."""
    detail_id: str
    detail_en: str
    amount_idr: int | None = None
    required: bool = True
    """False for an information item, which never keeps a worker from being ready."""

    def detail(self, lang: Lang = "id") -> str:
        return self.detail_id if lang == "id" else self.detail_en


@dataclass(frozen=True, slots=True)
class Readiness:
    """The checklist of one candidate and placement as of one day."""

    as_of: date
    items: tuple[ReadinessItem, ...]
    contribution: ContributionDue | None = None
    """The JKK+JKM contributions due for the contract (None when no rule was in force)."""
    rules_version: str = field(default="")

    @property
    def ready(self) -> bool:
        """True when every required item passes."""
        return all(item.status == "pass" for item in self.items if item.required)

    def item(self, id: str) -> ReadinessItem:
        """The item named ``id``."""
        return next(item for item in self.items if item.id == id)


def check_readiness(
    candidate: Candidate,
    placement: Placement,
    documents: Iterable[PlacementDocument],
    memberships: Iterable[Membership],
    as_of: date,
) -> Readiness:
    """The readiness checklist of ``candidate`` for ``placement`` as of ``as_of`` (see the module).

    Raises :class:`~tangkas.protection.contributions.InvalidContractError` for a contract that ends
    before it starts and :class:`~tangkas.protection.rules.NoRuleInForceError` before UU 18/2017.
    """
    if not law_in_force(items()["age"].law_key or "", as_of):
        raise NoRuleInForceError(f"UU 18/2017 was not yet in force on {as_of.isoformat()}")
    spells = [spell for spell in memberships if spell.segment == "pmi"]
    try:
        rule: ContributionRule | None = rule_in_force(as_of)
        due: ContributionDue | None = contribution_due(
            placement.contract_start, placement.contract_end, as_of
        )
    except NoRuleInForceError:
        rule, due = None, None
    found = (
        _age(candidate, as_of),
        *_documents(candidate, placement, list(documents), as_of),
        *_jkk_jkm(placement, spells, rule, due, as_of),
        _jht(spells, rule, as_of),
        _fee(placement),
        _destination(placement, as_of),
    )
    return Readiness(as_of, found, due, rules_version())


def _item(
    id: str,
    case: str,
    law_key: str | None,
    values: dict[str, Value] | None = None,
    amount: int | None = None,
    kind: str | None = None,
) -> ReadinessItem:
    """Item ``id`` in outcome ``case``; ``kind`` names its texts and rule when several items share them."""
    kind = kind or id
    message = messages()[(kind, case)]
    values = values or {}
    return ReadinessItem(
        id,
        message.status,  # type: ignore[arg-type]
        law_key,
        _fill(message.text_id, 0, values),
        _fill(message.text_en, 1, values),
        amount,
        items()[kind].required if kind in items() else items()[id].required,
    )


def _fill(text: str, lang: int, values: dict[str, Value]) -> str:
    return text.format(
        **{key: value[lang] if isinstance(value, tuple) else value for key, value in values.items()}
    )


def _when(day: date) -> tuple[str, str]:
    month = words()[f"month_{day.month}"]
    return f"{day.day} {month[0]} {day.year}", f"{day.day} {month[1]} {day.year}"


def _idr(amount: int) -> tuple[str, str]:
    return f"Rp{amount:,}".replace(",", "."), f"Rp{amount:,}"


def _years(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _age(candidate: Candidate, as_of: date) -> ReadinessItem:
    rule = items()["age"]
    least = rule.value or 0
    values: dict[str, Value] = {"min_age": least}
    if candidate.birth_date is not None:
        age = _years(candidate.birth_date, as_of)
        if age >= least:
            return _item("age", "pass", rule.law_key, values | {"age": age})
        eligible = add_months(candidate.birth_date, 12 * least)
        if eligible.day != candidate.birth_date.day:  # born on 29 February: of age on 1 March
            eligible += DAY
        return _item("age", "under", rule.law_key, values | {"age": max(age, 0), "eligible": _when(eligible)})
    if candidate.birth_year is None:
        return _item("age", "unknown", rule.law_key, values)
    values["birth_year"] = candidate.birth_year
    youngest = as_of.year - candidate.birth_year - 1  # born on 31 December, no birthday yet this year
    if youngest >= least or (youngest + 1 == least and (as_of.month, as_of.day) == (12, 31)):
        return _item("age", "year_pass", rule.law_key, values)
    if youngest + 1 < least:
        return _item("age", "year_under", rule.law_key, values)
    return _item("age", "year_undecided", rule.law_key, values)


def _documents(
    candidate: Candidate, placement: Placement, given: Sequence[PlacementDocument], as_of: date
) -> list[ReadinessItem]:
    law_key = items()["document"].law_key
    return [_document(kind, candidate, placement, given, as_of, law_key) for kind in documents()]


def _document(
    kind: Document,
    candidate: Candidate,
    placement: Placement,
    given: Sequence[PlacementDocument],
    as_of: date,
    law_key: str | None,
) -> ReadinessItem:
    item_id = f"document_{kind.document}"
    values: dict[str, Value] = {"document": kind.names[candidate.married]}
    held = [d for d in given if d.document == kind.document and (d.issued_on is None or d.issued_on <= as_of)]
    if not held:
        return _item(item_id, "missing", law_key, values, kind="document")
    end = placement.contract_end if kind.valid_through == "contract_end" else placement.departure
    needed = max(end, as_of)
    best = max(held, key=lambda d: d.expires_on or date.max)
    if best.expires_on is None:
        return _item(item_id, "pass", law_key, values, kind="document")
    values["expires"] = _when(best.expires_on)
    if best.expires_on >= needed:
        return _item(item_id, "pass_until", law_key, values, kind="document")
    values |= {"needed_until": _when(needed), "needed_why": words()[f"needed_{kind.valid_through}"]}
    return _item(item_id, "expired", law_key, values, kind="document")


def _covered_through(spells: Sequence[Membership], start: date, end: date) -> date:
    """The last day of unbroken cover from ``start``, looked for up to ``end`` (the day before ``start``
    when ``start`` is not covered)."""
    reach = start - DAY
    for spell in sorted(spells, key=lambda s: s.valid_from):
        if reach >= end or spell.valid_from > reach + DAY:
            break
        reach = max(reach, spell.paid_until)
    return reach


def _cover(spells: Sequence[Membership], start: date, end: date) -> tuple[str, date]:
    """("pass", last day covered), ("gap", first day uncovered) or ("unpaid", start), for JKK and JKM both."""
    if start > end:  # checked after the period: nothing left to cover
        return "pass", end
    reach, touched = date.max, True
    for programme in ("JKK", "JKM"):
        own = [s for s in spells if s.programme == programme]
        touched &= any(s.valid_from <= end and s.paid_until >= start for s in own)
        reach = min(reach, _covered_through(own, start, end))
    if not touched:
        return "unpaid", start
    return ("pass", reach) if reach >= end else ("gap", reach + DAY)


def _jkk_jkm(
    placement: Placement,
    spells: Sequence[Membership],
    rule: ContributionRule | None,
    due: ContributionDue | None,
    as_of: date,
) -> list[ReadinessItem]:
    ids = ("jkk_jkm_pre_placement", "jkk_jkm_placement")
    if rule is None or due is None:
        return [_item(id, "no_rule", None, {"date": _when(as_of)}, kind="jkk_jkm") for id in ids]
    pre_end = max(as_of, placement.departure - DAY)
    case, day = _cover(spells, as_of, pre_end)
    values: dict[str, Value] = {"amount": _idr(rule.pre_placement_idr), "first_gap": _when(day)}
    values |= {
        "max_months": rule.pre_placement_max_months,
        "until": _when(day if case == "pass" else pre_end),
    }
    pre = _item(ids[0], case, rule.key, values, rule.pre_placement_idr)

    start = max(as_of, placement.departure)
    end = add_months(placement.contract_end, rule.post_placement_months)
    case, day = _cover(spells, start, end)
    basis = _fill_pair("basis", "tier", {"tier": due.tier_months})
    if due.extra_months:
        extra: dict[str, Value] = {"tier": due.tier_months, "extra": due.extra_months}
        basis = _fill_pair("basis", "tier_extra", extra | {"per_month": _idr(due.per_month_idr)})
    values = {"amount": _idr(due.placement_idr), "months": due.months, "basis": basis, "start": _when(start)}
    values |= {"post_months": rule.post_placement_months, "first_gap": _when(day)}
    values["until"] = _when(day if case == "pass" else end)
    return [pre, _item(ids[1], case, rule.key, values, due.placement_idr)]


def _fill_pair(item: str, case: str, values: dict[str, Value]) -> tuple[str, str]:
    message = messages()[(item, case)]
    return _fill(message.text_id, 0, values), _fill(message.text_en, 1, values)


def _jht(spells: Sequence[Membership], rule: ContributionRule | None, as_of: date) -> ReadinessItem:
    law_key = rule.key if rule else None
    if any(s.programme == "JHT" and s.paid_until >= as_of for s in spells):
        return _item("jht", "taken", law_key)
    if rule is None:
        return _item("jht", "no_rule", law_key)
    return _item(
        "jht", "not_taken", law_key, {"jht_min": _idr(rule.jht_min_idr), "jht_max": _idr(rule.jht_max_idr)}
    )


def _fee(placement: Placement) -> ReadinessItem:
    rule = items()["placement_fee"]
    fee = placement.fee_charged_idr
    if fee is None:
        return _item("placement_fee", "unknown", rule.law_key)
    charged = round(fee)
    if fee > (rule.value or 0):
        return _item("placement_fee", "charged", rule.law_key, {"fee": _idr(charged)}, charged)
    return _item("placement_fee", "none", rule.law_key, None, charged)


def _destination(placement: Placement, as_of: date) -> ReadinessItem:
    code = placement.destination.upper()
    values: dict[str, Value] = {"country": words().get(f"country_{code}", (code, code))}
    rows = destinations().get(code, ())
    if not rows:
        return _item("destination", "unknown", None, values)
    matching = [r for r in rows if r.sectors and placement.sector in r.sectors]
    matching = matching or [r for r in rows if r.sectors is None]
    if not matching:
        values["sector"] = words()[f"sector_{placement.sector}"]
        return _item("destination", "no_sector", None, values)
    scheme = law(matching[0].law_key)
    values["scheme"] = (scheme.text_id, scheme.text_en)
    if scheme.valid_from is None:
        return _item("destination", "covered_undated", scheme.key, values)
    values["since"] = _when(scheme.valid_from)
    return _item("destination", "covered" if scheme.in_force(as_of) else "not_yet", scheme.key, values)
