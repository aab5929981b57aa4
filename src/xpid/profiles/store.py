"""The profile store: every disease of the HPO annotations, merged with document-built profiles.

:func:`build_store` turns a parsed ``phenotype.hpoa``, the gene map, the document-built
profiles and the panels into a :class:`ProfileStore`. :func:`load_store` does the same from
the data files, cached on disk keyed by the sha256 of every input.

**From HPOA rows to a profile.** Aspect ``P`` rows become annotations, one per (term,
status); a row is *excluded* when it has the ``NOT`` qualifier or a frequency that says
"never" (``0/N``, ``0%``, HP:0040285), else *present*. Each row is one
:class:`~xpid.profiles.model.AnnotationSource` whose ``reference`` is the row's reference
column as written (several references joined by ``;``). Aspect ``I`` rows give
``inheritance``; aspect ``C`` rows give ``onset`` when the id is under *Onset*
(HP:0003674) and ``clinical_course`` otherwise; aspect ``M`` (modifier) and ``H`` (past
medical history) rows are not part of the profile. The disease name is the one most of its
rows use.

**Merge rule.** A document-built profile extends the HPO profile of the same disease:
findings are the union; a finding present in both keeps both sources (HPOA rows first);
the scorer uses a count over at least 20 patients when there is one, else the
document-built frequency when it has one, else the HPOA one (see
:mod:`xpid.profiles.model`). Inheritance and onset are unions; synonyms, sex and related
diseases come from the document-built profile; its gene symbols are added to the gene map's.
A document-built profile of a disease that the HPOA file does not have is left out of the
store and listed in :attr:`ProfileStore.unmatched_curated` (``xpid profiles validate``
reports it): the profiles extend the HPO annotation of one release, and a data directory of
another release (or the test fixtures) may lack their diseases.

**Speed.** The cache holds the store in a compact form (numpy columns for the ~250,000
annotations, tuples for the rest); :class:`DiseaseProfile` values are built when first asked
for, so a warm load costs a few tens of milliseconds.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from xpid.annotations.frequency import Frequency, parse_frequency
from xpid.annotations.genes import Gene, load_genes
from xpid.annotations.hpoa import Aspect, HpoaFile, HpoaRow, load_hpoa
from xpid.cache import default_cache_dir, is_cached, load_or_build
from xpid.datafiles import DataFiles, file_sha256
from xpid.errors import DataError, XpidError
from xpid.profiles.curated import CuratedProfile, load_profile
from xpid.profiles.model import (
    Annotation,
    AnnotationSource,
    DiseaseProfile,
    Origin,
    RelatedDisease,
    Relation,
    Status,
    annotation_frequency,
    sort_annotations,
)
from xpid.profiles.panels import Panel, load_panels
from xpid.sex import Sex

if TYPE_CHECKING:
    from xpid.ontology import Ontology

__all__ = [
    "AnnotationTable",
    "ProfileHeader",
    "UnknownDiseaseError",
    "ProfileStore",
    "STORE_FORMAT_VERSION",
    "build_store",
    "curated_profile_paths",
    "load_store",
    "panel_paths",
    "store_is_cached",
]

STORE_FORMAT_VERSION = 4
"""Bump when the packed layout, the merge rules or the parsing of the inputs change (it is
part of the cache key)."""

_KIND = "profiles"
_STATUSES = (Status.PRESENT, Status.EXCLUDED)
_ORIGINS = (Origin.HPOA, Origin.CURATED)
_SEXES = tuple(Sex)
_RELATIONS = tuple(Relation)

_Meta = tuple[
    str,  # id
    str,  # name
    tuple[str, ...],  # synonyms
    tuple[tuple[str, str], ...],  # genes: (symbol, ncbi id)
    tuple[str, ...],  # inheritance
    tuple[str, ...],  # onset
    tuple[str, ...],  # clinical course
    int,  # sex code
    bool,  # curated
    tuple[tuple[str, int, str], ...],  # related: (id, relation code, note)
    str,  # database
]


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


@dataclass(frozen=True, slots=True, eq=False)
class _Packed:
    """The cached form of a store. Strings of the annotation columns are indices into
    ``strings``; frequencies indices into ``frequencies``; -1 means none."""

    hpoa_version: str
    profile_set_version: str
    key: str
    panels: tuple[Panel, ...]
    unmatched_curated: tuple[str, ...]
    strings: tuple[str, ...]
    frequencies: tuple[str, ...]
    meta: tuple[_Meta, ...]
    ann_indptr: npt.NDArray[np.int64]
    ann_term: npt.NDArray[np.int32]
    ann_status: npt.NDArray[np.int8]
    ann_frequency: npt.NDArray[np.int32]
    ann_onset: npt.NDArray[np.int32]
    ann_comment: npt.NDArray[np.int32]
    src_indptr: npt.NDArray[np.int64]
    src_origin: npt.NDArray[np.int8]
    src_reference: npt.NDArray[np.int32]
    src_frequency: npt.NDArray[np.int32]
    src_citation: npt.NDArray[np.int32]


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

    def __init__(self, packed: _Packed) -> None:
        self._packed = packed
        self._index = {m[0]: i for i, m in enumerate(packed.meta)}
        self._built: list[DiseaseProfile | None] = [None] * len(packed.meta)
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
        return tuple(m[0] for m in self._packed.meta)

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
        index = self._index.get(disease_id)
        if index is None:
            return None
        p = self._packed
        meta = p.meta[index]
        excluded = int(
            np.count_nonzero(p.ann_status[p.ann_indptr[index] : p.ann_indptr[index + 1]])
        )
        total = int(p.ann_indptr[index + 1] - p.ann_indptr[index])
        return ProfileHeader(
            id=meta[0],
            name=meta[1],
            synonyms=meta[2],
            genes=tuple(symbol for symbol, _ in meta[3]),
            curated=meta[8],
            database=meta[10],
            n_present=total - excluded,
            n_excluded=excluded,
        )

    def diseases_with_any(self, term_ids: Collection[str]) -> tuple[str, ...]:
        """Ids of the diseases with a *present* annotation of one of ``term_ids``.

        Pass a term and its descendants to count the diseases annotated to the term under
        the true-path rule.
        """
        p = self._packed
        wanted = set(term_ids)
        codes = np.array([i for i, text in enumerate(p.strings) if text in wanted], dtype=np.int32)
        hits = np.flatnonzero(np.isin(p.ann_term, codes) & (p.ann_status == 0))
        rows = np.unique(np.searchsorted(p.ann_indptr, hits, side="right") - 1)
        return tuple(p.meta[int(i)][0] for i in rows)

    def name_of(self, disease_id: str) -> str | None:
        """The disease's name without building its profile."""
        index = self._index.get(disease_id)
        return None if index is None else self._packed.meta[index][1]

    def is_curated(self, disease_id: str) -> bool:
        """Whether a document-built profile contributed to ``disease_id``."""
        index = self._index.get(disease_id)
        return index is not None and bool(self._packed.meta[index][8])

    def annotation_table(self) -> AnnotationTable:
        """All annotations as flat arrays (no profile objects are built)."""
        p = self._packed
        freqs = self._frequency_values()
        probs = np.array(
            [np.nan if f.probability is None else f.probability for f in freqs], dtype=np.float64
        )
        strings = p.strings
        return AnnotationTable(
            disease_ids=self.ids,
            indptr=p.ann_indptr.astype(np.int64),
            term_ids=tuple(strings[i] for i in p.ann_term.tolist()),
            excluded=p.ann_status == 1,
            probability=probs[p.ann_frequency] if len(freqs) else np.zeros(0),
        )

    def _frequency_values(self) -> tuple[Frequency, ...]:
        if self._frequencies is None:
            self._frequencies = tuple(parse_frequency(s) for s in self._packed.frequencies)
        return self._frequencies

    def _profile(self, i: int) -> DiseaseProfile:
        built = self._built[i]
        if built is None:
            built = self._built[i] = self._unpack(i)
        return built

    def _unpack(self, i: int) -> DiseaseProfile:
        p = self._packed
        s = p.strings
        freqs = self._frequency_values()
        (did, name, synonyms, genes, inheritance, onset, course, sex, curated, related, db) = (
            p.meta[i]
        )
        a0, a1 = int(p.ann_indptr[i]), int(p.ann_indptr[i + 1])
        terms = p.ann_term[a0:a1].tolist()
        statuses = p.ann_status[a0:a1].tolist()
        afreq = p.ann_frequency[a0:a1].tolist()
        aonset = p.ann_onset[a0:a1].tolist()
        acomment = p.ann_comment[a0:a1].tolist()
        sptr = p.src_indptr[a0 : a1 + 1].tolist()
        s0, s1 = sptr[0], sptr[-1]
        origins = p.src_origin[s0:s1].tolist()
        refs = p.src_reference[s0:s1].tolist()
        sfreq = p.src_frequency[s0:s1].tolist()
        cites = p.src_citation[s0:s1].tolist()
        annotations = []
        for k in range(a1 - a0):
            sources = tuple(
                AnnotationSource(
                    _ORIGINS[origins[j]],
                    s[refs[j]],
                    freqs[sfreq[j]],
                    s[cites[j]] if cites[j] >= 0 else "",
                )
                for j in range(sptr[k] - s0, sptr[k + 1] - s0)
            )
            annotations.append(
                Annotation(
                    s[terms[k]],
                    _STATUSES[statuses[k]],
                    freqs[afreq[k]],
                    s[aonset[k]] if aonset[k] >= 0 else None,
                    sources,
                    s[acomment[k]] if acomment[k] >= 0 else "",
                )
            )
        return DiseaseProfile(
            id=did,
            name=name,
            synonyms=synonyms,
            genes=tuple(Gene(sym, ncbi) for sym, ncbi in genes),
            inheritance=inheritance,
            onset=onset,
            sex=_SEXES[sex],
            annotations=tuple(annotations),
            curated=curated,
            related=tuple(RelatedDisease(rid, _RELATIONS[rel], note) for rid, rel, note in related),
            database=db,
            clinical_course=course,
        )


