"""What ``xpid data install SOURCE`` was given: a URL, a local folder or a local archive.

A source is told apart once, here, before anything is read or fetched:

- ``http://`` and ``https://`` URLs are remote (the only sources that use the network); one
  whose path ends in ``.tar.gz``, ``.tgz``, ``.tar`` or ``.zip`` names an archive, any other a
  base URL under which the release files sit (``BASE/hp.obo``, ``BASE/phenotype.hpoa``, ...);
- ``file://`` URLs are local paths;
- any other scheme is refused;
- text without a scheme is a local path: a directory is a folder source, a file an archive
  (told by its first bytes, not its name).

>>> parse_source("https://example.org/hpo/v2025-01-16").url
'https://example.org/hpo/v2025-01-16/'
>>> parse_source("https://example.org/hpo/hpo-2025-01-16.tar.gz")
RemoteArchive(url='https://example.org/hpo/hpo-2025-01-16.tar.gz')
"""

from __future__ import annotations

import enum
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from xpid.errors import DataError

__all__ = [
    "ArchiveKind",
    "ArchiveSource",
    "FolderSource",
    "RemoteArchive",
    "RemoteFolder",
    "Source",
    "archive_kind",
    "parse_source",
]

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip")


class ArchiveKind(enum.Enum):
    """The archive formats an installer reads."""

    tar = "tar"  # plain or gzip-compressed
    zip = "zip"


@dataclass(frozen=True, slots=True)
class RemoteFolder:
    """A base URL (ends with ``/``) under which the release files sit."""

    url: str


@dataclass(frozen=True, slots=True)
class RemoteArchive:
    """The URL of an archive holding a release."""

    url: str


@dataclass(frozen=True, slots=True)
class FolderSource:
    """A local directory holding the release files."""

    path: Path


@dataclass(frozen=True, slots=True)
class ArchiveSource:
    """A local archive holding a release."""

    path: Path
    kind: ArchiveKind


Source = RemoteFolder | RemoteArchive | FolderSource | ArchiveSource


def archive_kind(path: Path) -> ArchiveKind | None:
    """The archive format of ``path`` by its first bytes (gzip or tar: tar; ``PK``: zip)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise DataError(f"cannot read {str(path)!r}: {exc.strerror or exc}.") from exc
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return ArchiveKind.zip
    if head[:2] == b"\x1f\x8b" or head[257:262] == b"ustar":
        return ArchiveKind.tar
    return None


def _local(text: str, path: Path) -> Source:
    if path.is_dir():
        return FolderSource(path)
    if not path.exists():
        raise DataError(f"cannot install from {text!r}: no such file or directory.")
    if not path.is_file():
        raise DataError(f"cannot install from {text!r}: not a regular file or directory.")
    kind = archive_kind(path)
    if kind is None:
        raise DataError(
            f"cannot install from {text!r}: not a directory, a .tar.gz/.tgz/.tar or a .zip archive."
        )
    return ArchiveSource(path, kind)


def parse_source(text: str) -> Source:
    """Tell what ``text`` names (see the module docstring); local paths must exist.

    Raises
    ------
    DataError
        For a URL scheme other than http, https and file, a URL without a host, or a local
        path that is neither a directory nor an archive.
    """
    match = _SCHEME.match(text)
    if match is None:
        return _local(text, Path(text).expanduser())
    scheme = match.group(1).lower()
    parsed = urllib.parse.urlsplit(text)
    if scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise DataError(f"cannot install from {text!r}: a file URL must name a local path.")
        return _local(text, Path(urllib.request.url2pathname(parsed.path)))
    if scheme not in ("http", "https"):
        raise DataError(
            f"cannot install from {text!r}: the URL scheme {scheme!r} is not allowed; "
            "expected http, https or file."
        )
    if not parsed.hostname:
        raise DataError(f"cannot install from {text!r}: the URL names no host.")
    if parsed.path.lower().endswith(_ARCHIVE_SUFFIXES):
        return RemoteArchive(text)
    if parsed.query or parsed.fragment:
        raise DataError(
            f"cannot install from {text!r}: a base URL takes no query or fragment; expected "
            "the folder that holds hp.obo and phenotype.hpoa."
        )
    base = text if text.endswith("/") else text + "/"
    return RemoteFolder(base)
