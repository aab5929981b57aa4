"""The linear assertion step gives the same answers as the plain reference (issue 13).

:class:`~xpid.extraction.extract.AssertionScope` replaced a per-mention walk over every
trigger that counted every word (quadratic on a long sentence full of triggers). These tests
check it against :func:`~xpid.extraction.reference.assign_assertion_reference` on generated
sentences, and check that whole extractions are unchanged on ordinary text: the fixture
notes, the unit-test sentences and (when ``../shared`` is there) the annotated corpora. Speed
is measured in ``benchmarks/extraction_worst_case.py``, never here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xpid.extraction.extract as extract_module
from xpid.extraction import Language, Lexicon, extract_findings, load_lexicon
from xpid.extraction.assertion import AssertionScope, assign_assertion
from xpid.extraction.lexicon import Trigger, TriggerKind
from xpid.extraction.matcher import Match
from xpid.extraction.model import Assertion
from xpid.extraction.reference import assign_assertion_reference
from xpid.ontology import Ontology, load_ontology

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SHARED = Path(__file__).resolve().parents[4] / "shared"


@st.composite
def sentences(draw: st.DrawFn) -> tuple[list[Match], list[bool], list[Match], int]:
    """A sentence of up to 40 tokens: findings (covered tokens), triggers between them."""
    n = draw(st.integers(1, 40))
    covered = [False] * n
    mentions: list[Match] = []
    triggers: list[Match] = []
    k = 0
    while k < n:
        roll = draw(st.integers(0, 3))
        length = min(draw(st.integers(1, 3)), n - k)
        if roll == 0:
            for p in range(k, k + length):
                covered[p] = True
            mentions.append((k, k + length, None))
        elif roll == 1:
            kind = draw(st.sampled_from(list(TriggerKind)))
            window = draw(st.integers(0, 9))
            triggers.append((k, k + length, Trigger(f"t{k}", kind, window)))
        k += length
    return mentions, covered, triggers, n


@settings(max_examples=400, deadline=None)
@given(sentences())
def test_scope_equals_the_reference(
    sentence: tuple[list[Match], list[bool], list[Match], int],
) -> None:
    mentions, covered, triggers, n = sentence
    scope = AssertionScope(triggers, covered, 0, n)
    for mention in mentions:
        expected = assign_assertion_reference(mention, triggers, covered)
        assert scope.assertion(mention) == expected
        assert assign_assertion(mention, triggers, covered) == expected


def test_a_trigger_far_beyond_the_windows_is_not_reached() -> None:
    """The walk stops at the first trigger beyond every window; the answer is still right."""
    neg = Trigger("no", TriggerKind.NEGATION_BEFORE, 6)
    n = 5000
    triggers: list[Match] = [(k, k + 1, neg) for k in range(n - 1)]
    covered = [False] * (n - 1) + [True]
    mention: Match = (n - 1, n, None)
    scope = AssertionScope(triggers, covered, 0, n)
    assert scope.assertion(mention) == (Assertion.EXCLUDED, "no")
    assert scope.assertion(mention) == assign_assertion_reference(mention, triggers, covered)


class _ReferenceScope:
    """Stands in for AssertionScope: answers with the reference rule."""

    def __init__(
        self, triggers: Sequence[Match], covered: Sequence[bool], start: int, stop: int
    ) -> None:
        self.triggers = list(triggers)
        self.covered = covered

    def assertion(self, mention: Match) -> tuple[Assertion, str | None]:
        return assign_assertion_reference(mention, self.triggers, self.covered)


def _same_extraction(
    texts: Sequence[str], lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> int:
    fast = [extract_findings(text, lexicon) for text in texts]
    with monkeypatch.context() as patch:
        patch.setattr(extract_module, "AssertionScope", _ReferenceScope)
        slow = [extract_findings(text, lexicon) for text in texts]
    assert fast == slow
    return sum(len(e.mentions) for e in fast)


def test_unit_sentences_extract_as_with_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    onto = load_ontology(FIXTURES / "extraction" / "hp.obo", use_cache=False)
    lexicon = load_lexicon(onto, lang=Language.en, use_cache=False)
    texts = [
        "No diarrhoea, eczema or seizures; but hypotonia. Father has microcephaly.",
        "Possible splenomegaly. Eczema was absent. Diarrhea was not seen but eczema was.",
        "Family history of diabetes mellitus in his mother, no recurrent infections.",
        "The patient denies chronic diarrhea however seizures were excluded later.",
    ]
    assert _same_extraction(texts, lexicon, monkeypatch) >= 12


@pytest.mark.bundled
def test_notes_extract_as_with_the_reference(
    bundled_ontology: Ontology, bundled_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = load_lexicon(bundled_ontology, lang=Language.en, cache_dir=bundled_cache)
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "notes").glob("*.txt"))]
    assert _same_extraction(texts, lexicon, monkeypatch) > 20


@pytest.mark.bundled
@pytest.mark.shared
@pytest.mark.parametrize("corpus", ["ID-68", "GeneReviews"])
def test_corpora_extract_as_with_the_reference(
    bundled_ontology: Ontology, bundled_cache: Path, monkeypatch: pytest.MonkeyPatch, corpus: str
) -> None:
    directory = SHARED / "corpora" / corpus / "corpus"
    if not directory.is_dir():
        pytest.skip(f"{directory} is absent")
    lexicon = load_lexicon(bundled_ontology, lang=Language.en, cache_dir=bundled_cache)
    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.iterdir())]
    assert _same_extraction(texts, lexicon, monkeypatch) > 200
