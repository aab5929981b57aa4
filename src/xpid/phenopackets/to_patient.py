"""Turn a :class:`PhenopacketCase` into a :class:`~xpid.patient.Patient` query.

Phenopackets come in thousands and are written against HPO releases other than the bundled
one, so problems with single terms are warnings (:class:`~xpid.patient.Notice`) on the
returned patient, not errors; only a case left with nothing to rank is an error.

Rules, applied to present and excluded features alike (each one is a notice naming the
field, e.g. ``phenotypicFeatures[3].type.id``):

1. **Unknown id** — a well-formed HPO id that the ontology does not know (typically a term
   newer than the bundled release): dropped, and counted in :attr:`TermScreen.unknown`.
2. **Obsolete id without replacement**: dropped, counted in :attr:`TermScreen.obsolete`;
   the notice names the ``consider`` terms when there are any.
3. **Not an HPO id** (another ontology's CURIE, free text, a malformed HPO id): dropped,
   counted in :attr:`TermScreen.malformed`.
4. **Alternative id, or obsolete id with a replacement**: remapped to the current term by
   :func:`~xpid.patient.build_patient`, which adds the notice.
5. **Term outside Phenotypic abnormality** (HP:0000118), e.g. HP:0001419 X-linked recessive
   inheritance: dropped with a notice by ``build_patient`` (``strict=False``); a present
   onset term becomes the case's onset when the file gives none.
6. **Both present and excluded**: ``build_patient``'s rule — the present finding wins and
   the exclusion is dropped with a notice; likewise for redundant ancestors.
7. **Onset**: the case's onset class (see :mod:`xpid.phenopackets.reader`) is kept when it
   is an onset term of this ontology (remapped with a notice if it is an alternative id);
   otherwise it is dropped with a notice.
8. **Repeated key**: a key given more than once in the file (JSON leaves the meaning
   open; the last value is used) is a notice naming its field, first in the list.
9. **Nothing left**: a case with no usable present finding raises
   :class:`~xpid.errors.QueryError` naming the file and saying what was dropped, so a batch
   records it as that case's error.

With ``strict=True`` the problems of rules 1, 2, 3 and 5 raise instead (a
:class:`~xpid.errors.PhenopacketError` naming the file and the field).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from xpid.errors import (
    MalformedIdError,
    NotAPhenotypeError,
    ObsoleteTermError,
    PhenopacketError,
    QueryError,
    TermError,
    UnknownTermError,
)
from xpid.ontology import Ontology, parse_curie, resolve_term
from xpid.patient import Notice, Patient, build_patient
from xpid.patient.build import resolve_onset
from xpid.phenopackets.model import FeatureRecord, PhenopacketCase

__all__ = ["TermScreen", "case_to_patient", "screen_case_terms"]


@dataclass(frozen=True, slots=True)
class TermScreen:
    """The ids of a case sorted into usable and dropped, before :func:`build_patient`.

    Attributes
    ----------
    present, excluded : tuple of str
        Feature ids that resolve to a current term (possibly through an alternative or
        obsolete id), as written, in file order.
    onset : str or None
        The case's onset class when it is an onset term of the ontology.
    unknown : tuple of str
        Well-formed HPO ids the ontology does not know, without duplicates.
    obsolete : tuple of str
        Obsolete ids without replacement, without duplicates.
    malformed : tuple of str
        Ids that are not HPO ids, without duplicates.
    notices : tuple of Notice
        One per dropped feature or onset.
    """

    present: tuple[str, ...]
    excluded: tuple[str, ...]
    onset: str | None
    unknown: tuple[str, ...]
    obsolete: tuple[str, ...]
    malformed: tuple[str, ...]
    notices: tuple[Notice, ...]

    @property
    def n_dropped(self) -> int:
        """Number of distinct ids dropped as unknown, obsolete or malformed."""
        return len(self.unknown) + len(self.obsolete) + len(self.malformed)


def _field(record: FeatureRecord) -> str:
    return f"phenotypicFeatures[{record.position}].type.id"


def screen_case_terms(
    ontology: Ontology, case: PhenopacketCase, *, strict: bool = False
) -> TermScreen:
    """Check every feature id and the onset of ``case`` against ``ontology`` (rules 1-3,
    7, 8).

    Raises
    ------
    PhenopacketError
        Only with ``strict``: the first unknown, obsolete or malformed feature id.
    """
    repeated = "is given more than once; the last value is used."
    notices = [Notice(key, f"{case.path}: key {key!r} {repeated}") for key in case.repeated_keys]
    unknown: dict[str, None] = {}
    obsolete: dict[str, None] = {}
    malformed: dict[str, None] = {}

    def usable(records: Iterable[FeatureRecord], what: str) -> tuple[str, ...]:
        kept: list[str] = []
        for record in records:
            term_id = record.id
            try:
                if parse_curie(term_id) is None:
                    raise MalformedIdError(
                        f"{term_id!r} is not an ontology id; expected an HPO id such as "
                        "HP:0002014.",
                        query=term_id,
                    )
                resolve_term(ontology, term_id)
            except TermError as exc:
                if strict:
                    raise PhenopacketError(str(exc), path=case.path, field=_field(record)) from None
                if isinstance(exc, ObsoleteTermError):
                    obsolete[term_id] = None
                    reason = str(exc).removesuffix(".")
                elif isinstance(exc, UnknownTermError):
                    unknown[term_id] = None
                    reason = (
                        f"{term_id} is not in HPO release {ontology.release} "
                        "(a newer term, or a typo)"
                    )
                else:
                    malformed[term_id] = None
                    reason = str(exc).removesuffix(".")
                notices.append(Notice(term_id, f"{what} {_field(record)}: {reason}; dropped."))
                continue
            kept.append(term_id)
        return tuple(kept)

    present = usable(case.present, "present feature")
    excluded = usable(case.excluded, "excluded feature")

    onset = case.onset
    if onset is not None:
        try:
            resolve_onset(ontology, onset)
        except TermError as exc:
            notices.append(
                Notice(
                    onset,
                    f"onset {onset} is not an onset term of HPO release {ontology.release} "
                    f"({type(exc).__name__}); onset ignored.",
                )
            )
            onset = None

    return TermScreen(
        present=present,
        excluded=excluded,
        onset=onset,
        unknown=tuple(unknown),
        obsolete=tuple(obsolete),
        malformed=tuple(malformed),
        notices=tuple(notices),
    )


def case_to_patient(ontology: Ontology, case: PhenopacketCase, *, strict: bool = False) -> Patient:
    """Build the ranking query of a phenopacket case (see the module rules).

    Parameters
    ----------
    ontology
        The compiled ontology the ids are checked against.
    case
        A case from :func:`~xpid.phenopackets.reader.parse_phenopacket`.
    strict
        Raise on unknown, obsolete, malformed and non-phenotype ids instead of dropping
        them with a notice.

    Returns
    -------
    Patient
        Current ids only; ``id``, ``sex``, ``age_years``, ``publications`` and
        ``diagnoses`` copied from the case; ``notices`` holds every dropped or remapped
        term, in the order: screening notices, then :func:`build_patient`'s.

    Raises
    ------
    QueryError
        No usable present finding remains; the message names the file.
    PhenopacketError
        Only with ``strict``: a feature id that is not a current phenotype term.
    """
    screen = screen_case_terms(ontology, case, strict=strict)
    try:
        patient = build_patient(
            ontology,
            screen.present,
            screen.excluded,
            sex=case.sex,
            onset=screen.onset,
            age_years=case.age_years,
            case_id=case.id,
            publications=case.publications,
            diagnoses=case.diagnoses,
            strict=strict,
            require_present=True,
        )
    except NotAPhenotypeError as exc:  # strict only
        position = next((r for r in (*case.present, *case.excluded) if r.id == exc.query), None)
        field = _field(position) if position is not None else "phenotypicFeatures"
        raise PhenopacketError(str(exc), path=case.path, field=field) from None
    except QueryError:
        raise QueryError(_nothing_left(case, screen)) from None
    return dataclasses.replace(patient, notices=screen.notices + patient.notices)


def _nothing_left(case: PhenopacketCase, screen: TermScreen) -> str:
    n_present = len(case.present)
    if n_present == 0:
        return (
            f"{case.path}: the phenopacket has no present phenotypic feature "
            f"({len(case.excluded)} excluded); nothing to rank."
        )
    dropped = n_present - len(screen.present)
    parts = [f"{dropped} unknown, obsolete or not HPO ids"] if dropped else []
    rest = n_present - dropped
    if rest:
        parts.append(f"{rest} outside Phenotypic abnormality")
    return (
        f"{case.path}: none of the {n_present} present phenotypic features is a usable "
        f"phenotype ({', '.join(parts)}); nothing to rank."
    )
