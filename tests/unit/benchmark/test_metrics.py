"""Benchmark metrics: hand-computed values and properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xpid.benchmark.metrics import (
    FINDINGS_BINS,
    findings_bin,
    mean_reciprocal_rank,
    median_rank,
    summarize_ranks,
    tie_group_ranks,
    top_k_accuracy,
    top_k_curve,
)

ranks_st = st.lists(
    st.floats(min_value=1.0, max_value=1e4, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=50,
)


def test_hand_computed() -> None:
    ranks = [1, 1, 2, 3.5, 10, 40]
    assert top_k_accuracy(ranks, 1) == pytest.approx(2 / 6)
    assert top_k_accuracy(ranks, 3) == pytest.approx(3 / 6)
    assert top_k_accuracy(ranks, 10) == pytest.approx(5 / 6)
    assert mean_reciprocal_rank(ranks) == pytest.approx((1 + 1 + 0.5 + 1 / 3.5 + 0.1 + 0.025) / 6)
    assert median_rank(ranks) == pytest.approx(2.75)
    summary = summarize_ranks(ranks)
    assert summary.n == 6
    assert summary.top5 == pytest.approx(4 / 6)
    assert summary.to_dict()["top1"] == 0.3333


def test_empty_is_nan() -> None:
    assert math.isnan(top_k_accuracy([], 1))
    assert math.isnan(mean_reciprocal_rank([]))
    assert math.isnan(median_rank([]))
    summary = summarize_ranks([])
    assert summary.n == 0
    assert summary.to_dict()["mrr"] is None
    assert np.isnan(top_k_curve([], 3)).all()


@pytest.mark.parametrize("bad", [[0.5], [float("nan")], [[1, 2]]])
def test_bad_ranks_raise(bad: list[object]) -> None:
    with pytest.raises(ValueError, match="ranks"):
        mean_reciprocal_rank(bad)  # type: ignore[arg-type]


def test_bad_k_raises() -> None:
    with pytest.raises(ValueError, match="k must be"):
        top_k_accuracy([1], 0)


def test_tie_groups() -> None:
    scores = [5.0, 3.0, 3.0, 3.0, 1.0, 1.0]
    assert tie_group_ranks(scores, 0) == (1.0, 1)
    assert tie_group_ranks(scores, 1) == (3.0, 4)
    assert tie_group_ranks(scores, 3) == (3.0, 4)
    assert tie_group_ranks(scores, 5) == (5.5, 6)
    with pytest.raises(ValueError, match="position"):
        tie_group_ranks(scores, 6)


def test_findings_bins() -> None:
    assert [findings_bin(n) for n in (1, 5, 6, 10, 11, 20, 21, 300)] == [
        "1-5",
        "1-5",
        "6-10",
        "6-10",
        "11-20",
        "11-20",
        "21+",
        "21+",
    ]
    assert set(FINDINGS_BINS) == {"1-5", "6-10", "11-20", "21+"}
    with pytest.raises(ValueError):
        findings_bin(0)


@given(ranks_st)
def test_mrr_in_unit_interval(ranks: list[float]) -> None:
    mrr = mean_reciprocal_rank(ranks)
    assert 0.0 < mrr <= 1.0
    assert (mrr == 1.0) == all(r == 1.0 for r in ranks)


@given(ranks_st, st.integers(1, 60), st.integers(1, 60))
def test_top_k_monotone(ranks: list[float], k1: int, k2: int) -> None:
    lo, hi = sorted((k1, k2))
    assert top_k_accuracy(ranks, lo) <= top_k_accuracy(ranks, hi)
    curve = top_k_curve(ranks, 60)
    assert np.all(np.diff(curve) >= 0)
    assert curve[hi - 1] == pytest.approx(top_k_accuracy(ranks, hi))


@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=40).map(
        lambda xs: sorted((float(x) for x in xs), reverse=True)
    ),
    st.data(),
)
def test_average_not_above_worst(scores: list[float], data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(scores) - 1))
    average, worst = tie_group_ranks(scores, position)
    assert 1 <= average <= worst <= len(scores)
    assert position + 1 <= worst
    n_tied = scores.count(scores[position])
    assert (average == worst) == (n_tied == 1)
    # the worst rank counts every disease scored at least as high
    assert worst == sum(s >= scores[position] for s in scores)


@given(ranks_st)
def test_worst_ranks_never_score_better(ranks: list[float]) -> None:
    worse = [r + 1 for r in ranks]
    assert mean_reciprocal_rank(worse) < mean_reciprocal_rank(ranks)
    for k in (1, 3, 10):
        assert top_k_accuracy(worse, k) <= top_k_accuracy(ranks, k)
