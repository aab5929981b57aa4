"""Calibration metrics: hand-computed values and properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xpid.benchmark.calibration import (
    brier_loss,
    expected_calibration_error,
    fit_temperature,
    reliability_bins,
    softmax_top,
)


def test_brier_hand_computed() -> None:
    assert brier_loss([1.0, 0.0], [True, False]) == 0.0
    assert brier_loss([0.8, 0.3], [True, False]) == pytest.approx((0.04 + 0.09) / 2)
    with pytest.raises(ValueError, match="same length"):
        brier_loss([0.5], [True, False])


def test_ece_hand_computed() -> None:
    # Two bins used: [0.2, 0.3) with p = 0.25 twice, one right (acc 0.5);
    # [0.9, 1.0] with p = 0.95 twice, both right (acc 1.0).
    ece = expected_calibration_error([0.25, 0.25, 0.95, 0.95], [True, False, True, True])
    assert ece == pytest.approx(0.5 * 0.25 + 0.5 * 0.05)
    bins = reliability_bins([0.25, 0.95], [True, True], n_bins=10)
    assert [b.count for b in bins] == [0, 0, 1, 0, 0, 0, 0, 0, 0, 1]


@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=50))
def test_metrics_are_bounded(pairs: list[tuple[float, bool]]) -> None:
    p = [x for x, _ in pairs]
    y = [b for _, b in pairs]
    assert 0.0 <= brier_loss(p, y) <= 1.0
    assert 0.0 <= expected_calibration_error(p, y) <= 1.0


def test_temperature_recovers_a_known_scale() -> None:
    rng = np.random.default_rng(0)
    n, k = 2000, 5
    logits = rng.normal(size=(n, k)) * 2.0
    probs = softmax_top(logits, 1.0)
    truth = np.array([rng.choice(k, p=row) for row in probs])
    # Scores twice as sharp as the true logits: the fitted temperature is about 2.
    assert fit_temperature(logits * 2.0, truth) == pytest.approx(2.0, rel=0.15)


def test_top1_brier_objective_and_bad_objective() -> None:
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(500, 4)) * 3.0
    truth = logits.argmax(axis=1)  # always right: sharper is better
    assert fit_temperature(logits, truth, objective="top1_brier") < 0.2
    with pytest.raises(ValueError, match="objective"):
        fit_temperature(logits, truth, objective="magic")


def test_platt_recovers_a_known_distortion() -> None:
    from xpid.benchmark.calibration import apply_platt, fit_platt

    rng = np.random.default_rng(2)
    true_p = rng.uniform(0.05, 0.95, size=4000)
    correct = rng.uniform(size=4000) < true_p
    # Over-confident predictions: logit doubled.
    predicted = apply_platt(true_p, 2.0, 0.0)
    a, b = fit_platt(predicted, correct)
    assert a == pytest.approx(0.5, abs=0.08)
    assert b == pytest.approx(0.0, abs=0.1)
    assert expected_calibration_error(apply_platt(predicted, a, b), correct) < (
        expected_calibration_error(predicted, correct)
    )
