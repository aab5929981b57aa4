"""Fixtures of the ``xpid data`` tests: small HPO releases made from ``tests/fixtures/mini``
and a loopback HTTP server for them (the command-line tests of ``xpid data`` live here too,
beside the server they need).

:func:`make_release` writes the three files under the HPO project's download names (or the
bundled ``.gz`` layout) with a chosen release date. :class:`ReleaseServer` serves byte
strings at paths on ``127.0.0.1`` from a thread, and can misbehave on purpose (cut a body,
answer an error, redirect, omit the length) to test what a failed download leaves behind.
"""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "mini"
OFFICIAL = ("hp.obo", "phenotype.hpoa", "genes_to_disease.txt")
BUNDLED = ("hp.obo.gz", "phenotype.hpoa.gz", "genes_to_disease.tsv.gz")


def release_files(version: str, *, layout: str = "official") -> dict[str, bytes]:
    """The mini release stamped ``version`` (hp.obo data-version and hpoa #version), as
    file name → bytes. ``layout`` is ``official`` (plain files, the release's gene file with
    its five columns) or ``bundled`` (gzip, the three-column gene file)."""
    obo = (MINI / "hp.obo").read_text(encoding="utf-8")
    obo = obo.replace(
        "data-version: hp/releases/2099-01-01", f"data-version: hp/releases/{version}"
    )
    hpoa = (MINI / "phenotype.hpoa").read_text(encoding="utf-8")
    hpoa = hpoa.replace("#version: 2025-01-16", f"#version: {version}")
    genes = (MINI / "genes_to_disease.tsv").read_text(encoding="utf-8")
    if layout == "official":
        rows = [line.split("\t") for line in genes.splitlines()]
        official = ["ncbi_gene_id\tgene_symbol\tassociation_type\tdisease_id\tsource"]
        official += [f"{g}\t{s}\tMENDELIAN\t{d}\tmim2gene" for g, s, d in rows[1:]]
        return {
            "hp.obo": obo.encode(),
            "phenotype.hpoa": hpoa.encode(),
            "genes_to_disease.txt": ("\n".join(official) + "\n").encode(),
        }
    return {
        "hp.obo.gz": gzip.compress(obo.encode(), mtime=0),
        "phenotype.hpoa.gz": gzip.compress(hpoa.encode(), mtime=0),
        "genes_to_disease.tsv.gz": gzip.compress(genes.encode(), mtime=0),
    }


def make_release(folder: Path, version: str, *, layout: str = "official") -> Path:
    """Write :func:`release_files` into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in release_files(version, layout=layout).items():
        (folder / name).write_bytes(data)
    return folder


@dataclass
class Route:
    """What the server answers for one path.

    ``cut_after`` sends that many bytes of the body, then closes the connection (the
    ``Content-Length`` still announces the whole); ``length=False`` sends no
    ``Content-Length`` and ends the body by closing; ``status`` other than 200 answers with
    that code; ``location`` redirects there (with ``status`` 302 by default).
    """

    body: bytes = b""
    status: int = 200
    cut_after: int | None = None
    length: bool = True
    location: str | None = None


@dataclass
class ReleaseServer:
    """Routes by path, and the paths requested, in order."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def route(self, path: str, body: bytes = b"", **how: object) -> None:
        """Answer ``path`` as a :class:`Route` built from ``body`` and ``how``."""
        self.routes[path] = Route(body, **how)  # type: ignore[arg-type]

    def serve_files(self, prefix: str, files: dict[str, bytes]) -> str:
        """Serve ``files`` under ``/prefix/``; returns the base URL."""
        for name, data in files.items():
            self.routes[f"/{prefix}/{name}"] = Route(data)
        return f"{self.base}/{prefix}/"


def _handler(server: ReleaseServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            server.requests.append(self.path)
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.location is not None:
                self.send_response(route.status if route.status != 200 else 302)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.status != 200:
                self.send_error(route.status)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            if route.length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            body = route.body if route.cut_after is None else route.body[: route.cut_after]
            self.wfile.write(body)
            self.wfile.flush()
            if route.cut_after is not None:
                self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    return Handler


@contextmanager
def running_server() -> Iterator[ReleaseServer]:
    """A :class:`ReleaseServer` on 127.0.0.1 (a free port) in a thread, stopped on exit."""
    state = ReleaseServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def server() -> Iterator[ReleaseServer]:
    """A loopback release server for one test."""
    with running_server() as state:
        yield state


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user data directory, set as ``XPID_DATA_HOME``; loopback bypasses proxies."""
    folder = tmp_path / "data-home"
    monkeypatch.setenv("XPID_DATA_HOME", str(folder))
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return folder


@pytest.fixture
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache directory of these tests (what an install compiles goes there). Shared:
    entries are keyed by their inputs' content, and the bundled Mondo files are then parsed
    once."""
    return tmp_path_factory.getbasetemp() / "data-cache"


@pytest.fixture
def release_bytes() -> Callable[..., dict[str, bytes]]:
    """:func:`release_files`: the mini release stamped with a version, name → bytes."""
    return release_files


@pytest.fixture
def new_release() -> Callable[..., Path]:
    """:func:`make_release`: write the mini release stamped with a version into a folder."""
    return make_release
