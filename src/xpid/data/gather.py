"""Put the files of a release source into a folder: copied from a folder, read out of an
archive, or downloaded from a base URL.

Each file of a release is a :class:`ReleasePart` with the names it may have: the HPO
project's download name first (``hp.obo``, ``phenotype.hpoa``, ``genes_to_disease.txt``),
then the bundled layout's (:data:`xpid.datafiles.DATA_FILE_NAMES`). From a folder or an
archive the first name present is taken; from a base URL each name is asked for in turn
until the server has one (404 and 410 mean "try the next").
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from xpid.data.archive import ArchiveLimits, extract_members, list_archive
from xpid.data.fetch import RemoteFileMissing, download_file
from xpid.data.sources import (
    ArchiveKind,
    ArchiveSource,
    FolderSource,
    RemoteArchive,
    Source,
    archive_kind,
)
from xpid.datafiles import DATA_FILE_NAMES
from xpid.errors import DataError

__all__ = ["PARTS", "InstallReporter", "ReleasePart", "gather_release"]


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


def _gather_folder(folder: Path, target: Path, source: str) -> None:
    for part in PARTS:
        found = next((folder / n for n in part.names if (folder / n).is_file()), None)
        if found is None:
            if part.required:
                raise _missing(part, repr(source))
            continue
        try:
            shutil.copyfile(found, target / found.name)
        except OSError as exc:
            raise DataError(f"cannot copy {str(found)!r}: {exc.strerror or exc}.") from None


def _gather_archive(
    archive: Path, kind: ArchiveKind, target: Path, source: str, limits: ArchiveLimits
) -> None:
    members = list_archive(archive, kind, limits=limits, display=source)
    by_path: dict[PurePosixPath, int] = {}
    for member in members:
        by_path[member.path] = by_path.get(member.path, 0) + 1
    obo_names = set(PARTS[0].names)
    folders = sorted({str(m.path.parent) for m in members if m.path.name in obo_names})
    if not folders:
        raise _missing(PARTS[0], f"archive {source!r}")
    if len(folders) > 1:
        raise DataError(
            f"archive {source!r} holds an ontology in more than one folder ({', '.join(folders)});"
            " expected one release."
        )
    folder = PurePosixPath(folders[0])
    wanted: dict[PurePosixPath, Path] = {}
    for part in PARTS:
        found = next((folder / n for n in part.names if folder / n in by_path), None)
        if found is None:
            if part.required:
                raise _missing(part, f"archive {source!r}")
            continue
        if by_path[found] > 1:
            raise DataError(f"archive {source!r} holds {str(found)!r} more than once.")
        wanted[found] = target / found.name
    extract_members(archive, kind, wanted, limits=limits, display=source)


def _gather_remote(base: str, target: Path, reporter: InstallReporter, max_bytes: int) -> None:
    for part in PARTS:
        fetched = False
        for name in part.names:
            url = base + name
            try:
                size = download_file(
                    url,
                    target / name,
                    name=name,
                    on_progress=reporter.download_progress,
                    max_bytes=max_bytes,
                )
            except RemoteFileMissing:
                continue
            reporter.download_finished(name, url, size)
            fetched = True
            break
        if not fetched and part.required:
            raise _missing(part, f"the base URL {base!r}")


def gather_release(
    source: Source,
    target: Path,
    staging: Path,
    *,
    reporter: InstallReporter,
    limits: ArchiveLimits,
    max_bytes: int,
) -> str:
    """Put the release files of ``source`` into ``target``; returns how to name the source."""
    if isinstance(source, FolderSource):
        _gather_folder(source.path, target, str(source.path))
        return str(source.path)
    if isinstance(source, ArchiveSource):
        _gather_archive(source.path, source.kind, target, str(source.path), limits)
        return str(source.path)
    if isinstance(source, RemoteArchive):
        name = PurePosixPath(source.url.split("?", 1)[0]).name or "release-archive"
        local = staging / "archive"
        size = download_file(
            source.url,
            local,
            name=name,
            on_progress=reporter.download_progress,
            max_bytes=max_bytes,
        )
        reporter.download_finished(name, source.url, size)
        kind = archive_kind(local)
        if kind is None:
            raise DataError(
                f"{source.url!r} is not a .tar.gz, .tar or .zip archive (by its first bytes)."
            )
        _gather_archive(local, kind, target, source.url, limits)
        return source.url
    _gather_remote(source.url, target, reporter, max_bytes)
    return source.url
