from __future__ import annotations

import numpy as np

from tangkas.embeddings import embed, label_embeddings, occupation_embeddings, skill_embeddings
from tangkas.taxonomy import Taxonomy


def test_embeddings_skill_rows_follow_the_taxonomy(tax: Taxonomy) -> None:
    vectors = skill_embeddings()
    assert vectors.shape == (len(tax.skills), 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    labels = ["operate forklift", "Python (computer programming)", "manage payroll"]
    rows = [tax.skill_index[tax.skill(label).uri] for label in labels]
    assert list((embed(labels) @ vectors.T).argmax(axis=1)) == rows


def test_embeddings_occupations_and_label_parts_are_aligned(tax: Taxonomy) -> None:
    assert occupation_embeddings().shape == (len(tax.occupations), 384)
    alt = label_embeddings("occupation_labels")
    assert len(alt.texts) == len(alt.owners) == alt.vectors.shape[0]
    first = int(alt.owners[0])
    assert alt.texts[0] in tax.occupations[first].alt_en + tax.occupations[first].hidden_en


def test_embeddings_are_read_only_and_embed_handles_empty_input() -> None:
    assert not skill_embeddings().flags.writeable
    assert embed([]).shape == (0, 384)
