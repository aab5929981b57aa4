"""The settings of a ranking: method, corpus, panel and the method's parameters (typed)."""

from __future__ import annotations

from dataclasses import dataclass, field

from xpid.knowledge.corpus import DEFAULT_CORPUS, Corpus
from xpid.ranking.priors import PriorSettings
from xpid.scoring.likelihood import LrParameters
from xpid.scoring.methods import DEFAULT_METHOD, Method
from xpid.scoring.penalties import DEFAULT_ABSENCE_WEIGHT, DEFAULT_EXCLUSION_WEIGHT

__all__ = ["RankSettings"]


@dataclass(frozen=True, slots=True)
class RankSettings:
    """Method and parameters of a ranking.

    ``exclusion_weight`` and ``absence_weight`` scale the penalties of
    :mod:`xpid.scoring.penalties` (similarity methods; 0 switches them off); ``lr`` and
    ``priors`` configure the ``lr`` method. ``panel`` names a panel of the profile store
    (``lr``: a prior; the similarity methods: a filter). The parameters a ranking records
    are its method family's (:meth:`MethodFamily.parameters
    <xpid.ranking.families.base.MethodFamily.parameters>`).
    """

    method: Method = DEFAULT_METHOD
    corpus: Corpus = DEFAULT_CORPUS
    panel: str | None = None
    exclusion_weight: float = DEFAULT_EXCLUSION_WEIGHT
    absence_weight: float = DEFAULT_ABSENCE_WEIGHT
    lr: LrParameters = field(default_factory=LrParameters)
    priors: PriorSettings = field(default_factory=PriorSettings)
