"""Profile drafts: frequency cues, one finding per term, and a TOML file that parses.

Uses the extraction fixture ontology (drawn in ``test_extraction.py``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from xpid.errors import DataError
from xpid.extraction import Language, Lexicon, extract_findings, load_lexicon
from xpid.extraction.draft import (
    draft_profile,
    find_frequency_cue,
    parse_frequency_cues,
    render_profile_toml,
)
from xpid.ontology import load_ontology
from xpid.profiles.curated import parse_profile_toml

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "extraction" / "hp.obo"

DOC = (
    "A made-up summary\n\n"
    "Almost all boys have chronic diarrhoea. Eczema was seen in 13 of 56 boys.\n"
    "Insulin-dependent diabetes occurs in 23% of them. Splenomegaly is rare.\n"
    "Seizures do not occur.\n"
    "A cousin had psoriasis. Recurrent infections are common; eczema again.\n"
)


@pytest.fixture(scope="module")
def en() -> Lexicon:
    return load_lexicon(load_ontology(FIXTURE, use_cache=False), lang=Language.en, use_cache=False)


def _cue(sentence: str, anchor: int = 0, lang: Language = Language.en) -> str | None:
    cue = find_frequency_cue(sentence, 0, len(sentence), anchor, lang=lang)
    return None if cue is None else cue.frequency


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Diarrhoea in almost all patients.", "HP:0040281"),
        ("All patients had diarrhoea.", "HP:0040280"),
        ("Most had eczema.", "HP:0040282"),
        ("Eczema was less common.", "HP:0040283"),
        ("Splenomegaly is rare.", "HP:0040284"),
        ("Eczema in 13 of 56 boys.", "13/56"),
        ("Eczema in 23 % of boys.", "23%"),
        ("Eczema in 20%-25% of boys.", None),
        ("Eczema in 5 of 2 boys.", None),
        ("Eczema.", None),
    ],
)
def test_frequency_cues_follow_the_readme_table(sentence: str, expected: str | None) -> None:
    assert _cue(sentence) == expected


def test_numbers_beat_words_and_the_nearest_cue_wins() -> None:
    sentence = "Most boys had diarrhoea; 3 of 10 had eczema, and rarely psoriasis."
    assert _cue(sentence, anchor=sentence.index("psoriasis")) == "3/10"
    words = "Diarrhoea is common; psoriasis is rare."
    assert _cue(words, anchor=words.index("psoriasis")) == "HP:0040284"
    assert _cue(words, anchor=0) == "HP:0040282"


def test_swedish_cues() -> None:
    assert _cue("Nästan alla får diarré.", lang=Language.sv) == "HP:0040281"
    assert _cue("I sällsynta fall förekommer alopeci.", lang=Language.sv) == "HP:0040284"
    assert _cue("Eksem hos 4 av 9 pojkar.", lang=Language.sv) == "4/9"


def test_bad_cue_rows_are_reported() -> None:
    assert parse_frequency_cues(["# comment", "most\tHP:0040282"]) == (("most", "HP:0040282"),)
    with pytest.raises(DataError, match="x.tsv:1"):
        parse_frequency_cues(["most\tHP:0040285"], source="x.tsv")


def test_draft_has_one_finding_per_term_with_spans_and_cues(en: Lexicon) -> None:
    draft = draft_profile(
        DOC,
        extract_findings(DOC, en),
        disease_id="OMIM:304790",
        name="Test disease",
        genes=["FOXP3"],
        inheritance=["HP:0001419"],
        document_name="summary.txt",
    )
    assert draft.source.title == "A made-up summary"
    assert draft.source.key == "summary"
    found = {f.term_id: f for f in draft.findings}
    assert found["HP:0002028"].frequency is not None
    assert found["HP:0002028"].frequency.frequency == "HP:0040281"
    eczema = found["HP:0000964"]
    assert len(eczema.spans) == 2
    assert [DOC[s:e].lower() for s, e in eczema.spans] == ["eczema", "eczema"]
    assert eczema.frequency is not None and eczema.frequency.frequency == "13/56"
    assert found["HP:0100651"].frequency is not None
    assert found["HP:0100651"].frequency.frequency == "23%"
    assert found["HP:0001744"].frequency is not None
    assert found["HP:0001744"].frequency.frequency == "HP:0040284"
    assert found["HP:0001250"].status.value == "excluded"
    assert found["HP:0001250"].frequency is None
    assert "HP:0003765" not in found
    assert [m.term_id for m in draft.skipped] == ["HP:0003765"]


def test_rendered_draft_parses_as_a_profile(en: Lexicon) -> None:
    draft = draft_profile(
        DOC, extract_findings(DOC, en), disease_id="OMIM:304790", name='A "quoted" name'
    )
    text = render_profile_toml(draft, reviewed="2026-01-02", tool="xpid test")
    profile = parse_profile_toml(text, path="OMIM_304790.toml")
    assert profile.name == 'A "quoted" name'
    assert len(profile.findings) == len(draft.findings)
    excluded = [f for f in profile.findings if f.status.value == "excluded"]
    assert [f.term for f in excluded] == ["HP:0001250"]
    data = tomllib.loads(text)
    assert data["sources"][0]["title"] == "A made-up summary"
    diarrhoea = next(f for f in data["findings"] if f["term"] == "HP:0002028")
    assert diarrhoea["frequency_cue"] == "Almost all"
    assert "spans [" in diarrhoea["comment"]
    assert "# - HP:0003765" in text