# ----------------------------------------------------------------------------- building


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _row_status(row: HpoaRow) -> Status:
    return Status.EXCLUDED if row.negated or row.frequency.is_absent else Status.PRESENT


def _hpoa_profile(
    disease_id: str,
    rows: Sequence[HpoaRow],
    genes: tuple[Gene, ...],
    onset_terms: Collection[str] | None,
) -> DiseaseProfile:
    names = Counter(r.disease_name for r in rows)
    top = max(names.values())
    name = next(r.disease_name for r in rows if names[r.disease_name] == top)
    grouped: dict[tuple[str, Status], list[HpoaRow]] = {}
    inheritance: list[str] = []
    onset: list[str] = []
    course: list[str] = []
    for row in rows:
        if row.aspect is Aspect.P:
            grouped.setdefault((row.hpo_id, _row_status(row)), []).append(row)
        elif row.aspect is Aspect.I:
            inheritance.append(row.hpo_id)
        elif row.aspect is Aspect.C:
            if onset_terms is None or row.hpo_id in onset_terms:
                onset.append(row.hpo_id)
            else:
                course.append(row.hpo_id)
    annotations = []
    for (term, status), group in grouped.items():
        sources = tuple(
            [AnnotationSource(Origin.HPOA, ";".join(r.references), r.frequency) for r in group]
        )
        first_onset = next((r.onset for r in group if r.onset), None)
        annotations.append(
            Annotation(term, status, annotation_frequency(sources), first_onset, sources)
        )
    return DiseaseProfile(
        id=disease_id,
        name=name,
        synonyms=(),
        genes=genes,
        inheritance=_unique(inheritance),
        onset=_unique(onset),
        sex=Sex.UNKNOWN,
        annotations=sort_annotations(annotations),
        curated=False,
        related=(),
        database=disease_id.split(":", 1)[0],
        clinical_course=_unique(course),
    )


