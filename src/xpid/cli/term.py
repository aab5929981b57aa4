"""``xpid term``: show terms by id or label."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from xpid import __version__
from xpid.cli.context import (
    OutputFormat,
    build_status,
    load_cli_ontology,
    print_json,
    print_tsv,
    settings,
    stdout,
    warn,
)
from xpid.datafiles import DataFiles
from xpid.ontology import Ontology, resolve_term

__all__ = ["term_command", "term_payload"]


def term_payload(
    ontology: Ontology,
    index: int,
    *,
    query: str,
    warning: str | None,
    n_diseases: int | None = None,
) -> dict[str, Any]:
    """The stable JSON shape of one term (see README, "JSON output").

    ``n_diseases`` is the number of diseases with a present annotation of the term or a
    descendant (``None`` when the data has no annotation file).
    """
    term = ontology.term(index)
    return {
        "query": query,
        "id": term.id,
        "label": term.label,
        "definition": term.definition,
        "synonyms": [
            {"text": s.text, "scope": s.scope.value, "type": s.type or None} for s in term.synonyms
        ],
        "parents": [
            {"id": ontology.ids[p], "label": ontology.labels[p]}
            for p in ontology.parents(index).tolist()
        ],
        "n_descendants": ontology.n_descendants(index),
        "depth": term.depth,
        "n_diseases": n_diseases,
        "warning": warning,
    }


def _load_counts(ctx: typer.Context, files: DataFiles, ontology: Ontology) -> Any:
    """Per-term disease counts, with a status line while they are first computed."""
    from xpid.profiles import load_term_disease_counts

    cache_dir = settings(ctx).cache_dir
    with build_status("Counting diseases per term (first run only)…", cache_dir) as notify:
        return load_term_disease_counts(files, ontology, cache_dir=cache_dir, on_build=notify)


def term_command(
    ctx: typer.Context,
    terms: Annotated[
        list[str], typer.Argument(help="HPO ids (HP:0002014, HP_0002014, PURL) or labels.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """Show id, label, definition, synonyms, parents and descendants of each term."""
    files, ontology = load_cli_ontology(ctx)
    resolved = [resolve_term(ontology, text) for text in terms]
    for r in resolved:
        if r.warning:
            warn(r.warning)
    counts = _load_counts(ctx, files, ontology)

    def n_diseases(index: int) -> int | None:
        return None if counts is None else int(counts[index])

    payloads = [
        term_payload(
            ontology, r.index, query=r.query, warning=r.warning, n_diseases=n_diseases(r.index)
        )
        for r in resolved
    ]
    if output_format is OutputFormat.json:
        print_json(
            {"xpid_version": __version__, "hpo_release": ontology.release, "terms": payloads}
        )
        return
    if output_format is OutputFormat.tsv:
        print_tsv(
            [
                "query",
                "id",
                "label",
                "definition",
                "synonyms",
                "parents",
                "n_descendants",
                "n_diseases",
            ],
            [
                [
                    p["query"],
                    p["id"],
                    p["label"],
                    p["definition"],
                    "|".join(s["text"] for s in p["synonyms"]),
                    "|".join(q["id"] for q in p["parents"]),
                    p["n_descendants"],
                    p["n_diseases"],
                ]
                for p in payloads
            ],
        )
        return
    console = stdout()
    for p in payloads:
        table = Table(
            title=f"[bold]{escape(p['id'])}[/bold] {escape(p['label'])}",
            show_header=False,
            title_justify="left",
            caption=escape(f"HPO {ontology.release} · xpid {__version__}"),
            caption_justify="left",
        )
        table.add_column("field", style="bold cyan", no_wrap=True)
        table.add_column("value", overflow="fold")
        table.add_row("Definition", escape(p["definition"] or "—"))
        table.add_row(
            "Synonyms",
            "\n".join(
                f"{escape(s['text'])} [dim]({s['scope'].lower()}"
                f"{', ' + escape(s['type']) if s['type'] else ''})[/dim]"
                for s in p["synonyms"]
            )
            or "—",
        )
        table.add_row(
            "Parents",
            "\n".join(escape(f"{q['id']} {q['label']}") for q in p["parents"]) or "— (root)",
        )
        table.add_row("Descendants", str(p["n_descendants"]))
        if p["n_diseases"] is not None:
            table.add_row("Diseases", f"{p['n_diseases']} (annotated to the term or a descendant)")
        console.print(table)
