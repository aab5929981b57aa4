"""Issue 16 in free text, against the bundled HPO: the immunology phrasing, a Swedish note
with a relative and poor weight gain, and the patient's sex and onset read into ``rank``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app
from xpid.extraction import Assertion, Language, extract_findings, load_lexicon
from xpid.ontology import Ontology

pytestmark = pytest.mark.bundled
runner = CliRunner()


NOTES = Path(__file__).resolve().parents[1] / "fixtures" / "notes"


def test_note_immunology_phrasing(bundled_ontology: Ontology, bundled_cache: Path) -> None:
    """The phrasing issue 16 found missed, through general rules (no phrase list)."""
    lexicon = load_lexicon(bundled_ontology, lang=Language.en, cache_dir=bundled_cache)
    note = (
        "Insulin-dependent diabetes since 3 months. IgG is low and IgM is elevated; "
        "elevated IgE. Known T1D."
    )
    present = set(extract_findings(note, lexicon).term_ids(Assertion.PRESENT))
    assert {"HP:0100651", "HP:0004315", "HP:0003496", "HP:0003212"} <= present


def test_swedish_note_relatives_and_poor_weight_gain(
    bundled_ontology: Ontology, bundled_cache: Path
) -> None:
    lexicon = load_lexicon(bundled_ontology, lang=Language.sv, cache_dir=bundled_cache)
    note = (
        "En 4 månader gammal pojke med dålig viktuppgång. "
        "Morbror dog i späd ålder i svår diarré. Lågt IgG."
    )
    found = {(m.term_id, m.assertion.value) for m in extract_findings(note, lexicon).mentions}
    assert ("HP:0001508", "present") in found  # Failure to thrive («dålig viktuppgång»)
    assert ("HP:0002014", "other_person") in found  # the maternal uncle's diarrhoea
    assert ("HP:0002014", "present") not in found
    assert ("HP:0004315", "present") in found


def _rank_note(cache: Path, *options: str) -> dict[str, object]:
    note = str(NOTES / "ipex.txt")
    result = runner.invoke(
        app, ["--cache-dir", str(cache), "rank", "--text", note, *options, "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    payload: dict[str, object] = json.loads(result.stdout)
    payload["stderr"] = result.stderr
    return payload


def test_rank_text_takes_sex_and_onset_from_the_note(bundled_cache: Path) -> None:
    ranked = _rank_note(bundled_cache)
    patient = ranked["patient"]
    assert isinstance(patient, dict)
    assert (patient["sex"], patient["onset"]) == ("male", "HP:0003623")  # began at 3 weeks
    assert "patient      male «boy», 7 months «Seven-month-old»" in str(ranked["stderr"])
    given = _rank_note(bundled_cache, "--sex", "female")["patient"]
    assert isinstance(given, dict) and given["sex"] == "female"  # the option wins
