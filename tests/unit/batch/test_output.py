"""Batch output: record formatting and cutting an interrupted output back for ``--resume``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from xpid.batch import BatchFormat, format_record, prepare_resume
from xpid.batch.output import tsv_header
from xpid.errors import XpidError


def _ok(name: str, n: int) -> dict[str, Any]:
    results = [
        {
            "rank": i + 1,
            "disease_id": f"OMIM:{i}",
            "name": "A\tname",
            "genes": ["G1", "G2"],
            "score": 1.0 / (i + 1),
            "matched": 1,
            "total": 2,
        }
        for i in range(n)
    ]
    return {
        "input": name,
        "case_id": name,
        "status": "ok",
        "diagnoses": [],
        "notices": [],
        "ranking": {"results": results},
    }


def _error(name: str) -> dict[str, Any]:
    return {
        "input": name,
        "case_id": None,
        "status": "error",
        "error_type": "PhenopacketError",
        "error": "bad\nfile",
    }


RECORDS = [_ok("a.json", 2), _error("b.json"), _ok("c.json", 3), _ok("d.json", 1)]


def _write(path: Path, fmt: BatchFormat, records: list[dict[str, Any]], tail: str = "") -> None:
    head = tsv_header() if fmt is BatchFormat.TSV else ""
    path.write_text(head + "".join(format_record(r, fmt) for r in records) + tail, "utf-8")


def test_jsonl_is_one_line_per_record() -> None:
    line = format_record(RECORDS[0], BatchFormat.JSONL)
    assert line.endswith("\n") and line.count("\n") == 1
    assert json.loads(line) == RECORDS[0]


def test_tsv_rows_per_rank_and_clean_cells() -> None:
    text = format_record(RECORDS[2], BatchFormat.TSV)
    rows = [line.split("\t") for line in text.splitlines()]
    assert [r[3] for r in rows] == ["1", "2", "3"]
    assert rows[0][5] == "A name" and rows[0][6] == "G1,G2"
    (error,) = [
        line.split("\t") for line in format_record(RECORDS[1], BatchFormat.TSV).splitlines()
    ]
    assert error[2:4] == ["error", ""] and error[-1] == "bad file"


def test_tsv_probability_columns_follow_the_method() -> None:
    from xpid.batch.output import BATCH_TSV_HEADER

    lr = _ok("e.json", 1)
    lr["ranking"]["results"][0] |= {"probability": 0.7, "pretest_probability": 4.82283e-4}
    for record, expected in ((lr, ["0.700000", "0.000482283"]), (_ok("f.json", 1), ["", ""])):
        (row,) = [line.split("\t") for line in format_record(record, BatchFormat.TSV).splitlines()]
        cells = dict(zip(BATCH_TSV_HEADER, row, strict=True))
        assert [cells["probability"], cells["pretest_probability"]] == expected


@pytest.mark.parametrize("fmt", list(BatchFormat))
def test_complete_output_is_kept(tmp_path: Path, fmt: BatchFormat) -> None:
    path = tmp_path / "out"
    _write(path, fmt, RECORDS)
    before = path.read_bytes()
    done = prepare_resume(path, fmt)
    if fmt is BatchFormat.JSONL:
        assert done == {"a.json": "ok", "b.json": "error", "c.json": "ok", "d.json": "ok"}
        assert path.read_bytes() == before
    else:  # the last input may be incomplete in TSV, so it is dropped and redone
        assert done == {"a.json": "ok", "b.json": "error", "c.json": "ok"}
        _write(tmp_path / "expected", fmt, RECORDS[:3])
        assert path.read_bytes() == (tmp_path / "expected").read_bytes()


def test_jsonl_partial_line_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    _write(path, BatchFormat.JSONL, RECORDS[:2], tail='{"input": "c.js')
    assert prepare_resume(path, BatchFormat.JSONL) == {"a.json": "ok", "b.json": "error"}
    _write(tmp_path / "expected", BatchFormat.JSONL, RECORDS[:2])
    assert path.read_bytes() == (tmp_path / "expected").read_bytes()


def test_tsv_incomplete_last_input_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    partial = format_record(RECORDS[2], BatchFormat.TSV).splitlines(keepends=True)
    _write(path, BatchFormat.TSV, RECORDS[:2], tail=partial[0] + partial[1][:5])
    assert prepare_resume(path, BatchFormat.TSV) == {"a.json": "ok", "b.json": "error"}
    _write(tmp_path / "expected", BatchFormat.TSV, RECORDS[:2])
    assert path.read_bytes() == (tmp_path / "expected").read_bytes()


def test_empty_and_header_only(tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    path.write_text("inp", encoding="utf-8")
    assert prepare_resume(path, BatchFormat.TSV) == {}
    assert path.read_bytes() == b""


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (BatchFormat.JSONL, "not json\n{}\n"),
        (BatchFormat.JSONL, "one line\n"),
        (BatchFormat.JSONL, "no newline"),
        (BatchFormat.TSV, "a\tb\n"),
        (BatchFormat.TSV, "no newline"),
        (BatchFormat.JSONL, "caf\udce9\n"),
    ],
)
def test_foreign_files_are_refused_untouched(tmp_path: Path, fmt: BatchFormat, text: str) -> None:
    path = tmp_path / "notes"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))  # \udce9: a lone byte 0xE9
    with pytest.raises(XpidError, match="not (a|the|UTF-8)"):
        prepare_resume(path, fmt)
    assert path.read_bytes() == text.encode("utf-8", "surrogateescape")
