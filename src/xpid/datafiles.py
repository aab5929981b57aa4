"""Where xpid finds its data: the bundled HPO release and the document-built profiles.

Order of precedence for the HPO files: an explicit ``data_dir`` argument (the CLI's
``--data-dir``), then the ``XPID_DATA_DIR`` environment variable, then the release made
active by ``xpid data use``/``xpid data install`` (:func:`active_release_dir`), then the copy
bundled inside the installed package (``xpid/_bundled/ontologies``), then, for an editable
install of a checkout, the checkout's ``ontologies/`` directory. A data directory holds
``hp.obo.gz`` (or ``hp.obo``), ``phenotype.hpoa.gz`` (or ``phenotype.hpoa``) and
``genes_to_disease.tsv.gz`` (or the release's ``genes_to_disease.txt``): the bundled layout or
the file names of an HPO release download; and optionally a ``mondo/`` directory with
Mondo's mapping sets (:mod:`xpid.mondo.load`). The Mondo files are read from the chosen data
directory only: a data directory without ``mondo/`` ranks every annotation record as a
disease of its own.

Installed releases live in the user data directory (:func:`default_data_home`):
``releases/NAME/`` holds one release, and the file ``active`` names the one in use (no file:
the bundled release). Only :mod:`xpid.data` writes there; this module only reads.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from xpid.errors import DataError
from xpid.io import open_regular, open_text

__all__ = [
    "DataFiles",
    "locate_data",
    "file_sha256",
    "read_obo_release",
    "DATA_DIR_ENV",
    "DATA_FILE_NAMES",
    "DATA_HOME_ENV",
    "RELEASE_NAME",
    "default_data_home",
    "active_release_dir",
    "bundled_data_dir",
]

DATA_DIR_ENV = "XPID_DATA_DIR"
DATA_HOME_ENV = "XPID_DATA_HOME"
RELEASE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
"""What an installed release may be called (a release date such as ``2025-01-16``, or a name
given at install): no path separators, no leading dot."""

_OBO_NAMES = ("hp.obo.gz", "hp.obo")
_HPOA_NAMES = ("phenotype.hpoa.gz", "phenotype.hpoa")
_GENES_NAMES = ("genes_to_disease.tsv.gz", "genes_to_disease.tsv", "genes_to_disease.txt")
DATA_FILE_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"obo": _OBO_NAMES, "hpoa": _HPOA_NAMES, "genes": _GENES_NAMES}
)
"""The names each file of a data directory may have, in the order :func:`locate_data` prefers."""


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


def bundled_data_dir() -> Path | None:
    """The bundled release's directory (``None`` when the package carries none)."""
    bundled = _bundled_root()
    return bundled / "ontologies" if bundled is not None else None


def default_data_home() -> Path:
    """Where ``xpid data`` installs releases: ``XPID_DATA_HOME`` or the per-user data directory
    (``$XDG_DATA_HOME/xpid`` or ``~/.local/share/xpid`` on Linux)."""
    env = os.environ.get(DATA_HOME_ENV)
    if env:
        return Path(env)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "xpid"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "xpid" / "Data"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "xpid"


def active_release_dir(home: Path | None = None) -> Path | None:
    """The directory of the installed release in use, ``None`` for the bundled one.

    Parameters
    ----------
    home
        The user data directory; default :func:`default_data_home`.

    Raises
    ------
    DataError
        If the ``active`` file names no valid release, or one that is not installed.
    """
    root = default_data_home() if home is None else home
    pointer = root / "active"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read the active-release file {str(pointer)!r}: {exc}.") from exc
    if not RELEASE_NAME.fullmatch(name):
        raise DataError(
            f"the active-release file {str(pointer)!r} holds {name[:80]!r}, not a release name; "
            "run 'xpid data use bundled' or 'xpid data use RELEASE'."
        )
    directory = root / "releases" / name
    if not directory.is_dir():
        raise DataError(
            f"the active release {name!r} is not installed in {str(root / 'releases')!r}; "
            "run 'xpid data use bundled' or install it again."
        )
    return directory


def locate_data(data_dir: Path | str | None = None) -> DataFiles:
    """Find the HPO files to use.

    Parameters
    ----------
    data_dir
        A directory laid out like an HPO release; overrides ``XPID_DATA_DIR``, the active
        installed release and the bundled copy.

    Raises
    ------
    DataError
        If the chosen directory has no ``hp.obo.gz``/``hp.obo``, if the active installed
        release is missing, or if no data can be found.
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
    elif (installed := active_release_dir()) is not None:
        chosen = installed
        origin = "the active release of 'xpid data use'"
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
    """Hex sha256 of a file's bytes (as stored, compressed or not).

    Raises
    ------
    UnreadableFileError
        If it cannot be read or is not a regular file (:func:`xpid.io.open_regular`).
    """
    digest = hashlib.sha256()
    with open_regular(path, what="data file") as handle:
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
