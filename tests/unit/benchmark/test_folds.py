"""Cohort folds: no disease or gene on both sides, deterministic, balanced."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xpid.benchmark.folds import CohortCase, assign_folds, cohort_components, cohort_folds
from xpid.errors import ParameterError


def test_components_join_through_diseases_and_genes() -> None:
    cases = [
        CohortCase("a", ["OMIM:1"], ["G1"]),
        CohortCase("b", ["OMIM:2"], ["G1", "G2"]),  # allelic with a through G1
        CohortCase("c", ["OMIM:3"], ["G2"]),  # through b's second gene
        CohortCase("d", ["OMIM:4"], ["G4"]),
        CohortCase("e", ["OMIM:4"], []),  # same disease as d
        CohortCase("f", ["OMIM:6"], []),
    ]
    assert cohort_components(cases) == [0, 0, 0, 1, 1, 2]


def test_folds_hand_checked() -> None:
    # Cohorts of sizes 3 (a, b, c), 2 (d, e), 1 (f), 1 (g): largest first into the
    # smallest fold, ties to the lower fold.
    cases = [
        CohortCase("a", ["D1"]),
        CohortCase("b", ["D1"]),
        CohortCase("c", ["D1"]),
        CohortCase("d", ["D2"]),
        CohortCase("e", ["D2"]),
        CohortCase("f", ["D3"]),
        CohortCase("g", ["D4"]),
    ]
    assert cohort_folds(cases, 2) == [0, 0, 0, 1, 1, 1, 0]
    assert cohort_folds(cases, 3) == [0, 0, 0, 1, 1, 2, 2]


def test_bad_fold_counts() -> None:
    cases = [CohortCase("a", ["D1"]), CohortCase("b", ["D2"])]
    with pytest.raises(ParameterError, match="at least 2"):
        cohort_folds(cases, 1)
    with pytest.raises(ParameterError, match=r"at most the number of cohorts \(2\)"):
        cohort_folds(cases, 3)
    with pytest.raises(ParameterError, match="unique"):
        cohort_folds([CohortCase("a", ["D1"]), CohortCase("a", ["D2"])], 2)


def test_assign_folds_uses_the_gene_map() -> None:
    genes = {"OMIM:1": ("G",), "OMIM:2": ("G",), "OMIM:3": ("H",)}
    fold, n = assign_folds(["x", "y", "z"], ["OMIM:1", "OMIM:2", "OMIM:3"], genes.__getitem__, 2)
    assert n == 2
    assert fold["x"] == fold["y"] != fold["z"]


case_lists = st.lists(
    st.tuples(
        st.sets(st.integers(0, 12), min_size=1, max_size=2),
        st.sets(st.integers(0, 8), max_size=2),
    ),
    min_size=2,
    max_size=40,
)


@given(case_lists, st.integers(2, 5), st.randoms(use_true_random=False))
def test_no_disease_or_gene_in_two_folds(raw, k, rnd) -> None:  # type: ignore[no-untyped-def]
    cases = [
        CohortCase(f"case{i}", [f"D{d}" for d in ds], [f"G{g}" for g in gs])
        for i, (ds, gs) in enumerate(raw)
    ]
    n_cohorts = len(set(cohort_components(cases)))
    if k > n_cohorts:
        with pytest.raises(ParameterError):
            cohort_folds(cases, k)
        return
    fold = cohort_folds(cases, k)
    seen: dict[str, int] = {}
    for case, f in zip(cases, fold, strict=True):
        for node in [*case.diseases, *case.genes]:
            assert seen.setdefault(node, f) == f
    assert set(fold) <= set(range(k))
    assert len(set(fold)) == k  # every fold gets a cohort when there are enough
    # The split depends on the cases, not on their order.
    order = list(range(len(cases)))
    rnd.shuffle(order)
    shuffled = cohort_folds([cases[i] for i in order], k)
    assert {cases[i].key: f for i, f in zip(order, shuffled, strict=True)} == {
        c.key: f for c, f in zip(cases, fold, strict=True)
    }
