"""Every phenopacket of ``../shared/phenopackets/dev`` read and converted with the bundled HPO.

The expected counts are those of ``../shared/phenopackets/README.md``. The shared tests skip
cleanly when the shared folder is absent (a clean clone).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from xpid.constants import ONSET
from xpid.errors import QueryError
from xpid.ontology import Ontology
from xpid.patient import Patient
from xpid.phenopackets import (
    PhenopacketCase,
    case_to_patient,
    iter_phenopacket_paths,
    load_phenopacket,
    screen_case_terms,
)
from xpid.phenopackets.reader import ONSET_ORDER

SHARED = Path(__file__).resolve().parents[3] / "shared"
DEV = SHARED / "phenopackets" / "dev"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "phenopackets"

pytestmark = pytest.mark.bundled


def test_onset_classes_are_onset_terms_of_the_bundled_hpo(bundled_ontology: Ontology) -> None:
    root = bundled_ontology.index_of(ONSET)
    for term_id in ONSET_ORDER:
        index = bundled_ontology.index_of(term_id)
        assert bundled_ontology.is_ancestor(root, index) and index != root, term_id


def test_fixture_case_keeps_its_onset(bundled_ontology: Ontology) -> None:
    case = load_phenopacket(FIXTURES / "v2_case.json")
    patient = case_to_patient(bundled_ontology, case)
    assert patient.onset == "HP:0003577"
    assert patient.notices == ()


@pytest.mark.shared
def test_every_dev_phenopacket_reads_and_converts(bundled_ontology: Ontology) -> None:
    if not DEV.is_dir():
        pytest.skip(f"{DEV} is absent")
    start = time.perf_counter()
    paths = iter_phenopacket_paths([DEV])
    assert all(isinstance(p, Path) for p in paths)
    cases: list[PhenopacketCase] = [load_phenopacket(p) for p in paths if isinstance(p, Path)]
    patients: list[Patient] = []
    errors: list[str] = []
    unknown: Counter[str] = Counter()
    for case in cases:
        screen = screen_case_terms(bundled_ontology, case)
        unknown.update(screen.unknown)
        assert screen.obsolete == screen.malformed == ()
        try:
            patients.append(case_to_patient(bundled_ontology, case))
        except QueryError as exc:
            errors.append(str(exc))
    elapsed = time.perf_counter() - start

    assert len(cases) == 3856
    assert sum(len(c.present) for c in cases) == 33945
    assert sum(len(c.excluded) for c in cases) == 45935
    assert len(unknown) == 24  # ids newer than hp.obo 2025-01-16
    assert {c.schema_version for c in cases} == {"2", "2.0.2"}
    assert all(len(c.diagnoses) == 1 and c.diagnoses[0].startswith("OMIM:") for c in cases)
    assert all(len(c.publications) == 1 and c.publications[0].startswith("PMID:") for c in cases)
    assert len({c.diagnoses[0] for c in cases}) == 320
    # The one case without an observed feature is an error; every other case converts.
    assert len(errors) == 1 and "no present phenotypic feature" in errors[0]
    assert len(patients) == 3855
    assert elapsed < 20, f"reading and converting took {elapsed:.1f} s"
