"""``xpid profiles draft`` through Typer's CliRunner, on the bundled HPO and profiles."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app
from xpid.profiles.curated import parse_profile_toml

runner = CliRunner()
NOTES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "notes"

DOC = (
    "A made-up IPEX summary\n\n"
    "Almost all affected boys have chronic diarrhoea. Eczema was seen in 13 of 56 boys.\n"
    "Type 1 diabetes occurs in 23% of them. Thyroiditis is rare. Seizures do not occur.\n"
)


@pytest.mark.bundled
def test_draft_writes_a_profile_that_parses(bundled_cache: Path, tmp_path: Path) -> None:
    doc = tmp_path / "summary.txt"
    doc.write_text(DOC, encoding="utf-8")
    out = tmp_path / "OMIM_304790.toml"
    base = ["--cache-dir", str(bundled_cache), "profiles", "draft"]
    result = runner.invoke(app, [*base, str(doc), "--disease", "OMIM:304790", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.stderr
    text = out.read_text(encoding="utf-8")
    profile = parse_profile_toml(text, path=out)
    assert profile.id == "OMIM:304790" and "FOXP3" in profile.genes
    findings = {f["term"]: f for f in tomllib.loads(text)["findings"]}
    assert findings["HP:0002028"]["frequency"] == "HP:0040281"
    assert findings["HP:0000964"]["frequency"] == "13/56"
    assert findings["HP:0100651"]["frequency"] == "23%"
    assert findings["HP:0100646"]["frequency"] == "HP:0040284"
    assert findings["HP:0001250"]["status"] == "excluded"
    start, end = DOC.index("Eczema"), DOC.index("Eczema") + len("Eczema")
    assert f"[{start}, {end}]" in findings["HP:0000964"]["comment"]
    stdout = runner.invoke(app, [*base, str(doc), "-d", "omim:304790"])
    assert stdout.exit_code == 0, stdout.output
    assert stdout.stdout == text


@pytest.mark.bundled
def test_draft_errors_are_one_line(bundled_cache: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing clinical here.\n", encoding="utf-8")
    base = ["--cache-dir", str(bundled_cache), "profiles", "draft"]
    result = runner.invoke(app, [*base, str(empty), "--disease", "OMIM:304790"])
    assert result.exit_code == 1
    assert "no present or excluded findings" in result.stderr
    unknown = runner.invoke(app, [*base, str(NOTES_DIR / "ipex.txt"), "--disease", "OMIM:1"])
    assert unknown.exit_code == 1
    assert "Traceback" not in unknown.output
