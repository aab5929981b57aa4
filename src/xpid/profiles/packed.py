"""The cached form of a profile store: named columns, and the one place that stores them.

A :class:`PackedStore` holds every profile of a store as columns: one entry per disease
(sorted by id) for the disease facts, flat numpy arrays for the ~250,000 annotations and
their sources, and string tables that those arrays index. It is built by
:func:`pack_profiles`, turned back into a :class:`~xpid.profiles.model.DiseaseProfile` one
disease at a time by :meth:`PackedStore.unpack`, and written to and read from the cache by
:func:`load_packed`. Nothing else in xpid knows the layout: the
:class:`~xpid.profiles.store.ProfileStore` asks this module's methods, so the on-disk
format (a pickle in :mod:`xpid.cache` today) can change here alone.

Codes: annotation status 0 present, 1 excluded; source origin 0 HPOA, 1 document-built;
sex and relation codes are positions in :class:`~xpid.sex.Sex` and
:class:`~xpid.profiles.model.Relation`; a string or frequency index of -1 means none.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from xpid.annotations import Frequency, Gene, parse_frequency
from xpid.cache import is_cached, load_or_build
from xpid.profiles.model import (
    Annotation,
    AnnotationSource,
    DiseaseProfile,
    Origin,
    RelatedDisease,
    Relation,
    Status,
)
from xpid.profiles.panels import Panel
from xpid.sex import Sex

__all__ = [
    "STORE_FORMAT_VERSION",
    "PackedStore",
    "load_packed",
    "pack_profiles",
    "packed_is_cached",
]

STORE_FORMAT_VERSION = 5
"""Bump when the packed layout, the merge rules or the parsing of the inputs change (it is
part of the cache key, :func:`xpid.profiles.inputs.store_inputs`)."""

_KIND = "profiles"
_STATUSES = (Status.PRESENT, Status.EXCLUDED)
_EXCLUDED = 1
_ORIGINS = (Origin.HPOA, Origin.CURATED)
_SEXES = tuple(Sex)
_RELATIONS = tuple(Relation)

I8 = npt.NDArray[np.int8]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class PackedStore:
    """Every profile of a store as columns (see the module docstring for the codes).

    Attributes
    ----------
    hpoa_version, profile_set_version, key, panels, unmatched_curated
        What :class:`~xpid.profiles.store.ProfileStore` reports about itself.
    strings : tuple of str
        Term ids, references, citations, onsets and comments; ``ann_*`` and ``src_*``
        string columns index it.
    frequencies : tuple of str
        Frequencies as written (``"7/8"``, ``"HP:0040281"``, ``""``); frequency columns
        index it.
    ids, names, database : tuple of str, length n_diseases
        Disease id (sorted), name and id prefix.
    synonyms, inheritance, onset, clinical_course : tuple of tuple of str, length n_diseases
    genes : tuple of tuple of (symbol, NCBI id), length n_diseases
    related : tuple of tuple of (id, relation code, note), length n_diseases
    sex : int8 array, shape (n_diseases,)
        Code of the sex the disease is restricted to.
    curated : bool array, shape (n_diseases,)
        Whether a document-built profile contributed.
    ann_indptr : int64 array, shape (n_diseases + 1,)
        The annotations of disease ``i`` are rows ``ann_indptr[i]:ann_indptr[i + 1]``.
    ann_term, ann_status, ann_frequency, ann_onset, ann_comment : arrays, shape (n_ann,)
        Per annotation: term (string index), status code, scorer's frequency (frequency
        index), onset and comment (string index or -1).
    src_indptr : int64 array, shape (n_ann + 1,)
        The sources of annotation ``k`` are rows ``src_indptr[k]:src_indptr[k + 1]``.
    src_origin, src_reference, src_frequency, src_citation : arrays, shape (n_src,)
        Per source: origin code, reference (string index), frequency (frequency index),
        citation (string index or -1).
    """

    hpoa_version: str
    profile_set_version: str
    key: str
    panels: tuple[Panel, ...]
    unmatched_curated: tuple[str, ...]
    strings: tuple[str, ...]
    frequencies: tuple[str, ...]
    ids: tuple[str, ...]
    names: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...]
    genes: tuple[tuple[tuple[str, str], ...], ...]
    inheritance: tuple[tuple[str, ...], ...]
    onset: tuple[tuple[str, ...], ...]
    clinical_course: tuple[tuple[str, ...], ...]
    sex: I8
    curated: npt.NDArray[np.bool_]
    related: tuple[tuple[tuple[str, int, str], ...], ...]
    database: tuple[str, ...]
    ann_indptr: I64
    ann_term: I32
    ann_status: I8
    ann_frequency: I32
    ann_onset: I32
    ann_comment: I32
    src_indptr: I64
    src_origin: I8
    src_reference: I32
    src_frequency: I32
    src_citation: I32

    def frequency_values(self) -> tuple[Frequency, ...]:
        """The parsed :attr:`frequencies` (callers keep them: parsing costs)."""
        return tuple(parse_frequency(s) for s in self.frequencies)

    def annotation_counts(self, i: int) -> tuple[int, int]:
        """Numbers of present and excluded annotations of disease ``i``."""
        lo, hi = int(self.ann_indptr[i]), int(self.ann_indptr[i + 1])
        excluded = int(np.count_nonzero(self.ann_status[lo:hi] == _EXCLUDED))
        return hi - lo - excluded, excluded

    def diseases_with_present(self, term_ids: Collection[str]) -> tuple[int, ...]:
        """Positions of the diseases with a present annotation of one of ``term_ids``."""
        wanted = set(term_ids)
        codes = np.array([k for k, s in enumerate(self.strings) if s in wanted], dtype=np.int32)
        hits = np.flatnonzero(np.isin(self.ann_term, codes) & (self.ann_status != _EXCLUDED))
        rows = np.unique(np.searchsorted(self.ann_indptr, hits, side="right") - 1)
        return tuple(int(i) for i in rows)

    def annotation_columns(
        self, frequencies: Sequence[Frequency]
    ) -> tuple[I64, tuple[str, ...], npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
        """Every annotation as flat columns: the disease offsets ``ann_indptr``, then per
        annotation its term id, whether it is excluded and the scorer's probability (NaN
        when unknown). ``frequencies`` are :meth:`frequency_values`.
        """
        probs = np.array(
            [np.nan if f.probability is None else f.probability for f in frequencies],
            dtype=np.float64,
        )
        terms = tuple(self.strings[k] for k in self.ann_term.tolist())
        probability = probs[self.ann_frequency] if len(frequencies) else np.zeros(0)
        return self.ann_indptr.astype(np.int64), terms, self.ann_status == _EXCLUDED, probability

    def unpack(self, i: int, frequencies: Sequence[Frequency]) -> DiseaseProfile:
        """The profile of disease ``i``; ``frequencies`` are :meth:`frequency_values`."""
        s = self.strings
        a0, a1 = int(self.ann_indptr[i]), int(self.ann_indptr[i + 1])
        terms = self.ann_term[a0:a1].tolist()
        statuses = self.ann_status[a0:a1].tolist()
        afreq = self.ann_frequency[a0:a1].tolist()
        aonset = self.ann_onset[a0:a1].tolist()
        acomment = self.ann_comment[a0:a1].tolist()
        sptr = self.src_indptr[a0 : a1 + 1].tolist()
        s0, s1 = sptr[0], sptr[-1]
        origins = self.src_origin[s0:s1].tolist()
        refs = self.src_reference[s0:s1].tolist()
        sfreq = self.src_frequency[s0:s1].tolist()
        cites = self.src_citation[s0:s1].tolist()
        annotations = []
        for k in range(a1 - a0):
            sources = tuple(
                AnnotationSource(
                    _ORIGINS[origins[j]],
                    s[refs[j]],
                    frequencies[sfreq[j]],
                    s[cites[j]] if cites[j] >= 0 else "",
                )
                for j in range(sptr[k] - s0, sptr[k + 1] - s0)
            )
            annotations.append(
                Annotation(
                    s[terms[k]],
                    _STATUSES[statuses[k]],
                    frequencies[afreq[k]],
                    s[aonset[k]] if aonset[k] >= 0 else None,
                    sources,
                    s[acomment[k]] if acomment[k] >= 0 else "",
                )
            )
        return DiseaseProfile(
            id=self.ids[i],
            name=self.names[i],
            synonyms=self.synonyms[i],
            genes=tuple(Gene(symbol, ncbi) for symbol, ncbi in self.genes[i]),
            inheritance=self.inheritance[i],
            onset=self.onset[i],
            sex=_SEXES[int(self.sex[i])],
            annotations=tuple(annotations),
            curated=bool(self.curated[i]),
            related=tuple(
                RelatedDisease(rid, _RELATIONS[code], note) for rid, code, note in self.related[i]
            ),
            database=self.database[i],
            clinical_course=self.clinical_course[i],
        )


def pack_profiles(
    profiles: Sequence[DiseaseProfile],
    *,
    hpoa_version: str,
    profile_set_version: str,
    key: str,
    panels: Sequence[Panel],
    unmatched_curated: tuple[str, ...] = (),
) -> PackedStore:
    """Pack ``profiles`` (sorted by id) and the store's provenance into columns."""
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
    return PackedStore(
        hpoa_version=hpoa_version,
        profile_set_version=profile_set_version,
        key=key,
        panels=tuple(panels),
        unmatched_curated=unmatched_curated,
        strings=tuple(strings),
        frequencies=tuple(frequencies),
        ids=tuple(p.id for p in profiles),
        names=tuple(p.name for p in profiles),
        synonyms=tuple(p.synonyms for p in profiles),
        genes=tuple(tuple((g.symbol, g.ncbi_id) for g in p.genes) for p in profiles),
        inheritance=tuple(p.inheritance for p in profiles),
        onset=tuple(p.onset for p in profiles),
        clinical_course=tuple(p.clinical_course for p in profiles),
        sex=np.array([_SEXES.index(p.sex) for p in profiles], dtype=np.int8),
        curated=np.array([p.curated for p in profiles], dtype=np.bool_),
        related=tuple(
            tuple((r.id, _RELATIONS.index(r.relation), r.note) for r in p.related) for p in profiles
        ),
        database=tuple(p.database for p in profiles),
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


def packed_is_cached(cache_dir: Path, key: str) -> bool:
    """Whether :func:`load_packed` would find the entry for ``key`` in ``cache_dir``."""
    return is_cached(cache_dir, _KIND, key)


def load_packed(
    cache_dir: Path | None,
    key: str,
    build: Callable[[], PackedStore],
    *,
    on_build: Callable[[], None] | None = None,
) -> PackedStore:
    """The packed store cached under ``key``, or ``build()`` written to the cache.

    ``cache_dir`` ``None`` builds without reading or writing a cache; ``on_build`` is
    called before a build starts.
    """
    return load_or_build(cache_dir, _KIND, key, build, PackedStore, on_build=on_build)
