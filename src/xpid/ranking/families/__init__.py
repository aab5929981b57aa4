"""Ranking method families, and the table that dispatches each method to its family.

Each family owns its scoring call, its typed breakdown and its explanation
(:class:`~xpid.ranking.families.base.MethodFamily`):

- :mod:`~xpid.ranking.families.likelihood_ratio`: ``lr``;
- :mod:`~xpid.ranking.families.semantic_similarity`: the term measures with their
  aggregations, and simGIC.

Adding a method takes one kernel (in :mod:`xpid.scoring`), one member of
:class:`~xpid.scoring.methods.Method` and one entry in :data:`FAMILIES` (a new family: one
module here that provides the :class:`MethodFamily` members).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from xpid.ranking.families.base import Breakdown, MethodFamily, ScoreRequest
from xpid.ranking.families.likelihood_ratio import LIKELIHOOD_RATIO, LrBreakdown
from xpid.ranking.families.semantic_similarity import SEMANTIC_SIMILARITY, SimilarityBreakdown
from xpid.scoring.methods import Method

__all__ = [
    "FAMILIES",
    "Breakdown",
    "LrBreakdown",
    "MethodFamily",
    "ScoreRequest",
    "SimilarityBreakdown",
    "family_of",
]

FAMILIES: Mapping[Method, MethodFamily[Any]] = MappingProxyType(
    {
        Method.RESNIK_BMA: SEMANTIC_SIMILARITY,
        Method.RESNIK_ONESIDED: SEMANTIC_SIMILARITY,
        Method.RESNIK_FUNSIMMAX: SEMANTIC_SIMILARITY,
        Method.LIN_BMA: SEMANTIC_SIMILARITY,
        Method.LIN_ONESIDED: SEMANTIC_SIMILARITY,
        Method.JC_BMA: SEMANTIC_SIMILARITY,
        Method.JC_ONESIDED: SEMANTIC_SIMILARITY,
        Method.SIMGIC: SEMANTIC_SIMILARITY,
        Method.LR: LIKELIHOOD_RATIO,
    }
)
"""The family of every method (a test checks that every :class:`Method` has one)."""


def family_of(method: Method) -> MethodFamily[Any]:
    """The family that scores and explains ``method``."""
    return FAMILIES[method]
