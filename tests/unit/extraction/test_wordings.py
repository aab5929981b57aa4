"""Laboratory wordings and clinical abbreviations in free text (issue 16).

A hand-made ontology (built here)::

    HP:0000118 Phenotypic abnormality
    ├── HP:0004315 Decreased circulating IgG concentration  (exact: Decreased serum IgG)
    ├── HP:0003496 Increased circulating IgM level
    ├── HP:0008163 Decreased circulating cortisol level
    ├── HP:0002014 Diarrhea
    └── HP:0100651 Type I diabetes mellitus                 (exact: Type 1 diabetes)
"""

from __future__ import annotations

import dataclasses
from importlib import resources

import pytest

from xpid.extraction import (
    Language,
    Lexicon,
    build_lexicon,
    extract_findings,
    load_lexicon,
    parse_rules,
    parse_triggers,
)
from xpid.ontology import Ontology, build_ontology
from xpid.ontology.model import Synonym, SynonymScope, TermRecord

ROOT = "HP:0000118"


def _term(term_id: str, label: str, *exact: str) -> TermRecord:
    synonyms = tuple(Synonym(s, SynonymScope.EXACT, "") for s in exact)
    return TermRecord(term_id, label, synonyms=synonyms, parents=(ROOT,))


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return build_ontology(
        [
            TermRecord(ROOT, "Phenotypic abnormality"),
            _term("HP:0004315", "Decreased circulating IgG concentration", "Decreased serum IgG"),
            _term("HP:0003496", "Increased circulating IgM level"),
            _term("HP:0008163", "Decreased circulating cortisol level"),
            _term("HP:0002014", "Diarrhea"),
            _term("HP:0100651", "Type I diabetes mellitus", "Type 1 diabetes"),
        ],
        release="test",
    )


@pytest.fixture(scope="module")
def en(onto: Ontology) -> Lexicon:
    return load_lexicon(onto, lang=Language.en, use_cache=False)


@pytest.fixture(scope="module")
def sv(onto: Ontology) -> Lexicon:
    def data(name: str) -> list[str]:
        path = resources.files("xpid.extraction").joinpath("data", name)
        return path.read_text(encoding="utf-8").splitlines()

    rules = parse_rules(data("lexicon_sv.tsv"))
    rules = dataclasses.replace(rules, added=tuple(a for a in rules.added if a[0] in onto))
    return build_lexicon(onto, rules, parse_triggers(data("triggers_sv.tsv")), lang=Language.sv)


def _found(text: str, lexicon: Lexicon) -> list[tuple[str, str, str]]:
    return [
        (m.term_id, m.text, m.assertion.value) for m in extract_findings(text, lexicon).mentions
    ]


@pytest.mark.parametrize(
    ("text", "term", "surface"),
    [
        ("Low IgG at diagnosis.", "HP:0004315", "Low IgG"),
        ("IgG is low.", "HP:0004315", "IgG is low"),
        ("Serum IgG was reduced.", "HP:0004315", "Serum IgG was reduced"),
        ("Markedly reduced levels of IgG.", "HP:0004315", "reduced levels of IgG"),
        ("IgM was elevated.", "HP:0003496", "IgM was elevated"),
        ("High IgM and recurrent otitis.", "HP:0003496", "High IgM"),
        ("Plasma cortisol was low.", "HP:0008163", "cortisol was low"),
    ],
)
def test_laboratory_wordings_for_any_measured_thing(
    en: Lexicon, text: str, term: str, surface: str
) -> None:
    assert (term, surface, "present") in _found(text, en)


def test_laboratory_wordings_keep_their_assertion(en: Lexicon) -> None:
    assert _found("No low IgG.", en) == [("HP:0004315", "low IgG", "excluded")]


def test_abbreviations_match_in_capitals_only(en: Lexicon) -> None:
    assert _found("Known T1D since age 3.", en) == [("HP:0100651", "T1D", "present")]
    assert _found("the t1d group", en) == []


def test_swedish_takes_symbols_from_hpo(sv: Lexicon) -> None:
    found = _found("Lågt IgG och förhöjt IgM. Kortisol var lågt.", sv)
    assert ("HP:0004315", "Lågt IgG", "present") in found
    assert ("HP:0003496", "förhöjt IgM", "present") in found
    # "cortisol" is an English word, not a symbol: Swedish "kortisol" is not guessed.
    assert all(t != "HP:0008163" for t, _, _ in found)
