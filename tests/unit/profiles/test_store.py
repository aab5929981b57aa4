"""The profile store on the mini fixture: absence, merging, caching, panels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from xpid.annotations.genes import load_genes
from xpid.annotations.hpoa import load_hpoa
from xpid.datafiles import DataFiles, locate_data
from xpid.errors import DataError, ProfileFormatError
from xpid.profiles import (
    Origin,
    Panel,
    ProfileStore,
    Status,
    UnknownDiseaseError,
    build_store,
    load_panels,
    load_store,
    parse_panel_toml,
    parse_profile_toml,
    store_is_cached,
)
from xpid.sex import Sex

CURATED = """\
schema = 1
id = "OMIM:300755"
name = "Agammaglobulinemia, X-linked"
synonyms = ["Bruton agammaglobulinemia"]
genes = ["BTK", "EXTRA"]
inheritance = ["HP:0001419"]
onset = ["HP:0003623"]
sex = "male"
inheritance_sources = ["review"]
curated_by = "tests"
reviewed = "2026-11-21"

[[related]]
id = "ORPHA:47"
relation = "allelic"
note = "Same disease in Orphanet."

[[sources]]
key = "review"
title = "A review"
publisher = "A journal"
year = 2020

[[findings]]
term = "HP:0002719"
label = "Recurrent infections"
status = "present"
frequency = "HP:0040281"
sources = ["review"]

[[findings]]
term = "HP:0002014"
label = "Diarrhea"
status = "present"
sources = ["review"]
comment = "No frequency given."

