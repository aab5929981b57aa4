"""Vectorised semantic-similarity kernels: one patient against every disease at once.

For a query of Q present terms the kernels compute, for every term ``u`` used in a
disease annotation, ``m[q, u] = IC(MICA(q, u))``: the largest IC among the common ancestors
of ``q`` and ``u`` (a CSR segment-max over ``u``'s ancestors of the IC vector masked to
``q``'s ancestors). From it the term similarity of every (query term, annotation) pair
follows (Resnik, Lin or Jiang–Conrath), and the set score of every disease is a pair of
segment reductions over the annotation CSR:

- patient→disease: for each query term, its best match among the disease's terms, averaged
  over the query;
- disease→patient: for each disease term, its best match among the query terms, averaged over
  the disease's terms.

simGIC is computed from the closures directly: the IC summed over the terms both closures
share, divided by the IC summed over their union (Pesquita et al. 2008).

Each kernel has a plain-Python twin in :mod:`xpid.scoring.reference`; the tests check one
against the other on generated ontologies.

References
----------
Resnik P. IJCAI 1995. Lin D. An information-theoretic definition of similarity. ICML 1998.
Jiang JJ, Conrath DW. Semantic similarity based on corpus statistics and lexical taxonomy.
ROCLING 1997. Schlicker A et al. A new measure for functional similarity of gene products
based on Gene Ontology. BMC Bioinformatics 7:302, 2006. Köhler S et al. AJHG 85:457, 2009.
Pesquita C et al. Metrics for GO based protein semantic similarity. BMC Bioinformatics 9:S4,
2008.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from xpid.csr import gather_rows
from xpid.errors import ParameterError
from xpid.scoring.arrays import DiseaseArrays, segment_max, segment_sum
from xpid.scoring.matches import NO_MATCH, annotation_terms, closest_match, is_ancestor
from xpid.scoring.methods import Aggregation, Method, TermMeasure

__all__ = [
    "SetSimilarity",
    "closure_hits",
    "mica_ic",
    "simgic_scores",
    "similarity_scores",
    "term_similarity",
]

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]


def mica_ic(query: I32, ic: F64, arrays: DiseaseArrays) -> F64:
    """IC of the most informative common ancestor of each query term and each annotated term.

    Parameters
    ----------
    query : int array, shape (Q,)
        Term indices of the patient's present findings.
    ic : float array, shape (T,)
        Information content of every term.
    arrays : DiseaseArrays

    Returns
    -------
    float array, shape (Q, U)
        ``m[q, u]`` for every ``u`` in ``arrays.uterms``.
    """
    q = len(query)
    masked = np.zeros((q, arrays.n_terms), dtype=np.float64)
    for row, term in enumerate(query.tolist()):
        anc = arrays.anc_indices[arrays.anc_indptr[term] : arrays.anc_indptr[term + 1]]
        masked[row, anc] = ic[anc]
    gathered = masked[:, arrays.u_anc_indices]
    return segment_max(gathered, arrays.u_anc_indptr, axis=1)


def term_similarity(measure: TermMeasure, mica: F64, ic_a: F64, ic_b: F64) -> F64:
    """Term similarity from MICA IC and the two terms' IC (broadcasting).

    Lin is 0 when both terms have IC 0 (they carry no information).
    """
    if measure is TermMeasure.RESNIK:
        return mica
    total = ic_a + ic_b
    if measure is TermMeasure.LIN:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, 2.0 * mica / np.where(total > 0, total, 1.0), 0.0)
    return 1.0 / (1.0 + np.maximum(total - 2.0 * mica, 0.0))


@dataclass(frozen=True, slots=True, eq=False)
class SetSimilarity:
    """What :func:`similarity_scores` computes for Q present findings and D diseases.

    Attributes
    ----------
    scores : float array, shape (D,)
        The aggregated score (0 for a disease with no present annotation).
    best : float array, shape (Q, D)
        Each finding's best term similarity in each disease (the patient→disease side).
    match : int array, shape (Q, D), or None
        With ``matches=True``: the present annotated term of that best similarity (the
        closest one on a tie, see :mod:`xpid.scoring.matches`);
        :data:`~xpid.scoring.matches.NO_MATCH` for a disease without annotations.
    relation : int array, shape (Q, D), or None
        With ``matches=True``: the :class:`~xpid.scoring.matches.Relation` of each match.
    """

    scores: F64
    best: F64
    match: I32 | None = None
    relation: npt.NDArray[np.int8] | None = None


def similarity_scores(
    query: I32, method: Method, ic: F64, arrays: DiseaseArrays, *, matches: bool = False
) -> SetSimilarity:
    """Set similarity of the query to every disease.

    Parameters
    ----------
    query : int array, shape (Q,)
        Present finding term indices (Q >= 1).
    method : Method
        Any method with a term measure (not :attr:`Method.SIMGIC`, see
        :func:`simgic_scores`; not :attr:`Method.LR`).
    ic : float array, shape (T,)
    arrays : DiseaseArrays
    matches : bool
        Also name each finding's best match (a loop over diseases: for the few explained).

    Returns
    -------
    SetSimilarity
    """
    measure, aggregation = method.measure, method.aggregation
    if measure is None or aggregation is None:
        raise ParameterError(
            f"similarity_scores needs a method with a term measure, got {method.value!r}."
        )
    if measure is TermMeasure.RESNIK:
        return _resnik_scores(query, aggregation, ic, arrays, matches=matches)
    mica = mica_ic(query, ic, arrays)[:, arrays.ann_u]  # (Q, nnz)
    sim = term_similarity(measure, mica, ic[query][:, None], ic[arrays.ann_terms][None, :])
    best = segment_max(sim, arrays.ann_indptr, axis=1)  # (Q, D)
    p2d = best.mean(axis=0)
    found = _pair_matches(query, sim, best, arrays) if matches else (None, None)
    if aggregation is Aggregation.ONESIDED:
        return SetSimilarity(p2d, best, *found)
    counts = np.diff(arrays.ann_indptr).astype(np.float64)
    d2p = segment_sum(sim.max(axis=0), arrays.ann_indptr) / np.maximum(counts, 1.0)
    if aggregation is Aggregation.BMA:
        return SetSimilarity(0.5 * (p2d + d2p), best, *found)
    return SetSimilarity(np.maximum(p2d, d2p), best, *found)


def _pair_matches(
    query: I32, sim: F64, best: F64, arrays: DiseaseArrays
) -> tuple[I32, npt.NDArray[np.int8]]:
    """Per finding and disease, the annotation whose term similarity is the best one."""
    match = np.full(best.shape, NO_MATCH, dtype=np.int32)
    relations = np.zeros(best.shape, dtype=np.int8)
    for row, term in enumerate(query.tolist()):
        for d in range(arrays.n_diseases):
            lo, hi = int(arrays.ann_indptr[d]), int(arrays.ann_indptr[d + 1])
            candidates = (
                int(arrays.ann_terms[e]) for e in range(lo, hi) if sim[row, e] == best[row, d]
            )
            match[row, d], relations[row, d] = closest_match(term, candidates, arrays)
    return match, relations


def _resnik_scores(
    query: I32,
    aggregation: Aggregation,
    ic: F64,
    arrays: DiseaseArrays,
    *,
    matches: bool = False,
) -> SetSimilarity:
    """Resnik set scores without the (Q, nnz) pair matrix.

    A query term's best Resnik match in a disease is the largest IC among the query term's
    ancestors that lie in the disease's closure; writing each ancestor's IC into the rows of
    the diseases holding it, in increasing IC order, leaves that maximum. A disease term's
    best match in the query is the largest IC among its ancestors in the query's closure.
    With ``matches``, the annotations at or below an ancestor of that largest IC all reach
    it; the closest one to the finding is the match.
    """
    n_d = arrays.n_diseases
    best = np.zeros((len(query), n_d), dtype=np.float64)
    closure = np.zeros(arrays.n_terms, dtype=bool)
    match = np.full((len(query), n_d), NO_MATCH, dtype=np.int32) if matches else None
    relations = np.zeros((len(query), n_d), dtype=np.int8) if matches else None
    for row, term in enumerate(query.tolist()):
        anc = arrays.anc_indices[arrays.anc_indptr[term] : arrays.anc_indptr[term + 1]]
        closure[anc] = True
        for a in anc[np.argsort(ic[anc], kind="stable")].tolist():
            rows = arrays.col_rows[arrays.col_indptr[a] : arrays.col_indptr[a + 1]]
            best[row, rows] = ic[a]
        if match is not None and relations is not None:
            for d in range(n_d):
                reached = [
                    a
                    for a in anc.tolist()
                    if ic[a] == best[row, d] and d in _column_rows(a, arrays)
                ]
                candidates = (
                    t
                    for t in annotation_terms(d, arrays).tolist()
                    if any(is_ancestor(a, t, arrays) for a in reached)
                )
                match[row, d], relations[row, d] = closest_match(term, candidates, arrays)
    p2d = best.mean(axis=0)
    if aggregation is Aggregation.ONESIDED:
        return SetSimilarity(p2d, best, match, relations)
    masked = np.where(closure, ic, 0.0)
    per_uterm = segment_max(masked[arrays.u_anc_indices], arrays.u_anc_indptr)
    counts = np.diff(arrays.ann_indptr).astype(np.float64)
    d2p = segment_sum(per_uterm[arrays.ann_u], arrays.ann_indptr) / np.maximum(counts, 1.0)
    if aggregation is Aggregation.BMA:
        return SetSimilarity(0.5 * (p2d + d2p), best, match, relations)
    return SetSimilarity(np.maximum(p2d, d2p), best, match, relations)


def _column_rows(term: int, arrays: DiseaseArrays) -> set[int]:
    """The diseases whose closure holds ``term``."""
    return set(arrays.col_rows[arrays.col_indptr[term] : arrays.col_indptr[term + 1]].tolist())


def simgic_scores(query: I32, ic: F64, arrays: DiseaseArrays) -> F64:
    """simGIC of the query's closure against every disease's closure, shape (D,).

    ``sum IC(P ∩ C_D) / sum IC(P ∪ C_D)``; 0 when the union carries no IC.
    """
    mask = np.zeros(arrays.n_terms, dtype=bool)
    for term in query.tolist():
        mask[arrays.anc_indices[arrays.anc_indptr[term] : arrays.anc_indptr[term + 1]]] = True
    terms = np.flatnonzero(mask)
    rows, lengths = gather_rows(arrays.col_indptr, arrays.col_rows, terms)
    weights = np.repeat(ic[terms], lengths)
    inter = np.bincount(rows, weights=weights, minlength=arrays.n_diseases)
    closure_ic = segment_sum(ic[arrays.clo_terms], arrays.clo_indptr)
    union = closure_ic + ic[terms].sum() - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)


def closure_hits(query: I32, arrays: DiseaseArrays) -> npt.NDArray[np.int64]:
    """Per disease, how many query terms lie in its closure, shape (D,).

    A query term in a disease's closure is one the disease shows exactly or more
    specifically ("matched" in the ranking table).
    """
    hits = np.zeros(arrays.n_diseases, dtype=np.int64)
    for term in query.tolist():
        rows = arrays.col_rows[arrays.col_indptr[term] : arrays.col_indptr[term + 1]]
        hits[rows] += 1
    return hits
