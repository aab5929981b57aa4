"""Frequency parsing: every form, junk, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xpid.annotations.frequency import (
    FREQUENCY_TERMS,
    UNKNOWN_FREQUENCY,
    FrequencyError,
    FrequencyKind,
    parse_frequency,
)
from xpid.errors import XpidError


@pytest.mark.parametrize(
    ("text", "probability"),
    [
        ("HP:0040280", 1.0),
        ("HP:0040281", 0.895),
        ("HP:0040282", 0.545),
        ("HP:0040283", 0.17),
        ("HP:0040284", 0.025),
        ("HP:0040285", 0.0),
    ],
)
def test_frequency_terms_map_to_the_middle_of_their_range(text: str, probability: float) -> None:
    f = parse_frequency(text)
    assert f.kind is FrequencyKind.TERM
    assert f.source == text
    assert f.probability == probability
    assert f.is_absent == (text == "HP:0040285")


def test_ratio_percent_and_unknown() -> None:
    ratio = parse_frequency("3/7")
    assert (ratio.kind, ratio.numerator, ratio.denominator) == (FrequencyKind.RATIO, 3, 7)
    assert ratio.probability == pytest.approx(3 / 7)
    percent = parse_frequency("23%")
    assert percent.kind is FrequencyKind.PERCENT and percent.probability == pytest.approx(0.23)
    assert parse_frequency("32.3%").probability == pytest.approx(0.323)
    assert parse_frequency("") is UNKNOWN_FREQUENCY
    assert parse_frequency("  ").probability is None
    assert not UNKNOWN_FREQUENCY.is_known and not UNKNOWN_FREQUENCY.is_absent


@pytest.mark.parametrize("text", ["0/5", "0%", "0.0%", "HP:0040285"])
def test_absent_forms(text: str) -> None:
    assert parse_frequency(text).is_absent


@pytest.mark.parametrize(
    "text", ["HP:0000118", "3/0", "8/7", "101%", "often", "1/2/3", "-1/4", "50", "HP:004028"]
)
def test_junk_is_an_error_that_quotes_the_text(text: str) -> None:
    with pytest.raises(FrequencyError, match="frequency") as info:
        parse_frequency(text)
    assert isinstance(info.value, XpidError) and isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)


def test_labels() -> None:
    assert parse_frequency("HP:0040283").label == "Occasional (HP:0040283)"
    assert str(parse_frequency("5/6")) == "5/6"
    assert set(FREQUENCY_TERMS) == {f"HP:00402{n}" for n in range(80, 86)}


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_ratio_round_trip(n: int, m: int) -> None:
    n = min(n, m)
    f = parse_frequency(f"{n}/{m}")
    assert (f.numerator, f.denominator) == (n, m)
    assert parse_frequency(f.source) == f
    assert f.probability == n / m
    assert f.is_absent == (n == 0)


@given(
    st.one_of(
        st.sampled_from(list(FREQUENCY_TERMS)),
        st.tuples(st.integers(0, 500), st.integers(1, 500)).map(
            lambda t: f"{min(t)}/{max(t)}" if t[1] else "0/1"
        ),
        st.decimals(0, 100, places=1, allow_nan=False).map(lambda d: f"{d}%"),
    )
)
def test_probabilities_lie_in_the_unit_interval(text: str) -> None:
    p = parse_frequency(text).probability
    assert p is not None and 0.0 <= p <= 1.0


@given(st.text(max_size=12))
def test_any_text_parses_or_raises_frequency_error(text: str) -> None:
    try:
        f = parse_frequency(text)
    except FrequencyError:
        return
    assert f.probability is None or 0.0 <= f.probability <= 1.0
