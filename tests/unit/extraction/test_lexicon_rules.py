"""Lexicon rules of the second tuning round on ``tests/fixtures/extraction/rules.obo``.

Synonyms inherited from a parent behind the child's modifier, BROAD synonyms of three or
more words, and the bundled English rows ``same behavior features``, ``optional
abnormally``, ``optional multiple`` and ``same eyeball eye``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xpid.extraction import Language, Lexicon, extract_findings, load_lexicon
from xpid.ontology import load_ontology

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "extraction" / "rules.obo"


@pytest.fixture(scope="module")
def en() -> Lexicon:
    return load_lexicon(load_ontology(FIXTURE, use_cache=False), use_cache=False)


def _ids(text: str, lexicon: Lexicon) -> list[str]:
    return list(extract_findings(text, lexicon).term_ids())


def test_child_inherits_parent_synonyms_behind_its_modifier(en: Lexicon) -> None:
    assert en.lang is Language.en
    assert _ids("He has bilateral undescended testes.", en) == ["HP:0008689"]
    assert _ids("He has undescended testes.", en) == ["HP:0000028"]


def test_inherited_phrases_are_not_distributed_over_a_coordination(en: Lexicon) -> None:
    # "severe developmental delay" is inherited, so "severe-to-profound" names one finding
    assert _ids("Severe-to-profound developmental delay.", en) == ["HP:0012736"]


def test_broad_synonyms_of_three_or_more_words(en: Lexicon) -> None:
    assert _ids("Aortic root dilatation was present.", en) == ["HP:0002616"]
    assert _ids("Aortic dilatation was present.", en) == ["HP:0004942"]
    assert _ids("A root bulge.", en) == []  # two words: too vague


def test_behaviour_named_by_its_features(en: Lexicon) -> None:
    assert _ids("Mild autistic features.", en) == ["HP:0000729"]
    assert _ids("Autistic-like features.", en) == ["HP:0000729"]


def test_optional_abnormally_and_multiple(en: Lexicon) -> None:
    assert _ids("She has small eyes.", en) == ["HP:0000568"]
    assert _ids("Mucosal neuromas of the lips.", en) == ["HP:0031023"]
    assert _ids("A neuroma.", en) == ["HP:0030430"]
