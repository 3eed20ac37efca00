"""Command-line interface: ``tangkas --help``. Each module registers its commands on ``app``."""

from __future__ import annotations

import sys

from tangkas.cli import (  # noqa: F401  (registers commands)
    batch,
    catalog,
    cohort,
    demo,
    indicators,
    market,
    serve,
    store,
    taxonomy,
    text,
    transitions,
    workers,
    youth,
)
from tangkas.cli.app import app, errors
from tangkas.cli.rows import print_rejected
from tangkas.errors import TangkasError
from tangkas.models import Lang
from tangkas.rows.report import RowsRejectedError


def _argv_lang(argv: list[str]) -> Lang:
    """The ``--lang`` of a command line, for messages printed after the command has ended.

    >>> _argv_lang(["tangkas", "align", "--lang", "en"]), _argv_lang(["tangkas", "--lang=id"])
    ('en', 'id')
    """
    words = argv[1:]
    given = [b for a, b in zip(words, [*words[1:], ""], strict=True) if a == "--lang"]
    given += [a.removeprefix("--lang=") for a in words if a.startswith("--lang=")]
    return "en" if given and given[-1] == "en" else "id"


def main() -> None:
    """Run the CLI; a library error for bad input becomes one line (rejected rows, one line each) and
    exit code 2."""
    try:
        app()
    except RowsRejectedError as rejected:
        print_rejected(rejected.report, _argv_lang(sys.argv), errors)
        sys.exit(2)
    except TangkasError as error:
        lang = _argv_lang(sys.argv)
        errors.print(f"{'galat' if lang == 'id' else 'error'}: {error.say(lang)}", markup=False)
        sys.exit(2)
