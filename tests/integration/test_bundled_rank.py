"""Vignettes of the three seed diseases against the full bundled knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

import xpid
from xpid.knowledge import KnowledgeBase, load_knowledge_base
from xpid.scoring.methods import DEFAULT_METHOD, Method

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def kb(bundled_cache: Path) -> KnowledgeBase:
    return load_knowledge_base(cache_dir=bundled_cache)


def test_store_covers_every_annotated_disease(kb: KnowledgeBase) -> None:
    assert len(kb.disease_ids) == 12687
    assert kb.ic  # every corpus has an IC vector


def test_ipex_first_for_diarrhoea_eczema_diabetes(kb: KnowledgeBase) -> None:
    # The README's quick-start query: chronic diarrhoea, eczema, type 1 diabetes.
    # With the default method (lr) and with resnik-onesided, the previous default.
    patient = xpid.make_patient(kb, ["HP:0002028", "HP:0000964", "HP:0100651"])
    for method in (DEFAULT_METHOD, Method.RESNIK_ONESIDED):
        ranking = xpid.rank(kb, patient, method=method, top=5)
        assert ranking.results[0].disease_id == "OMIM:304790", method
        assert ranking.results[0].rank == 1
    # Over 12,687 diseases a pretest probability is small: the JSON keeps six significant
    # digits of it (six decimals would keep two).
    ranking_lr = xpid.rank(kb, patient, top=1)
    pretest = ranking_lr.results[0].pretest
    assert pretest is not None and pretest < 1e-3
    assert ranking_lr.to_dict()["results"][0]["pretest_probability"] == float(f"{pretest:.6g}")


@pytest.mark.parametrize(
    ("disease", "findings"),
    [
        (
            "OMIM:308230",  # X-linked hyper-IgM syndrome
            ["HP:0003496", "HP:0004315", "HP:0020102", "HP:0001875", "HP:0002718"],
        ),
        (
            "OMIM:300291",  # NEMO deficiency
            ["HP:0000966", "HP:0000698", "HP:0002209", "HP:0011274"],
        ),
        ("OMIM:304790", ["HP:0002028", "HP:0000964", "HP:0100651", "HP:0001508"]),
    ],
)
@pytest.mark.parametrize("method", [Method.LR, Method.RESNIK_ONESIDED])
def test_seed_vignettes_in_top_three(
    kb: KnowledgeBase, disease: str, findings: list[str], method: Method
) -> None:
    ranking = xpid.rank(kb, xpid.make_patient(kb, findings), method=method, top=3)
    assert disease in [r.disease_id for r in ranking.results], [
        (r.rank, r.disease_id, r.name) for r in ranking.results
    ]
