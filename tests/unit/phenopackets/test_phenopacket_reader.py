"""The phenopacket reader: v2 fields, onset classes, v1 refusal, and malformed files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from xpid.errors import PhenopacketError
from xpid.ontology import Ontology
from xpid.phenopackets import FeatureRecord, case_to_patient, load_phenopacket, parse_phenopacket
from xpid.phenopackets.decode import decode_json
from xpid.phenopackets.reader import (
    ONSET_ORDER,
    onset_class_of_days,
    onset_class_of_gestation,
    parse_iso8601_age,
)
from xpid.sex import Sex

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "phenopackets"


def _packet(**fields: Any) -> dict[str, Any]:
    packet: dict[str, Any] = {
        "id": "p1",
        "subject": {"id": "s1", "sex": "FEMALE"},
        "phenotypicFeatures": [{"type": {"id": "HP:0002014", "label": "Diarrhea"}}],
        "metaData": {"phenopacketSchemaVersion": "2.0.2"},
    }
    packet.update(fields)
    return packet


def _error(data: Any, path: str = "case.json") -> PhenopacketError:
    with pytest.raises(PhenopacketError) as info:
        parse_phenopacket(data, path=path)
    return info.value


def test_v2_case_reads_every_field() -> None:
    case = load_phenopacket(FIXTURES / "v2_case.json")
    assert case.path == str(FIXTURES / "v2_case.json")
    assert case.id == "PMID_1234567_patient_1"
    assert case.subject_id == "patient 1"
    assert case.sex is Sex.MALE
    assert case.age_years == pytest.approx(2.5)
    assert case.present == (
        FeatureRecord("HP:0002028", "Chronic diarrhea", "HP:0003593", 0),
        FeatureRecord("HP:0000964", "Eczema", "HP:0003577", 1),
        FeatureRecord("HP:0100651", "Type I diabetes mellitus", None, 2),
    )
    assert case.excluded == (FeatureRecord("HP:0002719", "Recurrent infections", None, 3),)
    assert case.n_features == 4
    # Earliest of P3M (infantile), Congenital onset and the disease's Infantile onset.
    assert case.onset == "HP:0003577"
    # The excluded disease is left out; the repeated diagnosis appears once.
    assert case.diagnoses == ("OMIM:304790",)
    # PMID and DOI only, prefix upper-cased, duplicates removed.
    assert case.publications == ("PMID:1234567", "DOI:10.1000/xyz123")
    assert case.schema_version == "2.0.2"


def test_mapping_text_and_bytes_read_alike() -> None:
    text = (FIXTURES / "v2_case.json").read_text(encoding="utf-8")
    from_text = parse_phenopacket(text, path="x.json")
    assert parse_phenopacket(text.encode(), path="x.json") == from_text
    assert parse_phenopacket(json.loads(text), path="x.json") == from_text


def test_missing_optional_fields_are_fine() -> None:
    case = parse_phenopacket({"phenotypicFeatures": [{"type": {"id": "HP:0002014"}}]})
    assert case.id == ""
    assert case.subject_id == ""
    assert case.sex is Sex.UNKNOWN
    assert case.age_years is None
    assert case.onset is None
    assert case.present == (FeatureRecord("HP:0002014", "", None, 0),)
    assert case.excluded == case.diagnoses == case.publications == ()
    assert case.schema_version == ""
    assert parse_phenopacket({}).n_features == 0


def test_missing_id_falls_back_to_the_file_stem() -> None:
    packet = _packet()
    del packet["id"]
    assert parse_phenopacket(packet, path="dir/case_7.json").id == "case_7"


@pytest.mark.parametrize(
    ("sex", "expected"),
    [
        ("MALE", Sex.MALE),
        ("FEMALE", Sex.FEMALE),
        ("UNKNOWN_SEX", Sex.UNKNOWN),
        ("OTHER_SEX", Sex.UNKNOWN),
        (2, Sex.MALE),
        (1, Sex.FEMALE),
    ],
)
def test_sex(sex: Any, expected: Sex) -> None:
    assert parse_phenopacket(_packet(subject={"sex": sex})).sex is expected


@pytest.mark.parametrize(
    ("element", "years"),
    [
        ({"age": {"iso8601duration": "P1Y6M"}}, 1.5),
        (
            {
                "ageRange": {
                    "start": {"iso8601duration": "P10Y"},
                    "end": {"iso8601duration": "P20Y"},
                }
            },
            10.0,
        ),
        ({"ontologyClass": {"id": "HP:0003581", "label": "Adult onset"}}, None),
        ({"gestationalAge": {"weeks": 22, "days": 0}}, None),
        ({"timestamp": "2020-01-01T00:00:00Z"}, None),
    ],
)
def test_age_at_last_encounter(element: dict[str, Any], years: float | None) -> None:
    case = parse_phenopacket(_packet(subject={"timeAtLastEncounter": element}))
    assert case.age_years == (None if years is None else pytest.approx(years))


@pytest.mark.parametrize(
    ("duration", "onset"),
    [
        ("P0D", "HP:0003623"),
        ("P27D", "HP:0003623"),
        ("P28D", "HP:0003593"),
        ("P1M", "HP:0003593"),
        ("P11M", "HP:0003593"),
        ("P12M", "HP:0011463"),
        ("P1Y", "HP:0011463"),
        ("P4Y11M", "HP:0011463"),
        ("P5Y", "HP:0003621"),
        ("P15Y11M", "HP:0003621"),
        ("P16Y", "HP:0003581"),
        ("P70Y", "HP:0003581"),
    ],
)
def test_age_onset_classes(duration: str, onset: str) -> None:
    assert onset_class_of_days(parse_iso8601_age(duration)) == onset
    feature = {"type": {"id": "HP:0002014"}, "onset": {"age": {"iso8601duration": duration}}}
    case = parse_phenopacket(_packet(phenotypicFeatures=[feature]))
    assert case.present[0].onset == case.onset == onset


@pytest.mark.parametrize(
    ("weeks", "onset"),
    [
        (4, "HP:0011460"),
        (10, "HP:0011461"),
        (11, "HP:0034199"),
        (13, "HP:0034199"),
        (14, "HP:0034198"),
        (27, "HP:0034198"),
        (28, "HP:0034197"),
        (40, "HP:0034197"),
    ],
)
def test_gestational_onset_classes(weeks: int, onset: str) -> None:
    assert onset_class_of_gestation(weeks) == onset
    feature = {"type": {"id": "HP:0002014"}, "onset": {"gestationalAge": {"weeks": weeks}}}
    assert parse_phenopacket(_packet(phenotypicFeatures=[feature])).onset == onset


def test_onset_table_is_ordered_from_conception_to_old_age() -> None:
    assert ONSET_ORDER["HP:0011460"] < ONSET_ORDER["HP:0034197"] < ONSET_ORDER["HP:0003577"]
    assert ONSET_ORDER["HP:0003577"] < ONSET_ORDER["HP:0003623"] < ONSET_ORDER["HP:0003593"]
    assert ONSET_ORDER["HP:0003593"] < ONSET_ORDER["HP:0011463"] < ONSET_ORDER["HP:0003621"]
    assert ONSET_ORDER["HP:0003621"] < ONSET_ORDER["HP:0003581"] < ONSET_ORDER["HP:0003584"]


def test_case_onset_is_the_earliest_of_present_features() -> None:
    features = [
        {"type": {"id": "HP:0002014"}, "onset": {"age": {"iso8601duration": "P20Y"}}},
        {"type": {"id": "HP:0000964"}, "onset": {"ontologyClass": {"id": "HP:4000040"}}},
        {"type": {"id": "HP:0002719"}, "onset": {"age": {"iso8601duration": "P2Y"}}},
        # Excluded features do not give the patient an onset.
        {
            "type": {"id": "HP:0100651"},
            "excluded": True,
            "onset": {"ontologyClass": {"id": "HP:0003577"}},
        },
    ]
    assert parse_phenopacket(_packet(phenotypicFeatures=features)).onset == "HP:0011463"
    # A class outside the ordering table is used only when nothing else is known.
    assert parse_phenopacket(_packet(phenotypicFeatures=features[1:2])).onset == "HP:4000040"


@pytest.mark.parametrize(
    ("text", "days"),
    [("P1Y6M", 547.875), ("P3W2D", 23.0), ("PT12H", 0.5), ("P0.5Y", 182.625), ("P2D", 2.0)],
)
def test_parse_iso8601_age(text: str, days: float) -> None:
    assert parse_iso8601_age(text) == pytest.approx(days)


@pytest.mark.parametrize("text", ["P", "PT", "1Y", "P1H", "P-1Y", "three months", ""])
def test_parse_iso8601_age_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso8601_age(text)


# --- v1 ---------------------------------------------------------------------------------


def test_v1_file_is_refused_with_a_clear_message() -> None:
    error = _error((FIXTURES / "v1_case.json").read_bytes(), path="v1_case.json")
    assert error.field == "metaData.phenopacketSchemaVersion"
    assert "v1" in str(error) and "convert" in str(error)
    assert str(error).startswith("v1_case.json [metaData.phenopacketSchemaVersion]: ")


@pytest.mark.parametrize(
    ("packet", "field"),
    [
        (
            {"phenotypicFeatures": [{"type": {"id": "HP:0002014"}, "negated": True}]},
            "phenotypicFeatures[0].negated",
        ),
        (
            {
                "phenotypicFeatures": [
                    {"type": {"id": "HP:0002014"}, "classOfOnset": {"id": "HP:0003593"}}
                ]
            },
            "phenotypicFeatures[0].classOfOnset",
        ),
        ({"subject": {"id": "s", "ageAtCollection": {"age": "P3Y"}}}, "subject.ageAtCollection"),
        ({"genes": [{"id": "HGNC:1"}]}, "genes"),
        # A v2 version does not make a v1 field safe to ignore.
        (
            {
                "phenotypicFeatures": [{"type": {"id": "HP:0002014"}, "negated": True}],
                "metaData": {"phenopacketSchemaVersion": "2.0"},
            },
            "phenotypicFeatures[0].negated",
        ),
    ],
)
def test_v1_fields_are_recognised_without_a_version(packet: dict[str, Any], field: str) -> None:
    error = _error(packet)
    assert error.field == field
    assert "v1 field" in str(error)


def test_other_major_versions_are_refused() -> None:
    error = _error(_packet(metaData={"phenopacketSchemaVersion": "3.0"}))
    assert error.field == "metaData.phenopacketSchemaVersion"
    assert "'3.0'" in str(error)


# --- malformed files --------------------------------------------------------------------


def test_truncated_file() -> None:
    path = FIXTURES / "truncated.json"
    with pytest.raises(PhenopacketError, match="truncated JSON") as info:
        load_phenopacket(path)
    assert info.value.path == str(path)
    assert str(info.value).startswith(str(path))


@pytest.mark.parametrize("text", ['{"id": "x",, }', "not json", '{"id": "x"} trailing'])
def test_invalid_json(text: str) -> None:
    assert "not valid JSON" in str(_error(text))


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_file(text: str) -> None:
    assert "not valid JSON" in str(_error(text))


def test_not_utf8() -> None:
    assert "not UTF-8" in str(_error(b'{"id": "\xff"}'))


@pytest.mark.parametrize("text", ["[1, 2]", '"a string"', "3", "null"])
def test_not_an_object(text: str) -> None:
    assert "expected a JSON object" in str(_error(text))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"phenotypicFeatures": {"type": {"id": "HP:0002014"}}}, "phenotypicFeatures"),
        ({"phenotypicFeatures": ["HP:0002014"]}, "phenotypicFeatures[0]"),
        (
            {"phenotypicFeatures": [{"type": {"id": "HP:0002014"}}, {"excluded": True}]},
            "phenotypicFeatures[1].type",
        ),
        (
            {"phenotypicFeatures": [{"type": {"id": "HP:0002014"}}, {"type": {"label": "x"}}]},
            "phenotypicFeatures[1].type.id",
        ),
        ({"phenotypicFeatures": [{"type": {"id": "  "}}]}, "phenotypicFeatures[0].type.id"),
        ({"phenotypicFeatures": [{"type": {"id": 2014}}]}, "phenotypicFeatures[0].type.id"),
        ({"phenotypicFeatures": [{"type": "HP:0002014"}]}, "phenotypicFeatures[0].type"),
        (
            {"phenotypicFeatures": [{"type": {"id": "HP:0002014", "label": 1}}]},
            "phenotypicFeatures[0].type.label",
        ),
        (
            {"phenotypicFeatures": [{"type": {"id": "HP:0002014"}, "excluded": "yes"}]},
            "phenotypicFeatures[0].excluded",
        ),
        (
            {
                "phenotypicFeatures": [
                    {
                        "type": {"id": "HP:0002014"},
                        "onset": {"age": {"iso8601duration": "3 months"}},
                    }
                ]
            },
            "phenotypicFeatures[0].onset.age.iso8601duration",
        ),
        (
            {"phenotypicFeatures": [{"type": {"id": "HP:0002014"}, "onset": "P3M"}]},
            "phenotypicFeatures[0].onset",
        ),
        (
            {
                "phenotypicFeatures": [
                    {"type": {"id": "HP:0002014"}, "onset": {"gestationalAge": {"weeks": "many"}}}
                ]
            },
            "phenotypicFeatures[0].onset.gestationalAge.weeks",
        ),
        ({"id": 7}, "id"),
        ({"subject": []}, "subject"),
        ({"subject": {"sex": "M"}}, "subject.sex"),
        ({"subject": {"sex": True}}, "subject.sex"),
        (
            {"subject": {"timeAtLastEncounter": {"age": {"iso8601duration": "P1X"}}}},
            "subject.timeAtLastEncounter.age.iso8601duration",
        ),
        (
            {"interpretations": [{"diagnosis": {"disease": {"label": "IPEX"}}}]},
            "interpretations[0].diagnosis.disease.id",
        ),
        ({"interpretations": [{"diagnosis": []}]}, "interpretations[0].diagnosis"),
        ({"diseases": [{"excluded": False}]}, "diseases[0].term"),
        ({"metaData": {"externalReferences": {"id": "PMID:1"}}}, "metaData.externalReferences"),
        ({"metaData": {"externalReferences": [{"id": 1}]}}, "metaData.externalReferences[0].id"),
        ({"metaData": {"phenopacketSchemaVersion": 2}}, "metaData.phenopacketSchemaVersion"),
    ],
)
def test_wrong_shapes_name_the_field(fields: dict[str, Any], field: str) -> None:
    error = _error(_packet(**fields), path="bad.json")
    assert error.field == field
    assert error.path == "bad.json"
    assert str(error).startswith(f"bad.json [{field}]: ")


def test_wrong_type_message_quotes_the_value() -> None:
    error = _error(_packet(phenotypicFeatures=[{"type": {"id": "HP:1"}, "excluded": "yes"}]))
    assert 'expected true or false, got a string "yes"' in str(error)


def test_null_means_absent() -> None:
    case = parse_phenopacket(
        _packet(subject=None, interpretations=None, diseases=None, metaData=None)
    )
    assert case.sex is Sex.UNKNOWN and case.diagnoses == () and case.schema_version == ""


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(PhenopacketError, match="cannot read the file") as info:
        load_phenopacket(tmp_path / "absent.json")
    assert info.value.path == str(tmp_path / "absent.json")
    with pytest.raises(PhenopacketError, match="cannot read the file"):
        load_phenopacket(tmp_path)


def test_deeply_nested_json_is_a_phenopacket_error() -> None:
    error = _error("[" * 100_000 + "]" * 100_000, path="deep.json")
    assert "nested too deeply" in str(error) and "deep.json" in str(error)


def test_json_that_is_not_a_phenopacket_says_so() -> None:
    error = _error('{"hello": "world"}', path="h.json")
    assert "not a phenopacket" in str(error) and "hello" in str(error)
    assert str(_error("null", path="n.json")).endswith("got null.")


# ------------------------------------------------ hostile input: total reader (issue 13)


@pytest.mark.parametrize("sex", [[], {}, [1], 1.5, {"a": []}])
def test_sex_of_any_json_type_names_the_field(sex: Any) -> None:
    error = _error(json.dumps({"subject": {"sex": sex}}))
    assert error.field == "subject.sex" and "case.json" in str(error)
    assert "expected MALE, FEMALE" in str(error)


def test_an_integer_longer_than_python_converts_is_a_wrong_value_not_a_crash() -> None:
    huge = "1" * 5000
    error = _error('{"subject": {"sex": ' + huge + "}}")
    assert error.field == "subject.sex"
    # In a field xpid does not read, it is simply ignored.
    case = parse_phenopacket(json.dumps(_packet())[:-1] + ', "extra": -' + huge + "}")
    assert case.id == "p1"


@pytest.mark.parametrize("weeks", ["²", "١٢", "1e3", "", " 12", "12.5", True, -1])
def test_gestational_weeks_that_are_not_a_whole_number(weeks: Any) -> None:
    onset = {"gestationalAge": {"weeks": weeks}}
    packet = _packet(phenotypicFeatures=[{"type": {"id": "HP:0002014"}, "onset": onset}])
    error = _error(json.dumps(packet))
    assert error.field == "phenotypicFeatures[0].onset.gestationalAge.weeks"


def test_gestational_weeks_as_ascii_digits_are_read() -> None:
    onset = {"gestationalAge": {"weeks": "19"}}
    packet = _packet(phenotypicFeatures=[{"type": {"id": "HP:0002014"}, "onset": onset}])
    assert parse_phenopacket(packet).onset == "HP:0034198"


def test_a_family_is_not_a_phenopacket() -> None:
    family = {"id": "fam", "proband": _packet(), "relatives": [_packet()], "metaData": {}}
    message = str(_error(json.dumps(family), "fam.json"))
    assert message.startswith("fam.json: this is a Family, not a Phenopacket")
    assert "proband" in message


def test_a_cohort_is_not_a_phenopacket() -> None:
    cohort = {"id": "coh", "members": [_packet(), _packet()], "metaData": {}}
    message = str(_error(json.dumps(cohort), "coh.json"))
    assert message.startswith("coh.json: this is a Cohort, not a Phenopacket")
    assert "members" in message


def test_repeated_keys_are_found_by_field_path() -> None:
    text = (
        '{"id": "a", "id": "b", "subject": {"sex": "MALE", "sex": "FEMALE"},'
        ' "phenotypicFeatures": [{"type": {"id": "HP:0002014", "id": "HP:0000964"}}]}'
    )
    case = parse_phenopacket(text, path="dup.json")
    assert case.id == "b"  # the last value, as JSON readers do
    assert case.present[0].id == "HP:0000964"
    assert case.repeated_keys == ("id", "subject.sex", "phenotypicFeatures[0].type.id")


def test_repeated_keys_become_notices_naming_file_and_key(mini_ontology: Ontology) -> None:
    text = '{"subject": {"sex": "MALE", "sex": "FEMALE"}, "phenotypicFeatures": ' + (
        '[{"type": {"id": "HP:0002014"}}]}'
    )
    patient = case_to_patient(mini_ontology, parse_phenopacket(text, path="dup.json"))
    (notice,) = patient.notices
    assert notice.subject == "subject.sex"
    assert notice.message.startswith("dup.json: key 'subject.sex' is given more than once")


def test_no_repeated_keys_no_walk() -> None:
    assert decode_json('{"a": [{"b": 1}, {"b": 2}]}', "x.json")[1] == ()


def test_a_value_too_deep_to_show_is_named_without_crashing() -> None:
    deep = "[" * 900 + "]" * 900
    error = _error('{"subject": {"sex": ' + deep + "}}")
    assert error.field == "subject.sex"
