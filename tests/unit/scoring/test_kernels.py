"""Kernels against the plain-Python reference on generated ontologies, plus pinned values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xpid.ontology import Ontology, TermRecord, build_ontology
from xpid.scoring.arrays import DiseaseArrays, build_disease_arrays
from xpid.scoring.ic import information_content
from xpid.scoring.methods import Method, TermMeasure
from xpid.scoring.reference import (
    reference_ic,
    reference_set_score,
    reference_simgic,
    reference_term_similarity,
)
from xpid.scoring.similarity import (
    closure_hits,
    simgic_scores,
    similarity_scores,
    term_similarity,
)

TERM_METHODS = [m for m in Method if m.measure is not None]


@st.composite
def worlds(draw: st.DrawFn) -> tuple[Ontology, list[list[int]], list[int]]:
    """A random rooted DAG, a few diseases annotated with its terms, and a query."""
    n = draw(st.integers(min_value=2, max_value=18))
    records = [TermRecord("HP:0000001", "root")]
    for k in range(1, n):
        parents = draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=3, unique=True))
        records.append(
            TermRecord(
                f"HP:{k + 1:07d}", f"t{k}", parents=tuple(f"HP:{p + 1:07d}" for p in parents)
            )
        )
    onto = build_ontology(records, release="generated")
    diseases = draw(st.lists(st.lists(st.integers(0, n - 1), max_size=6), min_size=1, max_size=8))
    query = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=5, unique=True))
    return onto, diseases, query


def compile_world(onto: Ontology, diseases: list[list[int]]) -> DiseaseArrays:
    return build_disease_arrays(
        onto.ancestor_indptr,
        onto.ancestor_indices,
        [[(t, math.nan) for t in d] for d in diseases],
        [[] for _ in diseases],
    )


def ancestors_of(onto: Ontology) -> dict[int, set[int]]:
    return {i: set(onto.ancestors(i).tolist()) for i in range(len(onto))}


@settings(max_examples=80, deadline=None)
@given(worlds())
def test_ic_matches_reference(world: tuple[Ontology, list[list[int]], list[int]]) -> None:
    onto, diseases, _ = world
    arrays = compile_world(onto, diseases)
    ic = information_content(arrays.clo_indptr, arrays.clo_terms, len(onto))
    expected = reference_ic(ancestors_of(onto), diseases, len(onto))
    np.testing.assert_allclose(ic, expected, atol=1e-12)


@settings(max_examples=80, deadline=None)
@given(worlds(), st.sampled_from(TERM_METHODS))
def test_set_scores_match_reference(
    world: tuple[Ontology, list[list[int]], list[int]], method: Method
) -> None:
    onto, diseases, query = world
    arrays = compile_world(onto, diseases)
    ic = information_content(arrays.clo_indptr, arrays.clo_terms, len(onto))
    result = similarity_scores(np.asarray(query, dtype=np.int32), method, ic, arrays)
    scores, best = result.scores, result.best
    anc = ancestors_of(onto)
    expected = [reference_set_score(method, query, d, anc, ic.tolist()) for d in diseases]
    np.testing.assert_allclose(scores, expected, atol=1e-9)
    assert method.measure is not None
    for qi, q in enumerate(query):
        for di, d in enumerate(diseases):
            ref = max(
                (reference_term_similarity(method.measure, q, t, anc, ic.tolist()) for t in d),
                default=0.0,
            )
            assert best[qi, di] == pytest.approx(ref, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(worlds())
def test_simgic_and_hits_match_reference(
    world: tuple[Ontology, list[list[int]], list[int]],
) -> None:
    onto, diseases, query = world
    arrays = compile_world(onto, diseases)
    ic = information_content(arrays.clo_indptr, arrays.clo_terms, len(onto))
    q = np.asarray(query, dtype=np.int32)
    anc = ancestors_of(onto)
    expected = [reference_simgic(query, d, anc, ic.tolist()) for d in diseases]
    np.testing.assert_allclose(simgic_scores(q, ic, arrays), expected, atol=1e-9)
    closures = [set().union(*(anc[t] for t in d)) if d else set() for d in diseases]
    assert closure_hits(q, arrays).tolist() == [sum(t in c for t in query) for c in closures]


def test_ic_subset_of_diseases() -> None:
    onto = build_ontology(
        [TermRecord("HP:0000001", "root"), TermRecord("HP:0000002", "a", parents=("HP:0000001",))],
        release="x",
    )
    arrays = compile_world(onto, [[1], [0], [0]])
    ic = information_content(arrays.clo_indptr, arrays.clo_terms, 2, np.array([0, 1]))
    assert ic.tolist() == pytest.approx([0.0, math.log(2)])


class TestPinnedValues:
    """Hand-computed values on the mini ontology (drawing in tests/conftest.py).

    Three diseases: A = {Chronic diarrhea, Eczema}, B = {Diarrhea}, C = {Recurrent infections}.
    Closure counts: root/Phenotypic abnormality 3; digestive, Diarrhea 2; Chronic diarrhea,
    skin, Eczema 1 (A); immune, Recurrent infections 1 (C).
    IC: Diarrhea = ln(3/2), Chronic diarrhea = Eczema = ln 3.
    """

    @pytest.fixture
    def world(self, mini_ontology: Ontology) -> tuple[Ontology, DiseaseArrays, np.ndarray]:
        ix = mini_ontology.index_of
        arrays = compile_world(
            mini_ontology,
            [[ix("HP:0002028"), ix("HP:0000964")], [ix("HP:0002014")], [ix("HP:0002719")]],
        )
        ic = information_content(arrays.clo_indptr, arrays.clo_terms, len(mini_ontology))
        return mini_ontology, arrays, ic

    def test_ic(self, world: tuple[Ontology, DiseaseArrays, np.ndarray]) -> None:
        onto, _, ic = world
        assert ic[onto.index_of("HP:0002014")] == pytest.approx(math.log(1.5))
        assert ic[onto.index_of("HP:0002028")] == pytest.approx(math.log(3))
        assert ic[onto.index_of("HP:0000118")] == pytest.approx(0.0)
        # Not carried by any disease: IC of a single-disease term.
        assert ic[onto.index_of("HP:0100651")] == pytest.approx(math.log(3))

    def test_resnik_onesided(self, world: tuple[Ontology, DiseaseArrays, np.ndarray]) -> None:
        onto, arrays, ic = world
        q = np.array([onto.index_of("HP:0002028"), onto.index_of("HP:0000964")], dtype=np.int32)
        scores = similarity_scores(q, Method.RESNIK_ONESIDED, ic, arrays).scores
        # A matches both exactly (ln 3 each); B shares Diarrhea with Chronic diarrhea
        # (ln 1.5) and nothing informative with Eczema; C shares only uninformative roots.
        assert scores.tolist() == pytest.approx([math.log(3), math.log(1.5) / 2, 0.0])

    def test_resnik_bma(self, world: tuple[Ontology, DiseaseArrays, np.ndarray]) -> None:
        onto, arrays, ic = world
        q = np.array([onto.index_of("HP:0002028")], dtype=np.int32)
        scores = similarity_scores(q, Method.RESNIK_BMA, ic, arrays).scores
        # A: p2d = ln 3; d2p = (ln 3 + 0) / 2.  B: p2d = d2p = ln 1.5.
        assert scores.tolist() == pytest.approx(
            [0.5 * (math.log(3) + math.log(3) / 2), math.log(1.5), 0.0]
        )

    def test_lin_and_jc(self, world: tuple[Ontology, DiseaseArrays, np.ndarray]) -> None:
        onto, arrays, ic = world
        q = np.array([onto.index_of("HP:0002028")], dtype=np.int32)
        lin = similarity_scores(q, Method.LIN_ONESIDED, ic, arrays).scores
        jc = similarity_scores(q, Method.JC_ONESIDED, ic, arrays).scores
        # B: Lin = 2 ln1.5 / (ln3 + ln1.5); JC = 1 / (1 + ln3 + ln1.5 - 2 ln1.5).
        l3, l15 = math.log(3), math.log(1.5)
        assert lin[1] == pytest.approx(2 * l15 / (l3 + l15))
        assert jc[1] == pytest.approx(1 / (1 + l3 - l15))
        assert lin[0] == pytest.approx(1.0)
        assert jc[0] == pytest.approx(1.0)

    def test_simgic(self, world: tuple[Ontology, DiseaseArrays, np.ndarray]) -> None:
        onto, arrays, ic = world
        q = np.array([onto.index_of("HP:0002014")], dtype=np.int32)
        # Query closure {root, PA, digestive, Diarrhea}: IC 0, 0, ln1.5, ln1.5.
        # B has the same closure: 1.  A adds Chronic diarrhea, skin, Eczema (ln 3 each).
        l3, l15 = math.log(3), math.log(1.5)
        assert simgic_scores(q, ic, arrays).tolist() == pytest.approx(
            [2 * l15 / (2 * l15 + 3 * l3), 1.0, 0.0]
        )

    def test_term_similarity_is_symmetric_and_matches_reference(
        self, world: tuple[Ontology, DiseaseArrays, np.ndarray]
    ) -> None:
        # The product's term measure on every pair of mini terms: symmetric, and equal to
        # the reference's.
        onto, _, ic = world
        anc = ancestors_of(onto)
        n = len(onto)
        for measure in TermMeasure:
            for a in range(n):
                for b in range(n):
                    mica = max(ic[x] for x in anc[a] & anc[b])
                    ab = float(term_similarity(measure, np.float64(mica), ic[a], ic[b]))
                    ba = float(term_similarity(measure, np.float64(mica), ic[b], ic[a]))
                    assert ab == pytest.approx(ba)
                    assert ab == pytest.approx(
                        reference_term_similarity(measure, a, b, anc, ic.tolist())
                    )


@st.composite
def penalty_worlds(
    draw: st.DrawFn,
) -> tuple[Ontology, list[dict[int, float]], list[list[int]], list[int], list[int]]:
    onto, diseases, query = draw(worlds())
    n = len(onto)
    freq = st.one_of(st.just(math.nan), st.floats(0.01, 1.0))
    present = [{t: draw(freq) for t in d} for d in diseases]
    absent = [draw(st.lists(st.integers(0, n - 1), max_size=3, unique=True)) for _ in diseases]
    excluded = draw(st.lists(st.integers(0, n - 1), max_size=4, unique=True))
    return onto, present, absent, query, excluded


@settings(max_examples=80, deadline=None)
@given(penalty_worlds())
def test_penalties_match_reference(
    world: tuple[Ontology, list[dict[int, float]], list[list[int]], list[int], list[int]],
) -> None:
    from xpid.scoring.penalties import absence_penalty, exclusion_penalty
    from xpid.scoring.reference import reference_absence_penalty, reference_exclusion_penalty

    onto, present, absent, query, excluded = world
    arrays = build_disease_arrays(
        onto.ancestor_indptr,
        onto.ancestor_indices,
        [sorted(p.items()) for p in present],
        absent,
    )
    units = np.linspace(0.5, 2.0, len(onto))
    anc = ancestors_of(onto)
    ex = np.asarray(excluded, dtype=np.int32)
    total, _ = exclusion_penalty(
        ex,
        units[ex],
        arrays,
        onto.descendant_indptr,
        onto.descendant_indices,
        unknown_probability=0.5,
    )
    expected = [
        reference_exclusion_penalty(excluded, units[ex].tolist(), p, anc, 0.5) for p in present
    ]
    np.testing.assert_allclose(total, expected, atol=1e-9)
    q = np.asarray(query, dtype=np.int32)
    total_abs, _ = absence_penalty(q, units, arrays)
    expected_abs = [
        reference_absence_penalty(query, units.tolist(), set(a), set(p), anc)
        for a, p in zip(absent, present, strict=True)
    ]
    np.testing.assert_allclose(total_abs, expected_abs, atol=1e-9)


@settings(max_examples=80, deadline=None)
@given(penalty_worlds(), st.floats(0.1, 0.9), st.floats(0.0, 1.0), st.floats(0.5, 3.0))
def test_likelihood_ratios_match_reference(
    world: tuple[Ontology, list[dict[int, float]], list[list[int]], list[int], list[int]],
    unknown: float,
    weight: float,
    beta: float,
) -> None:
    from xpid.scoring.likelihood import LrParameters, excluded_log_lr, present_log_lr
    from xpid.scoring.reference import reference_excluded_log_lr, reference_present_log_lr

    onto, present, absent, query, excluded = world
    arrays = build_disease_arrays(
        onto.ancestor_indptr,
        onto.ancestor_indices,
        [sorted(p.items()) for p in present],
        absent,
    )
    ic = information_content(arrays.clo_indptr, arrays.clo_terms, len(onto))
    params = LrParameters(
        unknown_frequency=unknown,
        excluded_unknown_frequency=unknown,
        excluded_weight=weight,
        specificity_exponent=beta,
    )
    anc = ancestors_of(onto)
    plr = present_log_lr(np.asarray(query, dtype=np.int32), ic, arrays, params).log_lr
    for qi, h in enumerate(query):
        expected = [
            reference_present_log_lr(
                h,
                p,
                set(a),
                anc,
                ic.tolist(),
                false_positive=params.false_positive,
                unknown_frequency=unknown,
                absent_probability=params.absent_probability,
                beta=beta,
            )
            for p, a in zip(present, absent, strict=True)
        ]
        np.testing.assert_allclose(plr[qi], expected, atol=1e-9)
    xlr, _ = excluded_log_lr(np.asarray(excluded, dtype=np.int32), ic, arrays, params)
    for ei, e in enumerate(excluded):
        expected = [
            reference_excluded_log_lr(
                e,
                p,
                anc,
                ic.tolist(),
                false_positive=params.false_positive,
                unknown_frequency=unknown,
                min_miss=params.min_miss,
                weight=weight,
            )
            for p in present
        ]
        np.testing.assert_allclose(xlr[ei], expected, atol=1e-9)


def test_likelihood_pinned_values(mini_ontology: Ontology) -> None:
    """Diseases A = {Chronic diarrhea 1.0}, B = {Diarrhea 0.5}, C = {Recurrent infections}.

    IC(Chronic diarrhea) = ln 3, IC(Diarrhea) = ln 1.5. With eps = 0: a patient with
    Chronic diarrhea has LR = 1 / (1/3) = 3 for A and, for B (the patient more specific),
    P = 0.5 * exp(ln1.5 - ln3) = 0.25, LR = 0.75.
    """
    from xpid.scoring.likelihood import LrParameters, present_log_lr

    ix = mini_ontology.index_of
    arrays = build_disease_arrays(
        mini_ontology.ancestor_indptr,
        mini_ontology.ancestor_indices,
        [[(ix("HP:0002028"), 1.0)], [(ix("HP:0002014"), 0.5)], [(ix("HP:0002719"), 1.0)]],
        [[], [], []],
    )
    ic = information_content(arrays.clo_indptr, arrays.clo_terms, len(mini_ontology))
    plr = present_log_lr(
        np.array([ix("HP:0002028")], dtype=np.int32),
        ic,
        arrays,
        LrParameters(false_positive=0.0, specificity_exponent=1.0),
    ).log_lr
    assert np.exp(plr[0, :2]).tolist() == pytest.approx([3.0, 0.75])
    # C shares only the root (IC 0) with the finding: P = 1 * exp(0 - ln 3), LR = 1.
    assert np.exp(plr[0, 2]) == pytest.approx(1.0)


@settings(max_examples=80, deadline=None)
@given(worlds(), st.sampled_from(TERM_METHODS))
def test_similarity_matches_are_the_reference_best_match(
    world: tuple[Ontology, list[list[int]], list[int]], method: Method
) -> None:
    # The match a kernel names for each finding attains the finding's best term similarity,
    # and on a tie it is the annotation closest to the finding, then the first.
    from xpid.scoring.matches import NO_MATCH
    from xpid.scoring.reference import reference_best_match

    onto, diseases, query = world
    arrays = compile_world(onto, diseases)
    ic = information_content(arrays.clo_indptr, arrays.clo_terms, len(onto))
    result = similarity_scores(np.asarray(query, dtype=np.int32), method, ic, arrays, matches=True)
    plain = similarity_scores(np.asarray(query, dtype=np.int32), method, ic, arrays)
    np.testing.assert_array_equal(result.scores, plain.scores)  # matches change no score
    assert result.match is not None and result.relation is not None
    assert method.measure is not None
    anc = ancestors_of(onto)
    for qi, q in enumerate(query):
        for di, d in enumerate(diseases):
            values = {
                t: reference_term_similarity(method.measure, q, t, anc, ic.tolist()) for t in d
            }
            expected = reference_best_match(q, values, anc)
            if expected is None:
                assert result.match[qi, di] == NO_MATCH
                continue
            assert (int(result.match[qi, di]), int(result.relation[qi, di])) == expected
            assert values[expected[0]] == pytest.approx(result.best[qi, di], abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(penalty_worlds(), st.floats(0.1, 0.9), st.floats(0.5, 3.0))
def test_likelihood_matches_are_the_reference_best_match(
    world: tuple[Ontology, list[dict[int, float]], list[list[int]], list[int], list[int]],
    unknown: float,
    beta: float,
) -> None:
    # The annotation the lr kernel names for a finding is the one whose
    # ln f(d) + beta * IC(MICA) is the kernel's match_log (the closest on a tie); none where
    # the disease is annotated as lacking the finding.
    from xpid.scoring.likelihood import LrParameters, present_log_lr
    from xpid.scoring.matches import NO_MATCH
    from xpid.scoring.reference import (
        reference_best_match,
        reference_lr_match_value,
        reference_term_similarity,
    )

    onto, present, absent, query, _ = world
    arrays = build_disease_arrays(
        onto.ancestor_indptr,
        onto.ancestor_indices,
        [sorted(p.items()) for p in present],
        absent,
    )
    ic = information_content(arrays.clo_indptr, arrays.clo_terms, len(onto))
    params = LrParameters(unknown_frequency=unknown, specificity_exponent=beta)
    q = np.asarray(query, dtype=np.int32)
    result = present_log_lr(q, ic, arrays, params, matches=True)
    np.testing.assert_array_equal(result.log_lr, present_log_lr(q, ic, arrays, params).log_lr)
    assert result.match is not None and result.relation is not None
    assert result.match_ic is not None
    anc = ancestors_of(onto)
    for qi, h in enumerate(query):
        for di, (p, a) in enumerate(zip(present, absent, strict=True)):
            shows = any(h in anc[d] for d in p)
            lacking = not shows and any(x in anc[h] for x in a)
            assert bool(result.lacking[qi, di]) == lacking
            values = {
                d: reference_lr_match_value(
                    h, d, f, anc, ic.tolist(), unknown_frequency=unknown, beta=beta
                )
                for d, f in p.items()
            }
            expected = None if lacking else reference_best_match(h, values, anc)
            if expected is None:
                assert result.match[qi, di] == NO_MATCH
                continue
            assert (int(result.match[qi, di]), int(result.relation[qi, di])) == expected
            assert values[expected[0]] == pytest.approx(result.match_log[qi, di], abs=1e-9)
            assert result.match_ic[qi, di] == pytest.approx(
                reference_term_similarity(TermMeasure.RESNIK, h, expected[0], anc, ic.tolist())
            )
