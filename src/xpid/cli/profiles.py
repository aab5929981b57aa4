"""``xpid profiles``: list, show, validate and draft disease profiles (the shapes of the
output are in :mod:`xpid.render.profiles`)."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from xpid.cli.context import (
    OutputFormat,
    load_cli_ontology,
    load_cli_store,
    print_json,
    print_tsv,
    stderr,
    stdout,
    warn,
)
from xpid.cli.draft import draft_command
from xpid.constants import normalise_disease_id
from xpid.errors import DataError, ProfileFormatError, UnknownNameError
from xpid.profiles import (
    Panel,
    ProfileHeader,
    ProfileProblem,
    ProfileStore,
    curated_profile_paths,
    load_panels,
    load_profile,
    panel_paths,
    validate_profile,
)
from xpid.render.profiles import (
    PROFILE_LIST_TSV_HEADER,
    PROFILE_TSV_HEADER,
    profile_list_rows,
    profile_list_table,
    profile_list_tsv_rows,
    profile_payload,
    profile_table,
    profile_tsv_rows,
    store_provenance,
)
from xpid.text.escape import printable
from xpid.text.normalize import normalize_text

__all__ = ["app"]

app = typer.Typer(
    name="profiles",
    help="Disease profiles: list, show and validate.",
    no_args_is_help=True,
    add_completion=False,
)


class SourceFilter(enum.StrEnum):
    """Which profiles ``list --source`` keeps."""

    hpoa = "hpoa"
    curated = "curated"


# ----------------------------------------------------------------------------------- list


def _panel(store: ProfileStore, name: str) -> Panel:
    panel = store.panels.get(name)
    if panel is None:
        raise UnknownNameError("panel", name, sorted(store.panels) or ["(none)"])
    return panel


def _matches(header: ProfileHeader, words: list[str]) -> bool:
    haystack = normalize_text(
        " ".join([header.id, header.name, *header.synonyms, *header.genes])
    ).split()
    text = " ".join(haystack)
    return all(w in haystack or w in text for w in words)


@app.command("list")
def list_command(
    ctx: typer.Context,
    panel: Annotated[
        str | None, typer.Option("--panel", "-p", help="Only the diseases of this panel.")
    ] = None,
    source: Annotated[
        SourceFilter | None,
        typer.Option(
            "--source",
            help="hpoa: profiles from the HPO annotations only; "
            "curated: profiles extended by a document-built profile.",
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", help="Words that must all occur in the id, name, synonyms or genes."
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Maximum rows; 0 for all.")
    ] = 50,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """List disease profiles (id, name, genes, numbers of present and excluded findings)."""
    _, ontology = load_cli_ontology(ctx)
    store = load_cli_store(ctx)
    if panel is not None:
        chosen = _panel(store, panel)
        missing = [d for d in chosen.disease_ids if d not in store]
        if missing:
            warn(
                f"{len(missing)} disease(s) of panel {panel!r} are not in this store: "
                f"{', '.join(missing)}."
            )
        ids: tuple[str, ...] = tuple(d for d in chosen.disease_ids if d in store)
    else:
        ids = store.ids
    words = normalize_text(search).split() if search else []
    headers: list[ProfileHeader] = []
    for disease_id in ids:
        header = store.header(disease_id)
        assert header is not None
        if source is SourceFilter.curated and not header.curated:
            continue
        if source is SourceFilter.hpoa and header.curated:
            continue
        if words and not _matches(header, words):
            continue
        headers.append(header)
    total = len(headers)
    shown = headers[:limit] if limit else headers
    rows = profile_list_rows(shown)
    if output_format is OutputFormat.json:
        print_json({**store_provenance(ontology, store), "total": total, "profiles": rows})
        return
    if output_format is OutputFormat.tsv:
        print_tsv(PROFILE_LIST_TSV_HEADER, profile_list_tsv_rows(rows))
        return
    title = f"{total} disease profile{'s' if total != 1 else ''}"
    if panel is not None:
        title += f" in panel {panel}"
    if len(shown) < total:
        title += f" (first {len(shown)}; --limit 0 for all)"
    stdout().print(profile_list_table(ontology, store, rows, title))


# ----------------------------------------------------------------------------------- show


@app.command("show")
def show_command(
    ctx: typer.Context,
    disease_id: Annotated[str, typer.Argument(help="Disease id, e.g. OMIM:300291.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """Show a disease profile: genes, inheritance, onset, sex and findings with sources."""
    _, ontology = load_cli_ontology(ctx)
    store = load_cli_store(ctx)
    profile = store.require(normalise_disease_id(disease_id))
    if output_format is OutputFormat.json:
        payload = profile_payload(ontology, store, profile)
        print_json({**store_provenance(ontology, store), "profile": payload})
        return
    if output_format is OutputFormat.tsv:
        print_tsv(PROFILE_TSV_HEADER, profile_tsv_rows(ontology, profile))
        return
    stdout().print(profile_table(ontology, store, profile))


# ------------------------------------------------------------------------------- validate


def _is_panel(path: Path) -> bool:
    return path.parent.name == "panels"


@app.command("validate")
def validate_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Profile or panel files (panels/*.toml); default: every bundled profile and panel."
        ),
    ] = None,
) -> None:
    """Check profile files against the schema, the ontology and the HPO annotations.

    Prints one ``file:line: message`` per problem and exits with code 1 when there is any.
    """
    files, ontology = load_cli_ontology(ctx)
    targets = list(paths) if paths else [*curated_profile_paths(files), *panel_paths(files)]
    if not targets:
        raise DataError("no profile files to validate.")
    store = load_cli_store(ctx, files) if files.hpoa is not None else None
    names = {d: store.name_of(d) or "" for d in store.ids} if store is not None else None
    problems: list[ProfileProblem] = []
    for path in targets:
        try:
            if _is_panel(path):
                panel = next(iter(load_panels([path]).values()))
                if store is not None:
                    problems.extend(
                        ProfileProblem(str(path), None, f"disease {d} is not in the profile store.")
                        for d in panel.disease_ids
                        if d not in store
                    )
                continue
            profile = load_profile(path)
        except ProfileFormatError as exc:
            problems.append(ProfileProblem(exc.path, exc.line, str(exc).split(": ", 1)[-1]))
            continue
        except DataError as exc:  # unreadable: report it and go on to the next file
            problems.append(ProfileProblem(str(path), None, str(exc)))
            continue
        problems.extend(validate_profile(profile, ontology, disease_names=names))
    for problem in problems:
        sys.stdout.write(f"{printable(str(problem))}\n")
    summary = (
        f"{len(targets)} file{'s' if len(targets) != 1 else ''} checked against HPO "
        f"{ontology.release}: "
    )
    if problems:
        stderr().print(f"[red]{escape(summary)}{len(problems)} problem(s).[/red]", highlight=False)
        raise typer.Exit(code=1)
    stderr().print(f"[green]{escape(summary)}all valid.[/green]", highlight=False)


app.command("draft")(draft_command)
