"""An on-disk cache of compiled indices, keyed by the hash of their inputs.

Each entry is one file: a fixed magic line, a JSON header (kind, key, payload length and
BLAKE2b digest) and a pickled payload. An entry is trusted only when the magic, the kind,
the key, the length and the digest all match; anything else (stale key, truncated or
corrupt file, unpicklable payload) is rebuilt. Entries are written to a temporary file in the
same directory and moved into place with :func:`os.replace`, so two processes building at
once leave one complete entry, never a torn one.

The directory is ``XPID_CACHE_DIR`` when set, else the platform's per-user cache directory
(``$XDG_CACHE_HOME/xpid`` or ``~/.cache/xpid`` on Linux).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["CACHE_DIR_ENV", "default_cache_dir", "cache_path", "is_cached", "load_or_build"]

CACHE_DIR_ENV = "XPID_CACHE_DIR"
_MAGIC = b"XPID-CACHE 1\n"

T = TypeVar("T")


def default_cache_dir() -> Path:
    """The cache directory: ``XPID_CACHE_DIR`` or the per-user platform cache."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "xpid"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "xpid" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "xpid"


def cache_path(cache_dir: Path, kind: str, key: str) -> Path:
    """File name of the entry for ``kind`` with input hash ``key``."""
    return cache_dir / f"{kind}-{key[:24]}.pickle"


def _read(path: Path, kind: str, key: str) -> object | None:
    try:
        with path.open("rb") as handle:
            if handle.readline() != _MAGIC:
                return None
            header = json.loads(handle.readline())
            payload = handle.read()
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict):
        return None
    if header.get("kind") != kind or header.get("key") != key:
        return None
    if header.get("length") != len(payload):
        return None
    if header.get("digest") != hashlib.blake2b(payload, digest_size=16).hexdigest():
        return None
    try:
        value: object = pickle.loads(payload)
        return value
    except Exception:  # a corrupt payload is rebuilt, whatever pickle raised
        return None


def _write(path: Path, kind: str, key: str, value: object) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    header = {
        "kind": kind,
        "key": key,
        "length": len(payload),
        "digest": hashlib.blake2b(payload, digest_size=16).hexdigest(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC)
            handle.write(json.dumps(header).encode() + b"\n")
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_cached(cache_dir: Path | None, kind: str, key: str) -> bool:
    """Whether a valid-looking entry exists (magic and header match; payload unchecked)."""
    if cache_dir is None:
        return False
    path = cache_path(cache_dir, kind, key)
    try:
        with path.open("rb") as handle:
            if handle.readline() != _MAGIC:
                return False
            header = json.loads(handle.readline())
    except (OSError, ValueError):
        return False
    return isinstance(header, dict) and header.get("kind") == kind and header.get("key") == key


def load_or_build(
    cache_dir: Path | None,
    kind: str,
    key: str,
    build: Callable[[], T],
    expected: type[T],
    *,
    on_build: Callable[[], None] | None = None,
) -> T:
    """Return the cached value for ``(kind, key)`` or build, store and return it.

    Parameters
    ----------
    cache_dir
        Cache directory, or ``None`` to build without caching.
    kind, key
        Entry name and the hash of everything the value was built from.
    build
        Builds the value when no valid entry exists.
    expected
        The type the value must have; a cached object of another type is rebuilt.
    on_build
        Called once just before a (slow) build starts, e.g. to show a status line.

    A cache directory that cannot be written is not an error: the value is built and
    returned uncached.
    """
    if cache_dir is not None:
        value = _read(cache_path(cache_dir, kind, key), kind, key)
        if isinstance(value, expected):
            return value
    if on_build is not None:
        on_build()
    built = build()
    if cache_dir is not None:
        try:
            _write(cache_path(cache_dir, kind, key), kind, key, built)
        except OSError:
            pass  # read-only or full cache directory: serve the value uncached
    return built
