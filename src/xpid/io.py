"""Reading the files xpid is given: gzip found by its magic bytes, text decoded as UTF-8.

Every data file xpid reads (the OBO ontology, ``phenotype.hpoa``, the gene map, the
document-built profiles and the panels) goes through this module, so each is sniffed and
decoded once, the same way (as pronto's ``utils/io.py`` does before any parser runs):

- a file that starts with the gzip magic bytes ``1f 8b`` is decompressed, whatever its
  name (a ``.gz`` suffix is neither needed nor trusted);
- text is UTF-8 (a leading byte-order mark is kept as the parsers see it: none of the
  formats has one);
- a file that cannot be read, is a broken gzip stream or is not UTF-8 raises one
  :class:`~xpid.errors.DataError` that names the file and says what is wrong, e.g.
  ``cannot read annotation file 'x.hpoa': not UTF-8 text (line 3: invalid start byte).``

The parsers themselves stay pure (``parse_*(lines)``); these helpers are the thin file
wrappers around them. :func:`decode_utf8` is offered to readers that get their bytes
elsewhere (standard input, a phenopacket).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

from xpid.errors import DataError

__all__ = [
    "GZIP_MAGIC",
    "decode_utf8",
    "open_text",
    "parse_text_file",
    "read_input",
    "read_text",
]

GZIP_MAGIC = b"\x1f\x8b"

T = TypeVar("T")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _cannot(what: str, source: str, problem: str) -> DataError:
    return DataError(f"cannot read {what} {source!r}: {problem}.")


def read_input(path: Path, *, what: str) -> bytes:
    """The bytes of ``path``, decompressed when they start with the gzip magic bytes.

    Parameters
    ----------
    path
        The file.
    what
        What the file is, for the message (``"ontology file"``, ``"gene file"``).

    Raises
    ------
    DataError
        If the file cannot be read or is a broken gzip stream.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _cannot(what, str(path), _reason(exc)) from None
    if data[:2] != GZIP_MAGIC:
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise _cannot(what, str(path), f"not a valid gzip file ({_reason(exc)})") from None


def decode_utf8(data: bytes, *, what: str, source: str) -> str:
    """``data`` decoded as UTF-8; the error names ``source`` and the line of the bad byte.

    >>> decode_utf8(b"ok\\n", what="file", source="a.txt")
    'ok\\n'
    >>> decode_utf8(b"ok\\n\\xff", what="file", source="g")
    Traceback (most recent call last):
    ...
    xpid.errors.DataError: cannot read file 'g': not UTF-8 text (line 2: invalid start byte).
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _cannot(what, source, f"not UTF-8 text (line {line}: {exc.reason})") from None


def read_text(path: Path, *, what: str) -> str:
    """The text of ``path`` (plain or gzip), decoded as UTF-8.

    Raises
    ------
    DataError
        If the file cannot be read, is a broken gzip stream or is not UTF-8.
    """
    return decode_utf8(read_input(path, what=what), what=what, source=str(path))


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
        with path.open("rb") as raw:
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
