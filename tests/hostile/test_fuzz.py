"""Fuzzing the phenopacket reader and the TOML profile and panel loaders.

Random JSON and TOML structures, shaped like the real thing or not, and random edits of real
files, must give a result or an :class:`~xpid.errors.XpidError`, never another exception.
Examples are bounded (a few seconds per test); hypothesis keeps what it finds in its database.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xpid.errors import XpidError
from xpid.ontology import Ontology
from xpid.phenopackets import case_to_patient, parse_phenopacket
from xpid.profiles.curated import parse_profile_toml, validate_profile
from xpid.profiles.panels import parse_panel_toml

REPO = Path(__file__).resolve().parents[2]
PHENOPACKET = REPO / "tests" / "fixtures" / "phenopackets" / "v2_case.json"
PROFILE = REPO / "profiles" / "OMIM_308230.toml"
PANEL = REPO / "profiles" / "panels" / "x-linked-iei.toml"

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ_TOML = settings(FUZZ, max_examples=50)

# --------------------------------------------------------------------- JSON structures


class Raw(str):
    """Text written into a JSON or TOML document as it is, not as a string: values that
    Python cannot build and write itself (an integer of 5,000 digits, deep nesting)."""


RAW_JSON = st.builds(
    Raw,
    st.sampled_from(
        ["7" * 5000, "-" + "1" * 4301, "1e999", "-0", "NaN", "[" * 3000 + "]" * 3000, "{}"]
    ),
)


def json_text(data: Any) -> str:
    """``data`` as JSON text, each :class:`Raw` value written as it is."""
    raws: list[str] = []

    def mark(value: Any) -> Any:
        if isinstance(value, Raw):
            raws.append(str(value))
            return f"\x00raw{len(raws) - 1}\x00"
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(data))
    for i, raw in enumerate(raws):
        text = text.replace(json.dumps(f"\x00raw{i}\x00"), raw)
    return text


TEXT = st.one_of(
    st.text(
        alphabet=st.one_of(
            st.characters(exclude_categories=()),  # lone surrogates too
            st.sampled_from(["\x1b", "\u202e", "\x00", "²", "٣", ":", "P"]),
        ),
        max_size=12,
    ),
    st.sampled_from(["HP:", "HP:0002014", "P1Y", "MALE", "2.0", "", "²", "١٢"]),
)
SCALARS = st.one_of(
    RAW_JSON,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
FIELD_NAMES = st.sampled_from(
    [
        *("id", "subject", "sex", "phenotypicFeatures", "type", "label", "excluded"),
        *("onset", "age", "iso8601duration", "ageRange", "start", "gestationalAge"),
        *("weeks", "ontologyClass", "timestamp", "interval", "timeAtLastEncounter"),
        *("interpretations", "diagnosis", "disease", "diseases", "term", "metaData"),
        *("phenopacketSchemaVersion", "externalReferences", "proband", "members"),
        *("negated", "ageOfOnset", "genes"),
    ]
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(FIELD_NAMES | TEXT, inner, max_size=5)
    ),
    max_leaves=25,
)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly ``strategy``, sometimes (one in five) any JSON value in its place, so that
    most structures get deep into the reader before something is wrong."""
    return st.one_of(strategy, strategy, strategy, strategy, JSON)


TERM_ID = st.one_of(
    st.sampled_from(["HP:0002014", "HP:0000964", "HP:0099003", "HP:0099002", "HP:0000118"]),
    st.from_regex(r"\A[A-Za-z]{0,3}:?[0-9]{0,8}\Z"),
    TEXT,
)
ONTOLOGY_CLASS = _maybe(st.fixed_dictionaries({"id": _maybe(TERM_ID)}, optional={"label": TEXT}))
DURATION = st.one_of(
    st.from_regex(r"\AP([0-9]{1,3}Y)?([0-9]{1,2}M)?([0-9]W)?([0-9]{1,3}D)?\Z"),
    st.from_regex(r"\AP[0-9]{300,5000}Y\Z"),
    TEXT,
)
AGE = _maybe(st.fixed_dictionaries({}, optional={"iso8601duration": _maybe(DURATION)}))
TIME_ELEMENT = _maybe(
    st.fixed_dictionaries(
        {},
        optional={
            "age": AGE,
            "ageRange": _maybe(st.fixed_dictionaries({}, optional={"start": AGE, "end": AGE})),
            "gestationalAge": _maybe(
                st.fixed_dictionaries(
                    {}, optional={"weeks": _maybe(st.integers(-3, 60) | TEXT), "days": JSON}
                )
            ),
            "ontologyClass": ONTOLOGY_CLASS,
            "timestamp": JSON,
            "interval": JSON,
        },
    )
)
FEATURE = _maybe(
    st.fixed_dictionaries(
        {"type": ONTOLOGY_CLASS},
        optional={"excluded": _maybe(st.booleans()), "onset": TIME_ELEMENT, "negated": JSON},
    )
)
PHENOPACKET_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "id": _maybe(TEXT),
        "subject": _maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "id": _maybe(TEXT),
                    "sex": _maybe(st.sampled_from(["MALE", "FEMALE", "OTHER_SEX", 2, 7])),
                    "timeAtLastEncounter": TIME_ELEMENT,
                },
            )
        ),
        "phenotypicFeatures": _maybe(st.lists(FEATURE, max_size=4)),
        "interpretations": _maybe(
            st.lists(
                _maybe(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "diagnosis": _maybe(
                                st.fixed_dictionaries({}, optional={"disease": ONTOLOGY_CLASS})
                            )
                        },
                    )
                ),
                max_size=2,
            )
        ),
        "diseases": _maybe(
            st.lists(
                _maybe(
                    st.fixed_dictionaries(
                        {"term": ONTOLOGY_CLASS},
                        optional={"onset": TIME_ELEMENT, "excluded": _maybe(st.booleans())},
                    )
                ),
                max_size=2,
            )
        ),
        "metaData": _maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "phenopacketSchemaVersion": _maybe(st.sampled_from(["2.0", "1.0", "3"])),
                    "externalReferences": _maybe(
                        st.lists(_maybe(st.fixed_dictionaries({"id": _maybe(TEXT)})), max_size=2)
                    ),
                },
            )
        ),
        "proband": JSON,
        "members": JSON,
    },
)


