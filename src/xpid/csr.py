"""Compressed sparse rows: one home for the array idioms the ontology and the kernels share.

A CSR pair ``(indptr, indices)`` holds one segment per row: row ``i`` is
``indices[indptr[i]:indptr[i + 1]]`` (the ontology's parents and ancestor closures, the
diseases' annotations and closures). :func:`csr_from_rows` builds one, :func:`row_of_entry`
names the row of every entry, :func:`gather_rows` concatenates the segments of chosen rows
without a Python loop, and :func:`segment_max` / :func:`segment_sum` reduce every segment.
Each has a plain-Python reference in the tests, checked with hypothesis.

>>> indptr, indices = csr_from_rows([[1, 2], [], [0]])
>>> indptr.tolist(), indices.tolist()
([0, 2, 2, 3], [1, 2, 0])
>>> values, lengths = gather_rows(indptr, indices, np.array([2, 0]))
>>> values.tolist(), lengths.tolist()
([0, 1, 2], [1, 2])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np
import numpy.typing as npt

__all__ = ["csr_from_rows", "gather_rows", "row_of_entry", "segment_max", "segment_sum"]

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
S = TypeVar("S", bound=np.generic)


def csr_from_rows(rows: Sequence[Sequence[int] | npt.NDArray[np.integer]]) -> tuple[I64, I32]:
    """The CSR pair of ``rows`` (each a sequence of integers).

    Returns
    -------
    indptr : int64 array, shape (len(rows) + 1,)
    indices : int32 array, shape (total length,)
    """
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    if indptr[-1] == 0:
        return indptr, np.zeros(0, dtype=np.int32)
    return indptr, np.concatenate([np.asarray(r, dtype=np.int32) for r in rows])


def row_of_entry(indptr: npt.NDArray[np.integer]) -> I64:
    """The row of every entry, shape (indptr[-1],): ``i`` repeated ``len(row i)`` times."""
    return np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))


def gather_rows(
    indptr: npt.NDArray[np.integer], indices: npt.NDArray[S], rows: npt.NDArray[np.integer]
) -> tuple[npt.NDArray[S], I64]:
    """The segments of ``rows``, concatenated in the order given, and their lengths.

    Parameters
    ----------
    indptr, indices
        A CSR pair (``indices`` may hold any values: term ids, disease rows, weights).
    rows : integer array, shape (R,)
        Rows to gather; may repeat.

    Returns
    -------
    values : array, shape (sum of lengths,)
        ``indices[indptr[r]:indptr[r + 1]]`` for each ``r`` of ``rows``, one after another.
    lengths : int64 array, shape (R,)
        The length of each gathered segment (``np.repeat(x, lengths)`` aligns a per-row
        value ``x`` with ``values``).
    """
    at = np.asarray(rows, dtype=np.int64)
    bounds = np.asarray(indptr, dtype=np.int64)
    starts = bounds[at]
    lengths = bounds[at + 1] - starts
    if len(at) == 0:
        return indices[:0], lengths
    # Each entry's position in ``indices``: its position in the output plus the offset of
    # its segment (the segment's start minus where the segment begins in the output).
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return indices[np.arange(int(lengths.sum())) + offsets], lengths


def segment_max(
    values: npt.NDArray[np.float64],
    indptr: npt.NDArray[np.integer],
    *,
    empty: float = 0.0,
    axis: int = -1,
) -> npt.NDArray[np.float64]:
    """Maximum of each CSR segment ``values[..., indptr[i]:indptr[i+1]]``; ``empty`` if none.

    ``values`` may have more axes; segments run along ``axis``. Shape: ``values`` with
    ``axis`` of length ``len(indptr) - 1``.
    """
    n = len(indptr) - 1
    lengths = np.diff(indptr)
    nonempty = lengths > 0
    shape = list(values.shape)
    shape[axis] = n
    out = np.full(shape, empty, dtype=np.float64)
    if values.shape[axis] == 0 or not nonempty.any():
        return out
    starts = indptr[:-1][nonempty]
    reduced = np.maximum.reduceat(values, starts, axis=axis)
    index: list[slice | npt.NDArray[np.intp]] = [slice(None)] * values.ndim
    index[axis] = np.flatnonzero(nonempty)
    out[tuple(index)] = reduced
    return out


def segment_sum(
    values: npt.NDArray[np.float64], indptr: npt.NDArray[np.integer]
) -> npt.NDArray[np.float64]:
    """Sum of each CSR segment of a 1-D array (0 for empty segments), shape (len(indptr) - 1,)."""
    csum = np.concatenate(([0.0], np.cumsum(values, dtype=np.float64)))
    sums: npt.NDArray[np.float64] = csum[indptr[1:]] - csum[indptr[:-1]]
    return sums
