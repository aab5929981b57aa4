"""Well-known HPO terms: branch roots, modes of inheritance, onset and frequency classes.

One home for each id that xpid's code names (after hpo-toolkit's ``hpotk.constants.hpo``);
the readers, the priors, the simulator and the validators import them from here. Labels,
age ranges and frequency ranges are the HPO definitions of release 2025-01-16 (the tests
check the ids and labels against the bundled ontology).

**Onset classes** (:data:`ONSET_CLASSES`) are age ranges in days from birth, the lower
bound included and the upper bound excluded; ages before birth are negative, on a
:data:`TERM_GESTATION_DAYS`-day pregnancy counted from the first day of the last menstrual
period (10 weeks of gestation is day -210). A year is :data:`DAYS_PER_YEAR` days. HPO gives
no upper bound for *Adult onset* and *Late onset*: theirs is ``math.inf``. *Congenital
onset* ("present at birth") is the instant 0. *Pediatric onset* is "before the age of 16
years, but excluding neonatal or congenital onset": it starts at 28 days.

>>> ONSET_CLASSES[PEDIATRIC_ONSET].start_days, ONSET_CLASSES[PEDIATRIC_ONSET].end_years
(28.0, 16.0)

**Frequency classes** (:data:`FREQUENCY_CLASSES`) are ranges of the percentage of
patients who show a finding; :attr:`FrequencyClass.probability` is the middle of the range.

>>> FREQUENCY_CLASSES["HP:0040281"].probability
0.895
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "ABNORMAL_CELLULAR_PHENOTYPE",
    "ADULT_ONSET",
    "ANTENATAL_ONSET",
    "AUTOSOMAL_DOMINANT",
    "AUTOSOMAL_RECESSIVE",
    "CHILDHOOD_ONSET",
    "CONGENITAL_ONSET",
    "DAYS_PER_YEAR",
    "EMBRYONAL_ONSET",
    "EXCLUDED_FREQUENCY",
    "FETAL_ONSET",
    "FREQUENCY",
    "FREQUENCY_CLASSES",
    "FrequencyClass",
    "INFANTILE_ONSET",
    "JUVENILE_ONSET",
    "LATE_FIRST_TRIMESTER_ONSET",
    "MITOCHONDRIAL",
    "MODE_OF_INHERITANCE",
    "NEONATAL_ONSET",
    "ONSET",
    "ONSET_CLASSES",
    "ONTOLOGY_ROOT",
    "OnsetClass",
    "PEDIATRIC_ONSET",
    "PHENOTYPIC_ABNORMALITY",
    "SECOND_TRIMESTER_ONSET",
    "TERM_GESTATION_DAYS",
    "THIRD_TRIMESTER_ONSET",
    "X_LINKED",
    "X_LINKED_DOMINANT",
    "X_LINKED_RECESSIVE",
    "Y_LINKED",
]

# ----------------------------------------------------------------------------- branch roots

ONTOLOGY_ROOT = "HP:0000001"
"""All."""
PHENOTYPIC_ABNORMALITY = "HP:0000118"
"""Root of the phenotype branch; only its descendants are patient findings."""
MODE_OF_INHERITANCE = "HP:0000005"
"""Root of the inheritance branch (HPOA aspect ``I``)."""
ONSET = "HP:0003674"
"""Root of the onset branch (HPOA aspect ``C``, with the clinical course)."""
FREQUENCY = "HP:0040279"
"""Root of the frequency classes (the HPOA ``frequency`` column)."""
ABNORMAL_CELLULAR_PHENOTYPE = "HP:0025354"
"""A top-level system of the phenotype branch that many terms reach besides their organ."""

# ----------------------------------------------------------------------------- inheritance

AUTOSOMAL_DOMINANT = "HP:0000006"
AUTOSOMAL_RECESSIVE = "HP:0000007"
X_LINKED = "HP:0001417"
X_LINKED_RECESSIVE = "HP:0001419"
"""Affects males; females are usually carriers (the sex prior, the simulator's sex)."""
X_LINKED_DOMINANT = "HP:0001423"
MITOCHONDRIAL = "HP:0001427"
Y_LINKED = "HP:0001450"
"""Affects males only."""

# ----------------------------------------------------------------------------- onset

DAYS_PER_YEAR = 365.25
TERM_GESTATION_DAYS = 280.0
"""Days from the last menstrual period to birth at term (40 weeks)."""


@dataclass(frozen=True, slots=True)
class OnsetClass:
    """An HPO onset class and its age range.

    Attributes
    ----------
    id, label
        The HPO term.
    start_days, end_days
        Age range in days from birth, ``[start_days, end_days)``; negative before birth;
        ``end_days`` is ``math.inf`` when HPO gives no upper bound and equals
        ``start_days`` for an instant (congenital: at birth).
    """

    id: str
    label: str
    start_days: float
    end_days: float

    @property
    def start_years(self) -> float:
        """``start_days`` in years."""
        return self.start_days / DAYS_PER_YEAR

    @property
    def end_years(self) -> float:
        """``end_days`` in years (``math.inf`` when open)."""
        return self.end_days / DAYS_PER_YEAR

    @property
    def prenatal(self) -> bool:
        """Whether the class lies before birth."""
        return self.start_days < 0 and self.end_days <= 0


def _gestation(weeks: int) -> float:
    """Day (from birth) at which ``weeks`` completed weeks of gestation begin."""
    return 7.0 * weeks - TERM_GESTATION_DAYS


ANTENATAL_ONSET = "HP:0030674"
EMBRYONAL_ONSET = "HP:0011460"
FETAL_ONSET = "HP:0011461"
LATE_FIRST_TRIMESTER_ONSET = "HP:0034199"
SECOND_TRIMESTER_ONSET = "HP:0034198"
THIRD_TRIMESTER_ONSET = "HP:0034197"
CONGENITAL_ONSET = "HP:0003577"
NEONATAL_ONSET = "HP:0003623"
PEDIATRIC_ONSET = "HP:0410280"
INFANTILE_ONSET = "HP:0003593"
CHILDHOOD_ONSET = "HP:0011463"
JUVENILE_ONSET = "HP:0003621"
ADULT_ONSET = "HP:0003581"

_Y = DAYS_PER_YEAR
_ONSETS = (
    OnsetClass(ANTENATAL_ONSET, "Antenatal onset", _gestation(0), 0.0),
    OnsetClass(EMBRYONAL_ONSET, "Embryonal onset", _gestation(0), _gestation(10)),
    OnsetClass(FETAL_ONSET, "Fetal onset", _gestation(10), 0.0),
    OnsetClass(
        LATE_FIRST_TRIMESTER_ONSET, "Late first trimester onset", _gestation(11), _gestation(14)
    ),
    OnsetClass(SECOND_TRIMESTER_ONSET, "Second trimester onset", _gestation(14), _gestation(28)),
    OnsetClass(THIRD_TRIMESTER_ONSET, "Third trimester onset", _gestation(28), 0.0),
    OnsetClass(CONGENITAL_ONSET, "Congenital onset", 0.0, 0.0),
    OnsetClass(NEONATAL_ONSET, "Neonatal onset", 0.0, 28.0),
    OnsetClass(PEDIATRIC_ONSET, "Pediatric onset", 28.0, 16 * _Y),
    OnsetClass(INFANTILE_ONSET, "Infantile onset", 28.0, 1 * _Y),
    OnsetClass(CHILDHOOD_ONSET, "Childhood onset", 1 * _Y, 5 * _Y),
    OnsetClass(JUVENILE_ONSET, "Juvenile onset", 5 * _Y, 16 * _Y),
    OnsetClass(ADULT_ONSET, "Adult onset", 16 * _Y, math.inf),
    OnsetClass("HP:0011462", "Young adult onset", 16 * _Y, 40 * _Y),
    OnsetClass("HP:0025708", "Early young adult onset", 16 * _Y, 19 * _Y),
    OnsetClass("HP:0025709", "Intermediate young adult onset", 19 * _Y, 25 * _Y),
    OnsetClass("HP:0025710", "Late young adult onset", 25 * _Y, 40 * _Y),
    OnsetClass("HP:0003596", "Middle age onset", 40 * _Y, 60 * _Y),
    OnsetClass("HP:0003584", "Late onset", 60 * _Y, math.inf),
)

ONSET_CLASSES: Mapping[str, OnsetClass] = MappingProxyType({c.id: c for c in _ONSETS})
"""Every HPO onset class with an age range, by id, from the earliest. *Puerperal onset*
(HP:4000040, the mother's childbirth) has none and is not listed."""

# ----------------------------------------------------------------------------- frequency


@dataclass(frozen=True, slots=True)
class FrequencyClass:
    """An HPO frequency class: the percentage range of patients who show a finding."""

    id: str
    label: str
    min_percent: int
    max_percent: int

    @property
    def probability(self) -> float:
        """The middle of the range as a probability (``(min + max) / 200``)."""
        return (self.min_percent + self.max_percent) / 200


EXCLUDED_FREQUENCY = "HP:0040285"
"""*Excluded*, 0 %: the disease does not show the finding."""

FREQUENCY_CLASSES: Mapping[str, FrequencyClass] = MappingProxyType(
    {
        c.id: c
        for c in (
            FrequencyClass("HP:0040280", "Obligate", 100, 100),
            FrequencyClass("HP:0040281", "Very frequent", 80, 99),
            FrequencyClass("HP:0040282", "Frequent", 30, 79),
            FrequencyClass("HP:0040283", "Occasional", 5, 29),
            FrequencyClass("HP:0040284", "Very rare", 1, 4),
            FrequencyClass(EXCLUDED_FREQUENCY, "Excluded", 0, 0),
        )
    }
)
"""The six HPO frequency classes, by id, from the most frequent."""
