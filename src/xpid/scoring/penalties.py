"""Penalties for excluded findings and for findings a disease is annotated as lacking.

Rule (similarity methods; the likelihood-ratio method has its own, probabilistic, form):

**Excluded finding.** A patient who explicitly lacks finding ``e`` counts against a disease
that usually shows it. The disease "shows ``e``" through any present annotation ``d`` at or
below ``e`` (``Chronic diarrhea`` shows ``Diarrhea``). The penalty for ``e`` is
``p_e(D) * unit(e)``, with ``p_e(D)`` the largest annotation frequency among those ``d``
(unknown frequency counts as :data:`DEFAULT_UNKNOWN_PROBABILITY`), so an obligate finding
costs a full unit and a very rare one almost nothing.

**Absent annotation.** A disease annotated as lacking ``x`` (``0/N`` frequency or ``NOT``)
conflicts with a patient who has ``x`` or something more specific; the penalty is
``unit(x)`` (the largest over such ``x``) for each conflicting patient finding. A disease
whose present annotations show the patient's finding (exactly or more specifically) has no
conflict for it: HPO annotations of one disease can disagree (X-linked hyper-IgM has
"Increased circulating IgM level" present and, from one five-patient report, "Abnormal
circulating IgM concentration" 0/5), and the positive statement wins.

The unit is what one perfectly matched finding adds to the score, so a penalty weighs like a
finding: the term's IC for Resnik, 1 for Lin, Jiang–Conrath and simGIC. Both sums are divided
by the number of present patient findings (the score is an average over them) and weighted by
``exclusion_weight`` (default :data:`DEFAULT_EXCLUSION_WEIGHT`, 0.05) and ``absence_weight``
(default 1). Why: a documented absence is strong evidence against a disease. An excluded
finding is evidence of the same kind as a present one in principle, but in published cases it
is biased: a cohort paper lists for each patient the features it looked for, and the disease's
annotations come from the same cohorts, so the true disease is the one most often annotated
with what the patient lacks. On the development phenopackets (a quarter of the cases,
``resnik-onesided``, corpus ``omim``) exclusion weights 1, 0.25, 0.05 and 0 gave top-1
24.2, 43.8, 53.3 and 54.4 % unmasked and 4.6, —, 9.4 and 9.3 % with leakage masking; 0.05
keeps excluded findings as a tie-breaker without letting them outweigh the present ones.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from xpid.scoring.arrays import DiseaseArrays, segment_max

__all__ = [
    "DEFAULT_UNKNOWN_PROBABILITY",
    "DEFAULT_EXCLUSION_WEIGHT",
    "DEFAULT_ABSENCE_WEIGHT",
    "exclusion_penalty",
    "absence_penalty",
]

DEFAULT_EXCLUSION_WEIGHT = 0.05
"""Default weight of the excluded-finding penalty (see the module docstring for why so low)."""

DEFAULT_ABSENCE_WEIGHT = 1.0
"""Default weight of the absent-annotation penalty: a documented absence weighs like a finding."""

DEFAULT_UNKNOWN_PROBABILITY = 0.5
"""Frequency assumed for an annotation whose frequency is unknown, in penalties."""

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]


def exclusion_penalty(
    excluded: I32,
    units: F64,
    arrays: DiseaseArrays,
    descendant_indptr: I32,
    descendant_indices: I32,
    *,
    unknown_probability: float = DEFAULT_UNKNOWN_PROBABILITY,
) -> tuple[F64, F64]:
    """Sum over excluded findings of ``p_e(D) * unit(e)``, for every disease.

    Parameters
    ----------
    excluded : int array, shape (E,)
        Term indices the patient lacks.
    units : float array, shape (E,)
        The unit of each excluded term.
    arrays : DiseaseArrays
    descendant_indptr, descendant_indices
        The ontology's reflexive descendant CSR.
    unknown_probability
        Frequency used for annotations of unknown frequency.

    Returns
    -------
    total : float array, shape (D,)
        The summed penalty.
    per_term : float array, shape (E, D)
        ``p_e(D)`` for each excluded term (for explanations).
    """
    n_d = arrays.n_diseases
    per_term = np.zeros((len(excluded), n_d), dtype=np.float64)
    if len(excluded) == 0:
        return np.zeros(n_d, dtype=np.float64), per_term
    prob = np.where(np.isnan(arrays.ann_freq), unknown_probability, arrays.ann_freq)
    mask = np.zeros(arrays.n_terms, dtype=bool)
    for row, term in enumerate(excluded.tolist()):
        desc = descendant_indices[descendant_indptr[term] : descendant_indptr[term + 1]]
        mask[desc] = True
        hits = mask[arrays.ann_terms]
        per_term[row] = segment_max(np.where(hits, prob, 0.0), arrays.ann_indptr)
        mask[desc] = False
    return (per_term * units[:, None]).sum(axis=0), per_term


def absence_penalty(query: I32, units: F64, arrays: DiseaseArrays) -> tuple[F64, F64]:
    """Sum over present findings of the unit of the largest conflicting absent annotation.

    Parameters
    ----------
    query : int array, shape (Q,)
        Present finding term indices.
    units : float array, shape (T,)
        The unit of every term (indexed by the absent annotation's term).
    arrays : DiseaseArrays

    Returns
    -------
    total : float array, shape (D,)
    per_term : float array, shape (Q, D)
        For each present finding, the unit of the conflicting absent annotation (0: none).
    """
    n_d = arrays.n_diseases
    per_term = np.zeros((len(query), n_d), dtype=np.float64)
    if len(arrays.excl_terms) == 0:
        return np.zeros(n_d, dtype=np.float64), per_term
    mask = np.zeros(arrays.n_terms, dtype=bool)
    excl_units = units[arrays.excl_terms]
    for row, term in enumerate(query.tolist()):
        anc = arrays.anc_indices[arrays.anc_indptr[term] : arrays.anc_indptr[term + 1]]
        mask[anc] = True
        hits = mask[arrays.excl_terms]
        per_term[row] = segment_max(np.where(hits, excl_units, 0.0), arrays.excl_indptr)
        mask[anc] = False
        shows = arrays.col_rows[arrays.col_indptr[term] : arrays.col_indptr[term + 1]]
        per_term[row, shows] = 0.0
    return per_term.sum(axis=0), per_term
