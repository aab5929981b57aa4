"""The knowledge base: ontology, profile store, information content and disease arrays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from xpid.errors import UnknownNameError
from xpid.knowledge.build import CompiledArrays
from xpid.knowledge.corpus import Corpus
from xpid.ontology import Ontology
from xpid.profiles.model import DiseaseProfile
from xpid.profiles.store import ProfileStore
from xpid.scoring.arrays import DiseaseArrays

__all__ = ["KnowledgeBase"]


@dataclass(frozen=True, slots=True, eq=False)
class KnowledgeBase:
    """Everything a ranking needs, loaded once and passed explicitly (a value: ranking a
    patient is :func:`xpid.rank`, not a method of the knowledge base).

    Build one with :func:`xpid.load`. Rows of :attr:`arrays` follow
    :attr:`store.profiles <xpid.profiles.store.ProfileStore.profiles>` (sorted by id).
    """

    ontology: Ontology
    store: ProfileStore
    compiled: CompiledArrays
    _rows: dict[str, int] = field(repr=False)

    @classmethod
    def from_parts(
        cls, ontology: Ontology, store: ProfileStore, compiled: CompiledArrays
    ) -> KnowledgeBase:
        """Assemble a knowledge base from its loaded parts."""
        return cls(ontology, store, compiled, {d: i for i, d in enumerate(compiled.disease_ids)})

    @property
    def arrays(self) -> DiseaseArrays:
        return self.compiled.arrays

    @property
    def disease_ids(self) -> tuple[str, ...]:
        return self.compiled.disease_ids

    @property
    def ic(self) -> dict[Corpus, npt.NDArray[np.float64]]:
        return self.compiled.ic

    @property
    def corpus_rows(self) -> dict[Corpus, npt.NDArray[np.int64]]:
        return self.compiled.corpus_rows

    def row_of(self, disease_id: str) -> int | None:
        """Row of a disease id, or ``None``."""
        return self._rows.get(disease_id)

    def profile(self, disease_id: str) -> DiseaseProfile | None:
        """The profile of ``disease_id``, or ``None``."""
        row = self._rows.get(disease_id)
        return None if row is None else self.store.get(disease_id)

    def panel_rows(self, name: str) -> npt.NDArray[np.int64]:
        """Rows of the diseases of panel ``name``; :class:`UnknownNameError` if unknown."""
        panel = self.store.panels.get(name)
        if panel is None:
            raise UnknownNameError("panel", name, sorted(self.store.panels))
        return np.asarray(
            sorted(self._rows[d] for d in panel.disease_ids if d in self._rows), dtype=np.int64
        )

    def labels(self, term_ids: Sequence[str]) -> dict[str, str]:
        """Labels of current term ids."""
        return {t: self.ontology.labels[self.ontology.index_of(t)] for t in term_ids}