def merge_curated(base: DiseaseProfile | None, curated: CuratedProfile) -> DiseaseProfile:
    """Extend ``base`` (the HPO profile; ``None`` for none) with a document-built profile.

    See the module docstring for the merge rule.
    """
    by_key: dict[tuple[str, Status], Annotation] = {}
    if base is not None:
        by_key = {(a.term_id, a.status): a for a in base.annotations}
    for f in curated.findings:
        added = tuple(
            AnnotationSource(Origin.CURATED, key, f.frequency, curated.source(key).citation)
            for key in f.sources
        )
        old = by_key.get((f.term, f.status))
        sources = (old.sources if old else ()) + added
        by_key[(f.term, f.status)] = Annotation(
            term_id=f.term,
            status=f.status,
            frequency=annotation_frequency(sources),
            onset=f.onset or (old.onset if old else None),
            sources=sources,
            comment=f.comment,
        )
    genes = list(base.genes) if base else []
    have = {g.symbol for g in genes}
    genes.extend(Gene(symbol, "") for symbol in curated.genes if symbol not in have)
    return DiseaseProfile(
        id=curated.id,
        name=base.name if base else curated.name,
        synonyms=curated.synonyms,
        genes=tuple(sorted(genes)),
        inheritance=_unique([*(base.inheritance if base else ()), *curated.inheritance]),
        onset=_unique([*(base.onset if base else ()), *curated.onset]),
        sex=curated.sex,
        annotations=sort_annotations(by_key.values()),
        curated=True,
        related=curated.related,
        database=curated.id.split(":", 1)[0],
        clinical_course=base.clinical_course if base else (),
    )


