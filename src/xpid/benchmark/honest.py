"""The figures that describe a clinician's next patient, first; recognition second.

About half of published cases come from a paper that their own diagnosis's annotations cite:
ranking those unmasked is **recognition** of a described patient. A new patient is never in
the annotations. Two figures stand in for one:

- **masked, all cases**: every case ranked with the annotation rows citing its own
  publication left out (``--mask-own-publication``);
- **unmasked, not-cited cases**: the cases whose publication the diagnosis's annotations do
  not cite, ranked as they are.

**Recognition of published cases** is the unmasked figure over all cases: reported, never
optimised alone.

With cohort folds (:mod:`xpid.benchmark.folds`) each figure is also given per test fold, so
that the spread between cohorts is visible next to the pooled figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from xpid.benchmark.metrics import RankSummary, summarize_ranks
from xpid.benchmark.run import CaseOutcome, Variant
from xpid.errors import ParameterError

__all__ = ["HONEST_GROUPS", "HonestFigures", "honest_figures"]

HONEST_GROUPS = ("masked, all cases", "unmasked, not-cited cases", "unmasked, all cases")
"""The three figures per method: two for new patients, then recognition of published cases."""


@dataclass(frozen=True, slots=True)
class HonestFigures:
    """The honest figures of one method, average ties.

    ``masked`` (all cases, masked variant) and ``not_cited`` (unmasked variant, cases whose
    publication their diagnosis's annotations do not cite) describe new patients;
    ``recognition`` is the unmasked variant over all cases. Each is ``None`` when the run
    did not rank that variant. ``per_fold`` holds the same three per test fold (empty
    without folds).
    """

    method: str
    masked: RankSummary | None
    not_cited: RankSummary | None
    recognition: RankSummary | None
    per_fold: tuple[tuple[RankSummary | None, RankSummary | None, RankSummary | None], ...] = ()

    def groups(self) -> tuple[RankSummary | None, RankSummary | None, RankSummary | None]:
        """The three figures in :data:`HONEST_GROUPS` order."""
        return self.masked, self.not_cited, self.recognition


def _summary(ranks: Sequence[float]) -> RankSummary | None:
    return summarize_ranks(np.asarray(ranks, dtype=float)) if len(ranks) else None


def honest_figures(
    ranked: Sequence[CaseOutcome],
    variants: Sequence[Variant],
    folds: Sequence[int] | None = None,
) -> list[HonestFigures]:
    """The honest figures of each method of ``variants``, in their order.

    Parameters
    ----------
    ranked
        The ranked (not skipped) outcomes, each with one rank per variant.
    variants
        The run's variants (a method may appear masked, unmasked or both).
    folds
        Test fold of each outcome (0..K-1), or ``None``.

    Raises
    ------
    ParameterError
        When ``folds`` is not one fold per outcome.
    """
    if folds is not None and len(folds) != len(ranked):
        raise ParameterError(f"folds must give one fold per ranked case ({len(ranked)}).")
    n_folds = 0 if folds is None else (max(folds) + 1 if len(folds) else 0)
    out: list[HonestFigures] = []
    for method in dict.fromkeys(v.method for v in variants):
        index = {v.masked: i for i, v in enumerate(variants) if v.method is method}

        def select(
            masked: bool, only_uncited: bool, fold: int | None, index: dict[bool, int] = index
        ) -> RankSummary | None:
            i = index.get(masked)
            if i is None:
                return None
            ranks = [
                o.ranks[i].average
                for j, o in enumerate(ranked)
                if not (only_uncited and o.leaked)
                and (fold is None or (folds is not None and folds[j] == fold))
            ]
            return _summary(ranks)

        per_fold = tuple(
            (select(True, False, f), select(False, True, f), select(False, False, f))
            for f in range(n_folds)
        )
        out.append(
            HonestFigures(
                method=method.value,
                masked=select(True, False, None),
                not_cited=select(False, True, None),
                recognition=select(False, False, None),
                per_fold=per_fold,
            )
        )
    return out
