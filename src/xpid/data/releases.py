"""The installed releases in the user data directory: their manifests, which one is active.

Layout of the data directory (:func:`xpid.datafiles.default_data_home`)::

    releases/NAME/   one release: the HPO files as installed and release.json (its manifest)
    active           the name of the release in use (no file: the bundled release)
    staging/         installs in progress (each in its own temporary folder)

A release folder appears only complete (an install renames it into place after verifying it),
and the ``active`` file is replaced atomically, so a reader never sees half of either.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from xpid.datafiles import RELEASE_NAME, default_data_home
from xpid.errors import DataError

__all__ = [
    "BUNDLED",
    "MANIFEST_NAME",
    "InstalledRelease",
    "ReleaseManifest",
    "active_release_name",
    "check_release_name",
    "list_releases",
    "read_manifest",
    "release_dir",
    "remove_release",
    "use_release",
    "write_manifest",
]

BUNDLED = "bundled"
"""The name ``xpid data use`` takes for the release inside the package."""
MANIFEST_NAME = "release.json"
_MANIFEST_FORMAT = 1


@dataclass(frozen=True, slots=True)
class ReleaseManifest:
    """What an install verified about a release (kept as ``release.json`` beside the files).

    Attributes
    ----------
    name
        The release's name in ``releases/`` (its HPO release date unless named at install).
    hpo_release
        ``data-version`` of ``hp.obo`` (``"2025-01-16"``).
    hpoa_version
        ``#version`` of ``phenotype.hpoa``.
    terms
        Current (non-obsolete) terms of the ontology.
    diseases
        Diseases with annotations in ``phenotype.hpoa`` (xpid's disease profiles).
    source
        What was installed from (URL or path) as given.
    installed
        When, as UTC ISO 8601.
    files
        File name (``mondo/NAME`` for Mondo files) → sha256 of the file as installed.
    mondo_version
        The release of the Mondo mapping sets installed with it (``None``: none).
    mondo_source
        Where they came from: the HPO source, a source of their own, or ``"bundled"``.
    """

    name: str
    hpo_release: str
    hpoa_version: str
    terms: int
    diseases: int
    source: str
    installed: str
    files: MappingProxyType[str, str]
    mondo_version: str | None = None
    mondo_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The manifest as JSON-ready values (``release.json``)."""
        data: dict[str, Any] = {"format": _MANIFEST_FORMAT}
        for item in fields(self):
            data[item.name] = getattr(self, item.name)
        data["files"] = dict(self.files)
        return data


@dataclass(frozen=True, slots=True)
class InstalledRelease:
    """One folder of ``releases/``: its manifest (``None`` when unreadable) and whether it is
    the active one."""

    name: str
    directory: Path
    manifest: ReleaseManifest | None
    active: bool


def check_release_name(name: str) -> str:
    """Return ``name`` when it can name a release folder, else raise :class:`DataError`."""
    if name == BUNDLED or not RELEASE_NAME.fullmatch(name):
        raise DataError(
            f"{name[:80]!r} cannot name an installed release; expected letters, digits, '.', "
            f"'_' or '-' (not starting with '.' or '-', at most 64, not {BUNDLED!r})."
        )
    return name


def release_dir(name: str, home: Path | None = None) -> Path:
    """The folder of release ``name`` (which need not exist)."""
    root = default_data_home() if home is None else home
    return root / "releases" / check_release_name(name)


def write_manifest(directory: Path, manifest: ReleaseManifest) -> None:
    """Write ``release.json`` into ``directory``."""
    text = json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False) + "\n"
    (directory / MANIFEST_NAME).write_text(text, encoding="utf-8")


def read_manifest(directory: Path) -> ReleaseManifest | None:
    """The manifest of a release folder, ``None`` when missing or unreadable."""
    try:
        data = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != _MANIFEST_FORMAT:
            return None
        files = data["files"]
        if not isinstance(files, dict):
            return None
        return ReleaseManifest(
            name=str(data["name"]),
            hpo_release=str(data["hpo_release"]),
            hpoa_version=str(data["hpoa_version"]),
            terms=int(data["terms"]),
            diseases=int(data["diseases"]),
            source=str(data["source"]),
            installed=str(data["installed"]),
            files=MappingProxyType({str(k): str(v) for k, v in files.items()}),
            mondo_version=_optional(data.get("mondo_version")),
            mondo_source=_optional(data.get("mondo_source")),
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def active_release_name(home: Path | None = None) -> str | None:
    """The name in the ``active`` file (``None``: the bundled release), unchecked."""
    root = default_data_home() if home is None else home
    try:
        return (root / "active").read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {str(root / 'active')!r}: {exc}.") from exc


def list_releases(home: Path | None = None) -> list[InstalledRelease]:
    """The installed releases, sorted by name."""
    root = default_data_home() if home is None else home
    active = active_release_name(root)
    folder = root / "releases"
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and RELEASE_NAME.fullmatch(entry.name):
            found.append(
                InstalledRelease(entry.name, entry, read_manifest(entry), entry.name == active)
            )
    return found


def _write_pointer(root: Path, name: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".active.", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
        os.replace(tmp, root / "active")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def use_release(name: str, home: Path | None = None) -> Path | None:
    """Make release ``name`` (or ``"bundled"``) the one every command uses.

    Returns
    -------
    Path or None
        The release's folder; ``None`` for the bundled release.

    Raises
    ------
    DataError
        When ``name`` is not installed, or its folder has no readable manifest.
    """
    root = default_data_home() if home is None else home
    try:
        if name == BUNDLED:
            (root / "active").unlink(missing_ok=True)
            return None
        directory = release_dir(name, root)
        if not directory.is_dir():
            installed = ", ".join(r.name for r in list_releases(root)) or "none"
            raise DataError(
                f"release {name!r} is not installed (installed: {installed}; or {BUNDLED!r})."
            )
        if read_manifest(directory) is None:
            raise DataError(
                f"release {name!r} in {str(directory)!r} has no readable {MANIFEST_NAME}; "
                "install it again."
            )
        _write_pointer(root, name)
    except OSError as exc:
        raise DataError(
            f"cannot write the active-release file in {str(root)!r} ({exc.strerror or exc})."
        ) from None
    return directory


def remove_release(name: str, home: Path | None = None) -> Path:
    """Delete installed release ``name`` (not the active one) and return its former folder.

    Raises
    ------
    DataError
        When it is not installed, is the active release, or cannot be deleted.
    """
    root = default_data_home() if home is None else home
    directory = release_dir(name, root)
    if not directory.is_dir():
        raise DataError(f"release {name!r} is not installed in {str(root / 'releases')!r}.")
    if active_release_name(root) == name:
        raise DataError(
            f"release {name!r} is the active one; run 'xpid data use' with another release "
            f"(or {BUNDLED!r}) first."
        )
    # Move it out of releases/ first, so that no reader sees a half-deleted release.
    root_staging = root / "staging"
    try:
        root_staging.mkdir(parents=True, exist_ok=True)
        doomed = Path(tempfile.mkdtemp(prefix="remove-", dir=root_staging))
        os.replace(directory, doomed / name)
        shutil.rmtree(doomed)
    except OSError as exc:
        raise DataError(f"cannot remove {str(directory)!r} ({exc.strerror or exc}).") from None
    return directory
