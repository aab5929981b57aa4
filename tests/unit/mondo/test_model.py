"""Mondo facts: identity from exact matches and DECIPHER cross-references, obsolete classes,
navigation over subclass edges, phenotypic series.

The fixture ``tests/fixtures/mondo/`` (five files in Mondo's layout)::

    MONDO:9999200 (no label)
    ├── MONDO:9999002 mini diabetes                 OMIM:999002 (closeMatch OMIM:999003 ignored)
    └── MONDO:9999100 mini immune group             ORPHA:9100
        ├── MONDO:0015977 agammaglobulinemia        OMIMPS:601495 (a phenotypic series)
        │   └── MONDO:0010421 Bruton-type agammaglobulinemia   OMIM:300755, ORPHA:47
        └── MONDO:9999001 mini enteropathy with eczema         OMIM:999001
    MONDO:9999003 mini deletion syndrome            DECIPHER:999 (hasDbXref)
    MONDO:9999090 obsolete mini retired disease     OMIM:999090
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xpid.errors import DataError
from xpid.mondo import Mondo, build_mondo, load_mondo, parse_sssom
from xpid.mondo.model import normalise_source_id

MONDO_FIXTURE = Path(__file__).parents[2] / "fixtures" / "mondo"


@pytest.fixture(scope="module")
def mondo() -> Mondo:
    return load_mondo(MONDO_FIXTURE, use_cache=False)


def test_exact_matches_join_source_ids(mondo: Mondo) -> None:
    assert mondo.version == "2026-08-04"
    assert mondo.concept_of("OMIM:300755") == mondo.concept_of("ORPHA:47") == "MONDO:0010421"
    assert mondo.exact_matches("MONDO:0010421") == ("OMIM:300755", "ORPHA:47")
    assert mondo.exact_matches("MONDO:0010421", "ORPHA") == ("ORPHA:47",)
    assert mondo.label("MONDO:0010421") == "Bruton-type agammaglobulinemia"


def test_spellings_of_source_ids(mondo: Mondo) -> None:
    assert mondo.concept_of("Orphanet:47") == mondo.concept_of("orpha:47") == "MONDO:0010421"
    assert mondo.concept_of("MONDO:0010421") == "MONDO:0010421"
    assert normalise_source_id(" MIM:300755 ") == "OMIM:300755"


def test_only_identity_predicates_count(mondo: Mondo) -> None:
    assert mondo.concept_of("DECIPHER:999") == "MONDO:9999003"  # hasDbXref to DECIPHER
    assert mondo.concept_of("GARD:999") is None  # hasDbXref to another source
    assert mondo.concept_of("OMIM:999003") is None  # closeMatch


def test_obsolete_classes_join_nothing(mondo: Mondo) -> None:
    assert mondo.is_obsolete("MONDO:9999090")
    assert "MONDO:9999090" in mondo
    assert mondo.concept_of("MONDO:9999090") is None
    assert mondo.concept_of("OMIM:999090") is None
    assert mondo.exact_matches("MONDO:9999090") == ("OMIM:999090",)  # kept to explain it
    assert mondo.concept_of("MONDO:1234567") is None
    assert "MONDO:1234567" not in mondo


def test_navigation(mondo: Mondo) -> None:
    assert mondo.parents("MONDO:0010421") == ("MONDO:0015977",)
    assert mondo.ancestors("MONDO:0010421") == ("MONDO:0015977", "MONDO:9999100", "MONDO:9999200")
    assert mondo.children("MONDO:9999100") == ("MONDO:0015977", "MONDO:9999001")
    assert mondo.descendants("MONDO:9999100") == ("MONDO:0015977", "MONDO:9999001", "MONDO:0010421")
    assert mondo.siblings("MONDO:9999001") == ("MONDO:0015977",)
    assert mondo.siblings("MONDO:9999003") == ()
    assert ("MONDO:0010421", "MONDO:0015977") in set(mondo.edges())
    assert len(list(mondo.edges())) == 5


def test_phenotypic_series(mondo: Mondo) -> None:
    assert mondo.series_id("MONDO:0015977") == "OMIMPS:601495"
    assert mondo.series_of("MONDO:0010421") == ("MONDO:0015977",)
    assert mondo.series_of("MONDO:9999001") == ()


def test_a_source_id_claimed_by_two_classes_stays_on_the_first() -> None:
    header = "subject_id\tsubject_label\tpredicate_id\tobject_id"
    rows = parse_sssom(
        [
            header,
            "MONDO:0000002\tb\tskos:exactMatch\tOMIM:1",
            "MONDO:0000001\ta\tskos:exactMatch\tOMIM:1",
        ]
    )
    mondo = build_mondo([rows], [])
    assert mondo.concept_of("OMIM:1") == "MONDO:0000001"
    assert mondo.conflicts == ("OMIM:1",)
    assert mondo.exact_matches("MONDO:0000002") == ()


def test_sets_of_different_releases_are_refused() -> None:
    def one(version: str) -> list[str]:
        return [
            f"# mapping_set_version: http://purl.obolibrary.org/obo/mondo/releases/{version}/x",
            "subject_id\tsubject_label\tpredicate_id\tobject_id",
        ]

    a = parse_sssom(one("2026-08-04"), source="a.tsv")
    b = parse_sssom(one("2025-01-01"), source="b.tsv")
    with pytest.raises(DataError, match=r"a\.tsv \(2026-08-04\), b\.tsv \(2025-01-01\)"):
        build_mondo([a, b], [])
    assert build_mondo([a, b], [], version="mixed").version == "mixed"


def test_cached_load_equals_a_fresh_build(tmp_path: Path, mondo: Mondo) -> None:
    first = load_mondo(MONDO_FIXTURE, cache_dir=tmp_path)
    again = load_mondo(MONDO_FIXTURE, cache_dir=tmp_path, on_build=lambda: pytest.fail("rebuilt"))
    for value in (first, again):
        assert value.key == mondo.key
        assert dict(value.concept) == dict(mondo.concept)
        assert list(value.edges()) == list(mondo.edges())


def test_a_folder_without_mapping_sets(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="holds no mapping set"):
        load_mondo(tmp_path, use_cache=False)
