"""Loading a profile store: from parsed inputs (:func:`build_store`) or from the data files,
cached on disk under the hash of every input (:func:`load_store`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path

from xpid.annotations import Gene, HpoaFile, load_genes, load_hpoa
from xpid.cache import default_cache_dir
from xpid.constants import ONSET
from xpid.datafiles import DataFiles
from xpid.ontology import Ontology, load_ontology
from xpid.profiles.build import build_profiles
from xpid.profiles.curated import CuratedProfile, load_profile
from xpid.profiles.inputs import curated_profile_paths, panel_paths, store_inputs
from xpid.profiles.packed import PackedStore, load_packed, pack_profiles, packed_is_cached
from xpid.profiles.panels import Panel, load_panels
from xpid.profiles.store import ProfileStore

__all__ = ["build_store", "load_store", "store_is_cached"]


def _pack(
    hpoa: HpoaFile,
    genes: Mapping[str, tuple[Gene, ...]],
    curated: Sequence[CuratedProfile],
    panels: Mapping[str, Panel] | Sequence[Panel],
    *,
    onset_terms: Collection[str] | None,
    profile_set_version: str,
    key: str,
) -> PackedStore:
    profiles, unmatched = build_profiles(hpoa, genes, curated, onset_terms=onset_terms)
    return pack_profiles(
        profiles,
        hpoa_version=hpoa.version,
        profile_set_version=profile_set_version,
        key=key,
        panels=list(panels.values()) if isinstance(panels, Mapping) else list(panels),
        unmatched_curated=unmatched,
    )


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
    hpoa, genes, curated, onset_terms
        As for :func:`xpid.profiles.build.build_profiles`.
    panels
        Panels, as a name → panel mapping or a sequence.
    profile_set_version, key
        Recorded on the store (set by :func:`load_store`).
    """
    return ProfileStore(
        _pack(
            hpoa,
            genes,
            curated,
            panels,
            onset_terms=onset_terms,
            profile_set_version=profile_set_version,
            key=key,
        )
    )


def store_is_cached(files: DataFiles, cache_dir: Path | None = None) -> bool:
    """Whether :func:`load_store` would hit the cache (so no build status is needed)."""
    directory = default_cache_dir() if cache_dir is None else cache_dir
    return packed_is_cached(directory, store_inputs(files).key)


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
    inputs = store_inputs(files)

    def build() -> PackedStore:
        assert files.hpoa is not None  # store_inputs checked it
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
        return _pack(
            hpoa,
            genes,
            curated,
            panels,
            onset_terms=None if root is None else {onto.ids[i] for i in onto.descendants(root)},
            profile_set_version=inputs.profile_set_version,
            key=inputs.key,
        )

    directory = (default_cache_dir() if cache_dir is None else cache_dir) if use_cache else None
    return ProfileStore(load_packed(directory, inputs.key, build, on_build=on_build))
