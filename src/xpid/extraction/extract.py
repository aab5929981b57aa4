"""Free text → HPO mentions with assertions (present, excluded, uncertain, someone else's).

Pipeline, all pure functions over one text:

1. :func:`~xpid.extraction.tokens.tokenize_with_offsets`: normalised tokens with offsets;
2. :func:`sentence_bounds`: sentences as token ranges (``.``, ``!``, ``?``, ``;`` followed by
   white space, a blank line, a line break before a capital or a bullet);
3. per sentence, term phrases and trigger phrases are matched longest-leftmost
   (:func:`~xpid.extraction.matcher.find_matches`); a trigger inside a term phrase is
   part of the term ("absent thumb" is a finding, not a negation);
4. :func:`assign_assertion`, a NegEx/ConText-style rule: a trigger before a mention
   applies when at most ``window`` words that are not themselves findings lie between
   them and no termination word ("but", "however", ...) intervenes; likewise for a trigger
   after. Family beats negation, which beats uncertainty.

References
----------
Chapman WW et al. A simple algorithm for identifying negated findings and diseases in
discharge summaries. J Biomed Inform 34:301–310, 2001 (NegEx).
Harkema H et al. ConText: an algorithm for determining negation, experiencer, and temporal
status from clinical reports. J Biomed Inform 42:839–851, 2009.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from xpid.extraction.lexicon import Lexicon, TermEntry, Trigger, TriggerKind
from xpid.extraction.matcher import END, Match, find_matches
from xpid.extraction.model import Assertion, Extraction, Mention
from xpid.extraction.tokens import Tokens, tokenize_with_offsets

__all__ = ["extract_findings", "findings_for_ranking", "sentence_bounds", "assign_assertion"]

_BREAK = re.compile(r"[.!?;]\s|\n[ \t]*\n|\n[ \t]*[-•*·–]|(?P<line>\n[ \t]*)")

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


def sentence_bounds(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """Sentences of ``text`` as ``(first token, one past the last token)`` ranges.

    A sentence ends at ``.``, ``!``, ``?`` or ``;`` followed by white space (not ``2.5``),
    at a blank line, at a line break followed by a bullet, and at a line break followed by
    a capital letter (headings and list lines).
    """
    n = len(tokens)
    if not n:
        return []
    cuts: set[int] = set()
    for match in _BREAK.finditer(text):
        end = match.end()
        if match.group().startswith("\n") and match.lastgroup == "line":
            if end >= len(text) or not text[end].isupper():
                continue
        k = bisect_left(tokens.starts, end)
        if 0 < k < n:
            cuts.add(k)
    edges = [0, *sorted(cuts), n]
    return [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]


def _distance(start: int, stop: int, covered: Sequence[bool]) -> int:
    """Words in ``[start, stop)`` that are not part of a finding."""
    return sum(1 for k in range(start, stop) if not covered[k])


def assign_assertion(
    mention: Match, triggers: Sequence[Match], covered: Sequence[bool]
) -> tuple[Assertion, str | None]:
    """The assertion of one mention from the triggers of its sentence.

    Parameters
    ----------
    mention
        ``(i, j, payload)`` token range of the finding.
    triggers
        Trigger matches of the same sentence, ordered, not inside any finding.
    covered
        Per token of the text, whether it lies inside a finding (findings in a list do not
        count towards a trigger's window: "no fever, rash, diarrhoea or vomiting").

    Returns
    -------
    The assertion and the trigger phrase that set it (``None`` for present).
    """
    i, j, _ = mention
    hits: dict[Assertion, str] = {}
    # Nearest trigger before, walking back until a termination.
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


_SLACK = 2
"""Extra words an order-free match may span ("thinning of the corpus callosum")."""


_BARRIER = re.compile(r"[,:;()\[\]]")
"""Punctuation that an order-free match may not span ("face, large ears" is not "large face")."""


def _loose_matches(
    text: str,
    tokens: Tokens,
    lexicon: Lexicon,
    covered: list[bool],
    start: int,
    stop: int,
) -> list[Match]:
    """Order-free matches of multi-word phrases among the words no exact match took.

    A phrase of ``n`` distinct words matches when all of them occur, uncovered, within a
    span of at most ``n + 2`` words of one sentence that holds no other finding and no
    comma, colon or bracket.
    """
    words = tokens.words
    out: list[Match] = []
    present = set(words[start:stop])
    for k in range(start, stop):
        if covered[k]:
            continue
        candidates = lexicon.bags.get(words[k])
        if not candidates:
            continue
        for bag, slot, size in candidates:
            if not bag <= present:
                continue
            lo, hi = max(start, k - size - _SLACK + 1), min(stop, k + size + _SLACK)
            positions: dict[str, int] = {}
            for p in range(lo, hi):
                w = words[p]
                if w in bag and not covered[p]:
                    if w not in positions or abs(p - k) < abs(positions[w] - k):
                        positions[w] = p
            if len(positions) != size:
                continue
            i, j = min(positions.values()), max(positions.values()) + 1
            if j - i > size + _SLACK or any(
                covered[p] or words[p] in lexicon.gaps for p in range(i, j)
            ):
                continue
            if _BARRIER.search(text, tokens.ends[i], tokens.starts[j - 1]):
                continue
            for p in range(i, j):
                covered[p] = True
            out.append((i, j, TermEntry(slot, False)))
            break
    return out


_MAX_CONJUNCTS = 4


def _lookup(trie: dict[str, object], key: Sequence[str]) -> object:
    node: object = trie
    for word in key:
        if not isinstance(node, dict):
            return None
        node = node.get(word)
        if node is None:
            return None
    return node.get(END) if isinstance(node, dict) else None


def _written_in_capitals(surface: str) -> bool:
    """Whether an abbreviation is written as one: its short words in capitals.

    Words of up to four letters (a plural "s" aside) must be capitals and at least one
    word must be: "ASD", "recurrent UTIs", but not "asd" or "Asd".
    """
    words = [w[:-1] if len(w) > 2 and w.endswith("s") else w for w in _WORDS.findall(surface)]
    return any(len(w) >= 2 and w.isupper() for w in words) and all(
        w.isupper() for w in words if len(w) <= 4
    )


_WORDS = re.compile(r"[^\W\d_]+")


def _plain(payload: object) -> bool:
    """A phrase as written (not a generated word order), fit for coordination."""
    return isinstance(payload, TermEntry) and not payload.reordered


def _coordinated(
    text: str,
    tokens: Tokens,
    lexicon: Lexicon,
    found: Sequence[Match],
    covered: list[bool],
    accept: Callable[[int, int, object], bool],
    start: int,
    stop: int,
) -> list[Match]:
    """Findings named by distributing a coordinated word over a matched phrase.

    Left: "axial and appendicular hypotonia", "mild-to-severe intellectual disability" and
    "periventricular, thalamic and perirolandic white matter changes" put each conjunct
    before the phrase ("periventricular white matter changes") or in the place of its first
    word ("axial hypotonia"); right: "hypoplastic thumbs and halluces" puts
    the conjunct in the place of its last word ("hypoplastic halluces"). A conjunct is one
    word that no other finding took, joined by a conjunction (the lexicon's ``conjunction``
    rows: "and", "or", "to", "nor") or a comma; the new mention spans the coordination.
    """
    words = tokens.words
    out: list[Match] = []
    for i, j, _ in found:
        if j - i < 2:
            continue
        position = i
        for _ in range(_MAX_CONJUNCTS):
            if position - 2 >= start and words[position - 1] in lexicon.conjunctions:
                candidate = position - 2
            elif (
                position - 1 >= start
                and "," in text[tokens.ends[position - 1] : tokens.starts[position]]
            ):
                candidate = position - 1
            else:
                break
            if covered[candidate]:
                break
            position = candidate
            for key in ((words[candidate], *words[i:j]), (words[candidate], *words[i + 1 : j])):
                payload = _lookup(lexicon.terms, key)
                if _plain(payload) and accept(candidate, j, payload):
                    out.append((candidate, j, payload))
                    covered[candidate] = True
                    break
        if (
            j + 1 < stop
            and words[j] in lexicon.conjunctions
            and not covered[j + 1]
            and (
                j + 2 >= stop
                or covered[j + 2]
                or words[j + 2] in lexicon.conjunctions
                or _BARRIER.search(text, tokens.ends[j + 1], tokens.starts[j + 2]) is not None
            )
        ):
            payload = _lookup(lexicon.terms, (*words[i : j - 1], words[j + 1]))
            if _plain(payload) and accept(i, j + 2, payload):
                out.append((i, j + 2, payload))
                covered[j + 1] = True
    return out


def extract_findings(text: str, lexicon: Lexicon) -> Extraction:
    """Recognise HPO findings in ``text`` and decide what the text asserts about each.

    Parameters
    ----------
    text
        Free text in the lexicon's language.
    lexicon
        From :func:`~xpid.extraction.load_lexicon`; it fixes the language and HPO release.

    Returns
    -------
    Extraction
        Every mention in text order, with original character offsets.

    Examples
    --------
    >>> from xpid.extraction.lexicon import LexiconRules, build_lexicon, parse_triggers
    >>> from xpid.extraction.model import Language
    >>> from xpid.ontology import TermRecord, build_ontology
    >>> onto = build_ontology([TermRecord("HP:0000118", "Phenotypic abnormality"),
    ...     TermRecord("HP:0002014", "Diarrhea", parents=("HP:0000118",))], release="t")
    >>> rules = LexiconRules(True, (), frozenset(), frozenset(), ())
    >>> lex = build_lexicon(onto, rules, parse_triggers(["no\\tneg_pre"]), lang=Language.en)
    >>> [(m.term_id, m.text, m.assertion.value) for m in
    ...  extract_findings("Diarrhoea. No diarrhea.", lex).mentions]
    [('HP:0002014', 'Diarrhoea', 'present'), ('HP:0002014', 'diarrhea', 'excluded')]
    """
    tokens = tokenize_with_offsets(text, skip=lexicon.skipped)
    words = tokens.words
    covered = [False] * len(words)

    def acceptable(i: int, j: int, payload: object) -> bool:
        if not isinstance(payload, TermEntry):
            return True
        if j - i > 1 and _BARRIER.search(text, tokens.ends[i], tokens.starts[j - 1]):
            return False
        if payload.requires_capitals:
            return _written_in_capitals(text[tokens.starts[i] : tokens.ends[j - 1]])
        return True

    mentions: list[Mention] = []
    for s_start, s_stop in sentence_bounds(text, tokens):
        found = find_matches(words, lexicon.terms, accept=acceptable, start=s_start, stop=s_stop)
        for i, j, _ in found:
            for k in range(i, j):
                covered[k] = True
        coordinated = _coordinated(
            text, tokens, lexicon, found, covered, acceptable, s_start, s_stop
        )
        if coordinated:
            found = sorted(found + coordinated, key=lambda m: m[0])
        if lexicon.bags:
            loose = _loose_matches(text, tokens, lexicon, covered, s_start, s_stop)
            if loose:
                found = sorted(found + loose, key=lambda m: m[0])
        if not found:
            continue
        triggers = [
            t
            for t in find_matches(words, lexicon.triggers, start=s_start, stop=s_stop)
            if not any(covered[k] for k in range(t[0], t[1]))
        ]
        sentence_start = tokens.starts[s_start]
        sentence_end = tokens.ends[s_stop - 1]
        for match in found:
            i, j, entry = match
            assert isinstance(entry, TermEntry)
            assertion, trigger = (
                assign_assertion(match, triggers, covered)
                if triggers
                else (Assertion.PRESENT, None)
            )
            start, end = tokens.starts[i], tokens.ends[j - 1]
            mentions.append(
                Mention(
                    term_id=lexicon.term_ids[entry.slot],
                    label=lexicon.term_labels[entry.slot],
                    start=start,
                    end=end,
                    text=text[start:end],
                    assertion=assertion,
                    trigger=trigger,
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                )
            )
    return Extraction(tuple(mentions), lexicon.lang, lexicon.hpo_release)


def findings_for_ranking(extraction: Extraction) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Present and excluded term ids for a ranking query, each distinct, in text order.

    Uncertain mentions and findings of other people are left out. A term that is both
    asserted and denied in the same text counts as present (a later "no longer" or a
    history of it still says the patient had it).
    """
    present = extraction.term_ids(Assertion.PRESENT)
    excluded = tuple(t for t in extraction.term_ids(Assertion.EXCLUDED) if t not in set(present))
    return present, excluded
