"""The disease×term arrays the kernels work on (built once per knowledge base)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from xpid.csr import csr_from_rows, gather_rows, row_of_entry, segment_max, segment_sum

__all__ = ["DiseaseArrays", "build_disease_arrays", "segment_max", "segment_sum"]
# segment_max and segment_sum live in xpid.csr; the kernels import them from here too.

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class DiseaseArrays:
    """Annotations of D diseases over T terms, as CSR/CSC integer arrays.

    Attributes
    ----------
    n_terms, n_diseases : int
        T and D.
    anc_indptr, anc_indices : arrays, shapes (T + 1,), (n_anc,)
        Reflexive ancestor closure of every term (from the ontology).
    ann_indptr, ann_terms, ann_freq : arrays, shapes (D + 1,), (nnz,), (nnz,)
        Present annotations of each disease (direct, not propagated, each term once),
        with the annotation frequency as a probability (NaN when unknown).
    excl_indptr, excl_terms : arrays, shapes (D + 1,), (nnz_x,)
        Terms each disease is annotated as lacking (``0/N`` frequencies, NOT qualifier).
    clo_indptr, clo_terms : arrays, shapes (D + 1,), (nnz_c,)
        Each disease's closure: its present terms and all their ancestors, sorted.
    col_indptr, col_rows : arrays, shapes (T + 1,), (nnz_c,)
        The same closure by term: the diseases whose closure holds each term.
    uterms : int32 array, shape (U,)
        The distinct terms used in present annotations, sorted.
    u_anc_indptr, u_anc_indices : arrays
        Reflexive ancestors of each of ``uterms``.
    ann_u : int32 array, shape (nnz,)
        Position in ``uterms`` of each ``ann_terms`` entry.
    col_freq : float array, shape (nnz_c,)
        Aligned with ``col_rows``: for disease D and closure term ``a``, the largest known
        frequency among D's present annotations at or below ``a`` (NaN when all of them
        have unknown frequency): how often D shows ``a``, as far as the annotations say.
    col_unknown : bool array, shape (nnz_c,)
        Aligned with ``col_rows``: whether some annotation at or below ``a`` has unknown
        frequency.
    """

    n_terms: int
    n_diseases: int
    anc_indptr: I32
    anc_indices: I32
    ann_indptr: I64
    ann_terms: I32
    ann_freq: F64
    excl_indptr: I64
    excl_terms: I32
    clo_indptr: I64
    clo_terms: I32
    col_indptr: I64
    col_rows: I32
    uterms: I32
    u_anc_indptr: I64
    u_anc_indices: I32
    ann_u: I32
    col_freq: F64
    col_unknown: npt.NDArray[np.bool_]


def build_disease_arrays(
    anc_indptr: I32,
    anc_indices: I32,
    present: Sequence[Sequence[tuple[int, float]]],
    excluded: Sequence[Sequence[int]],
) -> DiseaseArrays:
    """Compile per-disease annotations into :class:`DiseaseArrays`.

    Parameters
    ----------
    anc_indptr, anc_indices
        The ontology's reflexive ancestor CSR.
    present
        Per disease, ``(term index, probability or NaN)`` of its present annotations.
    excluded
        Per disease, the term indices it is annotated as lacking.
    """
    n_terms = len(anc_indptr) - 1
    n = len(present)
    rows: list[list[tuple[int, float]]] = []
    for entries in present:
        best: dict[int, float] = {}
        for term, prob in entries:
            old = best.get(term)
            if old is None or (np.isnan(old) and not np.isnan(prob)) or prob > old:
                best[term] = prob
        rows.append(sorted(best.items()))
    ann_indptr, ann_terms = csr_from_rows([[t for t, _ in r] for r in rows])
    ann_freq = np.fromiter((p for r in rows for _, p in r), dtype=np.float64, count=len(ann_terms))
    excl_indptr, excl_terms = csr_from_rows([sorted(set(e)) for e in excluded])

    clo_rows = [  # each disease's present terms and all their ancestors
        np.unique(gather_rows(anc_indptr, anc_indices, ann_terms[lo:hi])[0])
        for lo, hi in zip(ann_indptr[:-1].tolist(), ann_indptr[1:].tolist(), strict=True)
    ]
    clo_indptr, clo_terms = csr_from_rows(clo_rows)
    disease_of_entry = row_of_entry(clo_indptr)
    order = np.argsort(clo_terms, kind="stable")
    col_rows = disease_of_entry[order]
    col_indptr = np.zeros(n_terms + 1, dtype=np.int64)
    col_indptr[1:] = np.cumsum(np.bincount(clo_terms, minlength=n_terms))

    uterms = np.unique(ann_terms).astype(np.int32)
    u_anc_indices, u_lengths = gather_rows(anc_indptr, anc_indices, uterms)
    u_anc_indptr = np.concatenate(([0], np.cumsum(u_lengths))).astype(np.int64)
    ann_u = np.searchsorted(uterms, ann_terms).astype(np.int32)
    col_freq, col_unknown = _closure_frequencies(
        anc_indptr, anc_indices, ann_indptr, ann_terms, ann_freq, n_terms
    )
    return DiseaseArrays(
        n_terms=n_terms,
        n_diseases=n,
        anc_indptr=anc_indptr,
        anc_indices=anc_indices,
        ann_indptr=ann_indptr,
        ann_terms=ann_terms,
        ann_freq=ann_freq,
        excl_indptr=excl_indptr,
        excl_terms=excl_terms,
        clo_indptr=clo_indptr,
        clo_terms=clo_terms,
        col_indptr=col_indptr,
        col_rows=col_rows.astype(np.int32),
        uterms=uterms,
        u_anc_indptr=u_anc_indptr,
        u_anc_indices=u_anc_indices,
        ann_u=ann_u,
        col_freq=col_freq[order],
        col_unknown=col_unknown[order],
    )


def _closure_frequencies(
    anc_indptr: I32,
    anc_indices: I32,
    ann_indptr: I64,
    ann_terms: I32,
    ann_freq: F64,
    n_terms: int,
) -> tuple[F64, npt.NDArray[np.bool_]]:
    """Per closure entry (disease, term) in CSR order: max known frequency and unknown flag.

    Every annotation is expanded to its ancestors; entries are grouped by
    ``disease * T + term``, which sorts exactly like the closure CSR.
    """
    if len(ann_terms) == 0:
        return np.zeros(0, dtype=np.float64), np.zeros(0, dtype=bool)
    gathered, lengths = gather_rows(anc_indptr, anc_indices, ann_terms)
    ancestors = gathered.astype(np.int64)
    disease = np.repeat(row_of_entry(ann_indptr), lengths)
    freq = np.repeat(ann_freq, lengths)
    key = disease * n_terms + ancestors
    order = np.argsort(key, kind="stable")
    key, freq = key[order], freq[order]
    first = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    unknown = np.isnan(freq)
    known = np.where(unknown, -np.inf, freq)
    fmax = np.maximum.reduceat(known, first)
    has_unknown = np.logical_or.reduceat(unknown, first)
    return np.where(np.isinf(fmax), np.nan, fmax), has_unknown
