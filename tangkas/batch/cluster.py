"""Running pieces on Dask: a ``LocalCluster`` on this machine's cores, or a real cluster's scheduler.

Each worker process is single-threaded (one task at a time, BLAS on one thread: Dask's nanny sets
``OMP_NUM_THREADS=1``), so a worker's models are loaded once and a machine runs one worker per core.
A worker plugin warms the job's models as each worker starts; tasks then carry only the job's options
and a piece's file name.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from tangkas.batch.runner import LOCAL, Job, Piece, PieceResult, run_piece, warm
from tangkas.errors import TangkasError


class WarmModels(WorkerPlugin):
    """Worker plugin: load the job's models when a worker starts (and on workers that join later)."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def setup(self, worker: Any) -> None:
        warm(self.job)


def _client(scheduler: str, workers: int | None, memory_limit: str | None) -> Any:
    if scheduler == LOCAL:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            memory_limit=memory_limit or 0,
            dashboard_address=None,
            silence_logs=logging.ERROR,  # shutting workers down is not news to a user
        )
        return Client(cluster)  # type: ignore[no-untyped-call]
    try:
        return Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
    except OSError as error:
        raise TangkasError(
            f"cannot reach the Dask scheduler at {scheduler} ({error})",
            indonesian=f"penjadwal Dask di {scheduler} tidak dapat dihubungi ({error})",
        ) from error


def distributed_results(
    job: Job,
    pieces: list[Piece],
    out_dir: str,
    scheduler: str,
    workers: int | None,
    memory_limit: str | None,
    ready: Callable[[], None],
) -> Iterator[PieceResult]:
    """Submit every piece; yield each result as it finishes (any order). ``ready`` is called once every
    worker has loaded its models (registering the plugin waits for each worker's setup)."""
    client = _client(scheduler, workers, memory_limit)
    try:
        client.register_plugin(WarmModels(job), name=f"tangkas-warm-{job.name}")
        ready()
        futures = [
            client.submit(run_piece, job, piece, out_dir, key=f"{job.name}-{piece.name}", pure=False)
            for piece in pieces
        ]
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            result: PieceResult = future.result()
            yield result
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None and scheduler == LOCAL:
            cluster.close()
