"""``xpid term``, ``xpid search`` and ``xpid --version`` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app

runner = CliRunner()


@pytest.fixture
def base(mini_dir: Path, tmp_path: Path) -> list[str]:
    return ["--data-dir", str(mini_dir), "--cache-dir", str(tmp_path)]


def test_term_table(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "term", "HP:0002014"])
    assert result.exit_code == 0, result.output
    assert "Diarrhea" in result.stdout
    assert "HP:0025031 Abnormality of the digestive system" in result.stdout
    assert "Diarrhoea" in result.stdout


def test_term_json_shape(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "term", "chronic diarrhoea", "-f", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["hpo_release"] == "2099-01-01"
    (term,) = payload["terms"]
    assert term["id"] == "HP:0002028"
    assert term["query"] == "chronic diarrhoea"
    assert term["parents"] == [{"id": "HP:0002014", "label": "Diarrhea"}]
    assert term["n_descendants"] == 0
    assert set(term) == {
        "query",
        "id",
        "label",
        "definition",
        "synonyms",
        "parents",
        "n_descendants",
        "depth",
        "n_diseases",
        "warning",
    }


def test_term_tsv(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "term", "HP:0002014", "HP:0000964", "-f", "tsv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["query", "id", "label"]
    assert [line.split("\t")[1] for line in lines[1:]] == ["HP:0002014", "HP:0000964"]


def test_alt_id_warns_on_stderr(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "term", "HP:0099003", "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["terms"][0]["id"] == "HP:0002028"
    assert "warning:" in result.stderr and "HP:0099003" in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["term", "HP:9999999"], "'HP:9999999' is not a term"),
        (["term", "zzzz qqqq"], "'zzzz qqqq' matches no HPO label"),
        (["term", "diarhea"], "Did you mean: HP:0002014 Diarrhea"),
        (["term", "HP:0099002"], "obsolete"),
        (["term", "HP:12"], "well-formed"),
    ],
)
def test_errors_are_one_line_without_traceback(
    base: list[str], args: list[str], needle: str
) -> None:
    result = runner.invoke(app, [*base, *args])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_data_dir_is_a_clean_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "nope"), "term", "HP:0002014"])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_search_json(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "search", "oesophageal", "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["hits"] == []
    result = runner.invoke(app, [*base, "search", "diarrhoea", "--limit", "1", "-f", "json"])
    hits = json.loads(result.stdout)["hits"]
    assert [h["id"] for h in hits] == ["HP:0002014"]


def test_search_table(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "search", "infections", "recurrent"])
    assert result.exit_code == 0
    assert "HP:0002719" in result.stdout


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("xpid ")
    assert "HPO release" in result.stdout


def test_data_dir_from_environment(
    mini_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XPID_DATA_DIR", str(mini_dir))
    result = runner.invoke(app, ["--cache-dir", str(tmp_path), "term", "HP:0002014", "-f", "json"])
    assert json.loads(result.stdout)["hpo_release"] == "2099-01-01"


def test_an_unwritable_cache_is_named_once(mini_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    args = ["--data-dir", str(mini_dir), "--cache-dir", str(blocker / "cache")]
    result = runner.invoke(app, [*args, "term", "HP:0002014"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("cannot be written") == 1
    assert "every run builds again" in result.stderr
    # A writable cache says nothing.
    writable = ["--data-dir", str(mini_dir), "--cache-dir", str(tmp_path / "c")]
    result = runner.invoke(app, [*writable, "term", "HP:0002014"])
    assert result.exit_code == 0, result.output
    assert "cannot be written" not in result.stderr
