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

__all__ = [
    "Tokens",
    "tokenize_with_offsets",
    "normalize_word",
    "normalize_phrase",
    "light_stem",
    "latin_singular",
]

_WORD = re.compile(r"[^\W_]+")


_VOWELS = frozenset("aeiouy")
_E_DROPPED = ("c", "s", "z", "v", "u", "g", "at")


def light_stem(word: str) -> str:
    """Fold ``-ed`` and ``-ing`` so that participles meet their verb and adjective.

    Applied after :func:`xpid.text.stem_token` to text and phrases alike. The ``e`` that
    English drops before the ending comes back after ``c``, ``s``, ``z``, ``v``, ``u``,
    ``g`` and ``at`` (decreased → decrease, enlarged → enlarge, dilated → dilate); a doubled
    final consonant is undoubled (thinning → thin); ``-ied`` becomes ``-y``.

    >>> [light_stem(w) for w in ["thinning", "tapered", "tapering", "decreased",
    ...     "decreasing", "bleeding", "bleed", "delayed", "calcified", "spine", "hearing"]]
    ['thin', 'taper', 'taper', 'decrease', 'decrease', 'bleed', 'bleed', 'delay', 'calcify', \
'spine', 'hear']
    """
    if len(word) > 5 and word.endswith("ing"):
        base = word[:-3]
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        base = word[:-2]
        if base.endswith("i"):
            return base[:-1] + "y"
    else:
        return word
    if not _VOWELS.intersection(base):
        return word
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsaeiou":
        return base[:-1]
    if base.endswith(_E_DROPPED):
        return base + "e"
    return base


def latin_singular(word: str) -> str:
    """Fold the Latin plural ``-i`` to ``-us`` (thalami → thalamus, hippocampi → hippocampus).

    Applied to text and phrases alike, so that a word wrongly folded ("multi") still meets
    itself.

    >>> [latin_singular(w) for w in ["thalami", "nuclei", "hippocampi", "anti", "ii"]]
    ['thalamus', 'nucleus', 'hippocampus', 'anti', 'ii']
    """
    if len(word) >= 6 and word.endswith("i") and not word.endswith("ii"):
        return word[:-1] + "us"
    return word


_CAPITAL_PLURAL = re.compile(r"[A-Z]{2,}s")


@lru_cache(maxsize=200_000)
def normalize_word(word: str) -> tuple[str, ...]:
    """Normalised, singularised, lightly stemmed form of one raw word (usually one token).

    An abbreviation in capitals with a plural ``s`` loses it ("UTIs" → ``uti``).
    """
    if _CAPITAL_PLURAL.fullmatch(word):
        word = word[:-1]
    return tuple(latin_singular(light_stem(stem_token(t))) for t in normalize_text(word).split())


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
