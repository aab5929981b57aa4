"""Term resolution: every accepted form, remapping with warnings, and clear errors."""

from __future__ import annotations

import pytest

from xpid.errors import MalformedIdError, ObsoleteTermError, UnknownTermError
from xpid.ontology import Ontology, parse_curie, resolve_term


@pytest.mark.parametrize(
    "text",
    [
        "HP:0002014",
        "HP_0002014",
        "hp:0002014",
        " HP:0002014 ",
        "http://purl.obolibrary.org/obo/HP_0002014",
        "https://purl.obolibrary.org/obo/HP_0002014",
        "Diarrhea",
        "diarrhea",
        "DIARRHOEA",
        "watery stool",
    ],
)
def test_forms_resolve_to_diarrhea(mini_ontology: Ontology, text: str) -> None:
    resolved = resolve_term(mini_ontology, text)
    assert resolved.id == "HP:0002014"
    assert resolved.label == "Diarrhea"
    assert resolved.warning is None
    assert resolved.query == text


def test_alt_id_maps_with_warning(mini_ontology: Ontology) -> None:
    resolved = resolve_term(mini_ontology, "HP:0099003")
    assert resolved.id == "HP:0002028"
    assert resolved.warning is not None
    assert "HP:0099003" in resolved.warning and "HP:0002028" in resolved.warning


def test_obsolete_with_replacement_maps_with_warning(mini_ontology: Ontology) -> None:
    resolved = resolve_term(mini_ontology, "HP:0099001")
    assert resolved.id == "HP:0002028"
    assert resolved.warning is not None
    assert "obsolete" in resolved.warning and "HP:0099001" in resolved.warning


def test_obsolete_without_replacement_is_an_error_with_consider(mini_ontology: Ontology) -> None:
    with pytest.raises(ObsoleteTermError, match="HP:0099002") as info:
        resolve_term(mini_ontology, "HP:0099002")
    assert info.value.suggestions == (("HP:0002014", "Diarrhea"),)


def test_unknown_id(mini_ontology: Ontology) -> None:
    with pytest.raises(UnknownTermError, match="'HP:9999999'"):
        resolve_term(mini_ontology, "HP:9999999")


@pytest.mark.parametrize("text", ["HP:2014", "HP:00020141", "HP:abc", "OMIM:123456"])
def test_malformed_ids(mini_ontology: Ontology, text: str) -> None:
    with pytest.raises(MalformedIdError, match=repr(text)):
        resolve_term(mini_ontology, text)


def test_malformed_short_id_suggests_padding() -> None:
    with pytest.raises(MalformedIdError, match=r"HP:0002014\?"):
        parse_curie("HP:2014")


def test_words_that_match_nothing_offer_close_labels(mini_ontology: Ontology) -> None:
    with pytest.raises(UnknownTermError) as info:
        resolve_term(mini_ontology, "diarhea")
    assert info.value.suggestions[0] == ("HP:0002014", "Diarrhea")
    assert "Did you mean" in str(info.value)


def test_words_with_no_close_label_have_no_suggestion(mini_ontology: Ontology) -> None:
    with pytest.raises(UnknownTermError) as info:
        resolve_term(mini_ontology, "zzzz qqqq")
    assert info.value.suggestions == ()


def test_related_synonym_is_not_used_for_resolution(mini_ontology: Ontology) -> None:
    with pytest.raises(UnknownTermError):
        resolve_term(mini_ontology, "Eczematoid dermatitis")


def test_empty_text(mini_ontology: Ontology) -> None:
    with pytest.raises(UnknownTermError, match="empty"):
        resolve_term(mini_ontology, "   ")


def test_parse_curie_returns_none_for_words() -> None:
    assert parse_curie("chronic diarrhea") is None
    assert parse_curie("Watery_stool") is None
