"""Information content of HPO terms from an annotation corpus.

``IC(t) = -ln(n_t / N)``, where ``n_t`` is the number of diseases of the corpus annotated
(present annotations, propagated to ancestors) with ``t`` or a descendant of ``t``, and ``N`` is
the number of diseases in the corpus (Resnik 1995; as used by Köhler et al. 2009). A term no
disease carries (``n_t = 0``) gets the IC of a term carried by one disease, ``ln N``: it is at
least as informative as the rarest annotated term, and stays finite.

References
----------
Resnik P. Using information content to evaluate semantic similarity in a taxonomy. IJCAI 1995.
Köhler S et al. Clinical diagnostics in human genetics with semantic similarity searches in
ontologies. Am J Hum Genet 85:457–464, 2009.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from xpid.csr import gather_rows

__all__ = ["information_content"]


def information_content(
    closure_indptr: npt.NDArray[np.int64],
    closure_terms: npt.NDArray[np.int32],
    n_terms: int,
    diseases: npt.NDArray[np.int64] | None = None,
) -> npt.NDArray[np.float64]:
    """IC of every term from the diseases' propagated annotation sets.

    Parameters
    ----------
    closure_indptr, closure_terms : arrays, shapes (D + 1,), (nnz,)
        CSR of each disease's closure: the present annotated terms and all their ancestors,
        each term once per disease.
    n_terms : int
        Number of terms T.
    diseases : int array, optional
        Rows of the corpus (e.g. only OMIM diseases); default all D rows.

    Returns
    -------
    float64 array, shape (T,)
        ``-ln(n_t / N)``, with ``n_t = 0`` treated as 1.
    """
    n_rows = len(closure_indptr) - 1
    rows = np.arange(n_rows) if diseases is None else np.asarray(diseases)
    if len(rows) == 0:
        return np.zeros(n_terms, dtype=np.float64)
    picked, _ = gather_rows(closure_indptr, closure_terms, rows)
    counts = np.bincount(picked, minlength=n_terms).astype(np.float64)
    n = float(len(rows))
    return np.log(n / np.maximum(counts, 1.0))