def build_profiles(
    hpoa: HpoaFile,
    genes: Mapping[str, tuple[Gene, ...]],
    curated: Sequence[CuratedProfile] = (),
    *,
    onset_terms: Collection[str] | None = None,
) -> tuple[tuple[DiseaseProfile, ...], tuple[str, ...]]:
    """Every profile (HPOA diseases merged with ``curated``), sorted by id.

    Returns the profiles and the ids of the ``curated`` profiles left out because the HPOA
    file lacks their disease.

    Parameters
    ----------
    onset_terms
        Ids under *Onset* (HP:0003674); aspect ``C`` rows with other ids go to
        ``clinical_course``. ``None`` puts every ``C`` row in ``onset``.
    """
    rows_by_disease: dict[str, list[HpoaRow]] = {}
    for row in hpoa.rows:
        rows_by_disease.setdefault(row.disease_id, []).append(row)
    profiles = {
        d: _hpoa_profile(d, rows, genes.get(d, ()), onset_terms)
        for d, rows in rows_by_disease.items()
    }
    unmatched: list[str] = []
    for c in curated:
        if c.id in profiles:
            profiles[c.id] = merge_curated(profiles[c.id], c)
        else:
            unmatched.append(c.id)
    return tuple(profiles[d] for d in sorted(profiles)), tuple(unmatched)


