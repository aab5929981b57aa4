"""Free-text extraction on short hand-written texts and a small hand-made ontology.

The ontology is ``tests/fixtures/extraction/hp.obo``::

    HP:0000118 Phenotypic abnormality
    ├── HP:0025031 digestive ── HP:0002014 Diarrhea (Diarrhoea) ── HP:0002028 Chronic diarrhea
    │                       └── HP:0002020 Gastroesophageal reflux (abbreviation GERD)
    ├── HP:0000951 skin ── HP:0000964 Eczema, HP:0003765 Psoriasiform dermatitis (Psoriasis)
    ├── HP:0000818 endocrine ── HP:0000819 Diabetes mellitus ── HP:0100651 Type I diabetes
    │                           mellitus (Insulin-dependent diabetes)
    ├── HP:0002715 immune ── HP:0002719 Recurrent infections, HP:0001744 Splenomegaly
    ├── HP:0000707 nervous system ── HP:0001252 Hypotonia ── HP:0006829 Severe muscular
    │     hypotonia; HP:0000252 Microcephaly; HP:0001250 Seizure; HP:0033725 Thin corpus callosum
    └── HP:0009777 Absent thumb
"""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xpid.errors import DataError
from xpid.extraction import (
    Language,
    Lexicon,
    build_lexicon,
    extract_findings,
    findings_for_ranking,
    load_lexicon,
    parse_rules,
    parse_triggers,
)
from xpid.extraction.matcher import build_trie, find_matches, find_matches_reference
from xpid.extraction.phenopacket import extraction_to_phenopacket
from xpid.ontology import Ontology, load_ontology

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "extraction" / "hp.obo"


def _data(name: str) -> list[str]:
    text = resources.files("xpid.extraction").joinpath("data", name).read_text(encoding="utf-8")
    return text.splitlines()


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return load_ontology(FIXTURE, use_cache=False)


@pytest.fixture(scope="module")
def en(onto: Ontology) -> Lexicon:
    return load_lexicon(onto, lang=Language.en, use_cache=False)


@pytest.fixture(scope="module")
def sv(onto: Ontology) -> Lexicon:
    """The real Swedish data files, keeping only the phrases whose ids the fixture has."""
    rules = parse_rules(_data("lexicon_sv.tsv"))
    rules = dataclasses.replace(rules, added=tuple(a for a in rules.added if a[0] in onto))
    triggers = parse_triggers(_data("triggers_sv.tsv"))
    return build_lexicon(onto, rules, triggers, lang=Language.sv)


def _found(text: str, lexicon: Lexicon) -> list[tuple[str, str, str]]:
    return [
        (m.term_id, m.text, m.assertion.value) for m in extract_findings(text, lexicon).mentions
    ]


def test_offsets_point_into_the_original_text(en: Lexicon) -> None:
    text = "Boy with  chronic   diarrhoea, Ëczema and microcephaly."
    for m in extract_findings(text, en).mentions:
        assert text[m.start : m.end] == m.text
    assert [m.text for m in extract_findings(text, en).mentions] == [
        "chronic   diarrhoea",
        "Ëczema",
        "microcephaly",
    ]


def test_british_spelling_and_plural(en: Lexicon) -> None:
    assert _found("Persistent diarrhoea and seizures.", en) == [
        ("HP:0002014", "diarrhoea", "present"),
        ("HP:0001250", "seizures", "present"),
    ]


def test_longest_match_keeps_the_most_specific_term(en: Lexicon) -> None:
    assert _found("Chronic diarrhea. Insulin-dependent diabetes mellitus.", en) == [
        ("HP:0002028", "Chronic diarrhea", "present"),
        ("HP:0100651", "Insulin-dependent diabetes", "present"),
    ]


def test_word_boundaries(en: Lexicon) -> None:
    assert _found("Antidiarrheal drugs; microcephalyx.", en) == []


def test_variants_inflection_order_and_optional_modifier(en: Lexicon) -> None:
    found = _found("Hypotonic infant; thinning of the corpus callosum; severe hypotonia.", en)
    assert [f[0] for f in found] == ["HP:0001252", "HP:0033725", "HP:0006829"]


def test_abbreviation_needs_capitals(en: Lexicon) -> None:
    assert _found("Severe GERD.", en) == [("HP:0002020", "GERD", "present")]
    assert _found("gerd", en) == []


def test_negation_before(en: Lexicon) -> None:
    assert _found("No diarrhea, eczema or seizures.", en) == [
        ("HP:0002014", "diarrhea", "excluded"),
        ("HP:0000964", "eczema", "excluded"),
        ("HP:0001250", "seizures", "excluded"),
    ]
    assert _found("He denies seizures. Without microcephaly.", en) == [
        ("HP:0001250", "seizures", "excluded"),
        ("HP:0000252", "microcephaly", "excluded"),
    ]


def test_negation_after_and_normal(en: Lexicon) -> None:
    assert _found("Eczema was absent. Seizures were ruled out.", en) == [
        ("HP:0000964", "Eczema", "excluded"),
        ("HP:0001250", "Seizures", "excluded"),
    ]
    found = _found("Spleen size normal, no evidence of splenomegaly.", en)
    assert found == [("HP:0001744", "splenomegaly", "excluded")]


