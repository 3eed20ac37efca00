from __future__ import annotations

import threading
import time

from tangkas.loading import load_once
from tangkas.taxonomy import load_taxonomy


def test_loading_many_threads_at_once_run_the_loader_once() -> None:
    calls: list[int] = []

    @load_once
    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(slow())) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 20
    assert len(calls) == 1


def test_loading_the_taxonomy_is_shared_by_every_caller() -> None:
    assert load_taxonomy() is load_taxonomy()
