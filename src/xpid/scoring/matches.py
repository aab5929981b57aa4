"""The annotated term a kernel matched a patient's finding with, for explanations.

The kernels score every disease from per-(finding, disease) best values. Called with
``matches=True`` they also say which of the disease's present annotations gave that value:
among the annotations that reach it exactly (ties are common: every term carried by one
disease has the same information content), the one closest to the finding
(:class:`Relation`: the term itself, then a more specific term, then a more general one,
then a term related through a common ancestor), and among equally close ones the first in
annotation order (by term index, which follows the term id). Matches are computed with a
loop over diseases: ask for them on the arrays of the few diseases being explained.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from xpid.scoring.arrays import DiseaseArrays

__all__ = [
    "NO_MATCH",
    "Relation",
    "annotation_terms",
    "closest_match",
    "first_absent",
    "is_ancestor",
    "relation",
]

NO_MATCH = -1
"""The match of a finding that no annotation of the disease explains."""


class Relation(enum.IntEnum):
    """How an annotated term relates to a patient's finding; a larger value is closer."""

    RELATED = 0
    """They share an ancestor, neither is an ancestor of the other."""
    PATIENT_MORE_SPECIFIC = 1
    """The annotated term is an ancestor of the finding."""
    DISEASE_MORE_SPECIFIC = 2
    """The annotated term is a descendant of the finding."""
    EXACT = 3
    """The annotated term is the finding."""


def is_ancestor(ancestor: int, term: int, arrays: DiseaseArrays) -> bool:
    """Whether ``ancestor`` is an ancestor of ``term`` or ``term`` itself."""
    anc = arrays.anc_indices[arrays.anc_indptr[term] : arrays.anc_indptr[term + 1]]
    pos = int(np.searchsorted(anc, ancestor))
    return pos < len(anc) and int(anc[pos]) == ancestor


def relation(finding: int, term: int, arrays: DiseaseArrays) -> Relation:
    """How the annotated ``term`` relates to the patient's ``finding``."""
    if finding == term:
        return Relation.EXACT
    if is_ancestor(finding, term, arrays):
        return Relation.DISEASE_MORE_SPECIFIC
    if is_ancestor(term, finding, arrays):
        return Relation.PATIENT_MORE_SPECIFIC
    return Relation.RELATED


def closest_match(
    finding: int, candidates: Iterable[int], arrays: DiseaseArrays
) -> tuple[int, Relation]:
    """The candidate term closest to ``finding`` (the first of equally close ones).

    Returns ``(NO_MATCH, Relation.RELATED)`` when there is no candidate.
    """
    best, best_relation = NO_MATCH, Relation.RELATED
    for term in candidates:
        rel = relation(finding, term, arrays)
        if best == NO_MATCH or rel > best_relation:
            best, best_relation = term, rel
    return best, best_relation


def first_absent(finding: int, row: int, arrays: DiseaseArrays) -> int:
    """The first term (by index) that disease ``row`` is annotated as lacking, at or above
    ``finding``; :data:`NO_MATCH` when there is none."""
    lo, hi = arrays.excl_indptr[row], arrays.excl_indptr[row + 1]
    for term in arrays.excl_terms[lo:hi].tolist():
        if is_ancestor(term, finding, arrays):
            return int(term)
    return NO_MATCH


def annotation_terms(row: int, arrays: DiseaseArrays) -> npt.NDArray[np.int32]:
    """The present annotated terms of disease ``row``, in annotation order."""
    return arrays.ann_terms[arrays.ann_indptr[row] : arrays.ann_indptr[row + 1]]
