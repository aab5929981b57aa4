"""The knowledge base: ontology, profile store, information content and disease arrays."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from xpid.errors import ParameterError, UnknownNameError
from xpid.knowledge.build import CompiledArrays
from xpid.knowledge.corpus import Corpus
from xpid.ontology import Ontology
from xpid.patient import Patient, build_patient
from xpid.profiles.model import DiseaseProfile
from xpid.profiles.store import ProfileStore
from xpid.ranking.result import Ranking
from xpid.scoring.arrays import DiseaseArrays
from xpid.scoring.methods import DEFAULT_METHOD as _DEFAULT_METHOD
from xpid.scoring.methods import Method
from xpid.scoring.penalties import DEFAULT_EXCLUSION_WEIGHT
from xpid.sex import Sex

__all__ = ["KnowledgeBase", "DEFAULT_METHOD"]

DEFAULT_METHOD = _DEFAULT_METHOD
"""The default ranking method (see :data:`xpid.scoring.methods.DEFAULT_METHOD`)."""


@dataclass(frozen=True, slots=True, eq=False)
class KnowledgeBase:
    """Everything a ranking needs, loaded once and passed explicitly.

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

    def patient(
        self,
        present: Iterable[str],
        excluded: Iterable[str] = (),
        *,
        sex: Sex = Sex.UNKNOWN,
        onset: str | None = None,
        age_years: float | None = None,
    ) -> Patient:
        """Resolve and validate findings into a :class:`Patient` (see
        :func:`xpid.patient.build_patient`)."""
        return build_patient(
            self.ontology, present, excluded, sex=sex, onset=onset, age_years=age_years
        )

    def rank(
        self,
        patient: Patient,
        *,
        method: Method = DEFAULT_METHOD,
        corpus: Corpus = Corpus.ALL,
        panel: str | None = None,
        top: int | None = None,
        explain: int = 0,
        exclusion_weight: float = DEFAULT_EXCLUSION_WEIGHT,
        absence_weight: float = 1.0,
        mask_references: Collection[str] = (),
    ) -> Ranking:
        """Rank every disease of ``corpus`` for ``patient``.

        Parameters
        ----------
        patient
            A validated query (:meth:`patient` or :func:`xpid.patient.build_patient`).
        method
            The scoring method.
        corpus
            Diseases ranked, and the reference set for information content.
        panel
            A named panel (e.g. ``"x-linked-iei"``): with ``lr`` a prior (diseases outside it
            weigh :data:`xpid.ranking.priors.OUTSIDE_PANEL_WEIGHT`), with a similarity
            method a filter (only the panel's diseases are ranked).
        top
            Materialise only the first ``top`` results (all by default); the full order is
            always in :attr:`Ranking.order_ids`.
        explain
            Explain the first ``explain`` results finding by finding.
        exclusion_weight, absence_weight
            Weights of the excluded-finding and absent-annotation penalties of the
            similarity methods; ``lr`` does not use them (its weights are in
            :class:`xpid.scoring.likelihood.LrParameters`).
        mask_references
            References (``PMID:…``) whose annotation sources are ignored for this query:
            leakage masking when benchmarking on published cases.

        Returns
        -------
        Ranking
            Best first; ties share a rank and are listed by id.

        Examples
        --------
        >>> import xpid  # doctest: +SKIP
        >>> kb = xpid.load()  # doctest: +SKIP
        >>> patient = kb.patient(["HP:0002028", "HP:0000964", "HP:0100651"])  # doctest: +SKIP
        >>> ranking = kb.rank(patient)  # doctest: +SKIP
        >>> ranking.results[0].disease_id  # doctest: +SKIP
        'OMIM:304790'
        """
        from xpid.ranking.rank import RankSettings, rank_patient  # ranking imports knowledge

        if top is not None and top < 1:
            raise ParameterError(f"top must be at least 1, got {top}.")
        settings = RankSettings(
            method=method,
            corpus=corpus,
            panel=panel,
            exclusion_weight=exclusion_weight,
            absence_weight=absence_weight,
        )
        panel_rows = self.panel_rows(panel) if panel is not None else None
        return rank_patient(
            self,
            patient,
            settings,
            top=top,
            explain=explain,
            panel_rows=panel_rows,
            mask_references=mask_references,
        )

    def labels(self, term_ids: Sequence[str]) -> dict[str, str]:
        """Labels of current term ids."""
        return {t: self.ontology.labels[self.ontology.index_of(t)] for t in term_ids}
