"""From a phenopacket case to a patient query: per-term problems become notices.

Uses the mini ontology (drawn in ``tests/conftest.py``): it has no Onset branch, so onset
classes are dropped with a notice here; the bundled-HPO test keeps them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from xpid.errors import PhenopacketError, QueryError
from xpid.ontology import Ontology
from xpid.patient import Patient
from xpid.phenopackets import (
    case_to_patient,
    load_phenopacket,
    parse_phenopacket,
    screen_case_terms,
)
from xpid.sex import Sex

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "phenopackets"


def _patient(ontology: Ontology, name: str, *, strict: bool = False) -> Patient:
    return case_to_patient(ontology, load_phenopacket(FIXTURES / name), strict=strict)


def _messages(patient: Patient) -> str:
    return "\n".join(f"{n.subject}: {n.message}" for n in patient.notices)


def _case(*features: dict[str, Any]) -> Any:
    return parse_phenopacket({"id": "c", "phenotypicFeatures": list(features)}, path="c.json")


def test_v2_case(mini_ontology: Ontology) -> None:
    patient = _patient(mini_ontology, "v2_case.json")
    assert patient.present == ("HP:0000964", "HP:0002028", "HP:0100651")
    assert patient.excluded == ("HP:0002719",)
    assert patient.sex is Sex.MALE
    assert patient.age_years == pytest.approx(2.5)
    assert patient.id == "PMID_1234567_patient_1"
    assert patient.publications == ("PMID:1234567", "DOI:10.1000/xyz123")
    assert patient.diagnoses == ("OMIM:304790",)
    # The mini ontology has no onset terms: the onset is dropped, and said so.
    assert patient.onset is None
    assert [n.subject for n in patient.notices] == ["HP:0003577"]
    assert "onset ignored" in patient.notices[0].message


def test_unknown_ids_are_dropped_and_counted(mini_ontology: Ontology) -> None:
    case = load_phenopacket(FIXTURES / "unknown_term.json")
    screen = screen_case_terms(mini_ontology, case)
    assert screen.unknown == ("HP:9999999", "HP:9999998")
    assert screen.obsolete == screen.malformed == ()
    assert screen.n_dropped == 2
    patient = case_to_patient(mini_ontology, case)
    assert patient.present == ("HP:0002014",)
    assert patient.excluded == ()
    text = _messages(patient)
    assert "present feature phenotypicFeatures[1].type.id: HP:9999999 is not in HPO" in text
    assert "excluded feature phenotypicFeatures[2].type.id: HP:9999998" in text
    assert text.count("dropped.") == 2


def test_obsolete_alt_and_replaced_ids(mini_ontology: Ontology) -> None:
    case = load_phenopacket(FIXTURES / "obsolete_term.json")
    assert screen_case_terms(mini_ontology, case).obsolete == ("HP:0099002",)
    patient = case_to_patient(mini_ontology, case)
    # HP:0099001 is replaced by HP:0002028; the excluded alt id HP:0099003 is the same
    # term, so present wins and the exclusion goes.
    assert patient.present == ("HP:0000964", "HP:0002028")
    assert patient.excluded == ()
    text = _messages(patient)
    assert "HP:0099002: present feature phenotypicFeatures[0].type.id" in text
    assert "obsolete" in text and "Did you mean: HP:0002014 Diarrhea" in text
    assert "HP:0099001 is obsolete and replaced by HP:0002028" in text
    assert "HP:0099003 is an alternative id of HP:0002028" in text
    assert "given both present and excluded; kept as present" in text


def test_non_phenotype_terms_are_dropped(mini_ontology: Ontology) -> None:
    patient = _patient(mini_ontology, "non_phenotype.json")
    assert patient.present == ("HP:0002719",)
    assert "HP:0001419" in _messages(patient)
    assert "not under Phenotypic abnormality" in _messages(patient)


def test_present_and_excluded(mini_ontology: Ontology) -> None:
    patient = _patient(mini_ontology, "present_and_excluded.json")
    assert patient.present == ("HP:0000964", "HP:0002014")
    assert patient.excluded == ()
    assert "given both present and excluded; kept as present" in _messages(patient)


def test_malformed_ids_are_dropped(mini_ontology: Ontology) -> None:
    case = _case(
        {"type": {"id": "MONDO:0001234"}},
        {"type": {"id": "Diarrhea"}},
        {"type": {"id": "HP:14"}},
        {"type": {"id": "HP:0000964"}},
    )
    screen = screen_case_terms(mini_ontology, case)
    assert screen.malformed == ("MONDO:0001234", "Diarrhea", "HP:14")
    assert case_to_patient(mini_ontology, case).present == ("HP:0000964",)


def test_no_present_findings_is_a_query_error(mini_ontology: Ontology) -> None:
    path = FIXTURES / "no_findings.json"
    with pytest.raises(QueryError, match="no present phenotypic feature") as info:
        case_to_patient(mini_ontology, load_phenopacket(path))
    assert str(info.value).startswith(str(path))
    assert "(2 excluded)" in str(info.value)


def test_no_usable_present_finding_is_a_query_error(mini_ontology: Ontology) -> None:
    case = _case(
        {"type": {"id": "HP:9999999"}},
        {"type": {"id": "HP:0001419"}},
        {"type": {"id": "HP:0002014"}, "excluded": True},
    )
    with pytest.raises(QueryError) as info:
        case_to_patient(mini_ontology, case)
    message = str(info.value)
    assert message.startswith("c.json: none of the 2 present phenotypic features")
    assert "1 unknown, obsolete or not HPO ids" in message
    assert "1 outside Phenotypic abnormality" in message


def test_strict_raises_naming_the_field(mini_ontology: Ontology) -> None:
    with pytest.raises(PhenopacketError) as info:
        _patient(mini_ontology, "unknown_term.json", strict=True)
    assert info.value.field == "phenotypicFeatures[1].type.id"
    with pytest.raises(PhenopacketError) as info:
        _patient(mini_ontology, "non_phenotype.json", strict=True)
    assert info.value.field == "phenotypicFeatures[0].type.id"
    assert "HP:0001419" in str(info.value)
    # A clean case is the same either way.
    assert _patient(mini_ontology, "present_and_excluded.json", strict=True) == _patient(
        mini_ontology, "present_and_excluded.json"
    )


def test_notice_order_screen_then_build(mini_ontology: Ontology) -> None:
    case = _case(
        {"type": {"id": "HP:9999999"}},
        {"type": {"id": "HP:0002014"}},
        {"type": {"id": "HP:0002028"}},
    )
    patient = case_to_patient(mini_ontology, case)
    assert patient.present == ("HP:0002028",)
    assert [n.subject for n in patient.notices] == ["HP:9999999", "HP:0002014"]
