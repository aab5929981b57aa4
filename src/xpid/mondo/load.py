"""Load Mondo from a data directory's ``mondo/`` folder, from the cache when it is current.

The folder holds Mondo's SSSOM mapping sets (every ``*.sssom.tsv`` or ``*.sssom.tsv.gz``;
xpid bundles the exact matches to OMIM, Orphanet and OMIM phenotypic series and the
DECIPHER cross-references) and optionally the rare-disease subclass edges
(``mondo-rare_subclass_edges.tsv(.gz)`` or Mondo's own ``mondo-rare_edges.tsv(.gz)``).
Point ``--data-dir`` at a directory whose ``mondo/`` holds a newer release to use it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xpid.cache import default_cache_dir, is_cached, load_or_build
from xpid.datafiles import file_sha256
from xpid.errors import DataError
from xpid.io import parse_text_file
from xpid.mondo.model import Mondo, build_mondo
from xpid.mondo.sssom import parse_edges, parse_sssom

__all__ = ["MondoFiles", "locate_mondo", "load_mondo", "mondo_cache_key", "mondo_is_cached"]

MONDO_FORMAT_VERSION = 1
"""Bump when the parsing or the built value changes (part of the cache key)."""

_KIND = "mondo"
_EDGE_NAMES = (
    "mondo-rare_subclass_edges.tsv.gz",
    "mondo-rare_subclass_edges.tsv",
    "mondo-rare_edges.tsv.gz",
    "mondo-rare_edges.tsv",
)


@dataclass(frozen=True, slots=True)
class MondoFiles:
    """The Mondo files of one directory: mapping sets (sorted by name) and the edge table."""

    directory: Path
    mapping_sets: tuple[Path, ...]
    edges: Path | None

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every file, mapping sets first."""
        return self.mapping_sets + ((self.edges,) if self.edges is not None else ())


def locate_mondo(directory: Path) -> MondoFiles:
    """The Mondo files in ``directory``.

    Raises
    ------
    DataError
        If the directory holds no ``*.sssom.tsv`` or ``*.sssom.tsv.gz`` mapping set.
    """
    sets = sorted(
        {*directory.glob("*.sssom.tsv"), *directory.glob("*.sssom.tsv.gz")},
        key=lambda p: p.name,
    )
    if not sets:
        raise DataError(
            f"Mondo directory {str(directory)!r} holds no mapping set; expected files such as "
            "mondo_exactmatch_omim.sssom.tsv.gz."
        )
    edges = next((directory / n for n in _EDGE_NAMES if (directory / n).is_file()), None)
    return MondoFiles(directory=directory, mapping_sets=tuple(sets), edges=edges)


def mondo_cache_key(files: MondoFiles) -> str:
    """Hash of the format version and of every Mondo file (name and content)."""
    digest = hashlib.sha256(f"mondo-v{MONDO_FORMAT_VERSION}".encode())
    for path in files.paths:
        digest.update(f"{path.name}:{file_sha256(path)}\n".encode())
    return digest.hexdigest()


def mondo_is_cached(files: MondoFiles, cache_dir: Path | None = None) -> bool:
    """Whether :func:`load_mondo` would hit the cache."""
    directory = default_cache_dir() if cache_dir is None else cache_dir
    return is_cached(directory, _KIND, mondo_cache_key(files))


def load_mondo(
    directory: Path,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    on_build: Callable[[], None] | None = None,
) -> Mondo:
    """Load the Mondo facts of ``directory`` (a data directory's ``mondo/``).

    Parameters
    ----------
    directory
        The folder of mapping sets and edges (:func:`locate_mondo`).
    cache_dir
        Cache directory; default :func:`xpid.cache.default_cache_dir`.
    use_cache
        ``False`` builds from source and neither reads nor writes the cache.
    on_build
        Called before a build from source starts.

    Raises
    ------
    DataError
        If the folder holds no mapping set, a file cannot be read, or the mapping sets
        come from different releases.
    MappingFormatError
        If a file is malformed (names file and line).

    Examples
    --------
    >>> from xpid.datafiles import locate_data  # doctest: +SKIP
    >>> mondo = load_mondo(locate_data().mondo)  # doctest: +SKIP
    >>> mondo.concept_of("ORPHA:37042"), mondo.exact_matches("MONDO:0010580")  # doctest: +SKIP
    ('MONDO:0010580', ('OMIM:304790', 'ORPHA:37042'))
    """
    files = locate_mondo(directory)
    key = mondo_cache_key(files)

    def build() -> Mondo:
        sets = [
            parse_text_file(p, lambda lines, src: parse_sssom(lines, source=src), what="Mondo file")
            for p in files.mapping_sets
        ]
        edges = (
            parse_text_file(
                files.edges, lambda lines, src: parse_edges(lines, source=src), what="Mondo file"
            )
            if files.edges is not None
            else ()
        )
        return build_mondo(sets, edges, key=key)

    cache = (default_cache_dir() if cache_dir is None else cache_dir) if use_cache else None
    return load_or_build(cache, _KIND, key, build, Mondo, on_build=on_build)
