"""Partitioned Parquet jobs, on Dask or in this process.

A job (:class:`Job`) turns one table of input rows into one table of output rows. The runner cuts the
input (one Parquet file or a folder of them) into *pieces*, one per Parquet row group, and runs each
piece as one task:

- **models load once per worker**: a task carries only the job's options and the piece's file name
  and row group, never a model or a row; the job's :meth:`Job.warm` loads its models into the worker
  process (a worker plugin calls it when the worker starts), and they stay there for every later task;
- **atomic, resumable output**: each piece is written to ``.NAME.tmp`` and renamed to ``NAME`` when
  complete, so a killed job leaves no half piece, and a re-run skips the pieces already written;
- **the same result on any scheduler**: a piece's output depends on the piece and the job's options
  only, so ``serial`` (this process), a ``LocalCluster`` and a real cluster write the same files.

``_batch.json`` in the output folder records the job, its options and the input, so a re-run with other
options or input into the same folder is refused instead of mixing two results.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, is_dataclass
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from tangkas.errors import TangkasError

META_FILE = "_batch.json"
SERIAL = "serial"
LOCAL = "local"


class Job(Protocol):
    """One kind of batch work: options only (it is sent to every worker), models loaded by :meth:`warm`."""

    @property
    def name(self) -> str: ...

    def warm(self) -> None:
        """Load every model this job needs into this process (once per worker)."""

    def run(self, table: pa.Table) -> tuple[pa.Table, dict[str, int]]:
        """One piece of input rows -> its output rows, and counters (summed over pieces)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One task: row group ``row_group`` of the Parquet file ``source``, written as ``name``."""

    source: str
    row_group: int
    rows: int
    name: str


@dataclass(frozen=True, slots=True)
class PieceResult:
    """What one task did: rows in and out, its counters, its time, and its worker's peak memory."""

    name: str
    rows_in: int
    rows_out: int
    counters: dict[str, int]
    seconds: float
    peak_rss_mb: float
    worker: str


@dataclass(slots=True)
class RunSummary:
    """A whole run: pieces written and skipped (already there), rows, summed counters, peak memory."""

    pieces: int = 0
    written: int = 0
    skipped: int = 0
    rows_in: int = 0
    rows_out: int = 0
    seconds: float = 0.0
    startup_s: float = 0.0
    """Of ``seconds``: starting the cluster and loading every worker's models, before the first task."""
    task_s: float = 0.0
    """Time spent in tasks, summed over workers (``rows_in / task_s`` is the rate of one core)."""
    counters: dict[str, int] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    def add(self, result: PieceResult) -> None:
        self.written += 1
        self.task_s += result.seconds
        self.rows_in += result.rows_in
        self.rows_out += result.rows_out
        for key, value in result.counters.items():
            self.counters[key] = self.counters.get(key, 0) + value
        self.peak_rss_mb[result.worker] = max(self.peak_rss_mb.get(result.worker, 0.0), result.peak_rss_mb)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- pieces ----------------------------------------------------------------------------------------


def input_files(path: Path) -> list[Path]:
    """The Parquet files of ``path`` (itself, or the ``*.parquet`` files of a folder, sorted by name;
    hidden and temporary files left out)."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise TangkasError(f"input not found: {path}", indonesian=f"masukan tidak ditemukan: {path}")
    files = sorted(p for p in path.glob("*.parquet") if not p.name.startswith((".", "_")))
    if not files:
        raise TangkasError(f"no Parquet files in {path}", indonesian=f"tidak ada berkas Parquet di {path}")
    return files


def plan_pieces(path: Path) -> list[Piece]:
    """One piece per row group of every input file; output names keep the input's order.

    A file that is not Parquet is refused whole, naming it, before any work starts.
    """
    pieces: list[Piece] = []
    for file in input_files(path):
        try:
            metadata = pq.ParquetFile(file).metadata
        except (OSError, pa.ArrowInvalid) as error:
            raise TangkasError(
                f"{file}: not a readable Parquet file ({error})",
                indonesian=f"{file}: bukan berkas Parquet yang bisa dibaca ({error})",
            ) from error
        for group in range(metadata.num_row_groups):
            rows = metadata.row_group(group).num_rows
            pieces.append(Piece(str(file), group, rows, f"{file.stem}-rg{group:04d}.parquet"))
    return pieces


# -- one piece -------------------------------------------------------------------------------------

_WARMED: set[str] = set()


def warm(job: Job) -> None:
    """Load ``job``'s models into this process, once."""
    key = _job_key(job)
    if key not in _WARMED:
        job.warm()
        _WARMED.add(key)


