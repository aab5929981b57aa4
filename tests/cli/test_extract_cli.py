"""``xpid extract`` through Typer's CliRunner, on the extraction fixture ontology."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app

runner = CliRunner()
FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"
NOTE = "Boy with chronic diarrhoea and eczema; no seizures; father has psoriasis.\n"


@pytest.fixture
def base(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(FIXTURE_DIR), "--cache-dir", str(tmp_path)]


def test_extract_json_from_stdin(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "extract", "-", "-f", "json"], input=NOTE)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["hpo_release"] == "2099-02-02"
    assert [(m["id"], m["assertion"]) for m in payload["mentions"]] == [
        ("HP:0002028", "present"),
        ("HP:0000964", "present"),
        ("HP:0001250", "excluded"),
        ("HP:0003765", "other_person"),
    ]
    first = payload["mentions"][0]
    assert NOTE[first["start"] : first["end"]] == first["text"] == "chronic diarrhoea"


def test_extract_table_tsv_and_phenopacket_from_file(base: list[str], tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    table = runner.invoke(app, [*base, "extract", str(note)])
    assert table.exit_code == 0, table.output
    assert "Chronic diarrhea" in table.stdout and "excluded" in table.stdout
    tsv = runner.invoke(app, [*base, "extract", str(note), "-f", "tsv"])
    assert tsv.stdout.splitlines()[0].split("\t")[:2] == ["id", "label"]
    assert len(tsv.stdout.splitlines()) == 5
    packet = json.loads(
        runner.invoke(app, [*base, "extract", str(note), "-f", "phenopacket"]).stdout
    )
    assert packet["phenotypicFeatures"] == [
        {"type": {"id": "HP:0002028", "label": "Chronic diarrhea"}},
        {"type": {"id": "HP:0000964", "label": "Eczema"}},
        {"type": {"id": "HP:0001250", "label": "Seizure"}, "excluded": True},
    ]


def test_extract_missing_file_is_one_line_error(base: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*base, "extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt' (No such file or directory)" in result.stderr
    assert "Traceback" not in result.output


def test_extract_binary_input_is_refused_from_file_and_stdin(
    base: list[str], tmp_path: Path
) -> None:
    blob = bytes(range(128, 256)) * 4
    binary = tmp_path / "blob.bin"
    binary.write_bytes(blob)
    for args, stdin in (([str(binary)], None), (["-"], blob)):
        result = runner.invoke(app, [*base, "extract", *args], input=stdin)
        assert result.exit_code == 1
        assert (
            "as UTF-8 text" in result.stderr and "expected a plain-text document" in result.stderr
        )


NOTES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "notes"


@pytest.mark.bundled
@pytest.mark.parametrize(
    ("note", "disease"),
    [("ipex.txt", "OMIM:304790"), ("xhigm.txt", "OMIM:308230"), ("nemo.txt", "OMIM:300291")],
)
def test_rank_text_puts_the_seed_disease_in_the_top_three(
    bundled_cache: Path, note: str, disease: str
) -> None:
    """A short clinical note per seed disease, ranked with the default method."""
    result = runner.invoke(
        app,
        [
            "--cache-dir",
            str(bundled_cache),
            "rank",
            "--text",
            str(NOTES_DIR / note),
            "--top",
            "3",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Understood from the text" in result.stderr
    top = [r["disease_id"] for r in json.loads(result.stdout)["results"]]
    assert disease in top, top
