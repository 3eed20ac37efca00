"""Character n-gram TF-IDF (like scikit-learn's ``char_wb`` analyser), numpy/scipy only.

Used as a lexical signal in title coding and as the TF-IDF baseline of the evaluations.

>>> index = CharTfidf().fit(["software developer", "truck driver", "bus driver"])
>>> scores = index.similarity(["truk driver"])
>>> int(scores[0].argmax())
1
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from tangkas.text.normalize import normalize


def char_ngrams(text: str, low: int = 2, high: int = 4) -> list[str]:
    """Character n-grams inside word boundaries (each word padded with spaces).

    >>> char_ngrams("ab", 2, 3)
    [' a', 'ab', 'b ', ' ab', 'ab ']
    """
    grams: list[str] = []
    for word in normalize(text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return grams


class CharTfidf:
    """Fit on documents, then ``similarity(queries)`` -> dense (n_queries, n_documents) cosines."""

    def __init__(self, low: int = 2, high: int = 4) -> None:
        self.low = low
        self.high = high

    def fit(self, documents: Sequence[str]) -> CharTfidf:
        vocabulary: dict[str, int] = {}
        for doc in documents:
            for gram in char_ngrams(doc, self.low, self.high):
                vocabulary.setdefault(gram, len(vocabulary))
        self.vocabulary_ = vocabulary
        counts = self._counts(documents)
        df = np.bincount(counts.indices, minlength=len(vocabulary))
        self.idf_ = (np.log((1 + len(documents)) / (1 + df)) + 1).astype(np.float32)
        self.matrix_ = self._weigh(counts)
        return self

    def _counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        rows, cols = [], []
        for i, text in enumerate(texts):
            for gram in char_ngrams(text, self.low, self.high):
                col = self.vocabulary_.get(gram) if hasattr(self, "vocabulary_") else None
                if col is not None:
                    rows.append(i)
                    cols.append(col)
        data = np.ones(len(rows), dtype=np.float32)
        shape = (len(texts), len(self.vocabulary_))
        matrix = sparse.csr_matrix((data, (rows, cols)), shape=shape)
        matrix.sum_duplicates()
        return matrix

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        weighted = sparse.csr_matrix(counts.multiply(self.idf_[None, :]))
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted)

    def similarity(self, queries: Sequence[str]) -> np.ndarray:
        """Cosine similarity of each query to each fitted document."""
        weighted = self._weigh(self._counts(queries))
        return np.asarray((weighted @ self.matrix_.T).toarray(), dtype=np.float32)
