"""Issue 16: each word a clinician wrote that used to fail, against the bundled HPO.

Each resolves to the intended term, or gives a "did you mean" that names it; search puts
the intended term first. Every row of the abbreviation list names one bundled term.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app
from xpid.errors import UnknownTermError
from xpid.ontology import Ontology, resolve_term, search_terms
from xpid.ontology.index import SearchKind
from xpid.text import normalize_text
from xpid.text.abbreviations import load_abbreviations

pytestmark = pytest.mark.bundled

INTENDED = {
    "ecsema": "HP:0000964",  # Eczematoid dermatitis (layperson synonym: Eczema)
    "ezcema": "HP:0000964",
    "diabetis": "HP:0000819",  # Diabetes mellitus
    "T1D": "HP:0100651",  # Type I diabetes mellitus
    "IDDM": "HP:0100651",
    "low IgG": "HP:0004315",  # Decreased circulating IgG concentration
    "high IgM": "HP:0003496",  # Increased circulating IgM level
    "elevated IgE": "HP:0003212",  # Increased circulating IgE concentration
}


@pytest.mark.parametrize(("word", "intended"), sorted(INTENDED.items()))
def test_word_resolves_or_suggests_the_intended_term(
    bundled_ontology: Ontology, word: str, intended: str
) -> None:
    try:
        assert resolve_term(bundled_ontology, word).id == intended
    except UnknownTermError as error:
        assert error.suggestions and error.suggestions[0][0] == intended, str(error)


@pytest.mark.parametrize(("word", "intended"), sorted(INTENDED.items()))
def test_search_puts_the_intended_term_first(
    bundled_ontology: Ontology, word: str, intended: str
) -> None:
    assert search_terms(bundled_ontology, word, limit=3)[0].id == intended


def test_search_insulin_dependent_diabetes_is_type_1_first(bundled_ontology: Ontology) -> None:
    ids = [h.id for h in search_terms(bundled_ontology, "insulin dependent diabetes", limit=5)]
    assert ids[0] == "HP:0100651"
    assert "HP:0005978" not in ids[:1]  # Type II diabetes mellitus


def test_search_low_igg_is_not_low_apgar_score(bundled_ontology: Ontology) -> None:
    ids = [h.id for h in search_terms(bundled_ontology, "low IgG", limit=5)]
    assert ids[0] == "HP:0004315"
    assert "HP:0030917" not in ids


@pytest.mark.parametrize(
    ("text", "intended"),
    [
        ("low IgA", "HP:0002720"),
        ("IgE elevated", "HP:0003212"),
        ("high cortisol", "HP:0003118"),
        ("low cortisol", "HP:0008163"),
        ("high ACTH", "HP:0003154"),
        ("reduced ACTH", "HP:0002920"),
        ("low IgM", "HP:0002850"),
    ],
)
def test_laboratory_wordings_for_any_measured_thing(
    bundled_ontology: Ontology, text: str, intended: str
) -> None:
    assert resolve_term(bundled_ontology, text).id == intended


def test_every_abbreviation_row_names_one_bundled_term(bundled_ontology: Ontology) -> None:
    added = {
        text: int(term)
        for text, term, kind in zip(
            bundled_ontology.search_texts,
            bundled_ontology.search_terms.tolist(),
            bundled_ontology.search_kinds.tolist(),
            strict=True,
        )
        if kind == SearchKind.ABBREVIATION
    }
    for abbreviation, expansion in load_abbreviations("en"):
        assert normalize_text(abbreviation) in added, abbreviation
        term = resolve_term(bundled_ontology, abbreviation)
        assert term.index == resolve_term(bundled_ontology, expansion).index, abbreviation


runner = CliRunner()


def test_rank_with_a_typo_is_one_line_with_did_you_mean(bundled_cache: Path) -> None:
    result = runner.invoke(app, ["--cache-dir", str(bundled_cache), "rank", "ecsema", "T1D"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "nearest spelling: 'eczema'" in lines[0]
    assert "Did you mean: HP:0000964 Eczematoid dermatitis" in lines[0]


def test_rank_takes_abbreviations_and_laboratory_wordings(bundled_cache: Path) -> None:
    result = runner.invoke(
        app,
        ["--cache-dir", str(bundled_cache), "rank", "low IgG", "high IgM", "T1D", "-f", "json"],
    )
    assert result.exit_code == 0, result.output
    import json

    present = {p["id"] for p in json.loads(result.stdout)["patient"]["present"]}
    assert present == {"HP:0004315", "HP:0003496", "HP:0100651"}
