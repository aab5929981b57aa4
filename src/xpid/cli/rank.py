"""``xpid rank``: rank every disease for a patient's findings, with explanations."""

from __future__ import annotations

import enum
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Group
from rich.table import Table
from rich.text import Text

from xpid.cli.context import (
    CorpusOption,
    MethodOption,
    OutputFormat,
    PanelOption,
    check_output_file,
    load_cli_knowledge_base,
    print_json,
    print_tsv,
    stderr,
    stdout,
    warn,
    write_error,
)
from xpid.knowledge.corpus import DEFAULT_CORPUS, parse_corpus
from xpid.ranking.tsv import RESULT_TSV_COLUMNS, result_tsv_cells
from xpid.scoring.methods import DEFAULT_METHOD, parse_method
from xpid.sex import Sex

if TYPE_CHECKING:  # the ranking engine is imported when a command runs, not at start-up
    from xpid.knowledge.base import KnowledgeBase
    from xpid.patient import Patient
    from xpid.ranking.result import DiseaseResult, Ranking
    from xpid.ranking.suggest import Suggestion

__all__ = ["rank_command", "render_ranking_table", "ranking_tsv_rows", "RANK_TSV_HEADER"]

RANK_TSV_HEADER = [*RESULT_TSV_COLUMNS, "explanation"]


class SexChoice(enum.StrEnum):
    male = "male"
    female = "female"
    unknown = "unknown"


def _explanation_text(result: DiseaseResult) -> str:
    if result.explanation is None:
        return ""
    parts = []
    for f in result.explanation.findings:
        target = f.match_id or "-"
        if f.log_lr is not None:
            value = f"f={f.match_frequency or '-'}:lnLR={f.log_lr:.3f}"
            if f.absent_in_disease:
                value += f":lacks={f.absent_in_disease}"
        else:
            value = f"{f.contribution:.3f}"
        parts.append(f"{f.id}>{target}:{f.kind}:{value}")
    if result.explanation.disease_side is not None:
        parts.append(f"disease_side:{result.explanation.disease_side:.3f}")
    for e in result.explanation.excluded:
        parts.append(f"not {e.id}:p={e.disease_probability:.2f}:{-e.penalty + 0.0:+.3f}")
    if result.explanation.prior_weight is not None:
        rules = ",".join(result.explanation.priors) or "none"
        parts.append(f"prior={rules}:w={result.explanation.prior_weight:.4g}")
    return "|".join(parts)


def ranking_tsv_rows(ranking: Ranking) -> list[list[object]]:
    """Rows of the TSV form of a ranking (header :data:`RANK_TSV_HEADER`)."""
    return [[*result_tsv_cells(r.to_dict()), _explanation_text(r)] for r in ranking.results]


def _caption(ranking: Ranking) -> str:
    p = ranking.provenance
    parts = [
        f"xpid {p.xpid_version}",
        f"HPO {p.hpo_release}",
        f"method {p.method}",
        f"corpus {p.corpus}",
    ]
    panel = dict(p.parameters).get("panel")
    if panel:
        parts.append(f"panel {panel}")
    parts.append(f"{ranking.n_ranked} diseases ranked")
    parts.append("ties share a rank")
    return " · ".join(parts)


