"""Leakage masking: the diseases whose annotations cite a case's publications, rescored
without those sources; and the disease arrays of a few (masked or explained) profiles."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xpid.knowledge.build import profile_rows
from xpid.profiles.model import DiseaseProfile
from xpid.profiles.model import mask_references as mask_profile
from xpid.scoring.arrays import DiseaseArrays, build_disease_arrays

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.ontology import Ontology

__all__ = ["Masked", "arrays_of", "mask", "masked_rows"]


@dataclass(frozen=True, slots=True, eq=False)
class Masked:
    """The rows of a knowledge base whose annotations cite a masked reference, their
    profiles without those sources, and the disease arrays of these profiles (row ``i`` of
    ``arrays`` is knowledge-base row ``rows[i]``)."""

    rows: tuple[int, ...]
    profiles: tuple[DiseaseProfile, ...]
    arrays: DiseaseArrays


def masked_rows(kb: KnowledgeBase, references: Collection[str]) -> tuple[int, ...]:
    """Rows whose HPOA annotations cite any of ``references``."""
    rows: set[int] = set()
    for ref in references:
        rows.update(kb.compiled.reference_rows.get(ref, ()))
    return tuple(sorted(rows))


def arrays_of(ontology: Ontology, profiles: Sequence[DiseaseProfile]) -> DiseaseArrays:
    """Disease arrays of ``profiles`` (one row each, in order)."""
    present = []
    excluded = []
    for profile in profiles:
        p, x = profile_rows(ontology, profile)
        present.append(p)
        excluded.append(x)
    return build_disease_arrays(
        ontology.ancestor_indptr, ontology.ancestor_indices, present, excluded
    )


def mask(kb: KnowledgeBase, references: Collection[str]) -> Masked | None:
    """The diseases citing ``references``, masked; ``None`` when none cites them."""
    rows = masked_rows(kb, references) if references else ()
    if not rows:
        return None
    profiles = []
    for row in rows:
        profile = kb.store.get(kb.disease_ids[row])
        assert profile is not None
        profiles.append(mask_profile(profile, references))
    return Masked(rows, tuple(profiles), arrays_of(kb.ontology, profiles))