[[findings]]
term = "HP:0100651"
label = "Type I diabetes mellitus"
status = "excluded"
sources = ["review"]
"""


@pytest.fixture(scope="module")
def mini_store(mini_dir: Path) -> ProfileStore:
    return build_store(
        load_hpoa(mini_dir / "phenotype.hpoa"), load_genes(mini_dir / "genes_to_disease.tsv")
    )


def test_every_disease_sorted(mini_store: ProfileStore) -> None:
    assert mini_store.ids == (
        "DECIPHER:999",
        "OMIM:300755",
        "OMIM:999001",
        "OMIM:999002",
        "ORPHA:47",
    )
    assert len(mini_store) == 5 and [p.id for p in mini_store] == list(mini_store.ids)
    assert mini_store.hpoa_version == "2025-01-16"
    assert "ORPHA:47" in mini_store and mini_store.get("OMIM:1") is None
    with pytest.raises(UnknownDiseaseError, match="'OMIM:1'"):
        mini_store.require("OMIM:1")


def test_zero_of_n_not_and_excluded_term_are_excluded(mini_store: ProfileStore) -> None:
    xla = mini_store.require("OMIM:300755")
    assert [(a.term_id, a.status) for a in xla.annotations] == [
        ("HP:0002014", Status.PRESENT),
        ("HP:0002719", Status.PRESENT),
        ("HP:0000964", Status.EXCLUDED),
    ]
    assert xla.excluded()[0].frequency.source == "0/5"
    orpha = mini_store.require("ORPHA:47")
    assert [a.term_id for a in orpha.excluded()] == ["HP:0100651"]
    decipher = mini_store.require("DECIPHER:999")
    assert [a.term_id for a in decipher.excluded()] == ["HP:0002719"]


def test_rows_merge_into_one_annotation(mini_store: ProfileStore) -> None:
    xla = mini_store.require("OMIM:300755")
    infections = xla.annotation("HP:0002719")
    assert infections is not None
    assert [s.reference for s in infections.sources] == ["PMID:1", "PMID:2"]
    assert infections.frequency.source == "8/10"
    assert infections.onset == "HP:0003593"
    enteropathy = mini_store.require("OMIM:999001").annotation("HP:0002028")
    assert enteropathy is not None and enteropathy.frequency.source == "HP:0040281"
    assert enteropathy.sources[0].references == ("PMID:10", "PMID:11")


def test_profile_fields(mini_store: ProfileStore) -> None:
    xla = mini_store.require("OMIM:300755")
    assert [g.symbol for g in xla.genes] == ["BTK"]
    assert xla.inheritance == ("HP:0001419",)
    assert xla.onset == ("HP:0003593",)
    assert (xla.sex, xla.curated, xla.database) == (Sex.UNKNOWN, False, "OMIM")
    assert [g.symbol for g in mini_store.require("OMIM:999001").genes] == ["MINI1", "MINI2"]
    diabetes = mini_store.require("OMIM:999002")
    assert diabetes.inheritance == () and diabetes.onset == ()  # the M row is not kept


def test_onset_terms_split_clinical_course(mini_dir: Path) -> None:
    store = build_store(load_hpoa(mini_dir / "phenotype.hpoa"), {}, onset_terms={"HP:0003593"})
    profile = store.require("OMIM:999001")
    assert profile.onset == () and profile.clinical_course == ("HP:0003676",)


def test_merge_rule(mini_dir: Path) -> None:
    curated = parse_profile_toml(CURATED, path="OMIM_300755.toml")
    store = build_store(
        load_hpoa(mini_dir / "phenotype.hpoa"),
        load_genes(mini_dir / "genes_to_disease.tsv"),
        [curated],
    )
    xla = store.require("OMIM:300755")
    assert xla.curated and store.is_curated("OMIM:300755")
    assert xla.sex is Sex.MALE
    assert xla.synonyms == ("Bruton agammaglobulinemia",)
    assert [(g.symbol, g.ncbi_id) for g in xla.genes] == [("BTK", "695"), ("EXTRA", "")]
    assert xla.onset == ("HP:0003593", "HP:0003623")
    assert xla.related[0].id == "ORPHA:47"
    infections = xla.annotation("HP:0002719")
    assert infections is not None
    assert [s.origin for s in infections.sources] == [Origin.HPOA, Origin.HPOA, Origin.CURATED]
    assert infections.frequency.source == "HP:0040281"  # document-built frequency wins
    assert infections.sources[2].citation == "A review, A journal, 2020"
    diarrhea = xla.annotation("HP:0002014")
    assert diarrhea is not None and diarrhea.frequency.source == "HP:0040282"  # HPO one
    assert diarrhea.comment == "No frequency given."
    diabetes = xla.annotation("HP:0100651", Status.EXCLUDED)
    assert diabetes is not None and diabetes.sources[0].origin is Origin.CURATED
    assert not diabetes.from_hpoa
    assert [a.status for a in xla.annotations] == [Status.PRESENT] * 2 + [Status.EXCLUDED] * 2


def test_curated_profile_of_an_unknown_disease_is_left_out(mini_dir: Path) -> None:
    text = CURATED.replace("OMIM:300755", "OMIM:123456")
    curated = parse_profile_toml(text, path="OMIM_123456.toml")
    store = build_store(load_hpoa(mini_dir / "phenotype.hpoa"), {}, [curated])
    assert "OMIM:123456" not in store and store.unmatched_curated == ("OMIM:123456",)


def test_headers_tables_and_term_counts(mini_store: ProfileStore) -> None:
    header = mini_store.header("OMIM:300755")
    assert header is not None
    assert (header.n_present, header.n_excluded, header.genes) == (2, 1, ("BTK",))
    assert mini_store.header("OMIM:1") is None
    table = mini_store.annotation_table()
    assert table.indptr.tolist() == [0, 2, 5, 7, 9, 12]
    assert table.term_ids[2:5] == ("HP:0002014", "HP:0002719", "HP:0000964")
    assert table.excluded[2:5].tolist() == [False, False, True]
    assert table.probability[3] == pytest.approx(0.8)
    assert np.isnan(table.probability[5])  # OMIM:999001 eczema: unknown
    diarrhea_or_below = {"HP:0002014", "HP:0002028"}
    assert mini_store.diseases_with_any(diarrhea_or_below) == mini_store.ids
    assert mini_store.diseases_with_any({"HP:0002719"}) == ("OMIM:300755", "ORPHA:47")


def mini_files(mini_dir: Path, profiles: Path | None) -> DataFiles:
    files = locate_data(mini_dir)
    return DataFiles(files.directory, files.obo, files.hpoa, files.genes, profiles)


def test_load_store_caches_and_keys_by_inputs(mini_dir: Path, tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    (profiles / "panels").mkdir(parents=True)
    (profiles / "OMIM_300755.toml").write_text(CURATED, encoding="utf-8")
    (profiles / "panels" / "xla.toml").write_text(PANEL, encoding="utf-8")
    files = mini_files(mini_dir, profiles)
    cache = tmp_path / "cache"
    assert not store_is_cached(files, cache)
    built = []
    first = load_store(files, cache_dir=cache, on_build=lambda: built.append(1))
    assert store_is_cached(files, cache) and built == [1]
    second = load_store(files, cache_dir=cache, on_build=lambda: built.append(1))
    assert built == [1]
    assert second.require("OMIM:300755") == first.require("OMIM:300755")
    assert second.profiles == first.profiles
    assert len(first.profile_set_version) == 12 and first.key == second.key
    assert list(second.panels) == ["xla"]
    (profiles / "OMIM_300755.toml").write_text(CURATED.replace("A review", "B"), "utf-8")
    assert not store_is_cached(files, cache)
    third = load_store(files, cache_dir=cache)
    assert third.profile_set_version != first.profile_set_version
    no_profiles = load_store(mini_files(mini_dir, None), use_cache=False)
    assert no_profiles.profile_set_version == "" and not no_profiles.is_curated("OMIM:300755")


def test_load_store_needs_the_annotation_file(mini_dir: Path) -> None:
    files = locate_data(mini_dir)
    with pytest.raises(DataError, match="phenotype.hpoa"):
        load_store(DataFiles(files.directory, files.obo, None, None, None), use_cache=False)


PANEL = """\
schema = 1
name = "xla"
title = "X-linked agammaglobulinemia"
description = "Both entries."