def render_ranking_table(kb: KnowledgeBase, ranking: Ranking) -> Group:
    """The Rich renderable of a ranking: the ranked table, then one table per explanation."""
    from xpid.ranking.rank import UNLIKELY_THRESHOLD

    labels = kb.labels(list(ranking.patient.present) + list(ranking.patient.excluded))
    query = ", ".join(f"{t} {labels[t]}" for t in ranking.patient.present)
    if ranking.patient.excluded:
        query += "; excluded: " + ", ".join(f"{t} {labels[t]}" for t in ranking.patient.excluded)
    table = Table(
        title=f"Differential for: {query}",
        title_justify="left",
        caption=_caption(ranking),
        caption_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column("disease", no_wrap=True)
    table.add_column("name")
    table.add_column("genes")
    probabilistic = ranking.probabilities is not None
    table.add_column("ln(prior×LR)" if probabilistic else "score", justify="right")
    if probabilistic:
        table.add_column("post-test", justify="right")
    table.add_column("matched", justify="right")
    for r in ranking.results:
        cells = [str(r.rank), r.disease_id, r.name, ", ".join(r.genes) or "—", f"{r.score:.3f}"]
        if probabilistic:
            cells.append(f"{100 * (r.probability or 0.0):.1f}%")
        cells.append(f"{r.matched}/{r.total}")
        table.add_row(*cells)
    parts: list[Any] = [table]
    top = ranking.top_probability
    if top is not None and top < UNLIKELY_THRESHOLD:
        parts.append(
            Text(
                f"No diagnosis is likely: the best post-test probability is "
                f"{100 * top:.1f}% (below {100 * UNLIKELY_THRESHOLD:.0f}%).",
                style="bold yellow",
            )
        )
    for r in ranking.results:
        if r.explanation is None:
            continue
        ex = Table(
            title=f"Why {r.disease_id} {r.name} (rank {r.rank})",
            title_justify="left",
            show_lines=False,
        )
        ex.add_column("patient finding")
        ex.add_column("best match in the disease")
        ex.add_column("match")
        ex.add_column("frequency")
        ex.add_column("ln LR" if probabilistic else "contribution", justify="right")
        for f in r.explanation.findings:
            note = ""
            if f.absent_in_disease:
                # lr has the cost in the ln LR; the similarity methods show their penalty.
                cost = "" if f.log_lr is not None else f": −{f.penalty:.2f}"
                note = f" [red](disease lacks {f.absent_in_disease}{cost})[/red]"
            ex.add_row(
                f"{f.id} {f.label}",
                f"{f.match_id} {f.match_label}" if f.match_id else "—",
                f.kind + note,
                _frequency_text(f.match_frequency),
                f"{f.contribution:+.3f}",
            )
        if r.explanation.disease_side is not None:
            ex.add_row(
                "[dim]the disease's findings, matched in the patient[/dim]",
                "—",
                "disease→patient side",
                "—",
                f"{r.explanation.disease_side:+.3f}",
            )
        for e in r.explanation.excluded:
            ex.add_row(
                f"[dim]not[/dim] {e.id} {e.label}",
                "—",
                "excluded by the patient",
                f"p={e.disease_probability:.2f}",
                f"{-e.penalty:+.3f}",
            )
        parts.append(ex)
        if r.explanation.prior_weight is not None:
            applied = ", ".join(r.explanation.priors) or "none"
            parts.append(
                Text(f"Prior weight {r.explanation.prior_weight:.3g} (rules applied: {applied}).")
            )
        if r.explanation.unreported:
            lines = Text(
                "Frequent findings of this disease the patient did not report: ", style="bold"
            )
            lines.append(
                "; ".join(
                    f"{u.id} {u.label} ({_frequency_text(u.frequency, with_id=False)}"
                    + (", patient lacks it)" if u.patient_lacks else ")")
                    for u in r.explanation.unreported[:8]
                ),
                style="",
            )
            parts.append(lines)
    return Group(*parts)


def _frequency_text(source: str | None, *, with_id: bool = True) -> str:
    """A frequency as a reader wants it: HPO frequency terms by name (``Frequent (HP:…)``)."""
    if not source:
        return "—"
    from xpid.annotations.frequency import FREQUENCY_TERMS

    if source in FREQUENCY_TERMS:
        name = FREQUENCY_TERMS[source][0]
        return f"{name} ({source})" if with_id else name
    return source


def render_suggestions(suggestions: tuple[Suggestion, ...]) -> Table:
    """The table of ``--suggest``: findings to check next, best first."""
    table = Table(
        title="Findings to check next (expected information gain over the top 10)",
        title_justify="left",
    )
    table.add_column("finding")
    table.add_column("gain (nats)", justify="right")
    table.add_column("P(present)", justify="right")
    table.add_column("if present, favours")
    table.add_column("if absent, favours")
    for s in suggestions:
        table.add_row(
            f"{s.id} {s.label}",
            f"{s.information_gain:.3f}",
            f"{100 * s.probability_present:.0f}%",
            ", ".join(s.favours_if_present) or "—",
            ", ".join(s.favours_if_absent) or "—",
        )
    if not suggestions:
        table.add_row("(nothing left to ask among the leading diseases)", "", "", "", "")
    return table


def _explain_args(args: list[str]) -> list[str]:
    """Let ``rank --explain`` be given without a number (meaning 3)."""
    if "rank" not in args:
        return list(args)
    start = args.index("rank")
    out: list[str] = list(args[: start + 1])
    rest = args[start + 1 :]
    for i, arg in enumerate(rest):
        out.append(arg)
        if arg == "--explain":
            nxt = rest[i + 1] if i + 1 < len(rest) else None
            if nxt is None or not nxt.isdigit():
                out.append("3")
    return out


def rank_command(
    ctx: typer.Context,
    terms: Annotated[
        list[str] | None,
        typer.Argument(help="Present findings: HPO ids or labels.", show_default=False),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", "-x", help="A finding the patient does not have (repeat)."),
    ] = None,
    sex: Annotated[SexChoice, typer.Option("--sex", help="Patient sex.")] = SexChoice.unknown,
    onset: Annotated[
        str | None, typer.Option("--onset", help="Onset term, e.g. HP:0003593 (Infantile).")
    ] = None,
    method: MethodOption = DEFAULT_METHOD.value,
    corpus: CorpusOption = DEFAULT_CORPUS.value,
    panel: PanelOption = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Rows to show.")] = 10,
    explain: Annotated[
        int,
        typer.Option("--explain", min=0, help="Explain the top N diseases (--explain alone: 3)."),
    ] = 0,
    phenopacket: Annotated[
        Path | None, typer.Option("--phenopacket", help="Read the findings from a phenopacket.")
    ] = None,
    suggest: Annotated[
        int,
        typer.Option(
            "--suggest",
            min=0,
            help="List the N unreported findings that would best separate the top diseases.",
        ),
    ] = 0,
    text: Annotated[
        str | None,
        typer.Option(
            "--text", metavar="FILE|-", help="Read the findings from free text (file or -)."
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of --text: en or sv.")] = "en",
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE.html",
            help="Also write a self-contained HTML report (to keep, print or attach).",
        ),
    ] = None,
) -> None:
    """Rank every disease for the patient's findings and explain the top ones."""
    chosen_method = parse_method(method)
    chosen_corpus = parse_corpus(corpus)
    if report is not None:
        check_output_file(report)
    kb = load_cli_knowledge_base(ctx)
    terms, exclude = list(terms or []), list(exclude or [])
    if text is not None:
        found, denied = _findings_from_text(ctx, kb, text, lang)
        terms.extend(found)
        exclude.extend(denied)
    patient = _patient_from_cli(kb, terms, exclude, sex, onset, phenopacket)
    for notice in patient.notices:
        warn(notice.message)
    # The report explains and suggests a little more than the screen asks for.
    ranking = kb.rank(
        patient,
        method=chosen_method,
        corpus=chosen_corpus,
        panel=panel,
        top=max(top, REPORT_TOP) if report is not None else top,
        explain=max(explain, REPORT_EXPLAIN) if report is not None else explain,
    )
    from xpid.ranking.suggest import suggest_findings

    n_suggest = max(suggest, REPORT_SUGGEST) if report is not None else suggest
    suggestions = suggest_findings(kb, patient, ranking, n=n_suggest) if n_suggest else ()
    if report is not None:
        _write_report(report, kb, ranking, suggestions)
        ranking = _screen_view(ranking, top, explain)
        suggestions = suggestions[:suggest]
    if output_format is OutputFormat.json:
        labels = kb.labels(list(patient.present) + list(patient.excluded))
        payload = ranking.to_dict(labels=labels)
        if suggest:
            payload["suggestions"] = [s.to_dict() for s in suggestions]
        print_json(payload)
    elif output_format is OutputFormat.tsv:
        print_tsv(RANK_TSV_HEADER, ranking_tsv_rows(ranking))
        if suggest:
            stderr().print("Suggestions are shown with --format table or json.")
    else:
        console = stdout()
        console.print(render_ranking_table(kb, ranking))
        if suggest:
            console.print(render_suggestions(suggestions))


REPORT_TOP = 10
"""Diseases listed in an HTML report (at least; more when ``--top`` asks)."""
REPORT_EXPLAIN = 5
"""Diseases explained in an HTML report (at least; more when ``--explain`` asks)."""
REPORT_SUGGEST = 5
"""Findings to check next listed in an HTML report (at least)."""


def _write_report(
    path: Path, kb: KnowledgeBase, ranking: Ranking, suggestions: tuple[Suggestion, ...]
) -> None:
    """Write the HTML report of ``ranking`` to ``path`` (one line on stderr says where)."""
    from xpid.render.html import render_ranking_html

    labels = kb.labels(list(ranking.patient.present) + list(ranking.patient.excluded))
    favoured = {d for s in suggestions for d in (*s.favours_if_present, *s.favours_if_absent)}
    names = {d: p.name for d in sorted(favoured) if (p := kb.profile(d)) is not None}
    page = render_ranking_html(
        ranking.to_dict(labels=labels),
        suggestions=[s.to_dict() for s in suggestions],
        disease_names=names,
    )
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise write_error(path, exc) from None
    stderr().print(f"wrote the report {path}", highlight=False)


def _screen_view(ranking: Ranking, top: int, explain: int) -> Ranking:
    """``ranking`` cut to its first ``top`` results, explained up to the ``explain``-th."""
    results = tuple(
        r if i < explain or r.explanation is None else replace(r, explanation=None)
        for i, r in enumerate(ranking.results[:top])
    )
    return replace(ranking, results=results)


def _findings_from_text(
    ctx: typer.Context, kb: KnowledgeBase, source: str, lang: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Extract findings from free text and show what was understood (on stderr)."""
    from xpid.cli.extract import load_cli_lexicon, read_text_arg
    from xpid.errors import UnknownNameError
    from xpid.extraction import Language, extract_findings, findings_for_ranking

    try:
        language = Language(lang)
    except ValueError:
        raise UnknownNameError("language", lang, [x.value for x in Language]) from None
    extraction = extract_findings(
        read_text_arg(source), load_cli_lexicon(ctx, kb.ontology, language)
    )
    present, excluded = findings_for_ranking(extraction)
    console = stderr()
    console.print("[bold]Understood from the text:[/bold]", highlight=False)
    for m in extraction.mentions:
        console.print(
            f"  {m.assertion.value:<12} {m.term_id} {m.label}  [dim]«{m.text}»[/dim]",
            highlight=False,
        )
    if not extraction.mentions:
        console.print("  (no findings)", highlight=False)
    return present, excluded


def _patient_from_cli(
    kb: KnowledgeBase,
    terms: list[str],
    exclude: list[str],
    sex: SexChoice,
    onset: str | None,
    phenopacket: Path | None,
) -> Patient:
    from xpid.patient import build_patient

    if phenopacket is not None:
        from xpid.phenopackets.reader import load_phenopacket
        from xpid.phenopackets.to_patient import case_to_patient

        case = load_phenopacket(phenopacket)
        base = case_to_patient(kb.ontology, case)
        if not terms and not exclude and sex is SexChoice.unknown and onset is None:
            return base
        combined = build_patient(
            kb.ontology,
            list(base.present) + terms,
            list(base.excluded) + exclude,
            sex=Sex(sex.value) if sex is not SexChoice.unknown else base.sex,
            onset=onset or base.onset,
            age_years=base.age_years,
            case_id=base.id,
            publications=base.publications,
            diagnoses=base.diagnoses,
        )
        return replace(combined, notices=base.notices + combined.notices)
    return build_patient(kb.ontology, terms, exclude, sex=Sex(sex.value), onset=onset)
