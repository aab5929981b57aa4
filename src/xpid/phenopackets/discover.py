"""Expand command-line inputs (files, directories, ``-``) into phenopacket paths.

Rules:

1. A file is taken as given, whatever its extension.
2. A directory is searched recursively for ``*.json`` files, following symbolic links to
   directories (a directory reached again, through a link loop or a second link, is
   searched once); they come in a deterministic order, sorted by their path components
   relative to the directory.
3. ``-`` reads one input per line from ``stdin`` (blank lines and lines starting with ``#``
   are skipped); each line is then expanded like a command-line input (a file or a
   directory; a ``-`` inside the list is not expanded again).
4. An input that does not exist, cannot be listed, or is a directory without any ``*.json``
   file becomes a :class:`MissingInput` in its place, so a batch can give every input a
   record; nothing here raises.
5. A file reached twice (given twice, or given and also inside a given directory) is kept
   once, at its first position (``duplicates`` collects the others, for a notice).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

__all__ = ["MissingInput", "iter_phenopacket_paths"]


@dataclass(frozen=True, slots=True)
class MissingInput:
    """An input that yields no file: ``input`` as given and ``reason`` in one sentence."""

    input: str
    reason: str


def _walk(root: Path) -> list[Path]:
    found: list[tuple[tuple[str, ...], Path]] = []
    errors: list[OSError] = []
    visited = {os.path.realpath(root)}
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=True):
        keep = []
        for name in sorted(dirnames):
            real = os.path.realpath(os.path.join(dirpath, name))
            if real not in visited:
                visited.add(real)
                keep.append(name)
        dirnames[:] = keep
        base = Path(dirpath)
        rel = base.relative_to(root).parts
        for name in filenames:
            if name.endswith(".json"):
                found.append(((*rel, name), base / name))
    if errors and not found:
        raise errors[0]
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]


def _expand(text: str) -> list[Path | MissingInput]:
    path = Path(text)
    try:
        if path.is_dir():
            files = _walk(path)
            if not files:
                return [MissingInput(text, "the directory contains no .json file.")]
            return list(files)
        if path.exists():
            return [path]
    except OSError as exc:
        return [MissingInput(text, f"cannot be read ({exc.strerror or exc}).")]
    return [MissingInput(text, "no such file or directory.")]


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
            stream = sys.stdin if stdin is None else stdin
            for line in stream:
                name = line.strip()
                if name and not name.startswith("#"):
                    items.extend(_expand(name))
        else:
            items.extend(_expand(text))
    seen: set[str] = set()
    unique: list[Path | MissingInput] = []
    for item in items:
        if isinstance(item, Path):
            key = os.path.normcase(os.path.abspath(item))
            if key in seen:
                if duplicates is not None:
                    duplicates.append(str(item))
                continue
            seen.add(key)
        unique.append(item)
    return unique
