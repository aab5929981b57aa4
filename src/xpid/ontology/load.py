"""Load the compiled ontology index, from the cache when it is current."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from xpid.cache import default_cache_dir, is_cached, load_or_build
from xpid.datafiles import file_sha256
from xpid.ontology.index import INDEX_FORMAT_VERSION, Ontology, build_ontology
from xpid.ontology.wordings import wordings_digest

__all__ = ["load_ontology", "ontology_cache_key", "ontology_is_cached"]

_KIND = "ontology"


def ontology_cache_key(obo_path: Path) -> str:
    """Cache key of the index built from ``obo_path``: its hash, the format version and
    the hash of the word lists the index derives strings from."""
    return f"{file_sha256(obo_path)}-v{INDEX_FORMAT_VERSION}-w{wordings_digest()}"


def ontology_is_cached(obo_path: Path, cache_dir: Path | None = None) -> bool:
    """Whether loading ``obo_path`` would hit the cache (so no build status is needed)."""
    directory = default_cache_dir() if cache_dir is None else cache_dir
    return is_cached(directory, _KIND, ontology_cache_key(obo_path))


def load_ontology(
    obo_path: Path,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    on_build: Callable[[], None] | None = None,
) -> Ontology:
    """Load the ontology index for ``obo_path``, building and caching it when needed.

    Parameters
    ----------
    obo_path
        ``hp.obo`` or ``hp.obo.gz``.
    cache_dir
        Cache directory; default :func:`xpid.cache.default_cache_dir`.
    use_cache
        ``False`` builds from source and neither reads nor writes the cache.
    on_build
        Called before a build from source starts (the CLI shows a status line).

    Raises
    ------
    DataError
        If the file cannot be read or parsed.
    """
    key = ontology_cache_key(obo_path)

    def build() -> Ontology:
        from xpid.ontology.obo import load_obo_records  # pronto is slow to import: only here

        release, records = load_obo_records(obo_path)
        return build_ontology(records, release=release, source_sha256=key.split("-")[0])

    directory = (default_cache_dir() if cache_dir is None else cache_dir) if use_cache else None
    return load_or_build(directory, _KIND, key, build, Ontology, on_build=on_build)
