"""``xpid batch`` on the hand-written fixtures of ``tests/fixtures/batch`` (mini ontology)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import xpid.batch.records
from xpid.cli.app import app
from xpid.scoring.methods import DEFAULT_METHOD

runner = CliRunner()

BATCH = Path(__file__).resolve().parents[1] / "fixtures" / "batch"
GOOD = {"case_a", "case_b", "case_c", "case_d"}
ERRORS = {
    "e_no_findings.json": "QueryError",
    "f_truncated.json": "PhenopacketError",
    "g_v1.json": "PhenopacketError",
}


@pytest.fixture
def base(mini_dir: Path, tmp_path: Path) -> list[str]:
    return ["--data-dir", str(mini_dir), "--cache-dir", str(tmp_path / "cache")]


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_input_one_record_in_order(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    missing = str(tmp_path / "nope.json")
    result = runner.invoke(app, [*base, "batch", str(BATCH), missing, "--out", str(out)])
    assert result.exit_code == 1, result.output
    records = _records(out)
    assert len(records) == 8
    assert [Path(r["input"]).name for r in records] == [
        "a_agamma.json",
        "b_enteropathy.json",
        "c_diabetes.json",
        "d_unknown_dx.json",
        "e_no_findings.json",
        "f_truncated.json",
        "g_v1.json",
        "nope.json",
    ]
    ok = [r for r in records if r["status"] == "ok"]
    assert {r["case_id"] for r in ok} == GOOD
    errors = {Path(r["input"]).name: r["error_type"] for r in records if r["status"] == "error"}
    assert errors == {**ERRORS, "nope.json": "MissingInput"}
    first = records[0]
    assert first["diagnoses"] == ["OMIM:300755"]
    assert first["ranking"]["results"][0]["disease_id"] == "OMIM:300755"
    assert first["ranking"]["method"] == DEFAULT_METHOD.value
    # the alternative id of case d is reported as a notice on its record
    assert any("HP:0099003" in n["subject"] for n in records[3]["notices"])
    assert "4 of 8 inputs failed" in result.stderr


def test_all_ok_exits_zero_and_writes_stdout(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "batch", str(BATCH / "a_agamma.json"), "--top", "2"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["status"] == "ok"
    assert len(record["ranking"]["results"]) == 2


def test_paths_from_stdin(base: list[str]) -> None:
    listing = f"{BATCH / 'b_enteropathy.json'}\n# a comment\n\n{BATCH / 'c_diabetes.json'}\n"
    result = runner.invoke(app, [*base, "batch", "-"], input=listing)
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["case_id"] for line in result.stdout.splitlines()]
    assert ids == ["case_b", "case_c"]


@pytest.mark.parametrize("fmt", ["jsonl", "tsv"])
def test_jobs_two_identical_to_jobs_one(base: list[str], tmp_path: Path, fmt: str) -> None:
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.{fmt}"
        result = runner.invoke(
            app, [*base, "batch", str(BATCH), "--out", str(out), "-f", fmt, "--jobs", jobs]
        )
        assert result.exit_code == 1, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_tsv_rows(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    result = runner.invoke(
        app, [*base, "batch", str(BATCH), "--out", str(out), "-f", "tsv", "--top", "3"]
    )
    assert result.exit_code == 1, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[:6] == ["input", "case_id", "status", "diagnoses", "diagnosis_rank", "rank"]
    assert header[-5:] == ["method", "corpus", "hpo_release", "error_type", "error"]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len([r for r in rows if r["status"] == "ok"]) == 4 * 3
    errors = [r for r in rows if r["status"] == "error"]
    assert sorted(Path(r["input"]).name for r in errors) == sorted(ERRORS)
    assert all(r["rank"] == "" and r["error"] for r in errors)
    # the same diagnoses, diagnosis rank and provenance as the JSON lines, on every row
    jsonl = tmp_path / "out.jsonl"
    runner.invoke(app, [*base, "batch", str(BATCH), "--out", str(jsonl), "--top", "3"])
    for record in _records(jsonl):
        mine = [r for r in rows if r["input"] == record["input"]]
        ranking = record.get("ranking") or {}
        expected = {
            "diagnoses": ",".join(record["diagnoses"] or []),
            "diagnosis_rank": str(record.get("diagnosis_rank") or ""),
            "method": ranking.get("method", ""),
            "corpus": ranking.get("corpus", ""),
            "hpo_release": ranking.get("hpo_release", ""),
        }
        assert mine and all({k: r[k] for k in expected} == expected for r in mine)
    assert {r["method"] for r in rows if r["status"] == "ok"} == {DEFAULT_METHOD.value}


def test_diagnosis_rank_is_the_best_placed_diagnosis_in_the_whole_list(
    base: list[str], tmp_path: Path
) -> None:
    case = {
        "id": "two_dx",
        "phenotypicFeatures": [{"type": {"id": "HP:0002028"}}, {"type": {"id": "HP:0000964"}}],
        "interpretations": [{"diagnosis": {"disease": {"id": "OMIM:123456"}}}],  # not ranked
        "diseases": [{"term": {"id": "ORPHA:47"}}, {"term": {"id": "OMIM:300755"}}],
    }
    path = tmp_path / "two_dx.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    runs = {}
    for top in ("1", "10"):
        result = runner.invoke(app, [*base, "batch", str(path), "--top", top])
        assert result.exit_code == 0, result.output
        runs[top] = json.loads(result.stdout)
    everything = runs["10"]["ranking"]["results"]
    ranks = [r["rank"] for r in everything if r["disease_id"] in ("ORPHA:47", "OMIM:300755")]
    assert min(ranks) > 1  # beyond --top 1: the rank still comes from the whole list
    assert runs["1"]["diagnoses"] == ["OMIM:123456", "ORPHA:47", "OMIM:300755"]
    assert runs["1"]["diagnosis_rank"] == runs["10"]["diagnosis_rank"] == min(ranks)


def _cut_after(path: Path, n_inputs: int, fmt: str) -> None:
    """Keep the first ``n_inputs`` inputs of an output and half a line of the next one."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if fmt == "jsonl":
        kept, nxt = lines[:n_inputs], lines[n_inputs]
    else:
        header, body = lines[0], lines[1:]
        inputs = list(dict.fromkeys(line.split("\t", 1)[0] for line in body))
        keep = set(inputs[:n_inputs])
        kept = [header, *[line for line in body if line.split("\t", 1)[0] in keep]]
        # the next input's first row whole and its second row cut: an incomplete input
        rest = [line for line in body if line.split("\t", 1)[0] == inputs[n_inputs]]
        kept.append(rest[0])
        nxt = rest[1] if len(rest) > 1 else rest[0]
    path.write_text("".join(kept) + nxt[: len(nxt) // 2], encoding="utf-8")


@pytest.mark.parametrize("fmt", ["jsonl", "tsv"])
@pytest.mark.parametrize("n_done", [0, 2, 5])
def test_resume_after_crash_gives_uninterrupted_output(
    base: list[str], tmp_path: Path, fmt: str, n_done: int
) -> None:
    full = tmp_path / f"full.{fmt}"
    args = [*base, "batch", str(BATCH), "-f", fmt, "--top", "3"]
    assert runner.invoke(app, [*args, "--out", str(full)]).exit_code == 1
    cut = tmp_path / f"cut.{fmt}"
    cut.write_bytes(full.read_bytes())
    _cut_after(cut, n_done, fmt)
    result = runner.invoke(app, [*args, "--out", str(cut), "--resume"])
    assert result.exit_code == 1, result.output
    assert "resuming" in result.stderr
    assert cut.read_bytes() == full.read_bytes()


def test_ctrl_c_then_resume(
    base: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = tmp_path / "full.jsonl"
    args = [*base, "batch", str(BATCH)]
    assert runner.invoke(app, [*args, "--out", str(full)]).exit_code == 1

    real: Callable[..., Any] = xpid.batch.records.case_to_patient

    def interrupt_on_c(ontology: Any, case: Any, **kwargs: Any) -> Any:
        if case.id == "case_c":
            raise KeyboardInterrupt
        return real(ontology, case, **kwargs)

    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(xpid.batch.records, "case_to_patient", interrupt_on_c)
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.stderr
    assert [r["case_id"] for r in _records(out)] == ["case_a", "case_b"]

    monkeypatch.setattr(xpid.batch.records, "case_to_patient", real)
    result = runner.invoke(app, [*args, "--out", str(out), "--resume"])
    assert result.exit_code == 1, result.output
    assert out.read_bytes() == full.read_bytes()


def test_resume_of_complete_output_changes_nothing(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = [*base, "batch", str(BATCH / "a_agamma.json"), "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    before = out.read_bytes()
    result = runner.invoke(app, [*args, "--resume"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == before


def test_resume_refuses_foreign_file(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text("hello\nworld\n", encoding="utf-8")
    result = runner.invoke(app, [*base, "batch", str(BATCH), "--out", str(out), "--resume"])
    assert result.exit_code == 1
    assert "not the JSON-lines output of `xpid batch`" in result.stderr
    assert out.read_text(encoding="utf-8") == "hello\nworld\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [("one.jsonl", "important notes\n"), ("cut.jsonl", "no newline"), ("t.tsv", "notes\n")],
)
def test_resume_never_cuts_a_foreign_file(
    base: list[str], tmp_path: Path, name: str, content: str
) -> None:
    # A single line (or a line without newline) is not "a record cut short".
    out = tmp_path / name
    out.write_text(content, encoding="utf-8")
    fmt = "tsv" if name.endswith(".tsv") else "jsonl"
    args = [*base, "batch", str(BATCH), "--out", str(out), "--resume", "-f", fmt]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "--resume needs the" in result.stderr
    assert out.read_text(encoding="utf-8") == content


@pytest.mark.parametrize("fmt", ["jsonl", "tsv"])
@pytest.mark.parametrize(
    ("first", "second"),
    [
        (["--top", "3"], ["--top", "2"]),
        (["--method", "lr"], ["--method", "resnik-bma"]),
    ],
)
def test_resume_refuses_other_settings(
    base: list[str], tmp_path: Path, fmt: str, first: list[str], second: list[str]
) -> None:
    # (A TSV resume redoes the last input, so the first run has two.)
    out = tmp_path / f"out.{fmt}"
    two = [str(BATCH / "a_agamma.json"), str(BATCH / "b_enteropathy.json")]
    args = [*base, "batch", *two, "--out", str(out), "-f", fmt]
    runner.invoke(app, [*args, *first])
    before = out.read_bytes()
    more = [*args, str(BATCH / "c_diabetes.json"), *second, "--resume"]
    result = runner.invoke(app, more)
    assert result.exit_code == 1
    assert "made with" in result.stderr and "resume with the settings" in result.stderr
    assert out.read_bytes() == before


def test_resume_refuses_another_method_in_jsonl(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = [*base, "batch", str(BATCH / "a_agamma.json"), "--out", str(out)]
    runner.invoke(app, [*args, "--method", "resnik-onesided"])
    result = runner.invoke(app, [*args, "--method", "resnik-bma", "--resume"])
    assert result.exit_code == 1
    assert "--method resnik-onesided" in result.stderr


def test_unwritable_output_is_one_line_before_any_work(base: list[str], tmp_path: Path) -> None:
    for out in (tmp_path, tmp_path / "no" / "such" / "dir.jsonl"):
        result = runner.invoke(app, [*base, "batch", str(BATCH), "--out", str(out)])
        assert result.exit_code == 1
        assert result.stderr.startswith("error: cannot write"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_resume_matches_an_input_whose_path_has_a_tab(base: list[str], tmp_path: Path) -> None:
    odd = tmp_path / "odd\tname.json"
    odd.write_bytes((BATCH / "a_agamma.json").read_bytes())
    out = tmp_path / "out.tsv"
    # (A TSV resume redoes the last input, which may be incomplete: the odd one comes first.)
    args = [*base, "batch", str(odd), str(BATCH / "b_enteropathy.json"), "--out", str(out)]
    args += ["-f", "tsv"]
    assert runner.invoke(app, args).exit_code == 0
    before = out.read_bytes()
    result = runner.invoke(app, [*args, "--resume"])
    assert result.exit_code == 0, result.stderr
    assert "1 of 2 inputs already done" in " ".join(result.stderr.split())
    assert out.read_bytes() == before


def test_resume_needs_out(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "batch", str(BATCH), "--resume"])
    assert result.exit_code == 1
    assert "--resume needs --out" in result.stderr


def test_unknown_method_is_one_error(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "batch", str(BATCH), "--method", "nope"])
    assert result.exit_code == 1
    assert "unknown method 'nope'" in result.stderr
