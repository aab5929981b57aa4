"""Ranked search over labels and synonyms, tolerant of case, order, spelling and typos.

The query and every label, synonym and derived string of the index (clinical
abbreviations, laboratory keys: :mod:`xpid.ontology.wordings`) are compared after
:func:`~xpid.text.normalize_text` and plural stemming. Each query word has a weight, its
rarity among the strings (``1 + ln(S / (1 + s_w))``, S strings, s_w holding the word:
inverse document frequency, Spärck Jones 1972), so "IgG" counts for more than "low". A
query word matches a string word that is

- the same word (full weight);
- for a word the index does not know, a known word within a small edit distance
  (:func:`~xpid.text.distance.typo_budget`; 0.85 of the weight at one edit, 0.75 at two);
- a direction word of the same sense ("low", "reduced", "decreased"; 0.9);
- or starts with it (at least 4 letters; half the weight).

A string scores

- 100 when it equals the query, or the query's laboratory key ("low IgG" and
  *Decreased circulating IgG concentration* both give "decreased igg"); 90 or 80 when it
  equals the query with one or two words corrected;
- 60–90 when every query word matches: more the more of the string's words the query
  covers (so the term whose wording covers the query beats one that adds words);
- up to 50 in proportion to the weight of the query words it matches.

A string that adds a negating word the query lacks ("non insulin dependent diabetes" for
"insulin dependent diabetes") loses 30. A term scores its best string, plus 1 when that
string is its label; ties go to the more general term, then the id.

References
----------
Spärck Jones K. A statistical interpretation of term specificity and its application in
retrieval. J Doc 28:11–21, 1972.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

import numpy as np

from xpid.errors import ParameterError
from xpid.ontology.index import Ontology, SearchKind
from xpid.ontology.wordings import search_tokens
from xpid.text.distance import osa_distances, typo_budget
from xpid.text.measures import MeasureWords, load_measure_words, measure_key
from xpid.text.normalize import normalize_text, stem_token

__all__ = ["SearchHit", "search_terms", "corrected_words", "query_measure_key"]


_STOP_WORDS = frozenset(
    "a an and the of in on at to for with without by from or not no is are was be".split()
)
"""Words ignored in a query that has other words (they match too much to rank by)."""

_NEGATING = frozenset("non no not without absent absence lack lacking never".split())
"""Words that turn a string's meaning around; a string adding one the query lacks loses."""

_NEGATION_COST = 30.0
_TYPO_WEIGHT = {1: 0.85, 2: 0.75}
_DIRECTION_WEIGHT = 0.9
_PREFIX_WEIGHT = 0.5
_MAX_CORRECTIONS = 3


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the term, the string that matched and the score (higher is better)."""

    index: int
    id: str
    label: str
    matched: str
    kind: str
    score: float


_KIND_NAMES = {
    SearchKind.LABEL: "label",
    SearchKind.EXACT_SYNONYM: "exact synonym",
    SearchKind.OTHER_SYNONYM: "synonym",
    SearchKind.ABBREVIATION: "abbreviation",
    SearchKind.MEASURE: "laboratory wording",
}


@cache
def _measure_words() -> MeasureWords:
    return load_measure_words("en", search_tokens)


def query_measure_key(query: str) -> str | None:
    """The laboratory key of a query as text ("low IgG" → ``"decreased igg"``), or ``None``."""
    key = measure_key(search_tokens(query), _measure_words())
    return " ".join(key) if key else None


def _known(ontology: Ontology, word: str) -> bool:
    vocabulary = ontology.vocabulary
    pos = bisect_left(vocabulary, word)
    return pos < len(vocabulary) and vocabulary[pos] == word


def _count(ontology: Ontology, word: str) -> int:
    vocabulary = ontology.vocabulary
    pos = bisect_left(vocabulary, word)
    if pos < len(vocabulary) and vocabulary[pos] == word:
        return int(ontology.vocabulary_counts[pos])
    return 0


def corrected_words(ontology: Ontology, word: str) -> list[tuple[str, int]]:
    """Known words within the typo budget of an unknown normalised ``word``, closest and
    then commonest first, at most three, each with its distance; ``[]`` for a known word
    or one too short to correct."""
    budget = typo_budget(word)
    if budget == 0 or _known(ontology, word):
        return []
    distances = osa_distances(word, ontology.vocabulary_table, max_distance=budget)
    close = np.flatnonzero(distances <= budget)
    ranked = sorted(
        close.tolist(),
        key=lambda i: (int(distances[i]), -int(ontology.vocabulary_counts[i]), i),
    )
    return [(ontology.vocabulary[i], int(distances[i])) for i in ranked[:_MAX_CORRECTIONS]]


@dataclass(frozen=True, slots=True)
class _QueryWord:
    forms: dict[str, float]  # stemmed word → share of the weight when it matches
    weight: float
    probe: tuple[str, ...]


def _query_words(ontology: Ontology, words: list[str]) -> tuple[list[_QueryWord], float]:
    """Per query word its matching forms and weight; the query's correction factor."""
    total = len(ontology.search_texts)
    directions = _measure_words().directions
    out: list[_QueryWord] = []
    factor = 1.0
    for word in words:
        stem = stem_token(word)
        forms = {stem: 1.0}
        count = _count(ontology, word)
        corrections = corrected_words(ontology, word)
        for corrected, distance in corrections:
            forms.setdefault(stem_token(corrected), _TYPO_WEIGHT.get(distance, 0.7))
            count = max(count, _count(ontology, corrected))
        if corrections:
            factor = min(factor, forms[stem_token(corrections[0][0])])
        direction = directions.get(stem)
        if direction is not None:
            for other, sense in directions.items():
                if sense == direction:
                    forms.setdefault(other, _DIRECTION_WEIGHT)
        weight = 1.0 + math.log(total / (1 + count))
        out.append(_QueryWord(forms, weight, tuple({f[:4] for f in forms})))
    return out, factor


