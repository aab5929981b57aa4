"""The patient query as a frozen value."""

from __future__ import annotations

from dataclasses import dataclass, field

from xpid.sex import Sex

__all__ = ["Patient", "Notice"]


@dataclass(frozen=True, slots=True)
class Notice:
    """A non-fatal problem found while building a query, returned as data.

    ``subject`` is the input it concerns (a term as given, a file); ``message`` is one
    sentence saying what was done about it.
    """

    subject: str
    message: str


@dataclass(frozen=True, slots=True)
class Patient:
    """What is known about one patient, in current HPO ids.

    Attributes
    ----------
    present : tuple of str
        Findings the patient has (current ids under Phenotypic abnormality), sorted, no
        duplicates, no term together with one of its ancestors.
    excluded : tuple of str
        Findings looked for and absent; sorted, disjoint from ``present``.
    sex : Sex
        ``Sex.UNKNOWN`` when not given.
    onset : str or None
        An onset term (a descendant of HP:0003674 Onset), e.g. HP:0003593 Infantile onset.
    age_years : float or None
        Age at the last encounter, in years, when known.
    id : str
        Case identifier (a phenopacket id, a file name), for reports.
    publications : tuple of str
        References the case comes from (``PMID:…``), used to mask leaked annotations.
    diagnoses : tuple of str
        Known diagnosis ids (for benchmarks); empty in clinical use.
    notices : tuple of Notice
        What validation changed or dropped.
    """

    present: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    sex: Sex = Sex.UNKNOWN
    onset: str | None = None
    age_years: float | None = None
    id: str = ""
    publications: tuple[str, ...] = ()
    diagnoses: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = field(default=(), compare=False)
