"""The compiled index of the mini ontology (see tests/conftest.py for its drawing)."""

from __future__ import annotations

import numpy as np
import pytest

from xpid.errors import DataError
from xpid.ontology import Ontology, SynonymScope, TermRecord, build_ontology


def ids(onto: Ontology, indices: np.ndarray) -> list[str]:
    return [onto.ids[i] for i in indices.tolist()]


def test_release_and_current_terms(mini_ontology: Ontology) -> None:
    assert mini_ontology.release == "2099-01-01"
    assert len(mini_ontology) == 14
    assert "HP:0099001" not in mini_ontology  # obsolete terms get no index
    assert list(mini_ontology.ids) == sorted(mini_ontology.ids)


def test_two_parents_and_closure(mini_ontology: Ontology) -> None:
    t1d = mini_ontology.index_of("HP:0100651")
    assert ids(mini_ontology, mini_ontology.parents(t1d)) == ["HP:0000818", "HP:0001939"]
    assert ids(mini_ontology, mini_ontology.ancestors(t1d)) == [
        "HP:0000001",
        "HP:0000118",
        "HP:0000818",
        "HP:0001939",
        "HP:0100651",
    ]
    assert mini_ontology.depth[t1d] == 3


def test_descendants_and_children(mini_ontology: Ontology) -> None:
    diarrhea = mini_ontology.index_of("HP:0002014")
    assert ids(mini_ontology, mini_ontology.descendants(diarrhea)) == ["HP:0002014", "HP:0002028"]
    assert mini_ontology.n_descendants(diarrhea) == 1
    root = mini_ontology.index_of("HP:0000001")
    assert mini_ontology.n_descendants(root) == len(mini_ontology) - 1
    pa = mini_ontology.index_of("HP:0000118")
    assert ids(mini_ontology, mini_ontology.children(pa)) == [
        "HP:0000818",
        "HP:0000951",
        "HP:0001939",
        "HP:0002715",
        "HP:0025031",
    ]


def test_phenotype_branch(mini_ontology: Ontology) -> None:
    assert mini_ontology.in_phenotype_branch(mini_ontology.index_of("HP:0002028"))
    assert not mini_ontology.in_phenotype_branch(mini_ontology.index_of("HP:0001419"))
    assert not mini_ontology.in_phenotype_branch(mini_ontology.index_of("HP:0000118"))


def test_alt_and_obsolete_maps(mini_ontology: Ontology) -> None:
    chronic = mini_ontology.index_of("HP:0002028")
    assert mini_ontology.alt_ids["HP:0099003"] == chronic
    assert mini_ontology.obsolete_replaced_by["HP:0099001"] == chronic
    assert mini_ontology.obsolete_consider["HP:0099002"] == (mini_ontology.index_of("HP:0002014"),)


def test_current_index_follows_alt_and_replaced_ids(mini_ontology: Ontology) -> None:
    chronic = mini_ontology.index_of("HP:0002028")
    assert mini_ontology.current_index("HP:0002028") == chronic
    assert mini_ontology.current_index("HP:0099003") == chronic  # alternative id
    assert mini_ontology.current_index("HP:0099001") == chronic  # obsolete, replaced
    assert mini_ontology.current_index("HP:0099002") is None  # obsolete, consider only
    assert mini_ontology.current_index("HP:9999999") is None  # unknown


def test_synonyms_keep_scope_and_type(mini_ontology: Ontology) -> None:
    term = mini_ontology.term(mini_ontology.index_of("HP:0002014"))
    assert term.label == "Diarrhea"
    assert term.definition == "Abnormally frequent loose stools."
    by_text = {s.text: s for s in term.synonyms}
    assert by_text["Diarrhoea"].scope is SynonymScope.EXACT
    assert by_text["Diarrhoea"].type == "uk_spelling"
    eczema = mini_ontology.term(mini_ontology.index_of("HP:0000964"))
    assert eczema.synonyms[0].scope is SynonymScope.RELATED


def test_ancestor_mask(mini_ontology: Ontology) -> None:
    mask = mini_ontology.ancestor_mask([mini_ontology.index_of("HP:0002028")])
    assert sorted(np.flatnonzero(mask).tolist()) == sorted(
        mini_ontology.index_of(t)
        for t in ["HP:0000001", "HP:0000118", "HP:0025031", "HP:0002014", "HP:0002028"]
    )


def test_cycle_is_an_error() -> None:
    records = [
        TermRecord("HP:0000001", "All"),
        TermRecord("HP:0000002", "A", parents=("HP:0000003",)),
        TermRecord("HP:0000003", "B", parents=("HP:0000002",)),
    ]
    with pytest.raises(DataError, match="cycle"):
        build_ontology(records, release="x")
