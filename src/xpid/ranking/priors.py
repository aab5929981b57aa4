"""Pretest priors for the ``lr`` method: sex, onset, literature and panel, each switchable.

Every disease starts from a uniform prior over the ranked diseases; each rule multiplies it
by a weight (a weight of 1 means "no effect"), and the ranking renormalises.

Sex (``use_sex``)
    A female patient and an X-linked recessive disease (its only mode of inheritance is
    X-linked recessive, HP:0001419): weight :data:`XLR_FEMALE_WEIGHT` (affected females are
    rare: skewed X-inactivation, X-chromosome loss). A patient of one sex and a disease
    restricted to the other (a document-built sex restriction, or Y-linked inheritance for a
    female): weight :data:`OTHER_SEX_WEIGHT`.
Onset (``use_onset``)
    Onset classes are the HPO age ranges
    (:data:`xpid.knowledge.disease_facts.ONSET_YEARS`). When the patient's onset
    range does not meet the disease's (the union of its onset annotations) widened to half
    its lower bound minus 0.1 year and twice its upper bound plus a year (about one class of
    slack), or the disease's earliest onset is more than a year after the patient's age at
    the last encounter: weight :data:`ONSET_WEIGHT`. Diseases without onset annotations are
    not affected.
Literature (``use_literature``)
    A disease with more reported patients is, other things equal, more often the
    diagnosis (a proxy for prevalence, which the HPO does not record): weight
    ``(k + 1) ** LITERATURE_EXPONENT`` with ``k`` the number of patients its annotations'
    PubMed references report (:func:`xpid.knowledge.build.reported_patients`: a cohort
    counted with ``n/m`` reports ``m``, any other reference one). An earlier version counted
    references, so that a 96-patient cohort weighed as much as a single case report. On the
    development phenopackets (every other case, corpus ``omim``, ``lr``; top-1 / top-10 in
    %) counting references with exponent 0.5 gave 63.0 / 80.3 unmasked and 11.4 / 25.1
    with leakage masking (where the case's own publication is not counted); counting
    patients with exponents 0.25, 0.5, 0.75 gave 63.4 / 80.2, 63.8 / 80.6, 63.3 / 80.6
    unmasked and 11.6 / 23.6, 11.6 / 24.3, 11.6 / 24.7 masked; 0.5 is used (it also puts
    IPEX, reported in cohorts, before IL2RA deficiency, reported in four case reports, for
    the README's quick-start query; by references the order was the other way). Earlier, with
    references counted, exponents 0, 0.25, 0.5, 1 gave top-1 60.3, 62.6, 62.8, 62.3 %
    unmasked on a quarter of the cases: without the prior, 2 to 4 points are lost.
Panel (``panel``)
    With the ``lr`` method a panel is a prior, not a filter: diseases outside the panel get
    weight :data:`OUTSIDE_PANEL_WEIGHT`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from xpid.knowledge.disease_facts import PriorArrays, onset_range
from xpid.sex import Sex

__all__ = [
    "XLR_FEMALE_WEIGHT",
    "OTHER_SEX_WEIGHT",
    "ONSET_WEIGHT",
    "OUTSIDE_PANEL_WEIGHT",
    "LITERATURE_EXPONENT",
    "PriorSettings",
    "prior_log_weights",
]

XLR_FEMALE_WEIGHT = 0.1
OTHER_SEX_WEIGHT = 0.01
ONSET_WEIGHT = 0.2
OUTSIDE_PANEL_WEIGHT = 0.05
LITERATURE_EXPONENT = 0.5


@dataclass(frozen=True, slots=True)
class PriorSettings:
    """Which priors apply (each switchable)."""

    use_sex: bool = True
    use_onset: bool = True
    use_literature: bool = True


def prior_log_weights(
    priors: PriorArrays,
    *,
    sex: Sex,
    onset: str | None,
    age_years: float | None,
    settings: PriorSettings,
    panel_rows: npt.NDArray[np.int64] | None = None,
    patients: npt.NDArray[np.int64] | None = None,
) -> tuple[npt.NDArray[np.float64], dict[str, npt.NDArray[np.bool_]]]:
    """Log prior weight of every disease and, per rule, which diseases it affected.

    ``patients`` overrides ``priors.patients`` (leakage masking lowers the counts).

    Returns
    -------
    log_weight : float array, shape (D,)
    applied : dict of bool arrays, shape (D,)
        Rule name (``"sex"``, ``"onset"``, ``"panel"``, ``"literature"``) → diseases whose
        weight it changed.
    """
    n = len(priors.sex)
    log_weight = np.zeros(n, dtype=np.float64)
    applied: dict[str, npt.NDArray[np.bool_]] = {}
    if settings.use_sex and sex is not Sex.UNKNOWN:
        other = priors.sex == (2 if sex is Sex.MALE else 1)
        xlr = priors.xlr_only & ~other if sex is Sex.FEMALE else np.zeros(n, dtype=bool)
        log_weight[other] += math.log(OTHER_SEX_WEIGHT)
        log_weight[xlr] += math.log(XLR_FEMALE_WEIGHT)
        applied["sex"] = other | xlr
    if settings.use_onset:
        mismatch = np.zeros(n, dtype=bool)
        known = ~np.isnan(priors.onset_min)
        patient = onset_range([onset]) if onset else None
        if patient is not None:
            lo = np.where(known, priors.onset_min, 0.0)
            hi = np.where(known, priors.onset_max, 0.0)
            ok = (lo / 2.0 - 0.1 <= patient[1]) & (patient[0] <= hi * 2.0 + 1.0)
            mismatch |= known & ~ok
        if age_years is not None:
            mismatch |= known & (priors.onset_min > age_years + 1.0)
        log_weight[mismatch] += math.log(ONSET_WEIGHT)
        applied["onset"] = mismatch
    if settings.use_literature:
        counts = priors.patients if patients is None else patients
        log_weight += LITERATURE_EXPONENT * np.log1p(counts.astype(np.float64))
        applied["literature"] = counts > 0
    if panel_rows is not None:
        outside = np.ones(n, dtype=bool)
        outside[panel_rows] = False
        log_weight[outside] += math.log(OUTSIDE_PANEL_WEIGHT)
        applied["panel"] = outside
    return log_weight, applied
