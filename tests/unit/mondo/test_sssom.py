"""SSSOM mapping sets and edge tables: headers, columns found by name, errors with lines."""

from __future__ import annotations

import pytest

from xpid.errors import MappingFormatError
from xpid.mondo.sssom import parse_edges, parse_sssom

HEADER = "subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label"


def test_metadata_version_and_rows() -> None:
    lines = [
        "# curie_map:",
        "#   MONDO: http://purl.obolibrary.org/obo/MONDO_",
        "# license: https://creativecommons.org/publicdomain/zero/1.0/",
        "# mapping_set_version: http://purl.obolibrary.org/obo/mondo/releases/2026-08-04/x.tsv",
        HEADER,
        "MONDO:0010580\tIPEX\tskos:exactMatch\tOMIM:304790\tipex",
        "",
        "MONDO:0010580\tIPEX\tskos:exactMatch\tOrphanet:37042\tIPEX syndrome",
    ]
    parsed = parse_sssom(lines, source="x.tsv")
    assert parsed.version == "2026-08-04"
    assert parsed.meta("license") == "https://creativecommons.org/publicdomain/zero/1.0/"
    # Nested blocks are not top-level metadata.
    assert parsed.meta("MONDO") is None
    assert parsed.meta("curie_map") == ""
    assert [(m.subject_id, m.object_id, m.line) for m in parsed.mappings] == [
        ("MONDO:0010580", "OMIM:304790", 6),
        ("MONDO:0010580", "Orphanet:37042", 8),
    ]


def test_columns_are_found_by_name() -> None:
    lines = [
        "object_id\tpredicate_id\tsubject_label\tsubject_id",
        "OMIM:1\tskos:exactMatch\tx\tMONDO:0000001",
    ]
    (row,) = parse_sssom(lines).mappings
    assert (row.subject_id, row.subject_label, row.predicate_id, row.object_id) == (
        "MONDO:0000001",
        "x",
        "skos:exactMatch",
        "OMIM:1",
    )


def test_version_unknown_without_release_in_header() -> None:
    assert parse_sssom([HEADER]).version == "unknown"


@pytest.mark.parametrize(
    ("lines", "message", "line"),
    [
        (["subject_id\tobject_id"], "lacks the column(s) subject_label, predicate_id", 1),
        ([HEADER, "MONDO:0000001\tx\tskos:exactMatch\tOMIM:1"], "expected 5 tab-separated", 2),
        ([HEADER, "OMIM:1\tx\tskos:exactMatch\tOMIM:1\tx"], "is not a MONDO id", 2),
        ([HEADER, "MONDO:0000001\tx\tskos:exactMatch\tnot a curie\tx"], "is not a CURIE", 2),
        (["# only a header"], "no mapping table found", None),
    ],
)
def test_malformed_sets_name_file_and_line(
    lines: list[str], message: str, line: int | None
) -> None:
    with pytest.raises(MappingFormatError, match="set.tsv") as info:
        parse_sssom(lines, source="set.tsv")
    assert message in str(info.value)
    assert info.value.line == line


def test_edges_plain_and_with_predicate_column() -> None:
    assert parse_edges(
        ["subject\tobject", "MONDO:0000002\tMONDO:0000001", "MONDO:0000002\tMONDO:0000001"]
    ) == (("MONDO:0000002", "MONDO:0000001"),)
    full = [
        "uuid\tsubject\tpredicate\tobject\tsource",
        "u1\tMONDO:0000002\trdfs:subClassOf\tMONDO:0000001\tmondo",
        "u2\tMONDO:0000003\tBFO:0000050\tMONDO:0000001\tmondo",
    ]
    assert parse_edges(full) == (("MONDO:0000002", "MONDO:0000001"),)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "empty"),
        (["child\tparent"], "subject and object"),
        (["subject\tobject", "MONDO:0000002"], "expected the subject and object"),
        (["subject\tobject", "OMIM:1\tMONDO:0000001"], "expected two MONDO ids"),
        (["subject\tobject", "MONDO:0000001\tMONDO:0000001"], "its own parent"),
    ],
)
def test_malformed_edges(lines: list[str], message: str) -> None:
    with pytest.raises(MappingFormatError, match=message):
        parse_edges(lines, source="edges.tsv")
