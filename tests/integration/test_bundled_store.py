"""The profile store of the bundled HPO release: counts, absence, merged profiles, panels."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app
from xpid.datafiles import locate_data
from xpid.ontology import Ontology
from xpid.profiles import ProfileStore, curated_profile_paths, load_store
from xpid.profiles.curated import load_profile, validate_profile
from xpid.profiles.model import Origin, Status
from xpid.sex import Sex

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def store(bundled_cache: Path) -> ProfileStore:
    return load_store(locate_data(), cache_dir=bundled_cache)


def test_every_disease_of_the_release(store: ProfileStore) -> None:
    counts = Counter(disease_id.split(":")[0] for disease_id in store.ids)
    assert counts == {"OMIM": 8359, "ORPHA": 4281, "DECIPHER": 47}
    assert len(store) == 12687
    assert store.hpoa_version == "2025-01-16"
    assert store.unmatched_curated == ()


def test_zero_of_n_rows_and_not_rows_are_excluded(store: ProfileStore) -> None:
    # phenotype.hpoa 2025-01-16: 2,000 aspect-P rows with frequency 0/N, all OMIM, in 1,089
    # diseases; 704 aspect-P NOT rows, all Orphanet. None of them is present.
    zero_rows = 0
    zero_diseases = set()
    not_rows = 0
    for profile in store:
        for a in profile.annotations:
            for s in a.sources:
                if s.origin is not Origin.HPOA:
                    continue
                if s.frequency.is_absent:
                    assert a.status is Status.EXCLUDED
                    zero_rows += 1
                    zero_diseases.add(profile.id)
                elif a.status is Status.EXCLUDED:
                    not_rows += 1
    assert zero_rows == 2000 and len(zero_diseases) == 1089
    assert {d.split(":")[0] for d in zero_diseases} == {"OMIM"}
    assert not_rows == 704
    table = store.annotation_table()
    assert int(table.excluded.sum()) == sum(len(p.excluded()) for p in store)


def test_nemo_deficiency_has_hpo_and_document_built_findings(store: ProfileStore) -> None:
    nemo = store.require("OMIM:300291")
    assert nemo.curated and [g.symbol for g in nemo.genes] == ["IKBKG"]
    assert "HP:0001419" in nemo.inheritance
    assert nemo.related[0].id == "OMIM:308300"
    for term in ("HP:0000966", "HP:0000698", "HP:0002209", "HP:0032260"):
        a = nemo.annotation(term)
        assert a is not None and a.curated, term
        assert a.sources[-1].citation.startswith("NEMO deficiency syndrome")
    both = nemo.annotation("HP:0012178")
    assert both is not None and {s.origin for s in both.sources} == {Origin.HPOA, Origin.CURATED}
    assert both.frequency.source == "HP:0040283"  # the document-built frequency
    hpo_only = nemo.annotation("HP:0031692")
    assert hpo_only is not None and not hpo_only.curated


def test_ipex_and_hyper_igm(store: ProfileStore) -> None:
    ipex = store.require("OMIM:304790")
    assert ipex.curated and ipex.sex is Sex.MALE
    assert len([a for a in ipex.annotations if a.curated]) == 37
    higm = store.require("OMIM:308230")
    assert {a.term_id for a in higm.excluded() if a.curated} == {"HP:0001888", "HP:0031381"}


def test_bundled_profiles_validate(bundled_ontology: Ontology, store: ProfileStore) -> None:
    names = {d: store.name_of(d) or "" for d in store.ids}
    paths = curated_profile_paths(locate_data())
    assert len(paths) == 3
    for path in paths:
        assert validate_profile(load_profile(path), bundled_ontology, disease_names=names) == []


def test_x_linked_iei_panel_resolves(store: ProfileStore) -> None:
    panel = store.panels["x-linked-iei"]
    genes = {e.gene for e in panel.entries}
    assert {
        "FOXP3", "CD40LG", "IKBKG", "BTK", "IL2RG", "WAS",
        "SH2D1A", "XIAP", "CYBB", "MAGT1", "CFP",
    } <= genes  # fmt: skip
    for entry in panel.entries:
        profile = store.require(entry.id)
        assert profile.name == entry.name, entry.id
        assert entry.gene in {g.symbol for g in profile.genes}, entry.id
    assert "OMIM:308300" not in panel.disease_ids


def test_cli_show_and_validate(bundled_cache: Path) -> None:
    runner = CliRunner()
    base = ["--cache-dir", str(bundled_cache)]
    result = runner.invoke(app, [*base, "profiles", "show", "OMIM:300291", "-f", "json"])
    assert result.exit_code == 0, result.output
    annotations = json.loads(result.stdout)["profile"]["annotations"]
    origins = {a["term_id"]: a["origin"] for a in annotations}
    assert origins["HP:0000966"] == "curated"  # hypohidrosis
    assert origins["HP:0012178"] == "both"
    assert origins["HP:0031692"] == "hpoa"
    valid = runner.invoke(app, [*base, "profiles", "validate"])
    assert valid.exit_code == 0, valid.output
    panel = runner.invoke(app, [*base, "profiles", "list", "--panel", "x-linked-iei", "-f", "json"])
    assert json.loads(panel.stdout)["total"] == 32
    term = runner.invoke(app, [*base, "term", "HP:0002721", "-f", "json"])
    assert json.loads(term.stdout)["terms"][0]["n_diseases"] > 100
