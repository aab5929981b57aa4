"""Disease profiles as tables, JSON and TSV (``xpid profiles list`` and ``show``).

``show`` groups findings by top-level organ system (:func:`xpid.ontology.primary_system`):
a term under several systems is listed once, under the first of them by id, with *Abnormal
cellular phenotype* only when the term is under no other system; the JSON lists every system
of every term. A term that is not in the ontology is listed under "Not in HPO <release>".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from xpid.annotations import FREQUENCY_TERMS, Frequency, FrequencyKind
from xpid.ontology import Ontology, organ_systems, primary_system
from xpid.profiles import Annotation, DiseaseProfile, Origin, ProfileHeader, ProfileStore, Status
from xpid.version import __version__

__all__ = [
    "PROFILE_TSV_HEADER",
    "PROFILE_LIST_TSV_HEADER",
    "annotation_payload",
    "profile_list_rows",
    "profile_list_table",
    "profile_list_tsv_rows",
    "profile_payload",
    "profile_table",
    "profile_tsv_rows",
    "store_provenance",
]

PROFILE_LIST_TSV_HEADER = ["id", "name", "genes", "source", "n_present", "n_excluded"]
PROFILE_TSV_HEADER = [
    "term_id",
    "label",
    "status",
    "frequency",
    "probability",
    "origin",
    "systems",
    "sources",
    "comment",
]


def store_provenance(ontology: Ontology, store: ProfileStore) -> dict[str, Any]:
    """The versions every profile document carries."""
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


def profile_list_rows(headers: Sequence[ProfileHeader]) -> list[dict[str, Any]]:
    """The JSON rows of ``profiles list``."""
    return [
        {
            "id": h.id,
            "name": h.name,
            "genes": list(h.genes),
            "curated": h.curated,
            "n_present": h.n_present,
            "n_excluded": h.n_excluded,
        }
        for h in headers
    ]


def profile_list_tsv_rows(rows: Sequence[dict[str, Any]]) -> list[list[object]]:
    """TSV rows of ``profiles list`` (header :data:`PROFILE_LIST_TSV_HEADER`)."""
    return [
        [
            r["id"],
            r["name"],
            ",".join(r["genes"]),
            "curated" if r["curated"] else "hpoa",
            r["n_present"],
            r["n_excluded"],
        ]
        for r in rows
    ]


def profile_list_table(
    ontology: Ontology, store: ProfileStore, rows: Sequence[dict[str, Any]], title: str
) -> Table:
    """The table of ``profiles list``."""
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
    return table


# ----------------------------------------------------------------------------------- show


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


def annotation_payload(ontology: Ontology, a: Annotation) -> dict[str, Any]:
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
        "annotations": [annotation_payload(ontology, a) for a in profile.annotations],
    }


def _source_text(a: Annotation) -> str:
    parts = []
    for s in a.sources:
        freq = f" ({escape(_short(s.frequency))})" if s.frequency.is_known else ""
        if s.origin is Origin.CURATED:
            parts.append(f"[green]doc:{escape(s.reference)}[/green]{freq}")
        else:
            parts.append(f"{escape(s.reference)}{freq}")
    return "; ".join(parts)


def profile_table(ontology: Ontology, store: ProfileStore, profile: DiseaseProfile) -> Group:
    """The tables of ``profiles show``: the disease's facts, then its findings by system."""
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
    groups: dict[tuple[str, str], list[Annotation]] = {}
    unknown = ("~", f"Not in HPO {ontology.release}")
    for a in profile.annotations:
        groups.setdefault(primary_system(ontology, a.term_id) or unknown, []).append(a)
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
    legend = Text.from_markup(
        "[dim]NOT: excluded (the disease does not show it). ● supported by a document-built "
        "profile. Frequency: the one the scorer uses (document-built first).[/dim]"
    )
    return Group(info, table, legend)


def profile_tsv_rows(ontology: Ontology, profile: DiseaseProfile) -> list[list[object]]:
    """TSV rows of ``profiles show`` (header :data:`PROFILE_TSV_HEADER`), one per finding."""
    return [
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
        for p in (annotation_payload(ontology, a) for a in profile.annotations)
    ]
