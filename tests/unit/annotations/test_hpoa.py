"""The HPOA parser on small hand-written snippets and on the mini fixture."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from xpid.annotations.frequency import FrequencyKind
from xpid.annotations.hpoa import HPOA_COLUMNS, Aspect, load_hpoa, parse_hpoa
from xpid.errors import AnnotationFormatError, DataError

HEADER = ["#description: test", "#version: 2099-01-01", "\t".join(HPOA_COLUMNS)]


def row(*cells: str) -> str:
    defaults = ["OMIM:1", "Disease one", "", "HP:0002014", "PMID:1", "PCS", "", "", "", "", "P"]
    values = list(cells) + defaults[len(cells) :]
    return "\t".join([*values, "HPO:x[2020-01-01]"])


def test_header_and_every_column() -> None:
    hpoa = parse_hpoa(
        [
            *HEADER,
            row(
                "OMIM:1",
                "Disease one",
                "",
                "HP:0002014",
                "PMID:1;PMID:2",
                "PCS",
                "HP:0003593",
                "3/7",
                "MALE",
                "HP:0012825;HP:0012828",
                "P",
            ),
        ],
        source="snippet.hpoa",
    )
    assert hpoa.version == "2099-01-01" and hpoa.source == "snippet.hpoa"
    (r,) = hpoa.rows
    assert r.disease_id == "OMIM:1" and r.database == "OMIM"
    assert r.references == ("PMID:1", "PMID:2")
    assert r.onset == "HP:0003593"
    assert r.frequency.kind is FrequencyKind.RATIO and r.frequency.source == "3/7"
    assert r.sex == "male"
    assert r.modifiers == ("HP:0012825", "HP:0012828")
    assert r.aspect is Aspect.P and not r.negated
    assert r.line == 4


def test_every_frequency_form_not_and_aspects() -> None:
    hpoa = parse_hpoa(
        [
            *HEADER,
            row("OMIM:1", "D", "", "HP:0002014", "PMID:1", "PCS", "", "HP:0040281"),
            row("OMIM:1", "D", "", "HP:0002014", "PMID:1", "PCS", "", "12%"),
            row("OMIM:1", "D", "", "HP:0000964", "PMID:1", "PCS", "", "0/4"),
            row("ORPHA:2", "E", "NOT", "HP:0000964", "ORPHA:2", "TAS", "", ""),
            row("OMIM:1", "D", "", "HP:0001419", "OMIM:1", "TAS", "", "", "", "", "I"),
            row("OMIM:1", "D", "", "HP:0003593", "OMIM:1", "TAS", "", "", "", "", "C"),
            row("OMIM:1", "D", "", "HP:0003828", "OMIM:1", "TAS", "", "", "", "", "M"),
            row("OMIM:1", "D", "", "HP:0100602", "OMIM:1", "TAS", "", "", "", "", "H"),
        ]
    )
    kinds = [r.frequency.kind for r in hpoa.rows[:4]]
    assert kinds == [
        FrequencyKind.TERM,
        FrequencyKind.PERCENT,
        FrequencyKind.RATIO,
        FrequencyKind.UNKNOWN,
    ]
    assert hpoa.rows[2].frequency.is_absent
    assert hpoa.rows[3].negated
    assert [r.aspect for r in hpoa.rows[4:]] == [Aspect.I, Aspect.C, Aspect.M, Aspect.H]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("OMIM:1\tD\t\tHP:0002014\tPMID:1", "expected 12 tab-separated columns, found 5"),
        (row("OMIM 1"), "database_id 'OMIM 1'"),
        (row("OMIM:1", "D", "", "HP:2014"), "hpo_id 'HP:2014'"),
        (row("OMIM:1", "D", "", "HP:0002014", "PMID:1", "PCS", "", "often"), "frequency 'often'"),
        (row("OMIM:1", "D", "", "HP:0002014", "PMID:1", "PCS", "", "", "", "", "X"), "aspect 'X'"),
        (row("OMIM:1", "D", "YES"), "qualifier 'YES'"),
        (row("OMIM:1", "D", "", "HP:0002014", "PMID:1", "PCS", "", "", "BOTH"), "sex 'BOTH'"),
        (row("OMIM:1", "D", "", "HP:0002014", "PMID:1", "PCS", "infantile"), "onset 'infantile'"),
    ],
)
def test_malformed_row_names_file_and_line(bad: str, message: str) -> None:
    lines = [*HEADER, row(), bad]
    with pytest.raises(AnnotationFormatError, match=message) as info:
        parse_hpoa(lines, source="bad.hpoa")
    assert info.value.path == "bad.hpoa" and info.value.line == 5
    assert str(info.value).startswith("bad.hpoa:5: ")


def test_missing_or_wrong_header() -> None:
    with pytest.raises(AnnotationFormatError, match="no column header"):
        parse_hpoa(["#version: 1"], source="x")
    with pytest.raises(AnnotationFormatError, match="column header") as info:
        parse_hpoa(["#version: 1", row()], source="x")
    assert info.value.line == 2


def test_load_plain_and_gzip(tmp_path: Path, mini_hpoa_path: Path) -> None:
    plain = load_hpoa(mini_hpoa_path)
    packed = tmp_path / "phenotype.hpoa.gz"
    packed.write_bytes(gzip.compress(mini_hpoa_path.read_bytes()))
    assert load_hpoa(packed).rows == plain.rows
    assert plain.version == "2025-01-16"
    assert len({r.disease_id for r in plain.rows}) == 5
    with pytest.raises(DataError, match="cannot read"):
        load_hpoa(tmp_path / "missing.hpoa")
