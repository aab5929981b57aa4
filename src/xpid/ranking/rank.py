"""Rank a patient against every disease of a knowledge base, and explain the top ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from xpid import __version__
from xpid.knowledge.corpus import Corpus
from xpid.patient.model import Patient
from xpid.ranking.explain import explain_disease
from xpid.ranking.result import DiseaseResult, Provenance, Ranking
from xpid.scoring.methods import Method, TermMeasure
from xpid.scoring.penalties import absence_penalty, exclusion_penalty
from xpid.scoring.similarity import closure_hits, simgic_scores, similarity_scores

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase

__all__ = ["RankSettings", "ScoreBreakdown", "score_patient", "rank_patient", "TIE_DECIMALS"]

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]

TIE_DECIMALS = 9
"""Scores equal to this many decimals are ties (so float noise never splits a tie)."""


@dataclass(frozen=True, slots=True)
class RankSettings:
    """Method and parameters of a ranking.

    ``exclusion_weight`` and ``absence_weight`` scale the penalties of
    :mod:`xpid.scoring.penalties` (0 switches them off).
    """

    method: Method = Method.RESNIK_BMA
    corpus: Corpus = Corpus.ALL
    panel: str | None = None
    exclusion_weight: float = 1.0
    absence_weight: float = 1.0

    def parameters(self) -> tuple[tuple[str, object], ...]:
        return (
            ("panel", self.panel),
            ("exclusion_weight", self.exclusion_weight),
            ("absence_weight", self.absence_weight),
        )


@dataclass(frozen=True, slots=True, eq=False)
class ScoreBreakdown:
    """Scores of every disease and their parts, shape (D,) unless noted."""

    query: I32
    excluded: I32
    scores: F64
    base: F64
    hits: npt.NDArray[np.int64]
    best: F64 | None  # (Q, D) patient→disease best matches; None for simGIC
    excluded_probability: F64  # (E, D)
    absence: F64  # (Q, D)
    units: F64  # (T,) penalty unit of each term


def _units(measure: TermMeasure | None, ic: F64) -> F64:
    if measure is TermMeasure.RESNIK:
        return ic
    return np.ones_like(ic)


def score_patient(kb: KnowledgeBase, patient: Patient, settings: RankSettings) -> ScoreBreakdown:
    """Score ``patient`` against every disease row of ``kb`` (no filtering, no ordering)."""
    ontology = kb.ontology
    arrays = kb.arrays
    ic = kb.ic[settings.corpus]
    query = np.asarray([ontology.index_of(t) for t in patient.present], dtype=np.int32)
    excluded = np.asarray([ontology.index_of(t) for t in patient.excluded], dtype=np.int32)
    method = settings.method
    best: F64 | None
    if method is Method.SIMGIC:
        base = simgic_scores(query, ic, arrays)
        best = None
    else:
        base, best = similarity_scores(query, method, ic, arrays)
    units = _units(method.measure, ic)
    excl_total, excl_prob = exclusion_penalty(
        excluded, units[excluded], arrays, ontology.descendant_indptr, ontology.descendant_indices
    )
    abs_total, abs_per = absence_penalty(query, units, arrays)
    n_q = max(len(query), 1)
    scores = (
        base - (settings.exclusion_weight * excl_total + settings.absence_weight * abs_total) / n_q
    )
    return ScoreBreakdown(
        query=query,
        excluded=excluded,
        scores=scores,
        base=base,
        hits=closure_hits(query, arrays),
        best=best,
        excluded_probability=excl_prob,
        absence=abs_per,
        units=units,
    )


def order_rows(
    scores: F64, rows: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], F64, npt.NDArray[np.int64]]:
    """Order ``rows`` best first (ties by row, i.e. by disease id) with competition ranks.

    Returns the ordered rows, their rounded scores and their ranks.
    """
    key = np.round(scores[rows], TIE_DECIMALS)
    order = np.lexsort((rows, -key))
    ordered_rows = rows[order]
    ordered_key = key[order]
    ranks = np.searchsorted(-ordered_key, -ordered_key, side="left").astype(np.int64) + 1
    return ordered_rows, ordered_key, ranks


def rank_patient(
    kb: KnowledgeBase,
    patient: Patient,
    settings: RankSettings,
    *,
    top: int | None = None,
    explain: int = 0,
    panel_rows: npt.NDArray[np.int64] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Ranking:
    """Rank ``patient`` (see :meth:`xpid.knowledge.base.KnowledgeBase.rank`)."""
    del labels
    breakdown = score_patient(kb, patient, settings)
    rows = kb.corpus_rows[settings.corpus]
    if panel_rows is not None:
        rows = np.intersect1d(rows, panel_rows)
    ordered, key, ranks = order_rows(breakdown.scores, rows)
    n_show = len(ordered) if top is None else min(top, len(ordered))
    results = []
    total = len(patient.present)
    for pos in range(n_show):
        row = int(ordered[pos])
        profile = kb.store.get(kb.disease_ids[row])
        assert profile is not None
        explanation = (
            explain_disease(kb, patient, row, breakdown, settings) if pos < explain else None
        )
        results.append(
            DiseaseResult(
                rank=int(ranks[pos]),
                disease_id=profile.id,
                name=profile.name,
                genes=tuple(g.symbol for g in profile.genes),
                score=float(breakdown.scores[row]),
                matched=int(breakdown.hits[row]),
                total=total,
                explanation=explanation,
            )
        )
    provenance = Provenance(
        xpid_version=__version__,
        hpo_release=kb.ontology.release,
        hpoa_version=kb.store.hpoa_version,
        profile_set_version=kb.store.profile_set_version,
        method=settings.method.value,
        corpus=settings.corpus.value,
        parameters=settings.parameters(),
    )
    return Ranking(
        patient=patient,
        provenance=provenance,
        results=tuple(results),
        n_ranked=len(ordered),
        order_ids=tuple(kb.disease_ids[int(r)] for r in ordered),
        scores=key,
        ranks=ranks,
        notices=patient.notices,
    )
