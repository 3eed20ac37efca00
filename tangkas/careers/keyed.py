"""Sparse entries of many profiles as flat int64 keys ``owner * width + column`` and their values.

Batch scoring keeps corrections, updates and candidate pairs this way: sorting, summing and looking up
keys is a few numpy calls for a whole batch, where scipy's sparse operations pay their overhead per call.

>>> keys, values = summed([(np.array([3, 7]), np.array([1.0, 2.0])), (np.array([7]), np.array([0.5]))])
>>> keys.tolist(), values.tolist()
([3, 7], [1.0, 2.5])
>>> member(keys, np.array([7, 8])).tolist()
[True, False]
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
from scipy import sparse


def entries(
    matrix: sparse.csr_matrix, owners: np.ndarray, rows: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """The entries of ``matrix`` row ``rows[i]``, keyed for ``owners[i]``.

    >>> matrix = sparse.csr_matrix(np.array([[0, 5], [6, 7]], dtype=np.float32))
    >>> keys, values = entries(matrix, np.array([0, 3]), np.array([1, 0]), 2)
    >>> keys.tolist(), values.tolist()
    ([0, 1, 7], [6.0, 7.0, 5.0])
    """
    starts, lengths = matrix.indptr[rows], matrix.indptr[rows + 1] - matrix.indptr[rows]
    positions = np.arange(int(lengths.sum())) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return np.repeat(owners * width, lengths) + matrix.indices[positions], matrix.data[positions]


def of_csr(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """A CSR matrix's entries, keyed by row (sorted when its indices are)."""
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))
    return rows * matrix.shape[1] + matrix.indices, matrix.data


def to_csr(keys: np.ndarray, values: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    """A CSR matrix of sorted distinct keys."""
    indptr = np.searchsorted(keys // shape[1], np.arange(shape[0] + 1))
    return sparse.csr_matrix((values, keys % shape[1], indptr), shape=shape)


def distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and where each value is among them (``np.unique`` without its overhead).

    >>> [a.tolist() for a in distinct(np.array([5, 2, 5]))]
    [[2, 5], [1, 0, 1]]
    """
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = _firsts(ordered)
    where = np.empty(len(values), dtype=np.int64)
    where[order] = np.cumsum(first) - 1
    return ordered[first], where


def member(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Whether each of ``keys`` is in ``sorted_keys``."""
    if not len(sorted_keys):
        return np.zeros(keys.shape, dtype=bool)
    where = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return np.asarray(sorted_keys[where] == keys)


def summed(terms: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One entry per key, sorted; a key's values are added in the order of the terms."""
    keys, values = _sorted(terms)
    firsts = np.flatnonzero(_firsts(keys))
    if len(firsts) == len(keys):
        return keys, values
    return keys[firsts], np.add.reduceat(values, firsts)


def largest(terms: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """One entry per key, sorted, with the key's largest value."""
    keys, values = _sorted(terms)
    firsts = np.flatnonzero(_firsts(keys))
    return keys[firsts], np.maximum.reduceat(values, firsts) if len(keys) else values


def _sorted(terms: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.concatenate([np.zeros(0, np.int64), *(k for k, _ in terms)])
    values = np.concatenate([np.zeros(0, np.float32), *(v for _, v in terms)]).astype(np.float32)
    order = np.argsort(keys, kind="stable")
    return keys[order], values[order]


def _firsts(ordered: np.ndarray) -> np.ndarray:
    return np.concatenate([[True], ordered[1:] != ordered[:-1]]) if len(ordered) else np.zeros(0, bool)


class Scratch(threading.local):
    """A zeroed float32 buffer per thread: values placed by key, read back and cleared, without a search.

    >>> Scratch().lookup(np.array([2, 9]), np.array([0.5, 1.5]), np.array([9, 4]), size=10).tolist()
    [1.5, 0.0]
    """

    def __init__(self) -> None:
        self._buffer = np.zeros(0, dtype=np.float32)

    def buffer(self, size: int) -> np.ndarray:
        """All zeros, ``size`` long at least; callers clear what they set before they return."""
        if len(self._buffer) < size:
            self._buffer = np.zeros(size, dtype=np.float32)
        return self._buffer

    def lookup(self, keys: np.ndarray, values: np.ndarray, query: np.ndarray, size: int) -> np.ndarray:
        """``values`` (at distinct ``keys`` below ``size``) at the ``query`` keys, 0 where absent."""
        buffer = self.buffer(size)
        try:
            buffer[keys] = values
            found: np.ndarray = buffer[query]
            return found
        finally:
            buffer[keys] = 0.0
