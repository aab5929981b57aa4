"""Batch output: record formatting and cutting an interrupted output back for ``--resume``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from xpid.batch import BatchFormat, RankTask, format_record, prepare_resume
from xpid.batch.output import BATCH_TSV_HEADER, tsv_header
from xpid.errors import XpidError
from xpid.knowledge.corpus import Corpus
from xpid.scoring.methods import Method


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
        "diagnoses": ["OMIM:1", "ORPHA:9"],
        "diagnosis_rank": 2,
        "notices": [],
        "ranking": {
            "hpo_release": "2025-01-16",
            "method": "resnik-bma",
            "corpus": "all",
            "parameters": {"panel": None},
            "n_ranked": n,  # as many as shown: any --top of at least n
            "results": results,
        },
    }


def _error(name: str) -> dict[str, Any]:
    return {
        "input": name,
        "case_id": None,
        "status": "error",
        "diagnoses": None,
        "error_type": "PhenopacketError",
        "error": "bad\nfile",
    }


def _rows(record: dict[str, Any]) -> list[dict[str, str]]:
    text = format_record(record, BatchFormat.TSV)
    return [
        dict(zip(BATCH_TSV_HEADER, line.split("\t"), strict=True)) for line in text.splitlines()
    ]


RECORDS = [_ok("a.json", 2), _error("b.json"), _ok("c.json", 3), _ok("d.json", 1)]


def _write(path: Path, fmt: BatchFormat, records: list[dict[str, Any]], tail: str = "") -> None:
    head = tsv_header() if fmt is BatchFormat.TSV else ""
    path.write_text(head + "".join(format_record(r, fmt) for r in records) + tail, "utf-8")


def test_jsonl_is_one_line_per_record() -> None:
    line = format_record(RECORDS[0], BatchFormat.JSONL)
    assert line.endswith("\n") and line.count("\n") == 1
    assert json.loads(line) == RECORDS[0]


def test_tsv_rows_per_rank_and_clean_cells() -> None:
    rows = _rows(RECORDS[2])
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["name"] == "A name" and rows[0]["genes"] == "G1,G2"
    (error,) = _rows(RECORDS[1])
    assert error["status"] == "error" and error["rank"] == "" and error["error"] == "bad file"


def test_tsv_rows_carry_the_diagnoses_their_rank_and_the_provenance() -> None:
    record = RECORDS[2]
    for row in _rows(record):  # every row of the input, the same values as the JSON record
        assert row["diagnoses"] == "OMIM:1,ORPHA:9"
        assert row["diagnosis_rank"] == "2"
        assert (row["method"], row["corpus"], row["hpo_release"]) == (
            "resnik-bma",
            "all",
            "2025-01-16",
        )
    (error,) = _rows(RECORDS[1])
    assert [error[c] for c in ("diagnoses", "diagnosis_rank", "method", "hpo_release")] == [""] * 4
    read = _error("x.json") | {"case_id": "p", "diagnoses": ["OMIM:3"], "error_type": "QueryError"}
    assert _rows(read)[0]["diagnoses"] == "OMIM:3"
    unranked = _ok("y.json", 0) | {"diagnosis_rank": None}
    (row,) = _rows(unranked)  # nothing ranked (an empty panel): the input keeps one row
    assert row["diagnosis_rank"] == "" and row["rank"] == "" and row["method"] == "resnik-bma"


def test_tsv_probability_columns_follow_the_method() -> None:
    lr = _ok("e.json", 1)
    lr["ranking"]["results"][0] |= {"probability": 0.7, "pretest_probability": 4.82283e-4}
    for record, expected in ((lr, ["0.700000", "0.000482283"]), (_ok("f.json", 1), ["", ""])):
        (cells,) = _rows(record)
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


@pytest.mark.parametrize("fmt", list(BatchFormat))
@pytest.mark.parametrize(
    ("task", "release", "made"),
    [
        (RankTask(method=Method.RESNIK_ONESIDED, top=3), None, "--method resnik-bma"),
        (RankTask(method=Method.RESNIK_BMA, corpus=Corpus.OMIM, top=3), None, "--corpus all"),
        (RankTask(method=Method.RESNIK_BMA, top=3), "2026-01-01", "HPO release 2025-01-16"),
    ],
)
def test_resume_refuses_other_settings_or_release(
    tmp_path: Path, fmt: BatchFormat, task: RankTask, release: str | None, made: str
) -> None:
    path = tmp_path / "out"
    _write(path, fmt, RECORDS)
    before = path.read_bytes()
    with pytest.raises(XpidError, match=f"made with {made}, not"):
        prepare_resume(path, fmt, task, release)
    assert path.read_bytes() == before
    # the same settings and release are accepted
    same = RankTask(method=Method.RESNIK_BMA, top=3)
    assert "a.json" in prepare_resume(path, fmt, same, "2025-01-16")