def _pack(
    profiles: Sequence[DiseaseProfile],
    *,
    hpoa_version: str,
    profile_set_version: str,
    key: str,
    panels: Sequence[Panel],
    unmatched_curated: tuple[str, ...] = (),
) -> _Packed:
    strings: dict[str, int] = {}
    frequencies: dict[str, int] = {}

    def sid(text: str) -> int:
        index = strings.get(text)
        if index is None:
            index = strings[text] = len(strings)
        return index

    def fid(freq: Frequency) -> int:
        index = frequencies.get(freq.source)
        if index is None:
            index = frequencies[freq.source] = len(frequencies)
        return index

    status_code = {s: i for i, s in enumerate(_STATUSES)}
    origin_code = {o: i for i, o in enumerate(_ORIGINS)}
    meta: list[_Meta] = []
    ann_indptr = [0]
    a_term: list[int] = []
    a_status: list[int] = []
    a_freq: list[int] = []
    a_onset: list[int] = []
    a_comment: list[int] = []
    src_indptr = [0]
    s_origin: list[int] = []
    s_ref: list[int] = []
    s_freq: list[int] = []
    s_cite: list[int] = []
    for p in profiles:
        meta.append(
            (
                p.id,
                p.name,
                p.synonyms,
                tuple((g.symbol, g.ncbi_id) for g in p.genes),
                p.inheritance,
                p.onset,
                p.clinical_course,
                _SEXES.index(p.sex),
                p.curated,
                tuple((r.id, _RELATIONS.index(r.relation), r.note) for r in p.related),
                p.database,
            )
        )
        for a in p.annotations:
            a_term.append(sid(a.term_id))
            a_status.append(status_code[a.status])
            a_freq.append(fid(a.frequency))
            a_onset.append(sid(a.onset) if a.onset else -1)
            a_comment.append(sid(a.comment) if a.comment else -1)
            for src in a.sources:
                s_origin.append(origin_code[src.origin])
                s_ref.append(sid(src.reference))
                s_freq.append(fid(src.frequency))
                s_cite.append(sid(src.citation) if src.citation else -1)
            src_indptr.append(len(s_origin))
        ann_indptr.append(len(a_term))
    return _Packed(
        hpoa_version=hpoa_version,
        profile_set_version=profile_set_version,
        key=key,
        panels=tuple(panels),
        unmatched_curated=unmatched_curated,
        strings=tuple(strings),
        frequencies=tuple(frequencies),
        meta=tuple(meta),
        ann_indptr=np.asarray(ann_indptr, dtype=np.int64),
        ann_term=np.asarray(a_term, dtype=np.int32),
        ann_status=np.asarray(a_status, dtype=np.int8),
        ann_frequency=np.asarray(a_freq, dtype=np.int32),
        ann_onset=np.asarray(a_onset, dtype=np.int32),
        ann_comment=np.asarray(a_comment, dtype=np.int32),
        src_indptr=np.asarray(src_indptr, dtype=np.int64),
        src_origin=np.asarray(s_origin, dtype=np.int8),
        src_reference=np.asarray(s_ref, dtype=np.int32),
        src_frequency=np.asarray(s_freq, dtype=np.int32),
        src_citation=np.asarray(s_cite, dtype=np.int32),
    )


def _profile_set_version(texts: Sequence[bytes]) -> str:
    if not texts:
        return ""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(len(text).to_bytes(8, "little"))
        digest.update(text)
    return digest.hexdigest()[:12]


def build_store(
    hpoa: HpoaFile,
    genes: Mapping[str, tuple[Gene, ...]],
    curated: Sequence[CuratedProfile] = (),
    panels: Mapping[str, Panel] | Sequence[Panel] = (),
    *,
    onset_terms: Collection[str] | None = None,
    profile_set_version: str = "",
    key: str = "",
) -> ProfileStore:
    """Build the store from parsed inputs (pure; no file access).

    Parameters
    ----------
    hpoa
        The parsed ``phenotype.hpoa``.
    genes
        Disease id → genes (:func:`xpid.annotations.genes.parse_genes`).
    curated
        Document-built profiles, merged into the HPO profile of the same disease.
    panels
        Panels, as a name → panel mapping or a sequence.
    onset_terms
        Ids under *Onset*; see :func:`build_profiles`.
    profile_set_version, key
        Recorded on the store (set by :func:`load_store`).
    """
    profiles, unmatched = build_profiles(hpoa, genes, curated, onset_terms=onset_terms)
    values = list(panels.values()) if isinstance(panels, Mapping) else list(panels)
    return ProfileStore(
        _pack(
            profiles,
            hpoa_version=hpoa.version,
            profile_set_version=profile_set_version,
            key=key,
            panels=values,
            unmatched_curated=unmatched,
        )
    )


def curated_profile_paths(files: DataFiles) -> tuple[Path, ...]:
    """The document-built profile files (``profiles/*.toml``), sorted."""
    if files.profiles is None or not files.profiles.is_dir():
        return ()
    return tuple(sorted(files.profiles.glob("*.toml")))


