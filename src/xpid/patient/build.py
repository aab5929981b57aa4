"""Validate user findings once, at the boundary, and build a :class:`Patient`.

Rules (each non-fatal one is reported as a :class:`Notice`):

1. Every finding is resolved with :func:`xpid.ontology.resolve_term`; unknown or malformed
   ids raise. Alternative and obsolete ids are remapped (notice).
2. A finding outside Phenotypic abnormality (HP:0000118) is not a phenotype: an onset term
   given as a finding becomes the patient's onset when none was given (notice); any other
   raises :class:`~xpid.errors.NotAPhenotypeError` (``strict``) or is dropped with a notice.
3. Duplicates collapse silently.
4. A term given both present and excluded is a contradiction. Rule: the present finding
   wins (a reported observation outweighs a reported absence) and the exclusion is dropped
   (notice).
5. A present term together with one of its present ancestors is redundant: the ancestor
   is dropped, since the more specific finding implies it (notice). An excluded term
   together with an excluded descendant: the descendant is dropped, since the absence of the
   general finding implies it (notice).
6. An excluded term that is an ancestor of a present term contradicts it (the patient cannot
   lack "Diarrhea" and have "Chronic diarrhea"): the exclusion is dropped (notice).
7. An empty query or one with only excluded findings raises
   :class:`~xpid.errors.QueryError` when ``require_present`` is set.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from xpid.constants import ONSET, PHENOTYPIC_ABNORMALITY
from xpid.errors import NotAPhenotypeError, QueryError
from xpid.ontology import Ontology, resolve_term
from xpid.patient.model import Notice, Patient
from xpid.sex import Sex

__all__ = ["build_patient", "resolve_onset"]


def resolve_onset(ontology: Ontology, text: str) -> tuple[str, str | None]:
    """Resolve an onset term (a descendant of HP:0003674 Onset); return id and any warning."""
    resolved = resolve_term(ontology, text)
    root = ontology.get_index(ONSET)
    if root is None or not ontology.is_ancestor(root, resolved.index) or resolved.index == root:
        raise NotAPhenotypeError(
            f"{text!r} ({resolved.id} {resolved.label}) is not an onset term; expected a "
            "descendant of HP:0003674 Onset such as HP:0003593 Infantile onset.",
            query=text,
        )
    return resolved.id, resolved.warning


def build_patient(
    ontology: Ontology,
    present: Iterable[str],
    excluded: Iterable[str] = (),
    *,
    sex: Sex = Sex.UNKNOWN,
    onset: str | None = None,
    age_years: float | None = None,
    case_id: str = "",
    publications: Sequence[str] = (),
    diagnoses: Sequence[str] = (),
    strict: bool = True,
    require_present: bool = True,
) -> Patient:
    """Resolve and validate findings into a :class:`Patient` (see module rules).

    Parameters
    ----------
    ontology
        The compiled ontology.
    present, excluded
        Findings as ids, PURLs, labels or exact synonyms.
    sex, onset, age_years, case_id, publications, diagnoses
        Passed through; ``onset`` is resolved and must be an onset term.
    strict
        Raise on terms outside the phenotype branch (CLI input) instead of dropping them
        with a notice (phenopackets in batch).
    require_present
        Raise :class:`QueryError` when no present finding remains.

    Raises
    ------
    TermError
        Unknown, malformed or obsolete-without-replacement terms, and (``strict``) terms
        outside Phenotypic abnormality.
    QueryError
        No present finding (``require_present``).
    """
    notices: list[Notice] = []
    onset_id: str | None = None
    if onset is not None:
        onset_id, warning = resolve_onset(ontology, onset)
        if warning:
            notices.append(Notice(onset, warning))
    onset_root = ontology.get_index(ONSET)

    def resolve_all(texts: Iterable[str], what: str) -> list[int]:
        nonlocal onset_id
        out: list[int] = []
        for text in texts:
            resolved = resolve_term(ontology, text)
            if resolved.warning:
                notices.append(Notice(text, resolved.warning))
            if ontology.in_phenotype_branch(resolved.index):
                out.append(resolved.index)
                continue
            is_onset = onset_root is not None and ontology.is_ancestor(onset_root, resolved.index)
            if is_onset and what == "present" and onset_id == resolved.id:
                notices.append(Notice(text, f"{resolved.id} is already the patient's onset."))
                continue
            if is_onset and what == "present" and onset_id is None:
                onset_id = resolved.id
                notices.append(
                    Notice(
                        text,
                        f"{resolved.id} ({resolved.label}) is an onset term; "
                        "used as the patient's onset, not as a finding.",
                    )
                )
                continue
            if resolved.id == PHENOTYPIC_ABNORMALITY:
                message = (
                    f"{text!r} is Phenotypic abnormality (HP:0000118) itself, the root of every "
                    "finding: it says nothing about the patient"
                )
                advice = "; give a more specific finding."
            else:
                message = (
                    f"{text!r} ({resolved.id} {resolved.label}) is not under Phenotypic "
                    "abnormality (HP:0000118), so it is not a finding"
                )
                advice = "; leave inheritance and other non-finding terms out."
                if is_onset:
                    advice = (
                        f"; the patient's onset is already {onset_id}: give one onset."
                        if onset_id is not None
                        else "; give onset with --onset."
                    )
            if strict:
                raise NotAPhenotypeError(message + advice, query=text)
            notices.append(Notice(text, message + "; ignored."))
        return out

    present_idx = sorted(set(resolve_all(present, "present")))
    excluded_idx = sorted(set(resolve_all(excluded, "excluded")))

    both = set(present_idx) & set(excluded_idx)
    for i in sorted(both):
        notices.append(
            Notice(
                ontology.ids[i],
                f"{ontology.ids[i]} ({ontology.labels[i]}) was given both "
                "present and excluded; kept as present.",
            )
        )
    excluded_idx = [i for i in excluded_idx if i not in both]

    present_set = set(present_idx)
    present_ancestors: set[int] = set()
    for i in present_idx:
        present_ancestors.update(j for j in ontology.ancestors(i).tolist() if j != i)
    redundant = sorted(present_set & present_ancestors)
    for i in redundant:
        notices.append(
            Notice(
                ontology.ids[i],
                f"{ontology.ids[i]} ({ontology.labels[i]}) is implied by a "
                "more specific present finding; dropped.",
            )
        )
    present_idx = [i for i in present_idx if i not in present_ancestors]

    contradicted = sorted(set(excluded_idx) & present_ancestors)
    for i in contradicted:
        notices.append(
            Notice(
                ontology.ids[i],
                f"excluded {ontology.ids[i]} ({ontology.labels[i]}) "
                "contradicts a more specific present finding; exclusion dropped.",
            )
        )
    excluded_idx = [i for i in excluded_idx if i not in present_ancestors]

    excluded_set = set(excluded_idx)
    implied = sorted(
        i
        for i in excluded_idx
        if any(j in excluded_set and j != i for j in ontology.ancestors(i).tolist())
    )
    for i in implied:
        notices.append(
            Notice(
                ontology.ids[i],
                f"excluded {ontology.ids[i]} ({ontology.labels[i]}) is "
                "implied by a more general excluded finding; dropped.",
            )
        )
    excluded_idx = [i for i in excluded_idx if i not in set(implied)]

    if require_present and not present_idx:
        if excluded_idx:
            raise QueryError(
                "the query has only excluded findings; give at least one present finding."
            )
        raise QueryError("the query has no findings; give at least one HPO term.")

    return Patient(
        present=tuple(ontology.ids[i] for i in present_idx),
        excluded=tuple(ontology.ids[i] for i in excluded_idx),
        sex=sex,
        onset=onset_id,
        age_years=age_years,
        id=case_id,
        publications=tuple(publications),
        diagnoses=tuple(diagnoses),
        notices=tuple(notices),
    )