def _read(data: Any, ontology: Ontology) -> None:
    """Read ``data`` as a phenopacket and build the patient; only XpidError may come out."""
    try:
        case = parse_phenopacket(data, path="fuzz.json")
        case_to_patient(ontology, case)
    except XpidError:
        pass


@FUZZ
@given(PHENOPACKET_LIKE)
def test_reader_on_phenopacket_like_structures(mini_ontology: Ontology, data: Any) -> None:
    _read(data, mini_ontology)
    _read(json_text(data), mini_ontology)  # and as text, through the decoder


@FUZZ
@given(JSON)
def test_reader_on_any_json(mini_ontology: Ontology, data: Any) -> None:
    _read(data, mini_ontology)
    _read(json_text(data), mini_ontology)


def _edited(text: str, edits: list[tuple[int, int, str]]) -> str:
    for position, cut, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + cut :]
    return text


EDITS = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 8), TEXT | st.sampled_from(list('{}[]",:'))),
    min_size=1,
    max_size=6,
)


@FUZZ
@given(EDITS)
def test_reader_on_edited_phenopackets(mini_ontology: Ontology, edits: Any) -> None:
    text = _edited(PHENOPACKET.read_text(encoding="utf-8"), edits)
    _read(text, mini_ontology)
    _read(text.encode("utf-8", "surrogatepass"), mini_ontology)


@FUZZ
@given(st.binary(max_size=200))
def test_reader_on_bytes(mini_ontology: Ontology, data: bytes) -> None:
    _read(data, mini_ontology)


# ---------------------------------------------------------------------- TOML structures


def _toml_string(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_value(value: Any) -> str:
    """A TOML inline value (one line) for a Python value (a :class:`Raw` as it is)."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_string(k)} = {toml_value(v)}" for k, v in value.items())
        return "{" + inner + "}"
    raise TypeError(value)


def toml_document(data: dict[str, Any]) -> str:
    return "".join(f"{_toml_string(k)} = {toml_value(v)}\n" for k, v in data.items())


TOML_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)
RAW_TOML = st.builds(
    Raw,
    st.sampled_from(
        ["9" * 5000, "0x" + "f" * 5000, "[" * 3000 + "]" * 3000, "{a = " * 2000 + "1" + "}" * 2000]
    ),
)
TOML_SCALARS = st.one_of(
    RAW_TOML,
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    TOML_TEXT,
    st.sampled_from(["HP:0002014", "present", "excluded", "OMIM:300755", "1/2", "50%", ""]),
    st.dates(),
)
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TOML_TEXT, inner, max_size=4),
    max_leaves=15,
)


@st.composite
def _mutated(draw: st.DrawFn, good: Any, depth: int = 0) -> Any:
    """``good`` with values dropped, replaced by random ones, or kept (recursively)."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(TOML_VALUES)
    if isinstance(good, dict) and depth < 3:
        out = {}
        for key, value in good.items():
            if draw(st.integers(0, 9)) == 0:
                continue
            out[key] = draw(_mutated(value, depth + 1))
        if draw(st.integers(0, 4)) == 0:
            out[draw(TOML_TEXT)] = draw(TOML_VALUES)
        return out
    if isinstance(good, list) and depth < 3:
        return [draw(_mutated(item, depth + 1)) for item in good[:4]]
    return good


VALID_PROFILE = tomllib.loads(PROFILE.read_text(encoding="utf-8"))
VALID_PANEL = tomllib.loads(PANEL.read_text(encoding="utf-8"))


@FUZZ_TOML
@given(_mutated(VALID_PROFILE))
def test_profile_loader_on_mutated_profiles(mini_ontology: Ontology, data: Any) -> None:
    text = toml_document(data) if isinstance(data, dict) else f"x = {toml_value(data)}\n"
    try:
        profile = parse_profile_toml(text, path=PROFILE.name)
    except XpidError:
        return
    validate_profile(profile, mini_ontology)


@FUZZ_TOML
@given(_mutated(VALID_PANEL))
def test_panel_loader_on_mutated_panels(data: Any) -> None:
    text = toml_document(data) if isinstance(data, dict) else f"x = {toml_value(data)}\n"
    try:
        parse_panel_toml(text, path=PANEL.name)
    except XpidError:
        pass


@FUZZ_TOML
@given(EDITS)
def test_profile_loader_on_edited_text(mini_ontology: Ontology, edits: Any) -> None:
    text = _edited(PROFILE.read_text(encoding="utf-8"), edits)
    try:
        profile = parse_profile_toml(text, path=PROFILE.name)
    except XpidError:
        return
    validate_profile(profile, mini_ontology)


def test_the_emitter_writes_toml_that_reads_back() -> None:
    # Guards the fuzz tests above against testing only TOML syntax errors.
    assert tomllib.loads(toml_document(VALID_PROFILE)) == VALID_PROFILE
    parse_profile_toml(toml_document(VALID_PROFILE), path=PROFILE.name)
    assert tomllib.loads(toml_document(VALID_PANEL)) == VALID_PANEL
