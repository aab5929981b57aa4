"""Strings and words the ontology index derives for look-up and search.

Two kinds of derived search strings, both computed once when the index is built (and so
cached with it):

- **clinical abbreviations** (:mod:`xpid.text.abbreviations`): each row's abbreviation
  names the one term whose label or exact synonym its expansion is ("T1D" → *Type I
  diabetes mellitus*); a row whose expansion names no term or several, or whose
  abbreviation is already a label or exact synonym, adds nothing;
- **laboratory wordings** (:mod:`xpid.text.measures`): the key of each wording of a
  laboratory term ("decreased igg" for *Decreased circulating IgG concentration*). A key
  that several terms give goes to the terms whose label gives it, when there are any.

And the **vocabulary**: every distinct word of the search strings with the number of
strings it occurs in (its document frequency, for weighting query words by rarity) and a
:class:`~xpid.text.distance.WordTable` of the words, for "did you mean".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources

import numpy as np
import numpy.typing as npt

from xpid.text.abbreviations import load_abbreviations
from xpid.text.distance import WordTable, build_word_table
from xpid.text.measures import load_measure_words, measure_key, measure_keys
from xpid.text.normalize import normalize_text, stem_token

__all__ = [
    "search_tokens",
    "abbreviation_texts",
    "measure_texts",
    "build_vocabulary",
    "wordings_digest",
]


def wordings_digest() -> str:
    """Short hash of the data files the derived strings come from, for cache keys."""
    digest = hashlib.sha256()
    for name in ("abbreviations_en.tsv", "measure_words.tsv"):
        resource = resources.files("xpid.text").joinpath("data", name)
        digest.update(resource.read_bytes() if resource.is_file() else b"")
    return digest.hexdigest()[:12]


def search_tokens(text: str) -> list[str]:
    """Tokens as search and look-up compare them: normalised, plurals stripped."""
    return [stem_token(t) for t in normalize_text(text).split()]


def abbreviation_texts(
    named: dict[str, set[int]], taken: set[str], *, lang: str = "en"
) -> list[tuple[str, int]]:
    """``(normalised abbreviation, term)`` for each abbreviation row that names one term.

    Parameters
    ----------
    named
        Normalised label or exact synonym → the terms it names.
    taken
        Normalised strings that are already a label or exact synonym (never overridden).
    """
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for abbreviation, expansion in load_abbreviations(lang):
        key = normalize_text(abbreviation)
        terms = named.get(normalize_text(expansion), set())
        if not key or key in taken or key in seen or len(terms) != 1:
            continue
        seen.add(key)
        out.append((key, next(iter(terms))))
    return out


def measure_texts(strings: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[str, int]]:
    """``(key as text, term)`` for the laboratory terms among ``strings``.

    Parameters
    ----------
    strings
        Per term index: its label and its exact synonyms, raw.
    """
    words = load_measure_words("en", lambda w: search_tokens(w))
    by_key: dict[tuple[str, ...], list[tuple[bool, int]]] = {}
    for term, (label, synonyms) in enumerate(strings):
        keys = measure_keys([label, *synonyms], words, search_tokens)
        if not keys:
            continue
        label_key = measure_key(search_tokens(label), words)
        for key in keys:
            by_key.setdefault(key, []).append((key == label_key, term))
    out: list[tuple[str, int]] = []
    for key, owners in sorted(by_key.items()):
        from_label = [term for is_label, term in owners if is_label]
        for term in from_label or [term for _, term in owners]:
            out.append((" ".join(key), term))
    return out


def build_vocabulary(
    texts: Iterable[str],
) -> tuple[tuple[str, ...], npt.NDArray[np.int32], WordTable]:
    """The distinct words of ``texts`` (sorted), how many texts hold each, and their table."""
    frequency: Counter[str] = Counter()
    for text in texts:
        frequency.update(set(text.split()))
    words = tuple(sorted(frequency))
    counts = np.fromiter((frequency[w] for w in words), dtype=np.int32, count=len(words))
    return words, counts, build_word_table(words)
