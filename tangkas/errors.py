"""Typed errors the library raises; only the CLI maps them to exit codes, only the web layer to HTTP."""


class TangkasError(Exception):
    """Base of every error Tangkas raises for bad input. Its message is English; ``indonesian`` is the
    same message for a user who reads Indonesian, where one has been written.

    >>> error = TangkasError("no such file", indonesian="berkas tidak ada")
    >>> error.say("id"), error.say("en"), TangkasError("x").say("id")
    ('berkas tidak ada', 'no such file', 'x')
    """

    indonesian: str | None = None

    def __init__(self, *args: object, indonesian: str | None = None) -> None:
        super().__init__(*args)
        self.indonesian = indonesian

    def say(self, lang: str) -> str:
        """The message in ``lang`` ("id" or "en"), English when no Indonesian one was written."""
        return self.indonesian if lang == "id" and self.indonesian else str(self)


class UnknownConceptError(TangkasError, LookupError):
    """An identifier that names no concept in the taxonomy."""

    def __init__(self, kind: str, identifier: str) -> None:
        super().__init__(f"unknown {kind}: {identifier!r}")
        self.kind = kind
        self.identifier = identifier
