"""Term resolution: the one way every command turns user text into a current term.

Accepted forms: ``HP:0002014``, ``HP_0002014``, ``hp:0002014``, the PURL
``http://purl.obolibrary.org/obo/HP_0002014``, a label or exact synonym, matched
case-insensitively and after spelling normalisation (``"chronic diarrhoea"``), a clinical
abbreviation (``"T1D"``, :mod:`xpid.text.abbreviations`) and a laboratory wording in any
direction word (``"low IgG"``, ``"IgM elevated"``, :mod:`xpid.text.measures`).
Alternative ids and obsolete ids with a replacement resolve to the current term and carry a
warning naming both. Everything else raises a :class:`~xpid.errors.TermError` that quotes
the input and offers the closest terms ("did you mean"): those the input names once its
unknown words are respelled to the nearest known words (edit distance: ``"ecsema"`` →
eczema), then the best search hits. A typo is never corrected silently.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from xpid.errors import MalformedIdError, ObsoleteTermError, UnknownTermError
from xpid.ontology.index import Ontology, SearchKind
from xpid.ontology.search import corrected_words, query_measure_key, search_terms
from xpid.text.normalize import normalize_text

__all__ = ["ResolvedTerm", "resolve_term", "parse_curie"]

_PURL = re.compile(r"^https?://purl\.obolibrary\.org/obo/(?P<prefix>[A-Za-z]+)_(?P<local>\S+)$")
_CURIE = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9.]*)[:_](?P<local>\S+)$")
_DIGITS = re.compile(r"^\d+$")
_SUGGEST_MIN_SCORE = 30.0
"""Search hits below this score (fewer than ~60% of the words found) are not offered."""


@dataclass(frozen=True, slots=True)
class ResolvedTerm:
    """The outcome of resolving one user input.

    ``warning`` is set when the input was an alternative or obsolete id that was mapped to
    ``id``; it names both.
    """

    query: str
    index: int
    id: str
    label: str
    warning: str | None = None


def parse_curie(text: str) -> str | None:
    """Canonical ``HP:nnnnnnn`` for an id-like input, ``None`` for text that is not id-like.

    Raises
    ------
    MalformedIdError
        For id-like text that is not a valid HPO id (wrong prefix, not seven digits).
    """
    stripped = text.strip()
    match = _PURL.match(stripped) or _CURIE.match(stripped)
    if match is None or " " in stripped:
        return None
    prefix, local = match.group("prefix"), match.group("local")
    if prefix.upper() != "HP":
        if not _DIGITS.match(local) and ":" not in stripped:
            return None  # words joined by an underscore, not a CURIE
        raise MalformedIdError(
            f"{text!r} is not an HPO id; expected an id such as HP:0002014, "
            "or a label such as 'Diarrhea'.",
            query=text,
        )
    if not _DIGITS.match(local) or len(local) != 7:
        padded = local.zfill(7) if _DIGITS.match(local) and len(local) < 7 else None
        raise MalformedIdError(
            f"{text!r} is not a well-formed HPO id; expected HP: followed by seven digits"
            + (f" (HP:{padded}?)." if padded else "."),
            query=text,
        )
    return f"HP:{local}"


def _positions(texts: tuple[str, ...], value: str) -> list[int]:
    """Every position of ``value`` in ``texts`` (``tuple.index`` runs in C)."""
    out: list[int] = []
    start = 0
    while True:
        try:
            pos = texts.index(value, start)
        except ValueError:
            return out
        out.append(pos)
        start = pos + 1


_RESOLVING = (SearchKind.LABEL, SearchKind.EXACT_SYNONYM, SearchKind.ABBREVIATION)
"""Kinds of string that name a term when the input equals them, best first."""


def _named(ontology: Ontology, text: str) -> list[int]:
    """The terms ``text`` names exactly: by label, exact synonym or abbreviation (the best
    kind found wins), else by its laboratory key; several terms when it is ambiguous."""
    norm = normalize_text(text)
    candidates: dict[int, int] = {}
    for pos in _positions(ontology.search_texts, norm):
        kind = int(ontology.search_kinds[pos])
        if kind in _RESOLVING:
            term = int(ontology.search_terms[pos])
            rank = _RESOLVING.index(kind)
            candidates[term] = min(rank, candidates.get(term, rank))
    if candidates:
        best_rank = min(candidates.values())
        return sorted(t for t, r in candidates.items() if r == best_rank)
    key = query_measure_key(text)
    if key is None:
        return []
    return sorted(
        {
            int(ontology.search_terms[pos])
            for pos in _positions(ontology.search_texts, key)
            if int(ontology.search_kinds[pos]) != SearchKind.OTHER_SYNONYM
        }
    )


def _suggest(ontology: Ontology, text: str, limit: int = 3) -> tuple[list[int], str | None]:
    """Terms to offer for an input that names none, and the respelling that named them.

    First the terms that the input names once its unknown words are respelled (the closest
    known words by edit distance, :func:`~xpid.ontology.search.corrected_words`), then the
    best search hits (which tolerate typos too) scoring at least ``_SUGGEST_MIN_SCORE``.
    """
    words = normalize_text(text).split()
    options = [[w] + [c for c, _ in corrected_words(ontology, w)] for w in words]
    out: list[int] = []
    respelled: str | None = None
    for choice in itertools.islice(itertools.product(*options), 1, 28):
        candidate = " ".join(choice)
        for term in _named(ontology, candidate):
            if term not in out:
                out.append(term)
                respelled = respelled or candidate
    if respelled is None and any(len(o) > 1 for o in options):
        respelled = " ".join(o[1] if len(o) > 1 else o[0] for o in options)
    for hit in search_terms(ontology, text, limit=limit):
        if hit.score >= _SUGGEST_MIN_SCORE and hit.index not in out:
            out.append(hit.index)
    return out[:limit], respelled


def _resolve_id(ontology: Ontology, query: str, curie: str) -> ResolvedTerm:
    index = ontology.get_index(curie)
    if index is not None:
        return ResolvedTerm(query, index, curie, ontology.labels[index])
    for mapping, how in (
        (ontology.alt_ids, "is an alternative id of"),
        (ontology.obsolete_replaced_by, "is obsolete and replaced by"),
    ):
        if curie in mapping:
            index = mapping[curie]
            new_id, label = ontology.ids[index], ontology.labels[index]
            return ResolvedTerm(
                query,
                index,
                new_id,
                label,
                warning=f"{curie} {how} {new_id} ({label}); using {new_id}.",
            )
    if curie in ontology.obsolete_consider:
        options = [(ontology.ids[i], ontology.labels[i]) for i in ontology.obsolete_consider[curie]]
        raise ObsoleteTermError(
            f"{query!r} is an obsolete HPO term with no replacement "
            f"({ontology.obsolete_labels.get(curie, '')!s}); choose a current term.",
            query=query,
            suggestions=options,
        )
    raise UnknownTermError(
        f"{query!r} is not a term of HPO release {ontology.release}; expected a current "
        "HPO id or label (see 'xpid search').",
        query=query,
    )


def resolve_term(ontology: Ontology, text: str) -> ResolvedTerm:
    """Resolve an id, PURL, label, exact synonym, abbreviation or laboratory wording to a
    current term.

    Label matches win over exact synonyms, which win over abbreviations; a laboratory
    wording counts when nothing else matches. A text that names several terms at its best
    kind is ambiguous and raises with the candidates.

    Raises
    ------
    MalformedIdError, UnknownTermError, ObsoleteTermError
        With the closest labels as suggestions where there are any.
    """
    query = text.strip()
    if not query:
        raise UnknownTermError(
            "an empty string is not a term; expected an HPO id or label.", query=text
        )
    curie = parse_curie(query)
    if curie is not None:
        return _resolve_id(ontology, text, curie)
    named = _named(ontology, query)
    if len(named) == 1:
        return ResolvedTerm(text, named[0], ontology.ids[named[0]], ontology.labels[named[0]])
    if named:
        raise UnknownTermError(
            f"{query!r} names {len(named)} different terms; give the id.",
            query=text,
            suggestions=[(ontology.ids[t], ontology.labels[t]) for t in named[:5]],
        )
    suggestions, respelled = _suggest(ontology, query)
    spelling = f" (nearest spelling: {respelled!r})" if respelled else ""
    raise UnknownTermError(
        f"{query!r} matches no HPO label, exact synonym or abbreviation{spelling}.",
        query=text,
        suggestions=[(ontology.ids[t], ontology.labels[t]) for t in suggestions],
    )