[[diseases]]
id = "OMIM:300755"
gene = "BTK"
name = "Agammaglobulinemia, X-linked"

[[diseases]]
id = "ORPHA:47"
gene = "BTK"
name = "X-linked agammaglobulinemia"
note = "Orphanet."
"""


def test_panel_parses() -> None:
    panel = parse_panel_toml(PANEL, path="panels/xla.toml")
    assert panel == Panel(
        "xla",
        "X-linked agammaglobulinemia",
        "Both entries.",
        ("OMIM:300755", "ORPHA:47"),
        panel.entries,
    )
    assert panel.entries[1].note == "Orphanet."


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (PANEL.replace('name = "xla"', 'name = "XLA"'), 2, "lower-case"),
        (PANEL.replace('name = "xla"', 'name = "other"'), 2, "other.toml"),
        (PANEL.replace('"ORPHA:47"', '"OMIM:300755"'), 12, "listed twice"),
        (PANEL.replace('id = "ORPHA:47"', 'id = "47"'), 12, "not a CURIE"),
        (PANEL.replace('gene = "BTK"\nname = "X-', 'name = "X-'), 11, "'gene' must be"),
        (PANEL.replace("schema = 1", "schema = 9"), 1, "'schema' must be 1"),
    ],
)
def test_panel_errors(text: str, line: int, message: str) -> None:
    with pytest.raises(ProfileFormatError, match=message) as info:
        parse_panel_toml(text, path="panels/xla.toml")
    assert info.value.line == line


def test_two_panels_with_one_name(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "xla.toml").write_text(PANEL, "utf-8")
    (tmp_path / "b" / "xla.toml").write_text(PANEL, "utf-8")
    with pytest.raises(ProfileFormatError, match="defined twice"):
        load_panels([tmp_path / "a" / "xla.toml", tmp_path / "b" / "xla.toml"])
