"""Command-line interface: ``tangkas --help``. Each module registers its commands on ``app``."""

from __future__ import annotations

import sys

from tangkas.cli import catalog, demo, indicators, market, serve, store, taxonomy, text, transitions  # noqa: F401  (registers commands)
from tangkas.cli.app import app, errors
from tangkas.errors import TangkasError


def main() -> None:
    """Run the CLI; a library error for bad input becomes one line and exit code 2."""
    try:
        app()
    except TangkasError as error:
        errors.print(f"galat: {error}", markup=False)
        sys.exit(2)
