"""The ``xpid`` Typer application: root options, sub-commands and the one error handler."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from xpid import __version__
from xpid.cli.batch import batch_command
from xpid.cli.benchmark import benchmark_command
from xpid.cli.context import Settings, settings, stderr
from xpid.cli.data import app as data_app
from xpid.cli.exclude import exclude_layout_error
from xpid.cli.extract import extract_command
from xpid.cli.profiles import app as profiles_app
from xpid.cli.rank import _explain_args, rank_command
from xpid.cli.search import search_command
from xpid.cli.simulate import simulate_command
from xpid.cli.term import term_command
from xpid.datafiles import locate_data, read_obo_release
from xpid.errors import XpidError
from xpid.text.escape import printable

__all__ = ["app", "main"]


_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("EPIPE", "ENOSPC", "EDQUOT", "EFBIG", "EIO")
    if hasattr(errno, name)
)
"""Errors of a write that failed for want of room or of a reader (``>/dev/full``, a closed
pipe): the output cannot be written, which is not a bug of xpid."""


def _error_line(message: str) -> None:
    """The one red line of a failed command (control characters in data escaped)."""
    stderr().print(
        f"[bold red]error:[/bold red] {escape(printable(message))}",
        highlight=False,
        soft_wrap=True,
    )


def _discard_stdout() -> None:
    """Point file descriptor 1 at the null device, so that Python's final flush of what
    is still buffered for a stdout that cannot be written does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real descriptor (tests, embedding)
        pass


class _XpidGroup(TyperGroup):
    """Root group that turns any :class:`XpidError` into one red line and exit code 1,
    and an output that cannot be written (a full disk, a closed pipe) into one line too."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["xpid.layout_error"] = exclude_layout_error(list(args))
        return list(super().parse_args(ctx, _explain_args(list(args))))

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click Context
        try:
            layout_error = ctx.meta.get("xpid.layout_error")
            if layout_error:
                raise XpidError(layout_error)
            result = super().invoke(ctx)
            sys.stdout.flush()  # a write error shows here, not at interpreter exit
            return result
        except XpidError as exc:
            if settings(ctx).debug:
                raise
            _error_line(str(exc))
            raise typer.Exit(code=1) from None
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS or settings(ctx).debug:
                raise
            _discard_stdout()
            if exc.errno == errno.EPIPE:  # the reader went away (| head): nothing to say
                raise typer.Exit(code=141) from None
            _error_line(f"cannot write the output ({exc.strerror or exc}).")
            raise typer.Exit(code=1) from None


app = typer.Typer(
    cls=_XpidGroup,
    name="xpid",
    help="Phenotype-driven differential diagnosis over the Human Phenotype Ontology.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version_callback(value: bool) -> None:
    if not value:
        return
    try:
        release = read_obo_release(locate_data().obo)
    except XpidError:
        release = "not found"
    typer.echo(f"xpid {__version__} (HPO release {release})")
    raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Directory of an HPO release (hp.obo.gz, phenotype.hpoa.gz, "
            "genes_to_disease.tsv.gz); default: $XPID_DATA_DIR, else the release of "
            "'xpid data use', else the bundled one.",
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir", help="Cache directory; default: $XPID_CACHE_DIR or the user cache."
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Show the xpid version and HPO release, then exit.",
        ),
    ] = False,
) -> None:
    """Rank diseases by a patient's HPO findings and explain why."""
    ctx.obj = Settings(data_dir=data_dir, cache_dir=cache_dir, debug=debug)


app.command("rank")(rank_command)
app.command("term")(term_command)
app.command("search")(search_command)
app.command("batch")(batch_command)
app.command("benchmark")(benchmark_command)
app.command("simulate")(simulate_command)
app.add_typer(profiles_app, name="profiles")
app.command("extract")(extract_command)
app.add_typer(data_app, name="data")


def main() -> None:
    """Console-script entry point."""
    app()
