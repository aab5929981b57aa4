"""Search ranking over labels and synonyms."""

from __future__ import annotations

import pytest

from xpid.ontology import Ontology, search_terms


def top(onto: Ontology, query: str) -> str:
    hits = search_terms(onto, query, limit=5)
    assert hits, query
    return hits[0].id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("diarrhoea", "HP:0002014"),
        ("Diarrhea!", "HP:0002014"),
        ("diarrhea chronic", "HP:0002028"),
        ("chronic diarrhoea", "HP:0002028"),
        ("infections recurrent", "HP:0002719"),
        ("insulin dependent diabetes", "HP:0100651"),
        ("type i diabetes", "HP:0100651"),
    ],
)
def test_best_hit(mini_ontology: Ontology, query: str, expected: str) -> None:
    assert top(mini_ontology, query) == expected


def test_exact_label_outranks_longer_label(mini_ontology: Ontology) -> None:
    hits = search_terms(mini_ontology, "diarrhea", limit=5)
    assert [h.id for h in hits[:2]] == ["HP:0002014", "HP:0002028"]
    assert hits[0].score > hits[1].score


def test_no_match_is_empty(mini_ontology: Ontology) -> None:
    assert search_terms(mini_ontology, "xylophone", limit=5) == []


def test_limit(mini_ontology: Ontology) -> None:
    assert len(search_terms(mini_ontology, "abnormality", limit=2)) == 2
    with pytest.raises(ValueError, match="limit"):
        search_terms(mini_ontology, "abnormality", limit=0)


def test_deterministic(mini_ontology: Ontology) -> None:
    assert search_terms(mini_ontology, "abnormality of the", limit=10) == search_terms(
        mini_ontology, "abnormality of the", limit=10
    )
