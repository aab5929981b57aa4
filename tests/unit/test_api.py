"""The public API (``xpid.load``, ``xpid.make_patient``, ``xpid.rank``) on the mini data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import xpid
from xpid.errors import ParameterError, UnknownNameError
from xpid.knowledge import Corpus, KnowledgeBase
from xpid.ranking import RankSettings, rank_patient
from xpid.scoring.methods import Method
from xpid.sex import Sex


@pytest.fixture(scope="module")
def kb(mini_dir: Path) -> KnowledgeBase:
    return xpid.load(mini_dir, use_cache=False)


def test_make_patient_takes_a_knowledge_base_or_an_ontology(kb: KnowledgeBase) -> None:
    from_kb = xpid.make_patient(kb, ["Chronic diarrhea"], ["Eczema"], sex=Sex.MALE)
    from_ontology = xpid.make_patient(kb.ontology, ["HP:0002028"], ["HP:0000964"], sex=Sex.MALE)
    assert from_kb == from_ontology
    assert from_kb.present == ("HP:0002028",)
    assert from_kb.excluded == ("HP:0000964",)


def test_rank_is_rank_patient_with_the_settings_it_names(kb: KnowledgeBase) -> None:
    patient = xpid.make_patient(kb, ["HP:0002719"], ["HP:0002014"])
    by_api = xpid.rank(
        kb, patient, method=Method.LIN_ONESIDED, corpus=Corpus.OMIM, exclusion_weight=0.5
    )
    settings = RankSettings(method=Method.LIN_ONESIDED, corpus=Corpus.OMIM, exclusion_weight=0.5)
    direct = rank_patient(kb, patient, settings)
    assert by_api.to_dict() == direct.to_dict()
    # The weight reached the scorer: with the default the scores differ.
    default = xpid.rank(kb, patient, method=Method.LIN_ONESIDED, corpus=Corpus.OMIM)
    assert [r.score for r in default.results] != [r.score for r in by_api.results]


def test_rank_checks_its_arguments(kb: KnowledgeBase) -> None:
    patient = xpid.make_patient(kb, ["HP:0002014"])
    with pytest.raises(ParameterError, match="top must be at least 1, got 0"):
        xpid.rank(kb, patient, top=0)
    with pytest.raises(UnknownNameError, match="nope"):
        xpid.rank(kb, patient, panel="nope")


def test_import_xpid_stays_light() -> None:
    # The API module imports the knowledge base and the ranking engine on first call:
    # ``import xpid`` (and so every command's start-up) loads neither them nor numpy.
    code = (
        "import sys, xpid; "
        "print(sorted(m for m in ('numpy', 'xpid.ranking.rank', 'xpid.knowledge.base') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_ranking_describes_itself(kb: KnowledgeBase) -> None:
    # What a renderer needs travels with the ranking: the findings with their labels, the
    # typed settings, the versions; suggestions name the diseases they favour.
    from xpid.ranking import Finding, suggest_findings

    patient = xpid.make_patient(kb, ["Recurrent infections"], ["HP:0002014"], sex=Sex.MALE)
    ranking = xpid.rank(kb, patient, corpus=Corpus.OMIM, panel=None, explain=1)
    assert ranking.present == (Finding("HP:0002719", "Recurrent infections"),)
    assert ranking.excluded == (Finding("HP:0002014", "Diarrhea"),)
    assert ranking.settings == RankSettings(corpus=Corpus.OMIM)
    assert ranking.settings.method is Method.LR
    doc = ranking.to_dict()
    assert doc["patient"]["present"] == [{"id": "HP:0002719", "label": "Recurrent infections"}]
    assert (doc["method"], doc["corpus"]) == ("lr", "omim")
    assert doc["hpo_release"] == ranking.provenance.hpo_release == kb.ontology.release
    assert dict(ranking.provenance.parameters)["panel_as"] == "prior"
    suggestions = suggest_findings(kb, ranking, n=3, k=3)
    assert suggestions
    for s in suggestions:
        favoured = {*s.favours_if_present, *s.favours_if_absent}
        assert dict(s.names) == {d: kb.store.get(d).name for d in favoured}
