"""A few checks on the full bundled HPO release."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from xpid.datafiles import locate_data, read_obo_release
from xpid.ontology import Ontology, resolve_term, search_terms

pytestmark = pytest.mark.bundled


def test_bundled_release_is_found() -> None:
    files = locate_data()
    assert read_obo_release(files.obo) == "2025-01-16"
    assert files.hpoa is not None and files.genes is not None


def test_counts(bundled_ontology: Ontology) -> None:
    # 19,484 [Term] stanzas, of which 450 are obsolete.
    assert len(bundled_ontology) + len(bundled_ontology.obsolete_labels) == 19484
    assert len(bundled_ontology) > 19000


def test_diarrhea_and_british_spelling(bundled_ontology: Ontology) -> None:
    assert resolve_term(bundled_ontology, "HP:0002014").label == "Diarrhea"
    assert resolve_term(bundled_ontology, "Chronic diarrhoea").id == "HP:0002028"
    for query, expected in [
        ("diarrhoea", "HP:0002014"),
        ("oesophageal atresia", "HP:0002032"),
        ("haemolytic anaemia", "HP:0001878"),
    ]:
        assert search_terms(bundled_ontology, query, limit=1)[0].id == expected


def test_every_current_term_reaches_the_root(bundled_ontology: Ontology) -> None:
    root = bundled_ontology.index_of("HP:0000001")
    counts = bundled_ontology.descendant_indptr[root + 1] - bundled_ontology.descendant_indptr[root]
    assert counts == len(bundled_ontology)


def test_python_m_xpid_runs(bundled_cache: object) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "xpid",
            "--cache-dir",
            str(bundled_cache),
            "term",
            "HP:0002014",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["terms"][0]["label"] == "Diarrhea"
