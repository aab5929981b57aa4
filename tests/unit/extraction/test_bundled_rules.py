"""Matching rules on the bundled HPO: coordination, plurals, barriers, Swedish additions."""

from __future__ import annotations

from pathlib import Path

import pytest

from xpid.extraction import Language, Lexicon, extract_findings, load_lexicon
from xpid.ontology import Ontology

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def en(bundled_ontology: Ontology, bundled_cache: Path) -> Lexicon:
    return load_lexicon(bundled_ontology, lang=Language.en, cache_dir=bundled_cache)


@pytest.fixture(scope="module")
def sv(bundled_ontology: Ontology, bundled_cache: Path) -> Lexicon:
    return load_lexicon(bundled_ontology, lang=Language.sv, cache_dir=bundled_cache)


def _ids(text: str, lexicon: Lexicon) -> set[str]:
    return set(extract_findings(text, lexicon).term_ids())


def test_coordinated_modifiers_name_each_finding(en: Lexicon) -> None:
    assert {"HP:0008936", "HP:0012389"} <= _ids("Axial and appendicular hypotonia.", en)
    mild_to_severe = _ids("Mild-to-severe intellectual disability.", en)
    assert {"HP:0001256", "HP:0010864"} <= mild_to_severe


def test_plurals_and_wordings(en: Lexicon) -> None:
    assert "HP:0000010" in _ids("She had recurrent UTIs.", en)
    assert "HP:0025517" in _ids("MRI showed small hippocampi.", en)
    assert "HP:0025615" in _ids("Multiple abscesses.", en)
    assert "HP:0012443" in _ids("A boy with a brain malformation.", en)
    assert "HP:0002540" in _ids("He cannot walk.", en)
    assert "HP:0002317" in _ids("Her gait is unstable.", en)


def test_no_match_across_a_comma(en: Lexicon) -> None:
    ids = _ids("An elongated face, large prominent ears.", en)
    assert "HP:0100729" not in ids  # Large face


def test_swedish_skin_infection_liver_and_kidney(sv: Lexicon) -> None:
    ids = _ids("Eksemet blir lätt infekterat. Ibland kan levern och njurarna påverkas.", sv)
    assert {"HP:0001392", "HP:0000077"} <= ids
    assert "HP:0001581" in _ids("Han har infekterade hudförändringar.", sv)
    assert {"HP:0000821", "HP:0000836"} <= _ids("Först hypertyreos, sedan hypotyreos.", sv)
