"""What every family's explanation shows the same way: the words for a match, the profile
annotation behind a matched term, and the disease's frequent findings the patient did not
report (plain Python over one profile's few dozen annotations)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from xpid.knowledge.build import scoring_probability
from xpid.ontology import Ontology
from xpid.profiles.model import Annotation, DiseaseProfile, Status
from xpid.ranking.result import ExcludedFinding, FindingMatch, UnreportedFinding
from xpid.scoring.matches import Relation

__all__ = [
    "FREQUENT_THRESHOLD",
    "KIND",
    "absent_annotation_id",
    "excluded_findings",
    "matched_finding",
    "unmatched_finding",
    "unreported_findings",
]

FREQUENT_THRESHOLD = 0.30
"""Findings at least this frequent (HPO "Frequent", 30–79%, and above) are listed when the
patient did not report them."""

KIND = {
    Relation.EXACT: "exact",
    Relation.DISEASE_MORE_SPECIFIC: "disease more specific",
    Relation.PATIENT_MORE_SPECIFIC: "patient more specific",
    Relation.RELATED: "related",
}
"""The ``kind`` of a :class:`~xpid.ranking.result.FindingMatch` for each relation."""


def _present(ontology: Ontology, profile: DiseaseProfile) -> list[tuple[int, Annotation]]:
    out = []
    for annotation in profile.annotations:
        index = ontology.current_index(annotation.term_id)
        if index is not None and annotation.status is Status.PRESENT:
            out.append((index, annotation))
    return out


def matched_finding(
    ontology: Ontology,
    profile: DiseaseProfile,
    finding: int,
    term: int,
    relation: Relation,
    *,
    similarity: float,
    contribution: float,
    by_frequency: bool,
    absent_in_disease: str | None = None,
    penalty: float = 0.0,
    log_lr: float | None = None,
) -> FindingMatch:
    """A present finding matched with the annotated ``term`` (term indices).

    The match's frequency is that of the present annotation of ``profile`` on ``term``. Two
    annotations map to one term only through alternative ids; then the first one is shown,
    or with ``by_frequency`` the most frequent one (the one the compiled arrays keep).
    """
    found = [a for i, a in _present(ontology, profile) if i == term]
    if by_frequency:
        found.sort(key=lambda a: -_probability(a))
    return FindingMatch(
        id=ontology.ids[finding],
        label=ontology.labels[finding],
        kind=KIND[relation],
        match_id=ontology.ids[term],
        match_label=ontology.labels[term],
        match_frequency=found[0].frequency.source or None,
        similarity=similarity,
        contribution=contribution,
        absent_in_disease=absent_in_disease,
        penalty=penalty,
        log_lr=log_lr,
    )


def _probability(annotation: Annotation) -> float:
    p = scoring_probability(annotation.frequency)
    return -1.0 if math.isnan(p) else p  # unknown sorts last


def absent_annotation_id(ontology: Ontology, profile: DiseaseProfile, term: int) -> str:
    """The id, as the profile writes it, of the excluded annotation of ``profile`` on the
    term index ``term``."""
    for annotation in profile.annotations:
        excluded = annotation.status is Status.EXCLUDED
        if excluded and ontology.current_index(annotation.term_id) == term:
            return annotation.term_id
    raise AssertionError(f"{profile.id} has no excluded annotation on term {term}")


def unmatched_finding(
    ontology: Ontology,
    finding: int,
    *,
    contribution: float = 0.0,
    absent_in_disease: str | None = None,
    penalty: float = 0.0,
    log_lr: float | None = None,
) -> FindingMatch:
    """A present finding that no annotation of the disease explains."""
    return FindingMatch(
        ontology.ids[finding],
        ontology.labels[finding],
        "none",
        None,
        None,
        None,
        0.0,
        contribution,
        absent_in_disease,
        penalty,
        log_lr,
    )


def excluded_findings(
    ontology: Ontology,
    excluded: Sequence[int],
    probabilities: Sequence[float],
    penalties: Sequence[float],
) -> tuple[ExcludedFinding, ...]:
    """The patient's excluded findings with how often the disease shows each and what it
    costs the disease's score."""
    return tuple(
        ExcludedFinding(ontology.ids[e], ontology.labels[e], float(p), float(cost))
        for e, p, cost in zip(excluded, probabilities, penalties, strict=True)
    )


def unreported_findings(
    ontology: Ontology, profile: DiseaseProfile, query: Sequence[int], excluded: Sequence[int]
) -> tuple[UnreportedFinding, ...]:
    """The disease's findings of at least :data:`FREQUENT_THRESHOLD` that none of the
    patient's present findings shows or is shown by, most frequent first; ``patient_lacks``
    when an excluded finding is at or above one."""
    unreported = []
    for d, annotation in _present(ontology, profile):
        prob = annotation.frequency.probability
        if prob is None or prob < FREQUENT_THRESHOLD:
            continue
        if any(ontology.is_ancestor(d, q) or ontology.is_ancestor(q, d) for q in query):
            continue
        lacks = any(ontology.is_ancestor(e, d) for e in excluded)
        unreported.append(
            UnreportedFinding(
                ontology.ids[d], ontology.labels[d], annotation.frequency.source, float(prob), lacks
            )
        )
    unreported.sort(key=lambda u: (-u.probability, u.id))
    return tuple(unreported)
