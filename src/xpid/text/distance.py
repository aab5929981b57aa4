"""Edit distance between words, for "did you mean" and typo-tolerant search.

The distance is the optimal string alignment distance (the restricted Damerau–Levenshtein
distance): the fewest single-character insertions, deletions, substitutions and swaps of two
adjacent characters that turn one word into the other, no substring edited twice. A swap
counts once, so ``ezcema`` is one edit from ``eczema``, as is ``ecsema``.

:func:`osa_distance` is the plain dynamic programme (the reference);
:func:`osa_distances` computes the distance from one word to every word of a
:class:`WordTable` at once with numpy, one row of the programme per character of the query
(the insertions along a row as a running minimum), in O(m · N · L) array operations for a
query of m characters and N words of at most L characters; the tests check it against the
reference.

References
----------
Damerau FJ. A technique for computer detection and correction of spelling errors.
Commun ACM 7:171–176, 1964.
Levenshtein VI. Binary codes capable of correcting deletions, insertions, and reversals.
Soviet Physics Doklady 10:707–710, 1966.

>>> osa_distance("ezcema", "eczema"), osa_distance("diabetis", "diabetes")
(1, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["WordTable", "build_word_table", "osa_distance", "osa_distances", "typo_budget"]


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance between ``a`` and ``b`` (plain reference).

    >>> osa_distance("ca", "abc"), osa_distance("", "abc"), osa_distance("abc", "abc")
    (3, 3, 0)
    """
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, rows[i - 2][j - 2] + 1)
            rows[i][j] = best
    return rows[len(a)][len(b)]


def typo_budget(word: str) -> int:
    """Edits tolerated in a word of this length: none up to 3 characters (abbreviations and
    short words are too easily another word), 1 up to 7, 2 from 8 on."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 7 else 2


@dataclass(frozen=True, slots=True, eq=False)
class WordTable:
    """Words as a zero-padded matrix of code points, for :func:`osa_distances`.

    Attributes
    ----------
    words : tuple of str, length N
        The words, in the caller's order.
    codes : uint32 array, shape (N, L)
        Code points of each word, padded with 0 (no word holds U+0000).
    lengths : int32 array, shape (N,)
    """

    words: tuple[str, ...]
    codes: npt.NDArray[np.uint32]
    lengths: npt.NDArray[np.int32]


def build_word_table(words: Sequence[str]) -> WordTable:
    """A :class:`WordTable` of ``words`` (any order; an empty word is allowed)."""
    width = max((len(w) for w in words), default=0)
    codes = np.zeros((len(words), max(width, 1)), dtype=np.uint32)
    for row, word in enumerate(words):
        if word:
            codes[row, : len(word)] = np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter((len(w) for w in words), dtype=np.int32, count=len(words))
    return WordTable(tuple(words), codes, lengths)


def osa_distances(
    query: str, table: WordTable, *, max_distance: int | None = None
) -> npt.NDArray[np.int32]:
    """Distance from ``query`` to every word of ``table``.

    Parameters
    ----------
    query
        The word to compare.
    table
        From :func:`build_word_table`.
    max_distance
        When given, words whose length differs from the query's by more than this get
        ``max_distance + 1`` without being compared (their distance is at least the length
        difference); other values are exact.

    Returns
    -------
    int32 array, shape (N,)
        ``osa_distance(query, word)`` for each word (capped as described).
    """
    n = len(table.words)
    out = np.full(n, np.iinfo(np.int32).max, dtype=np.int32)
    if max_distance is None:
        rows = np.arange(n)
    else:
        rows = np.flatnonzero(np.abs(table.lengths - len(query)) <= max_distance)
        out[:] = max_distance + 1
    if not len(rows):
        return out
    lengths = table.lengths[rows]
    width = int(lengths.max())
    if width == 0:
        out[rows] = len(query)
        return out
    codes = table.codes[rows, :width]
    q = np.frombuffer(query.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(width + 1, dtype=np.int32)
    previous = np.broadcast_to(steps, (len(rows), width + 1)).copy()  # row 0: j insertions
    before_previous = previous
    for i in range(1, len(q) + 1):
        diagonal = previous[:, :-1] + (codes != q[i - 1])
        best = np.minimum(diagonal, previous[:, 1:] + 1)
        if i > 1:
            swapped = (codes[:, :-1] == q[i - 1]) & (codes[:, 1:] == q[i - 2])
            best[:, 1:] = np.where(
                swapped, np.minimum(best[:, 1:], before_previous[:, :-2] + 1), best[:, 1:]
            )
        # An insertion chain: D[i][j] = min over k <= j of best[k] + (j - k), with the
        # column-0 value i; a running minimum of best[k] - k does it without a loop.
        current = np.empty_like(previous)
        current[:, 0] = i
        shifted = np.concatenate(
            [np.full((len(rows), 1), i, dtype=np.int32), best - steps[1:]], axis=1
        )
        current[:, :] = np.minimum.accumulate(shifted, axis=1) + steps
        before_previous, previous = previous, current
    out[rows] = previous[np.arange(len(rows)), lengths]
    return out
