"""Disease identity: records grouped by Mondo class, preferred ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from xpid.errors import UnknownNameError
from xpid.mondo import DiseaseIdentity, Prefer, group_records, load_mondo, parse_prefer, sort_ids

MONDO_FIXTURE = Path(__file__).parents[2] / "fixtures" / "mondo"


def test_records_of_one_class_are_one_disease() -> None:
    mondo = load_mondo(MONDO_FIXTURE, use_cache=False)
    records = ["ORPHA:47", "OMIM:300755", "OMIM:999001", "DECIPHER:999", "OMIM:999090", "ORPHA:47"]
    grouped = group_records(records, mondo)
    assert grouped == (  # sorted by preferred id
        DiseaseIdentity("MONDO:9999003", ("DECIPHER:999",)),
        DiseaseIdentity("MONDO:0010421", ("OMIM:300755", "ORPHA:47")),
        DiseaseIdentity("MONDO:9999001", ("OMIM:999001",)),
        DiseaseIdentity(None, ("OMIM:999090",)),  # an obsolete class joins nothing
    )
    assert sorted(r for d in grouped for r in d.ids) == sorted(set(records))


def test_without_mondo_every_record_is_a_disease() -> None:
    grouped = group_records(["ORPHA:47", "OMIM:300755"], None)
    assert [d.ids for d in grouped] == [("OMIM:300755",), ("ORPHA:47",)]


def test_preferred_ids() -> None:
    angelman = DiseaseIdentity("MONDO:0007113", ("DECIPHER:54", "ORPHA:72", "DECIPHER:4"))
    assert angelman.ids == ("ORPHA:72", "DECIPHER:4", "DECIPHER:54")
    assert angelman.preferred() == "ORPHA:72"
    assert angelman.preferred(Prefer.DECIPHER) == "DECIPHER:4"  # by number, not by text
    assert angelman.preferred(Prefer.MONDO) == "MONDO:0007113"
    assert DiseaseIdentity(None, ("OMIM:1",)).preferred(Prefer.MONDO) == "OMIM:1"
    assert sort_ids(["ORPHA:9", "OMIM:10", "ORPHA:10", "OMIM:9"], Prefer.ORPHA) == (
        "ORPHA:9",
        "ORPHA:10",
        "OMIM:9",
        "OMIM:10",
    )


def test_parse_prefer() -> None:
    assert parse_prefer(" Orpha ") is Prefer.ORPHA
    with pytest.raises(UnknownNameError, match="expected one of: omim, orpha, decipher, mondo"):
        parse_prefer("gard")
