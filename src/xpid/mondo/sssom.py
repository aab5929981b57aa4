"""Mondo's mapping sets (SSSOM TSV) and its subclass-edge table, parsed from lines.

An SSSOM mapping set (Matentzoglu et al., *Database* 2022) is a TSV table with a YAML
header written as ``#`` comment lines. xpid reads the header's top-level ``key: value``
lines (``mapping_set_version``, ``license``, …; nested blocks such as ``curie_map`` are
skipped) and, from the table, the columns ``subject_id``, ``subject_label``,
``predicate_id`` and ``object_id`` (found by name; others are ignored).

The edge table is ``subject<TAB>object`` with one header line: each row says that the
subject MONDO class is a subclass of the object.

Both parsers are pure (lines in, value out); :mod:`xpid.mondo.load` opens the files.

>>> lines = ["# mapping_set_version: http://purl.obolibrary.org/obo/mondo/releases/"
...          "2026-08-04/mappings/x.sssom.tsv",
...          "# license: https://creativecommons.org/publicdomain/zero/1.0/",
...          "subject_id\\tsubject_label\\tpredicate_id\\tobject_id",
...          "MONDO:0010580\\tIPEX syndrome\\tskos:exactMatch\\tOMIM:304790"]
>>> mapping_set = parse_sssom(lines)
>>> mapping_set.version, mapping_set.mappings[0].object_id
('2026-08-04', 'OMIM:304790')
>>> parse_edges(["subject\\tobject", "MONDO:0020740\\tMONDO:0010293"])
(('MONDO:0020740', 'MONDO:0010293'),)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from xpid.errors import MappingFormatError

__all__ = [
    "SourceMapping",
    "MappingSet",
    "MONDO_ID",
    "SUBCLASS_OF",
    "parse_sssom",
    "parse_edges",
]

MONDO_ID = re.compile(r"MONDO:\d{7}")
"""A MONDO CURIE: ``MONDO:`` and seven digits."""

_CURIE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*:[^\s:]+")
_RELEASE = re.compile(r"/releases/(\d{4}-\d{2}-\d{2})/")
SUBCLASS_OF = "rdfs:subClassOf"
_COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id")


@dataclass(frozen=True, slots=True)
class SourceMapping:
    """One row of a mapping set: a MONDO class, its label, a predicate and an external id.

    ``object_id`` is as written in the file (``Orphanet:37042``; see
    :func:`xpid.mondo.model.normalise_source_id` for xpid's form). ``line`` is the
    1-based line number in the source.
    """

    subject_id: str
    subject_label: str
    predicate_id: str
    object_id: str
    line: int


@dataclass(frozen=True, slots=True)
class MappingSet:
    """A parsed SSSOM mapping set.

    Attributes
    ----------
    source
        Where it was read from (a path, or ``"<lines>"``).
    metadata
        The header's top-level ``(key, value)`` pairs, in file order.
    mappings
        The rows, in file order.
    """

    source: str
    metadata: tuple[tuple[str, str], ...]
    mappings: tuple[SourceMapping, ...]

    def meta(self, key: str) -> str | None:
        """The header value of ``key`` (``"license"``, …), or ``None``."""
        return next((value for k, value in self.metadata if k == key), None)

    @property
    def version(self) -> str:
        """The Mondo release of ``mapping_set_version`` (``"2026-08-04"``), or ``"unknown"``."""
        found = _RELEASE.search(self.meta("mapping_set_version") or "")
        return found.group(1) if found else "unknown"


def _header_entry(text: str) -> tuple[str, str] | None:
    body = text[1:]
    if not body.strip() or body.startswith("  "):
        return None  # blank, or a nested block (curie_map entries)
    key, sep, value = body.strip().partition(":")
    if not sep or not key or " " in key:
        return None
    return key, value.strip()


def parse_sssom(lines: Iterable[str], *, source: str = "<lines>") -> MappingSet:
    """Parse the lines of an SSSOM TSV mapping set.

    Raises
    ------
    MappingFormatError
        For a table without a header or without one of the columns ``subject_id``,
        ``subject_label``, ``predicate_id``, ``object_id``; a row with another number of
        columns than the header; a subject that is not a MONDO id or an object that is not
        a CURIE. Names the file and line.
    """
    metadata: list[tuple[str, str]] = []
    columns: tuple[int, ...] | None = None
    width = 0
    mappings: list[SourceMapping] = []
    for number, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        if text.startswith("#"):
            if columns is None:
                entry = _header_entry(text)
                if entry is not None:
                    metadata.append(entry)
            continue
        if not text.strip():
            continue
        cells = text.split("\t")
        if columns is None:
            names = [c.strip() for c in cells]
            missing = [c for c in _COLUMNS if c not in names]
            if missing:
                raise MappingFormatError(
                    f"the mapping table's header lacks the column(s) {', '.join(missing)}; "
                    f"expected an SSSOM TSV with {', '.join(_COLUMNS)}.",
                    path=source,
                    line=number,
                )
            columns = tuple(names.index(c) for c in _COLUMNS)
            width = len(names)
            continue
        if len(cells) != width:
            raise MappingFormatError(
                f"expected {width} tab-separated columns, found {len(cells)}.",
                path=source,
                line=number,
            )
        subject, label, predicate, obj = (cells[i].strip() for i in columns)
        if not MONDO_ID.fullmatch(subject):
            raise MappingFormatError(
                f"subject_id {subject!r} is not a MONDO id (expected MONDO: and seven digits).",
                path=source,
                line=number,
            )
        if not _CURIE.fullmatch(obj):
            raise MappingFormatError(
                f"object_id {obj!r} is not a CURIE (expected PREFIX:ID such as OMIM:304790).",
                path=source,
                line=number,
            )
        mappings.append(SourceMapping(subject, label, predicate, obj, number))
    if columns is None:
        raise MappingFormatError(
            "no mapping table found; expected an SSSOM TSV header line.", path=source
        )
    return MappingSet(source=source, metadata=tuple(metadata), mappings=tuple(mappings))


def parse_edges(lines: Iterable[str], *, source: str = "<lines>") -> tuple[tuple[str, str], ...]:
    """Parse a subclass-edge table: a header naming ``subject`` and ``object``, then one
    edge per row.

    Mondo's ``subsets/mondo-rare_edges.tsv`` carries more columns; they are found by name
    and ignored, except ``predicate``: when there is one, only ``rdfs:subClassOf`` rows are
    edges.

    Returns
    -------
    tuple of (child, parent)
        Distinct edges in file order.

    Raises
    ------
    MappingFormatError
        For a missing header, a row without two MONDO ids, or a class that is its own
        parent. Names the file and line.
    """
    edges: dict[tuple[str, str], None] = {}
    columns: tuple[int, int, int | None] | None = None
    for number, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        if not text.strip() or text.startswith("#"):
            continue
        cells = [c.strip() for c in text.split("\t")]
        if columns is None:
            if "subject" not in cells or "object" not in cells:
                raise MappingFormatError(
                    f"expected a header with the columns subject and object, found {text[:60]!r}.",
                    path=source,
                    line=number,
                )
            predicate = cells.index("predicate") if "predicate" in cells else None
            columns = (cells.index("subject"), cells.index("object"), predicate)
            continue
        child_at, parent_at, predicate_at = columns
        if len(cells) <= max(i for i in columns if i is not None):
            raise MappingFormatError(
                f"expected the subject and object columns, found {text[:60]!r}.",
                path=source,
                line=number,
            )
        if predicate_at is not None and cells[predicate_at] != SUBCLASS_OF:
            continue
        child, parent = cells[child_at], cells[parent_at]
        if not (MONDO_ID.fullmatch(child) and MONDO_ID.fullmatch(parent)):
            raise MappingFormatError(
                f"expected two MONDO ids, found {child[:30]!r} and {parent[:30]!r}.",
                path=source,
                line=number,
            )
        if child == parent:
            raise MappingFormatError(
                f"{child} is given as its own parent.", path=source, line=number
            )
        edges[(child, parent)] = None
    if columns is None:
        raise MappingFormatError("the edge table is empty; expected a header line.", path=source)
    return tuple(edges)
