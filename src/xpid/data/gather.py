"""Put the files of a release source into a folder: copied from a folder, read out of an
archive, or downloaded from a base URL.

Each file of a release is a :class:`ReleasePart` with the names it may have: the HPO
project's download name first (``hp.obo``, ``phenotype.hpoa``, ``genes_to_disease.txt``),
then the bundled layout's (:data:`xpid.datafiles.DATA_FILE_NAMES`). From a folder or an
archive the first name present is taken; from a base URL each name is asked for in turn
until the server has one (404 and 410 mean "try the next"). A ``mondo/`` folder beside the
files (Mondo's mapping sets, :mod:`xpid.mondo.load`) comes along from folders and archives;
:func:`gather_mondo` reads Mondo files from a source of their own.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from xpid.data.archive import ArchiveLimits, ArchiveMember, extract_members, list_archive
from xpid.data.fetch import RemoteFileMissing, download_file
from xpid.data.sources import (
    ArchiveKind,
    ArchiveSource,
    FolderSource,
    RemoteArchive,
    RemoteFolder,
    Source,
    archive_kind,
)
from xpid.datafiles import DATA_FILE_NAMES, bundled_data_dir
from xpid.errors import DataError

__all__ = [
    "MONDO_FOLDER",
    "PARTS",
    "InstallReporter",
    "Fetching",
    "ReleasePart",
    "copy_mondo_folder",
    "gather_mondo",
    "gather_release",
    "is_mondo_file",
]

MONDO_FOLDER = "mondo"
"""The folder of a data directory that holds Mondo's mapping sets (:mod:`xpid.mondo.load`)."""


@dataclass(frozen=True, slots=True)
class ReleasePart:
    """One file of a release: the HPO project's download name first, then the other names a
    data directory may use (:data:`xpid.datafiles.DATA_FILE_NAMES`)."""

    key: str
    official: str
    required: bool
    what: str

    @property
    def names(self) -> tuple[str, ...]:
        others = tuple(n for n in DATA_FILE_NAMES[self.key] if n != self.official)
        return (self.official, *others)


PARTS: tuple[ReleasePart, ...] = (
    ReleasePart("obo", "hp.obo", required=True, what="the ontology"),
    ReleasePart("hpoa", "phenotype.hpoa", required=True, what="the disease annotations"),
    ReleasePart("genes", "genes_to_disease.txt", required=False, what="the gene-disease map"),
)


class InstallReporter:
    """What the installer tells as it goes. The default hears nothing (library code never
    prints); the command line subclasses it to draw progress."""

    def download_progress(self, name: str, done: int, total: int | None) -> None:
        """``done`` bytes of ``name`` have arrived, of ``total`` (``None``: not announced);
        called with ``done == 0`` once the server has answered."""

    def download_finished(self, name: str, url: str, size: int) -> None:
        """``name`` has arrived whole from ``url`` (``size`` bytes)."""

    def building(self) -> None:
        """A slow parse and compile begins."""


def _missing(part: ReleasePart, where: str) -> DataError:
    names = " or ".join(part.names)
    return DataError(f"{where} holds no {names} ({part.what}); expected an HPO release.")


def is_mondo_file(name: str) -> bool:
    """Whether a file of a ``mondo/`` folder is Mondo data (mapping sets, edge tables)."""
    return name.endswith((".tsv", ".tsv.gz"))


def _is_mapping_set(name: str) -> bool:
    return name.endswith((".sssom.tsv", ".sssom.tsv.gz"))


def _copy(source: Path, dest: Path) -> None:
    try:
        dest.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, dest)
    except OSError as exc:
        raise DataError(f"cannot copy {str(source)!r}: {exc.strerror or exc}.") from None


def copy_mondo_folder(folder: Path, target: Path) -> bool:
    """Copy the Mondo data files of ``folder`` into ``target``; whether there were any."""
    found = [p for p in sorted(folder.iterdir()) if p.is_file() and is_mondo_file(p.name)]
    for path in found:
        _copy(path, target / path.name)
    return bool(found)


