"""Shared CLI state: settings from the root options, consoles, data loading with a status."""

from __future__ import annotations

import enum
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.markup import escape
from rich.style import Style
from rich.text import Text

from xpid.datafiles import DataFiles, locate_data
from xpid.errors import XpidError
from xpid.knowledge.corpus import Corpus
from xpid.ontology import Ontology, load_ontology
from xpid.ontology.load import ontology_is_cached
from xpid.scoring.methods import Method
from xpid.text.escape import json_dumps, printable, tsv_cell

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.phenopackets import MissingInput
    from xpid.profiles import ProfileStore

METHOD_NAMES = ", ".join(m.value for m in Method)
CORPUS_NAMES = ", ".join(c.value for c in Corpus)

MethodOption = Annotated[
    str, typer.Option("--method", "-m", help=f"Scoring method: {METHOD_NAMES}.")
]
CorpusOption = Annotated[
    str, typer.Option("--corpus", help=f"Diseases ranked and IC reference: {CORPUS_NAMES}.")
]
PanelOption = Annotated[
    str | None,
    typer.Option(
        "--panel",
        help="Favour a panel's diseases (lr: a prior, x0.05 outside it); "
        "similarity methods rank only the panel.",
    ),
]

__all__ = [
    "OutputFormat",
    "Settings",
    "check_output_dir",
    "check_output_file",
    "discover_inputs",
    "write_error",
    "settings",
    "stdout",
    "stderr",
    "tsv_cell",
    "load_cli_ontology",
    "warn_if_cache_unwritable",
]


