"""The bundled Mondo release: its files, checksums, counts and the identity facts xpid uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xpid.datafiles import file_sha256, locate_data
from xpid.mondo import Mondo, group_records, load_mondo

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def mondo(bundled_cache: Path) -> Mondo:
    files = locate_data()
    assert files.mondo is not None
    return load_mondo(files.mondo, cache_dir=bundled_cache)


def test_checksums_match_the_readme() -> None:
    files = locate_data()
    assert files.mondo is not None
    readme = (files.mondo / "README.md").read_text(encoding="utf-8")
    listed = {name: digest for digest, name in re.findall(r"([0-9a-f]{64})  ([\w.-]+\.gz)", readme)}
    shipped = sorted(p.name for p in files.mondo.glob("*.gz"))
    assert sorted(listed) == shipped and len(shipped) == 5
    for name, digest in listed.items():
        assert file_sha256(files.mondo / name) == digest, name


def test_release_and_counts(mondo: Mondo) -> None:
    assert mondo.version == "2026-08-04"
    assert mondo.conflicts == ()
    assert len(list(mondo.edges())) == 28842
    prefixes = {s.split(":")[0] for s in mondo.concept}
    assert prefixes == {"OMIM", "ORPHA", "OMIMPS", "DECIPHER"}


def test_identity_facts_of_the_readme(mondo: Mondo) -> None:
    # ../shared/mondo/README.md: OMIM:304790 and ORPHA:37042 are both MONDO:0010580 (IPEX);
    # ORPHA:98813 is MONDO:0010293, of which OMIM:300291 = MONDO:0020740 is a subtype.
    assert mondo.exact_matches("MONDO:0010580") == ("OMIM:304790", "ORPHA:37042")
    assert mondo.concept_of("ORPHA:98813") == "MONDO:0010293"
    assert "MONDO:0010293" in mondo.parents(mondo.concept_of("OMIM:300291") or "")


def test_hpoa_records_grouped_into_diseases(mondo: Mondo) -> None:
    from xpid.annotations.hpoa import load_hpoa

    files = locate_data()
    assert files.hpoa is not None
    records = {row.disease_id for row in load_hpoa(files.hpoa).rows}
    diseases = group_records(records, mondo)
    assert len(records) == 12687
    # 12,570 records map to 10,404 current Mondo classes; 117 have none.
    assert sum(len(d.ids) for d in diseases if d.mondo_id is not None) == 12570
    assert sum(d.mondo_id is not None for d in diseases) == 10404
    assert sum(d.mondo_id is None for d in diseases) == 117
    assert len(diseases) == 10521
    assert sum(len(d.ids) > 1 for d in diseases) == 2124
