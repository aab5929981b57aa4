"""``xpid data``: install, list, switch and remove HPO releases in the user data directory.

``install`` is the only xpid command that may use the network, and only when its source is
an http(s) URL; it says so on stderr before it connects.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.filesize import decimal
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from xpid import __version__
from xpid.cli.context import (
    OutputFormat,
    build_status,
    print_json,
    print_tsv,
    settings,
    stderr,
    stdout,
    warn,
)
from xpid.data import (
    BUNDLED,
    InstalledRelease,
    InstallReporter,
    RemoteArchive,
    RemoteFolder,
    active_release_name,
    install_release,
    list_releases,
    parse_source,
    remove_release,
    use_release,
)
from xpid.datafiles import DATA_DIR_ENV, bundled_data_dir, default_data_home, read_obo_release
from xpid.errors import XpidError
from xpid.mondo import load_mondo

__all__ = ["ConsoleReporter", "app"]

app = typer.Typer(
    name="data",
    help="HPO releases: install a newer one (the only command that may use the network), "
    "list them, switch between them.",
    no_args_is_help=True,
    add_completion=False,
)


class ConsoleReporter(InstallReporter):
    """Shows downloads on ``console``: a progress bar on a terminal, else one line per file."""

    def __init__(self, console: Console, *, on_build: Callable[[], None] | None = None) -> None:
        self._console = console
        self._on_build = on_build
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def download_progress(self, name: str, done: int, total: int | None) -> None:
        if not self._console.is_terminal:
            return
        if self._progress is None:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                TimeRemainingColumn(),
                console=self._console,
            )
            self._progress.start()
        if name not in self._tasks:
            self._tasks[name] = self._progress.add_task(escape(name), total=total)
        self._progress.update(self._tasks[name], completed=done, total=total)

    def download_finished(self, name: str, url: str, size: int) -> None:
        if self._console.is_terminal:
            return
        self._console.print(
            f"downloaded {escape(name)} ({decimal(size)}) from {escape(url)}",
            highlight=False,
            soft_wrap=True,
        )

    def building(self) -> None:
        self.close()  # one live display at a time: the bars end before the status line starts
        if self._on_build is not None:
            self._on_build()

    def close(self) -> None:
        """Stop the progress display (leaving the finished bars on screen)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _network_notice(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or url
    return (
        f"xpid data install: connecting to {host} to download {url} "
        "(the only xpid command that uses the network)."
    )


def install_command(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            help="Where the release is: an http(s) base URL holding hp.obo, phenotype.hpoa and "
            "genes_to_disease.txt, the URL of a .tar.gz/.zip of them, a local folder or "
            "archive, or a file:// URL.",
            show_default=False,
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help="Install under this name (default: the HPO release date)."),
    ] = None,
    activate: Annotated[
        bool,
        typer.Option("--activate/--no-activate", help="Make it the release every command uses."),
    ] = True,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an installed release of that name."),
    ] = False,
    mondo: Annotated[
        str | None,
        typer.Option(
            "--mondo",
            help="Where Mondo's mapping sets (*.sssom.tsv[.gz]) are, if not in a mondo/ folder "
            "beside the HPO files (folder, archive or URL); default: the bundled ones.",
        ),
    ] = None,
) -> None:
    """Install an HPO release: fetch, verify, compile, and make it the default."""
    parsed = parse_source(source)
    parsed_mondo = parse_source(mondo) if mondo is not None else None
    console = stderr()
    for item in (parsed, parsed_mondo):
        if isinstance(item, RemoteFolder | RemoteArchive):
            console.print(escape(_network_notice(item.url)), highlight=False, soft_wrap=True)
    opts = settings(ctx)
    message = "Verifying and compiling the release (parsing every file)…"
    with build_status(message, opts.cache_dir) as notify:
        reporter = ConsoleReporter(console, on_build=notify)
        try:
            result = install_release(
                parsed,
                mondo=parsed_mondo,
                cache_dir=opts.cache_dir,
                name=name,
                activate=activate,
                force=force,
                reporter=reporter,
            )
        finally:
            reporter.close()
    for notice in result.notices:
        warn(notice)
    manifest = result.manifest
    mondo_part = (
        f"; Mondo {manifest.mondo_version}"
        + (" (bundled)" if manifest.mondo_source == BUNDLED else "")
        if manifest.mondo_version
        else "; no Mondo mappings"
    )
    what = (
        f"HPO release {manifest.name} ({manifest.terms:,} terms, "
        f"{manifest.diseases:,} annotated diseases{mondo_part})"
    )
    if result.unchanged:
        head = f"{what} is installed already with the same files in {result.directory}"
    elif result.replaced:
        head = f"Replaced {what} in {result.directory}"
    else:
        head = f"Installed {what} in {result.directory}"
    tail = "; it is now the active release." if result.activated else "."
    stdout().print(escape(head + tail), highlight=False, soft_wrap=True)
    _warn_if_overridden(opts.data_dir is not None)


