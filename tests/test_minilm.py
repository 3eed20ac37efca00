from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from tangkas.errors import TangkasError
from tangkas.reading.embeddings import all_labels, english_labels
from tangkas.reading.extract import english_skill_scores, score_skills, skill_scores
from tangkas.reading.minilm import MiniLM, embed_english, looks_english, model_dir, read_safetensors
from tangkas.taxonomy import Taxonomy


def test_minilm_vectors_are_unit_length_and_do_not_depend_on_the_batch() -> None:
    texts = ["take ownership", "assume responsibility", "a much longer sentence about writing Python code"]
    together = embed_english(texts)
    alone = np.vstack([MiniLM().encode([t]) for t in texts])
    assert together.shape == (3, 384) and together.dtype == np.float32
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-4)  # padding in a batch changes nothing
    assert embed_english([]).shape == (0, 384)


def test_minilm_reads_paraphrases_that_e5_misses(tax: Taxonomy) -> None:
    # A TECH miss that motivated the English model: e5 alone ranks "assume responsibility" ~60th.
    row = tax.skill_index[tax.skill("assume responsibility").uri]

    def rank(scores: np.ndarray) -> int:
        return int((scores > scores[row]).sum())

    english, e5 = english_skill_scores(["takes ownership"])[0], skill_scores(["takes ownership"])[0]
    combined = score_skills(["takes ownership"])[0]
    assert rank(english) < 20 and rank(combined) < 20 < rank(e5)


def test_minilm_shipped_label_vectors_follow_the_skill_labels(tax: Taxonomy) -> None:
    labels, english = all_labels("skills"), english_labels()
    assert english.texts == labels.texts and english.vectors.shape == labels.vectors.shape
    sample = [0, labels.starts[100], len(labels.texts) - 1]
    fresh = embed_english([labels.texts[i] for i in sample])
    assert np.all(np.sum(fresh * english.vectors[sample], axis=1) > 0.99)  # int8 vectors of the same model


def test_minilm_reads_english_but_not_indonesian_text() -> None:
    assert looks_english("Data Science") and looks_english("SQL")
    assert not looks_english("Keterampilan manajemen proyek")
    mixed, indonesian = score_skills(["Strong knowledge of SQL"]), score_skills(["Menguasai bahasa Jawa"])
    assert mixed.shape == indonesian.shape


def test_minilm_refuses_a_different_weights_file(tmp_path: Path) -> None:
    source = model_dir() / "model.safetensors"
    copy = tmp_path / "model.safetensors"
    shutil.copyfile(source, copy)
    with copy.open("r+b") as handle:
        handle.seek(-4, 2)
        handle.write(b"\x00\x00\x00\x00")
    with pytest.raises(TangkasError, match="SHA-256"):
        read_safetensors(copy, sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")
    weights = read_safetensors(source)
    assert weights["embeddings.word_embeddings.weight"].shape == (30522, 384)
