"""The profile store: every disease profile of one HPO release, built when first asked for.

A :class:`ProfileStore` is a read-only value over a
:class:`~xpid.profiles.packed.PackedStore` (the compact, cached columns): it answers
look-ups, listings and the flat annotation table from the columns and builds a
:class:`~xpid.profiles.model.DiseaseProfile` only when one is asked for, so a warm load
costs a few tens of milliseconds. How the profiles are made is
:mod:`xpid.profiles.build`; how a store is loaded, :mod:`xpid.profiles.load`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from xpid.annotations import Frequency
from xpid.errors import XpidError
from xpid.profiles.model import DiseaseProfile
from xpid.profiles.packed import PackedStore
from xpid.profiles.panels import Panel

__all__ = ["AnnotationTable", "ProfileHeader", "ProfileStore", "UnknownDiseaseError"]


class UnknownDiseaseError(XpidError):
    """A disease id that the profile store does not hold."""

    def __init__(self, disease_id: str) -> None:
        super().__init__(
            f"unknown disease id {disease_id!r}; expected an id of the profile store such as "
            "'OMIM:304790' or 'ORPHA:37042' (try: xpid profiles list --search WORDS)."
        )
        self.disease_id = disease_id


@dataclass(frozen=True, slots=True)
class ProfileHeader:
    """What a listing needs about a disease, read without building its profile."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    genes: tuple[str, ...]
    curated: bool
    database: str
    n_present: int
    n_excluded: int


@dataclass(frozen=True, slots=True, eq=False)
class AnnotationTable:
    """Every annotation of a store as flat arrays, for building score matrices.

    Row ``k`` of the arrays is one annotation; the annotations of disease ``i`` are rows
    ``indptr[i]:indptr[i + 1]``.

    Attributes
    ----------
    disease_ids : tuple[str, ...], length n_diseases
        Sorted like :attr:`ProfileStore.ids`.
    indptr : ndarray of int64, shape (n_diseases + 1,)
    term_ids : tuple[str, ...], length n_annotations
    excluded : ndarray of bool, shape (n_annotations,)
    probability : ndarray of float64, shape (n_annotations,)
        The scorer's frequency (:attr:`Annotation.frequency`); NaN when unknown.
    """

    disease_ids: tuple[str, ...]
    indptr: npt.NDArray[np.int64]
    term_ids: tuple[str, ...]
    excluded: npt.NDArray[np.bool_]
    probability: npt.NDArray[np.float64]


class ProfileStore:
    """Every disease profile of one HPO release plus the document-built profiles.

    A read-only value: profiles sorted by id, looked up with :meth:`get`. Profiles are
    built from a compact form the first time they are asked for.

    Attributes
    ----------
    hpoa_version
        The ``#version`` of ``phenotype.hpoa`` (``"2025-01-16"``).
    profile_set_version
        Short hash of the document-built profile files (``""`` when there are none).
    key
        Hash of every input; changes whenever the store could change.
    panels
        Panel name → :class:`~xpid.profiles.panels.Panel`.
    unmatched_curated
        Ids of document-built profiles whose disease is not in the HPOA file (left out).
    """

    __slots__ = ("_packed", "_index", "_built", "_frequencies", "_panels")

    def __init__(self, packed: PackedStore) -> None:
        self._packed = packed
        self._index = {d: i for i, d in enumerate(packed.ids)}
        self._built: list[DiseaseProfile | None] = [None] * len(packed.ids)
        self._frequencies: tuple[Frequency, ...] | None = None
        self._panels = MappingProxyType({p.name: p for p in packed.panels})

    @property
    def hpoa_version(self) -> str:
        return self._packed.hpoa_version

    @property
    def profile_set_version(self) -> str:
        return self._packed.profile_set_version

    @property
    def key(self) -> str:
        return self._packed.key

    @property
    def panels(self) -> Mapping[str, Panel]:
        return self._panels

    @property
    def unmatched_curated(self) -> tuple[str, ...]:
        return self._packed.unmatched_curated

    @property
    def ids(self) -> tuple[str, ...]:
        """Disease ids, sorted."""
        return self._packed.ids

    @property
    def profiles(self) -> tuple[DiseaseProfile, ...]:
        """Every profile, sorted by id (builds all of them on first use)."""
        return tuple(self._profile(i) for i in range(len(self._built)))

    def __len__(self) -> int:
        return len(self._built)

    def __iter__(self) -> Iterator[DiseaseProfile]:
        return (self._profile(i) for i in range(len(self._built)))

    def __contains__(self, disease_id: object) -> bool:
        return disease_id in self._index

    def __repr__(self) -> str:
        return (
            f"ProfileStore({len(self)} diseases, hpoa {self.hpoa_version}, "
            f"profiles {self.profile_set_version or '-'})"
        )

    def get(self, disease_id: str) -> DiseaseProfile | None:
        """The profile of ``disease_id``, or ``None`` when the store has no such disease."""
        index = self._index.get(disease_id)
        return None if index is None else self._profile(index)

    def require(self, disease_id: str) -> DiseaseProfile:
        """The profile of ``disease_id``.

        Raises
        ------
        UnknownDiseaseError
            If the store has no such disease.
        """
        profile = self.get(disease_id)
        if profile is None:
            raise UnknownDiseaseError(disease_id)
        return profile

    def header(self, disease_id: str) -> ProfileHeader | None:
        """Name, synonyms, gene symbols and annotation counts of ``disease_id``, cheaply."""
        i = self._index.get(disease_id)
        if i is None:
            return None
        p = self._packed
        present, excluded = p.annotation_counts(i)
        return ProfileHeader(
            id=p.ids[i],
            name=p.names[i],
            synonyms=p.synonyms[i],
            genes=tuple(symbol for symbol, _ in p.genes[i]),
            curated=bool(p.curated[i]),
            database=p.database[i],
            n_present=present,
            n_excluded=excluded,
        )

    def diseases_with_any(self, term_ids: Collection[str]) -> tuple[str, ...]:
        """Ids of the diseases with a *present* annotation of one of ``term_ids``.

        Pass a term and its descendants to count the diseases annotated to the term under
        the true-path rule.
        """
        ids = self._packed.ids
        return tuple(ids[i] for i in self._packed.diseases_with_present(term_ids))

    def name_of(self, disease_id: str) -> str | None:
        """The disease's name without building its profile."""
        i = self._index.get(disease_id)
        return None if i is None else self._packed.names[i]

    def is_curated(self, disease_id: str) -> bool:
        """Whether a document-built profile contributed to ``disease_id``."""
        i = self._index.get(disease_id)
        return i is not None and bool(self._packed.curated[i])

    def annotation_table(self) -> AnnotationTable:
        """All annotations as flat arrays (no profile objects are built)."""
        indptr, terms, excluded, probability = self._packed.annotation_columns(
            self._frequency_values()
        )
        return AnnotationTable(
            disease_ids=self.ids,
            indptr=indptr,
            term_ids=terms,
            excluded=excluded,
            probability=probability,
        )

    def _frequency_values(self) -> tuple[Frequency, ...]:
        if self._frequencies is None:
            self._frequencies = self._packed.frequency_values()
        return self._frequencies

    def _profile(self, i: int) -> DiseaseProfile:
        built = self._built[i]
        if built is None:
            built = self._built[i] = self._packed.unpack(i, self._frequency_values())
        return built
