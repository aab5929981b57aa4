"""Sex, age and age at onset read from a note, in English and Swedish (issue 16)."""

from __future__ import annotations

import pytest

from xpid.constants import CONGENITAL_ONSET, INFANTILE_ONSET, NEONATAL_ONSET
from xpid.errors import DataError
from xpid.extraction.demographics import (
    load_demographic_rules,
    parse_demographic_rules,
    read_demographics,
)
from xpid.extraction.model import Language
from xpid.sex import Sex

EN = load_demographic_rules(Language.en)
SV = load_demographic_rules(Language.sv)


@pytest.mark.parametrize(
    ("note", "sex", "age_years"),
    [
        ("A 4-month-old boy with chronic diarrhoea.", Sex.MALE, 4 / 12),
        ("Seven-month-old boy referred for diarrhoea.", Sex.MALE, 7 / 12),
        ("The patient is a girl aged 3 years with eczema.", Sex.FEMALE, 3.0),
        ("This 2 year old female has eczema.", Sex.FEMALE, 2.0),
        ("Infant, 10 wks old. He has eczema. He feeds poorly.", Sex.MALE, 70 / 365.25),
        ("A 17 yo man with ataxia.", Sex.MALE, 17.0),
    ],
)
def test_english_sex_and_age(note: str, sex: Sex, age_years: float) -> None:
    read = read_demographics(note, EN)
    assert read.sex is sex
    assert read.age_years == pytest.approx(age_years, rel=0.01)


@pytest.mark.parametrize(
    ("note", "sex", "age_years"),
    [
        ("En 4 månader gammal pojke med diarré.", Sex.MALE, 4 / 12),
        ("4-årig flicka med eksem.", Sex.FEMALE, 4.0),
        ("Pojke, 7 mån, med dålig viktuppgång.", Sex.MALE, 7 / 12),
        ("En 6 veckors flicka med feber.", Sex.FEMALE, 42 / 365.25),
    ],
)
def test_swedish_sex_and_age(note: str, sex: Sex, age_years: float) -> None:
    read = read_demographics(note, SV)
    assert read.sex is sex
    assert read.age_years == pytest.approx(age_years, rel=0.01)


def test_relatives_are_not_the_patient() -> None:
    note = "His 30-year-old mother has diabetes. The patient, a girl aged 3 years, has eczema."
    read = read_demographics(note, EN)
    assert (read.sex, read.age_years) == (Sex.FEMALE, 3.0)
    read = read_demographics("Two male relatives died young. She has seizures.", EN)
    assert read.sex is Sex.FEMALE  # "male relatives" are not the patient; her pronoun is
    read = read_demographics("Morbror, 30 år gammal, har diabetes. Pojke med eksem.", SV)
    assert (read.sex, read.age_years) == (Sex.MALE, None)


def test_onset_is_the_earliest_of_the_patient() -> None:
    note = (
        "Seven-month-old boy with diarrhoea that began at three weeks of age. "
        "Eczema since two months. His brother had diarrhoea since birth."
    )
    read = read_demographics(note, EN)
    assert read.onset_days == pytest.approx(21.0)
    assert read.onset_class == NEONATAL_ONSET
    assert ("onset", "began at three weeks") in read.evidence
    read = read_demographics(
        "Diarrhé sedan 3 månaders ålder. Morbror hade diarré sedan födseln.", SV
    )
    assert read.onset_class == INFANTILE_ONSET


def test_onset_at_birth_and_named_onset_classes() -> None:
    assert read_demographics("Seizures since birth.", EN).onset_class == CONGENITAL_ONSET
    assert read_demographics("Kräkningar sedan födseln.", SV).onset_class == CONGENITAL_ONSET
    named = read_demographics("Infantile onset of diarrhoea.", EN)
    assert (named.onset_class, named.onset_days) == (INFANTILE_ONSET, None)


def test_nothing_said_is_unknown() -> None:
    read = read_demographics("Chronic diarrhoea and eczema. Seen with the family.", EN)
    assert (read.sex, read.age_years, read.onset_class) == (Sex.UNKNOWN, None, None)
    assert read.describe() == ""
    mixed = read_demographics("He was seen. She is his mother.", EN)
    assert mixed.sex is Sex.UNKNOWN  # pronouns of both sexes open sentences


def test_describe_and_json() -> None:
    read = read_demographics("A 4-month-old boy, diarrhoea since two weeks of age.", EN)
    assert read.describe().startswith("male «boy», 4 months «4-month-old», Neonatal onset")
    payload = read.to_dict()
    assert payload["sex"] == "male" and payload["onset"] == NEONATAL_ONSET
    assert payload["onset_days"] == 14.0
    assert {"about": "age", "text": "4-month-old"} in payload["evidence"]  # type: ignore[operator]


def test_bad_rows_name_file_and_line() -> None:
    with pytest.raises(DataError, match="x.tsv:2: bad row"):
        parse_demographic_rules(["sex\tmale\tboy", "sex\tneuter\tit"], source="x.tsv")
    with pytest.raises(DataError, match="x.tsv:1: pattern does not compile"):
        parse_demographic_rules(["pattern\tage\t({NUMBER}"], source="x.tsv")
