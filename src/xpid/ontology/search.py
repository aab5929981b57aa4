"""Ranked search over labels and synonyms, tolerant of case, order, punctuation and spelling.

Each label or synonym is scored against the query after :func:`~xpid.text.normalize_text`
and plural stemming on both sides:

- 100: the whole normalised string equals the query;
- 60–90: every query word occurs in the string (any order), more when the string has few
  other words;
- 10–50: some query words occur, in proportion to how many;
- a query word also matches a string word it is a prefix of (at least 4 letters), at a
  lower weight.

A term's score is that of its best string, plus 1 when that string is its label (labels
win ties over synonyms). Ties are broken by depth (more general first) and then by id, so
results are deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from xpid.errors import ParameterError
from xpid.ontology.index import Ontology, SearchKind
from xpid.text.normalize import stem_token

__all__ = ["SearchHit", "search_terms"]


_STOP_WORDS = frozenset(
    "a an and the of in on at to for with without by from or not no is are was be".split()
)
"""Words ignored in a query that has other words (they match too much to rank by)."""


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
}


def _score(query_tokens: list[str], query_norm: str, text: str) -> float:
    if text == query_norm:
        return 100.0
    words = [stem_token(w) for w in text.split()]
    wordset = set(words)
    full = 0
    partial = 0
    for token in query_tokens:
        if token in wordset:
            full += 1
        elif len(token) >= 4 and any(w.startswith(token) for w in words):
            partial += 1
    if full + partial == 0:
        return 0.0
    n = len(query_tokens)
    if full == n:
        return 60.0 + 30.0 * n / max(len(wordset), n)
    return 50.0 * (full + 0.5 * partial) / n


def search_terms(ontology: Ontology, query: str, *, limit: int = 10) -> list[SearchHit]:
    """Rank current terms by how well their label or synonyms match ``query``.

    Parameters
    ----------
    ontology
        The compiled ontology.
    query
        Free words, in any order, any case, British or American spelling.
    limit
        Maximum number of hits (``limit >= 1``).

    Returns
    -------
    list of SearchHit
        Best first; empty when nothing matches.
    """
    from xpid.text.normalize import normalize_text

    if limit < 1:
        raise ParameterError(f"limit must be at least 1, got {limit}.")
    query_norm = normalize_text(query)
    tokens = [stem_token(t) for t in query_norm.split()]
    content = [t for t in tokens if t not in _STOP_WORDS]
    tokens = content or tokens
    if not tokens:
        return []
    # Cheap prefilter: a string must contain at least one query token as a substring.
    probes = sorted({t[:4] if len(t) >= 4 else t for t in tokens}, key=len, reverse=True)
    best: dict[int, tuple[float, int]] = {}
    texts = ontology.search_texts
    for pos, text in enumerate(texts):
        if not any(p in text for p in probes):
            continue
        score = _score(tokens, query_norm, text)
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
