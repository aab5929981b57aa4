"""``xpid profiles``: list, show and validate disease profiles.

``show`` groups findings by top-level organ system: the children of Phenotypic abnormality
(HP:0000118) that are ancestors of the term. A term under several systems is listed once,
under the first of them by id, with *Abnormal cellular phenotype* (HP:0025354) only used
when the term is under no other system; the JSON output lists every system of every term.
A term that is not in the ontology is listed under "Not in HPO <release>".
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from xpid import __version__
from xpid.annotations.frequency import FREQUENCY_TERMS, Frequency, FrequencyKind
from xpid.cli.context import (
    OutputFormat,
    data_files,
    load_cli_ontology,
    print_json,
    print_tsv,
    settings,
    stderr,
    stdout,
    warn,
    warn_if_cache_unwritable,
)
from xpid.cli.draft import draft_command
from xpid.datafiles import DataFiles
from xpid.errors import DataError, ProfileFormatError, UnknownNameError
from xpid.ontology import PHENOTYPIC_ABNORMALITY, Ontology
from xpid.profiles import (
    Annotation,
    DiseaseProfile,
    Origin,
    Panel,
    ProfileHeader,
    ProfileProblem,
    ProfileStore,
    Status,
    curated_profile_paths,
    load_panels,
    load_profile,
    load_store,
    panel_paths,
    store_is_cached,
    validate_profile,
)
from xpid.text.escape import printable
from xpid.text.normalize import normalize_text

__all__ = ["app", "load_cli_store", "organ_systems", "profile_payload"]

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


def load_cli_store(ctx: typer.Context, files: DataFiles | None = None) -> ProfileStore:
    """Load the profile store, showing a status line on stderr while a cold build runs."""
    files = data_files(ctx) if files is None else files
    cache_dir = settings(ctx).cache_dir
    if files.hpoa is None or store_is_cached(files, cache_dir):
        return load_store(files, cache_dir=cache_dir)
    warn_if_cache_unwritable(cache_dir)
    with stderr().status(
        f"Building the disease profiles from {files.hpoa.name} (first run only)…", spinner="dots"
    ):
        return load_store(files, cache_dir=cache_dir)


def _provenance(ontology: Ontology, store: ProfileStore) -> dict[str, Any]:
    return {
        "xpid_version": __version__,
        "hpo_release": ontology.release,
        "hpoa_version": store.hpoa_version,
        "profile_set_version": store.profile_set_version or None,
    }


def _caption(ontology: Ontology, store: ProfileStore) -> str:
    return (
        f"HPO {ontology.release} · annotations {store.hpoa_version} · "
        f"profiles {store.profile_set_version or '—'} · xpid {__version__}"
    )


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
    rows: list[dict[str, Any]] = [
        {
            "id": h.id,
            "name": h.name,
            "genes": list(h.genes),
            "curated": h.curated,
            "n_present": h.n_present,
            "n_excluded": h.n_excluded,
        }
        for h in shown
    ]
    if output_format is OutputFormat.json:
        print_json({**_provenance(ontology, store), "total": total, "profiles": rows})
        return
    if output_format is OutputFormat.tsv:
        print_tsv(
            ["id", "name", "genes", "source", "n_present", "n_excluded"],
            [
                [
                    r["id"],
                    r["name"],
                    ",".join(r["genes"]),
                    "curated" if r["curated"] else "hpoa",
                    r["n_present"],
                    r["n_excluded"],
                ]
                for r in rows
            ],
        )
        return
    title = f"{total} disease profile{'s' if total != 1 else ''}"
    if panel is not None:
        title += f" in panel {panel}"
    if len(shown) < total:
        title += f" (first {len(shown)}; --limit 0 for all)"
    table = Table(
        title=escape(title),
        title_justify="left",
        caption=escape(_caption(ontology, store)),
        caption_justify="left",
    )
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("name", ratio=3, overflow="fold")
    table.add_column("genes", ratio=1)
    table.add_column("source", no_wrap=True)
    table.add_column("present", justify="right")
    table.add_column("excluded", justify="right")
    for r in rows:
        table.add_row(
            escape(r["id"]),
            escape(r["name"]),
            escape(", ".join(r["genes"])) or "—",
            "[green]doc[/green]+HPO" if r["curated"] else "HPO",
            str(r["n_present"]),
            str(r["n_excluded"]),
        )
    stdout().print(table)


# ----------------------------------------------------------------------------------- show


def organ_systems(ontology: Ontology, term_id: str) -> list[tuple[str, str]]:
    """The top-level organ systems of ``term_id`` as ``(id, label)``, by id.

    These are the children of Phenotypic abnormality that are ancestors of the term (or
    the term itself). Empty when the term is not in the ontology or not a phenotype.
    """
    index = ontology.current_index(term_id)
    root = ontology.get_index(PHENOTYPIC_ABNORMALITY)
    if index is None or root is None:
        return []
    ancestors = set(ontology.ancestors(index).tolist())
    return [
        (ontology.ids[c], ontology.labels[c])
        for c in ontology.children(root).tolist()
        if c in ancestors
    ]


_CELLULAR = "HP:0025354"


def _primary_system(ontology: Ontology, term_id: str) -> tuple[str, str] | None:
    """The system ``show`` lists a term under (see the module docstring)."""
    systems = organ_systems(ontology, term_id)
    preferred = [s for s in systems if s[0] != _CELLULAR] or systems
    return preferred[0] if preferred else None


def _short(frequency: Frequency) -> str:
    if frequency.kind is FrequencyKind.TERM:
        return FREQUENCY_TERMS[frequency.source][0]
    return escape(frequency.source) or "—"


def _label(ontology: Ontology, term_id: str) -> str | None:
    index = ontology.current_index(term_id)
    return ontology.labels[index] if index is not None else None


def _origin(annotation: Annotation) -> str:
    if annotation.curated and annotation.from_hpoa:
        return "both"
    return "curated" if annotation.curated else "hpoa"


def _annotation_payload(ontology: Ontology, a: Annotation) -> dict[str, Any]:
    return {
        "term_id": a.term_id,
        "label": _label(ontology, a.term_id),
        "status": a.status.value,
        "frequency": a.frequency.source or None,
        "frequency_kind": a.frequency.kind.value,
        "probability": a.frequency.probability,
        "onset": a.onset,
        "origin": _origin(a),
        "systems": [{"id": i, "label": lab} for i, lab in organ_systems(ontology, a.term_id)],
        "sources": [
            {
                "origin": s.origin.value,
                "reference": s.reference,
                "frequency": s.frequency.source or None,
                "citation": s.citation or None,
            }
            for s in a.sources
        ],
        "comment": a.comment or None,
    }


def profile_payload(
    ontology: Ontology, store: ProfileStore, profile: DiseaseProfile
) -> dict[str, Any]:
    """The stable JSON shape of one profile (see README, "Disease profiles")."""

    def terms(ids: tuple[str, ...]) -> list[dict[str, Any]]:
        return [{"id": i, "label": _label(ontology, i)} for i in ids]

    return {
        "id": profile.id,
        "name": profile.name,
        "database": profile.database,
        "curated": profile.curated,
        "synonyms": list(profile.synonyms),
        "genes": [{"symbol": g.symbol, "ncbi_id": g.ncbi_id or None} for g in profile.genes],
        "inheritance": terms(profile.inheritance),
        "onset": terms(profile.onset),
        "clinical_course": terms(profile.clinical_course),
        "sex": profile.sex.value,
        "related": [
            {
                "id": r.id,
                "name": store.name_of(r.id),
                "relation": r.relation.value,
                "note": r.note or None,
            }
            for r in profile.related
        ],
        "annotations": [_annotation_payload(ontology, a) for a in profile.annotations],
    }


def _normalise_id(text: str) -> str:
    value = text.strip()
    if ":" not in value and "_" in value:
        value = value.replace("_", ":", 1)
    prefix, _, rest = value.partition(":")
    prefix = prefix.upper()
    if prefix in ("ORPHANET", "ORPHA"):
        prefix = "ORPHA"
    return f"{prefix}:{rest}" if rest else value


def _source_text(a: Annotation) -> str:
    parts = []
    for s in a.sources:
        freq = f" ({escape(_short(s.frequency))})" if s.frequency.is_known else ""
        if s.origin is Origin.CURATED:
            parts.append(f"[green]doc:{escape(s.reference)}[/green]{freq}")
        else:
            parts.append(f"{escape(s.reference)}{freq}")
    return "; ".join(parts)


def _render_profile(ontology: Ontology, store: ProfileStore, profile: DiseaseProfile) -> None:
    console = stdout()
    info = Table(
        title=f"[bold]{escape(profile.id)}[/bold] {escape(profile.name)}",
        show_header=False,
        title_justify="left",
    )
    info.add_column("field", style="bold cyan", no_wrap=True)
    info.add_column("value", overflow="fold")

    def terms(ids: tuple[str, ...]) -> str:
        return "\n".join(escape(f"{i} {_label(ontology, i) or '?'}") for i in ids) or "—"

    info.add_row(
        "Profile",
        "HPO annotations + [green]document-built profile[/green]"
        if profile.curated
        else "HPO annotations",
    )
    if profile.synonyms:
        info.add_row("Synonyms", escape("; ".join(profile.synonyms)))
    info.add_row(
        "Genes",
        escape(
            ", ".join(
                f"{g.symbol} (NCBI Gene {g.ncbi_id})" if g.ncbi_id else g.symbol
                for g in profile.genes
            )
        )
        or "—",
    )
    info.add_row("Inheritance", terms(profile.inheritance))
    info.add_row("Onset", terms(profile.onset))
    if profile.clinical_course:
        info.add_row("Clinical course", terms(profile.clinical_course))
    info.add_row("Sex", profile.sex.value if profile.sex.value != "unknown" else "not restricted")
    if profile.related:
        info.add_row(
            "Related",
            "\n".join(
                f"{escape(r.id)} {escape(store.name_of(r.id) or '')} ({r.relation.value})"
                + (f"\n  [dim]{escape(r.note)}[/dim]" if r.note else "")
                for r in profile.related
            ),
        )
    citations = sorted(
        {
            (s.reference, s.citation)
            for a in profile.annotations
            for s in a.sources
            if s.origin is Origin.CURATED
        }
    )
    if citations:
        info.add_row(
            "Documents",
            "\n".join(f"[green]doc:{escape(k)}[/green] {escape(c)}" for k, c in citations),
        )
    n_present, n_excluded = len(profile.present()), len(profile.excluded())
    info.add_row("Findings", f"{n_present} present, {n_excluded} excluded")
    console.print(info)

    groups: dict[tuple[str, str], list[Annotation]] = {}
    unknown = ("~", f"Not in HPO {ontology.release}")
    for a in profile.annotations:
        groups.setdefault(_primary_system(ontology, a.term_id) or unknown, []).append(a)
    table = Table(
        title="Findings by organ system ([green]doc[/green] = document-built, "
        "others from the HPO annotations)",
        title_justify="left",
        caption=escape(_caption(ontology, store)),
        caption_justify="left",
    )
    table.add_column("", no_wrap=True)
    table.add_column("term", no_wrap=True)
    table.add_column("label", overflow="fold", ratio=3)
    table.add_column("frequency", no_wrap=True)
    table.add_column("sources", overflow="fold", ratio=2)
    for (_, system_label), members in sorted(groups.items(), key=lambda g: g[0][1].lower()):
        table.add_section()
        table.add_row("", "", f"[bold magenta]{escape(system_label)}[/bold magenta]", "", "")
        for a in members:
            mark = "[red]NOT[/red]" if a.status is Status.EXCLUDED else ""
            label = escape(_label(ontology, a.term_id) or "?")
            if a.curated:
                label = f"{label} [green]●[/green]"
            table.add_row(
                mark, escape(a.term_id), label, escape(_short(a.frequency)), _source_text(a)
            )
    console.print(table)
    console.print(
        "[dim]NOT: excluded (the disease does not show it). ● supported by a document-built "
        "profile. Frequency: the one the scorer uses (document-built first).[/dim]"
    )


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
    profile = store.require(_normalise_id(disease_id))
    if output_format is OutputFormat.json:
        print_json(
            {**_provenance(ontology, store), "profile": profile_payload(ontology, store, profile)}
        )
        return
    if output_format is OutputFormat.tsv:
        print_tsv(
            [
                "term_id",
                "label",
                "status",
                "frequency",
                "probability",
                "origin",
                "systems",
                "sources",
                "comment",
            ],
            [
                [
                    p["term_id"],
                    p["label"],
                    p["status"],
                    p["frequency"],
                    p["probability"],
                    p["origin"],
                    "|".join(s["id"] for s in p["systems"]),
                    "|".join(s["reference"] for s in p["sources"]),
                    p["comment"],
                ]
                for p in (_annotation_payload(ontology, a) for a in profile.annotations)
            ],
        )
        return
    _render_profile(ontology, store, profile)


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
