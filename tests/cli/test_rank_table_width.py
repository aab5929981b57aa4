"""The ranking table reads at any width: each disease on at most two lines, nothing wrapped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app

QUICK = ["HP:0002028", "HP:0000964", "HP:0100651"]


def _rows(stdout: str) -> dict[str, list[str]]:
    """The body lines of the main table grouped by rank (a line that starts a new row has a
    rank number in the first column)."""
    body = stdout.split("┡", 1)[1].split("└", 1)[0].splitlines()[1:]
    rows: dict[str, list[str]] = {}
    current = ""
    for line in body:
        cells = line.split("│")
        if cells[1].strip():
            current = f"{len(rows)}:{cells[1].strip()}"
            rows[current] = []
        rows[current].append(line)
    return rows


def _check(stdout: str, width: int, n: int) -> None:
    assert all(len(line) <= width for line in stdout.splitlines())
    rows = _rows(stdout)
    assert len(rows) == n
    for lines in rows.values():
        assert len(lines) == 2
        assert re.search(r"(OMIM|ORPHA|DECIPHER|MONDO):\d+", lines[1])  # the id, second line
    head = stdout.split("┡", 1)[0]
    for word in ("disease", "probability", "evidence", "findings", "matched"):
        assert word in head
    assert "relative to the" in stdout and "diseases ranked" in stdout


@pytest.mark.parametrize("width", [80, 120])
def test_mini_table_two_lines_per_disease(mini_dir: Path, tmp_path: Path, width: int) -> None:
    runner = CliRunner(env={"COLUMNS": str(width)})
    base = ["--data-dir", str(mini_dir), "--cache-dir", str(tmp_path)]
    result = runner.invoke(app, [*base, "rank", "HP:0002719", "HP:0002028"])
    assert result.exit_code == 0, result.output
    _check(result.stdout, width, 5)


@pytest.mark.bundled
@pytest.mark.parametrize("width", [80, 120])
def test_quick_start_top_ten_on_two_lines_each(bundled_cache: Path, width: int) -> None:
    runner = CliRunner(env={"COLUMNS": str(width)})
    result = runner.invoke(app, ["--cache-dir", str(bundled_cache), "rank", *QUICK])
    assert result.exit_code == 0, result.output
    _check(result.stdout, width, 10)
    if width == 120:  # at 120 columns the leader's name is whole
        assert "Immunodysregulation, polyendocrinopathy, and enteropathy, X-linked" in result.stdout
