"""Typed errors the library raises; only the CLI maps them to exit codes, only the web layer to HTTP."""


class TangkasError(Exception):
    """Base of every error Tangkas raises for bad input."""


class UnknownConceptError(TangkasError, LookupError):
    """An identifier that names no concept in the taxonomy."""

    def __init__(self, kind: str, identifier: str) -> None:
        super().__init__(f"unknown {kind}: {identifier!r}")
        self.kind = kind
        self.identifier = identifier
