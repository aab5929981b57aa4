"""Disease corpora: which diseases are ranked and define information content."""

from __future__ import annotations

import enum

from xpid.errors import UnknownNameError

__all__ = ["Corpus", "parse_corpus", "DEFAULT_CORPUS"]


class Corpus(enum.Enum):
    """A set of diseases by source database.

    The corpus is both the set of diseases a query is ranked against and the reference set
    whose annotations give each term its information content.
    """

    OMIM = "omim"
    ORPHA = "orpha"
    ALL = "all"

    def includes(self, disease_id: str) -> bool:
        """Whether ``disease_id`` (a CURIE) belongs to this corpus."""
        if self is Corpus.ALL:
            return True
        prefix = disease_id.split(":", 1)[0].upper()
        return prefix == ("OMIM" if self is Corpus.OMIM else "ORPHA")


DEFAULT_CORPUS = Corpus.ALL
"""Every HPO-annotated disease (OMIM, Orphanet, DECIPHER); see the README's method notes."""


def parse_corpus(name: str) -> Corpus:
    """The :class:`Corpus` called ``name``; :class:`UnknownNameError` lists the choices."""
    try:
        return Corpus(name.strip().lower())
    except ValueError:
        raise UnknownNameError("corpus", name, [c.value for c in Corpus]) from None
