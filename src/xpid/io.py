"""Reading the files xpid is given: gzip found by its magic bytes, text decoded as UTF-8.

Every data file xpid reads (the OBO ontology, ``phenotype.hpoa``, the gene map, the
document-built profiles and the panels) goes through this module, so each is sniffed and
decoded once, the same way (as pronto's ``utils/io.py`` does before any parser runs):

- a file that starts with the gzip magic bytes ``1f 8b`` is decompressed, whatever its
  name (a ``.gz`` suffix is neither needed nor trusted);
- text is UTF-8 (a leading byte-order mark is kept as the parsers see it: none of the
  formats has one);
- a file that cannot be read, is a broken gzip stream or is not UTF-8 raises one
  :class:`~xpid.errors.UnreadableFileError` (a :class:`~xpid.errors.DataError`) that
  names the file and says what is wrong, e.g.
  ``cannot read annotation file 'x.hpoa': not UTF-8 text (line 3: invalid start byte).``;
- only regular files are read: a FIFO or socket would block the reader until someone
  writes to it and a device such as ``/dev/zero`` never ends, so **special files are
  refused by type before they are opened** (:func:`os.stat`, following links), then
  opened with ``O_NONBLOCK`` and checked again on the descriptor (a file swapped for a
  FIFO in between cannot block either);
- an input a user hands to xpid (a phenopacket, a text, a profile or panel file, standard
  input) may hold at most :data:`MAX_INPUT_BYTES` (16 MiB), before and after gzip: the
  size is checked before reading and at most one byte more is read, so memory stays
  bounded (the largest published phenopacket is about 17 KB, a clinical note a few KB).
  The data files of a release (33 MB of annotations) have no limit.

The parsers themselves stay pure (``parse_*(lines)``); these helpers are the thin file
wrappers around them. :func:`decode_utf8` is offered to readers that get their bytes
elsewhere (standard input, a phenopacket).
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from xpid.errors import UnreadableFileError

__all__ = [
    "GZIP_MAGIC",
    "MAX_INPUT_BYTES",
    "decode_utf8",
    "open_regular",
    "open_text",
    "parse_text_file",
    "read_input",
    "read_stream",
    "read_text",
    "require_regular_file",
]

GZIP_MAGIC = b"\x1f\x8b"

MAX_INPUT_BYTES = 16 * 1024 * 1024
"""The most bytes of one input a user hands to xpid (phenopacket, text, profile, panel,
standard input), before and after gzip."""

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

T = TypeVar("T")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _cannot(what: str, source: str, problem: str) -> UnreadableFileError:
    return UnreadableFileError(what, source, problem)


def _kind(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file; ``None`` for one."""
    if stat.S_ISREG(mode):
        return None
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _mib(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.1f} MiB"


def _too_large(what: str, source: str, size: str, limit: int) -> UnreadableFileError:
    return _cannot(what, source, f"{size}, over the {limit // 2**20} MiB limit of an input")


def _check(info: os.stat_result, what: str, source: str, limit: int | None) -> None:
    kind = _kind(info.st_mode)
    if kind is not None:
        raise _cannot(what, source, f"{kind}, not a regular file")
    if limit is not None and info.st_size > limit:
        raise _too_large(what, source, _mib(info.st_size), limit)


def open_regular(path: Path, *, what: str, limit: int | None = None) -> io.BufferedReader:
    """``path`` opened for reading in binary, when it is a regular file (of at most
    ``limit`` bytes by its size); the one way xpid opens a file to read it.

    Raises
    ------
    UnreadableFileError
        If the file cannot be opened, is not a regular file, or is larger than ``limit``.
    """
    source = str(path)
    try:
        _check(os.stat(path), what, source, limit)
        handle = os.fdopen(os.open(path, _OPEN_FLAGS), "rb")
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise _cannot(what, source, _reason(exc)) from None
    try:
        _check(os.fstat(handle.fileno()), what, source, limit)
    except BaseException:
        handle.close()
        raise
    return handle


def require_regular_file(path: Path, *, what: str) -> None:
    """Raise :class:`~xpid.errors.UnreadableFileError` unless ``path`` is a regular file
    (for a file read later by other means, such as an output to resume).

    >>> require_regular_file(Path("/dev/null"), what="batch output")
    Traceback (most recent call last):
    ...
    xpid.errors.UnreadableFileError: cannot read batch output '/dev/null': a character ...
    """
    open_regular(path, what=what).close()


