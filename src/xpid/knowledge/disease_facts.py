"""Per-disease facts the pretest priors of ``lr`` read, compiled once with the arrays.

Which sex a disease is restricted to, whether X-linked recessive is its only mode of
inheritance, the age range of its onset and how many patients its literature reports
(:mod:`xpid.ranking.priors` turns them into weights). Onset classes are read as age ranges
in years (:data:`ONSET_YEARS`), for the diseases here and for the patient's onset there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from xpid.constants import ONSET_CLASSES, X_LINKED_RECESSIVE, Y_LINKED
from xpid.profiles.model import DiseaseProfile
from xpid.sex import Sex

__all__ = ["ONSET_YEARS", "OPEN_ONSET_END_YEARS", "PriorArrays", "onset_range", "prior_arrays"]

OPEN_ONSET_END_YEARS = 100.0
"""Where the priors end an onset class that HPO leaves open (Adult onset, Late onset)."""

ONSET_YEARS: dict[str, tuple[float, float]] = {
    c.id: ((-1.0, 0.0) if c.prenatal else (c.start_years, min(c.end_years, OPEN_ONSET_END_YEARS)))
    for c in ONSET_CLASSES.values()
}
"""Age range in years of each HPO onset class (:data:`xpid.constants.ONSET_CLASSES`); the
priors do not tell prenatal stages apart: every class before birth is -1 to 0."""


def onset_range(onsets: Iterable[str]) -> tuple[float, float] | None:
    """The union of the age ranges of onset classes, or ``None`` when none is known."""
    ranges = [ONSET_YEARS[o] for o in onsets if o in ONSET_YEARS]
    if not ranges:
        return None
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


@dataclass(frozen=True, slots=True, eq=False)
class PriorArrays:
    """Per-disease facts the priors use, shape (D,) each.

    ``xlr_only``: the only mode of inheritance is X-linked recessive; ``sex``: 0 no
    restriction, 1 male only, 2 female only (Y-linked counts as male only);
    ``onset_min``/``onset_max``: the onset age range in years (NaN when unknown);
    ``patients``: the number of patients the PubMed references of the annotations report.
    """

    xlr_only: npt.NDArray[np.bool_]
    sex: npt.NDArray[np.int8]
    onset_min: npt.NDArray[np.float64]
    onset_max: npt.NDArray[np.float64]
    patients: npt.NDArray[np.int64]


def prior_arrays(
    profiles: Sequence[DiseaseProfile], patients: npt.NDArray[np.int64]
) -> PriorArrays:
    """The facts of ``profiles`` (rows in order); ``patients`` the reported patients of
    each (:func:`xpid.knowledge.build.reported_patients`, summed)."""
    n = len(profiles)
    xlr_only = np.zeros(n, dtype=bool)
    sex = np.zeros(n, dtype=np.int8)
    onset_min = np.full(n, np.nan)
    onset_max = np.full(n, np.nan)
    for row, profile in enumerate(profiles):
        modes = set(profile.inheritance)
        xlr_only[row] = modes == {X_LINKED_RECESSIVE}
        if profile.sex is Sex.MALE or Y_LINKED in modes:
            sex[row] = 1
        elif profile.sex is Sex.FEMALE:
            sex[row] = 2
        span = onset_range(profile.onset)
        if span is not None:
            onset_min[row], onset_max[row] = span
    return PriorArrays(
        xlr_only=xlr_only,
        sex=sex,
        onset_min=onset_min,
        onset_max=onset_max,
        patients=patients,
    )
