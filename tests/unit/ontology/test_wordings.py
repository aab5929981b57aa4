"""Words as a doctor writes them: abbreviations, laboratory wordings, typos (issue 16).

A hand-made ontology (built in the fixture; no file)::

    HP:0000118 Phenotypic abnormality
    ├── HP:0000819 Diabetes mellitus
    │   ├── HP:0100651 Type I diabetes mellitus   (exact: Type 1 diabetes;
    │   │                                          related: Insulin-dependent diabetes mellitus)
    │   └── HP:0005978 Type II diabetes mellitus  (exact: Type 2 diabetes,
    │                                              Non-insulin dependent diabetes)
    ├── HP:0000964 Eczematoid dermatitis          (exact: Eczema)
    ├── HP:0004315 Decreased circulating IgG concentration  (exact: Decreased serum IgG)
    ├── HP:0003496 Increased circulating IgM level
    ├── HP:0002850 Decreased circulating total IgM  (exact: Decreased IgM)
    ├── HP:0012030 Increased urinary cortisol level
    ├── HP:0025618 Reduced plasma cell count
    └── HP:0030917 Low APGAR score
"""

from __future__ import annotations

import pytest

from xpid.errors import UnknownTermError
from xpid.ontology import Ontology, build_ontology, resolve_term, search_terms
from xpid.ontology.index import SearchKind
from xpid.ontology.model import Synonym, SynonymScope, TermRecord

ROOT = "HP:0000118"


def _term(
    term_id: str, label: str, *synonyms: tuple[str, SynonymScope], parent: str = ROOT
) -> TermRecord:
    return TermRecord(
        term_id,
        label,
        synonyms=tuple(Synonym(text, scope, "") for text, scope in synonyms),
        parents=(parent,),
    )


EXACT, RELATED = SynonymScope.EXACT, SynonymScope.RELATED


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return build_ontology(
        [
            TermRecord(ROOT, "Phenotypic abnormality"),
            _term("HP:0000819", "Diabetes mellitus"),
            _term(
                "HP:0100651",
                "Type I diabetes mellitus",
                ("Type 1 diabetes", EXACT),
                ("Insulin-dependent diabetes mellitus", RELATED),
                parent="HP:0000819",
            ),
            _term(
                "HP:0005978",
                "Type II diabetes mellitus",
                ("Type 2 diabetes", EXACT),
                ("Non-insulin dependent diabetes", EXACT),
                parent="HP:0000819",
            ),
            _term("HP:0000964", "Eczematoid dermatitis", ("Eczema", EXACT)),
            _term(
                "HP:0004315",
                "Decreased circulating IgG concentration",
                ("Decreased serum IgG", EXACT),
            ),
            _term("HP:0003496", "Increased circulating IgM level"),
            _term("HP:0002850", "Decreased circulating total IgM", ("Decreased IgM", EXACT)),
            _term("HP:0012030", "Increased urinary cortisol level"),
            _term("HP:0025618", "Reduced plasma cell count"),
            _term("HP:0030917", "Low APGAR score"),
        ],
        release="test",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("T1D", "HP:0100651"),  # abbreviation row: type 1 diabetes
        ("t1d", "HP:0100651"),
        ("IDDM", "HP:0100651"),
        ("T2DM", "HP:0005978"),
        ("low IgG", "HP:0004315"),
        ("IgG low", "HP:0004315"),
        ("reduced serum IgG levels", "HP:0004315"),
        ("high IgM", "HP:0003496"),
        ("IgM elevated", "HP:0003496"),
        ("low IgM", "HP:0002850"),  # from the exact synonym "Decreased IgM"
        ("high urinary cortisol", "HP:0012030"),
        ("low plasma cell count", "HP:0025618"),  # "plasma cell" is a cell, not a specimen
    ],
)
def test_abbreviations_and_laboratory_wordings_resolve(
    onto: Ontology, text: str, expected: str
) -> None:
    assert resolve_term(onto, text).id == expected


@pytest.mark.parametrize("text", ["high cortisol", "low cell count", "low", "IgG"])
def test_wordings_that_name_nothing_stay_unknown(onto: Ontology, text: str) -> None:
    """Another specimen stays part of the thing; a direction alone is no wording."""
    with pytest.raises(UnknownTermError):
        resolve_term(onto, text)


@pytest.mark.parametrize(
    ("text", "spelling", "expected"),
    [
        ("ecsema", "eczema", "HP:0000964"),
        ("ezcema", "eczema", "HP:0000964"),
        ("tpye 1 diabetes", "type 1 diabetes", "HP:0100651"),
        ("low igh", None, None),  # 3 letters: never corrected
    ],
)
def test_typos_give_did_you_mean_never_a_silent_answer(
    onto: Ontology, text: str, spelling: str | None, expected: str | None
) -> None:
    with pytest.raises(UnknownTermError) as info:
        resolve_term(onto, text)
    ids = [tid for tid, _ in info.value.suggestions]
    if expected is None:
        assert "nearest spelling" not in str(info.value)
        return
    assert ids[0] == expected
    assert f"nearest spelling: {spelling!r}" in str(info.value)
    assert "Did you mean: " + expected in str(info.value)


def test_abbreviation_and_wording_strings_are_in_the_index(onto: Ontology) -> None:
    kinds = {
        (text, int(kind))
        for text, kind in zip(onto.search_texts, onto.search_kinds.tolist(), strict=True)
    }
    assert ("t1d", SearchKind.ABBREVIATION) in kinds
    assert ("decreased igg", SearchKind.MEASURE) in kinds
    assert ("increased urinary cortisol", SearchKind.MEASURE) in kinds
    assert "eczema" in onto.vocabulary
    assert onto.vocabulary == tuple(sorted(onto.vocabulary))


def _top(onto: Ontology, query: str) -> list[str]:
    return [h.id for h in search_terms(onto, query, limit=5)]


def test_search_prefers_the_term_whose_wording_covers_the_query(onto: Ontology) -> None:
    ids = _top(onto, "insulin dependent diabetes")
    assert ids[0] == "HP:0100651"
    assert ids.index("HP:0005978") > 0  # "non insulin dependent" adds a negation


def test_search_for_a_laboratory_wording(onto: Ontology) -> None:
    hits = search_terms(onto, "low IgG", limit=5)
    assert hits[0].id == "HP:0004315" and hits[0].score == 100.0
    assert hits[0].kind == "laboratory wording"
    assert "HP:0030917" not in [h.id for h in hits[:1]]  # not Low APGAR score
    assert _top(onto, "elevated IgM")[0] == "HP:0003496"


def test_search_tolerates_typos(onto: Ontology) -> None:
    hits = search_terms(onto, "ecsema", limit=3)
    assert hits[0].id == "HP:0000964"
    assert hits[0].matched == "eczema"
    assert hits[0].score < 100  # a corrected match ranks below an exact one


def test_rare_query_words_weigh_more(onto: Ontology) -> None:
    """'apgar' is rarer than 'low' here, so the APGAR term wins a partial match."""
    assert _top(onto, "apgar low score")[0] == "HP:0030917"
    assert _top(onto, "igg blah")[0] == "HP:0004315"
