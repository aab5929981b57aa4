"""Edit distance: the numpy kernel against the plain reference, and pinned values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xpid.text.distance import build_word_table, osa_distance, osa_distances, typo_budget

WORDS = st.text(alphabet="abcdeé", max_size=9)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("ecsema", "eczema", 1),  # substitution
        ("ezcema", "eczema", 1),  # adjacent swap
        ("diabetis", "diabetes", 1),
        ("diarhea", "diarrhea", 1),  # deletion
        ("kitten", "sitting", 3),
        ("ca", "abc", 3),  # restricted: no substring edited twice (Damerau would say 2)
        ("", "", 0),
        ("abc", "", 3),
    ],
)
def test_pinned_values(a: str, b: str, expected: int) -> None:
    assert osa_distance(a, b) == expected
    assert osa_distances(a, build_word_table([b])).tolist() == [expected]


@settings(max_examples=300, deadline=None)
@given(WORDS, st.lists(WORDS, max_size=12))
def test_kernel_equals_reference(query: str, words: list[str]) -> None:
    table = build_word_table(words)
    assert osa_distances(query, table).tolist() == [osa_distance(query, w) for w in words]


@settings(max_examples=300, deadline=None)
@given(WORDS, st.lists(WORDS, max_size=12), st.integers(0, 3))
def test_capped_kernel_is_exact_up_to_the_cap(query: str, words: list[str], cap: int) -> None:
    got = osa_distances(query, build_word_table(words), max_distance=cap).tolist()
    for word, value in zip(words, got, strict=True):
        exact = osa_distance(query, word)
        assert value == exact if exact <= cap else value > cap


@given(WORDS, WORDS)
def test_reference_is_a_symmetric_distance(a: str, b: str) -> None:
    assert osa_distance(a, b) == osa_distance(b, a)
    assert (osa_distance(a, b) == 0) == (a == b)


def test_typo_budget_grows_with_length() -> None:
    assert [typo_budget(w) for w in ("t1d", "ecsema", "diabetis", "eczematous")] == [0, 1, 2, 2]
