"""Message catalogs for the CLI and pages: Bahasa Indonesia by default, English available.

>>> CATALOG = {"hello": {"id": "Halo, {name}", "en": "Hello, {name}"}}
>>> translate(CATALOG, "hello", "en", name="Sari")
'Hello, Sari'
"""

from __future__ import annotations

from collections.abc import Mapping

from tangkas.models import Lang

DEFAULT_LANG: Lang = "id"


def translate(
    catalog: Mapping[str, Mapping[str, str]], key: str, lang: Lang = DEFAULT_LANG, **values: object
) -> str:
    """The message ``key`` in ``lang`` (falling back to Indonesian), formatted with ``values``."""
    entry = catalog[key]
    return entry.get(lang, entry[DEFAULT_LANG]).format(**values)
