"""Advertised pay: salary text in Indonesian or English -> a monthly range, in IDR where the ad is.

Reads ``Rp 4 - 5 juta``, ``5jt``, ``4,5 juta``, ``IDR 4,500,000 - 6,000,000``, ``Rp4.500.000``,
``Rp 150rb/hari``, ``up to 10 juta``, ``mulai dari 3jt``, ``Rp 20 Juta Lebih``; hides
``Gaji dirahasiakan``, ``Negosiasi`` and ``Perusahaan tidak menampilkan gaji``. Hourly, daily, weekly
and yearly pay is converted to monthly (173 hours, 22 working days, 52/12 weeks, 1/12 of a year);
per-project pay has no monthly value. Foreign currencies (USD, SGD, PHP, MYR ...) keep their amounts
and currency but get no IDR value: no exchange rate is invented. A zero bound means an open bound.

>>> s = parse_salary("Rp 4 - 5 juta")
>>> s.monthly_min, s.monthly_max, s.currency
(4000000, 5000000, 'IDR')
>>> parse_salary("IDR 4,500,000 - 6,000,000").monthly_idr
(4500000, 6000000)
>>> parse_salary("Gaji dirahasiakan").status
'hidden'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Period = Literal["hour", "day", "week", "month", "year", "project"]
Status = Literal["ok", "hidden", "foreign", "unparsed", "implausible", "no_monthly"]

MONTHLY_FACTOR: dict[Period, float] = {
    "hour": 173.0,
    "day": 22.0,
    "week": 52 / 12,
    "month": 1.0,
    "year": 1 / 12,
}
# Below this a monthly IDR amount is a placeholder (``IDR 1,234-5,678``), not pay.
MIN_MONTHLY_IDR = 100_000
MAX_MONTHLY_IDR = 2_000_000_000

HIDDEN = re.compile(
    r"dirahasiakan|rahasia|nego|tidak (menampilkan|ditampilkan|dicantumkan)|confidential|undisclosed|"
    r"competitive|kompetitif|not (disclosed|specified)|^\s*(n/?a|-|none|null|nan)?\s*$",
    re.IGNORECASE,
)
CURRENCIES = {
    "rp": "IDR",
    "idr": "IDR",
    "rupiah": "IDR",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "sgd": "SGD",
    "s$": "SGD",
    "php": "PHP",
    "₱": "PHP",
    "myr": "MYR",
    "rm": "MYR",
    "eur": "EUR",
    "€": "EUR",
    "aud": "AUD",
    "jpy": "JPY",
    "hkd": "HKD",
}
_CURRENCY = re.compile(
    r"(us\$|s\$|\$|₱|€|\b(?:rp|idr|usd|sgd|php|myr|rm|eur|aud|jpy|hkd|rupiah)\b)", re.IGNORECASE
)
MULTIPLIERS = {
    "juta": 1e6,
    "jt": 1e6,
    "jutaan": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "million": 1e6,
    "rb": 1e3,
    "ribu": 1e3,
    "k": 1e3,
    "thousand": 1e3,
    "miliar": 1e9,
    "milyar": 1e9,
}
_NUMBER = re.compile(
    r"(\d[\d.,]*)\s*(juta|jutaan|jt|mio|million|miliar|milyar|ribu|rb|thousand|k|m)?(?![a-z])", re.IGNORECASE
)
PERIODS: tuple[tuple[Period, re.Pattern[str]], ...] = (
    ("hour", re.compile(r"/\s*(jam|hour|hr)|per\s*(jam|hour)|hourly|\bjam\b", re.IGNORECASE)),
    ("day", re.compile(r"/\s*(hari|day)|per\s*(hari|day)|daily|harian", re.IGNORECASE)),
    ("week", re.compile(r"/\s*(minggu|week)|per\s*(minggu|week)|weekly|mingguan", re.IGNORECASE)),
    (
        "year",
        re.compile(
            r"/\s*(tahun|year|yr|annum)|per\s*(tahun|year|annum)|annual|yearly|tahunan", re.IGNORECASE
        ),
    ),
    ("project", re.compile(r"/\s*(project|proyek)|per\s*(project|proyek)", re.IGNORECASE)),
)
_RANGE = re.compile(
    r"\s*(?:rp\.?|idr)?\s*(?:-|–|—|~|s/?d|sampai|hingga|to)\s*(?:rp\.?|idr)?\s*", re.IGNORECASE
)
UP_TO = re.compile(r"up\s*to|hingga|sampai|maks|max|paling\s*banyak|<", re.IGNORECASE)
FROM = re.compile(r"mulai|from|start|minimal|min\.?\b|lebih|above|\+|>|at\s*least|di\s*atas", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Salary:
    """Parsed pay: amounts as advertised (``amount_min``/``amount_max`` per ``period`` in ``currency``)
    and, for IDR pay convertible to a month, ``monthly_min``/``monthly_max`` in rupiah."""

    status: Status
    currency: str | None = None
    period: Period | None = None
    amount_min: float | None = None
    amount_max: float | None = None
    monthly_min: int | None = None
    monthly_max: int | None = None

    @property
    def monthly_idr(self) -> tuple[int | None, int | None]:
        return self.monthly_min, self.monthly_max

    @property
    def has_value(self) -> bool:
        return self.monthly_min is not None or self.monthly_max is not None


def parse_number(text: str, multiplier: str | None = None) -> float | None:
    """One amount: Indonesian (``4.500.000``, ``4,5``) or English (``4,500,000``, ``4.5``) separators.

    >>> parse_number("4.500.000"), parse_number("4,500,000"), parse_number("4,5", "juta")
    (4500000.0, 4500000.0, 4500000.0)
    >>> parse_number("4.5", "jt"), parse_number("10640.508644822441"), parse_number("1.000,50")
    (4500000.0, 10640.508644822441, 1000.5)
    """
    text = text.strip(".,")
    if not text:
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        text = text.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif dots + commas > 1 or (dots + commas == 1 and multiplier is None and re.search(r"[.,]\d{3}$", text)):
        text = text.replace(".", "").replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value * MULTIPLIERS.get((multiplier or "").lower(), 1.0)


_AMOUNT = re.compile(
    r"(?:rp\.?|idr)?\s*(\d[\d.,]*)\s*(juta|jt|ribu|rb|k|miliar|milyar)?\s*(?:rupiah)?", re.IGNORECASE
)


def parse_amount(text: str) -> float | None:
    """One amount of rupiah as a person types it, the Indonesian way or the English; ``None`` for
    anything else (a negative amount, a range, words).

    >>> parse_amount("3.500.000"), parse_amount("Rp 3.500.000"), parse_amount("3,5 juta")
    (3500000.0, 3500000.0, 3500000.0)
    >>> parse_amount("3500000"), parse_amount("3,500,000"), parse_amount("500rb"), parse_amount("-5")
    (3500000.0, 3500000.0, 500000.0, None)
    """
    match = _AMOUNT.fullmatch(text.strip())
    return parse_number(match.group(1), match.group(2)) if match else None


def _amounts(text: str) -> list[float]:
    matches = list(_NUMBER.finditer(text))
    units: list[str | None] = [m.group(2) for m in matches]
    # "4 - 5 juta": a unit written once applies to both ends of the range.
    for k in range(len(matches) - 2, -1, -1):
        between = text[matches[k].end() : matches[k + 1].start()]
        if units[k] is None and units[k + 1] and _RANGE.fullmatch(between):
            units[k] = units[k + 1]
    pairs = list(zip(matches, units, strict=True))
    if any(units):  # "5 hari kerja, gaji 4 juta": only amounts with a unit are pay
        pairs = [(m, unit) for m, unit in pairs if unit]
    values = [parse_number(m.group(1), unit) for m, unit in pairs]
    return [v for v in values if v is not None]


def _period(text: str) -> Period:
    for period, pattern in PERIODS:
        if pattern.search(text):
            return period
    return "month"


def _currency(text: str, default: str) -> str:
    match = _CURRENCY.search(text)
    return CURRENCIES[match.group(1).lower()] if match else default


def _bounds(values: list[float], text: str) -> tuple[float | None, float | None]:
    if len(values) >= 2:
        first, second = values[:2]
        if not first or not second:  # "0-8,000,000" is "up to", "1,000,000-0" is "from"
            return (first or None), (second or None)
        return min(first, second), max(first, second)
    if UP_TO.search(text):
        return None, values[0] or None
    if FROM.search(text):
        return values[0] or None, None
    return values[0] or None, values[0] or None


def parse_salary(text: str | float | None, *, currency: str = "IDR", period: Period | None = None) -> Salary:
    """Parse advertised pay. ``currency`` applies when the text names none (a number-only column);
    ``period`` overrides the one read from the text.

    >>> parse_salary("5jt").monthly_idr, parse_salary("Rp4.500.000").monthly_idr
    ((5000000, 5000000), (4500000, 4500000))
    >>> parse_salary("Rp 5 juta (nego)").monthly_idr, parse_salary("Negosiasi").status
    ((5000000, 5000000), 'hidden')
    >>> parse_salary("Rp 20 Juta Lebih").monthly_idr, parse_salary("up to 8 juta").monthly_idr
    ((20000000, None), (None, 8000000))
    >>> parse_salary("IDR 0-8,000,000 / month").monthly_idr, parse_salary("IDR 1,000,000-0").monthly_idr
    ((None, 8000000), (1000000, None))
    >>> parse_salary("Rp 150rb/hari").monthly_idr, parse_salary("IDR 84,000,000 / year").monthly_idr
    ((3300000, 3300000), (7000000, 7000000))
    >>> s = parse_salary("SGD 1,000-1,600 / month")
    >>> s.status, s.currency, s.amount_max, s.monthly_max
    ('foreign', 'SGD', 1600.0, None)
    >>> parse_salary("IDR 1,234-5,678 / month").status, parse_salary("IDR 5,000,000 / project").status
    ('implausible', 'no_monthly')
    """
    if text is None or (isinstance(text, float) and text != text):
        return Salary("hidden")
    raw = str(text).strip()
    values = _amounts(raw)
    if not values:
        return Salary("hidden" if HIDDEN.search(raw) else "unparsed")
    unit = period or _period(raw)
    cur = _currency(raw, currency)
    low, high = _bounds(values, raw)
    if low is None and high is None:
        return Salary("unparsed", cur, unit)
    if cur != "IDR":
        return Salary("foreign", cur, unit, low, high)
    if unit == "project":
        return Salary("no_monthly", cur, unit, low, high)
    factor = MONTHLY_FACTOR[unit]
    monthly = [None if v is None else round(v * factor) for v in (low, high)]
    if any(m is not None and not MIN_MONTHLY_IDR <= m <= MAX_MONTHLY_IDR for m in monthly):
        return Salary("implausible", cur, unit, low, high)
    return Salary("ok", cur, unit, low, high, monthly[0], monthly[1])
