"""Rank a patient against every disease of a knowledge base, and explain the top ones."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from xpid import __version__
from xpid.knowledge.build import profile_rows
from xpid.knowledge.corpus import Corpus
from xpid.patient.model import Patient
from xpid.profiles.model import mask_references
from xpid.ranking.explain import explain_disease
from xpid.ranking.result import DiseaseResult, Provenance, Ranking
from xpid.scoring.arrays import DiseaseArrays, build_disease_arrays
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

    method: Method = Method.RESNIK_ONESIDED
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


def _score_arrays(
    kb: KnowledgeBase,
    query: I32,
    excluded: I32,
    settings: RankSettings,
    arrays: DiseaseArrays,
) -> tuple[F64, F64, npt.NDArray[np.int64], F64 | None, F64, F64]:
    """Scores, base scores, hits, best matches and penalty parts over ``arrays``."""
    ontology = kb.ontology
    ic = kb.ic[settings.corpus]
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
    return scores, base, closure_hits(query, arrays), best, excl_prob, abs_per


def masked_rows(kb: KnowledgeBase, references: Collection[str]) -> tuple[int, ...]:
    """Rows whose HPOA annotations cite any of ``references``."""
    rows: set[int] = set()
    for ref in references:
        rows.update(kb.compiled.reference_rows.get(ref, ()))
    return tuple(sorted(rows))


def masked_arrays(
    kb: KnowledgeBase, rows: Sequence[int], references: Collection[str]
) -> DiseaseArrays:
    """Disease arrays of ``rows`` with the annotation sources citing ``references`` removed."""
    present = []
    excluded = []
    for row in rows:
        profile = kb.store.get(kb.disease_ids[row])
        assert profile is not None
        p, x = profile_rows(kb.ontology, mask_references(profile, references))
        present.append(p)
        excluded.append(x)
    return build_disease_arrays(
        kb.ontology.ancestor_indptr, kb.ontology.ancestor_indices, present, excluded
    )


def score_patient(
    kb: KnowledgeBase,
    patient: Patient,
    settings: RankSettings,
    *,
    mask_references: Collection[str] = (),
) -> ScoreBreakdown:
    """Score ``patient`` against every disease row of ``kb`` (no filtering, no ordering).

    With ``mask_references``, the diseases whose annotations cite one of them are scored
    from their profiles without those sources (leakage masking); information content is not
    recomputed (one publication moves corpus-wide IC negligibly).
    """
    ontology = kb.ontology
    query = np.asarray([ontology.index_of(t) for t in patient.present], dtype=np.int32)
    excluded = np.asarray([ontology.index_of(t) for t in patient.excluded], dtype=np.int32)
    scores, base, hits, best, excl_prob, abs_per = _score_arrays(
        kb, query, excluded, settings, kb.arrays
    )
    rows = masked_rows(kb, mask_references) if mask_references else ()
    if rows:
        sub = masked_arrays(kb, rows, mask_references)
        s2, b2, h2, best2, e2, a2 = _score_arrays(kb, query, excluded, settings, sub)
        idx = np.asarray(rows, dtype=np.int64)
        scores, base, hits = scores.copy(), base.copy(), hits.copy()
        scores[idx], base[idx], hits[idx] = s2, b2, h2
        if best is not None and best2 is not None:
            best = best.copy()
            best[:, idx] = best2
        excl_prob, abs_per = excl_prob.copy(), abs_per.copy()
        excl_prob[:, idx] = e2
        abs_per[:, idx] = a2
    return ScoreBreakdown(
        query=query,
        excluded=excluded,
        scores=scores,
        base=base,
        hits=hits,
        best=best,
        excluded_probability=excl_prob,
        absence=abs_per,
        units=_units(settings.method.measure, kb.ic[settings.corpus]),
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
    mask_references: Collection[str] = (),
) -> Ranking:
    """Rank ``patient`` (see :meth:`xpid.knowledge.base.KnowledgeBase.rank`)."""
    breakdown = score_patient(kb, patient, settings, mask_references=mask_references)
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
