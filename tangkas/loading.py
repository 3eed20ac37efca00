"""Loading shipped data once per process, also when many requests ask for it at the same moment.

``functools.cache`` lets every thread that misses run the loader: 40 server threads asking for the
taxonomy on the first registrations after a start each built their own copy, and the requests timed
out. :func:`load_once` runs a loader once per arguments; the others wait for its result.

>>> calls = []
>>> @load_once
... def table(name: str) -> str:
...     calls.append(name)
...     return name.upper()
>>> table("kbji"), table("kbji"), calls
('KBJI', 'KBJI', ['kbji'])
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def load_once(loader: Callable[P, R]) -> Callable[P, R]:
    """``loader`` with its results kept (a lock per loader: one load at a time, hits never wait)."""
    results: dict[Hashable, R] = {}
    lock = threading.RLock()

    @wraps(loader)
    def load(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
        try:
            return results[key]
        except KeyError:
            pass
        with lock:
            if key not in results:
                results[key] = loader(*args, **kwargs)
            return results[key]

    return load
