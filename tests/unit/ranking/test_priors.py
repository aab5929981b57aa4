"""The pretest priors of ``lr``: each rule's weight on hand-made disease facts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from xpid.knowledge.disease_facts import PriorArrays
from xpid.ranking.families.likelihood_ratio import posterior
from xpid.ranking.priors import (
    LITERATURE_EXPONENT,
    ONSET_WEIGHT,
    OTHER_SEX_WEIGHT,
    OUTSIDE_PANEL_WEIGHT,
    XLR_FEMALE_WEIGHT,
    PriorSettings,
    prior_log_weights,
)
from xpid.sex import Sex

NAN = float("nan")

# Five diseases: 0 X-linked recessive only; 1 male only; 2 female only, infantile onset;
# 3 adult onset, 8 reported patients; 4 nothing known.
FACTS = PriorArrays(
    xlr_only=np.array([True, False, False, False, False]),
    sex=np.array([0, 1, 2, 0, 0], dtype=np.int8),
    onset_min=np.array([NAN, NAN, 28 / 365.25, 16.0, NAN]),
    onset_max=np.array([NAN, NAN, 1.0, 100.0, NAN]),
    patients=np.array([0, 0, 0, 8, 0], dtype=np.int64),
)
NO_LITERATURE = PriorSettings(use_literature=False)


def weights(
    *,
    sex: Sex = Sex.UNKNOWN,
    onset: str | None = None,
    age_years: float | None = None,
    settings: PriorSettings = NO_LITERATURE,
    panel_rows: np.ndarray | None = None,
    patients: np.ndarray | None = None,
) -> np.ndarray:
    log_weight, _ = prior_log_weights(
        FACTS,
        sex=sex,
        onset=onset,
        age_years=age_years,
        settings=settings,
        panel_rows=panel_rows,
        patients=patients,
    )
    return np.exp(log_weight)


def test_no_patient_facts_no_prior() -> None:
    assert weights().tolist() == [1.0] * 5


def test_sex() -> None:
    female = weights(sex=Sex.FEMALE)
    assert female == pytest.approx([XLR_FEMALE_WEIGHT, OTHER_SEX_WEIGHT, 1, 1, 1])
    # A disease of the other sex is less likely still than an X-linked recessive one.
    assert female[1] < female[0] < 1
    male = weights(sex=Sex.MALE)
    assert male == pytest.approx([1, 1, OTHER_SEX_WEIGHT, 1, 1])
    off = weights(sex=Sex.FEMALE, settings=PriorSettings(use_sex=False, use_literature=False))
    assert off.tolist() == [1.0] * 5


def test_onset_class_against_the_disease_range() -> None:
    # Adult onset: the infantile-onset disease is out of range, the adult one is not; a
    # disease without onset annotations is never affected.
    adult = weights(onset="HP:0003581")
    assert adult == pytest.approx([1, 1, ONSET_WEIGHT, 1, 1])
    assert adult[2] < 1
    infantile = weights(onset="HP:0003593")
    assert infantile == pytest.approx([1, 1, 1, ONSET_WEIGHT, 1])
    # Childhood onset (1-5 years) is within one class of infantile onset's range.
    assert weights(onset="HP:0011463") == pytest.approx([1, 1, 1, ONSET_WEIGHT, 1])


def test_age_at_last_encounter_is_an_upper_bound() -> None:
    # A 3-year-old cannot have an adult-onset disease yet; infantile onset is possible.
    assert weights(age_years=3.0) == pytest.approx([1, 1, 1, ONSET_WEIGHT, 1])
    assert weights(age_years=30.0).tolist() == [1.0] * 5


def test_literature_counts_reported_patients() -> None:
    with_literature = weights(settings=PriorSettings())
    assert with_literature == pytest.approx([1, 1, 1, 9**LITERATURE_EXPONENT, 1])
    # Leakage masking passes the masked counts instead.
    masked = weights(settings=PriorSettings(), patients=np.array([0, 0, 0, 3, 0]))
    assert masked == pytest.approx([1, 1, 1, 4**LITERATURE_EXPONENT, 1])


def test_panel_is_a_prior() -> None:
    inside = np.array([0, 3], dtype=np.int64)
    w = weights(panel_rows=inside)
    p = OUTSIDE_PANEL_WEIGHT
    assert w == pytest.approx([1, p, p, 1, p])
    assert p < 1


def test_rules_multiply_and_are_reported() -> None:
    log_weight, applied = prior_log_weights(
        FACTS,
        sex=Sex.FEMALE,
        onset="HP:0003593",
        age_years=None,
        settings=PriorSettings(),
        panel_rows=np.array([0, 1], dtype=np.int64),
    )
    assert log_weight[0] == pytest.approx(math.log(XLR_FEMALE_WEIGHT))
    assert log_weight[1] == pytest.approx(math.log(OTHER_SEX_WEIGHT))
    assert log_weight[3] == pytest.approx(
        math.log(ONSET_WEIGHT) + LITERATURE_EXPONENT * math.log(9) + math.log(OUTSIDE_PANEL_WEIGHT)
    )
    assert applied["sex"].tolist() == [True, True, False, False, False]
    assert applied["onset"].tolist() == [False, False, False, True, False]
    assert applied["literature"].tolist() == [False, False, False, True, False]
    assert applied["panel"].tolist() == [False, False, True, True, True]


def test_posterior_is_bayes_rule_over_the_ranked_set() -> None:
    log_prior = np.log(np.array([1.0, 3.0, 6.0]))
    log_lr = np.log(np.array([8.0, 2.0, 1.0]))
    post, pre = posterior(log_prior + log_lr, log_prior)
    assert pre == pytest.approx([0.1, 0.3, 0.6])
    # prior × LR: 8, 6, 6 of 20.
    assert post == pytest.approx([0.4, 0.3, 0.3])
