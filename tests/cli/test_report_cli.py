"""``xpid rank --report FILE.html``: the report file, and what a browser shows of it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app

runner = CliRunner(env={"COLUMNS": "200"})
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def base(mini_dir: Path, tmp_path: Path) -> list[str]:
    return ["--data-dir", str(mini_dir), "--cache-dir", str(tmp_path / "cache")]


def test_report_leaves_the_screen_output_as_it_was(base: list[str], tmp_path: Path) -> None:
    args = [*base, "rank", "HP:0002719", "HP:0002028", "-x", "HP:0000964", "--top", "2"]
    plain = runner.invoke(app, args)
    report = tmp_path / "report.html"
    with_report = runner.invoke(app, [*args, "--report", str(report)])
    assert with_report.exit_code == 0, with_report.output
    assert with_report.stdout == plain.stdout
    assert f"wrote the report {report}" in with_report.stderr
    page = report.read_text(encoding="utf-8")
    # the report lists more than the screen (at least 10, here all 5) and explains them
    assert page.count('<td class="num">') >= 5 * 3
    assert "Why these diseases" in page


def test_report_to_a_missing_directory_fails_before_work(base: list[str], tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "report.html"
    result = runner.invoke(app, [*base, "rank", "HP:0002719", "--report", str(target)])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_phenopacket_report_in_a_browser(
    base: list[str], tmp_path: Path, page_text: Callable[[Path], str]
) -> None:
    report = tmp_path / "case.html"
    phenopacket = FIXTURES / "batch" / "a_agamma.json"
    result = runner.invoke(
        app, [*base, "rank", "--phenopacket", str(phenopacket), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    text = _squash(page_text(report))
    assert "Recurrent infections HP:0002719" in text  # the case's finding, as given
    assert "Agammaglobulinemia, X-linked" in text  # the leading disease
    assert re.search(r"\d+\.\d %", text)  # with a probability
    assert "Why these diseases" in text and "ln LR)" in text  # the evidence per finding
    assert "HPO release 2099-01-01" in text  # provenance
    assert "Limits" in text


@pytest.mark.bundled
def test_quick_start_report_in_a_browser(
    bundled_cache: Path, tmp_path: Path, page_text: Callable[[Path], str]
) -> None:
    report = tmp_path / "quick.html"
    result = runner.invoke(
        app,
        [
            "--cache-dir",
            str(bundled_cache),
            "rank",
            "HP:0002028",
            "HP:0000964",
            "HP:0100651",
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 0, result.output
    text = _squash(page_text(report))
    for finding in ("Chronic diarrhea", "Eczematoid dermatitis", "Type I diabetes mellitus"):
        assert finding in text
    # the leading disease with its genes and probability (a table: read cell by cell)
    assert "Immunodysregulation" in text and "OMIM:304790" in text and "FOXP3" in text
    assert re.search(r"\b[1-9]\d\.\d %", text)
    # the evidence for IPEX: its heading, the match of each finding and signed ln LRs
    assert "1. Immunodysregulation, polyendocrinopathy, and enteropathy, X-linked" in text
    assert "exact: Chronic diarrhea" in text
    assert len(re.findall(r"\+\d+\.\d\d", text)) >= 4
    assert "Findings to check next" in text
    assert "HPO release 2025-01-16" in text and "method lr" in text