def panel_paths(files: DataFiles) -> tuple[Path, ...]:
    """The panel files (``profiles/panels/*.toml``), sorted."""
    if files.profiles is None or not (files.profiles / "panels").is_dir():
        return ()
    return tuple(sorted((files.profiles / "panels").glob("*.toml")))


def _inputs(files: DataFiles) -> tuple[str, tuple[bytes, ...], str]:
    if files.hpoa is None:
        raise DataError(
            f"data directory {str(files.directory)!r} holds no phenotype.hpoa(.gz); "
            "disease profiles need it."
        )
    curated_bytes = tuple(p.read_bytes() for p in curated_profile_paths(files))
    digest = hashlib.sha256(f"store-v{STORE_FORMAT_VERSION}".encode())
    for label, path in (("hpoa", files.hpoa), ("genes", files.genes), ("obo", files.obo)):
        digest.update(f"{label}:{file_sha256(path) if path else '-'}\n".encode())
    for path, data in zip(curated_profile_paths(files), curated_bytes, strict=True):
        digest.update(f"profile:{path.name}:{hashlib.sha256(data).hexdigest()}\n".encode())
    for path in panel_paths(files):
        digest.update(f"panel:{path.name}:{file_sha256(path)}\n".encode())
    version = _profile_set_version(curated_bytes)
    return digest.hexdigest(), curated_bytes, version


def store_cache_key(files: DataFiles) -> str:
    """Hash of every input of the store (its cache key)."""
    return _inputs(files)[0]


def store_is_cached(files: DataFiles, cache_dir: Path | None = None) -> bool:
    """Whether :func:`load_store` would hit the cache (so no build status is needed)."""
    directory = default_cache_dir() if cache_dir is None else cache_dir
    return is_cached(directory, _KIND, _inputs(files)[0])


def load_store(
    files: DataFiles,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    on_build: Callable[[], None] | None = None,
    ontology: Ontology | None = None,
) -> ProfileStore:
    """Load the profile store of ``files``, from the cache when it is current.

    Parameters
    ----------
    files
        The data files (:func:`xpid.datafiles.locate_data`): ``phenotype.hpoa``,
        ``genes_to_disease.tsv`` (optional), ``hp.obo`` (to tell onset from clinical-course
        terms), the document-built profiles and the panels.
    cache_dir
        Cache directory; default :func:`xpid.cache.default_cache_dir`.
    use_cache
        ``False`` builds from source and neither reads nor writes the cache.
    on_build
        Called before a build from source starts.
    ontology
        The already-loaded ontology of ``files.obo`` (loaded here when not given).

    Raises
    ------
    DataError
        If the annotation file is missing or unreadable.
    AnnotationFormatError, ProfileFormatError
        If an input is malformed.
    """
    key, _, version = _inputs(files)

    def build() -> _Packed:
        from xpid.constants import ONSET
        from xpid.ontology.load import load_ontology

        assert files.hpoa is not None
        hpoa = load_hpoa(files.hpoa)
        genes = load_genes(files.genes) if files.genes is not None else {}
        curated = [load_profile(p) for p in curated_profile_paths(files)]
        panels = load_panels(panel_paths(files))
        onto = (
            ontology
            if ontology is not None
            else load_ontology(files.obo, cache_dir=cache_dir, use_cache=use_cache)
        )
        root = onto.get_index(ONSET)
        onset_terms = None if root is None else {onto.ids[i] for i in onto.descendants(root)}
        profiles, unmatched = build_profiles(hpoa, genes, curated, onset_terms=onset_terms)
        return _pack(
            profiles,
            hpoa_version=hpoa.version,
            profile_set_version=version,
            key=key,
            panels=list(panels.values()),
            unmatched_curated=unmatched,
        )

    directory = (default_cache_dir() if cache_dir is None else cache_dir) if use_cache else None
    packed = load_or_build(directory, _KIND, key, build, _Packed, on_build=on_build)
    return ProfileStore(packed)
