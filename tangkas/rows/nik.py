"""The structure of an Indonesian NIK (Nomor Induk Kependudukan), checked without any outside register.

A NIK is 16 digits: the province (2), regency/city (2) and district (2) of registration, the date of
birth as ``DDMMYY`` with 40 added to the day for women, and a 4-digit serial. Only the structure is
checked here; whether the number was issued is for Dukcapil to say.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

NikProblem = Literal["format", "structure"]
NIK_RULE = "16 digits: province 11-94, district, birth date DDMMYY (women +40 on the day), serial"
"""What a sound NIK is, for an error that may not show the NIK itself."""


def nik_problem(nik: str) -> NikProblem | None:
    """``None`` for a NIK of sound structure, ``"format"`` when it is not 16 digits, ``"structure"`` when
    its province code (digits 1-2) is outside 11..94 or digits 7-12 are no date of birth (day + 40 for
    women; any two-digit year, as the century is not written).

    >>> nik_problem("3273014403880007")  # a woman (day 44 = 4) born 4 March 1988, Kota Bandung
    >>> nik_problem("3273010403880007")  # a man born the same day
    >>> nik_problem("32730144038800"), nik_problem("32730144038800x7")
    ('format', 'format')
    >>> nik_problem("0073014403880007"), nik_problem("9573014403880007")  # no such province
    ('structure', 'structure')
    >>> nik_problem("3273013002880007"), nik_problem("3273017202880007")  # 30 February; day 32 for a woman
    ('structure', 'structure')
    >>> nik_problem("3273012902000007")  # 29 February 2000 (a leap year whatever the century)
    """
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
        return "format"
    if not 11 <= int(nik[:2]) <= 94:
        return "structure"
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    try:
        # A two-digit year could be 19YY or 20YY: 2000 + year has the same leap years for 00..99 except
        # 00 (2000 is a leap year, 1900 was not); accepting 29 February 00 is the lenient reading.
        date(2000 + year, month, day)
    except ValueError:
        return "structure"
    return None
