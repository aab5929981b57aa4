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
