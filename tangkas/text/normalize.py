"""Normalisation of short texts (queries, titles, labels) shared by search and title coding.

>>> normalize("  Staff Admin-Gudang (Cikarang)!! ")
'staff admin gudang cikarang'
>>> tokenize("Sopir truk / driver")
['sopir', 'truk', 'driver']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

_NON_WORD = re.compile(r"[^0-9a-z+#]+")


def normalize(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces."""
    lowered = text.lower()
    if not lowered.isascii():
        folded = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(c for c in folded if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", lowered).strip()


def tokenize(text: str) -> list[str]:
    """Normalised word tokens."""
    return normalize(text).split()


@lru_cache(maxsize=1)
def _stemmer() -> object:
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=65536)
def stem_id(token: str) -> str:
    """Indonesian stem of one token (``penjahit`` -> ``jahit``); short tokens are kept as they are.

    >>> stem_id("pengemudi"), stem_id("it")
    ('kemudi', 'it')
    """
    if len(token) < 5 or not token.isalpha():
        return token
    stem: str = _stemmer().stem(token)  # type: ignore[attr-defined]
    return stem or token
