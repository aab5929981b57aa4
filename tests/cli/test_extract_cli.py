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


def test_extract_several_files_one_record_each_and_the_run_goes_on(
    base: list[str], tmp_path: Path
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(NOTE, encoding="utf-8")
    second.write_text("A 4-month-old girl with no diarrhoea.\n", encoding="utf-8")
    binary = tmp_path / "c.bin"
    binary.write_bytes(bytes(range(128, 256)))
    inputs = [str(first), str(tmp_path / "missing.txt"), str(binary), str(second)]
    result = runner.invoke(app, [*base, "extract", *inputs, "-f", "json"])
    assert result.exit_code == 1  # some inputs failed; every input has its record
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["input"], r["status"]) for r in records] == [
        (inputs[0], "ok"),
        (inputs[1], "error"),
        (inputs[2], "error"),
        (inputs[3], "ok"),
    ]
    assert records[1]["error_type"] == "DataError" and "missing.txt" in records[1]["error"]
    assert records[3]["patient"]["sex"] == "female"
    assert records[3]["mentions"][0]["assertion"] == "excluded"
    tsv = runner.invoke(app, [*base, "extract", *inputs, "-f", "tsv"]).stdout.splitlines()
    assert tsv[0].split("\t")[:3] == ["input", "status", "id"]
    assert [line.split("\t")[1] for line in tsv[1:]].count("error") == 2
    assert {line.split("\t")[0] for line in tsv[1:]} == set(inputs)
    table = runner.invoke(app, [*base, "extract", *inputs])
    assert table.exit_code == 1
    assert table.stdout.count("HPO findings in") == 2
    assert table.stderr.count("error:") == 2
    packets = runner.invoke(app, [*base, "extract", str(first), str(second), "-f", "phenopacket"])
    assert packets.exit_code == 0
    lines = [json.loads(line) for line in packets.stdout.splitlines()]
    assert lines[1]["phenopacket"]["subject"]["sex"] == "FEMALE"
    assert lines[1]["phenopacket"]["subject"]["timeAtLastEncounter"] == {
        "age": {"iso8601duration": "P4M"}
    }


def test_extract_one_file_reads_the_patient(base: list[str], tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Seven-month-old boy with chronic diarrhoea since three weeks.\n")
    payload = json.loads(runner.invoke(app, [*base, "extract", str(note), "-f", "json"]).stdout)
    assert payload["patient"]["sex"] == "male"
    assert payload["patient"]["onset"] == "HP:0003623"  # Neonatal onset
    table = runner.invoke(app, [*base, "extract", str(note)], terminal_width=200)
    assert "Patient: male «boy», 7 months «Seven-month-old»" in table.stdout
