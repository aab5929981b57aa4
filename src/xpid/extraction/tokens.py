"""Word tokens of a text with their original character offsets.

Matching works on normalised, singularised word tokens (see :mod:`xpid.text.normalize`);
each token remembers where it came from in the original text, so a match over tokens
``i..j`` maps back to ``text[starts[i]:ends[j]]`` however much normalisation changed the
lengths (accents dropped, ``ae`` → ``e``, ligatures expanded).

>>> toks = tokenize_with_offsets("Oedematous, haemolytic anaemias")
>>> toks.words
('edematous', 'hemolytic', 'anemia')
>>> [("Oedematous, haemolytic anaemias")[s:e] for s, e in zip(toks.starts, toks.ends)]
['Oedematous', 'haemolytic', 'anaemias']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from xpid.text.normalize import normalize_text, stem_token

__all__ = ["Tokens", "tokenize_with_offsets", "normalize_word", "normalize_phrase"]

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=200_000)
def normalize_word(word: str) -> tuple[str, ...]:
    """Normalised, singularised form of one raw word (usually one token, rarely more)."""
    return tuple(stem_token(t) for t in normalize_text(word).split())


def normalize_phrase(phrase: str) -> tuple[str, ...]:
    """Normalised, singularised tokens of a phrase (a label, synonym or trigger)."""
    out: list[str] = []
    for match in _WORD.finditer(phrase):
        out.extend(normalize_word(match.group()))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Tokens:
    """Parallel tuples: normalised word, start and end offset in the original text."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)


def tokenize_with_offsets(text: str, *, skip: frozenset[str] = frozenset()) -> Tokens:
    """Split ``text`` into normalised word tokens with original offsets.

    Parameters
    ----------
    text
        Any text.
    skip
        Normalised words to leave out (articles), so that "atrophy of the vermis" and
        "atrophy of vermis" read alike.
    """
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        for word in normalize_word(match.group()):
            if word in skip:
                continue
            words.append(word)
            starts.append(start)
            ends.append(end)
    return Tokens(tuple(words), tuple(starts), tuple(ends))
