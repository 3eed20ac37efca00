"""Tables derived from the store, kept per store for a few minutes and rebuilt after this process writes.

Another process's writes (an import from the CLI, a second server process) show once the entry is older
than its lifetime.

>>> from tangkas.store import open_store
>>> store = open_store("duckdb:///:memory:")
>>> counts = PerStore[int](seconds=60)
>>> counts.get(store, lambda s: 1), counts.get(store, lambda s: 2)
(1, 1)
>>> store.changed(); counts.get(store, lambda s: 3)
3
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

from tangkas.store import Store

T = TypeVar("T")


class PerStore(Generic[T]):
    """One value per store, fresh for ``seconds`` while the store's generation stays the same."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._values: WeakKeyDictionary[Store, tuple[float, int, T]] = WeakKeyDictionary()

    def fresh(self, store: Store) -> T | None:
        """The value while it is fresh, else ``None``; never touches the database."""
        cached = self._values.get(store)
        if cached and cached[1] == store.generation and time.monotonic() - cached[0] < self.seconds:
            return cached[2]
        return None

    def get(self, store: Store, compute: Callable[[Store], T]) -> T:
        """The fresh value, or ``compute(store)`` stored as the new one."""
        fresh = self.fresh(store)
        if fresh is not None:
            return fresh
        generation = store.generation
        value = compute(store)
        self._values[store] = (time.monotonic(), generation, value)
        return value
