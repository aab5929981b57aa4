"""``xpid rank``: rank every disease for a patient's findings, with explanations."""

from __future__ import annotations

import enum
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

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
from xpid.cli.exclude import split_excluded
from xpid.knowledge.corpus import DEFAULT_CORPUS, parse_corpus
from xpid.render.ranking import (
    RANK_TSV_HEADER,
    ranking_tsv_rows,
    render_ranking_table,
    render_suggestions,
)
from xpid.scoring.methods import DEFAULT_METHOD, parse_method
from xpid.sex import Sex

if TYPE_CHECKING:  # the ranking engine is imported when a command runs, not at start-up
    from xpid.extraction.demographics import Demographics
    from xpid.knowledge.base import KnowledgeBase
    from xpid.patient import Patient
    from xpid.ranking.result import Ranking
    from xpid.ranking.suggest import Suggestion

__all__ = ["rank_command"]


class SexChoice(enum.StrEnum):
    male = "male"
    female = "female"
    unknown = "unknown"


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
        typer.Option("--exclude", "-x", help="Absent findings: a term or a list A,B (or repeat)."),
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
    terms, exclude = list(terms or []), split_excluded(kb.ontology, list(exclude or []))
    age_years = None
    if text is not None:
        found, denied, about = _findings_from_text(ctx, kb, text, lang)
        terms.extend(found)
        exclude.extend(denied)
        # What the note says of the patient fills what the options left open.
        if sex is SexChoice.unknown:
            sex = SexChoice(about.sex.value)
        if onset is None and about.onset_class in kb.ontology:
            onset = about.onset_class
        age_years = about.age_years
    patient = _patient_from_cli(kb, terms, exclude, sex, onset, phenopacket, age_years)
    for notice in patient.notices:
        warn(notice.message)
    from xpid.ranking import RankSettings, rank_patient

    settings = RankSettings(method=chosen_method, corpus=chosen_corpus, panel=panel)
    # The report explains and suggests a little more than the screen asks for.
    ranking = rank_patient(
        kb,
        patient,
        settings,
        top=max(top, REPORT_TOP) if report is not None else top,
        explain=max(explain, REPORT_EXPLAIN) if report is not None else explain,
    )
    from xpid.ranking.suggest import suggest_findings

    n_suggest = max(suggest, REPORT_SUGGEST) if report is not None else suggest
    suggestions = suggest_findings(kb, ranking, n=n_suggest) if n_suggest else ()
    if report is not None:
        _write_report(report, ranking, suggestions)
        ranking = _screen_view(ranking, top, explain)
        suggestions = suggestions[:suggest]
    if output_format is OutputFormat.json:
        payload = ranking.to_dict()
        if suggest:
            payload["suggestions"] = [s.to_dict() for s in suggestions]
        print_json(payload)
    elif output_format is OutputFormat.tsv:
        print_tsv(RANK_TSV_HEADER, ranking_tsv_rows(ranking))
        if suggest:
            stderr().print("Suggestions are shown with --format table or json.")
    else:
        console = stdout()
        console.print(render_ranking_table(ranking))
        if suggest:
            console.print(render_suggestions(suggestions, _favoured_names(suggestions)))


REPORT_TOP = 10
"""Diseases listed in an HTML report (at least; more when ``--top`` asks)."""
REPORT_EXPLAIN = 5
"""Diseases explained in an HTML report (at least; more when ``--explain`` asks)."""
REPORT_SUGGEST = 5
"""Findings to check next listed in an HTML report (at least)."""


def _write_report(path: Path, ranking: Ranking, suggestions: tuple[Suggestion, ...]) -> None:
    """Write the HTML report of ``ranking`` to ``path`` (one line on stderr says where)."""
    from xpid.render.html import render_ranking_html

    page = render_ranking_html(
        ranking.to_dict(),
        suggestions=[s.to_dict() for s in suggestions],
        disease_names=_favoured_names(suggestions),
    )
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise write_error(path, exc) from None
    stderr().print(f"wrote the report {escape(str(path))}", highlight=False)


def _favoured_names(suggestions: tuple[Suggestion, ...]) -> dict[str, str]:
    """Names of the diseases the suggestions' answers favour."""
    return dict(sorted(name for s in suggestions for name in s.names))


def _screen_view(ranking: Ranking, top: int, explain: int) -> Ranking:
    """``ranking`` cut to its first ``top`` results, explained up to the ``explain``-th."""
    results = tuple(
        r if i < explain or r.explanation is None else replace(r, explanation=None)
        for i, r in enumerate(ranking.results[:top])
    )
    return replace(ranking, results=results)


def _findings_from_text(
    ctx: typer.Context, kb: KnowledgeBase, source: str, lang: str
) -> tuple[tuple[str, ...], tuple[str, ...], Demographics]:
    """Extract findings, sex and ages from free text and show what was understood (on
    stderr)."""
    from xpid.cli.extract import load_cli_lexicon, read_text_arg
    from xpid.errors import UnknownNameError
    from xpid.extraction import Language, extract_findings, findings_for_ranking
    from xpid.extraction.demographics import load_demographic_rules, read_demographics

    try:
        language = Language(lang)
    except ValueError:
        raise UnknownNameError("language", lang, [x.value for x in Language]) from None
    note = read_text_arg(source)
    extraction = extract_findings(note, load_cli_lexicon(ctx, kb.ontology, language))
    about = read_demographics(note, load_demographic_rules(language))
    present, excluded = findings_for_ranking(extraction)
    console = stderr()
    console.print("[bold]Understood from the text:[/bold]", highlight=False)
    for m in extraction.mentions:
        console.print(
            f"  {m.assertion.value:<12} {escape(f'{m.term_id} {m.label}')}  "
            f"[dim]«{escape(m.text)}»[/dim]",
            highlight=False,
        )
    if not extraction.mentions:
        console.print("  (no findings)", highlight=False)
    if about.evidence:
        console.print(f"  {'patient':<12} {escape(about.describe())}", highlight=False)
    return present, excluded, about


def _patient_from_cli(
    kb: KnowledgeBase,
    terms: list[str],
    exclude: list[str],
    sex: SexChoice,
    onset: str | None,
    phenopacket: Path | None,
    age_years: float | None = None,
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
            age_years=base.age_years if age_years is None else age_years,
            case_id=base.id,
            publications=base.publications,
            diagnoses=base.diagnoses,
        )
        return replace(combined, notices=base.notices + combined.notices)
    return build_patient(
        kb.ontology, terms, exclude, sex=Sex(sex.value), onset=onset, age_years=age_years
    )
