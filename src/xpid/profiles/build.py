"""Building disease profiles: HPOA rows to one profile per disease, then the merges.

:func:`build_profiles` runs the steps in order, each a function from the profiles by id to
the profiles by id, so that another annotation source is one more step:

1. :func:`hpoa_profiles` — every disease of ``phenotype.hpoa`` becomes a profile
   (:func:`hpoa_profile` gives the rules).
2. *(the place for sources merged by disease identity: issue 14 merges the OMIM,
   Orphanet and DECIPHER twins of one disease through Mondo here, with*
   :func:`merge_annotations` *for their findings)*.
3. :func:`extend_with_curated` — each document-built profile extends the profile of its
   disease (:func:`merge_curated` gives the rule, field by field); one whose disease the
   HPOA file lacks is left out and reported (:attr:`ProfileStore.unmatched_curated`): the
   documents extend the annotation of one HPO release, and a data directory of another
   release (or the test fixtures) may lack their diseases.

Which frequency an annotation with several sources scores with is
:func:`~xpid.profiles.model.annotation_frequency`, applied wherever sources are joined.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

from xpid.annotations import Aspect, Gene, HpoaFile, HpoaRow
from xpid.profiles.curated import CuratedProfile
from xpid.profiles.model import (
    Annotation,
    AnnotationSource,
    DiseaseProfile,
    Origin,
    Status,
    annotation_frequency,
    sort_annotations,
)
from xpid.sex import Sex

__all__ = [
    "build_profiles",
    "curated_annotations",
    "extend_with_curated",
    "hpoa_profile",
    "hpoa_profiles",
    "merge_annotations",
    "merge_curated",
    "row_status",
]

Profiles = dict[str, DiseaseProfile]
"""Profiles by disease id, the value each step of :func:`build_profiles` passes on."""


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def row_status(row: HpoaRow) -> Status:
    """*Excluded* for the ``NOT`` qualifier or a frequency that says "never" (``0/N``,
    ``0%``, HP:0040285): OMIM writes absence as ``0/N``, never as ``NOT``; else *present*."""
    return Status.EXCLUDED if row.negated or row.frequency.is_absent else Status.PRESENT


def hpoa_profile(
    disease_id: str,
    rows: Sequence[HpoaRow],
    genes: tuple[Gene, ...],
    onset_terms: Collection[str] | None,
) -> DiseaseProfile:
    """The profile of one disease from its ``phenotype.hpoa`` rows (in file order).

    Aspect ``P`` rows become annotations, one per (term, :func:`row_status`), with one
    :class:`~xpid.profiles.model.AnnotationSource` per row whose ``reference`` is the
    row's reference column (several references joined by ``;``) and the onset of the
    first row that gives one. Aspect ``I`` rows give ``inheritance``; aspect ``C`` rows
    give ``onset`` when the id is in ``onset_terms`` (every ``C`` row when it is ``None``)
    and ``clinical_course`` otherwise; aspect ``M`` (modifier) and ``H`` (past medical
    history) rows are not part of the profile. The name is the one most rows use (the
    first such on ties).
    """
    names = Counter(r.disease_name for r in rows)
    top = max(names.values())
    name = next(r.disease_name for r in rows if names[r.disease_name] == top)
    grouped: dict[tuple[str, Status], list[HpoaRow]] = {}
    inheritance: list[str] = []
    onset: list[str] = []
    course: list[str] = []
    for row in rows:
        if row.aspect is Aspect.P:
            grouped.setdefault((row.hpo_id, row_status(row)), []).append(row)
        elif row.aspect is Aspect.I:
            inheritance.append(row.hpo_id)
        elif row.aspect is Aspect.C:
            if onset_terms is None or row.hpo_id in onset_terms:
                onset.append(row.hpo_id)
            else:
                course.append(row.hpo_id)
    annotations = []
    for (term, status), group in grouped.items():
        sources = tuple(
            [AnnotationSource(Origin.HPOA, ";".join(r.references), r.frequency) for r in group]
        )
        first_onset = next((r.onset for r in group if r.onset), None)
        annotations.append(
            Annotation(term, status, annotation_frequency(sources), first_onset, sources)
        )
    return DiseaseProfile(
        id=disease_id,
        name=name,
        synonyms=(),
        genes=genes,
        inheritance=_unique(inheritance),
        onset=_unique(onset),
        sex=Sex.UNKNOWN,
        annotations=sort_annotations(annotations),
        curated=False,
        related=(),
        database=disease_id.split(":", 1)[0],
        clinical_course=_unique(course),
    )


def hpoa_profiles(
    hpoa: HpoaFile,
    genes: Mapping[str, tuple[Gene, ...]],
    *,
    onset_terms: Collection[str] | None = None,
) -> Profiles:
    """Step 1: one profile per disease of ``hpoa`` (:func:`hpoa_profile`), by id."""
    rows_by_disease: dict[str, list[HpoaRow]] = {}
    for row in hpoa.rows:
        rows_by_disease.setdefault(row.disease_id, []).append(row)
    return {
        d: hpoa_profile(d, rows, genes.get(d, ()), onset_terms)
        for d, rows in rows_by_disease.items()
    }


def merge_annotations(
    base: Iterable[Annotation], added: Iterable[Annotation]
) -> tuple[Annotation, ...]:
    """The union of two annotation sets of one disease, in profile order.

    Annotations are matched by (term, status). A matched pair keeps the sources of
    ``base`` first, then those of ``added``, and scores with
    :func:`~xpid.profiles.model.annotation_frequency` of the joined sources; its onset and
    comment are those of ``added`` when it gives them, else those of ``base``.
    """
    by_key = {(a.term_id, a.status): a for a in base}
    for a in added:
        key = (a.term_id, a.status)
        old = by_key.get(key)
        if old is None:
            by_key[key] = a
            continue
        sources = old.sources + a.sources
        by_key[key] = Annotation(
            term_id=a.term_id,
            status=a.status,
            frequency=annotation_frequency(sources),
            onset=a.onset or old.onset,
            sources=sources,
            comment=a.comment or old.comment,
        )
    return sort_annotations(by_key.values())


def curated_annotations(curated: CuratedProfile) -> tuple[Annotation, ...]:
    """The findings of a document-built profile as annotations (one source per cited
    document, with the finding's frequency and the document's citation)."""
    out = []
    for f in curated.findings:
        sources = tuple(
            AnnotationSource(Origin.CURATED, key, f.frequency, curated.source(key).citation)
            for key in f.sources
        )
        out.append(
            Annotation(f.term, f.status, annotation_frequency(sources), f.onset, sources, f.comment)
        )
    return tuple(out)


def merge_curated(base: DiseaseProfile, curated: CuratedProfile) -> DiseaseProfile:
    """``base`` (the HPO profile of the disease) extended by a document-built profile."""
    have = {g.symbol for g in base.genes}
    return DiseaseProfile(
        id=base.id,
        # The HPO name names the disease everywhere; the document's is checked against it.
        name=base.name,
        # Only documents give synonyms, a sex restriction and related diseases.
        synonyms=curated.synonyms,
        sex=curated.sex,
        related=curated.related,
        # Findings: the union; a finding in both keeps both sources, HPOA rows first.
        annotations=merge_annotations(base.annotations, curated_annotations(curated)),
        # Genes: the gene map's, then the document's symbols it lacks (no NCBI id).
        genes=tuple(sorted([*base.genes, *(Gene(s, "") for s in curated.genes if s not in have)])),
        # Inheritance and onset: unions, HPOA first.
        inheritance=_unique([*base.inheritance, *curated.inheritance]),
        onset=_unique([*base.onset, *curated.onset]),
        clinical_course=base.clinical_course,
        curated=True,
        database=base.database,
    )


def extend_with_curated(
    profiles: Profiles, curated: Sequence[CuratedProfile]
) -> tuple[Profiles, tuple[str, ...]]:
    """Step 3: each of ``curated`` merged into the profile of its disease
    (:func:`merge_curated`); returns the profiles and the ids of those left out because
    ``profiles`` lacks their disease."""
    merged = dict(profiles)
    unmatched: list[str] = []
    for c in curated:
        base = merged.get(c.id)
        if base is None:
            unmatched.append(c.id)
        else:
            merged[c.id] = merge_curated(base, c)
    return merged, tuple(unmatched)


def build_profiles(
    hpoa: HpoaFile,
    genes: Mapping[str, tuple[Gene, ...]],
    curated: Sequence[CuratedProfile] = (),
    *,
    onset_terms: Collection[str] | None = None,
) -> tuple[tuple[DiseaseProfile, ...], tuple[str, ...]]:
    """Every profile (HPOA diseases merged with ``curated``), sorted by id.

    Returns the profiles and the ids of the ``curated`` profiles left out because the HPOA
    file lacks their disease.

    Parameters
    ----------
    hpoa
        The parsed ``phenotype.hpoa``.
    genes
        Disease id → genes (:func:`xpid.annotations.genes.parse_genes`).
    curated
        Document-built profiles.
    onset_terms
        Ids under *Onset* (HP:0003674); aspect ``C`` rows with other ids go to
        ``clinical_course``. ``None`` puts every ``C`` row in ``onset``.
    """
    profiles = hpoa_profiles(hpoa, genes, onset_terms=onset_terms)
    profiles, unmatched = extend_with_curated(profiles, curated)
    return tuple(profiles[d] for d in sorted(profiles)), unmatched
