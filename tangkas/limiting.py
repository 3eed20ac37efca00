"""Counting events per name in a sliding window (failed sign-ins, refused NIKs), and numeric settings.

>>> tries = Attempts(limit=2, window=60)
>>> tries.add("a"); tries.remaining("a")
1
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections import deque


def setting(name: str, default: int) -> int:
    """A positive whole number from the environment variable ``name``, else ``default``."""
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


class Attempts:
    """Events per name (a client address, a key prefix) within a sliding window, counted in this process.

    A multi-process deployment (several ``uvicorn --workers``) counts per process, so a client gets up to
    ``limit`` tries in each: put a shared counter (Redis, or the proxy's own limiter) in front for a strict
    limit across processes.

    >>> tries = Attempts(limit=2, window=60)
    >>> tries.add("a"); tries.wait("a"), tries.wait("b")
    (0, 0)
    >>> tries.add("a"); tries.wait("a") > 0
    True
    >>> tries.clear("a"); tries.wait("a")
    0
    """

    MAX_NAMES = 10_000

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, name: str, now: float) -> deque[float]:
        times = self._seen.get(name)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def wait(self, *names: str) -> int:
        """Seconds before any of ``names`` may try again (0: now)."""
        now = time.monotonic()
        with self._lock:
            waits = [
                times[0] + self.window - now
                for times in (self._recent(n, now) for n in names)
                if len(times) >= self.limit
            ]
        return max(1, math.ceil(max(waits))) if waits else 0

    def add(self, *names: str) -> None:
        """Count one event for each of ``names``."""
        now = time.monotonic()
        with self._lock:
            if len(self._seen) > self.MAX_NAMES:
                self._seen = {n: t for n, t in self._seen.items() if self._recent(n, now)}
            for name in names:
                times = self._seen.setdefault(name, deque())
                times.append(now)
                while len(times) > self.limit:
                    times.popleft()

    def clear(self, *names: str) -> None:
        with self._lock:
            for name in names:
                self._seen.pop(name, None)

    def remaining(self, name: str) -> int:
        """Events ``name`` may still add before it must wait."""
        now = time.monotonic()
        with self._lock:
            return max(0, self.limit - len(self._recent(name, now)))
