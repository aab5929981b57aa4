"""Free text → HPO mentions with assertions (present, excluded, uncertain, someone else's).

Pipeline, all pure functions over one text:

1. :func:`~xpid.extraction.tokens.tokenize_with_offsets`: normalised tokens with offsets;
2. :func:`sentence_bounds`: sentences as token ranges (``.``, ``!``, ``?``, ``;`` followed by
   white space, a blank line, a line break before a capital or a bullet);
3. per sentence, term phrases and trigger phrases are matched longest-leftmost
   (:func:`~xpid.extraction.matcher.find_matches`); a trigger inside a term phrase is
   part of the term ("absent thumb" is a finding, not a negation);
4. :class:`~xpid.extraction.assertion.AssertionScope`, a NegEx/ConText-style rule: a
   trigger before a mention applies when at most ``window`` words that are not themselves
   findings lie between them and no termination word ("but", "however", ...) intervenes;
   likewise for a trigger after. Family beats negation, which beats uncertainty.

Cost: time linear in the length of the text. For ``n`` characters and ``N`` tokens,
tokenising and sentence splitting are O(n); phrase matching is O(N · L) with ``L`` the
longest phrase in tokens (15 for the English lexicon of HPO 2025-01-16); order-free
matching is O(N · B) with ``B`` the most word sets filed under one word (116); a multi-word
candidate may scan the characters between its first and last token for a comma, so each
character is scanned at most ``L`` times; assertions are O(N) per sentence to set up and
O(w) per mention, ``w`` the largest trigger window (8). ``benchmarks/extraction_worst_case.py``
shows it on adversarial texts of 16 kB to 1 MB (``"no " * k + "diarrhea"`` took 66 s at
192 kB before the assertion step was made linear).

The references of the assertion rule (NegEx, ConText) are in
:mod:`xpid.extraction.assertion`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from xpid.extraction.assertion import AssertionScope
from xpid.extraction.lexicon import Lexicon, TermEntry
from xpid.extraction.matcher import END, Match, find_matches
from xpid.extraction.model import Assertion, Extraction, Mention
from xpid.extraction.tokens import Tokens, tokenize_with_offsets

__all__ = ["extract_findings", "findings_for_ranking", "sentence_bounds"]

_BREAK = re.compile(r"[.!?;]\s|\n[ \t]*\n|\n[ \t]*[-•*·–]|(?P<line>\n[ \t]*)")


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
    words = [
        w[:-1] if len(w) > 2 and w.endswith("s") else w
        for w in _WORDS.findall(surface)
        if not w.isdigit()
    ]
    return any(len(w) >= 2 and w.isupper() for w in words) and all(
        w.isupper() for w in words if len(w) <= 4
    )


_WORDS = re.compile(r"[^\W_]+")
"""Words of an abbreviation, digits included ("T1D" is one word)."""


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
        scope = AssertionScope(triggers, covered, s_start, s_stop) if triggers else None
        sentence_start = tokens.starts[s_start]
        sentence_end = tokens.ends[s_stop - 1]
        for match in found:
            i, j, entry = match
            assert isinstance(entry, TermEntry)
            assertion, trigger = (
                scope.assertion(match) if scope is not None else (Assertion.PRESENT, None)
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
