"""Top-level organ systems of a phenotype term: the children of Phenotypic abnormality
(HP:0000118) that are ancestors of the term (or the term itself)."""

from __future__ import annotations

from xpid.constants import ABNORMAL_CELLULAR_PHENOTYPE, PHENOTYPIC_ABNORMALITY
from xpid.ontology.index import Ontology

__all__ = ["organ_systems", "primary_system"]


def organ_systems(ontology: Ontology, term_id: str) -> list[tuple[str, str]]:
    """The top-level organ systems of ``term_id`` as ``(id, label)``, by id.

    Empty when the term is not in the ontology or not a phenotype; an alternative or
    obsolete id is read as its current term.
    """
    index = ontology.current_index(term_id)
    root = ontology.get_index(PHENOTYPIC_ABNORMALITY)
    if index is None or root is None:
        return []
    ancestors = set(ontology.ancestors(index).tolist())
    return [
        (ontology.ids[c], ontology.labels[c])
        for c in ontology.children(root).tolist()
        if c in ancestors
    ]


def primary_system(ontology: Ontology, term_id: str) -> tuple[str, str] | None:
    """The one system to list ``term_id`` under: the first of its systems by id, with
    *Abnormal cellular phenotype* (HP:0025354) only when the term is under no other."""
    systems = organ_systems(ontology, term_id)
    preferred = [s for s in systems if s[0] != ABNORMAL_CELLULAR_PHENOTYPE] or systems
    return preferred[0] if preferred else None
