"""Expand command-line inputs (files, directories, ``-``) into phenopacket paths.

Rules:

1. A file is taken as given, whatever its extension.
2. A directory is searched recursively for ``*.json`` files, following symbolic links to
   directories (a directory reached again, through a link loop or a second link, is
   searched once); they come in a deterministic order, sorted by their path components
   relative to the directory.
3. ``-`` reads one input per line from ``stdin`` (blank lines and lines starting with ``#``
   are skipped); each line is then expanded like a command-line input (a file or a
   directory; a ``-`` inside the list is not expanded again). A list longer than
   :data:`~xpid.io.MAX_INPUT_BYTES` is one :class:`MissingInput` (``-``).
4. An input that does not exist, cannot be listed, or is a directory without any ``*.json``
   file becomes a :class:`MissingInput` in its place, so a batch can give every input a
   record; nothing here raises. A directory inside a given one that cannot be listed (no
   permission, an I/O error) is a :class:`MissingInput` too, in its sorted place among
   the files: an unreadable place is reported, never skipped in silence.
5. A file reached twice (given twice, given and also inside a given directory, or reached
   through a symbolic or hard link: the same device and inode) is kept once, at its
   first position (``duplicates`` collects the others, for a notice).
6. Files are not opened here: a FIFO, device or socket named ``*.json`` is listed, and
   the reader refuses it by type, before opening it (see :mod:`xpid.io`), in its record.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from xpid.io import MAX_INPUT_BYTES

__all__ = ["MissingInput", "iter_phenopacket_paths"]


@dataclass(frozen=True, slots=True)
class MissingInput:
    """An input that yields no file: ``input`` as given and ``reason`` in one sentence."""

    input: str
    reason: str


def _walk(root: Path, shown: str) -> list[Path | MissingInput]:
    """The ``*.json`` files under ``root`` and, in their sorted place, one
    :class:`MissingInput` per directory that could not be listed (``shown`` for the root)."""
    found: list[tuple[tuple[str, ...], Path | MissingInput]] = []
    visited = {os.path.realpath(root)}
    stack: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    while stack:
        directory, rel = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            name = shown if not rel else str(directory)
            reason = f"cannot be listed ({exc.strerror or exc}); no file in it was read."
            found.append((rel, MissingInput(name, reason)))
            continue
        subdirectories = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # follows a symbolic link
            except OSError:
                is_dir = False
            if is_dir:
                real = os.path.realpath(entry.path)
                if real not in visited:
                    visited.add(real)
                    subdirectories.append((Path(entry.path), (*rel, entry.name)))
            elif entry.name.endswith(".json"):
                found.append(((*rel, entry.name), Path(entry.path)))
        stack.extend(reversed(subdirectories))
    found.sort(key=lambda item: item[0])
    return [item for _, item in found]


def _expand(text: str) -> list[Path | MissingInput]:
    path = Path(text)
    try:
        if path.is_dir():
            items = _walk(path, text)
            if not items:
                return [MissingInput(text, "the directory contains no .json file.")]
            return items
        if path.exists():
            return [path]
    except OSError as exc:
        return [MissingInput(text, f"cannot be read ({exc.strerror or exc}).")]
    return [MissingInput(text, "no such file or directory.")]


def _identity(path: Path) -> tuple[int, int] | str:
    """What makes two paths the same file: device and inode (so a file reached through a
    symbolic link or a hard link is one file), or the absolute path when it has none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))
    if info.st_ino == 0:  # a file system without inode numbers
        return os.path.normcase(os.path.realpath(path))
    return info.st_dev, info.st_ino


def _stdin_names(stream: TextIO) -> list[str] | MissingInput:
    """The input names listed on ``stream``, or one item refusing a list over the limit."""
    text = stream.read(MAX_INPUT_BYTES + 1)
    if len(text) > MAX_INPUT_BYTES:
        return MissingInput(
            "-",
            f"the list of inputs on standard input is over the {MAX_INPUT_BYTES // 2**20} MiB "
            "limit of an input; give directories instead of every file.",
        )
    names = (line.strip() for line in text.splitlines())
    return [name for name in names if name and not name.startswith("#")]


def iter_phenopacket_paths(
    inputs: Sequence[str | Path],
    *,
    stdin: TextIO | None = None,
    duplicates: list[str] | None = None,
) -> list[Path | MissingInput]:
    """The phenopacket files named by ``inputs``, in order, with missing ones in place.

    Parameters
    ----------
    inputs
        Files, directories and ``-`` (read input names from ``stdin``), as on the command
        line.
    stdin
        Where ``-`` reads from; ``sys.stdin`` when ``None``.
    duplicates
        When given, receives each file dropped because it was already reached.

    Returns
    -------
    list of Path or MissingInput
        Files in input order (directories expanded in sorted order); each input that yields
        no file is a :class:`MissingInput` at its position (see the module rules).

    Examples
    --------
    >>> iter_phenopacket_paths(["/no/such/dir"])
    [MissingInput(input='/no/such/dir', reason='no such file or directory.')]
    """
    items: list[Path | MissingInput] = []
    for raw in inputs:
        text = str(raw)
        if text == "-" and not isinstance(raw, Path):
            names = _stdin_names(sys.stdin if stdin is None else stdin)
            if isinstance(names, MissingInput):
                items.append(names)
                continue
            for name in names:
                items.extend(_expand(name))
        else:
            items.extend(_expand(text))
    seen: set[tuple[int, int] | str] = set()
    unique: list[Path | MissingInput] = []
    for item in items:
        if isinstance(item, Path):
            key = _identity(item)
            if key in seen:
                if duplicates is not None:
                    duplicates.append(str(item))
                continue
            seen.add(key)
        unique.append(item)
    return unique
