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