def _gather_folder(folder: Path, target: Path, source: str) -> bool:
    for part in PARTS:
        found = next((folder / n for n in part.names if (folder / n).is_file()), None)
        if found is None:
            if part.required:
                raise _missing(part, repr(source))
            continue
        _copy(found, target / found.name)
    mondo = folder / MONDO_FOLDER
    return mondo.is_dir() and copy_mondo_folder(mondo, target / MONDO_FOLDER)


def _one_folder(members: list[ArchiveMember], wanted: set[str] | None, source: str) -> str | None:
    """The one folder of the archive holding a member named in ``wanted`` (``None``: a
    Mondo mapping set); ``None`` when no folder does."""
    folders = sorted(
        {
            str(m.path.parent)
            for m in members
            if (m.path.name in wanted if wanted is not None else _is_mapping_set(m.path.name))
        }
    )
    if len(folders) > 1:
        what = "an ontology" if wanted is not None else "Mondo mapping sets"
        raise DataError(
            f"archive {source!r} holds {what} in more than one folder ({', '.join(folders)}); "
            "expected one release."
        )
    return folders[0] if folders else None


def _want(
    wanted: dict[PurePosixPath, Path],
    counts: Counter[PurePosixPath],
    member: PurePosixPath,
    dest: Path,
    source: str,
) -> None:
    if counts[member] > 1:
        raise DataError(f"archive {source!r} holds {str(member)!r} more than once.")
    wanted[member] = dest


def _mondo_members(members: list[ArchiveMember], folder: PurePosixPath) -> list[PurePosixPath]:
    return [m.path for m in members if m.path.parent == folder and is_mondo_file(m.path.name)]


def _gather_archive(
    archive: Path, kind: ArchiveKind, target: Path, source: str, limits: ArchiveLimits
) -> bool:
    members = list_archive(archive, kind, limits=limits, display=source)
    counts = Counter(m.path for m in members)
    found_folder = _one_folder(members, set(PARTS[0].names), source)
    if found_folder is None:
        raise _missing(PARTS[0], f"archive {source!r}")
    folder = PurePosixPath(found_folder)
    wanted: dict[PurePosixPath, Path] = {}
    for part in PARTS:
        found = next((folder / n for n in part.names if folder / n in counts), None)
        if found is None:
            if part.required:
                raise _missing(part, f"archive {source!r}")
            continue
        _want(wanted, counts, found, target / found.name, source)
    mondo = _mondo_members(members, folder / MONDO_FOLDER)
    if mondo:
        (target / MONDO_FOLDER).mkdir()
    for path in mondo:
        _want(wanted, counts, path, target / MONDO_FOLDER / path.name, source)
    extract_members(archive, kind, wanted, limits=limits, display=source)
    return bool(mondo)


def _fetch_first(
    base: str, names: tuple[str, ...], target: Path, reporter: InstallReporter, max_bytes: int
) -> bool:
    """Download the first of ``names`` the server has under ``base``; whether one was."""
    for name in names:
        url = base + name
        try:
            size = download_file(
                url,
                target / PurePosixPath(name).name,
                name=name,
                on_progress=reporter.download_progress,
                max_bytes=max_bytes,
            )
        except RemoteFileMissing:
            continue
        reporter.download_finished(name, url, size)
        return True
    return False


def _gather_remote(base: str, target: Path, reporter: InstallReporter, max_bytes: int) -> None:
    for part in PARTS:
        if not _fetch_first(base, part.names, target, reporter, max_bytes) and part.required:
            raise _missing(part, f"the base URL {base!r}")