def read_input(path: Path, *, what: str, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``, decompressed when they start with the gzip
    magic bytes.

    Parameters
    ----------
    path
        The file.
    what
        What the file is, for the message (``"ontology file"``, ``"gene file"``).
    limit
        The most bytes read and, for gzip, decompressed (:data:`MAX_INPUT_BYTES` for the
        inputs a user hands to xpid); ``None`` for data files.

    Raises
    ------
    UnreadableFileError
        If the file cannot be read, is not a regular file, is over ``limit`` or is a
        broken gzip stream.
    """
    source = str(path)
    try:
        with open_regular(path, what=what, limit=limit) as raw:
            data = raw.read() if limit is None else raw.read(limit + 1)
    except OSError as exc:
        raise _cannot(what, source, _reason(exc)) from None
    if limit is not None and len(data) > limit:
        raise _too_large(what, source, f"more than {_mib(limit)}", limit)
    if data[:2] != GZIP_MAGIC:
        return data
    try:
        if limit is None:
            return gzip.decompress(data)
        with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as unzipped:
            data = unzipped.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise _cannot(what, source, f"not a valid gzip file ({_reason(exc)})") from None
    if len(data) > limit:
        raise _too_large(what, source, f"more than {_mib(limit)} once decompressed", limit)
    return data


def read_stream(stream: BinaryIO, *, what: str, source: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input); more is refused.

    Raises
    ------
    UnreadableFileError
        If the stream cannot be read or holds more than ``limit`` bytes (``source`` names
        it, e.g. ``"standard input"``).
    """
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise _cannot(what, source, _reason(exc)) from None
    if len(data) > limit:
        raise _too_large(what, source, f"more than {_mib(limit)}", limit)
    return data


def decode_utf8(data: bytes, *, what: str, source: str) -> str:
    """``data`` decoded as UTF-8; the error names ``source`` and the line of the bad byte.

    >>> decode_utf8(b"ok\\n", what="file", source="a.txt")
    'ok\\n'
    >>> decode_utf8(b"ok\\n\\xff", what="file", source="g")
    Traceback (most recent call last):
    ...
    xpid.errors.UnreadableFileError: cannot read file 'g': not UTF-8 text (line 2: invalid ...
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _cannot(what, source, f"not UTF-8 text (line {line}: {exc.reason})") from None


def read_text(path: Path, *, what: str, limit: int | None = None) -> str:
    """The text of ``path`` (plain or gzip), decoded as UTF-8 (``limit`` as for
    :func:`read_input`).

    Raises
    ------
    UnreadableFileError
        If the file cannot be read, is not a regular file, is over ``limit``, is a broken
        gzip stream or is not UTF-8.
    """
    data = read_input(path, what=what, limit=limit)
    return decode_utf8(data, what=what, source=str(path))


def parse_text_file(path: Path, parse: Callable[[Iterable[str], str], T], *, what: str) -> T:
    """Hand the lines of ``path`` (plain or gzip, UTF-8) to ``parse(lines, source)``.

    The lines are streamed, ending as in a file opened in text mode (``\\r\\n`` and ``\\r``
    read as ``\\n``); ``source`` is the path as a string, for the parser's messages.

    Raises
    ------
    DataError
        If the file cannot be read, is a broken gzip stream or is not UTF-8.
    """
    with open_text(path, what=what) as lines:
        return parse(lines, str(path))


@contextmanager
def open_text(path: Path, *, what: str) -> Iterator[TextIO]:
    """Open ``path`` (plain or gzip) as a UTF-8 text stream.

    Errors raised while the block reads (unreadable file, broken gzip stream, bytes that
    are not UTF-8) become one :class:`~xpid.errors.DataError` naming the file (for bytes
    that are not UTF-8, with the line, found by reading the file again).
    """
    source = str(path)
    try:
        with open_regular(path, what=what) as raw:
            binary: io.BufferedReader | gzip.GzipFile = raw
            if raw.peek(2)[:2] == GZIP_MAGIC:
                binary = gzip.GzipFile(fileobj=raw, mode="rb")
            with io.TextIOWrapper(binary, encoding="utf-8") as text:
                yield text
    except UnicodeDecodeError as exc:
        read_text(path, what=what)  # raises the error with the line of the bad byte
        raise _cannot(what, source, f"not UTF-8 text ({exc.reason})") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise _cannot(what, source, f"not a valid gzip file ({_reason(exc)})") from None
    except OSError as exc:
        raise _cannot(what, source, _reason(exc)) from None
