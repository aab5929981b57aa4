"""Ranking-accuracy metrics over the rank of the true diagnosis, one rank per case.

Ranks are 1-based and may be fractional (the average rank of a tied group). Every function
is pure: arrays in, numbers out. Higher is better for ``*_accuracy`` and
``mean_reciprocal_rank``; lower is better for ``median_rank``.

Ties. When the true diagnosis shares its score with other diseases, its rank is not one
number. :func:`tie_group_ranks` gives the two conventions a benchmark reports: the
**average** rank of the tied group (the expected rank under a random order of the group) and
the **worst** rank (the pessimistic one: every tied disease ahead of the diagnosis).

References
----------
Voorhees EM. The TREC-8 question answering track report. TREC 1999 (mean reciprocal rank).
Köhler S et al. Clinical diagnostics in human genetics with semantic similarity searches in
ontologies. Am J Hum Genet 85:457-464, 2009 (rank-based evaluation with simulated patients).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from xpid.errors import ParameterError
from xpid.ranking.result import tie_group

__all__ = [
    "FINDINGS_BINS",
    "RankSummary",
    "findings_bin",
    "mean_reciprocal_rank",
    "median_rank",
    "summarize_ranks",
    "tie_group_ranks",
    "top_k_accuracy",
    "top_k_curve",
]

F64 = npt.NDArray[np.float64]

FINDINGS_BINS = ("1-5", "6-10", "11-20", "21+")
"""Bins of the number of present findings used in the breakdowns."""


def _ranks(ranks: Iterable[float] | F64) -> F64:
    array = np.asarray(list(ranks) if not isinstance(ranks, np.ndarray) else ranks, dtype=float)
    if array.ndim != 1:
        raise ParameterError(f"ranks must be one-dimensional, got shape {array.shape}.")
    if array.size and (not np.all(np.isfinite(array)) or array.min() < 1):
        raise ParameterError("ranks must be finite numbers of at least 1.")
    return array


def top_k_accuracy(ranks: Iterable[float] | F64, k: int) -> float:
    """Fraction of cases whose diagnosis is ranked ``k`` or better.

    Parameters
    ----------
    ranks
        Rank of the true diagnosis per case, shape (n,), each ≥ 1.
    k
        Cut-off, ≥ 1.

    Returns
    -------
    float
        In [0, 1]; ``nan`` when there are no cases.

    Examples
    --------
    >>> top_k_accuracy([1, 2, 5, 11], 3)
    0.5
    """
    if k < 1:
        raise ParameterError(f"k must be at least 1, got {k}.")
    array = _ranks(ranks)
    if not array.size:
        return float("nan")
    return float(np.mean(array <= k))


def top_k_curve(ranks: Iterable[float] | F64, max_k: int = 50) -> F64:
    """Top-k accuracy for k = 1..max_k, shape (max_k,): the cumulative rank distribution.

    >>> top_k_curve([1, 2, 5, 11], 3).tolist()
    [0.25, 0.5, 0.5]
    """
    if max_k < 1:
        raise ParameterError(f"max_k must be at least 1, got {max_k}.")
    array = _ranks(ranks)
    if not array.size:
        return np.full(max_k, np.nan)
    ks = np.arange(1, max_k + 1, dtype=float)
    return np.asarray((array[None, :] <= ks[:, None]).mean(axis=1), dtype=float)


def mean_reciprocal_rank(ranks: Iterable[float] | F64) -> float:
    """Mean of ``1 / rank`` over cases, in (0, 1] (``nan`` when there are no cases).

    >>> mean_reciprocal_rank([1, 2, 4])
    0.5833333333333334
    """
    array = _ranks(ranks)
    if not array.size:
        return float("nan")
    return float(np.mean(1.0 / array))


def median_rank(ranks: Iterable[float] | F64) -> float:
    """Median rank of the diagnosis (``nan`` when there are no cases).

    >>> median_rank([1, 2, 4, 10])
    3.0
    """
    array = _ranks(ranks)
    if not array.size:
        return float("nan")
    return float(np.median(array))


def tie_group_ranks(scores: Sequence[float] | F64, position: int) -> tuple[float, int]:
    """Average and worst rank of the tied group holding ``position``.

    Parameters
    ----------
    scores
        Scores sorted best first (non-increasing), shape (n,).
    position
        0-based position of the diagnosis in that order.

    Returns
    -------
    (float, int)
        ``(average, worst)``: the mean of the group's 1-based positions and its last
        position. ``average <= worst``, with equality when the diagnosis is not tied.

    Examples
    --------
    >>> tie_group_ranks([3.0, 2.0, 2.0, 2.0, 1.0], 2)
    (3.0, 4)
    """
    array = np.asarray(scores, dtype=float)
    if not 0 <= position < array.size:
        raise ParameterError(f"position must be in [0, {array.size}), got {position}.")
    best, worst = tie_group(array, position)
    return (best + worst) / 2.0, worst


def findings_bin(n_present: int) -> str:
    """The :data:`FINDINGS_BINS` label for a case with ``n_present`` present findings.

    >>> [findings_bin(n) for n in (1, 5, 6, 20, 21)]
    ['1-5', '1-5', '6-10', '11-20', '21+']
    """
    if n_present < 1:
        raise ParameterError(f"n_present must be at least 1, got {n_present}.")
    if n_present <= 5:
        return FINDINGS_BINS[0]
    if n_present <= 10:
        return FINDINGS_BINS[1]
    if n_present <= 20:
        return FINDINGS_BINS[2]
    return FINDINGS_BINS[3]


@dataclass(frozen=True, slots=True)
class RankSummary:
    """The headline figures of a set of ranks (fractions in [0, 1]; ``nan`` when ``n`` is 0)."""

    n: int
    top1: float
    top3: float
    top5: float
    top10: float
    mrr: float
    median_rank: float

    def to_dict(self) -> dict[str, float | int | None]:
        """JSON form; ``nan`` becomes ``None``; fractions rounded to 4 decimals."""

        def clean(value: float) -> float | None:
            return None if np.isnan(value) else round(value, 4)

        return {
            "n": self.n,
            "top1": clean(self.top1),
            "top3": clean(self.top3),
            "top5": clean(self.top5),
            "top10": clean(self.top10),
            "mrr": clean(self.mrr),
            "median_rank": clean(self.median_rank),
        }


def summarize_ranks(ranks: Iterable[float] | F64) -> RankSummary:
    """Top-1/3/5/10 accuracy, MRR and median rank of ``ranks`` (shape (n,)).

    >>> summarize_ranks([1, 3, 20]).top3
    0.6666666666666666
    """
    array = _ranks(ranks)
    return RankSummary(
        n=int(array.size),
        top1=top_k_accuracy(array, 1),
        top3=top_k_accuracy(array, 3),
        top5=top_k_accuracy(array, 5),
        top10=top_k_accuracy(array, 10),
        mrr=mean_reciprocal_rank(array),
        median_rank=median_rank(array),
    )