def _warn_if_overridden(data_dir_given: bool) -> None:
    if data_dir_given:
        warn("--data-dir is given: this command's run uses that folder, not the active release.")
    elif os.environ.get(DATA_DIR_ENV):
        warn(
            f"{DATA_DIR_ENV} is set: commands use {os.environ[DATA_DIR_ENV]!r}, not the active "
            "release."
        )


def _rows(
    releases: list[InstalledRelease], active: str | None, cache_dir: Path | None
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    bundled = bundled_data_dir()
    if bundled is not None and bundled.is_dir():
        try:
            obo = next(p for p in (bundled / "hp.obo.gz", bundled / "hp.obo") if p.is_file())
            release: str | None = read_obo_release(obo)
        except (StopIteration, XpidError):
            release = None
        rows.append(
            {
                "name": BUNDLED,
                "active": active is None,
                "hpo_release": release,
                "hpoa_version": None,
                "mondo_version": _bundled_mondo_version(bundled, cache_dir),
                "terms": None,
                "diseases": None,
                "installed": None,
                "source": "the xpid package",
                "directory": str(bundled),
            }
        )
    for item in releases:
        m = item.manifest
        rows.append(
            {
                "name": item.name,
                "active": item.active,
                "hpo_release": m.hpo_release if m else None,
                "hpoa_version": m.hpoa_version if m else None,
                "mondo_version": m.mondo_version if m else None,
                "terms": m.terms if m else None,
                "diseases": m.diseases if m else None,
                "installed": m.installed if m else None,
                "source": m.source if m else "(no readable release.json: install it again)",
                "directory": str(item.directory),
            }
        )
    return rows


def _bundled_mondo_version(bundled: Path, cache_dir: Path | None) -> str | None:
    """The bundled Mondo release (the mapping sets are parsed once, then cached)."""
    folder = bundled / "mondo"
    if not folder.is_dir():
        return None
    try:
        return load_mondo(folder, cache_dir=cache_dir).version
    except XpidError:
        return None


def list_command(
    ctx: typer.Context,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """List the installed HPO releases and the bundled one; mark the active release."""
    home = default_data_home()
    releases = list_releases(home)
    active = active_release_name(home)
    rows = _rows(releases, active, settings(ctx).cache_dir)
    if active is not None and not any(r["name"] == active for r in rows):
        warn(f"the active release {active!r} is not installed; run 'xpid data use bundled'.")
    if output_format is OutputFormat.json:
        print_json({"xpid_version": __version__, "data_home": str(home), "releases": rows})
    elif output_format is OutputFormat.tsv:
        columns = list(rows[0]) if rows else ["name"]
        print_tsv(
            columns,
            [[("yes" if r[c] else "no") if c == "active" else r[c] for c in columns] for r in rows],
        )
    else:
        table = Table(
            title=f"HPO releases (installed in {escape(str(home))})",
            title_justify="left",
            caption="* the active release (xpid data use RELEASE|bundled switches); "
            "--format json shows sources and folders",
            caption_justify="left",
        )
        table.add_column("")
        table.add_column("release", no_wrap=True)
        table.add_column("HPO", no_wrap=True)
        table.add_column("Mondo", no_wrap=True)
        table.add_column("terms", justify="right")
        table.add_column("diseases", justify="right")
        table.add_column("installed", no_wrap=True)
        for r in rows:
            table.add_row(
                "*" if r["active"] else "",
                escape(r["name"]),
                escape(r["hpo_release"] or "—"),
                escape(r["mondo_version"] or "—"),
                f"{r['terms']:,}" if r["terms"] is not None else "—",
                f"{r['diseases']:,}" if r["diseases"] is not None else "—",
                escape((r["installed"] or "—")[:10]),
            )
        stdout().print(table)
    _warn_if_overridden(settings(ctx).data_dir is not None)


def use_command(
    ctx: typer.Context,
    release: Annotated[
        str,
        typer.Argument(help=f"An installed release (see 'xpid data list') or {BUNDLED!r}."),
    ],
) -> None:
    """Make an installed release (or the bundled one) the one every command uses."""
    directory = use_release(release)
    if directory is None:
        stdout().print("Now using the bundled HPO release.", highlight=False)
    else:
        stdout().print(
            escape(f"Now using HPO release {release} ({directory})."),
            highlight=False,
            soft_wrap=True,
        )
    _warn_if_overridden(settings(ctx).data_dir is not None)


def remove_command(
    release: Annotated[str, typer.Argument(help="An installed release that is not active.")],
) -> None:
    """Delete an installed release (not the active one)."""
    directory = remove_release(release)
    stdout().print(
        escape(f"Removed HPO release {release} ({directory})."), highlight=False, soft_wrap=True
    )


app.command("install")(install_command)
app.command("list")(list_command)
app.command("use")(use_command)
app.command("remove")(remove_command)
