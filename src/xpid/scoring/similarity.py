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

import numpy as np
import numpy.typing as npt

from xpid.csr import gather_rows
from xpid.errors import ParameterError
from xpid.scoring.arrays import DiseaseArrays, segment_max, segment_sum
from xpid.scoring.methods import Aggregation, Method, TermMeasure

__all__ = ["mica_ic", "term_similarity", "similarity_scores", "simgic_scores"]

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


def similarity_scores(
    query: I32, method: Method, ic: F64, arrays: DiseaseArrays
) -> tuple[F64, F64]:
    """Set similarity of the query to every disease.

    Parameters
    ----------
    query : int array, shape (Q,)
        Present finding term indices (Q >= 1).
    method : Method
        Any method but :attr:`Method.SIMGIC` (see :func:`simgic_scores`).
    ic : float array, shape (T,)
    arrays : DiseaseArrays

    Returns
    -------
    scores : float array, shape (D,)
        The aggregated score (0 for a disease with no present annotation).
    best : float array, shape (Q, D)
        Each query term's best match in each disease (the patient→disease term scores).
    """
    measure, aggregation = method.measure, method.aggregation
    if measure is None or aggregation is None:
        raise ParameterError("similarity_scores does not compute simGIC; use simgic_scores.")
    if measure is TermMeasure.RESNIK:
        return _resnik_scores(query, aggregation, ic, arrays)
    mica = mica_ic(query, ic, arrays)[:, arrays.ann_u]  # (Q, nnz)
    sim = term_similarity(measure, mica, ic[query][:, None], ic[arrays.ann_terms][None, :])
    best = segment_max(sim, arrays.ann_indptr, axis=1)  # (Q, D)
    p2d = best.mean(axis=0)
    if aggregation is Aggregation.ONESIDED:
        return p2d, best
    counts = np.diff(arrays.ann_indptr).astype(np.float64)
    d2p = segment_sum(sim.max(axis=0), arrays.ann_indptr) / np.maximum(counts, 1.0)
    if aggregation is Aggregation.BMA:
        return 0.5 * (p2d + d2p), best
    return np.maximum(p2d, d2p), best


def _resnik_scores(
    query: I32, aggregation: Aggregation, ic: F64, arrays: DiseaseArrays
) -> tuple[F64, F64]:
    """Resnik set scores without the (Q, nnz) pair matrix.

    A query term's best Resnik match in a disease is the largest IC among the query term's
    ancestors that lie in the disease's closure; writing each ancestor's IC into the rows of
    the diseases holding it, in increasing IC order, leaves that maximum. A disease term's
    best match in the query is the largest IC among its ancestors in the query's closure.
    """
    n_d = arrays.n_diseases
    best = np.zeros((len(query), n_d), dtype=np.float64)
    closure = np.zeros(arrays.n_terms, dtype=bool)
    for row, term in enumerate(query.tolist()):
        anc = arrays.anc_indices[arrays.anc_indptr[term] : arrays.anc_indptr[term + 1]]
        closure[anc] = True
        for a in anc[np.argsort(ic[anc], kind="stable")].tolist():
            rows = arrays.col_rows[arrays.col_indptr[a] : arrays.col_indptr[a + 1]]
            best[row, rows] = ic[a]
    p2d = best.mean(axis=0)
    if aggregation is Aggregation.ONESIDED:
        return p2d, best
    masked = np.where(closure, ic, 0.0)
    per_uterm = segment_max(masked[arrays.u_anc_indices], arrays.u_anc_indptr)
    counts = np.diff(arrays.ann_indptr).astype(np.float64)
    d2p = segment_sum(per_uterm[arrays.ann_u], arrays.ann_indptr) / np.maximum(counts, 1.0)
    if aggregation is Aggregation.BMA:
        return 0.5 * (p2d + d2p), best
    return np.maximum(p2d, d2p), best


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
