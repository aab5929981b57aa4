"""Read GA4GH phenopacket (schema v2) JSON into a :class:`PhenopacketCase`.

The reader checks the fields xpid uses against the names and JSON types of the phenopacket
schema v2 (https://phenopacket-schema.readthedocs.io) with plain :mod:`json`; the official
protobuf bindings are not needed for that. Fields xpid does not use are ignored, and every
optional field may be absent. A file that breaks the schema where xpid reads it (not JSON,
truncated, not an object, ``phenotypicFeatures`` not a list, a feature without ``type.id``,
a value of the wrong type, a malformed ISO 8601 duration) raises
:class:`~xpid.errors.PhenopacketError` naming the file and the field, e.g.
``phenotypicFeatures[3].type.id``. The reader never consults the ontology: unknown or
obsolete ids are the business of :mod:`xpid.phenopackets.to_patient`.

Rules
-----
Schema version
    ``metaData.phenopacketSchemaVersion`` with major version 2 (``"2"``, ``"2.0.2"``) or
    absent is read as v2. Schema **v1 files are recognised and refused** with a
    :class:`~xpid.errors.PhenopacketError` that says to convert them (phenopacket-tools
    ``convert``): a version starting with ``1``, or any v1-only field (``negated``,
    ``ageOfOnset``, ``ageRangeOfOnset``, ``classOfOnset`` on a feature or disease,
    ``subject.ageAtCollection``/``ageRangeAtCollection``, top-level ``genes``,
    ``variants``, ``htsFiles``). Refusing is deliberate: v1 and v2 differ in where the
    diagnosis and the ages live, a half-understood v1 file could turn a ``negated`` finding
    into a present one, and the official converter exists. Other major versions are refused
    as unsupported.
Present and excluded
    A feature with ``excluded: true`` is excluded; otherwise (false or absent) present.
Sex
    ``subject.sex`` ``MALE``/``FEMALE`` map to :class:`~xpid.sex.Sex`; ``UNKNOWN_SEX``,
    ``OTHER_SEX`` and absence are ``Sex.UNKNOWN`` (the protobuf enum numbers 0-3 are accepted).
Age
    ``subject.timeAtLastEncounter`` in years: an ISO 8601 ``age`` (``P1Y6M`` is 1.5; a month
    is 1/12 year, a week or day 7 or 1 of 365.25 days), or the ``start`` of an ``ageRange``.
    An ``ontologyClass``, a ``gestationalAge``, a ``timestamp`` or an ``interval`` gives
    ``None``.
Onset of a feature
    An ``ontologyClass`` onset is kept as its id. An ISO 8601 ``age`` (or an ``ageRange``
    start) becomes an HPO onset class by age: under 28 days HP:0003623 Neonatal onset, under
    1 year HP:0003593 Infantile onset, under 5 years HP:0011463 Childhood onset, under 16
    years HP:0003621 Juvenile onset, from 16 years HP:0003581 Adult onset. A
    ``gestationalAge`` (prenatal by definition) becomes, by completed weeks of gestation:
    under 10 HP:0011460 Embryonal onset, 10 HP:0011461 Fetal onset, 11-13 HP:0034199 Late
    first trimester onset, 14-27 HP:0034198 Second trimester onset, from 28 HP:0034197
    Third trimester onset (the HPO definitions of those terms, in
    :data:`xpid.constants.ONSET_CLASSES`). Timestamps and intervals
    give ``None`` (no date of birth to subtract).
Onset of the case
    The earliest of the onsets of the present features and of ``diseases[].onset`` (the
    age at which the disease showed in this person), ordered by the lower age bound of each
    onset class (:data:`ONSET_ORDER`), an instant (Congenital onset) before a class starting
    there; ties go to the first one met. An onset class missing
    from that table (e.g. HP:4000040 Puerperal onset, or a term newer than it) is used only
    when no ordered class is present.
Diagnoses
    ``interpretations[].diagnosis.disease.id`` then ``diseases[].term.id``, in order of
    appearance without duplicates; a disease with ``excluded: true`` was ruled out and is
    left out.
Publications
    ``metaData.externalReferences[].id`` values of the form ``PMID:…`` or ``DOI:…``
    (prefix upper-cased), in order without duplicates.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from xpid.constants import (
    ADULT_ONSET,
    CHILDHOOD_ONSET,
    DAYS_PER_YEAR,
    EMBRYONAL_ONSET,
    FETAL_ONSET,
    INFANTILE_ONSET,
    JUVENILE_ONSET,
    LATE_FIRST_TRIMESTER_ONSET,
    NEONATAL_ONSET,
    ONSET_CLASSES,
    SECOND_TRIMESTER_ONSET,
    TERM_GESTATION_DAYS,
    THIRD_TRIMESTER_ONSET,
    OnsetClass,
)
from xpid.errors import PhenopacketError, UnreadableFileError
from xpid.io import MAX_INPUT_BYTES, read_input
from xpid.phenopackets.decode import decode_json
from xpid.phenopackets.model import FeatureRecord, PhenopacketCase
from xpid.sex import Sex

__all__ = [
    "ONSET_ORDER",
    "load_phenopacket",
    "parse_phenopacket",
    "parse_iso8601_age",
    "onset_class_of_days",
    "onset_class_of_gestation",
]

ONSET_ORDER: Mapping[str, tuple[float, bool]] = {
    c.id: (c.start_days, c.end_days > c.start_days) for c in ONSET_CLASSES.values()
}
"""Sort key of each HPO onset class (:data:`xpid.constants.ONSET_CLASSES`) when picking the
earliest: the lower age bound in days from birth (negative before birth), an instant
(Congenital onset, at birth) before a class that starts there (Neonatal onset)."""

_POSTNATAL = tuple(
    ONSET_CLASSES[c]
    for c in (NEONATAL_ONSET, INFANTILE_ONSET, CHILDHOOD_ONSET, JUVENILE_ONSET, ADULT_ONSET)
)
_PRENATAL = tuple(
    ONSET_CLASSES[c]
    for c in (
        EMBRYONAL_ONSET,
        FETAL_ONSET,
        LATE_FIRST_TRIMESTER_ONSET,
        SECOND_TRIMESTER_ONSET,
        THIRD_TRIMESTER_ONSET,
    )
)

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_ISO8601_DURATION = re.compile(
    rf"^P(?!$)(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?=\d)(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$"
)
_UNIT_DAYS = (
    DAYS_PER_YEAR,
    DAYS_PER_YEAR / 12,
    7.0,
    1.0,
    1 / 24,
    1 / (24 * 60),
    1 / (24 * 3600),
)
_SEX = {
    "MALE": Sex.MALE,
    "FEMALE": Sex.FEMALE,
    "UNKNOWN_SEX": Sex.UNKNOWN,
    "OTHER_SEX": Sex.UNKNOWN,
    0: Sex.UNKNOWN,
    1: Sex.FEMALE,
    2: Sex.MALE,
    3: Sex.UNKNOWN,
}
_PUBLICATION = re.compile(r"^(PMID|DOI):\S+$", re.IGNORECASE)
_WEEKS = re.compile(r"[0-9]{1,4}")
_VERSION = "metaData.phenopacketSchemaVersion"
_V1_TOP = ("genes", "variants", "htsFiles")
_V1_SUBJECT = ("ageAtCollection", "ageRangeAtCollection")
_V1_FEATURE = ("negated", "ageOfOnset", "ageRangeOfOnset", "classOfOnset")
_V1_HINT = (
    "xpid reads phenopacket schema v2 only; convert the file first (phenopacket-tools 'convert')."
)


def parse_iso8601_age(text: str) -> float:
    """Days in an ISO 8601 duration such as ``P1Y6M`` or ``P3W2D`` (a year is 365.25 days).

    >>> parse_iso8601_age("P1Y6M")
    547.875

    Raises
    ------
    ValueError
        If ``text`` is not an ISO 8601 duration.
    """
    match = _ISO8601_DURATION.match(text.strip())
    if match is None:
        raise ValueError(text)
    days = 0.0
    for value, unit in zip(match.groups(), _UNIT_DAYS, strict=True):
        if value is not None:
            days += float(value.replace(",", ".")) * unit
    return days


def _latest_started(classes: tuple[OnsetClass, ...], days: float) -> str:
    """The last of ``classes`` (ordered by start) that has started at ``days``; else the first."""
    chosen = classes[0]
    for c in classes[1:]:
        if c.start_days <= days:
            chosen = c
    return chosen.id


def onset_class_of_days(days: float) -> str:
    """The HPO onset class of an age after birth given in days (see module rules).

    >>> onset_class_of_days(90.0)
    'HP:0003593'
    """
    return _latest_started(_POSTNATAL, days)


def onset_class_of_gestation(weeks: int) -> str:
    """The HPO onset class of a gestational age in completed weeks (see module rules).

    >>> onset_class_of_gestation(19)
    'HP:0034198'
    """
    return _latest_started(_PRENATAL, 7.0 * weeks - TERM_GESTATION_DAYS)


class _Fields:
    """Typed access to JSON values that raises :class:`PhenopacketError` naming the field."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, field: str, message: str) -> NoReturn:
        raise PhenopacketError(message, path=self.path, field=field)

    def wrong(self, field: str, value: Any, expected: str) -> NoReturn:
        try:
            shown = json.dumps(value)
        except (RecursionError, ValueError):  # nested deeper than the encoder goes
            shown = "[…]" if isinstance(value, list) else "{…}"
        if len(shown) > 60:
            shown = shown[:57] + "..."
        got = "null" if value is None else f"{_json_type(value)} {shown}"
        self.fail(field, f"expected {expected}, got {got}.")

    def obj(self, parent: Mapping[str, Any], key: str, field: str) -> Mapping[str, Any] | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.wrong(field, value, "an object")
        return value

    def objects(self, parent: Mapping[str, Any], key: str, field: str) -> list[Mapping[str, Any]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.wrong(field, value, "a list")
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                self.wrong(f"{field}[{i}]", item, "an object")
        return value

    def string(self, parent: Mapping[str, Any], key: str, field: str) -> str | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.wrong(field, value, "a string")
        return value

    def required_id(self, parent: Mapping[str, Any], key: str, field: str) -> str:
        term = self.obj(parent, key, field)
        if term is None:
            self.fail(field, f"missing '{key}'; expected an ontology class with an 'id'.")
        value = self.string(term, "id", f"{field}.id")
        if value is None or not value.strip():
            self.fail(f"{field}.id", "missing or empty id; expected a CURIE such as HP:0002014.")
        return value.strip()

    def boolean(self, parent: Mapping[str, Any], key: str, field: str) -> bool:
        value = parent.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.wrong(field, value, "true or false")
        return value

    def age_days(self, parent: Mapping[str, Any], key: str, field: str) -> float | None:
        age = self.obj(parent, key, field)
        if age is None:
            return None
        text = self.string(age, "iso8601duration", f"{field}.iso8601duration")
        if text is None:
            return None
        try:
            return parse_iso8601_age(text)
        except ValueError:
            self.fail(
                f"{field}.iso8601duration",
                f"{text!r} is not an ISO 8601 duration; expected e.g. 'P3M' or 'P1Y6M'.",
            )

    def time_element(self, parent: Mapping[str, Any], key: str, field: str) -> _Time:
        """Read a TimeElement: ``(days after birth or None, onset class id or None)``."""
        element = self.obj(parent, key, field)
        if element is None:
            return None, None
        if "age" in element:
            days = self.age_days(element, "age", f"{field}.age")
            return days, None if days is None else onset_class_of_days(days)
        if "ageRange" in element:
            age_range = self.obj(element, "ageRange", f"{field}.ageRange")
            if age_range is None:
                return None, None
            days = self.age_days(age_range, "start", f"{field}.ageRange.start")
            return days, None if days is None else onset_class_of_days(days)
        if "gestationalAge" in element:
            gestation = self.obj(element, "gestationalAge", f"{field}.gestationalAge")
            weeks = None if gestation is None else gestation.get("weeks")
            if weeks is None:
                return None, None
            if isinstance(weeks, str) and _WEEKS.fullmatch(weeks):
                weeks = int(weeks)
            if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks < 0:
                self.wrong(f"{field}.gestationalAge.weeks", weeks, "a whole number of weeks")
            return None, onset_class_of_gestation(weeks)
        if "ontologyClass" in element:
            return None, self.required_id(element, "ontologyClass", f"{field}.ontologyClass")
        self.string(element, "timestamp", f"{field}.timestamp")
        self.obj(element, "interval", f"{field}.interval")
        return None, None


_Time = tuple[float | None, str | None]

_PHENOPACKET_KEYS = frozenset(
    {
        *("id", "subject", "phenotypicFeatures", "measurements", "biosamples"),
        *("interpretations", "diseases", "medicalActions", "files", "metaData"),
        *("genes", "variants", "htsFiles"),  # v1, recognised to be refused
    }
)
"""A JSON object with none of these top-level keys is not taken for an empty phenopacket."""


def _json_type(value: Any) -> str:
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null"


def _refuse_other_messages(data: Mapping[str, Any], f: _Fields) -> None:
    """A Family or a Cohort (the other top-level messages of the schema) is not a case."""
    if "phenotypicFeatures" in data or "subject" in data:
        return
    if {"proband", "relatives", "pedigree"} & set(data):
        f.fail(
            "",
            "this is a Family, not a Phenopacket; xpid ranks one phenopacket per file: "
            "write its 'proband' (or a relative) to a file of its own.",
        )
    if "members" in data:
        f.fail(
            "",
            "this is a Cohort, not a Phenopacket; xpid ranks one phenopacket per file: "
            "write each of its 'members' to a file of its own.",
        )


def _check_version(data: Mapping[str, Any], f: _Fields) -> str:
    meta = f.obj(data, "metaData", "metaData")
    version = "" if meta is None else f.string(meta, "phenopacketSchemaVersion", _VERSION) or ""
    field = _VERSION
    major = version.strip().split(".", 1)[0]
    if major == "1":
        f.fail(field, f"schema version {version!r} is phenopacket v1; {_V1_HINT}")
    if version and major != "2":
        f.fail(field, f"unsupported schema version {version!r}; expected 2.x.")
    markers = [k for k in _V1_TOP if k in data]
    subject = data.get("subject")
    if isinstance(subject, Mapping):
        markers += [f"subject.{k}" for k in _V1_SUBJECT if k in subject]
    for list_key in ("phenotypicFeatures", "diseases"):
        items = data.get(list_key)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, Mapping):
                    markers += [f"{list_key}[{i}].{k}" for k in _V1_FEATURE if k in item]
    if markers:
        f.fail(markers[0], f"'{markers[0]}' is a phenopacket v1 field; {_V1_HINT}")
    return version


