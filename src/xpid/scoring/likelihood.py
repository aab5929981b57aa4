"""Likelihood ratios of patient findings for every disease (the ``lr`` method).

After the likelihood-ratio paradigm of LIRICAL (Robinson et al. 2020): each finding ``h``
contributes ``LR(h) = P(h | D) / P(h | not D)`` and the composite is their product (a sum of
logarithms here).

**Present finding.** The disease's probability of showing ``h`` comes from its annotations
through the ontology. For an annotation ``d`` with frequency ``f(d)`` and
``a = MICA(h, d)`` (the most informative common ancestor), a patient with the disease shows
``a`` with probability at least ``f(d)``, and a patient who shows ``a`` shows ``h`` with the
probability that a disease carrying ``a`` carries ``h``, estimated from the corpus as
``n_h / n_a = exp(IC(a) - IC(h))``, raised to the power ``beta``
(:data:`SPECIFICITY_EXPONENT`, 2: a sharper fall-off for distant matches; on the
development phenopackets beta = 1, 2, 3 gave top-1 48 %, 52 %, 54 % unmasked and 6.1 %,
6.1 %, 6.0 % with leakage masking, so 2 takes most of the gain without fitting the leak).
So::

    P(h | D) = eps + (1 - eps) * max_d f(d) * exp(beta * (IC(MICA(h, d)) - IC(h)))

which covers every match type with one rule: exact (``a = h = d``: ``f(d)``), the patient
less specific (``h`` an ancestor of ``d``: ``a = h``, ``f(d)``), the patient more specific
(``d`` an ancestor of ``h``: ``f(d)`` times ``(n_h / n_d) ** beta``, at ``beta = 1`` a share
in proportion to how many diseases carry each descendant, at 2 less), and related only
through a common ancestor (reduced by the IC gap). ``eps`` (:data:`FALSE_POSITIVE`) is the
chance that a patient shows a finding the annotations do not explain (incomplete
annotation, a second condition, noise). Unknown frequencies count as
:data:`UNKNOWN_FREQUENCY`.

The background is the same mixture over the corpus: ``P(h | not D) = eps + (1 - eps) * n_h /
N = eps + (1 - eps) * exp(-IC(h))``.

**Excluded finding.** ``LR = (1 - P(e | D)) / (1 - P(e | not D))`` with ``P(e | D)`` the
largest frequency among the disease's annotations at or below ``e`` (the disease shows ``e``
through any of them), capped at ``1 - MIN_MISS`` so that one obligate finding reported
absent weighs strongly but not infinitely (annotations can be wrong). A disease with no
annotation at or below ``e`` says nothing about it: ``P(e | D)`` is the background and the
LR is 1 (``uninformed_background``). The log LR of excluded findings is multiplied by
``excluded_weight`` (:data:`EXCLUDED_WEIGHT`, 0.15): on the development phenopackets going
from full weight to 0.3, together with LR 1 for an uninformed disease, raised top-1 accuracy
from 38.2 % to 48.1 % (``benchmarks/README.md``), because a published cohort lists for each patient
the features it looked for, and the disease's annotations come from the same cohorts, so
the true disease is the one most often annotated with what the patient lacks. With the
other settings final, weights 0.3 and 0.15 gave top-1 62.8 / 64.4 % unmasked and 11.6 /
12.0 % masked (a quarter of the cases, corpus ``omim``).

**Absent annotation.** A present finding that the disease is annotated as lacking (``0/N``,
``NOT``, on the finding or an ancestor), with no present annotation showing it, gets
``P(h | D) = ABSENT_PROBABILITY``: a strong penalty.

References
----------
Robinson PN et al. Interpretable clinical genomics with a likelihood ratio paradigm.
Am J Hum Genet 107:403–417, 2020.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from xpid.scoring.arrays import DiseaseArrays
from xpid.scoring.matches import NO_MATCH, Relation, closest_match, is_ancestor

__all__ = [
    "LrParameters",
    "FALSE_POSITIVE",
    "UNKNOWN_FREQUENCY",
    "MIN_MISS",
    "ABSENT_PROBABILITY",
    "PresentLr",
    "present_log_lr",
    "excluded_log_lr",
]

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]

FALSE_POSITIVE = 0.002
UNKNOWN_FREQUENCY = 0.5
MIN_MISS = 0.05
ABSENT_PROBABILITY = 0.0005
EXCLUDED_WEIGHT = 0.15
SPECIFICITY_EXPONENT = 2.0


@dataclass(frozen=True, slots=True)
class LrParameters:
    """Parameters of the likelihood ratios (see the module docstring)."""

    false_positive: float = FALSE_POSITIVE
    unknown_frequency: float = UNKNOWN_FREQUENCY
    min_miss: float = MIN_MISS
    absent_probability: float = ABSENT_PROBABILITY
    excluded_unknown_frequency: float = UNKNOWN_FREQUENCY
    excluded_weight: float = EXCLUDED_WEIGHT
    uninformed_background: bool = True
    specificity_exponent: float = SPECIFICITY_EXPONENT


def _column_freq(
    arrays: DiseaseArrays, term: int, unknown: float
) -> tuple[npt.NDArray[np.int32], F64]:
    lo, hi = arrays.col_indptr[term], arrays.col_indptr[term + 1]
    rows = arrays.col_rows[lo:hi]
    known = arrays.col_freq[lo:hi]
    freq = np.where(np.isnan(known), 0.0, known)
    freq = np.where(arrays.col_unknown[lo:hi], np.maximum(freq, unknown), freq)
    return rows, freq


@dataclass(frozen=True, slots=True, eq=False)
class PresentLr:
    """What :func:`present_log_lr` computes for Q present findings and D diseases.

    Attributes
    ----------
    log_lr : float array, shape (Q, D)
        ``ln LR(h)`` of each finding for each disease.
    match_log : float array, shape (Q, D)
        ``max_d ln f(d) + beta · IC(MICA)`` (``-inf``: no annotated disease term shares an
        ancestor): the quantity whose largest term picks the match.
    lacking : bool array, shape (Q, D)
        Whether the disease is annotated as lacking the finding (or an ancestor) with no
        present annotation showing it: ``P(h | D)`` is then ``absent_probability`` and no
        match counts.
    match : int array, shape (Q, D), or None
        With ``matches=True``: the present annotated term whose ``ln f(d) + beta · IC(MICA)``
        is ``match_log`` (the closest one on a tie, see :mod:`xpid.scoring.matches`);
        :data:`~xpid.scoring.matches.NO_MATCH` where the disease lacks the finding or
        has no annotation.
    relation : int array, shape (Q, D), or None
        With ``matches=True``: the :class:`~xpid.scoring.matches.Relation` of each match.
    match_ic : float array, shape (Q, D), or None
        With ``matches=True``: the IC of the most informative common ancestor of the
        finding and its match (0 without a match).
    """

    log_lr: F64
    match_log: F64
    lacking: npt.NDArray[np.bool_]
    match: I32 | None = None
    relation: npt.NDArray[np.int8] | None = None
    match_ic: F64 | None = None


def present_log_lr(
    query: I32, ic: F64, arrays: DiseaseArrays, params: LrParameters, *, matches: bool = False
) -> PresentLr:
    """``ln LR(h)`` of every present finding for every disease, and what it was matched with.

    Parameters
    ----------
    query : int array, shape (Q,)
    ic : float array, shape (T,)
        Information content under the corpus (``exp(-IC)`` is the background frequency).
    arrays : DiseaseArrays
    params : LrParameters
    matches : bool
        Also name each finding's match (a loop over diseases: for the few explained).

    Returns
    -------
    PresentLr
    """
    eps = params.false_positive
    beta = params.specificity_exponent
    n_d = arrays.n_diseases
    log_lr = np.empty((len(query), n_d), dtype=np.float64)
    match_log = np.full((len(query), n_d), -np.inf, dtype=np.float64)
    lacking_all = np.zeros((len(query), n_d), dtype=bool)
    match = np.full((len(query), n_d), NO_MATCH, dtype=np.int32) if matches else None
    relations = np.zeros((len(query), n_d), dtype=np.int8) if matches else None
    match_ic = np.zeros((len(query), n_d), dtype=np.float64) if matches else None
    with np.errstate(divide="ignore"):
        for row, term in enumerate(query.tolist()):
            best = match_log[row]
            anc = arrays.anc_indices[arrays.anc_indptr[term] : arrays.anc_indptr[term + 1]]
            # Per ancestor and disease, the value through that ancestor (kept for matches).
            through = np.full((len(anc), n_d), -np.inf) if matches else None
            for i, a in enumerate(anc.tolist()):
                rows, freq = _column_freq(arrays, a, params.unknown_frequency)
                value = beta * ic[a] + np.log(freq)
                best[rows] = np.maximum(best[rows], value)
                if through is not None:
                    through[i, rows] = value
            p_d = eps + (1.0 - eps) * np.exp(best - beta * ic[term])
            p_bg = eps + (1.0 - eps) * np.exp(-ic[term])
            # A documented absence of the finding (or an ancestor) without a present
            # annotation showing it.
            mask = np.zeros(arrays.n_terms, dtype=bool)
            mask[anc] = True
            hits = mask[arrays.excl_terms]
            if hits.any():
                entry_rows = np.repeat(np.arange(n_d, dtype=np.int64), np.diff(arrays.excl_indptr))[
                    hits
                ]
                lacking = lacking_all[row]
                lacking[entry_rows] = True
                shows = arrays.col_rows[arrays.col_indptr[term] : arrays.col_indptr[term + 1]]
                lacking[shows] = False
                p_d = np.where(lacking, params.absent_probability, p_d)
            log_lr[row] = np.log(p_d) - np.log(p_bg)
            if through is not None:
                assert match is not None and relations is not None and match_ic is not None
                for d in range(n_d):
                    if lacking_all[row, d] or best[d] == -np.inf:
                        continue
                    term_d, rel = _lr_match(
                        term, d, anc, through[:, d], best[d], ic, arrays, params
                    )
                    match[row, d], relations[row, d] = term_d, rel
                    match_ic[row, d] = _mica_ic(term, term_d, ic, arrays)
    return PresentLr(log_lr, match_log, lacking_all, match, relations, match_ic)


def _lr_match(
    term: int,
    row: int,
    anc: I32,
    through: F64,
    best: float,
    ic: F64,
    arrays: DiseaseArrays,
    params: LrParameters,
) -> tuple[int, Relation]:
    """The annotation of disease ``row`` that reaches ``best`` for finding ``term``.

    An annotation ``d`` reaches it through a maximising ancestor ``a`` of the finding when
    ``a`` is at or above ``d`` and ``d``'s frequency is the column frequency at ``a`` (the
    largest below ``a``): then ``ln f(d) + beta · IC(MICA(h, d))`` is at least, so exactly,
    ``best``; every annotation that reaches ``best`` does so through its MICA.
    """
    lo, hi = arrays.ann_indptr[row], arrays.ann_indptr[row + 1]
    terms = arrays.ann_terms[lo:hi].tolist()
    known = arrays.ann_freq[lo:hi]
    probs = np.where(np.isnan(known), params.unknown_frequency, known).tolist()
    column: list[tuple[int, float]] = []
    for a, value in zip(anc.tolist(), through.tolist(), strict=True):
        if value == best:
            rows, freq = _column_freq(arrays, a, params.unknown_frequency)
            column.append((a, float(freq[int(np.searchsorted(rows, row))])))
    candidates = (
        d
        for d, p in zip(terms, probs, strict=True)
        if any(p == f and is_ancestor(a, d, arrays) for a, f in column)
    )
    return closest_match(term, candidates, arrays)


def _mica_ic(term: int, other: int, ic: F64, arrays: DiseaseArrays) -> float:
    """IC of the most informative common ancestor of two terms."""
    a = arrays.anc_indices[arrays.anc_indptr[term] : arrays.anc_indptr[term + 1]]
    b = arrays.anc_indices[arrays.anc_indptr[other] : arrays.anc_indptr[other + 1]]
    common = np.intersect1d(a, b, assume_unique=True)
    return float(ic[common].max()) if len(common) else 0.0


def excluded_log_lr(
    excluded: I32, ic: F64, arrays: DiseaseArrays, params: LrParameters
) -> tuple[F64, F64]:
    """``ln LR`` of every excluded finding for every disease.

    Returns
    -------
    log_lr : float array, shape (E, D)
    p_disease : float array, shape (E, D)
        ``P(e | D)`` before the cap, for explanations.
    """
    eps = params.false_positive
    n_d = arrays.n_diseases
    log_lr = np.empty((len(excluded), n_d), dtype=np.float64)
    p_disease = np.zeros((len(excluded), n_d), dtype=np.float64)
    for row, term in enumerate(excluded.tolist()):
        rows, freq = _column_freq(arrays, term, params.excluded_unknown_frequency)
        p_bg = min(eps + (1.0 - eps) * float(np.exp(-ic[term])), 1.0 - params.min_miss)
        p = np.full(n_d, p_bg if params.uninformed_background else eps, dtype=np.float64)
        p[rows] = eps + (1.0 - eps) * freq
        p_disease[row] = p
        capped = np.minimum(p, 1.0 - params.min_miss)
        log_lr[row] = params.excluded_weight * (np.log1p(-capped) - np.log1p(-p_bg))
    return log_lr, p_disease
