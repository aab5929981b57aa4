"""Simulated patients over the mini knowledge base (see tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xpid.knowledge import KnowledgeBase, load_knowledge_base
from xpid.phenopackets import case_to_patient, parse_phenopacket
from xpid.sex import Sex
from xpid.simulate import (
    SIMULATED_MARKER,
    SimulatedCase,
    SimulationSettings,
    case_rng,
    simulate_case,
    simulate_cases,
    to_phenopacket,
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    mini = Path(__file__).resolve().parents[2] / "fixtures" / "mini"
    return load_knowledge_base(mini, cache_dir=tmp_path_factory.mktemp("sim-cache"))


def _cases(kb: KnowledgeBase, disease: str, n: int, s: SimulationSettings) -> list[SimulatedCase]:
    profile = kb.profile(disease)
    assert profile is not None
    return list(simulate_cases(kb.ontology, profile, n, s))


def test_same_seed_same_cases(kb: KnowledgeBase) -> None:
    s = SimulationSettings(seed=7, noise=1, imprecision=0.5, excluded=1)
    assert _cases(kb, "OMIM:300755", 20, s) == _cases(kb, "OMIM:300755", 20, s)


def test_prefix_stable_and_seed_matters(kb: KnowledgeBase) -> None:
    s = SimulationSettings(seed=7, noise=1, imprecision=0.5)
    assert _cases(kb, "OMIM:300755", 5, s) == _cases(kb, "OMIM:300755", 12, s)[:5]
    other = SimulationSettings(seed=8, noise=1, imprecision=0.5)
    many = [_cases(kb, "OMIM:300755", 30, x) for x in (s, other)]
    assert [c.present for c in many[0]] != [c.present for c in many[1]]


def test_findings_come_from_the_profile_without_noise(kb: KnowledgeBase) -> None:
    s = SimulationSettings(seed=1)
    for case in _cases(kb, "OMIM:999001", 30, s):
        assert case.present
        assert set(case.present) <= {"HP:0002028", "HP:0000964"}
        assert case.sex is Sex.UNKNOWN


def test_obligate_finding_always_drawn(kb: KnowledgeBase) -> None:
    for case in _cases(kb, "OMIM:999002", 30, SimulationSettings(seed=3)):
        assert "HP:0100651" in case.present


def test_imprecision_uses_parents_in_the_branch(kb: KnowledgeBase) -> None:
    s = SimulationSettings(seed=2, imprecision=1.0)
    for case in _cases(kb, "OMIM:999001", 10, s):
        for original, parent in case.imprecise:
            onto = kb.ontology
            assert onto.index_of(parent) in set(onto.parents(onto.index_of(original)).tolist())
            assert parent != "HP:0000118"
        # chronic diarrhea → diarrhea; eczema's parent is an "Abnormality of" class
        assert "HP:0002028" not in case.present


def test_noise_and_exclusions(kb: KnowledgeBase) -> None:
    s = SimulationSettings(seed=4, noise=2, excluded=1)
    for case in _cases(kb, "OMIM:300755", 10, s):
        assert len(case.noise) == 2
        assert set(case.noise) <= set(case.present)
        # the only documented absence of OMIM:300755 is Eczema (0/5)
        assert case.excluded in ((), ("HP:0000964",))
        assert case.sex is Sex.MALE  # X-linked recessive


def test_phenopacket_round_trip(kb: KnowledgeBase) -> None:
    profile = kb.profile("OMIM:300755")
    assert profile is not None
    s = SimulationSettings(seed=5, noise=1, excluded=1)
    case = simulate_case(kb.ontology, profile, s, case_rng(5, profile.id), number=4)
    assert case.id == "sim-OMIM_300755-s5-004"
    packet = to_phenopacket(case, kb.ontology)
    assert packet["metaData"]["externalReferences"][0]["id"] == SIMULATED_MARKER
    read = parse_phenopacket(packet)
    assert read.diagnoses == ("OMIM:300755",)
    assert read.publications == ()
    patient = case_to_patient(kb.ontology, read)
    assert set(patient.present) <= set(case.present)
    assert patient.sex is Sex.MALE


def test_bad_settings() -> None:
    with pytest.raises(ValueError, match="imprecision"):
        SimulationSettings(imprecision=1.5)
    with pytest.raises(ValueError, match="noise"):
        SimulationSettings(noise=-1)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    noise=st.integers(0, 3),
    imprecision=st.floats(0, 1),
    disease=st.sampled_from(["OMIM:300755", "ORPHA:47", "OMIM:999001", "OMIM:999002"]),
)
def test_cases_are_valid_queries(
    kb: KnowledgeBase, seed: int, noise: int, imprecision: float, disease: str
) -> None:
    s = SimulationSettings(seed=seed, noise=noise, imprecision=imprecision, excluded=2)
    for case in _cases(kb, disease, 3, s):
        packet = to_phenopacket(case, kb.ontology)
        patient = case_to_patient(kb.ontology, parse_phenopacket(packet))
        assert patient.present
        assert not set(case.excluded) & set(case.present)