def _earliest(onsets: list[str]) -> str | None:
    ordered = [(ONSET_ORDER[o], pos) for pos, o in enumerate(onsets) if o in ONSET_ORDER]
    if ordered:
        return onsets[min(ordered)[1]]
    return onsets[0] if onsets else None


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def parse_phenopacket(
    data: Mapping[str, Any] | str | bytes, *, path: str = "<input>"
) -> PhenopacketCase:
    """Read one phenopacket (schema v2) from decoded JSON or JSON text.

    Parameters
    ----------
    data
        The phenopacket as a mapping (already decoded) or as JSON text/bytes.
    path
        Where the data came from, for messages and :attr:`PhenopacketCase.path`.

    Returns
    -------
    PhenopacketCase
        The case as written (ids are not checked against an ontology).

    Raises
    ------
    PhenopacketError
        Invalid or truncated JSON, a value of the wrong type, a feature without ``type.id``,
        a malformed ISO 8601 duration, a v1 file (see module rules); the message names the
        file and the field.

    Examples
    --------
    >>> case = parse_phenopacket('{"id": "p1", "phenotypicFeatures": '
    ...     '[{"type": {"id": "HP:0002014"}}, {"type": {"id": "HP:0000964"}, "excluded": true}]}')
    >>> [f.id for f in case.present], [f.id for f in case.excluded]
    (['HP:0002014'], ['HP:0000964'])
    """
    repeated: tuple[str, ...] = ()
    if isinstance(data, str | bytes | bytearray):
        data, repeated = decode_json(data, path)
    f = _Fields(path)
    if not isinstance(data, Mapping):
        f.wrong("", data, "a JSON object (one phenopacket)")
    _refuse_other_messages(data, f)
    if data and not _PHENOPACKET_KEYS & set(data):
        keys = ", ".join(sorted(map(str, data))[:5])
        f.fail(
            "",
            "not a phenopacket: no top-level field of one (id, subject, phenotypicFeatures, "
            f"metaData, …); its keys: {keys}.",
        )
    version = _check_version(data, f)

    case_id = f.string(data, "id", "id") or ""
    if not case_id and path != "<input>":
        case_id = Path(path).stem

    subject = f.obj(data, "subject", "subject") or {}
    subject_id = f.string(subject, "id", "subject.id") or ""
    raw_sex = subject.get("sex")
    sex = Sex.UNKNOWN
    if raw_sex is not None:
        if not isinstance(raw_sex, str | int) or isinstance(raw_sex, bool) or raw_sex not in _SEX:
            f.wrong("subject.sex", raw_sex, "MALE, FEMALE, OTHER_SEX or UNKNOWN_SEX")
        sex = _SEX[raw_sex]
    days, _ = f.time_element(subject, "timeAtLastEncounter", "subject.timeAtLastEncounter")
    age_years = None if days is None else days / DAYS_PER_YEAR
    if age_years is not None and not math.isfinite(age_years):
        f.fail("subject.timeAtLastEncounter", "the age is not a finite number.")

    present: list[FeatureRecord] = []
    excluded: list[FeatureRecord] = []
    onsets: list[str] = []
    for i, feature in enumerate(f.objects(data, "phenotypicFeatures", "phenotypicFeatures")):
        field = f"phenotypicFeatures[{i}]"
        term_id = f.required_id(feature, "type", f"{field}.type")
        label = f.string(feature["type"], "label", f"{field}.type.label") or ""
        is_excluded = f.boolean(feature, "excluded", f"{field}.excluded")
        _, onset = f.time_element(feature, "onset", f"{field}.onset")
        record = FeatureRecord(term_id, label, onset, i)
        if is_excluded:
            excluded.append(record)
        else:
            present.append(record)
            if onset is not None:
                onsets.append(onset)

    diagnoses: list[str] = []
    for i, interpretation in enumerate(f.objects(data, "interpretations", "interpretations")):
        field = f"interpretations[{i}].diagnosis"
        diagnosis = f.obj(interpretation, "diagnosis", field)
        if diagnosis is not None and diagnosis.get("disease") is not None:
            diagnoses.append(f.required_id(diagnosis, "disease", f"{field}.disease"))
    for i, disease in enumerate(f.objects(data, "diseases", "diseases")):
        field = f"diseases[{i}]"
        term_id = f.required_id(disease, "term", f"{field}.term")
        _, onset = f.time_element(disease, "onset", f"{field}.onset")
        if f.boolean(disease, "excluded", f"{field}.excluded"):
            continue
        diagnoses.append(term_id)
        if onset is not None:
            onsets.append(onset)

    publications: list[str] = []
    meta = f.obj(data, "metaData", "metaData") or {}
    for i, reference in enumerate(
        f.objects(meta, "externalReferences", "metaData.externalReferences")
    ):
        ref_id = f.string(reference, "id", f"metaData.externalReferences[{i}].id")
        if ref_id and _PUBLICATION.match(ref_id.strip()):
            prefix, local = ref_id.strip().split(":", 1)
            publications.append(f"{prefix.upper()}:{local}")

    return PhenopacketCase(
        path=path,
        id=case_id,
        subject_id=subject_id,
        sex=sex,
        age_years=age_years,
        present=tuple(present),
        excluded=tuple(excluded),
        onset=_earliest(onsets),
        diagnoses=_dedupe(diagnoses),
        publications=_dedupe(publications),
        schema_version=version,
        repeated_keys=repeated,
    )


def load_phenopacket(path: Path | str, *, name: str | None = None) -> PhenopacketCase:
    """Read the phenopacket JSON file at ``path`` (see :func:`parse_phenopacket`).

    ``name`` is what messages and :attr:`PhenopacketCase.path` call the file (default
    ``path``): the path as the user gave it, when the file is read from another directory.

    Raises
    ------
    PhenopacketError
        The file cannot be read, is not a regular file (a FIFO, a device: refused before
        it is opened), holds more than :data:`~xpid.io.MAX_INPUT_BYTES`, or its content is
        not a valid v2 phenopacket (see :mod:`xpid.io`; gzip is read too).
    """
    shown = str(path) if name is None else name
    try:
        data = read_input(Path(path), what="phenopacket", limit=MAX_INPUT_BYTES)
    except UnreadableFileError as exc:
        raise PhenopacketError(f"cannot read the file ({exc.problem}).", path=shown) from None
    return parse_phenopacket(data, path=shown)
