"""Phrases the lexicon derives from the ontology beyond its labels and synonyms.

- **Laboratory wordings** (:mod:`xpid.text.measures`): for each laboratory term (found
  with HPO's English words) and each key ``(direction, *thing)`` of it, the phrase
  "<word> <thing>" for every direction word of the language with that direction ("low
  IgG", "reduced IgG"; in Swedish "lågt IgG", "förhöjt IgM"). Phrases of two to four words
  also match in any order with up to two words between ("IgG was low", "low serum IgG",
  "reduced levels of IgG"). A language without the ontology's labels (Swedish) takes only
  things written as symbols in HPO (a capital or a digit in each word: IgG, ACTH), which
  read the same in every language.
- **Clinical abbreviations**: the strings the ontology index added from xpid's
  abbreviation list (:mod:`xpid.ontology.wordings`), matched, like HPO's own abbreviations,
  only when written in capitals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from xpid.ontology import Ontology
from xpid.ontology.index import SearchKind
from xpid.text.measures import load_measure_words, measure_keys

__all__ = ["measure_phrases", "abbreviation_phrases"]

Key = tuple[str, ...]


def _symbols(text: str, tokenize: Callable[[str], Sequence[str]]) -> set[str]:
    """Normalised forms of the words of ``text`` written with a capital or a digit."""
    out: set[str] = set()
    for word in text.replace("-", " ").split():
        if any(c.isupper() or c.isdigit() for c in word):
            out.update(tokenize(word))
    return out


def measure_phrases(
    ontology: Ontology,
    terms: Iterable[int],
    *,
    lang: str,
    tokenize: Callable[[str], Sequence[str]],
    symbols_only: bool,
) -> Iterable[tuple[int, Key]]:
    """``(term index, phrase key)`` of the laboratory wordings of ``terms``.

    Parameters
    ----------
    ontology
        The compiled HPO.
    terms
        Term indices to consider (the phenotype branch).
    lang
        Whose direction, specimen and quantity words to use.
    tokenize
        The lexicon's phrase normaliser (so that phrases meet text tokens).
    symbols_only
        Keep only things written as symbols in HPO (for a language without HPO's words).
    """
    english = load_measure_words("en", tokenize)  # HPO's own words find the terms
    words = load_measure_words(lang, tokenize)
    if not words.directions:
        return
    for index in terms:
        start, stop = int(ontology.synonym_indptr[index]), int(ontology.synonym_indptr[index + 1])
        texts = [ontology.labels[index]] + [
            ontology.synonym_texts[k]
            for k in range(start, stop)
            if int(ontology.synonym_scopes[k]) == 0
        ]
        keys = measure_keys(texts, english, tokenize)
        if not keys:
            continue
        symbols = set().union(*(_symbols(t, tokenize) for t in texts)) if symbols_only else set()
        for direction, *thing in sorted(keys):
            if symbols_only and not set(thing) <= symbols:
                continue
            for word in words.by_direction[direction]:
                yield index, (word, *thing)


def abbreviation_phrases(
    ontology: Ontology, tokenize: Callable[[str], Sequence[str]]
) -> Iterable[tuple[int, Key]]:
    """``(term index, phrase key)`` of the abbreviations the ontology index added."""
    for text, term, kind in zip(
        ontology.search_texts,
        ontology.search_terms.tolist(),
        ontology.search_kinds.tolist(),
        strict=True,
    ):
        if kind == SearchKind.ABBREVIATION:
            yield int(term), tuple(tokenize(text))
