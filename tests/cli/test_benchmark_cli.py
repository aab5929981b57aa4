"""``xpid benchmark`` and ``xpid simulate`` on the mini fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app

runner = CliRunner()

BATCH = Path(__file__).resolve().parents[1] / "fixtures" / "batch"


@pytest.fixture
def base(mini_dir: Path, tmp_path: Path) -> list[str]:
    return ["--data-dir", str(mini_dir), "--cache-dir", str(tmp_path / "cache")]


def test_benchmark_writes_report(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = runner.invoke(
        app,
        [
            *base,
            "benchmark",
            str(BATCH),
            "--method",
            "resnik-bma,simgic",
            "--both",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "average rank of the tied group" in result.stdout
    assert "worst rank of the tied group" in result.stdout
    assert "resnik-bma masked" in result.stdout
    assert "cited (n=2)" in result.stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["corpus"] == "omim"
    assert summary["hpo_release"] == "2099-01-01"
    assert [v["label"] for v in summary["variants"]] == [
        "resnik-bma",
        "simgic",
        "resnik-bma masked",
        "simgic masked",
    ]
    assert summary["n_inputs"] == 7
    assert summary["n_ranked"] == 3  # a, b, c (OMIM diagnoses in the store)
    assert summary["n_leaked"] == 2  # a cites PMID:1, b cites PMID:12
    assert summary["skipped"] == {
        "unreadable": 2,
        "no diagnosis": 0,
        "diagnosis not in store": 1,
        "diagnosis not in corpus": 0,
        "no usable findings": 1,
    }
    for label in ("resnik-bma", "simgic masked"):
        for mode in ("average", "worst"):
            figures = summary["results"][label][mode]
            assert figures["n"] == 3
            assert 0 < figures["mrr"] <= 1
            assert figures["top1"] <= figures["top3"] <= figures["top10"]
        assert (
            summary["results"][label]["average"]["mrr"]
            >= (summary["results"][label]["worst"]["mrr"])
        )
        assert sum(b["average"]["n"] for b in summary["by_findings"][label].values()) == 3
        assert summary["by_citation"][label]["cited"]["worst"]["n"] == 2
        assert summary["by_citation"][label]["not cited"]["worst"]["n"] == 1
        assert set(summary["by_disease"][label]) == {"OMIM:300755", "OMIM:999001", "OMIM:999002"}
        assert len(summary["topk_curve"][label]["worst"]) == 50
    lines = (out / "cases.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == 3 * 4
    for row in rows:
        assert float(row["rank_average"]) <= int(row["rank_worst"])
        assert int(row["rank_best"]) <= float(row["rank_average"])
    assert (out / "topk.png").read_bytes()[:4] == b"\x89PNG"


def test_benchmark_hand_checked_ranks(base: list[str], tmp_path: Path) -> None:
    """Case a (recurrent infections + diarrhea, no eczema) puts OMIM:300755 first of three
    OMIM diseases; masking PMID:1 leaves its other sources, so it stays first."""
    out = tmp_path / "r"
    result = runner.invoke(
        app,
        [
            *base,
            "benchmark",
            str(BATCH / "a_agamma.json"),
            "--method",
            "resnik-bma",
            "--both",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = (out / "cases.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert [r.split("\t")[7:12] for r in rows] == [
        ["false", "1", "1", "1", "3"],
        ["true", "1", "1", "1", "3"],
    ]


def test_benchmark_corpus_all_and_jobs(base: list[str], tmp_path: Path) -> None:
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        result = runner.invoke(
            app,
            [
                *base,
                "benchmark",
                str(BATCH),
                "--corpus",
                "all",
                "--method",
                "resnik-onesided",
                "--mask-own-publication",
                "--jobs",
                jobs,
                "--out",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        reports.append((out / "cases.tsv").read_text(encoding="utf-8"))
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert [v["label"] for v in summary["variants"]] == ["resnik-onesided masked"]
        assert summary["results"]["resnik-onesided masked"]["average"]["n"] == 3
    assert reports[0] == reports[1]


def test_benchmark_without_matplotlib(
    base: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    out = tmp_path / "r"
    result = runner.invoke(app, [*base, "benchmark", str(BATCH), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "matplotlib is not installed" in result.stderr
    assert (out / "summary.json").exists()
    assert not (out / "topk.png").exists()


def test_benchmark_bad_method(base: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*base, "benchmark", str(BATCH), "--method", "resnik-bma,nope"])
    assert result.exit_code == 1
    assert "unknown method 'nope'" in result.stderr


def test_simulate_then_benchmark(base: list[str], tmp_path: Path) -> None:
    sim = tmp_path / "sim"
    args = [
        *base,
        "simulate",
        "OMIM:300755",
        "OMIM:999001",
        "--n",
        "4",
        "--seed",
        "3",
        "--noise",
        "1",
        "--imprecision",
        "0.3",
        "--out",
        str(sim),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in sim.iterdir())
    assert len(files) == 8
    assert files[0] == "sim-OMIM_300755-s3-001.json"
    first = {p.name: p.read_bytes() for p in sim.iterdir()}
    assert runner.invoke(app, args).exit_code == 0
    assert {p.name: p.read_bytes() for p in sim.iterdir()} == first  # deterministic
    result = runner.invoke(app, [*base, "benchmark", str(sim), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "r" / "summary.json").read_text(encoding="utf-8"))
    assert summary["n_ranked"] == 8
    assert summary["n_leaked"] == 0


def test_simulate_errors(base: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*base, "simulate", "OMIM:000000", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "unknown disease id 'OMIM:000000'" in result.stderr
    result = runner.invoke(app, [*base, "simulate", "--panel", "nope", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "unknown panel 'nope'" in result.stderr
    result = runner.invoke(app, [*base, "simulate", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "at least one disease id" in result.stderr


def test_benchmark_without_cases_is_an_error(base: list[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "r"
    result = runner.invoke(app, [*base, "benchmark", str(empty), "--out", str(out)])
    assert result.exit_code == 1
    assert "no phenopacket file to benchmark" in result.stderr
    # Files, but no case whose diagnosis the knowledge base knows.
    unknown = [str(BATCH / "sub" / "d_unknown_dx.json"), str(BATCH / "sub" / "e_no_findings.json")]
    result = runner.invoke(app, [*base, "benchmark", *unknown, "--out", str(out)])
    assert result.exit_code == 1
    assert "no case of the 2 inputs could be ranked" in result.stderr
    assert (out / "summary.json").exists()  # the skipped table is still written


def test_unwritable_outputs_are_one_line_before_any_work(base: list[str], tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    result = runner.invoke(app, [*base, "benchmark", str(BATCH), "--out", str(a_file)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write to") and "it is a file" in result.stderr
    sim = [*base, "simulate", "OMIM:300755", "--out", str(a_file / "sub")]
    result = runner.invoke(app, sim)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write to the directory"), result.stderr
    assert "Traceback" not in result.output


def test_benchmark_leads_with_new_patient_figures(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r"
    result = runner.invoke(
        app, [*base, "benchmark", str(BATCH), "--method", "resnik-bma", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    # Masked and unmasked by default; new patients first, recognition second.
    assert text.index("New patients") < text.index("Recognition of published cases")
    assert text.index("Recognition of published cases") < text.index("Ties:")
    assert "masked, all" in text and "unmasked, not cited" in text
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    honest = summary["honest"]["resnik-bma"]
    assert honest["masked, all cases"]["n"] == 3
    assert honest["unmasked, not-cited cases"]["n"] == 1  # c is the only uncited case
    assert honest["unmasked, all cases"] == summary["results"]["resnik-bma"]["average"]
    assert summary["folds"] is None


def test_benchmark_folds(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r"
    args = [*base, "benchmark", str(BATCH), "--method", "resnik-bma", "--out", str(out)]
    result = runner.invoke(app, [*args, "--folds", "3"])
    assert result.exit_code == 0, result.output
    assert "Cohort folds (3 folds of 3 cohorts" in result.stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["folds"]["k"] == 3 and summary["folds"]["cases_per_fold"] == [1, 1, 1]
    per_fold = summary["honest"]["resnik-bma"]["per_fold"]
    assert [f["masked, all cases"]["n"] for f in per_fold] == [1, 1, 1]
    assert sum(f["unmasked, not-cited cases"] is not None for f in per_fold) == 1
    result = runner.invoke(app, [*args, "--folds", "4"])
    assert result.exit_code == 1
    assert "at most the number of cohorts (3), got 4" in result.stderr


def test_benchmark_masking_option(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r"
    args = [*base, "benchmark", str(BATCH), "--method", "resnik-bma", "--out", str(out)]
    result = runner.invoke(app, [*args, "--masking", "unmasked"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [v["label"] for v in summary["variants"]] == ["resnik-bma"]
    assert summary["honest"]["resnik-bma"]["masked, all cases"] is None
    result = runner.invoke(app, [*args, "--masking", "half"])
    assert result.exit_code == 1
    assert "--masking 'half' is not one of: both, masked, unmasked" in result.stderr
    result = runner.invoke(app, [*args, "--both", "--mask-own-publication"])
    assert result.exit_code == 1