def _score(query: list[_QueryWord], text: str) -> float:
    words = [stem_token(w) for w in text.split()]
    wordset = set(words)
    matched_words: set[str] = set()
    gained = 0.0
    full = True
    least = 1.0
    for q in query:
        best = 0.0
        hit = None
        for form, share in q.forms.items():
            if share > best and form in wordset:
                best, hit = share, form
        if hit is None and len(next(iter(q.forms))) >= 4:
            stem = next(iter(q.forms))
            hit = next((w for w in words if w.startswith(stem)), None)
            best = _PREFIX_WEIGHT if hit is not None else 0.0
        if hit is not None:
            matched_words.add(hit)
        if best < _TYPO_WEIGHT[2]:
            full = False
        least = min(least, best)
        gained += q.weight * best
    if not matched_words:
        return 0.0
    negated = any(w in _NEGATING and not any(w in q.forms for q in query) for w in wordset)
    if full:
        score = (60.0 + 30.0 * len(matched_words) / max(len(wordset), 1)) * least
    else:
        score = 50.0 * gained / sum(q.weight for q in query)
    return score - (_NEGATION_COST if negated else 0.0)


def search_terms(ontology: Ontology, query: str, *, limit: int = 10) -> list[SearchHit]:
    """Rank current terms by how well their label or synonyms match ``query``.

    Parameters
    ----------
    ontology
        The compiled ontology.
    query
        Free words, in any order, any case, British or American spelling, with typos.
    limit
        Maximum number of hits (``limit >= 1``).

    Returns
    -------
    list of SearchHit
        Best first; empty when nothing matches.
    """
    if limit < 1:
        raise ParameterError(f"limit must be at least 1, got {limit}.")
    query_norm = normalize_text(query)
    words = query_norm.split()
    content = [w for w in words if stem_token(w) not in _STOP_WORDS] or words
    if not content:
        return []
    query_words, factor = _query_words(ontology, content)
    whole = {query_norm: 100.0}
    key = query_measure_key(query)
    if key:
        whole.setdefault(key, 100.0)
    if factor < 1.0:
        corrected = " ".join(next((c for c, _ in corrected_words(ontology, w)), w) for w in words)
        whole.setdefault(corrected, 100.0 * factor)
        key = query_measure_key(corrected)
        if key:
            whole.setdefault(key, 100.0 * factor)
    probes = sorted({p for q in query_words for p in q.probe}, key=len, reverse=True)
    best: dict[int, tuple[float, int]] = {}
    texts = ontology.search_texts
    for pos, text in enumerate(texts):
        score = whole.get(text)
        if score is None:
            if not any(p in text for p in probes):
                continue
            score = _score(query_words, text)
            if score <= 0:
                continue
        kind = int(ontology.search_kinds[pos])
        if kind == SearchKind.LABEL:
            score += 1.0
        term = int(ontology.search_terms[pos])
        current = best.get(term)
        if current is None or score > current[0]:
            best[term] = (score, pos)
    ranked = sorted(
        best.items(),
        key=lambda item: (-item[1][0], int(ontology.depth[item[0]]), ontology.ids[item[0]]),
    )[:limit]
    return [
        SearchHit(
            index=term,
            id=ontology.ids[term],
            label=ontology.labels[term],
            matched=texts[pos],
            kind=_KIND_NAMES[int(ontology.search_kinds[pos])],
            score=round(score, 2),
        )
        for term, (score, pos) in ranked
    ]
