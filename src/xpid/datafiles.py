"""Where xpid finds its data: the bundled HPO release and the document-built profiles.

Order of precedence for the HPO files: an explicit ``data_dir`` argument (the CLI's
``--data-dir``), then the ``XPID_DATA_DIR`` environment variable, then the copy bundled
inside the installed package (``xpid/_bundled/ontologies``), then, for an editable install
of a checkout, the checkout's ``ontologies/`` directory. A data directory holds
``hp.obo.gz`` (or ``hp.obo``), ``phenotype.hpoa.gz`` and ``genes_to_disease.tsv.gz``, the
layout of an HPO release, and optionally a ``mondo/`` directory with Mondo's mapping sets
(:mod:`xpid.mondo.load`). The Mondo files are read from the chosen data directory only: a
data directory without ``mondo/`` ranks every annotation record as a disease of its own.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from xpid.errors import DataError
from xpid.io import open_text

__all__ = [
    "DataFiles",
    "locate_data",
    "file_sha256",
    "read_obo_release",
    "DATA_DIR_ENV",
]

DATA_DIR_ENV = "XPID_DATA_DIR"

_OBO_NAMES = ("hp.obo.gz", "hp.obo")
_HPOA_NAMES = ("phenotype.hpoa.gz", "phenotype.hpoa")
_GENES_NAMES = ("genes_to_disease.tsv.gz", "genes_to_disease.tsv", "genes_to_disease.txt")


@dataclass(frozen=True, slots=True)
class DataFiles:
    """Paths of one HPO release plus the directory of document-built profiles.

    ``hpoa``, ``genes`` and ``profiles`` may be ``None`` when a data directory holds only
    the ontology; commands that need them report it. ``mondo`` is the data directory's
    ``mondo/`` subdirectory, ``None`` when it has none.
    """

    directory: Path
    obo: Path
    hpoa: Path | None
    genes: Path | None
    profiles: Path | None
    mondo: Path | None = None


def _first_existing(directory: Path, names: tuple[str, ...]) -> Path | None:
    for name in names:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def _bundled_root() -> Path | None:
    """The ``_bundled`` directory of an installed wheel, or the checkout for editable installs."""
    packaged = Path(str(resources.files("xpid"))) / "_bundled"
    if (packaged / "ontologies").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "ontologies").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    return None


def locate_data(data_dir: Path | str | None = None) -> DataFiles:
    """Find the HPO files to use.

    Parameters
    ----------
    data_dir
        A directory laid out like an HPO release; overrides ``XPID_DATA_DIR`` and the
        bundled copy.

    Raises
    ------
    DataError
        If the chosen directory has no ``hp.obo.gz``/``hp.obo``, or no data can be found.
    """
    bundled = _bundled_root()
    profiles = bundled / "profiles" if bundled is not None else None
    if profiles is not None and not profiles.is_dir():
        profiles = None
    chosen: Path | None
    if data_dir is not None:
        chosen = Path(data_dir)
        origin = "--data-dir"
    elif os.environ.get(DATA_DIR_ENV):
        chosen = Path(os.environ[DATA_DIR_ENV])
        origin = DATA_DIR_ENV
    else:
        chosen = bundled / "ontologies" if bundled is not None else None
        origin = "the bundled data"
    if chosen is None:
        raise DataError(
            "no HPO data found: the installed package carries none and neither --data-dir "
            f"nor {DATA_DIR_ENV} is set."
        )
    if not chosen.is_dir():
        raise DataError(f"data directory {str(chosen)!r} (from {origin}) does not exist.")
    obo = _first_existing(chosen, _OBO_NAMES)
    if obo is None:
        raise DataError(
            f"data directory {str(chosen)!r} (from {origin}) holds no hp.obo.gz or hp.obo."
        )
    return DataFiles(
        directory=chosen,
        obo=obo,
        hpoa=_first_existing(chosen, _HPOA_NAMES),
        genes=_first_existing(chosen, _GENES_NAMES),
        profiles=profiles,
        mondo=chosen / "mondo" if (chosen / "mondo").is_dir() else None,
    )


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes (as stored, compressed or not)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_obo_release(path: Path) -> str:
    """The ``data-version`` of an OBO file from its header (``"2025-01-16"``), cheaply.

    Returns ``"unknown"`` when the header has none.

    Raises
    ------
    DataError
        If the file cannot be read (:func:`xpid.io.open_text`).
    """
    with open_text(path, what="ontology file") as handle:
        for _, line in zip(range(50), handle, strict=False):
            if line.startswith("data-version:"):
                version = line.split(":", 1)[1].strip()
                return version.rsplit("/", 1)[-1]
            if line.startswith("[Term]"):
                break
    return "unknown"
