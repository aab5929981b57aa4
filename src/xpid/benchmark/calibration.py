"""Calibration of predicted probabilities: Brier score, expected calibration error, bins.

For each case the model's top-1 disease has a predicted probability ``p`` and is right
(``y = 1``) or wrong (``y = 0``).

- Brier score: ``mean((p - y)^2)``, lower is better (Brier 1950).
- Expected calibration error: the cases are put in ``n_bins`` equal-width bins of ``p``;
  ``ECE = sum_b (n_b / n) |mean(y)_b - mean(p)_b|``, lower is better (Naeini et al. 2015).
- Temperature scaling (Guo et al. 2017): probabilities ``softmax(score / T)``; ``T`` is
  fitted by minimising the negative log-likelihood of the true diagnosis.
- Platt scaling (Platt 1999) of the top-1 probability: ``sigmoid(a * logit(p) + b)`` with
  ``a, b`` fitted by logistic regression on whether the top-1 disease was right.

References
----------
Brier GW. Verification of forecasts expressed in terms of probability. Mon Weather Rev 1950.
Naeini MP, Cooper G, Hauskrecht M. Obtaining well calibrated probabilities using Bayesian
binning. AAAI 2015. Guo C et al. On calibration of modern neural networks. ICML 2017.
Platt J. Probabilistic outputs for support vector machines. Advances in Large Margin
Classifiers, 1999.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from xpid.errors import ParameterError

__all__ = [
    "brier_loss",
    "expected_calibration_error",
    "reliability_bins",
    "ReliabilityBin",
    "softmax_top",
    "fit_temperature",
    "fit_platt",
    "apply_platt",
]

F64 = npt.NDArray[np.float64]


def brier_loss(
    probability: Sequence[float] | F64, correct: Sequence[bool] | npt.NDArray[np.bool_]
) -> float:
    """Mean squared difference between predicted probability and outcome (0 best, 1 worst)."""
    p = np.asarray(probability, dtype=np.float64)
    y = np.asarray(correct, dtype=np.float64)
    if p.shape != y.shape or p.size == 0:
        raise ParameterError("probability and correct must be non-empty and of the same length.")
    return float(np.mean((p - y) ** 2))


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """One bin of a reliability diagram: ``[low, high)`` of predicted probability."""

    low: float
    high: float
    count: int
    mean_probability: float
    accuracy: float


def reliability_bins(
    probability: Sequence[float] | F64,
    correct: Sequence[bool] | npt.NDArray[np.bool_],
    *,
    n_bins: int = 10,
) -> list[ReliabilityBin]:
    """Equal-width bins of predicted probability with their mean prediction and accuracy."""
    if n_bins < 1:
        raise ParameterError(f"n_bins must be at least 1, got {n_bins}.")
    p = np.asarray(probability, dtype=np.float64)
    y = np.asarray(correct, dtype=np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    index = np.clip(np.digitize(p, edges[1:-1]), 0, n_bins - 1)
    bins = []
    for b in range(n_bins):
        mask = index == b
        count = int(mask.sum())
        bins.append(
            ReliabilityBin(
                low=float(edges[b]),
                high=float(edges[b + 1]),
                count=count,
                mean_probability=float(p[mask].mean()) if count else float("nan"),
                accuracy=float(y[mask].mean()) if count else float("nan"),
            )
        )
    return bins


def expected_calibration_error(
    probability: Sequence[float] | F64,
    correct: Sequence[bool] | npt.NDArray[np.bool_],
    *,
    n_bins: int = 10,
) -> float:
    """ECE over equal-width bins (0 is perfectly calibrated)."""
    bins = reliability_bins(probability, correct, n_bins=n_bins)
    total = sum(b.count for b in bins)
    if total == 0:
        raise ParameterError("no predictions to calibrate.")
    return float(
        sum(b.count / total * abs(b.accuracy - b.mean_probability) for b in bins if b.count)
    )


def softmax_top(scores: F64, temperature: float) -> F64:
    """Row-wise softmax of ``scores / temperature``, shape (n_cases, n_candidates)."""
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


def fit_temperature(scores: F64, truth: npt.NDArray[np.int64], *, objective: str = "nll") -> float:
    """Temperature minimising the mean negative log-likelihood of the true column
    (``objective="nll"``) or the Brier score of the top-1 probability (``"top1_brier"``).

    Parameters
    ----------
    scores : float array, shape (n_cases, n_candidates)
        Log scores (``ln(prior × LR)``) of each case's candidates; ``-inf`` pads.
    truth : int array, shape (n_cases,)
        Column of the true diagnosis in each row.
    """
    from scipy.optimize import minimize_scalar

    if objective not in ("nll", "top1_brier"):
        raise ParameterError(f"objective must be 'nll' or 'top1_brier', got {objective!r}.")
    rows = np.arange(len(truth))
    correct = scores.argmax(axis=1) == truth

    def loss(log_t: float) -> float:
        probs = softmax_top(scores, float(np.exp(log_t)))
        if objective == "nll":
            return float(-np.mean(np.log(np.maximum(probs[rows, truth], 1e-300))))
        return brier_loss(probs.max(axis=1), correct)

    result = minimize_scalar(loss, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(result.x))


def _logit(p: F64) -> F64:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q)), dtype=np.float64)


def apply_platt(probability: Sequence[float] | F64, a: float, b: float) -> F64:
    """``sigmoid(a * logit(p) + b)`` for each probability."""
    z = a * _logit(np.asarray(probability, dtype=np.float64)) + b
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def fit_platt(
    probability: Sequence[float] | F64, correct: Sequence[bool] | npt.NDArray[np.bool_]
) -> tuple[float, float]:
    """``(a, b)`` minimising the log-loss of :func:`apply_platt` against ``correct``."""
    from scipy.optimize import minimize

    x = _logit(np.asarray(probability, dtype=np.float64))
    y = np.asarray(correct, dtype=np.float64)

    def loss(params: F64) -> float:
        z = params[0] * x + params[1]
        # log(1 + e^z) - y z, computed stably
        return float(np.mean(np.logaddexp(0.0, z) - y * z))

    result = minimize(loss, np.array([1.0, 0.0]), method="BFGS")
    return float(result.x[0]), float(result.x[1])
