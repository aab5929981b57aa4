"""Load a knowledge base: each part from its own cache, compiled arrays keyed by inputs."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from xpid.cache import default_cache_dir, is_cached, load_or_build
from xpid.datafiles import DataFiles, locate_data
from xpid.errors import DataError
from xpid.knowledge.base import KnowledgeBase
from xpid.knowledge.build import KB_FORMAT_VERSION, CompiledArrays, compile_profiles
from xpid.ontology import load_ontology
from xpid.profiles import ProfileStore, load_store, store_cache_key

__all__ = ["load_knowledge_base", "knowledge_base_key", "knowledge_base_is_cached"]

_KIND = "kb"


def knowledge_base_key(files: DataFiles, store_key: str | None = None) -> str:
    """Hash of the format version and the profile store's key.

    The store's key covers every input file (ontology, annotations, gene map, profiles,
    panels) and the store's own format version, so a change of the merge rules (which
    frequency an annotation scores with) rebuilds the compiled arrays too. ``store_key`` is
    that key when the store is already loaded (:attr:`ProfileStore.key`), which saves
    hashing the input files a second time.
    """
    digest = hashlib.sha256(f"kb-format-{KB_FORMAT_VERSION}".encode())
    digest.update((store_key or store_cache_key(files)).encode())
    return digest.hexdigest()


def knowledge_base_is_cached(files: DataFiles, cache_dir: Path | None = None) -> bool:
    """Whether the compiled arrays for ``files`` are in the cache (the others are smaller)."""
    directory = default_cache_dir() if cache_dir is None else cache_dir
    return is_cached(directory, _KIND, knowledge_base_key(files))


def load_knowledge_base(
    data_dir: Path | str | None = None,
    *,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    on_build: Callable[[], None] | None = None,
) -> KnowledgeBase:
    """Load the ontology, the profile store and the compiled arrays.

    Parameters
    ----------
    data_dir
        HPO release directory; default ``XPID_DATA_DIR`` or the bundled release.
    cache_dir
        Cache directory; default ``XPID_CACHE_DIR`` or the user cache.
    use_cache
        ``False`` builds everything from source without touching the cache.
    on_build
        Called once before the first slow build step (the CLI shows a status line).

    Raises
    ------
    DataError
        When the data directory lacks the annotation file.
    """
    files = locate_data(data_dir)
    if files.hpoa is None:
        raise DataError(
            f"data directory {str(files.directory)!r} has no phenotype.hpoa(.gz); "
            "ranking needs the disease annotations."
        )
    directory = (
        (default_cache_dir() if cache_dir is None else Path(cache_dir)) if use_cache else None
    )
    called = False

    def notify() -> None:
        nonlocal called
        if not called and on_build is not None:
            called = True
            on_build()

    ontology = load_ontology(files.obo, cache_dir=directory, use_cache=use_cache, on_build=notify)
    store: ProfileStore = load_store(
        files, cache_dir=directory, use_cache=use_cache, on_build=notify, ontology=ontology
    )
    compiled = load_or_build(
        directory,
        _KIND,
        knowledge_base_key(files, store.key),
        lambda: compile_profiles(ontology, store),
        CompiledArrays,
        on_build=notify,
    )
    return KnowledgeBase.from_parts(ontology, store, compiled)
