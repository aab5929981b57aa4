"""What a ranking method family provides, and the steps the families share.

A family owns one kind of ranking method end to end: the scoring call (its kernels from
:mod:`xpid.scoring`), a typed breakdown of the scores (arrays ending in the disease axis)
and the explanation of one disease from that breakdown. :mod:`xpid.ranking.rank` does the
rest the same way for every family: the query's term indices, leakage masking, the ranked
rows, the order and ties, the results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from xpid.patient.model import Patient
from xpid.profiles.model import DiseaseProfile
from xpid.ranking.masking import Masked
from xpid.ranking.result import Explanation
from xpid.ranking.settings import RankSettings
from xpid.scoring.arrays import DiseaseArrays

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase

__all__ = ["Breakdown", "MethodFamily", "ScoreRequest", "score_with_masking"]

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]


class Breakdown(Protocol):
    """Scores of every disease and their parts (a frozen dataclass per family).

    ``DISEASE_AXIS`` names the array fields whose last axis is the disease axis (D,):
    leakage masking replaces their masked columns.
    """

    DISEASE_AXIS: ClassVar[tuple[str, ...]]

    @property
    def query(self) -> I32:
        """Term indices of the present findings, shape (Q,)."""

    @property
    def excluded(self) -> I32:
        """Term indices of the excluded findings, shape (E,)."""

    @property
    def scores(self) -> F64:
        """The ranking score of every disease, shape (D,); higher is better."""

    @property
    def hits(self) -> I64:
        """Per disease, the present findings it shows exactly or more specifically, (D,)."""


B = TypeVar("B", bound=Breakdown)


@dataclass(frozen=True, slots=True, eq=False)
class ScoreRequest:
    """One patient to score against every disease of a knowledge base.

    ``query`` and ``excluded`` are the patient's term indices; ``panel_rows`` the rows of
    ``settings.panel`` (``None`` without a panel); ``masked`` the diseases rescored
    without the masked references (``None`` without masking).
    """

    kb: KnowledgeBase
    patient: Patient
    query: I32
    excluded: I32
    settings: RankSettings
    panel_rows: I64 | None
    masked: Masked | None


class MethodFamily(Protocol[B]):
    """A family of ranking methods (see the module docstring)."""

    @property
    def panel_is_prior(self) -> bool:
        """``True``: a panel weighs the scores (a prior); ``False``: it filters the ranked
        diseases."""

    def parameters(self, settings: RankSettings) -> tuple[tuple[str, object], ...]:
        """The settings this family scores with, as recorded in a ranking's provenance."""

    def score(self, request: ScoreRequest) -> B:
        """Scores of every disease row of the knowledge base, with their parts."""

    def probabilities(self, breakdown: B, ordered: I64) -> tuple[F64, F64] | None:
        """Post-test and pretest probabilities of the ranked rows ``ordered`` (best
        first), or ``None`` when the scores are not probabilistic."""

    def explain(
        self,
        kb: KnowledgeBase,
        row: int,
        breakdown: B,
        settings: RankSettings,
        profile: DiseaseProfile,
    ) -> Explanation:
        """Why disease ``row`` got its score, finding by finding; ``profile`` is the profile
        that was scored (the masked one under leakage masking)."""


def score_with_masking(
    score: Callable[[DiseaseArrays], B], kb: KnowledgeBase, masked: Masked | None
) -> B:
    """``score`` over the knowledge base's arrays, with the masked diseases' columns taken
    from ``score`` over their masked arrays."""
    full = score(kb.arrays)
    if masked is None:
        return full
    return _splice(full, score(masked.arrays), masked.rows)


def _splice(full: B, part: B, rows: Sequence[int]) -> B:
    """``full`` with the disease-axis columns ``rows`` replaced by ``part``'s."""
    idx = np.asarray(rows, dtype=np.int64)
    changes: dict[str, object] = {}
    for name in full.DISEASE_AXIS:
        mine, theirs = getattr(full, name), getattr(part, name)
        if mine is None or theirs is None:
            continue
        merged = np.array(mine, copy=True)
        merged[..., idx] = theirs
        changes[name] = merged
    return replace(full, **changes)  # type: ignore[type-var]
