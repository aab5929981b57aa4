"""Read a release out of a .tar(.gz) or .zip archive without trusting the archive.

Nothing is ever extracted by the archive's own paths. The archive is listed first, and the
whole archive is refused (one :class:`~xpid.errors.DataError` line naming the member) when any
member has an absolute path, a drive letter, a ``..`` component or a backslash, is a link, a
device or a FIFO, is larger than :data:`MAX_MEMBER_BYTES`, or when the members add up to more
than :data:`MAX_TOTAL_BYTES` or number more than :data:`MAX_MEMBERS`. Only then are the
wanted files (chosen by their base names, all from one folder of the archive) copied, by
content, to paths the caller names.
"""

from __future__ import annotations

import stat
import tarfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from xpid.data.sources import ArchiveKind
from xpid.errors import DataError

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_TOTAL_BYTES",
    "ArchiveLimits",
    "ArchiveMember",
    "list_archive",
    "extract_members",
]

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 1 << 30
"""Largest member (1 GiB; an HPO release file is a few dozen MB)."""
MAX_TOTAL_BYTES = 4 << 30


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Bounds an archive must keep (tests lower them)."""

    members: int = MAX_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES


@dataclass(frozen=True, slots=True)
class ArchiveMember:
    """A regular file of an archive: its path inside (``/``-separated) and size in bytes."""

    path: PurePosixPath
    size: int


def _check_name(shown: str, name: str) -> PurePosixPath:
    bad = (
        name.startswith(("/", "\\"))
        or "\\" in name
        or (len(name) > 1 and name[1] == ":")
        or "\x00" in name
    )
    path = PurePosixPath(name)
    if bad or ".." in path.parts:
        raise DataError(
            f"refusing archive {shown!r}: member {name[:200]!r} would be written outside "
            "its folder (absolute path, drive, backslash or '..')."
        )
    return path


def _refuse_type(shown: str, name: str, what: str) -> DataError:
    return DataError(
        f"refusing archive {shown!r}: member {name[:200]!r} is {what}; expected only "
        "regular files and folders."
    )


def _tar_members(shown: str, tar: tarfile.TarFile, limits: ArchiveLimits) -> list[ArchiveMember]:
    found: list[ArchiveMember] = []
    count = 0
    for info in tar:
        count += 1
        if count > limits.members:
            raise DataError(f"refusing archive {shown!r}: more than {limits.members} members.")
        path = _check_name(shown, info.name)
        if info.issym() or info.islnk():
            raise _refuse_type(shown, info.name, "a link")
        if info.isdir():
            continue
        if not info.isreg():
            raise _refuse_type(shown, info.name, "a device, FIFO or other special file")
        found.append(ArchiveMember(path, info.size))
    return found


def _zip_members(shown: str, handle: zipfile.ZipFile, limits: ArchiveLimits) -> list[ArchiveMember]:
    infos = handle.infolist()
    if len(infos) > limits.members:
        raise DataError(f"refusing archive {shown!r}: more than {limits.members} members.")
    found: list[ArchiveMember] = []
    for info in infos:
        path = _check_name(shown, info.filename)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _refuse_type(shown, info.filename, "a link")
        if info.is_dir():
            continue
        if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
            raise _refuse_type(shown, info.filename, "a device, FIFO or other special file")
        if info.flag_bits & 0x1:
            raise DataError(
                f"refusing archive {shown!r}: member {info.filename[:200]!r} is encrypted."
            )
        found.append(ArchiveMember(path, info.file_size))
    return found


def _check_sizes(shown: str, members: Sequence[ArchiveMember], limits: ArchiveLimits) -> None:
    total = 0
    for member in members:
        if member.size > limits.member_bytes:
            raise DataError(
                f"refusing archive {shown!r}: member {str(member.path)[:200]!r} holds "
                f"{member.size} bytes, more than the limit of {limits.member_bytes}."
            )
        total += member.size
    if total > limits.total_bytes:
        raise DataError(
            f"refusing archive {shown!r}: its members hold {total} bytes, more than the "
            f"limit of {limits.total_bytes}."
        )


@contextmanager
def _opened(
    archive: Path, kind: ArchiveKind, shown: str
) -> Iterator[tarfile.TarFile | zipfile.ZipFile]:
    try:
        handle: tarfile.TarFile | zipfile.ZipFile
        if kind is ArchiveKind.zip:
            handle = zipfile.ZipFile(archive)
        else:
            handle = tarfile.open(archive, mode="r:*")
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError) as exc:
        raise DataError(f"cannot read archive {shown!r}: {exc}.") from None
    with handle:
        yield handle


def list_archive(
    archive: Path,
    kind: ArchiveKind,
    *,
    limits: ArchiveLimits | None = None,
    display: str | None = None,
) -> list[ArchiveMember]:
    """The regular files of ``archive``, after checking every member (see module docstring).

    ``display`` names the archive in messages (default: its path).

    Raises
    ------
    DataError
        For an unreadable archive or any unsafe member.
    """
    limits = limits or ArchiveLimits()
    shown = display or str(archive)
    try:
        with _opened(archive, kind, shown) as handle:
            if isinstance(handle, zipfile.ZipFile):
                members = _zip_members(shown, handle, limits)
            else:
                members = _tar_members(shown, handle, limits)
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError) as exc:
        raise DataError(f"cannot read archive {shown!r}: {exc}.") from None
    _check_sizes(shown, members, limits)
    return members


def _copy_limited(source: IO[bytes], dest: Path, limit: int, shown: str, name: str) -> None:
    written = 0
    with dest.open("wb") as out:
        while block := source.read(1 << 16):
            written += len(block)
            if written > limit:
                raise DataError(
                    f"refusing archive {shown!r}: member {name!r} unpacks to more than "
                    f"{limit} bytes."
                )
            out.write(block)


def extract_members(
    archive: Path,
    kind: ArchiveKind,
    wanted: Mapping[PurePosixPath, Path],
    *,
    limits: ArchiveLimits | None = None,
    display: str | None = None,
) -> None:
    """Copy the content of each archive member in ``wanted`` to the path it maps to.

    Call :func:`list_archive` first: this trusts the names it is given, and still bounds what
    each member unpacks to.

    Raises
    ------
    DataError
        For an unreadable archive or a member that unpacks to more than its limit.
    """
    limits = limits or ArchiveLimits()
    shown = display or str(archive)
    remaining = dict(wanted)
    try:
        with _opened(archive, kind, shown) as handle:
            if isinstance(handle, zipfile.ZipFile):
                for info in handle.infolist():
                    key = PurePosixPath(info.filename)
                    if key in remaining and not info.is_dir():
                        with handle.open(info) as source:
                            _copy_limited(
                                source, remaining.pop(key), limits.member_bytes, shown, str(key)
                            )
            else:
                for tinfo in handle:
                    key = PurePosixPath(tinfo.name)
                    if key in remaining and tinfo.isreg():
                        source_file = handle.extractfile(tinfo)
                        if source_file is None:  # pragma: no cover - regular members have one
                            continue
                        with source_file:
                            _copy_limited(
                                source_file,
                                remaining.pop(key),
                                limits.member_bytes,
                                shown,
                                str(key),
                            )
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError, RuntimeError) as exc:
        raise DataError(f"cannot read archive {shown!r}: {exc}.") from None
    if remaining:
        missing = ", ".join(sorted(str(p) for p in remaining))
        raise DataError(f"archive {shown!r} changed while it was read: {missing} missing.")
