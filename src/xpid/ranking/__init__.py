"""Ranking: a patient against every disease, the result values, explanations, suggestions.

The public names are re-exported here and imported on first use, so that commands which
only need :mod:`xpid.ranking.tsv` at start-up do not load numpy and the ranking engine.
The usual entry point is :func:`xpid.rank`; :func:`rank_patient` takes typed
:class:`RankSettings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xpid.ranking.priors import PriorSettings
    from xpid.ranking.rank import rank_patient, score_patient
    from xpid.ranking.result import (
        DiseaseResult,
        ExcludedFinding,
        Explanation,
        Finding,
        FindingMatch,
        Provenance,
        Ranking,
        UnreportedFinding,
        tie_group,
    )
    from xpid.ranking.settings import RankSettings
    from xpid.ranking.suggest import Suggestion, suggest_findings

__all__ = [
    "DiseaseResult",
    "ExcludedFinding",
    "Explanation",
    "Finding",
    "FindingMatch",
    "PriorSettings",
    "Provenance",
    "RankSettings",
    "Ranking",
    "Suggestion",
    "UnreportedFinding",
    "rank_patient",
    "score_patient",
    "suggest_findings",
    "tie_group",
]

_LAZY = {
    "DiseaseResult": "xpid.ranking.result",
    "ExcludedFinding": "xpid.ranking.result",
    "Explanation": "xpid.ranking.result",
    "Finding": "xpid.ranking.result",
    "FindingMatch": "xpid.ranking.result",
    "PriorSettings": "xpid.ranking.priors",
    "Provenance": "xpid.ranking.result",
    "RankSettings": "xpid.ranking.settings",
    "Ranking": "xpid.ranking.result",
    "Suggestion": "xpid.ranking.suggest",
    "UnreportedFinding": "xpid.ranking.result",
    "rank_patient": "xpid.ranking.rank",
    "score_patient": "xpid.ranking.rank",
    "suggest_findings": "xpid.ranking.suggest",
    "tie_group": "xpid.ranking.result",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xpid.ranking' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
