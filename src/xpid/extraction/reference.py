"""Slow, obviously-correct references for the fast extraction code, used by the tests only.

:func:`assign_assertion_reference` is the NegEx/ConText rule written as plainly as possible:
for one mention it walks every trigger of the sentence and counts every word between. Its
cost is O(t · n) per mention (t triggers, n words), O(m · t · n) for a sentence, which is
why :class:`xpid.extraction.assertion.AssertionScope` exists; the tests check that both give
the same assertion on hand-written and generated sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

from xpid.extraction.assertion import _AFTER, _BEFORE, _PRIORITY
from xpid.extraction.lexicon import Trigger, TriggerKind
from xpid.extraction.matcher import Match
from xpid.extraction.model import Assertion

__all__ = ["assign_assertion_reference"]


def _distance(start: int, stop: int, covered: Sequence[bool]) -> int:
    """Words in ``[start, stop)`` that are not part of a finding."""
    return sum(1 for k in range(start, stop) if not covered[k])


def assign_assertion_reference(
    mention: Match, triggers: Sequence[Match], covered: Sequence[bool]
) -> tuple[Assertion, str | None]:
    """The assertion of one mention: the nearest applicable trigger before it (walking back
    until a termination) within its window, likewise after it; family beats negation,
    which beats uncertainty. Same contract as
    :meth:`xpid.extraction.assertion.AssertionScope.assertion`.
    """
    i, j, _ = mention
    hits: dict[Assertion, str] = {}
    for _ti, tj, trig in reversed([t for t in triggers if t[1] <= i]):
        assert isinstance(trig, Trigger)
        if trig.kind is TriggerKind.TERMINATE:
            break
        target = _BEFORE.get(trig.kind)
        if target is not None and _distance(tj, i, covered) <= trig.window:
            hits.setdefault(target, trig.phrase)
    for ti, _tj, trig in (t for t in triggers if t[0] >= j):
        assert isinstance(trig, Trigger)
        if trig.kind is TriggerKind.TERMINATE:
            break
        target = _AFTER.get(trig.kind)
        if target is not None and _distance(j, ti, covered) <= trig.window:
            hits.setdefault(target, trig.phrase)
    for assertion in _PRIORITY:
        if assertion in hits:
            return assertion, hits[assertion]
    return Assertion.PRESENT, None
