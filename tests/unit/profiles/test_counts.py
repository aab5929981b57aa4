"""Per-term disease counts (``n_diseases`` of ``xpid term``) against the store's own query."""

from __future__ import annotations

from pathlib import Path

from xpid.datafiles import locate_data
from xpid.ontology import Ontology
from xpid.profiles import load_store, load_term_disease_counts


def test_counts_match_the_store_and_are_cached(
    mini_dir: Path, mini_ontology: Ontology, tmp_path: Path
) -> None:
    files = locate_data(mini_dir)
    calls: list[int] = []
    counts = load_term_disease_counts(
        files, mini_ontology, cache_dir=tmp_path, on_build=lambda: calls.append(1)
    )
    assert counts is not None
    store = load_store(files, cache_dir=tmp_path)
    for index, term_id in enumerate(mini_ontology.ids):
        below = [mini_ontology.ids[d] for d in mini_ontology.descendants(index)]
        assert counts[index] == len(store.diseases_with_any(below)), term_id
    # Recurrent infections: XLA and ORPHA:47 (DECIPHER:999 lacks it).
    assert counts[mini_ontology.index_of("HP:0002719")] == 2
    again = load_term_disease_counts(
        files, mini_ontology, cache_dir=tmp_path, on_build=lambda: calls.append(1)
    )
    assert again is not None and again.tolist() == counts.tolist()
    assert calls == [1]
