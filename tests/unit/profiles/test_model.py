"""The scorer's frequency rule and leakage masking."""

from __future__ import annotations

from xpid.annotations.frequency import UNKNOWN_FREQUENCY, parse_frequency
from xpid.profiles.model import (
    Annotation,
    AnnotationSource,
    DiseaseProfile,
    Origin,
    Status,
    annotation_frequency,
    mask_references,
)
from xpid.sex import Sex


def hpoa(reference: str, frequency: str) -> AnnotationSource:
    return AnnotationSource(Origin.HPOA, reference, parse_frequency(frequency))


def doc(key: str, frequency: str = "") -> AnnotationSource:
    return AnnotationSource(Origin.CURATED, key, parse_frequency(frequency), "T, P, 2020")


def test_all_ratios_are_pooled() -> None:
    assert annotation_frequency([hpoa("PMID:1", "7/8"), hpoa("PMID:2", "1/2")]).source == "8/10"


def test_mixed_forms_take_the_highest_known_probability() -> None:
    rows = [hpoa("PMID:1", "1/2"), hpoa("PMID:2", "HP:0040281"), hpoa("PMID:3", "")]
    assert annotation_frequency(rows).source == "HP:0040281"
    assert annotation_frequency([hpoa("PMID:1", ""), hpoa("PMID:2", "")]) is UNKNOWN_FREQUENCY
    assert annotation_frequency([hpoa("PMID:1", "1/2"), hpoa("PMID:3", "")]).source == "1/2"
    assert annotation_frequency([]) is UNKNOWN_FREQUENCY


def test_curated_frequency_wins_else_hpoa() -> None:
    assert annotation_frequency([hpoa("PMID:1", "1/9"), doc("a", "HP:0040282")]).source == (
        "HP:0040282"
    )
    assert annotation_frequency([hpoa("PMID:1", "1/9"), doc("a")]).source == "1/9"


def test_a_count_over_twenty_patients_wins_over_a_frequency_class() -> None:
    # IPEX eczema: a cohort count beats the leaflet's class; pooled counts count together.
    cohort = [hpoa("PMID:1", "97/116"), doc("a", "HP:0040282")]
    assert annotation_frequency(cohort).source == "97/116"
    pooled = [hpoa("PMID:1", "12/15"), hpoa("PMID:2", "4/5"), doc("a", "HP:0040283")]
    assert annotation_frequency(pooled).source == "16/20"
    small = [hpoa("PMID:1", "12/15"), doc("a", "HP:0040283")]
    assert annotation_frequency(small).source == "HP:0040283"
    # Between counts, the one over more patients; a curated count can win too.
    assert annotation_frequency([hpoa("PMID:1", "20/40"), doc("a", "30/56")]).source == "30/56"
    assert annotation_frequency([hpoa("PMID:1", "30/60"), doc("a", "30/56")]).source == "30/60"
    # Mixed HPOA forms are not pooled: the curated class stays.
    mixed = [hpoa("PMID:1", "30/60"), hpoa("PMID:2", "HP:0040281"), doc("a", "HP:0040283")]
    assert annotation_frequency(mixed).source == "HP:0040283"


def profile(*annotations: Annotation) -> DiseaseProfile:
    return DiseaseProfile(
        id="OMIM:1",
        name="One",
        synonyms=(),
        genes=(),
        inheritance=(),
        onset=(),
        sex=Sex.UNKNOWN,
        annotations=annotations,
        curated=False,
        related=(),
        database="OMIM",
    )


def annotation(term: str, *sources: AnnotationSource) -> Annotation:
    return Annotation(term, Status.PRESENT, annotation_frequency(sources), None, sources)


def test_mask_removes_sources_drops_empty_annotations_and_recomputes() -> None:
    p = profile(
        annotation("HP:0000001", hpoa("PMID:1", "7/8"), hpoa("PMID:2", "1/2")),
        annotation("HP:0000002", hpoa("PMID:1;PMID:3", "1/1")),
        annotation("HP:0000003", hpoa("PMID:3", "1/1"), doc("leaflet", "HP:0040283")),
    )
    assert p.references == frozenset({"PMID:1", "PMID:2", "PMID:3"})
    masked = mask_references(p, {"PMID:1"})
    assert [a.term_id for a in masked.annotations] == ["HP:0000001", "HP:0000003"]
    assert masked.annotations[0].frequency.source == "1/2"
    assert masked.annotations[1] is p.annotations[2]
    only_doc = mask_references(p, {"PMID:3"}).annotation("HP:0000003")
    assert only_doc is not None and only_doc.frequency.source == "HP:0040283"
    assert mask_references(p, set()) is p
    assert mask_references(p, {"PMID:404"}) is p


def test_present_and_excluded_helpers() -> None:
    excluded = Annotation("HP:0000009", Status.EXCLUDED, parse_frequency("0/3"), None, ())
    p = profile(annotation("HP:0000001", hpoa("PMID:1", "1/2")), excluded)
    assert [a.term_id for a in p.present()] == ["HP:0000001"]
    assert p.excluded() == (excluded,)
    assert p.annotation("HP:0000009", Status.EXCLUDED) is excluded
    assert p.annotation("HP:0000009") is None
