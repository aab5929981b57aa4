"""Document-built disease profiles: the TOML files in ``profiles/`` (schema version 1).

:func:`parse_profile_toml` reads one file's text and checks it against the schema in
``profiles/README.md`` (required fields, types, allowed values, unique source keys, every
finding cites a defined source, no term both present and excluded), raising
:class:`~xpid.errors.ProfileFormatError` with the file and line of the offending key.
:func:`validate_profile` then checks a parsed profile against an ontology and returns the
problems as data (:class:`ProfileProblem`), never printing.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xpid.annotations import (
    UNKNOWN_FREQUENCY,
    Frequency,
    FrequencyError,
    parse_frequency,
)
from xpid.constants import (
    DISEASE_ID,
    EXCLUDED_FREQUENCY,
    HPO_ID,
    MODE_OF_INHERITANCE,
    ONSET,
    PHENOTYPIC_ABNORMALITY,
)
from xpid.errors import ProfileFormatError
from xpid.io import MAX_INPUT_BYTES, read_text
from xpid.ontology import Ontology
from xpid.profiles.model import RelatedDisease, Relation, Status
from xpid.sex import Sex

__all__ = [
    "CuratedFinding",
    "CuratedProfile",
    "CuratedSource",
    "ProfileProblem",
    "SCHEMA_VERSION",
    "load_profile",
    "parse_profile_toml",
    "profile_file_name",
    "validate_profile",
]

SCHEMA_VERSION = 1

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TOP_KEYS = frozenset(
    {
        "schema",
        "id",
        "name",
        "synonyms",
        "genes",
        "inheritance",
        "onset",
        "sex",
        "inheritance_sources",
        "curated_by",
        "reviewed",
        "related",
        "sources",
        "findings",
    }
)
_SOURCE_KEYS = frozenset({"key", "title", "publisher", "year"})
_RELATED_KEYS = frozenset({"id", "relation", "note"})
_FINDING_KEYS = frozenset(
    {"term", "label", "status", "frequency", "frequency_cue", "onset", "sources", "comment"}
)


@dataclass(frozen=True, slots=True)
class CuratedSource:
    """A document a profile was built from."""

    key: str
    title: str
    publisher: str
    year: int | None = None

    @property
    def citation(self) -> str:
        """``"title, publisher, year"`` (without the year when the document gives none)."""
        parts = [self.title, self.publisher]
        if self.year is not None:
            parts.append(str(self.year))
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class CuratedFinding:
    """One ``[[findings]]`` table; ``line`` is the line of its ``term`` key."""

    term: str
    label: str
    status: Status
    frequency: Frequency
    frequency_cue: str
    onset: str | None
    sources: tuple[str, ...]
    comment: str
    line: int


@dataclass(frozen=True, slots=True)
class CuratedProfile:
    """A parsed document-built profile file.

    ``path`` is the file it came from; the ``*_line`` fields are the lines of those keys,
    for error messages.
    """

    path: str
    id: str
    name: str
    synonyms: tuple[str, ...]
    genes: tuple[str, ...]
    inheritance: tuple[str, ...]
    onset: tuple[str, ...]
    sex: Sex
    inheritance_sources: tuple[str, ...]
    curated_by: str
    reviewed: str
    related: tuple[RelatedDisease, ...]
    sources: tuple[CuratedSource, ...]
    findings: tuple[CuratedFinding, ...]
    inheritance_line: int = 0
    onset_line: int = 0
    related_lines: tuple[int, ...] = ()

    def source(self, key: str) -> CuratedSource:
        """The source with ``key`` (the parser guarantees it exists)."""
        for s in self.sources:
            if s.key == key:
                return s
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    """A problem found by validation: file, line (``None`` when unknown) and message."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


def profile_file_name(disease_id: str) -> str:
    """File name of the profile of ``disease_id``: ``OMIM:304790`` → ``OMIM_304790.toml``."""
    return disease_id.replace(":", "_") + ".toml"


