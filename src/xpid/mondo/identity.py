"""Disease identity: which annotation records are one disease, and which id to show for it.

An annotation record is what one source says about one disease id (``OMIM:304790``'s rows
in ``phenotype.hpoa``, ``ORPHA:37042``'s rows, a document-built profile). Records whose ids
map to the same current Mondo class (:meth:`xpid.mondo.Mondo.concept_of`) are **one
disease**; a record without a Mondo class is a disease of its own.

Each disease shows one **preferred id**: by default the OMIM id when it has one, else the
Orphanet id, else the DECIPHER id (:data:`DEFAULT_PREFERENCE`); several ids of one database
are ordered by number (``DECIPHER:4`` before ``DECIPHER:54``). :class:`Prefer` chooses
another database first, or the MONDO id.

>>> identity = DiseaseIdentity("MONDO:0010580", ("ORPHA:37042", "OMIM:304790"))
>>> identity.ids, identity.preferred(), identity.preferred(Prefer.ORPHA)
(('OMIM:304790', 'ORPHA:37042'), 'OMIM:304790', 'ORPHA:37042')
>>> identity.preferred(Prefer.MONDO)
'MONDO:0010580'
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from xpid.errors import UnknownNameError
from xpid.mondo.model import Mondo

__all__ = [
    "DEFAULT_PREFERENCE",
    "DiseaseIdentity",
    "Prefer",
    "group_records",
    "parse_prefer",
    "sort_ids",
]

DEFAULT_PREFERENCE = ("OMIM", "ORPHA", "DECIPHER")
"""Databases in the order their ids are preferred as a disease's shown id."""


class Prefer(enum.Enum):
    """Which id a disease shows first (``--prefer``)."""

    OMIM = "omim"
    ORPHA = "orpha"
    DECIPHER = "decipher"
    MONDO = "mondo"

    @property
    def order(self) -> tuple[str, ...]:
        """Database prefixes, preferred first (MONDO ids are not records: the default order
        follows)."""
        if self is Prefer.MONDO:
            return DEFAULT_PREFERENCE
        first = self.name
        return (first, *(p for p in DEFAULT_PREFERENCE if p != first))


def parse_prefer(name: str) -> Prefer:
    """The :class:`Prefer` called ``name``; :class:`UnknownNameError` lists the choices."""
    try:
        return Prefer(name.strip().lower())
    except ValueError:
        raise UnknownNameError("id preference", name, [p.value for p in Prefer]) from None


def _id_key(curie: str, order: Sequence[str]) -> tuple[int, str, int, str]:
    prefix, _, local = curie.partition(":")
    rank = order.index(prefix) if prefix in order else len(order)
    return (rank, prefix, int(local) if local.isdigit() else -1, local)


def sort_ids(ids: Iterable[str], prefer: Prefer = Prefer.OMIM) -> tuple[str, ...]:
    """Distinct ``ids`` in preference order, by number within a database.

    >>> sort_ids(["DECIPHER:54", "ORPHA:72", "DECIPHER:4", "OMIM:105830"])
    ('OMIM:105830', 'ORPHA:72', 'DECIPHER:4', 'DECIPHER:54')
    """
    order = prefer.order
    return tuple(sorted(set(ids), key=lambda c: _id_key(c, order)))


@dataclass(frozen=True, slots=True)
class DiseaseIdentity:
    """One disease: its Mondo class (``None`` without one) and its records' ids.

    ``ids`` are stored in the default preference order whatever order they are given in.
    """

    mondo_id: str | None
    ids: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", sort_ids(self.ids))

    def preferred(self, prefer: Prefer = Prefer.OMIM) -> str:
        """The id to show: the MONDO id under :attr:`Prefer.MONDO` (when there is one), else
        the first id in ``prefer``'s order."""
        if prefer is Prefer.MONDO and self.mondo_id is not None:
            return self.mondo_id
        return sort_ids(self.ids, prefer)[0]


def group_records(record_ids: Iterable[str], mondo: Mondo | None) -> tuple[DiseaseIdentity, ...]:
    """Group record ids into diseases by their Mondo class.

    Parameters
    ----------
    record_ids
        Ids of annotation records (``OMIM:…``, ``ORPHA:…``, ``DECIPHER:…``).
    mondo
        Mondo's facts; ``None`` makes every record a disease of its own.

    Returns
    -------
    tuple of DiseaseIdentity
        One per disease, sorted by preferred id (default preference) as text, the order
        of the profile store.

    >>> [d.ids for d in group_records(["ORPHA:2", "OMIM:1"], None)]
    [('OMIM:1',), ('ORPHA:2',)]
    """
    by_concept: dict[str, list[str]] = {}
    alone: list[str] = []
    for record in dict.fromkeys(record_ids):
        concept = mondo.concept_of(record) if mondo is not None else None
        if concept is None:
            alone.append(record)
        else:
            by_concept.setdefault(concept, []).append(record)
    identities = [DiseaseIdentity(m, tuple(ids)) for m, ids in by_concept.items()]
    identities.extend(DiseaseIdentity(None, (r,)) for r in alone)
    return tuple(sorted(identities, key=lambda d: d.ids[0]))