def test_termination_and_sentence_end_stop_negation(en: Lexicon) -> None:
    assert _found("No diarrhea but eczema. Seizures.", en) == [
        ("HP:0002014", "diarrhea", "excluded"),
        ("HP:0000964", "eczema", "present"),
        ("HP:0001250", "Seizures", "present"),
    ]


def test_pseudo_trigger_does_not_negate(en: Lexicon) -> None:
    assert _found("Not only diarrhea but also eczema.", en) == [
        ("HP:0002014", "diarrhea", "present"),
        ("HP:0000964", "eczema", "present"),
    ]


def test_trigger_inside_a_term_is_part_of_the_term(en: Lexicon) -> None:
    assert _found("Absent thumb.", en) == [("HP:0009777", "Absent thumb", "present")]


def test_family_history(en: Lexicon) -> None:
    assert _found("Eczema; father has psoriasis. Family history of seizures.", en) == [
        ("HP:0000964", "Eczema", "present"),
        ("HP:0003765", "psoriasis", "other_person"),
        ("HP:0001250", "seizures", "other_person"),
    ]
    assert _found("Seizures in his mother.", en) == [("HP:0001250", "Seizures", "other_person")]


def test_uncertain(en: Lexicon) -> None:
    assert _found("Possible seizures; splenomegaly cannot be excluded.", en) == [
        ("HP:0001250", "seizures", "uncertain"),
        ("HP:0001744", "splenomegaly", "uncertain"),
    ]


def test_findings_for_ranking(en: Lexicon) -> None:
    text = "Diarrhoea, eczema. No seizures. Possible splenomegaly. Mother has psoriasis."
    present, excluded = findings_for_ranking(extract_findings(text, en))
    assert present == ("HP:0002014", "HP:0000964")
    assert excluded == ("HP:0001250",)


def test_phenopacket_deduplicates_and_marks_excluded(en: Lexicon) -> None:
    text = "Diarrhoea. No seizures, no seizures. Diarrhea again. Mother has eczema."
    packet = extraction_to_phenopacket(extract_findings(text, en))
    assert packet["phenotypicFeatures"] == [
        {"type": {"id": "HP:0002014", "label": "Diarrhea"}},
        {"type": {"id": "HP:0001250", "label": "Seizure"}, "excluded": True},
    ]
    assert packet["metaData"]["resources"][0]["version"] == "2099-02-02"
    assert packet["metaData"]["createdBy"].startswith("xpid")


def test_swedish(sv: Lexicon) -> None:
    text = (
        "Pojken har svår diarré och eksem, men inga infektioner. "
        "Ej förstorad mjälte. Pappa har psoriasisliknande hudinflammation. "
        "Misstänkt insulinberoende diabetes."
    )
    assert _found(text, sv) == [
        ("HP:0002014", "diarré", "present"),
        ("HP:0000964", "eksem", "present"),
        ("HP:0002719", "infektioner", "excluded"),
        ("HP:0001744", "förstorad mjälte", "excluded"),
        ("HP:0003765", "psoriasisliknande hudinflammation", "other_person"),
        ("HP:0100651", "insulinberoende diabetes", "uncertain"),
    ]


def test_swedish_contrastive_utan_is_not_negation(sv: Lexicon) -> None:
    assert _found("Utan diarré. Han har inte eksem utan har diarréer.", sv) == [
        ("HP:0002014", "diarré", "excluded"),
        ("HP:0000964", "eksem", "excluded"),
        ("HP:0002014", "diarréer", "present"),
    ]


def test_lexicon_is_cached(onto: Ontology, tmp_path: Path) -> None:
    builds: list[int] = []
    first = load_lexicon(onto, cache_dir=tmp_path, on_build=lambda: builds.append(1))
    second = load_lexicon(onto, cache_dir=tmp_path, on_build=lambda: builds.append(1))
    assert builds == [1]
    assert second.key == first.key and second.term_ids == first.term_ids


def test_bad_data_rows_name_the_line() -> None:
    with pytest.raises(DataError, match="<rules>:2"):
        parse_rules(["option\tontology\tyes", "frobnicate\tx"])
    with pytest.raises(DataError, match="<triggers>:1"):
        parse_triggers(["no\tmaybe_neg"])


def test_added_phrase_must_be_a_current_phenotype(onto: Ontology) -> None:
    rules = parse_rules(["option\tontology\tno", "add\tHP:0001419\tx-linked"])
    with pytest.raises(DataError, match="HP:0001419"):
        build_lexicon(onto, rules, (), lang=Language.en)


_WORDS = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=12)


@given(
    words=_WORDS,
    phrases=st.lists(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=3)),
)
def test_matcher_agrees_with_reference(words: list[str], phrases: list[list[str]]) -> None:
    table = {tuple(p): i for i, p in enumerate(phrases)}
    trie = build_trie(table.items())
    assert find_matches(words, trie) == find_matches_reference(words, table)
