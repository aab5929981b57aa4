"""``xpid profiles list|show|validate`` through Typer's CliRunner on the mini data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app

runner = CliRunner()

PROFILE = """\
schema = 1
id = "OMIM:300755"
name = "Agammaglobulinemia, X-linked"
genes = ["BTK"]
inheritance = ["HP:0001419"]
onset = []
inheritance_sources = ["review"]
curated_by = "tests"
reviewed = "2026-11-21"

[[sources]]
key = "review"
title = "A review"
publisher = "A journal"

[[findings]]
term = "HP:0002719"
label = "Recurrent infections"
status = "present"
sources = ["review"]
"""


@pytest.fixture
def base(mini_dir: Path, tmp_path: Path) -> list[str]:
    return ["--data-dir", str(mini_dir), "--cache-dir", str(tmp_path / "cache")]


def test_list_table(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "list"])
    assert result.exit_code == 0, result.output
    for disease_id in ("DECIPHER:999", "OMIM:300755", "ORPHA:47"):
        assert disease_id in result.stdout
    assert "5 disease profiles" in result.stdout


def test_list_json_search_and_limit(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "list", "--search", "agamma", "-f", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["hpoa_version"] == "2025-01-16" and payload["total"] == 2
    assert [p["id"] for p in payload["profiles"]] == ["OMIM:300755", "ORPHA:47"]
    assert payload["profiles"][0] == {
        "id": "OMIM:300755",
        "name": "Agammaglobulinemia, X-linked",
        "genes": ["BTK"],
        "curated": False,
        "n_present": 2,
        "n_excluded": 1,
    }
    by_gene = runner.invoke(app, [*base, "profiles", "list", "-s", "mini1", "-f", "tsv"])
    assert by_gene.stdout.splitlines()[1].split("\t")[:2] == [
        "OMIM:999001",
        "Mini enteropathy with eczema",
    ]
    limited = runner.invoke(app, [*base, "profiles", "list", "-n", "2", "-f", "tsv"])
    assert len(limited.stdout.splitlines()) == 3


def test_list_source_filter(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "list", "--source", "curated", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 0  # bundled profiles are not in the mini data
    hpoa = runner.invoke(app, [*base, "profiles", "list", "--source", "hpoa", "-f", "json"])
    assert json.loads(hpoa.stdout)["total"] == 5


def test_list_panel_and_unknown_panel(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "list", "--panel", "x-linked-iei"])
    assert result.exit_code == 0, result.output
    assert "OMIM:300755" in result.stdout and "ORPHA:47" in result.stdout
    assert "are not in this store" in result.stderr
    unknown = runner.invoke(app, [*base, "profiles", "list", "--panel", "nope"])
    assert unknown.exit_code == 1
    assert unknown.stderr.strip().splitlines() == [
        "error: unknown panel 'nope'; expected one of: x-linked-iei."
    ]


def test_show_table(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "show", "omim:300755"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in (
        "Agammaglobulinemia, X-linked",
        "BTK",
        "HP:0001419 X-linked recessive inheritance",
        "Abnormality of the immune system",
        "Recurrent infections",
        "8/10",
        "PMID:1 (7/8)",
        "NOT",
    ):
        assert text in out, text


def test_show_json(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "show", "OMIM:300755", "-f", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {
        "xpid_version",
        "hpo_release",
        "hpoa_version",
        "profile_set_version",
        "profile",
    }
    profile = payload["profile"]
    assert profile["inheritance"] == [
        {"id": "HP:0001419", "label": "X-linked recessive inheritance"}
    ]
    assert profile["onset"] == [{"id": "HP:0003593", "label": None}]
    eczema = profile["annotations"][-1]
    assert eczema == {
        "term_id": "HP:0000964",
        "label": "Eczema",
        "status": "excluded",
        "frequency": "0/5",
        "frequency_kind": "ratio",
        "probability": 0.0,
        "onset": None,
        "origin": "hpoa",
        "systems": [{"id": "HP:0000951", "label": "Abnormality of the skin"}],
        "sources": [
            {"origin": "hpoa", "reference": "PMID:2", "frequency": "0/5", "citation": None}
        ],
        "comment": None,
    }


def test_show_tsv(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "show", "ORPHA:47", "-f", "tsv"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert lines[0][:3] == ["term_id", "label", "status"]
    assert [(row[0], row[2]) for row in lines[1:]] == [
        ("HP:0002028", "present"),
        ("HP:0002719", "present"),
        ("HP:0100651", "excluded"),
    ]


def test_show_unknown_disease_is_one_line(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "show", "OMIM:123"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown disease id 'OMIM:123'" in lines[0]


def test_validate_good_and_bad_files(base: list[str], tmp_path: Path) -> None:
    good = tmp_path / "OMIM_300755.toml"
    good.write_text(PROFILE, encoding="utf-8")
    result = runner.invoke(app, [*base, "profiles", "validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "all valid" in result.stderr
    bad = tmp_path / "bad" / "OMIM_300755.toml"
    bad.parent.mkdir()
    bad.write_text(
        PROFILE.replace('label = "Recurrent infections"', 'label = "Infections"').replace(
            'status = "present"', 'status = "maybe"'
        ),
        encoding="utf-8",
    )
    label_only = tmp_path / "label" / "OMIM_300755.toml"
    label_only.parent.mkdir()
    label_only.write_text(
        PROFILE.replace('label = "Recurrent infections"', 'label = "Infections"'), "utf-8"
    )
    result = runner.invoke(app, [*base, "profiles", "validate", str(bad), str(label_only)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:19: finding HP:0002719: 'status' must be 'present' or 'excluded', got 'maybe'.",
        f"{label_only}:17: finding HP:0002719: label 'Infections' is not the HPO name "
        "'Recurrent infections'.",
    ]
    assert "2 problem(s)" in result.stderr


def test_validate_bundled_profiles_against_mini_data_fails(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "profiles", "validate"])
    assert result.exit_code == 1
    assert "disease OMIM:300291 is not in the HPO annotations." in result.stdout


def test_term_counts_diseases(base: list[str]) -> None:
    result = runner.invoke(app, [*base, "term", "HP:0002014", "HP:0002719", "-f", "json"])
    assert result.exit_code == 0, result.output
    terms = json.loads(result.stdout)["terms"]
    assert [t["n_diseases"] for t in terms] == [5, 2]
    table = runner.invoke(app, [*base, "term", "HP:0002014"])
    assert "5 (annotated to the term or a descendant)" in table.stdout
