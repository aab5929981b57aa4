"""Dictionary matching over word tokens: longest-leftmost, non-overlapping, word-bounded.

The dictionary is a token trie of nested dicts: ``trie[w1][w2]...[END]`` holds the payloads
of the phrase ``w1 w2 ...``. Matching scans left to right; at each position it walks the
trie as far as the tokens allow and keeps the longest phrase that ends there and is
accepted, then continues after it. Because the units are whole tokens, every match starts
and ends on a word boundary.

:func:`find_matches` is the fast scanner; :func:`find_matches_reference` is a slow,
obviously-correct version (all spans, then a greedy leftmost-longest choice) that the tests
check it against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["END", "Trie", "Match", "build_trie", "find_matches", "find_matches_reference"]

END = ""
"""Key of the payload list in a trie node (never a token: tokens are non-empty)."""

Trie = dict[str, Any]
Match = tuple[int, int, Any]
"""``(first token, one past the last token, payload)``."""


def build_trie(entries: Iterable[tuple[Sequence[str], Any]]) -> Trie:
    """Build a token trie from ``(tokens, payload)`` pairs; one payload per phrase (last wins)."""
    root: Trie = {}
    for tokens, payload in entries:
        if not tokens:
            continue
        node = root
        for token in tokens:
            node = node.setdefault(token, {})
        node[END] = payload
    return root


def find_matches(
    words: Sequence[str],
    trie: Trie,
    *,
    accept: Callable[[int, int, Any], bool] | None = None,
    start: int = 0,
    stop: int | None = None,
) -> list[Match]:
    """Longest-leftmost non-overlapping matches of ``trie`` phrases in ``words[start:stop]``.

    Parameters
    ----------
    words
        Normalised tokens.
    trie
        Built by :func:`build_trie`.
    accept
        Optional check ``accept(i, j, payload)`` of a candidate match; a rejected phrase is
        skipped in favour of the next-longest one at the same position.
    start, stop
        Token range to scan (a sentence).

    Returns
    -------
    list of ``(i, j, payload)``, ordered by ``i``, with ``words[i:j]`` the phrase.
    """
    n = len(words) if stop is None else stop
    out: list[Match] = []
    i = start
    while i < n:
        node = trie.get(words[i])
        if node is None:
            i += 1
            continue
        found: list[tuple[int, Any]] = []
        j = i + 1
        while True:
            payload = node.get(END)
            if payload is not None:
                found.append((j, payload))
            if j >= n:
                break
            nxt = node.get(words[j])
            if nxt is None:
                break
            node = nxt
            j += 1
        best: tuple[int, Any] | None = None
        for end, payload in reversed(found):
            if accept is None or accept(i, end, payload):
                best = (end, payload)
                break
        if best is None:
            i += 1
            continue
        out.append((i, best[0], best[1]))
        i = best[0]
    return out


def find_matches_reference(
    words: Sequence[str],
    phrases: dict[tuple[str, ...], Any],
    *,
    accept: Callable[[int, int, Any], bool] | None = None,
) -> list[Match]:
    """Slow reference for :func:`find_matches`: enumerate every span, then choose greedily."""
    spans = [
        (i, j, phrases[tuple(words[i:j])])
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
        if tuple(words[i:j]) in phrases
        and (accept is None or accept(i, j, phrases[tuple(words[i:j])]))
    ]
    out: list[Match] = []
    position = 0
    for i, j, payload in sorted(spans, key=lambda s: (s[0], -s[1])):
        if i >= position:
            out.append((i, j, payload))
            position = j
    return out
