"""The Typer application objects that every CLI module registers its commands on."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tangkas.i18n import translate
from tangkas.models import Lang

app = typer.Typer(
    help="Tangkas: reskilling dan upskilling berbasis keterampilan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Evaluasi kualitas pada data pengembangan (dev).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False, soft_wrap=True)

LangOption = Annotated[str, typer.Option("--lang", help="Bahasa keluaran: id (bawaan) atau en.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Cetak JSON, bukan tabel.")]

MESSAGES = {
    "bad_lang": {
        "id": "bahasa tidak dikenal: {value!r} (pilih id atau en)",
        "en": "unknown language: {value!r} (choose id or en)",
    },
    "not_found": {"id": "berkas tidak ditemukan: {path}", "en": "file not found: {path}"},
    "bad_method": {
        "id": "metode tidak dikenal: {method!r} (pilih {choices})",
        "en": "unknown method: {method!r} (choose {choices})",
    },
}
"""Messages several CLI modules share."""


def say(key: str, lang: Lang, **values: object) -> str:
    """A shared CLI message in ``lang``.

    >>> say("not_found", "en", path="cv.txt"), say("not_found", "id", path="cv.txt")
    ('file not found: cv.txt', 'berkas tidak ditemukan: cv.txt')
    """
    return translate(MESSAGES, key, lang, **values)


def parse_lang(value: str) -> Lang:
    """Validate a ``--lang`` value; a bad one is refused in both languages, as neither was chosen."""
    if value not in ("id", "en"):
        fail(f"{say('bad_lang', 'id', value=value)} | {say('bad_lang', 'en', value=value)}")
    return "id" if value == "id" else "en"


def fail(message: str, lang: Lang = "id") -> NoReturn:
    """One line on stderr, exit code 2: the only way a user error ends a command."""
    errors.print(f"{'galat' if lang == 'id' else 'error'}: {message}", markup=False)
    raise typer.Exit(2)


def progress_bar() -> Progress:
    """The bar long commands show on stderr (what, bar, done of total, time), gone when they finish."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=errors, transient=True)