def _download_archive(
    url: str, staging: Path, reporter: InstallReporter, max_bytes: int
) -> tuple[Path, ArchiveKind]:
    name = PurePosixPath(url.split("?", 1)[0]).name or "archive"
    local = Path(tempfile.mkdtemp(prefix="archive-", dir=staging)) / "archive"
    size = download_file(
        url, local, name=name, on_progress=reporter.download_progress, max_bytes=max_bytes
    )
    reporter.download_finished(name, url, size)
    kind = archive_kind(local)
    if kind is None:
        raise DataError(f"{url!r} is not a .tar.gz, .tar or .zip archive (by its first bytes).")
    return local, kind


@dataclass(frozen=True, slots=True)
class Fetching:
    """How sources are read: who hears of downloads, the archive bounds, the largest
    download in bytes."""

    reporter: InstallReporter
    limits: ArchiveLimits
    max_bytes: int


def gather_release(
    source: Source,
    target: Path,
    staging: Path,
    fetching: Fetching,
) -> tuple[str, bool]:
    """Put the release files of ``source`` into ``target`` (a ``mondo/`` folder beside them
    comes along).

    Returns
    -------
    tuple[str, bool]
        How to name the source, and whether it had Mondo files.
    """
    reporter, limits, max_bytes = fetching.reporter, fetching.limits, fetching.max_bytes
    if isinstance(source, FolderSource):
        return str(source.path), _gather_folder(source.path, target, str(source.path))
    if isinstance(source, ArchiveSource):
        return str(source.path), _gather_archive(
            source.path, source.kind, target, str(source.path), limits
        )
    if isinstance(source, RemoteArchive):
        local, kind = _download_archive(source.url, staging, reporter, max_bytes)
        return source.url, _gather_archive(local, kind, target, source.url, limits)
    _gather_remote(source.url, target, reporter, max_bytes)
    return source.url, False


def _bundled_mondo_names() -> tuple[str, ...]:
    bundled = bundled_data_dir()
    folder = bundled / MONDO_FOLDER if bundled is not None else None
    if folder is None or not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if is_mondo_file(p.name)))


def gather_mondo(
    source: Source,
    target: Path,
    staging: Path,
    fetching: Fetching,
) -> str:
    """Put the Mondo files of ``source`` into ``target`` (created): a folder holding them (or
    holding a ``mondo/`` that does), an archive with them in one folder, or a base URL under
    which the bundled release's Mondo file names are asked for. Returns how to name it.

    Raises
    ------
    DataError
        When the source has no Mondo mapping set (``*.sssom.tsv`` or ``*.sssom.tsv.gz``).
    """
    reporter, limits, max_bytes = fetching.reporter, fetching.limits, fetching.max_bytes
    where = source.path if isinstance(source, FolderSource | ArchiveSource) else source.url
    if isinstance(source, FolderSource):
        folder = source.path / MONDO_FOLDER
        copy_mondo_folder(folder if folder.is_dir() else source.path, target)
    elif isinstance(source, RemoteFolder):
        target.mkdir(parents=True, exist_ok=True)
        for name in _bundled_mondo_names():
            plain = name.removesuffix(".gz")
            _fetch_first(source.url, (name, plain), target, reporter, max_bytes)
    else:
        if isinstance(source, ArchiveSource):
            local, kind = source.path, source.kind
        else:
            local, kind = _download_archive(source.url, staging, reporter, max_bytes)
        members = list_archive(local, kind, limits=limits, display=str(where))
        counts = Counter(m.path for m in members)
        folder_name = _one_folder(members, None, str(where))
        wanted: dict[PurePosixPath, Path] = {}
        if folder_name is not None:
            target.mkdir(parents=True, exist_ok=True)
            for path in _mondo_members(members, PurePosixPath(folder_name)):
                _want(wanted, counts, path, target / path.name, str(where))
        extract_members(local, kind, wanted, limits=limits, display=str(where))
    if not target.is_dir() or not any(_is_mapping_set(p.name) for p in target.iterdir()):
        raise DataError(
            f"{str(where)!r} holds no Mondo mapping set; expected files such as "
            "mondo_exactmatch_omim.sssom.tsv.gz."
        )
    return str(where)
