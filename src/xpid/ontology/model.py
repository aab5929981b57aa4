"""Values of the ontology data model: terms, synonyms and the raw records they come from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["SynonymScope", "Synonym", "TermRecord", "Term"]


class SynonymScope(Enum):
    """OBO synonym scope."""

    EXACT = "EXACT"
    RELATED = "RELATED"
    BROAD = "BROAD"
    NARROW = "NARROW"


@dataclass(frozen=True, slots=True)
class Synonym:
    """A synonym of a term: its text, OBO scope and synonym type (e.g. ``layperson``)."""

    text: str
    scope: SynonymScope
    type: str = ""


@dataclass(frozen=True, slots=True)
class TermRecord:
    """One ``[Term]`` stanza as parsed, before indexing (ids, not indices)."""

    id: str
    label: str
    definition: str = ""
    synonyms: tuple[Synonym, ...] = ()
    parents: tuple[str, ...] = ()
    alt_ids: tuple[str, ...] = ()
    obsolete: bool = False
    replaced_by: tuple[str, ...] = ()
    consider: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Term:
    """A current term as seen through an :class:`~xpid.ontology.index.Ontology`.

    ``index`` is the term's integer index in that ontology's arrays.
    """

    index: int
    id: str
    label: str
    definition: str
    synonyms: tuple[Synonym, ...]
    depth: int