class OutputFormat(enum.StrEnum):
    """Output formats of the reporting commands."""

    table = "table"
    json = "json"
    tsv = "tsv"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of the root command, shared by every sub-command."""

    data_dir: Path | None = None
    cache_dir: Path | None = None
    debug: bool = False


def settings(ctx: typer.Context) -> Settings:
    """The :class:`Settings` stored by the root callback (defaults when run standalone)."""
    root = ctx.find_root()
    obj = root.obj
    return obj if isinstance(obj, Settings) else Settings()


class SafeConsole(Console):
    """A Rich console that shows control characters in what it prints as escapes.

    Every string Rich lays out (``print`` arguments, table titles, cells and captions)
    passes through :meth:`render_str`, where :func:`~xpid.text.escape.printable` turns
    the characters a terminal would obey (``ESC``, C1 controls, bidirectional overrides,
    lone surrogates) into visible escapes, before markup is parsed and widths are
    measured. Data inside *markup* still needs :func:`rich.markup.escape`; ``Text``
    objects made from data need ``printable``.
    """

    def render_str(
        self,
        text: str,
        *,
        style: str | Style = "",
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        highlighter: Callable[[str | Text], Text] | None = None,
    ) -> Text:
        return super().render_str(
            printable(text, keep_layout=True),
            style=style,
            justify=justify,
            overflow=overflow,
            emoji=emoji,
            markup=markup,
            highlight=highlight,
            highlighter=highlighter,
        )


def stdout() -> Console:
    """Console for results (stdout)."""
    return SafeConsole(soft_wrap=False)


def stderr() -> Console:
    """Console for warnings, errors and status lines (stderr)."""
    return SafeConsole(stderr=True)


def warn(message: str) -> None:
    """Print a non-fatal warning as one yellow line on stderr (control characters in it
    escaped, so a line it is)."""
    stderr().print(
        f"[yellow]warning:[/yellow] {escape(printable(message))}", highlight=False, soft_wrap=True
    )


def data_files(ctx: typer.Context) -> DataFiles:
    """The data files chosen by ``--data-dir``/``XPID_DATA_DIR``/the bundled copy."""
    return locate_data(settings(ctx).data_dir)


def load_cli_ontology(ctx: typer.Context) -> tuple[DataFiles, Ontology]:
    """Load the ontology, showing a Rich status line on stderr while a cold build runs."""
    files = data_files(ctx)
    cache_dir = settings(ctx).cache_dir
    if ontology_is_cached(files.obo, cache_dir):
        return files, load_ontology(files.obo, cache_dir=cache_dir)
    warn_if_cache_unwritable(cache_dir)
    console = stderr()
    with console.status(
        f"Building the HPO index from {files.obo.name} (first run only)…", spinner="dots"
    ):
        ontology = load_ontology(files.obo, cache_dir=cache_dir)
    return files, ontology


_CACHE_WARNED: set[Path] = set()


def warn_if_cache_unwritable(cache_dir: Path | None) -> None:
    """Before a slow build: say once when its result cannot be cached (so every run will
    build again). ``cache_dir`` as given by ``--cache-dir`` (``None``: the default)."""
    from xpid.cache import default_cache_dir

    directory = cache_dir or default_cache_dir()
    if directory in _CACHE_WARNED:
        return
    try:
        _probe_directory(directory)
    except OSError:
        _CACHE_WARNED.add(directory)
        warn(
            f"the cache directory {str(directory)!r} cannot be written: nothing built now is "
            "kept, and every run builds again (set --cache-dir or XPID_CACHE_DIR)."
        )


@contextmanager
def build_status(message: str, cache_dir: Path | None) -> Iterator[Callable[[], None]]:
    """An ``on_build`` callback for a cached load into ``cache_dir``: from the first build
    step to the end of the block, ``message`` shows as a Rich status line on stderr (a warm
    load shows nothing), after a warning if the result cannot be cached."""
    status = None

    def on_build() -> None:
        nonlocal status
        if status is None:
            warn_if_cache_unwritable(cache_dir)
            status = stderr().status(message, spinner="dots")
            status.start()

    try:
        yield on_build
    finally:
        if status is not None:
            status.stop()


def load_cli_knowledge_base(ctx: typer.Context) -> KnowledgeBase:
    """Load the knowledge base, with a Rich status line on stderr while anything is built."""
    from xpid.knowledge import load_knowledge_base

    opts = settings(ctx)
    message = "Building the HPO index and disease profiles (first run only)…"
    with build_status(message, opts.cache_dir) as notify:
        return load_knowledge_base(opts.data_dir, cache_dir=opts.cache_dir, on_build=notify)


def print_json(payload: Any) -> None:
    """Write ``payload`` as indented JSON (UTF-8, keys in insertion order) to stdout, with
    the characters of :func:`~xpid.text.escape.json_dumps` escaped."""
    sys.stdout.write(json_dumps(payload, indent=2) + "\n")


def print_tsv(header: list[str], rows: list[list[object]]) -> None:
    """Write a header line and rows as tab-separated values to stdout (cells as
    :func:`~xpid.text.escape.tsv_cell`)."""
    out = ["\t".join(header)]
    out.extend("\t".join(tsv_cell(c) for c in row) for row in rows)
    sys.stdout.write("\n".join(out) + "\n")


def write_error(path: Path, exc: OSError, *, directory: bool = False) -> XpidError:
    """The one-line error for an output that cannot be written."""
    what = f"to the directory {str(path)!r}" if directory else repr(str(path))
    return XpidError(f"cannot write {what} ({exc.strerror or exc.__class__.__name__}).")


def _probe_directory(path: Path) -> None:
    """Create ``path`` if needed and write (then remove) a file in it; raises ``OSError``
    when that fails (``os.access`` is no test: it says yes to root on a read-only mount)."""
    path.mkdir(parents=True, exist_ok=True)
    fd, probe = tempfile.mkstemp(dir=path, prefix=".xpid-write-check-")
    os.close(fd)
    os.unlink(probe)


def check_output_file(path: Path) -> None:
    """Fail early, in one line, when ``path`` cannot be written as an output file (before
    any work is done; a file that does not exist yet is not created)."""
    if path.is_dir():
        raise XpidError(f"cannot write {str(path)!r}: it is a directory; expected a file path.")
    parent = path.parent
    if not parent.is_dir():
        raise XpidError(
            f"cannot write {str(path)!r}: its directory {str(parent)!r} does not exist."
        )
    try:
        if path.exists():
            with path.open("a", encoding="utf-8"):
                pass
        else:
            _probe_directory(parent)
    except OSError as exc:
        raise write_error(path, exc) from None


def check_output_dir(path: Path) -> None:
    """Create the output directory ``path`` if needed; fail early, in one line, when it cannot
    be created or written to."""
    if path.exists() and not path.is_dir():
        raise XpidError(f"cannot write to {str(path)!r}: it is a file; expected a directory.")
    try:
        _probe_directory(path)
    except OSError as exc:
        raise write_error(path, exc, directory=True) from None


def discover_inputs(inputs: list[str]) -> list[Path | MissingInput]:
    """The phenopacket files of command-line ``inputs`` (``-``: names on stdin), with a
    warning naming the files reached more than once (each is taken once)."""
    from xpid.phenopackets import iter_phenopacket_paths

    repeated: list[str] = []
    items = iter_phenopacket_paths(inputs, stdin=sys.stdin, duplicates=repeated)
    if repeated:
        warn(
            f"{len(repeated)} input file(s) reached more than once are taken once "
            f"(first: {repeated[0]})."
        )
    return items


def load_cli_store(ctx: typer.Context, files: DataFiles | None = None) -> ProfileStore:
    """Load the profile store, showing a status line on stderr while a cold build runs."""
    from xpid.profiles import load_store, store_is_cached

    files = data_files(ctx) if files is None else files
    cache_dir = settings(ctx).cache_dir
    if files.hpoa is None or store_is_cached(files, cache_dir):
        return load_store(files, cache_dir=cache_dir)
    warn_if_cache_unwritable(cache_dir)
    with stderr().status(
        f"Building the disease profiles from {files.hpoa.name} (first run only)…", spinner="dots"
    ):
        return load_store(files, cache_dir=cache_dir)
