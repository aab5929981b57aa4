"""Download one file over HTTP(S) with the standard library, whole or not at all.

The body goes to ``DEST.part`` beside the destination and is renamed into place only when
it is complete: as long as the server sent a ``Content-Length``, exactly that many bytes.
A connection that closes early, a timeout, an HTTP error or a body over the size limit
removes the partial file and raises one :class:`~xpid.errors.DataError` line. Redirects are
followed only to http and https URLs.
"""

from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from xpid.errors import DataError
from xpid.version import __version__

__all__ = [
    "MAX_DOWNLOAD_BYTES",
    "ProgressCallback",
    "RemoteFileMissing",
    "download_file",
]

MAX_DOWNLOAD_BYTES = 4 << 30
"""Largest body accepted (4 GiB; an HPO release's largest file is a few dozen MB)."""

_CHUNK = 1 << 16
_TIMEOUT = 60.0

ProgressCallback = Callable[[str, int, "int | None"], None]
"""``(name, bytes so far, total bytes or None when the server does not say)``."""


class RemoteFileMissing(DataError):
    """The server answered 404 or 410 for a file (the caller may try another name)."""


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs (never to file: or ftp:)."""

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any
    ) -> Any:
        location = headers.get("location") or headers.get("uri") or ""
        target = urllib.parse.urljoin(req.full_url, location)
        if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
            raise DataError(
                f"cannot download {req.full_url!r}: the server redirects to {target[:200]!r}; "
                "expected an http or https URL."
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        _SafeRedirects(),
    ):
        opener.add_handler(handler)
    return opener


def _content_length(response: Any) -> int | None:
    value = response.headers.get("Content-Length")
    if value is None:
        return None
    try:
        length = int(value)
    except ValueError:
        return None
    return length if length >= 0 else None


def download_file(
    url: str,
    dest: Path,
    *,
    name: str | None = None,
    on_progress: ProgressCallback | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    timeout: float = _TIMEOUT,
) -> int:
    """Download ``url`` to ``dest`` (through ``dest.part``) and return its size in bytes.

    Parameters
    ----------
    url
        An http or https URL.
    dest
        Where the complete file goes; its directory must exist.
    name
        What ``on_progress`` calls the file (default: ``dest.name``).
    on_progress
        Called once the server has answered (with 0 bytes) and after every block, with the
        bytes so far and the announced total.
    max_bytes
        Refuse a body larger than this (announced or received).
    timeout
        Seconds a connection or a read may stall before the download fails.

    Raises
    ------
    RemoteFileMissing
        When the server answers 404 or 410.
    DataError
        For any other failure; ``dest`` is then untouched and no ``.part`` file is left.
    """
    label = name or dest.name
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise DataError(f"cannot download {url!r}: expected an http or https URL.")
    partial = dest.with_name(dest.name + ".part")
    request = urllib.request.Request(url, headers={"User-Agent": f"xpid/{__version__}"})
    try:
        with _opener().open(request, timeout=timeout) as response:
            total = _content_length(response)
            if total is not None and total > max_bytes:
                raise DataError(
                    f"cannot download {url!r}: the server announces {total} bytes, more than "
                    f"the limit of {max_bytes}."
                )
            done = 0
            if on_progress is not None:
                on_progress(label, 0, total)
            with partial.open("wb") as out:
                while chunk := response.read(_CHUNK):
                    done += len(chunk)
                    if done > max_bytes:
                        raise DataError(
                            f"cannot download {url!r}: the body exceeds the limit of "
                            f"{max_bytes} bytes."
                        )
                    out.write(chunk)
                    if on_progress is not None:
                        on_progress(label, done, total)
            if total is not None and done != total:
                raise DataError(
                    f"cannot download {url!r}: the connection closed after {done} of {total} bytes."
                )
        os.replace(partial, dest)
        return done
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            raise RemoteFileMissing(f"{url!r} is not on the server (HTTP {exc.code}).") from None
        raise DataError(f"cannot download {url!r}: HTTP {exc.code} {exc.reason}.") from None
    except urllib.error.URLError as exc:
        raise DataError(f"cannot download {url!r}: {exc.reason}.") from None
    except http.client.IncompleteRead as exc:
        raise DataError(
            f"cannot download {url!r}: the connection closed after {len(exc.partial)} bytes "
            "of a chunk."
        ) from None
    except (http.client.HTTPException, OSError) as exc:
        raise DataError(f"cannot download {url!r}: {exc or exc.__class__.__name__}.") from None
    finally:
        partial.unlink(missing_ok=True)
