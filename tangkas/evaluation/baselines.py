"""The methods an evaluation can score: the product's own scorer and the simple baselines of issue 4.

Each ``method_*`` function returns what the product's scorer returns (one row per query over every
candidate) for ``tangkas``/``combined`` and the same shape for a baseline, so that a protocol runs them
all through the same code. Nothing here runs in the product.

>>> SKILL_METHODS[0], TITLE_METHODS[0], TRANSITION_METHODS[0]
('tangkas', 'tangkas', 'combined')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

import numpy as np
from scipy import sparse

from tangkas.careers.similarity import SIGNALS, Signal, SimilarityModel, similarity_matrix, similarity_model
from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.text.normalize import normalize
from tangkas.text.tfidf import CharTfidf

SkillMethod = Literal["tangkas", "tfidf", "e5-preferred", "e5-labels", "minilm-labels"]
SKILL_METHODS: tuple[SkillMethod, ...] = ("tangkas", "tfidf", "e5-preferred", "e5-labels", "minilm-labels")
TitleMethod = Literal["tangkas", "tfidf", "e5-preferred", "e5-labels"]
TITLE_METHODS: tuple[TitleMethod, ...] = ("tangkas", "tfidf", "e5-preferred", "e5-labels")
# Simple symmetric baselines, measured beside the product's score and each of its signals alone.
TRANSITION_BASELINES: tuple[str, ...] = ("jaccard", "idf_cosine", "label_e5")
TRANSITION_METHODS: tuple[str, ...] = ("combined", *SIGNALS, *TRANSITION_BASELINES)


def method_skill_scores(
    queries: Sequence[str], method: SkillMethod = "tangkas", *, sentences: bool = False
) -> np.ndarray:
    """(len(queries), n_skills) scores by ``method``; ``tangkas`` is the product's ``score_skills``.

    ``tfidf`` is character n-grams to the preferred label, ``e5-preferred`` e5 to the preferred label,
    ``e5-labels`` e5 to the best label and ``minilm-labels`` the English model alone (its best label).
    """
    from tangkas.reading import extract

    if method == "tfidf":
        return extract.tfidf_skill_scores(queries)
    if method == "e5-preferred":
        from tangkas.reading.embeddings import embed, skill_embeddings

        preferred: np.ndarray = embed(list(queries)) @ skill_embeddings().T
        return preferred
    if method == "e5-labels":
        return extract.skill_scores(queries)
    if method == "minilm-labels":
        return extract.english_skill_scores(queries)
    return extract.score_skills(queries, sentences=sentences)


@load_once
def _title_char_index() -> CharTfidf:
    from tangkas.reading.embeddings import all_labels

    return CharTfidf().fit([normalize(t) for t in all_labels("occupations").texts])


def method_title_scores(titles: Sequence[str], method: TitleMethod = "tangkas") -> np.ndarray:
    """(len(titles), n_occupations) scores by ``method``; ``tangkas`` is the product's ``score_titles``.

    ``tfidf`` is character n-grams to the best label, ``e5-preferred`` e5 to the preferred label and
    ``e5-labels`` e5 to the best label, all on the raw title.
    """
    from tangkas.reading.embeddings import all_labels, best_by_owner, best_label_scores, embed
    from tangkas.reading.titles import score_titles

    if method == "tfidf":
        chars = _title_char_index().similarity([normalize(t) for t in titles])
        return best_by_owner(chars, all_labels("occupations"))
    if method == "e5-preferred":
        from tangkas.reading.embeddings import occupation_embeddings

        preferred: np.ndarray = embed(list(titles)) @ occupation_embeddings().T
        return preferred
    if method == "e5-labels":
        return best_label_scores(embed(list(titles)), all_labels("occupations"))
    return score_titles(titles)


def method_matrix(method: str = "combined") -> np.ndarray:
    """(n x n) source-by-target similarity over all ESCO occupations, by ``method``.

    ``combined`` is the product's viability score (``similarity_matrix``); a signal name gives that
    signal alone (raw values; diagonal included); the baselines are symmetric.

    >>> m = method_matrix("isco")
    >>> m.shape == (3007, 3007), float(m[0, 0])
    (True, 1.0)
    """
    if method not in TRANSITION_METHODS:
        choices = ", ".join(TRANSITION_METHODS)
        raise TangkasError(f"unknown similarity method {method!r}: choose from {choices}")
    if method == "combined":
        return similarity_matrix()
    model = similarity_model()
    if method in TRANSITION_BASELINES:
        return baseline_matrix(method, model)
    signal = cast(Signal, method)
    return model.occupation_components([signal])[signal]


def baseline_matrix(method: str, model: SimilarityModel) -> np.ndarray:
    """A baseline: Jaccard of essential skills, cosine of IDF-weighted skills, or e5 label cosine."""
    tax = model.tax
    if method == "jaccard":
        essential = sparse.csr_matrix(tax.essential > 0, dtype=np.float32)
        shared = (essential @ essential.T).toarray()
        sizes = np.asarray(essential.sum(axis=1)).ravel()
        return np.asarray(shared / np.maximum(sizes[:, None] + sizes[None, :] - shared, 1), dtype=np.float32)
    if method == "idf_cosine":
        weights = model.requirements_
        norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
        unit = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ weights
        return np.asarray((unit @ unit.T).toarray(), dtype=np.float32)
    from tangkas.reading.embeddings import occupation_embeddings

    vectors = occupation_embeddings()
    return np.asarray(vectors @ vectors.T, dtype=np.float32)
