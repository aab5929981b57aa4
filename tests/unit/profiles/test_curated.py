"""Document-built profile files: schema errors with file:line, and ontology validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from xpid.errors import ProfileFormatError
from xpid.ontology import Ontology
from xpid.profiles.curated import parse_profile_toml, validate_profile
from xpid.profiles.model import Relation, Status
from xpid.sex import Sex

GOOD = """\
schema = 1
id = "OMIM:300755"
name = "Agammaglobulinemia, X-linked"
synonyms = ["Bruton agammaglobulinemia"]
genes = ["BTK"]
inheritance = ["HP:0001419"]
onset = []
sex = "male"
inheritance_sources = ["review"]
curated_by = "tests"
reviewed = "2026-11-21"

[[related]]
id = "ORPHA:47"
relation = "allelic"

[[sources]]
key = "review"
title = "A review"
publisher = "A journal"
year = 2020

[[sources]]
key = "leaflet"
title = "A leaflet"
publisher = "Not stated"

[[findings]]
term = "HP:0002719"
label = "Recurrent infections"
status = "present"
frequency = "HP:0040281"
frequency_cue = "almost all"
sources = ["review", "leaflet"]

[[findings]]
term = "HP:0000964"
label = "Eczema"
status = "excluded"
sources = ["leaflet"]
comment = "Reported as normal skin."
"""

PATH = "profiles/OMIM_300755.toml"


def test_good_profile_parses() -> None:
    p = parse_profile_toml(GOOD, path=PATH)
    assert (p.id, p.sex, p.genes, p.onset) == ("OMIM:300755", Sex.MALE, ("BTK",), ())
    assert p.related[0].relation is Relation.ALLELIC
    assert p.source("review").citation == "A review, A journal, 2020"
    assert p.source("leaflet").citation == "A leaflet, Not stated"
    first, second = p.findings
    assert first.frequency.source == "HP:0040281" and first.line == 29
    assert second.status is Status.EXCLUDED and not second.frequency.is_known
    assert second.line == 37
    assert p.inheritance_line == 6


def swap(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (swap("schema = 1", "schema = 2"), 1, "'schema' must be 1"),
        (swap('id = "OMIM:300755"', 'id = "OMIM:1"'), 2, "must be named 'OMIM_1.toml'"),
        (swap('genes = ["BTK"]', "genes = 3"), 5, "'genes' must be an array"),
        (swap('sex = "male"', 'sex = "boys"'), 8, "'sex' must be 'male' or 'female'"),
        (swap('inheritance = ["HP:0001419"]', 'inheritance = ["XLR"]'), 6, "not an HPO id"),
        (swap('reviewed = "2026-11-21"', 'reviewed = "last year"'), 11, "YYYY-MM-DD"),
        (swap('key = "leaflet"', 'key = "review"'), 24, "defined twice"),
        (swap("year = 2020", 'year = "2020"'), 21, "integer year"),
        (swap('relation = "allelic"', 'relation = "cousin"'), 15, "'relation' must be"),
        (swap('status = "present"', 'status = "yes"'), 31, "'status' must be"),
        (swap('frequency = "HP:0040281"', 'frequency = "often"'), 32, "frequency 'often'"),
        (swap('frequency = "HP:0040281"', 'frequency = "0/4"'), 32, "use status"),
        (swap('sources = ["review", "leaflet"]', 'sources = ["review", "x"]'), 34, "cites 'x'"),
        (swap('sources = ["leaflet"]', "sources = []"), 40, "at least one"),
        (swap('term = "HP:0000964"', 'term = "HP:0002719"'), 37, "both present and excluded"),
        (swap('label = "Eczema"', 'labl = "Eczema"'), 36, "unknown field(s) 'labl'"),
        (swap('curated_by = "tests"\n', ""), None, "missing required field 'curated_by'"),
        (swap('inheritance_sources = ["review"]', 'inheritance_sources = ["r"]'), 9, "cites 'r'"),
        (
            swap('comment = "Reported as normal skin."', 'frequency = "HP:0040283"'),
            41,
            "excluded finding must not have a frequency",
        ),
        (swap("[[findings]]\nterm", "[[findings]\nterm"), 28, "not valid TOML"),
    ],
)
def test_schema_errors_name_file_and_line(text: str, line: int | None, message: str) -> None:
    with pytest.raises(ProfileFormatError) as info:
        parse_profile_toml(text, path=PATH)
    assert message in str(info.value)
    assert info.value.path == PATH
    assert info.value.line == line


def test_frequency_cue_needs_frequency() -> None:
    text = swap('frequency = "HP:0040281"\n', "")
    with pytest.raises(ProfileFormatError, match="only allowed with 'frequency'") as info:
        parse_profile_toml(text, path=PATH)
    assert info.value.line == 32


def test_validate_against_the_mini_ontology(mini_ontology: Ontology) -> None:
    good = parse_profile_toml(GOOD, path=PATH)
    assert validate_profile(good, mini_ontology) == []
    text = (
        GOOD.replace('label = "Eczema"', 'label = "eczema"')
        .replace('term = "HP:0002719"', 'term = "HP:0099001"')
        .replace('inheritance = ["HP:0001419"]', 'inheritance = ["HP:0002014"]')
        .replace("onset = []", 'onset = ["HP:0001419"]')
    )
    bad = parse_profile_toml(text, path=PATH)
    problems = [str(p) for p in validate_profile(bad, mini_ontology)]
    assert problems == [
        f"{PATH}:6: inheritance HP:0002014 (Diarrhea) is not under HP:0000005 Mode of inheritance.",
        f"{PATH}:7: onset HP:0001419 is not under HP:0003674: HPO has no HP:0003674.",
        f"{PATH}:29: finding HP:0099001 is not current in HPO 2099-01-01; "
        "use HP:0002028 Chronic diarrhea.",
        f"{PATH}:37: finding HP:0000964: label 'eczema' is not the HPO name 'Eczema'.",
    ]


def test_validate_names_and_related(mini_ontology: Ontology) -> None:
    good = parse_profile_toml(GOOD, path=PATH)
    problems = validate_profile(
        good, mini_ontology, disease_names={"OMIM:300755": "Agammaglobulinemia"}
    )
    assert [p.message for p in problems] == [
        "name 'Agammaglobulinemia, X-linked' differs from the HPO annotation name "
        "'Agammaglobulinemia'.",
        "related disease ORPHA:47 is not in the HPO annotations.",
    ]
    assert problems[1].line == 14


def test_bundled_profile_files_parse() -> None:
    root = Path(__file__).resolve().parents[3] / "profiles"
    from xpid.profiles.curated import load_profile

    ids = sorted(load_profile(p).id for p in root.glob("*.toml"))
    assert ids == ["OMIM:300291", "OMIM:304790", "OMIM:308230"]