def run_piece(job: Job, piece: Piece, out_dir: str) -> PieceResult:
    """Read one row group, run the job on it, write the output atomically (temporary file, rename)."""
    warm(job)
    start = time.perf_counter()
    table = pq.ParquetFile(piece.source).read_row_group(piece.row_group)
    output, counters = job.run(table)
    target = Path(out_dir) / piece.name
    temporary = target.with_name(f".{piece.name}.tmp")
    pq.write_table(output, temporary, compression="zstd")
    os.replace(temporary, target)
    return PieceResult(
        piece.name,
        table.num_rows,
        output.num_rows,
        counters,
        time.perf_counter() - start,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        f"pid-{os.getpid()}",
    )


# -- a whole run -----------------------------------------------------------------------------------


def _job_key(job: Job) -> str:
    return json.dumps({"job": job.name, "options": job_options(job)}, sort_keys=True, default=str)


def job_options(job: Job) -> dict[str, Any]:
    """The job's options, as recorded in ``_batch.json``."""
    return asdict(job) if is_dataclass(job) and not isinstance(job, type) else {}


def run_metadata(job: Job, inputs: Path, pieces: list[Piece]) -> dict[str, Any]:
    """What ``_batch.json`` records: the job, its options and the input it reads."""
    return {
        "job": job.name,
        "options": json.loads(json.dumps(job_options(job), default=str)),
        "input": str(inputs.resolve()),
        "pieces": len(pieces),
        "rows": sum(p.rows for p in pieces),
    }


def _check_folder(out_dir: Path, meta: Mapping[str, Any]) -> None:
    path = out_dir / META_FILE
    if not path.exists():
        return
    found = json.loads(path.read_text("utf-8"))
    if any(found.get(k) != meta[k] for k in ("job", "options", "input", "pieces", "rows")):
        raise TangkasError(
            f"{out_dir} holds the output of another run ({found.get('job')}, {found.get('input')}); "
            "use an empty folder or the same job, options and input",
            indonesian=f"{out_dir} berisi keluaran proses lain ({found.get('job')}, {found.get('input')}); "
            "pakai folder kosong atau pekerjaan, opsi dan masukan yang sama",
        )


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def run_job(
    job: Job,
    inputs: Path,
    out_dir: Path,
    *,
    scheduler: str = LOCAL,
    workers: int | None = None,
    memory_limit: str | None = None,
    progress: Callable[[int], object] | None = None,
) -> RunSummary:
    """Run ``job`` over every piece of ``inputs`` not yet in ``out_dir``; ``progress`` gets rows done.

    ``scheduler``: ``serial`` (this process, no Dask), ``local`` (a ``LocalCluster`` of ``workers``
    single-threaded processes, all cores by default) or a scheduler address (``tcp://host:8786``).
    """
    pieces = plan_pieces(inputs)
    meta = run_metadata(job, inputs, pieces)
    _check_folder(out_dir, meta)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_json(out_dir / META_FILE, meta)
    summary = RunSummary(pieces=len(pieces))
    pending = []
    for piece in pieces:
        if (out_dir / piece.name).exists():
            summary.skipped += 1
            if progress is not None:
                progress(piece.rows)
        else:
            pending.append(piece)
    start = time.perf_counter()

    def ready() -> None:
        summary.startup_s = time.perf_counter() - start

    for result in _results(job, pending, out_dir, scheduler, workers, memory_limit, ready):
        summary.add(result)
        if progress is not None:
            progress(result.rows_in)
    summary.seconds = time.perf_counter() - start
    _write_json(out_dir / "_summary.json", summary.to_dict())
    return summary


def _results(
    job: Job,
    pieces: list[Piece],
    out_dir: Path,
    scheduler: str,
    workers: int | None,
    memory_limit: str | None,
    ready: Callable[[], None],
) -> Iterator[PieceResult]:
    if not pieces:
        return
    if scheduler == SERIAL:
        warm(job)
        ready()
        for piece in pieces:
            yield run_piece(job, piece, str(out_dir))
        return
    try:
        from tangkas.batch.cluster import distributed_results
    except ImportError as error:  # the scale extra is not installed
        raise TangkasError(
            "Dask is not installed: pip install 'tangkas[scale]', or use --scheduler serial",
            indonesian="Dask belum terpasang: pip install 'tangkas[scale]', atau pakai --scheduler serial",
        ) from error
    yield from distributed_results(job, pieces, str(out_dir), scheduler, workers, memory_limit, ready)


def output_files(out_dir: Path) -> list[Path]:
    """The written pieces of ``out_dir``, in input order (pieces are named after the input)."""
    files = sorted(p for p in out_dir.glob("*.parquet") if not p.name.startswith((".", "_")))
    if not files:
        raise TangkasError(f"no output in {out_dir}", indonesian=f"tidak ada keluaran di {out_dir}")
    return files


def read_output(out_dir: Path) -> pa.Table:
    """Every written piece of ``out_dir``, in input order, as one table."""
    return pa.concat_tables([pq.read_table(f) for f in output_files(out_dir)])
