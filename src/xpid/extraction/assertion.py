"""Assertion of a mention from the triggers of its sentence (NegEx/ConText rule).

A trigger before a mention applies when at most ``window`` words that are not themselves
findings lie between them and no termination word ("but", "however", ...) intervenes;
likewise for a trigger after. Family beats negation, which beats uncertainty.

References
----------
Chapman WW et al. A simple algorithm for identifying negated findings and diseases in
discharge summaries. J Biomed Inform 34:301–310, 2001 (NegEx).
Harkema H et al. ConText: an algorithm for determining negation, experiencer, and temporal
status from clinical reports. J Biomed Inform 42:839–851, 2009.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from xpid.extraction.lexicon import Trigger, TriggerKind
from xpid.extraction.matcher import Match
from xpid.extraction.model import Assertion

__all__ = ["AssertionScope", "assign_assertion"]

_BEFORE = {
    TriggerKind.FAMILY_BEFORE: Assertion.OTHER_PERSON,
    TriggerKind.NEGATION_BEFORE: Assertion.EXCLUDED,
    TriggerKind.UNCERTAIN_BEFORE: Assertion.UNCERTAIN,
}
_AFTER = {
    TriggerKind.FAMILY_AFTER: Assertion.OTHER_PERSON,
    TriggerKind.NEGATION_AFTER: Assertion.EXCLUDED,
    TriggerKind.UNCERTAIN_AFTER: Assertion.UNCERTAIN,
}
_PRIORITY = (Assertion.OTHER_PERSON, Assertion.EXCLUDED, Assertion.UNCERTAIN)


class AssertionScope:
    """The assertion triggers of one sentence, ready to be asked about each mention.

    Built once per sentence in time linear in its length; each :meth:`assertion` then costs
    O(w), ``w`` the largest trigger window (at most ``w + 2`` triggers on each side are
    looked at: every trigger lies outside the findings, so each one further away adds at
    least one word to the distance). The result equals that of the plain reference
    :func:`xpid.extraction.reference.assign_assertion_reference`, which walks every trigger
    and counts every word for every mention (tested against it).

    Parameters
    ----------
    triggers
        Trigger matches ``(i, j, Trigger)`` of the sentence, ordered, non-overlapping, none
        inside a finding.
    covered
        Per token of the text, whether it lies inside a finding (findings in a list do not
        count towards a trigger's window: "no fever, rash, diarrhoea or vomiting").
    start, stop
        The sentence's token range; every trigger and mention lies inside it.
    """

    __slots__ = ("_triggers", "_start", "_free", "_last_before", "_first_after", "_reach")

    def __init__(
        self, triggers: Sequence[Match], covered: Sequence[bool], start: int, stop: int
    ) -> None:
        self._triggers = triggers
        self._start = start
        free = [0] * (stop - start + 1)
        for k in range(start, stop):
            free[k - start + 1] = free[k - start] + (0 if covered[k] else 1)
        self._free = free
        # _last_before[p]: number of triggers ending at or before token start + p;
        # _first_after[p]: index of the first trigger starting at or after it.
        last_before = [0] * (stop - start + 1)
        first_after = [len(triggers)] * (stop - start + 1)
        t = 0
        for p in range(stop - start + 1):
            while t < len(triggers) and triggers[t][1] <= start + p:
                t += 1
            last_before[p] = t
        t = len(triggers)
        for p in range(stop - start, -1, -1):
            while t > 0 and triggers[t - 1][0] >= start + p:
                t -= 1
            first_after[p] = t
        self._last_before = last_before
        self._first_after = first_after
        self._reach = max((_trigger(t[2]).window for t in triggers), default=0)

    def _distance(self, start: int, stop: int) -> int:
        """Words in ``[start, stop)`` that are not part of a finding."""
        return self._free[stop - self._start] - self._free[start - self._start]

    def _collect(
        self,
        order: range,
        hits: dict[Assertion, str],
        targets: dict[TriggerKind, Assertion],
        distance_to: Callable[[int, int], int],
    ) -> None:
        """Walk the triggers in ``order`` (nearest first) until a termination or one beyond
        every window (every later one is at least as far), keeping the first hit of each
        assertion."""
        for k in order:
            ti, tj, payload = self._triggers[k]
            trig = _trigger(payload)
            if trig.kind is TriggerKind.TERMINATE:
                break
            distance = distance_to(ti, tj)
            if distance > self._reach:
                break
            target = targets.get(trig.kind)
            if target is not None and distance <= trig.window:
                hits.setdefault(target, trig.phrase)

    def assertion(self, mention: Match) -> tuple[Assertion, str | None]:
        """The assertion of one mention and the trigger phrase that set it (``None`` for
        present): the nearest applicable trigger before it, walking back until a
        termination, and likewise after it. Family beats negation, which beats uncertainty.
        """
        i, j, _ = mention
        hits: dict[Assertion, str] = {}
        before = range(self._last_before[i - self._start] - 1, -1, -1)
        self._collect(before, hits, _BEFORE, lambda ti, tj: self._distance(tj, i))
        after = range(self._first_after[j - self._start], len(self._triggers))
        self._collect(after, hits, _AFTER, lambda ti, tj: self._distance(j, ti))
        for assertion in _PRIORITY:
            if assertion in hits:
                return assertion, hits[assertion]
        return Assertion.PRESENT, None


def _trigger(payload: object) -> Trigger:
    assert isinstance(payload, Trigger)
    return payload


def assign_assertion(
    mention: Match, triggers: Sequence[Match], covered: Sequence[bool]
) -> tuple[Assertion, str | None]:
    """The assertion of one mention from the triggers of its sentence.

    A convenience for one mention: it builds an :class:`AssertionScope` over the span from
    the first trigger or the mention to the last, so it costs time linear in that span;
    :func:`extract_findings` builds one scope per sentence instead.

    Parameters
    ----------
    mention
        ``(i, j, payload)`` token range of the finding.
    triggers
        Trigger matches of the same sentence, ordered, not inside any finding.
    covered
        Per token of the text, whether it lies inside a finding.

    Returns
    -------
    The assertion and the trigger phrase that set it (``None`` for present).
    """
    start = min([mention[0], *(t[0] for t in triggers[:1])])
    stop = max([mention[1], *(t[1] for t in triggers[-1:])])
    return AssertionScope(triggers, covered, start, stop).assertion(mention)
