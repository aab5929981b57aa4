"""The packed (cached) form of a store gives back every profile exactly."""

from __future__ import annotations

import pickle

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from xpid.annotations import Gene, parse_frequency
from xpid.profiles import (
    Annotation,
    AnnotationSource,
    DiseaseProfile,
    Origin,
    PackedStore,
    Panel,
    ProfileStore,
    RelatedDisease,
    Relation,
    Status,
)
from xpid.profiles.model import annotation_frequency, sort_annotations
from xpid.profiles.packed import pack_profiles
from xpid.sex import Sex

TERMS = ("HP:0002014", "HP:0002028", "HP:0000964", "HP:0100651", "HP:0002719")
FREQUENCIES = ("", "1/2", "0/5", "25%", "HP:0040281", "HP:0040285")
words = st.text(alphabet="abc ;:é", max_size=6)

sources = st.builds(
    AnnotationSource,
    st.sampled_from(list(Origin)),
    words,
    st.sampled_from(FREQUENCIES).map(parse_frequency),
    words,
)


@st.composite
def profiles(draw: st.DrawFn, disease_id: str) -> DiseaseProfile:
    keys = draw(
        st.lists(st.tuples(st.sampled_from(TERMS), st.sampled_from(list(Status))), unique=True)
    )
    annotations = []
    for term, status in keys:
        found = tuple(draw(st.lists(sources, min_size=1, max_size=3)))
        onset = draw(st.none() | st.just("HP:0003593"))
        annotations.append(
            Annotation(term, status, annotation_frequency(found), onset, found, draw(words))
        )
    return DiseaseProfile(
        id=disease_id,
        name=draw(words),
        synonyms=tuple(draw(st.lists(words, max_size=2))),
        genes=tuple(sorted(draw(st.lists(st.builds(Gene, words, words), max_size=2)))),
        inheritance=tuple(draw(st.lists(st.sampled_from(("HP:0001419", "HP:0000007"))))),
        onset=tuple(draw(st.lists(st.sampled_from(("HP:0003593", "HP:0003581"))))),
        sex=draw(st.sampled_from(list(Sex))),
        annotations=sort_annotations(annotations),
        curated=draw(st.booleans()),
        related=tuple(
            draw(st.lists(st.builds(RelatedDisease, words, st.just(Relation.ALLELIC), words)))
        ),
        database=disease_id.split(":")[0],
        clinical_course=tuple(draw(st.lists(st.just("HP:0003676"), max_size=1))),
    )


@st.composite
def profile_sets(draw: st.DrawFn) -> list[DiseaseProfile]:
    n = draw(st.integers(0, 4))
    return [draw(profiles(f"OMIM:{i}")) for i in range(n)]


@settings(max_examples=60, deadline=None)
@given(profile_sets())
def test_every_profile_and_fact_comes_back(found: list[DiseaseProfile]) -> None:
    panel = Panel("p", "P", "", tuple(p.id for p in found))
    packed = pack_profiles(
        found,
        hpoa_version="v",
        profile_set_version="s",
        key="k",
        panels=[panel],
        unmatched_curated=("OMIM:9",),
    )
    packed = pickle.loads(pickle.dumps(packed))  # as the cache stores it
    assert isinstance(packed, PackedStore)
    store = ProfileStore(packed)
    assert store.profiles == tuple(found) and store.ids == tuple(p.id for p in found)
    assert (store.hpoa_version, store.key, store.unmatched_curated) == ("v", "k", ("OMIM:9",))
    assert store.panels == {"p": panel}
    table = store.annotation_table()
    assert table.indptr.tolist() == np.cumsum([0] + [len(p.annotations) for p in found]).tolist()
    flat = [a for p in found for a in p.annotations]
    assert table.term_ids == tuple(a.term_id for a in flat)
    assert table.excluded.tolist() == [a.status is Status.EXCLUDED for a in flat]
    probability = [a.frequency.probability for a in flat]
    expected = np.array([np.nan if q is None else q for q in probability], dtype=np.float64)
    np.testing.assert_array_equal(table.probability, expected)
    for p in found:
        header = store.header(p.id)
        assert header is not None
        assert (header.name, header.genes, header.curated) == (
            p.name,
            tuple(g.symbol for g in p.genes),
            p.curated,
        )
        assert (header.n_present, header.n_excluded) == (len(p.present()), len(p.excluded()))
    shown = {p.id for p in found if p.annotation("HP:0002014") is not None}
    assert set(store.diseases_with_any({"HP:0002014"})) == shown
