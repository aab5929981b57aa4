"""``xpid rank`` through Typer's CliRunner on the mini data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import xpid
from xpid.cli.app import app
from xpid.knowledge import load_knowledge_base

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def base(mini_dir: Path, tmp_path: Path) -> list[str]:
    return ["--data-dir", str(mini_dir), "--cache-dir", str(tmp_path)]


def test_rank_table(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "rank", "HP:0002028", "Eczema", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "OMIM:999001" in result.stdout
    assert "Mini enteropathy with eczema" in result.stdout
    assert "2 of 2" in result.stdout
    assert "method lr" in result.stdout  # provenance in the caption (the default method)
    assert "HPO 2099-01-01" in result.stdout


def test_rank_json_equals_api(base: list[str], mini_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            *base,
            "rank",
            "HP:0002719",
            "-x",
            "HP:0002014",
            "--format",
            "json",
            "--top",
            "4",
            "--explain",
            "2",
            "--method",
            "lin-onesided",
            "--sex",
            "male",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    kb = load_knowledge_base(mini_dir, cache_dir=tmp_path)
    from xpid.scoring.methods import Method
    from xpid.sex import Sex

    patient = xpid.make_patient(kb, ["HP:0002719"], ["HP:0002014"], sex=Sex.MALE)
    ranking = xpid.rank(kb, patient, method=Method.LIN_ONESIDED, top=4, explain=2)
    expected = json.loads(json.dumps(ranking.to_dict()))
    assert payload == expected
    assert "explanation" in payload["results"][0]
    assert "explanation" not in payload["results"][2]


def test_rank_tsv(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "rank", "HP:0002028", "-f", "tsv", "--top", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = lines[0].split("\t")
    assert header[:3] == ["rank", "disease_id", "name"]
    assert len(lines) == 3
    # lr (the default) fills the post-test and pretest probabilities; the others leave them
    # empty.
    row = dict(zip(header, lines[1].split("\t"), strict=True))
    assert 0 < float(row["probability"]) <= 1 and 0 < float(row["pretest_probability"]) < 1
    other = runner.invoke(
        app, [*base, "rank", "HP:0002028", "-f", "tsv", "--top", "1", "-m", "resnik-onesided"]
    )
    row = dict(zip(header, other.stdout.splitlines()[1].split("\t"), strict=True))
    assert row["probability"] == "" and row["pretest_probability"] == ""


def test_explain_without_a_number(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "rank", "HP:0002028", "--explain", "-f", "json"])
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["results"]
    assert ["explanation" in r for r in results[:4]] == [True, True, True, False]


def test_notices_are_warnings(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "rank", "HP:0002028", "HP:0002014", "-f", "json"])
    assert result.exit_code == 0
    assert "implied by a more specific present finding" in result.stderr
    assert [p["id"] for p in json.loads(result.stdout)["patient"]["present"]] == ["HP:0002028"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["rank", "HP:9999999"], "'HP:9999999' is not a term"),
        (["rank"], "no findings"),
        (["rank", "-x", "HP:0002014"], "only excluded findings"),
        (["rank", "HP:0002014", "--panel", "nope"], "unknown panel 'nope'"),
        (["rank", "HP:0002014", "--method", "magic"], "unknown method 'magic'"),
        (["rank", "HP:0002014", "--corpus", "mars"], "unknown corpus 'mars'"),
        (["rank", "HP:0001419"], "not under Phenotypic abnormality"),
        (["rank", "HP:0002014", "--onset", "HP:0002014"], "not an onset term"),
    ],
)
def test_bad_input_is_one_line(base: list[str], args: list[str], needle: str) -> None:
    result = runner.invoke(app, [*base, *args])
    assert result.exit_code == 1, result.output
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_lr_shows_probabilities_and_priors(base: list[str]) -> None:
    result = runner.invoke(
        app,
        [
            *base,
            "rank",
            "HP:0002719",
            "--method",
            "lr",
            "--sex",
            "female",
            "-f",
            "json",
            "--explain",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    probs = [r["probability"] for r in payload["results"]]
    assert probs == sorted(probs, reverse=True)
    assert sum(probs) == pytest.approx(1.0, abs=1e-4)
    assert payload["top_probability"] == pytest.approx(probs[0])
    assert "priors" in payload["results"][0]["explanation"]
    assert "lr" in payload["results"][0]["explanation"]["findings"][0]
    table = runner.invoke(app, [*base, "rank", "HP:0002719", "--method", "lr"])
    assert "post-test" in table.stdout


def test_rank_from_free_text(base: list[str], tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Boy with chronic diarrhoea and eczema. No recurrent infections.\n")
    result = runner.invoke(app, [*base, "rank", "--text", str(note), "-f", "json", "--top", "2"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [p["id"] for p in payload["patient"]["present"]] == ["HP:0000964", "HP:0002028"]
    assert [p["id"] for p in payload["patient"]["excluded"]] == ["HP:0002719"]
    assert payload["results"][0]["disease_id"] == "OMIM:999001"
    assert "Understood from the text" in result.stderr
    assert "excluded" in result.stderr


def test_rank_text_unknown_language(base: list[str], tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("diarrhoea")
    result = runner.invoke(app, [*base, "rank", "--text", str(note), "--lang", "xx"])
    assert result.exit_code == 1
    assert "unknown language 'xx'" in result.stderr


def test_suggest_in_json_and_table(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "rank", "HP:0002014", "--suggest", "2", "-f", "json"])
    assert result.exit_code == 0, result.output
    suggestions = json.loads(result.stdout)["suggestions"]
    assert 1 <= len(suggestions) <= 2
    assert {"id", "label", "information_gain", "favours_if_present"} <= set(suggestions[0])
    table = runner.invoke(app, [*base, "rank", "HP:0002014", "--suggest", "2"])
    assert "Findings to check next" in table.stdout


def test_bare_explain_is_only_rewritten_for_rank() -> None:
    from xpid.cli.rank import _explain_args

    assert _explain_args(["rank", "HP:1", "--explain"]) == ["rank", "HP:1", "--explain", "3"]
    assert _explain_args(["rank", "--explain", "5"]) == ["rank", "--explain", "5"]
    assert _explain_args(["term", "--explain"]) == ["term", "--explain"]


def test_explanation_table_names_frequency_terms(base: list[str]) -> None:
    # ORPHA:47's Recurrent infections row has frequency HP:0040281: the table shows its
    # name, not the id.
    result = runner.invoke(
        app, [*base, "rank", "HP:0002719", "--explain", "5", "--top", "5"], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert "exact · HP:0002719 · Very frequent" in result.stdout, result.stdout
    assert "HP:0040281" not in result.stdout


def test_tsv_explanation_has_frequency_lr_and_priors(base: list[str]) -> None:
    result = runner.invoke(
        app, [*base, "rank", "HP:0002719", "-x", "HP:0002014", "-f", "tsv", "--explain", "1"]
    )
    assert result.exit_code == 0, result.output
    header, first = result.stdout.splitlines()[:2]
    explanation = dict(zip(header.split("\t"), first.split("\t"), strict=True))["explanation"]
    finding, excluded, prior = explanation.split("|")
    assert finding.startswith("HP:0002719>") and ":f=" in finding and ":lnLR=" in finding
    assert excluded.startswith("not HP:0002014:p=")
    assert prior.startswith("prior=") and ":w=" in prior


@pytest.mark.bundled
@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["HP:0000118"], "the root of every finding"),
        (["HP:0002028", "HP:0000006"], "leave inheritance"),
        (["HP:0002028", "HP:0003577", "--onset", "HP:0003593"], "already HP:0003593"),
    ],
)
def test_non_findings_get_advice_that_fits(
    bundled_cache: Path, args: list[str], needle: str
) -> None:
    result = runner.invoke(app, ["--cache-dir", str(bundled_cache), "rank", *args])
    assert result.exit_code == 1
    assert needle in result.stderr
    assert "give onset with --onset" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.bundled
def test_the_onset_given_twice_is_a_notice(bundled_cache: Path) -> None:
    args = ["--cache-dir", str(bundled_cache), "rank", "HP:0002028", "HP:0003593"]
    result = runner.invoke(app, [*args, "--onset", "HP:0003593", "--top", "1"])
    assert result.exit_code == 0, result.output
    assert "HP:0003593 is already the patient's onset" in result.stderr
