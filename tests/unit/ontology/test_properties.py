"""Hypothesis properties of the compiled index on generated ontologies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xpid.ontology import Ontology, TermRecord, build_ontology, resolve_term


@st.composite
def record_lists(draw: st.DrawFn) -> list[TermRecord]:
    """Records of a random rooted DAG: term k's parents are drawn from terms 0..k-1."""
    n = draw(st.integers(min_value=1, max_value=25))
    records = [TermRecord("HP:0000001", "root term")]
    for k in range(1, n):
        parents = draw(
            st.lists(st.integers(min_value=0, max_value=k - 1), min_size=1, max_size=3, unique=True)
        )
        records.append(
            TermRecord(
                f"HP:{k + 1:07d}",
                f"term number {k}",
                parents=tuple(f"HP:{p + 1:07d}" for p in parents),
            )
        )
    return list(draw(st.permutations(records)))


def ontologies() -> st.SearchStrategy[Ontology]:
    return record_lists().map(lambda records: build_ontology(records, release="generated"))


def closure_by_walking(records: list[TermRecord]) -> dict[str, set[str]]:
    """Every term's ancestors (itself included) by walking the records' parent ids."""
    parents = {r.id: r.parents for r in records}
    out: dict[str, set[str]] = {}
    for start in parents:
        seen, stack = {start}, [start]
        while stack:
            for p in parents[stack.pop()]:
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        out[start] = seen
    return out


@settings(max_examples=60, deadline=None)
@given(record_lists())
def test_closures_equal_the_walked_parents(records: list[TermRecord]) -> None:
    onto = build_ontology(records, release="generated")
    expected = closure_by_walking(records)
    for term_id, ancestors in expected.items():
        i = onto.index_of(term_id)
        assert {onto.ids[a] for a in onto.ancestors(i).tolist()} == ancestors
        descendants = {t for t, anc in expected.items() if term_id in anc}
        assert {onto.ids[d] for d in onto.descendants(i).tolist()} == descendants
        assert {onto.ids[p] for p in onto.parents(i).tolist()} == set(
            next(r.parents for r in records if r.id == term_id)
        )


@settings(max_examples=60, deadline=None)
@given(ontologies())
def test_ancestors_include_parents_ancestors(onto: Ontology) -> None:
    for i in range(len(onto)):
        anc = set(onto.ancestors(i).tolist())
        assert i in anc
        for p in onto.parents(i).tolist():
            assert set(onto.ancestors(p).tolist()) <= anc


@settings(max_examples=60, deadline=None)
@given(ontologies())
def test_every_term_reaches_the_root(onto: Ontology) -> None:
    root = onto.index_of("HP:0000001")
    for i in range(len(onto)):
        assert root in onto.ancestors(i).tolist()
        assert onto.depth[i] >= 0
    assert onto.depth[root] == 0


@settings(max_examples=60, deadline=None)
@given(ontologies())
def test_descendants_are_the_transpose_of_ancestors(onto: Ontology) -> None:
    for i in range(len(onto)):
        for d in onto.descendants(i).tolist():
            assert onto.is_ancestor(i, d)
        for c in onto.children(i).tolist():
            assert i in onto.parents(c).tolist()


@settings(max_examples=60, deadline=None)
@given(ontologies())
def test_index_round_trips_and_resolution_is_idempotent(onto: Ontology) -> None:
    for i, term_id in enumerate(onto.ids):
        assert onto.index_of(term_id) == i
        resolved = resolve_term(onto, term_id)
        assert resolved.index == i
        assert resolve_term(onto, resolved.id) == resolve_term(onto, term_id)
        assert resolve_term(onto, resolved.label).id == term_id
