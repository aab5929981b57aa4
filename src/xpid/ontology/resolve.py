"""Term resolution: the one way every command turns user text into a current term.

Accepted forms: ``HP:0002014``, ``HP_0002014``, ``hp:0002014``, the PURL
``http://purl.obolibrary.org/obo/HP_0002014``, and a label or exact synonym, matched
case-insensitively and then after spelling normalisation (``"chronic diarrhoea"``).
Alternative ids and obsolete ids with a replacement resolve to the current term and carry a
warning naming both. Everything else raises a :class:`~xpid.errors.TermError` that quotes
the input and offers the closest labels.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from xpid.errors import MalformedIdError, ObsoleteTermError, UnknownTermError
from xpid.ontology.index import Ontology, SearchKind
from xpid.ontology.search import search_terms
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


def _suggest(ontology: Ontology, text: str, limit: int = 3) -> list[tuple[str, str]]:
    hits = [h for h in search_terms(ontology, text, limit=limit) if h.score >= _SUGGEST_MIN_SCORE]
    if hits:
        return [(h.id, h.label) for h in hits]
    lowered = {label.casefold(): i for i, label in enumerate(ontology.labels)}
    close = difflib.get_close_matches(text.casefold(), list(lowered), n=limit, cutoff=0.75)
    return [(ontology.ids[lowered[c]], ontology.labels[lowered[c]]) for c in close]


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
    """Resolve an id, PURL, label or exact synonym to a current term.

    Label matches win over synonym matches; a text that is an exact synonym of several
    terms and the label of none is ambiguous and raises with the candidates.

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
    norm = normalize_text(query)
    candidates: dict[int, int] = {}
    for pos, candidate in enumerate(ontology.search_texts):
        if candidate == norm:
            kind = int(ontology.search_kinds[pos])
            if kind == SearchKind.OTHER_SYNONYM:
                continue
            term = int(ontology.search_terms[pos])
            candidates[term] = min(kind, candidates.get(term, kind))
    if candidates:
        best_kind = min(candidates.values())
        best = sorted(t for t, k in candidates.items() if k == best_kind)
        if len(best) == 1:
            return ResolvedTerm(text, best[0], ontology.ids[best[0]], ontology.labels[best[0]])
        raise UnknownTermError(
            f"{query!r} names {len(best)} different terms; give the id.",
            query=text,
            suggestions=[(ontology.ids[t], ontology.labels[t]) for t in best[:5]],
        )
    raise UnknownTermError(
        f"{query!r} matches no HPO label or exact synonym.",
        query=text,
        suggestions=_suggest(ontology, query),
    )
