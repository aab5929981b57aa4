"""The disease profile: what xpid knows about one disease.

A :class:`DiseaseProfile` holds a disease's names, genes, modes of inheritance, onset, sex
restriction and its :class:`Annotation` s. There is one annotation per (disease, term,
status); every row or document that supports it is one :class:`AnnotationSource`.

**Absence.** A ``phenotype.hpoa`` row with the ``NOT`` qualifier, or with a frequency that
says the finding never occurs (``0/N``, ``0%``, HP:0040285 Excluded), is an *excluded*
annotation (:attr:`Status.EXCLUDED`): the disease does not show the finding. It is never
present.

**Which frequency the scorer uses** (:attr:`Annotation.frequency`, computed by
:func:`annotation_frequency` from the sources):

1. a count over at least :data:`COUNT_PRECEDENCE` patients when there is one (the pooled
   HPOA count, see 3, or a curated count; the one over more patients): such a count is more
   precise than a frequency class 25 to 50 points wide or a figure without a denominator
   (for IPEX, eczema in 97 of 116 patients rather than a leaflet's "usually", *Frequent*);
2. else the document-built (curated) frequency when a curated source gives one;
3. else, when every HPOA source has a count ``n/m``, the pooled count
   ``(sum of n)/(sum of m)``;
4. else the HPOA frequency with the highest known probability (the first such row on ties);
5. else unknown.

Excluded annotations keep the frequency as written (``0/5`` says "in none of 5").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from xpid.annotations import (
    UNKNOWN_FREQUENCY,
    Frequency,
    FrequencyKind,
    Gene,
    parse_frequency,
)
from xpid.sex import Sex

__all__ = [
    "COUNT_PRECEDENCE",
    "Annotation",
    "AnnotationSource",
    "DiseaseProfile",
    "Origin",
    "RelatedDisease",
    "Relation",
    "Status",
    "annotation_frequency",
    "mask_references",
]


class Status(Enum):
    """Whether the disease shows the finding (present) or does not (excluded)."""

    PRESENT = "present"
    EXCLUDED = "excluded"


class Origin(Enum):
    """Where a statement comes from: the HPO annotation file or a document-built profile."""

    HPOA = "hpoa"
    CURATED = "curated"


class Relation(Enum):
    """How a related disease relates to a profile's disease."""

    ALLELIC = "allelic"
    """Same gene, different disorder."""


_STATUS_ORDER = {Status.PRESENT: 0, Status.EXCLUDED: 1}


@dataclass(frozen=True, slots=True)
class AnnotationSource:
    """One statement behind an annotation.

    Attributes
    ----------
    origin
        HPOA row or document-built finding.
    reference
        The HPOA ``reference`` as written (``"PMID:31675180"``, ``"OMIM:619340"``, several
        joined by ``;``); for a
        curated finding, the key of the source document in its profile file.
    frequency
        The frequency that this statement gives.
    citation
        For curated findings ``"title, publisher, year"`` (no year when the document gives
        none); empty for HPOA rows.
    """

    origin: Origin
    reference: str
    frequency: Frequency
    citation: str = ""

    @property
    def references(self) -> tuple[str, ...]:
        """The references of ``reference`` (an HPOA row may cite several, joined by ``;``)."""
        return tuple(part for part in self.reference.split(";") if part)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A finding of a disease, present or excluded, with its sources.

    ``frequency`` is the one the scorer uses (see the module docstring); ``onset`` an HPO
    onset id for this finding or ``None``; ``comment`` the curators' words.
    """

    term_id: str
    status: Status
    frequency: Frequency
    onset: str | None
    sources: tuple[AnnotationSource, ...]
    comment: str = ""

    @property
    def curated(self) -> bool:
        """Whether a document-built profile supports this annotation."""
        return any(s.origin is Origin.CURATED for s in self.sources)

    @property
    def from_hpoa(self) -> bool:
        """Whether an HPOA row supports this annotation."""
        return any(s.origin is Origin.HPOA for s in self.sources)


@dataclass(frozen=True, slots=True)
class RelatedDisease:
    """A disease related to a profile's disease, e.g. an allelic disorder."""

    id: str
    relation: Relation
    note: str = ""


