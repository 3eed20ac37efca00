from __future__ import annotations

import numpy as np

from tangkas.reading.embeddings import (
    all_labels,
    best_label_scores,
    embed,
    label_embeddings,
    occupation_embeddings,
    skill_embeddings,
)
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


def test_embeddings_all_labels_give_each_skill_its_best_label(tax: Taxonomy) -> None:
    labels = all_labels("skills")
    assert len(labels.starts) == len(tax.skills) and labels.vectors.shape[0] == len(labels.texts)
    assert list(labels.owners) == sorted(labels.owners)  # grouped by owner, preferred label first
    assert [labels.texts[i] for i in labels.starts[:3]] == [s.label_en for s in tax.skills[:3]]
    row = tax.skill_index[tax.skill("work independently").uri]
    own = [labels.texts[i] for i in range(len(labels.texts)) if labels.owners[i] == row]
    assert "work on your own" in own  # an alternative label the way ads say it
    scores = best_label_scores(embed(["work on your own"]), labels)
    assert scores.shape == (1, len(tax.skills)) and int(scores[0].argmax()) == row
