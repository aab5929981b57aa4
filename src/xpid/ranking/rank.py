"""Rank a patient against every disease of a knowledge base, and explain the top ones.

The steps every method shares: the query's term indices, leakage masking, the ranked rows,
the order with its ties, and the results. What depends on the method (its kernels, its
breakdown, its probabilities, its explanation) is its family's
(:mod:`xpid.ranking.families`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from xpid.errors import ParameterError
from xpid.patient.model import Patient
from xpid.profiles.model import mask_references as mask_profile
from xpid.ranking.families import Breakdown, MethodFamily, ScoreRequest, family_of
from xpid.ranking.masking import mask
from xpid.ranking.result import DiseaseResult, Finding, Provenance, Ranking
from xpid.ranking.settings import RankSettings
from xpid.version import __version__

if TYPE_CHECKING:
    from typing import Any

    from xpid.knowledge.base import KnowledgeBase

__all__ = [
    "score_patient",
    "rank_patient",
    "order_rows",
    "TIE_DECIMALS",
    "UNLIKELY_THRESHOLD",
]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

TIE_DECIMALS = 9
"""Scores equal to this many decimals are ties (so float noise never splits a tie)."""

UNLIKELY_THRESHOLD = 0.05
"""With ``lr``, a top post-test probability below this is reported as "no diagnosis is
likely"."""


def _score(
    kb: KnowledgeBase,
    patient: Patient,
    settings: RankSettings,
    family: MethodFamily[Any],
    mask_references: Collection[str],
) -> tuple[Breakdown, I64 | None]:
    """The family's breakdown, and the rows of ``settings.panel`` (``None`` without one)."""
    ontology = kb.ontology
    panel_rows = kb.panel_rows(settings.panel) if settings.panel is not None else None
    request = ScoreRequest(
        kb=kb,
        patient=patient,
        query=np.asarray([ontology.index_of(t) for t in patient.present], dtype=np.int32),
        excluded=np.asarray([ontology.index_of(t) for t in patient.excluded], dtype=np.int32),
        settings=settings,
        panel_rows=panel_rows,
        masked=mask(kb, mask_references),
    )
    return family.score(request), panel_rows


def score_patient(
    kb: KnowledgeBase,
    patient: Patient,
    settings: RankSettings,
    *,
    mask_references: Collection[str] = (),
) -> Breakdown:
    """Score ``patient`` against every disease row of ``kb`` (no filtering, no ordering).

    The breakdown's type is the method family's (:mod:`xpid.ranking.families`); every one
    has ``scores``, shape (D,), higher is better. With ``mask_references``, the diseases
    whose annotations cite one of them are scored from their profiles without those
    sources (leakage masking). With ``lr`` the scores include the log prior weights (sex,
    onset, literature, and ``settings.panel``).
    """
    breakdown, _ = _score(kb, patient, settings, family_of(settings.method), mask_references)
    return breakdown


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
    mask_references: Collection[str] = (),
) -> Ranking:
    """Rank ``patient`` against the diseases of ``settings.corpus`` (see :func:`xpid.rank`).

    Raises
    ------
    ParameterError
        When ``top`` is below 1.
    UnknownNameError
        When ``settings.panel`` names no panel of the profile store.
    """
    if top is not None and top < 1:
        raise ParameterError(f"top must be at least 1, got {top}.")
    family = family_of(settings.method)
    breakdown, panel_rows = _score(kb, patient, settings, family, mask_references)
    rows = kb.corpus_rows[settings.corpus]
    if panel_rows is not None and not family.panel_is_prior:
        rows = np.intersect1d(rows, panel_rows)
    ordered, key, ranks = order_rows(breakdown.scores, rows)
    probabilities = family.probabilities(breakdown, ordered)
    post, pre = (None, None) if probabilities is None else probabilities
    n_show = len(ordered) if top is None else min(top, len(ordered))
    results = []
    total = len(patient.present)
    for pos in range(n_show):
        row = int(ordered[pos])
        profile = kb.store.get(kb.disease_ids[row])
        assert profile is not None
        explanation = None
        if pos < explain:
            scored = mask_profile(profile, mask_references) if mask_references else profile
            explanation = family.explain(kb, row, breakdown, settings, scored)
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
                probability=None if post is None else float(post[pos]),
                pretest=None if pre is None else float(pre[pos]),
            )
        )
    provenance = Provenance(
        xpid_version=__version__,
        hpo_release=kb.ontology.release,
        hpoa_version=kb.store.hpoa_version,
        profile_set_version=kb.store.profile_set_version,
        parameters=family.parameters(settings),
    )
    labels = kb.labels([*patient.present, *patient.excluded])
    return Ranking(
        patient=patient,
        settings=settings,
        provenance=provenance,
        present=tuple(Finding(t, labels[t]) for t in patient.present),
        excluded=tuple(Finding(t, labels[t]) for t in patient.excluded),
        results=tuple(results),
        n_ranked=len(ordered),
        order=ordered,
        disease_ids=kb.disease_ids,
        scores=key,
        ranks=ranks,
        notices=patient.notices,
        probabilities=post,
    )