@dataclass(frozen=True, slots=True)
class DiseaseProfile:
    """Everything xpid knows about one disease.

    Attributes
    ----------
    id, name
        Disease CURIE (``"OMIM:300291"``) and name.
    synonyms
        Other names (from document-built profiles).
    genes
        Associated genes, sorted by symbol.
    inheritance
        HPO *Mode of inheritance* ids (HPOA aspect ``I`` rows, then curated ones).
    onset
        HPO *Onset* ids (HPOA aspect ``C`` rows under Onset, then curated ones).
    clinical_course
        The other aspect ``C`` ids (progression, age of death, …).
    sex
        The sex the disease is restricted to, from a document-built profile; ``UNKNOWN``
        when not restricted.
    annotations
        Sorted by status (present first) then term id.
    curated
        Whether a document-built profile contributed.
    related
        Related diseases.
    database
        The id prefix: ``"OMIM"``, ``"ORPHA"``, ``"DECIPHER"``.
    """

    id: str
    name: str
    synonyms: tuple[str, ...]
    genes: tuple[Gene, ...]
    inheritance: tuple[str, ...]
    onset: tuple[str, ...]
    sex: Sex
    annotations: tuple[Annotation, ...]
    curated: bool
    related: tuple[RelatedDisease, ...]
    database: str
    clinical_course: tuple[str, ...] = ()

    def present(self) -> tuple[Annotation, ...]:
        """The present annotations, by term id."""
        return tuple(a for a in self.annotations if a.status is Status.PRESENT)

    def excluded(self) -> tuple[Annotation, ...]:
        """The excluded annotations, by term id."""
        return tuple(a for a in self.annotations if a.status is Status.EXCLUDED)

    def annotation(self, term_id: str, status: Status = Status.PRESENT) -> Annotation | None:
        """The annotation of ``term_id`` with ``status``, or ``None``."""
        for a in self.annotations:
            if a.term_id == term_id and a.status is status:
                return a
        return None

    @property
    def references(self) -> frozenset[str]:
        """Every reference cited by an HPOA source of this profile."""
        return frozenset(
            r
            for a in self.annotations
            for s in a.sources
            if s.origin is Origin.HPOA
            for r in s.references
        )


def sort_annotations(annotations: Iterable[Annotation]) -> tuple[Annotation, ...]:
    """Annotations in profile order: present first, then by term id."""
    return tuple(sorted(annotations, key=lambda a: (_STATUS_ORDER[a.status], a.term_id)))


COUNT_PRECEDENCE = 20
"""Patients a count ``n/m`` needs (``m``) to take precedence over a document-built frequency."""


def annotation_frequency(sources: Sequence[AnnotationSource]) -> Frequency:
    """The frequency the scorer uses for an annotation with these sources.

    The rule is in the module docstring: a count over at least :data:`COUNT_PRECEDENCE`
    patients, else curated, then the pooled count when every HPOA source is ``n/m``, then
    the highest known HPOA probability, else unknown.

    >>> from xpid.annotations.frequency import parse_frequency as f
    >>> rows = [AnnotationSource(Origin.HPOA, "PMID:1", f("1/2")),
    ...         AnnotationSource(Origin.HPOA, "PMID:2", f("3/4"))]
    >>> annotation_frequency(rows).source
    '4/6'
    """
    if len(sources) == 1:  # the common case: one HPOA row or one document
        return sources[0].frequency
    rows = [s.frequency for s in sources if s.origin is Origin.HPOA]
    pooled = None
    if len(rows) == 1:
        pooled = rows[0]
    elif rows and all(f.kind is FrequencyKind.RATIO for f in rows):
        n = sum(f.numerator or 0 for f in rows)
        m = sum(f.denominator or 0 for f in rows)
        pooled = parse_frequency(f"{n}/{m}")
    curated = [s.frequency for s in sources if s.origin is Origin.CURATED]
    counts = [
        f
        for f in ([pooled] if pooled is not None else []) + curated
        if f.kind is FrequencyKind.RATIO and (f.denominator or 0) >= COUNT_PRECEDENCE
    ]
    if counts:
        return max(counts, key=lambda f: f.denominator or 0)  # the first on ties
    for frequency in curated:
        if frequency.is_known:
            return frequency
    if not rows:
        return UNKNOWN_FREQUENCY
    if pooled is not None:
        return pooled
    best = UNKNOWN_FREQUENCY
    best_p = -1.0
    for f in rows:
        p = f.probability
        if p is not None and p > best_p:
            best, best_p = f, p
    return best


def mask_references(profile: DiseaseProfile, references: Collection[str]) -> DiseaseProfile:
    """The profile without the statements whose reference is in ``references``.

    Removes every :class:`AnnotationSource` that cites one of ``references`` (an HPOA row
    citing several references goes when any of them is masked), drops
    annotations left with no source, and recomputes the frequency of the others with
    :func:`annotation_frequency`. Used to mask the annotation rows that cite a benchmark
    case's own publication.

    Parameters
    ----------
    profile
        The profile to mask.
    references
        References to remove, e.g. ``{"PMID:15100680"}``.

    Returns
    -------
    DiseaseProfile
        ``profile`` itself when nothing is removed.
    """
    if not references:
        return profile
    masked = set(references)
    kept: list[Annotation] = []
    changed = False
    for a in profile.annotations:
        sources = tuple(s for s in a.sources if masked.isdisjoint(s.references))
        if len(sources) == len(a.sources):
            kept.append(a)
            continue
        changed = True
        if sources:
            kept.append(replace(a, sources=sources, frequency=annotation_frequency(sources)))
    if not changed:
        return profile
    return replace(profile, annotations=tuple(kept))
