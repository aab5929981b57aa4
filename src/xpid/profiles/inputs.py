"""The inputs of a profile store: which files, and the cache key they make.

A store is built from ``phenotype.hpoa``, the gene map, the ontology (to tell onset from
clinical-course terms), the document-built profiles ``profiles/*.toml`` and the panels
``profiles/panels/*.toml``. Its cache key hashes every one of them with
:data:`~xpid.profiles.packed.STORE_FORMAT_VERSION`, so any change to an input, the merge
rules or the packed layout gives a new key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xpid.datafiles import DataFiles, file_sha256
from xpid.errors import DataError
from xpid.io import open_regular
from xpid.profiles import packed

__all__ = [
    "StoreInputs",
    "curated_profile_paths",
    "panel_paths",
    "profile_set_version",
    "store_cache_key",
    "store_inputs",
]


@dataclass(frozen=True, slots=True)
class StoreInputs:
    """What :func:`store_inputs` read about a store's inputs.

    Attributes
    ----------
    key
        The cache key: sha256 hex digest of every input and the store format version.
    profile_set_version
        :func:`profile_set_version` of the document-built profiles.
    """

    key: str
    profile_set_version: str


def _read(path: Path) -> bytes:
    """The bytes of a profile file (a regular file only: a FIFO would block the hashing)."""
    with open_regular(path, what="profile file") as handle:
        return handle.read()


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


def profile_set_version(texts: Sequence[bytes]) -> str:
    """Short hash (12 hex digits) of the document-built profile files' bytes, in order;
    ``""`` when there are none."""
    if not texts:
        return ""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(len(text).to_bytes(8, "little"))
        digest.update(text)
    return digest.hexdigest()[:12]


def store_inputs(files: DataFiles) -> StoreInputs:
    """Hash the inputs of the store of ``files``.

    Raises
    ------
    DataError
        If ``files`` has no annotation file.
    """
    if files.hpoa is None:
        raise DataError(
            f"data directory {str(files.directory)!r} holds no phenotype.hpoa(.gz); "
            "disease profiles need it."
        )
    curated = curated_profile_paths(files)
    curated_bytes = tuple(_read(p) for p in curated)
    digest = hashlib.sha256(f"store-v{packed.STORE_FORMAT_VERSION}".encode())
    for label, path in (("hpoa", files.hpoa), ("genes", files.genes), ("obo", files.obo)):
        digest.update(f"{label}:{file_sha256(path) if path else '-'}\n".encode())
    for path, data in zip(curated, curated_bytes, strict=True):
        digest.update(f"profile:{path.name}:{hashlib.sha256(data).hexdigest()}\n".encode())
    for path in panel_paths(files):
        digest.update(f"panel:{path.name}:{file_sha256(path)}\n".encode())
    return StoreInputs(digest.hexdigest(), profile_set_version(curated_bytes))


def store_cache_key(files: DataFiles) -> str:
    """Hash of every input of the store (its cache key)."""
    return store_inputs(files).key