class _Lines:
    """Finds the line of a key in TOML text (tomllib gives no positions)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: dict[str, list[int]] = {}
        self.first_table = len(self.lines) + 1
        for number, line in enumerate(self.lines, start=1):
            match = re.match(r"\s*\[\[\s*([A-Za-z_]+)\s*\]\]", line) or re.match(
                r"\s*\[\s*([A-Za-z_]+)\s*\]", line
            )
            if match:
                self.tables.setdefault(match.group(1), []).append(number)
                self.first_table = min(self.first_table, number)

    def _find(self, key: str, start: int, stop: int) -> int | None:
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
        for number in range(start, min(stop, len(self.lines) + 1)):
            if pattern.match(self.lines[number - 1]):
                return number
        return None

    def top(self, key: str | None = None) -> int | None:
        """Line of top-level ``key``."""
        if key is None:
            return None
        return self._find(key, 1, self.first_table)

    def item(self, table: str, index: int, key: str | None = None) -> int | None:
        """Line of ``key`` in the ``index``-th ``[[table]]`` (its header line without key)."""
        starts = self.tables.get(table, [])
        if index >= len(starts):
            return None
        start = starts[index]
        later = [n for starts_ in self.tables.values() for n in starts_ if n > start]
        stop = min(later) if later else len(self.lines) + 1
        if key is None:
            return start
        return self._find(key, start + 1, stop) or start


class _Checker:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.where = _Lines(text)

    def fail(self, message: str, line: int | None) -> ProfileFormatError:
        return ProfileFormatError(message, path=self.path, line=line)

    def string(
        self,
        table: Mapping[str, Any],
        key: str,
        line: int | None,
        *,
        required: bool = True,
        context: str = "",
    ) -> str:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(f"missing required field {context}{key!r}.", line)
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{context}{key!r} must be a non-empty string, got {value!r}.", line)
        return value

    def strings(
        self,
        table: Mapping[str, Any],
        key: str,
        line: int | None,
        *,
        required: bool = True,
        context: str = "",
    ) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(f"missing required field {context}{key!r}.", line)
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(
                f"{context}{key!r} must be an array of non-empty strings, got {value!r}.", line
            )
        return tuple(value)

    def hpo_ids(self, values: tuple[str, ...], key: str, line: int | None) -> tuple[str, ...]:
        for v in values:
            if not HPO_ID.fullmatch(v):
                raise self.fail(f"{key!r} value {v!r} is not an HPO id such as 'HP:0001419'.", line)
        return values

    def unknown_keys(
        self, table: Mapping[str, Any], allowed: frozenset[str], line: int | None, context: str
    ) -> None:
        extra = sorted(set(table) - allowed)
        if extra:
            raise self.fail(
                f"unknown field(s) {', '.join(map(repr, extra))} in {context}; expected some of "
                f"{', '.join(sorted(allowed))}.",
                line,
            )


_INT64 = range(-(2**63), 2**63)


def _outside_int64(data: dict[str, Any]) -> str | None:
    """The dotted key of an integer in ``data`` that the 64 bits of TOML cannot hold."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
            return key
        if isinstance(value, dict):
            stack.extend((f"{key}.{k}" if key else k, v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{key}[{i}]", v) for i, v in enumerate(value))
    return None


def load_toml_text(text: str, *, path: str) -> dict[str, Any]:
    """Parse TOML text; invalid TOML is a :class:`ProfileFormatError` naming file and line.

    So is TOML that :mod:`tomllib` reads but TOML 1.0 does not allow, or that Python cannot
    hold: an integer outside the signed 64-bit range (the spec requires an error; a decimal
    one of more than 4,300 digits is also beyond ``sys.int_info``), and arrays or inline
    tables nested deeper than Python's recursion limit.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise ProfileFormatError(
            f"not valid TOML: {exc}.", path=path, line=int(found.group(1)) if found else None
        ) from None
    except RecursionError:
        raise ProfileFormatError(
            "arrays or tables nested too deeply to be a profile.", path=path
        ) from None
    except ValueError:  # int() refuses a decimal integer of more than 4,300 digits
        raise ProfileFormatError(
            "an integer of more than 4300 digits; TOML integers are 64-bit.", path=path
        ) from None
    key = _outside_int64(data)
    if key is not None:
        raise ProfileFormatError(
            f"{key!r} is an integer outside the 64-bit range of TOML.", path=path
        )
    return data


def parse_profile_toml(text: str, *, path: str | Path) -> CuratedProfile:
    """Parse and schema-check one document-built profile.

    Parameters
    ----------
    text
        The file's text.
    path
        The file path, used in messages and to check that the file name matches the id.

    Raises
    ------
    ProfileFormatError
        For invalid TOML or any schema violation; the message names the file and line.
    """
    name = str(path)
    data = load_toml_text(text, path=name)
    c = _Checker(name, text)
    w = c.where
    c.unknown_keys(data, _TOP_KEYS, None, "the top level")
    schema = data.get("schema")
    if schema != SCHEMA_VERSION or isinstance(schema, bool):
        raise c.fail(f"'schema' must be {SCHEMA_VERSION}, got {schema!r}.", w.top("schema"))
    disease_id = c.string(data, "id", w.top("id"))
    if not DISEASE_ID.fullmatch(disease_id):
        raise c.fail(f"'id' {disease_id!r} is not a disease id such as 'OMIM:304790'.", w.top("id"))
    expected_file = profile_file_name(disease_id)
    if Path(name).name != expected_file and Path(name).suffix == ".toml":
        raise c.fail(f"the file for {disease_id!r} must be named {expected_file!r}.", w.top("id"))
    disease_name = c.string(data, "name", w.top("name"))
    synonyms = c.strings(data, "synonyms", w.top("synonyms"), required=False)
    genes = c.strings(data, "genes", w.top("genes"))
    inheritance = c.hpo_ids(
        c.strings(data, "inheritance", w.top("inheritance")), "inheritance", w.top("inheritance")
    )
    onset = c.hpo_ids(c.strings(data, "onset", w.top("onset")), "onset", w.top("onset"))
    sex = Sex.UNKNOWN
    if "sex" in data:
        sex_text = c.string(data, "sex", w.top("sex"))
        if sex_text not in ("male", "female"):
            raise c.fail(f"'sex' must be 'male' or 'female', got {sex_text!r}.", w.top("sex"))
        sex = Sex(sex_text)
    inheritance_sources = c.strings(data, "inheritance_sources", w.top("inheritance_sources"))
    curated_by = c.string(data, "curated_by", w.top("curated_by"))
    reviewed_value = data.get("reviewed")
    if isinstance(reviewed_value, _dt.date) and not isinstance(reviewed_value, _dt.datetime):
        reviewed = reviewed_value.isoformat()
    else:
        reviewed = c.string(data, "reviewed", w.top("reviewed"))
        if not _DATE.fullmatch(reviewed):
            raise c.fail(
                f"'reviewed' must be a date YYYY-MM-DD, got {reviewed!r}.", w.top("reviewed")
            )

    sources = _parse_sources(c, data.get("sources"))
    keys = {s.key for s in sources}
    for key in inheritance_sources:
        if key not in keys:
            raise c.fail(
                f"'inheritance_sources' cites {key!r}, which is not a key of [[sources]].",
                w.top("inheritance_sources"),
            )
    related, related_lines = _parse_related(c, data.get("related", []))
    findings = _parse_findings(c, data.get("findings"), keys)
    return CuratedProfile(
        path=name,
        id=disease_id,
        name=disease_name,
        synonyms=synonyms,
        genes=genes,
        inheritance=inheritance,
        onset=onset,
        sex=sex,
        inheritance_sources=inheritance_sources,
        curated_by=curated_by,
        reviewed=reviewed,
        related=related,
        sources=sources,
        findings=findings,
        inheritance_line=w.top("inheritance") or 0,
        onset_line=w.top("onset") or 0,
        related_lines=related_lines,
    )


def _tables(c: _Checker, value: object, table: str, *, required: bool) -> list[dict[str, Any]]:
    if value is None:
        if required:
            raise c.fail(f"missing required [[{table}]] (at least one).", None)
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise c.fail(f"{table!r} must be an array of tables ([[{table}]]).", c.where.top(table))
    if required and not value:
        raise c.fail(f"missing required [[{table}]] (at least one).", None)
    return value


def _parse_sources(c: _Checker, value: object) -> tuple[CuratedSource, ...]:
    out: list[CuratedSource] = []
    seen: set[str] = set()
    for i, table in enumerate(_tables(c, value, "sources", required=True)):
        line = c.where.item("sources", i)
        c.unknown_keys(table, _SOURCE_KEYS, line, "[[sources]]")
        key = c.string(table, "key", c.where.item("sources", i, "key"), context="[[sources]] ")
        if key in seen:
            raise c.fail(f"source key {key!r} is defined twice.", c.where.item("sources", i, "key"))
        seen.add(key)
        title = c.string(table, "title", line, context="[[sources]] ")
        publisher = c.string(table, "publisher", line, context="[[sources]] ")
        year = table.get("year")
        if year is not None and (
            not isinstance(year, int) or isinstance(year, bool) or not 1800 <= year <= 2100
        ):
            raise c.fail(
                f"source {key!r}: 'year' must be an integer year, got {year!r}.",
                c.where.item("sources", i, "year"),
            )
        out.append(CuratedSource(key=key, title=title, publisher=publisher, year=year))
    return tuple(out)


def _parse_related(
    c: _Checker, value: object
) -> tuple[tuple[RelatedDisease, ...], tuple[int, ...]]:
    out: list[RelatedDisease] = []
    lines: list[int] = []
    for i, table in enumerate(_tables(c, value, "related", required=False)):
        line = c.where.item("related", i)
        c.unknown_keys(table, _RELATED_KEYS, line, "[[related]]")
        rid = c.string(table, "id", c.where.item("related", i, "id"), context="[[related]] ")
        if not DISEASE_ID.fullmatch(rid):
            raise c.fail(
                f"related 'id' {rid!r} is not a disease id.", c.where.item("related", i, "id")
            )
        relation = c.string(table, "relation", line, context="[[related]] ")
        try:
            kind = Relation(relation)
        except ValueError:
            raise c.fail(
                f"'relation' must be one of {', '.join(r.value for r in Relation)}, "
                f"got {relation!r}.",
                c.where.item("related", i, "relation"),
            ) from None
        note = c.string(table, "note", line, required=False, context="[[related]] ")
        out.append(RelatedDisease(id=rid, relation=kind, note=note))
        lines.append(c.where.item("related", i, "id") or 0)
    return tuple(out), tuple(lines)


def _parse_findings(
    c: _Checker, value: object, source_keys: set[str]
) -> tuple[CuratedFinding, ...]:
    out: list[CuratedFinding] = []
    seen: dict[str, int] = {}
    for i, table in enumerate(_tables(c, value, "findings", required=True)):
        start = c.where.item("findings", i)

        def at(key: str, i: int = i) -> int | None:
            return c.where.item("findings", i, key)

        c.unknown_keys(table, _FINDING_KEYS, start, "[[findings]]")
        term = c.string(table, "term", start, context="[[findings]] ")
        line = at("term") or start or 0
        if not HPO_ID.fullmatch(term):
            raise c.fail(f"finding term {term!r} is not an HPO id such as 'HP:0002014'.", line)
        label = c.string(table, "label", start, context=f"finding {term}: ")
        status_text = c.string(table, "status", start, context=f"finding {term}: ")
        try:
            status = Status(status_text)
        except ValueError:
            raise c.fail(
                f"finding {term}: 'status' must be 'present' or 'excluded', got {status_text!r}.",
                at("status"),
            ) from None
        if term in seen:
            what = "both present and excluded" if out[seen[term]].status is not status else "twice"
            raise c.fail(f"term {term} is listed {what} (at most one finding per term).", line)
        seen[term] = len(out)
        frequency = UNKNOWN_FREQUENCY
        if "frequency" in table:
            text = c.string(table, "frequency", at("frequency"), context=f"finding {term}: ")
            try:
                frequency = parse_frequency(text)
            except FrequencyError as exc:
                raise c.fail(f"finding {term}: {exc}", at("frequency")) from None
            if frequency.source == EXCLUDED_FREQUENCY or frequency.is_absent:
                raise c.fail(
                    f'finding {term}: frequency {text!r} says absent; use status = "excluded".',
                    at("frequency"),
                )
            if status is Status.EXCLUDED:
                raise c.fail(
                    f"finding {term}: an excluded finding must not have a frequency.",
                    at("frequency"),
                )
        cue = c.string(table, "frequency_cue", at("frequency_cue"), required=False)
        if cue and not frequency.is_known:
            raise c.fail(
                f"finding {term}: 'frequency_cue' is only allowed with 'frequency'.",
                at("frequency_cue"),
            )
        onset = c.string(table, "onset", at("onset"), required=False) or None
        if onset is not None and not HPO_ID.fullmatch(onset):
            raise c.fail(f"finding {term}: 'onset' {onset!r} is not an HPO id.", at("onset"))
        cited = c.strings(table, "sources", start, context=f"finding {term}: ")
        if not cited:
            raise c.fail(f"finding {term}: 'sources' must cite at least one source.", at("sources"))
        for key in cited:
            if key not in source_keys:
                raise c.fail(
                    f"finding {term} cites {key!r}, which is not a key of [[sources]].",
                    at("sources"),
                )
        comment = c.string(table, "comment", at("comment"), required=False)
        out.append(
            CuratedFinding(
                term=term,
                label=label,
                status=status,
                frequency=frequency,
                frequency_cue=cue,
                onset=onset,
                sources=cited,
                comment=comment,
                line=line,
            )
        )
    return tuple(out)


def load_profile(path: Path) -> CuratedProfile:
    """Read and schema-check one profile file with :func:`parse_profile_toml`.

    Raises
    ------
    DataError
        If the file cannot be read.
    ProfileFormatError
        If it breaks the schema.
    """
    text = read_text(path, what="profile file", limit=MAX_INPUT_BYTES)
    return parse_profile_toml(text, path=path)


def validate_profile(
    profile: CuratedProfile,
    ontology: Ontology,
    *,
    disease_names: Mapping[str, str] | None = None,
) -> list[ProfileProblem]:
    """Check a parsed profile against an ontology (and optionally the HPOA disease names).

    Checks: every finding term is a current id under Phenotypic abnormality (HP:0000118)
    and its label is exactly the term's name; inheritance ids are under Mode of inheritance
    (HP:0000005); profile and finding onset ids are under Onset (HP:0003674); when
    ``disease_names`` (disease id → name) is given, the disease and related ids exist and
    ``name`` equals the annotation file's name.

    Returns
    -------
    list[ProfileProblem]
        Empty when the profile is valid, else one problem per finding, in file order.
    """
    problems: list[ProfileProblem] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(ProfileProblem(profile.path, line or None, message))

    def current(term_id: str, line: int, what: str) -> int | None:
        index = ontology.get_index(term_id)
        if index is not None:
            return index
        target = ontology.current_index(term_id)
        if target is not None:
            problem(
                line,
                f"{what} {term_id} is not current in HPO {ontology.release}; "
                f"use {ontology.ids[target]} {ontology.labels[target]}.",
            )
        elif term_id in ontology.obsolete_labels:
            problem(line, f"{what} {term_id} is obsolete in HPO {ontology.release}.")
        else:
            problem(line, f"{what} {term_id} is not in HPO {ontology.release}.")
        return None

    def under(root_id: str, ids: Sequence[str], line: int, what: str) -> None:
        root = ontology.get_index(root_id)
        for term_id in ids:
            index = current(term_id, line, what)
            if index is None:
                continue
            if root is None:
                problem(line, f"{what} {term_id} is not under {root_id}: HPO has no {root_id}.")
                continue
            if index == root or not ontology.is_ancestor(root, index):
                problem(
                    line,
                    f"{what} {term_id} ({ontology.labels[index]}) is not under "
                    f"{root_id} {ontology.labels[root]}.",
                )

    if disease_names is not None:
        if profile.id not in disease_names:
            problem(None, f"disease {profile.id} is not in the HPO annotations.")
        elif disease_names[profile.id] != profile.name:
            problem(
                None,
                f"name {profile.name!r} differs from the HPO annotation name "
                f"{disease_names[profile.id]!r}.",
            )
        for rel, line in zip(profile.related, profile.related_lines, strict=False):
            if rel.id not in disease_names:
                problem(line, f"related disease {rel.id} is not in the HPO annotations.")
    under(MODE_OF_INHERITANCE, profile.inheritance, profile.inheritance_line, "inheritance")
    under(ONSET, profile.onset, profile.onset_line, "onset")
    root = ontology.get_index(PHENOTYPIC_ABNORMALITY)
    for f in profile.findings:
        index = current(f.term, f.line, "finding")
        if index is not None and root is not None:
            if index == root or not ontology.is_ancestor(root, index):
                problem(
                    f.line,
                    f"finding {f.term} ({ontology.labels[index]}) is not under "
                    f"{PHENOTYPIC_ABNORMALITY} Phenotypic abnormality.",
                )
            if ontology.labels[index] != f.label:
                problem(
                    f.line,
                    f"finding {f.term}: label {f.label!r} is not the HPO name "
                    f"{ontology.labels[index]!r}.",
                )
        if f.onset is not None:
            under(ONSET, (f.onset,), f.line, "finding onset")
    return problems
