"""The steps of profile building and the merge of two annotation sets."""

from __future__ import annotations

from pathlib import Path

from xpid.annotations import load_genes, load_hpoa, parse_frequency
from xpid.profiles import (
    Annotation,
    AnnotationSource,
    Origin,
    Status,
    build_profiles,
    extend_with_curated,
    hpoa_profiles,
    merge_annotations,
    parse_profile_toml,
)


def annotation(
    term: str, origin: Origin, ref: str, freq: str, *, onset: str | None = None, comment: str = ""
) -> Annotation:
    source = AnnotationSource(origin, ref, parse_frequency(freq))
    return Annotation(term, Status.PRESENT, source.frequency, onset, (source,), comment)


def test_merged_annotations_join_sources_and_score_with_the_joined_frequency() -> None:
    base = [
        annotation("HP:0002014", Origin.HPOA, "PMID:1", "7/8", onset="HP:0003593"),
        annotation("HP:0000964", Origin.HPOA, "PMID:2", "HP:0040282", comment="base"),
    ]
    added = [
        annotation("HP:0002014", Origin.HPOA, "PMID:3", "1/2"),
        annotation("HP:0000964", Origin.CURATED, "doc", "", onset="HP:0003623"),
        annotation("HP:0002028", Origin.CURATED, "doc", "3/4", comment="new"),
    ]
    merged = {a.term_id: a for a in merge_annotations(base, added)}
    assert [a.term_id for a in merge_annotations(base, added)] == sorted(merged)
    diarrhea = merged["HP:0002014"]
    assert [s.reference for s in diarrhea.sources] == ["PMID:1", "PMID:3"]  # base first
    assert diarrhea.frequency.source == "8/10"  # pooled HPOA count of the joined sources
    assert diarrhea.onset == "HP:0003593"  # the added one gives none: the base's stays
    eczema = merged["HP:0000964"]
    assert (eczema.onset, eczema.comment) == ("HP:0003623", "base")
    assert eczema.frequency.source == "HP:0040282"  # the document gives no frequency
    assert merged["HP:0002028"] == added[2]  # only in one set: unchanged


CURATED = """\
schema = 1
id = "OMIM:300755"
name = "Agammaglobulinemia, X-linked"
genes = ["BTK"]
inheritance = []
onset = []
inheritance_sources = []
curated_by = "tests"
reviewed = "2026-11-21"

[[sources]]
key = "review"
title = "A review"
publisher = "A journal"

[[findings]]
term = "HP:0002719"
label = "Recurrent infections"
status = "present"
frequency = "HP:0040281"
sources = ["review"]
"""


def test_build_is_its_steps(mini_dir: Path) -> None:
    hpoa = load_hpoa(mini_dir / "phenotype.hpoa")
    genes = load_genes(mini_dir / "genes_to_disease.tsv")
    curated = parse_profile_toml(CURATED, path="OMIM_300755.toml")
    steps, unmatched = extend_with_curated(hpoa_profiles(hpoa, genes), [curated])
    built, unmatched_built = build_profiles(hpoa, genes, [curated])
    assert built == tuple(steps[d] for d in sorted(steps)) and unmatched == unmatched_built == ()
    assert steps["OMIM:300755"].curated and not steps["ORPHA:47"].curated
