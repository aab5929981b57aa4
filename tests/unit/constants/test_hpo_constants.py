"""The well-known HPO terms: ids and labels as in the bundled release, ranges that nest."""

from __future__ import annotations

import math

import pytest

import xpid.constants as constants
from xpid.constants import (
    CONGENITAL_ONSET,
    DAYS_PER_YEAR,
    FREQUENCY,
    FREQUENCY_CLASSES,
    MODE_OF_INHERITANCE,
    NEONATAL_ONSET,
    ONSET,
    ONSET_CLASSES,
    PEDIATRIC_ONSET,
    PHENOTYPIC_ABNORMALITY,
)
from xpid.knowledge.disease_facts import ONSET_YEARS
from xpid.ontology import Ontology
from xpid.phenopackets.reader import ONSET_ORDER, onset_class_of_days, onset_class_of_gestation

INHERITANCE = (
    "AUTOSOMAL_DOMINANT",
    "AUTOSOMAL_RECESSIVE",
    "X_LINKED",
    "X_LINKED_RECESSIVE",
    "X_LINKED_DOMINANT",
    "MITOCHONDRIAL",
    "Y_LINKED",
)


@pytest.mark.bundled
def test_ids_and_labels_are_those_of_the_bundled_release(bundled_ontology: Ontology) -> None:
    def under(root: str, term: str) -> bool:
        r, t = bundled_ontology.index_of(root), bundled_ontology.index_of(term)
        return r != t and bundled_ontology.is_ancestor(r, t)

    for name in ("ONTOLOGY_ROOT", "PHENOTYPIC_ABNORMALITY", "MODE_OF_INHERITANCE", "ONSET"):
        assert bundled_ontology.get_index(getattr(constants, name)) is not None, name
    for name in INHERITANCE:
        assert under(MODE_OF_INHERITANCE, getattr(constants, name)), name
    for c in ONSET_CLASSES.values():
        assert bundled_ontology.labels[bundled_ontology.index_of(c.id)] == c.label
        assert under(ONSET, c.id)
    for f in FREQUENCY_CLASSES.values():
        assert bundled_ontology.labels[bundled_ontology.index_of(f.id)] == f.label
        assert under(FREQUENCY, f.id)
    assert not under(PHENOTYPIC_ABNORMALITY, ONSET)


@pytest.mark.bundled
def test_an_onset_class_lies_inside_its_parent_class(bundled_ontology: Ontology) -> None:
    checked = 0
    for c in ONSET_CLASSES.values():
        index = bundled_ontology.index_of(c.id)
        for parent in bundled_ontology.parents(index).tolist():
            outer = ONSET_CLASSES.get(bundled_ontology.ids[parent])
            if outer is None:
                continue
            assert outer.start_days <= c.start_days <= c.end_days <= outer.end_days, c.label
            checked += 1
    assert checked >= 14


def test_pediatric_onset_excludes_the_neonatal_period() -> None:
    # HPO: "before the age of 16 years, but excluding neonatal or congenital onset".
    pediatric = ONSET_CLASSES[PEDIATRIC_ONSET]
    assert pediatric.start_days == ONSET_CLASSES[NEONATAL_ONSET].end_days == 28.0
    assert pediatric.end_years == 16.0
    assert ONSET_CLASSES[CONGENITAL_ONSET].start_days == ONSET_CLASSES[CONGENITAL_ONSET].end_days
    assert math.isinf(ONSET_CLASSES["HP:0003581"].end_days)  # Adult onset: open


def test_reader_and_priors_use_the_same_age_ranges() -> None:
    # The phenopacket reader (days, to pick the earliest onset) and the onset prior (years)
    # once disagreed on Pediatric onset.
    assert set(ONSET_ORDER) == set(ONSET_YEARS) == set(ONSET_CLASSES)
    for c in ONSET_CLASSES.values():
        assert ONSET_ORDER[c.id][0] == c.start_days
        low, high = ONSET_YEARS[c.id]
        if c.prenatal:
            assert (low, high) == (-1.0, 0.0)
        else:
            assert low * DAYS_PER_YEAR == pytest.approx(c.start_days)
            assert high == min(c.end_years, 100.0)


def test_an_age_falls_in_the_class_whose_range_holds_it() -> None:
    for days in (0.0, 27.9, 28.0, 200.0, 365.25, 1000.0, 5 * 365.25, 6000.0, 40000.0):
        c = ONSET_CLASSES[onset_class_of_days(days)]
        assert c.start_days <= days < c.end_days
    for weeks in range(0, 40):
        c = ONSET_CLASSES[onset_class_of_gestation(weeks)]
        assert c.prenatal and c.start_days <= 7 * weeks - 280 < c.end_days
    assert onset_class_of_gestation(41) == "HP:0034197"  # past term: still Third trimester


def test_frequency_classes_are_the_middle_of_their_ranges() -> None:
    assert [f.probability for f in FREQUENCY_CLASSES.values()] == [
        1.0,
        0.895,
        0.545,
        0.17,
        0.025,
        0.0,
    ]
