"""How many diseases carry each term (``n_diseases`` of ``xpid term``), cached on its own.

A disease carries a term when it has a present annotation of the term or of a descendant
(the true-path rule); an annotation's alternative or obsolete id counts as its current
term, as in the knowledge base the scorer uses. The counts are a small array over the
ontology's terms, cached under the store's input hash, so ``xpid term`` needs neither the
store nor its 12,700 profiles on a warm start.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

from xpid.cache import default_cache_dir, load_or_build
from xpid.datafiles import DataFiles
from xpid.ontology import Ontology
from xpid.profiles.inputs import store_cache_key
from xpid.profiles.load import load_store
from xpid.profiles.store import ProfileStore

__all__ = ["term_disease_counts", "load_term_disease_counts"]

_KIND = "term-counts"


def term_disease_counts(ontology: Ontology, store: ProfileStore) -> npt.NDArray[np.int64]:
    """Number of diseases carrying each term, shape (T,), indexed like ``ontology``."""
    table = store.annotation_table()
    counts = np.zeros(len(ontology), dtype=np.int64)
    for d in range(len(table.disease_ids)):
        closure: set[int] = set()
        for k in range(int(table.indptr[d]), int(table.indptr[d + 1])):
            if table.excluded[k]:
                continue
            index = ontology.current_index(table.term_ids[k])
            if index is not None:
                closure.update(ontology.ancestors(index).tolist())
        if closure:
            counts[list(closure)] += 1
    return counts


def load_term_disease_counts(
    files: DataFiles,
    ontology: Ontology,
    *,
    cache_dir: Path | None = None,
    on_build: Callable[[], None] | None = None,
) -> npt.NDArray[np.int64] | None:
    """The cached counts for ``files``, or ``None`` when there is no annotation file."""
    if files.hpoa is None:
        return None
    directory = default_cache_dir() if cache_dir is None else cache_dir
    key = hashlib.sha256(
        f"{store_cache_key(files)}:{ontology.source_sha256}:counts-v2".encode()
    ).hexdigest()
    return load_or_build(
        directory,
        _KIND,
        key,
        lambda: term_disease_counts(ontology, load_store(files, cache_dir=cache_dir)),
        np.ndarray,
        on_build=on_build,
    )
