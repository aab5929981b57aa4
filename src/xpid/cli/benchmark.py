"""``xpid benchmark``: where the true diagnosis of each phenopacket lands, per method."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.console import Group
from rich.markup import escape
from rich.table import Table

from xpid.batch import KnowledgeSource, map_inputs
from xpid.benchmark import (
    BenchmarkReport,
    BenchmarkTask,
    CaseOutcome,
    PlotUnavailableError,
    TieMode,
    Variant,
    assign_folds,
    build_report,
    cases_tsv_rows,
    write_topk_plot,
)
from xpid.benchmark.metrics import FINDINGS_BINS, RankSummary
from xpid.benchmark.report import CASES_TSV_HEADER, CITATION_GROUPS
from xpid.cli.batch import progress_bar
from xpid.cli.context import (
    CORPUS_NAMES,
    METHOD_NAMES,
    check_output_dir,
    data_files,
    discover_inputs,
    load_cli_knowledge_base,
    settings,
    stderr,
    stdout,
    tsv_cell,
    warn,
    write_error,
)
from xpid.errors import XpidError
from xpid.knowledge.corpus import Corpus, parse_corpus
from xpid.phenopackets import MissingInput
from xpid.scoring.methods import DEFAULT_METHOD, Method, parse_method
from xpid.text.escape import json_dumps

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase

__all__ = ["benchmark_command", "render_report", "DEFAULT_BENCHMARK_CORPUS"]

_METHODS = METHOD_NAMES
_CORPORA = CORPUS_NAMES

DEFAULT_BENCHMARK_CORPUS = Corpus.OMIM
"""Phenopacket-store diagnoses are OMIM ids; ranking Orphanet entries too lets an Orphanet
entry for the same disease push the OMIM diagnosis down, so OMIM is the default here and
``--corpus all`` the stricter figure (see the README)."""


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


MASKINGS = ("both", "masked", "unmasked")


def _cells(summary: RankSummary | None, *, mrr: bool = True) -> list[str]:
    """Top-1, top-3, top-10 and MRR (or top-1 and top-10 only) of a summary, or dashes."""
    if summary is None:
        return ["—"] * (4 if mrr else 2)
    s = summary.to_dict()
    if not mrr:
        return [_pct(s["top1"]), _pct(s["top10"])]
    mrr_cell = "—" if s["mrr"] is None else f"{s['mrr']:.3f}"
    return [_pct(s["top1"]), _pct(s["top3"]), _pct(s["top10"]), mrr_cell]


def _plain_table(title: str, caption: str | None = None) -> Table:
    """A borderless figures table with a left-aligned title and caption."""
    return Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        title=title,
        title_justify="left",
        caption=caption,
        caption_justify="left",
    )


def _honest_table(report: BenchmarkReport) -> Table:
    """New-patient figures first: masked over all cases, unmasked over not-cited cases."""
    table = _plain_table(
        "New patients: top-k % of cases (average ties)",
        f"corpus {report.corpus} · masked: each case ranked without the annotations "
        "citing its own publication · not cited: the cases their diagnosis's annotations "
        "do not cite",
    )
    table.add_column("method", no_wrap=True)
    table.add_column("cases", no_wrap=True)
    for name in ("n", "top-1", "top-3", "top-10", "MRR"):
        table.add_column(name, justify="right", no_wrap=True)
    for h in report.honest:
        for label, summary in (("masked, all", h.masked), ("unmasked, not cited", h.not_cited)):
            n = "—" if summary is None else str(summary.n)
            table.add_row(h.method, label, n, *_cells(summary))
    return table


def _recognition_table(report: BenchmarkReport) -> Table:
    table = _plain_table(
        "Recognition of published cases (unmasked, all cases): top-k % (average ties)"
    )
    table.add_column("method", no_wrap=True)
    for name in ("n", "top-1", "top-3", "top-10", "MRR"):
        table.add_column(name, justify="right")
    for h in report.honest:
        n = "—" if h.recognition is None else str(h.recognition.n)
        table.add_row(h.method, n, *_cells(h.recognition))
    return table


def _folds_table(report: BenchmarkReport) -> Table:
    """Per test fold: masked top-1 / top-10 · not-cited top-1 / top-10, per method."""
    assert report.folds is not None
    folds = report.folds
    table = Table(
        title=f"Cohort folds ({folds.k} folds of {folds.n_cohorts} cohorts; no disease or gene "
        "in two folds): masked top-1 / top-10 · not cited top-1 / top-10 %",
        title_justify="left",
    )
    table.add_column("fold", no_wrap=True)
    table.add_column("cases", justify="right")
    for h in report.honest:
        table.add_column(h.method, justify="right", no_wrap=True)
    for f in range(folds.k):
        cells = []
        for h in report.honest:
            masked, not_cited, _ = h.per_fold[f]
            cells.append(" · ".join(" / ".join(_cells(s, mrr=False)) for s in (masked, not_cited)))
        table.add_row(str(f + 1), str(folds.cases[f]), *cells)
    return table


def _summary_table(report: BenchmarkReport, mode: TieMode) -> Table:
    table = _plain_table(
        f"Ties: {mode.description}",
        f"corpus {report.corpus} · top-k in % of ranked cases · median rank",
    )
    table.add_column("method", no_wrap=True)
    for name in ("n", "top-1", "top-3", "top-5", "top-10", "MRR", "median"):
        table.add_column(name, justify="right", no_wrap=True)
    for v in report.variants:
        s = report.summaries[(v.label, mode)].to_dict()
        table.add_row(
            v.label,
            str(s["n"]),
            _pct(s["top1"]),
            _pct(s["top3"]),
            _pct(s["top5"]),
            _pct(s["top10"]),
            "—" if s["mrr"] is None else f"{s['mrr']:.3f}",
            "—" if s["median_rank"] is None else f"{s['median_rank']:g}",
        )
    return table


def _breakdown_table(
    report: BenchmarkReport,
    title: str,
    groups: Sequence[str],
    cells_of: Mapping[tuple[str, TieMode, str], Any],
) -> Table:
    """Top-1 / top-10 (average ties) per method and group of a breakdown."""
    table = Table(title=f"{title}: top-1 / top-10 % (average ties)", title_justify="left")
    table.add_column("method", no_wrap=True)
    for g in groups:
        n = cells_of[(report.variants[0].label, TieMode.AVERAGE, g)].n
        table.add_column(f"{g} (n={n})", justify="right")
    for v in report.variants:
        cells = []
        for g in groups:
            s = cells_of[(v.label, TieMode.AVERAGE, g)].to_dict()
            cells.append(f"{_pct(s['top1'])} / {_pct(s['top10'])}")
        table.add_row(v.label, *cells)
    return table


def _findings_table(report: BenchmarkReport) -> Table:
    return _breakdown_table(
        report, "By number of present findings", FINDINGS_BINS, report.by_findings
    )


def _citation_table(report: BenchmarkReport) -> Table:
    return _breakdown_table(
        report,
        "By whether the diagnosis's annotations cite the case's own publication",
        CITATION_GROUPS,
        report.by_citation,
    )


def _skipped_table(report: BenchmarkReport) -> Table:
    table = Table(title="Cases", title_justify="left")
    table.add_column("")
    table.add_column("n", justify="right")
    table.add_row("inputs", str(report.n_inputs))
    table.add_row("ranked", str(report.n_ranked))
    table.add_row("  of which cited by their diagnosis's annotations", str(report.n_leaked))
    for reason, n in report.skipped.items():
        table.add_row(f"skipped: {reason.value}", str(n))
    return table


def render_report(report: BenchmarkReport) -> Group:
    """The Rich renderable of a benchmark report: new-patient figures first, then
    recognition, folds, both tie modes, breakdowns, skips."""
    honest: list[Any] = [_honest_table(report), "", _recognition_table(report), ""]
    if report.folds is not None:
        honest += [_folds_table(report), ""]
    return Group(
        *honest,
        _summary_table(report, TieMode.AVERAGE),
        "",
        _summary_table(report, TieMode.WORST),
        "",
        _findings_table(report),
        "",
        _citation_table(report),
        "",
        _skipped_table(report),
    )


def _provenance(kb: KnowledgeBase) -> dict[str, str]:
    return {
        "hpo_release": kb.ontology.release,
        "hpoa_version": kb.store.hpoa_version,
        "profile_set_version": kb.store.profile_set_version,
    }


def _write_outputs(
    out: Path, kb: KnowledgeBase, report: BenchmarkReport, outcomes: list[CaseOutcome]
) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    summary = report.to_dict(provenance=_provenance(kb))
    (out / "summary.json").write_text(json_dumps(summary, indent=2) + "\n", encoding="utf-8")
    lines = ["\t".join(CASES_TSV_HEADER)]
    lines.extend("\t".join(tsv_cell(c) for c in row) for row in cases_tsv_rows(outcomes))
    (out / "cases.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    written = ["summary.json", "cases.tsv"]
    try:
        write_topk_plot(report, out / "topk.png")
        written.append("topk.png")
    except PlotUnavailableError as exc:
        warn(str(exc))
    return written


def parse_methods(text: str) -> tuple[Method, ...]:
    """Methods from a comma-separated list, without duplicates, in the order given."""
    methods = tuple(dict.fromkeys(parse_method(part) for part in text.split(",") if part.strip()))
    if not methods:
        raise XpidError(f"--method {text!r} names no method; expected one of: {_METHODS}.")
    return methods


def benchmark_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Phenopacket files, directories (searched recursively) or - (paths on stdin).",
            show_default=False,
        ),
    ],
    method: Annotated[
        str,
        typer.Option("--method", "-m", help=f"Comma-separated methods: {_METHODS}."),
    ] = f"{DEFAULT_METHOD.value},{Method.RESNIK_ONESIDED.value}",
    corpus: Annotated[
        str,
        typer.Option("--corpus", help=f"Diseases ranked and IC reference: {_CORPORA}."),
    ] = DEFAULT_BENCHMARK_CORPUS.value,
    masking: Annotated[
        str,
        typer.Option(
            "--masking",
            help="Rank each case unmasked, masked (without the annotation rows citing the "
            "case's own publication) or both: "
            + ", ".join(MASKINGS)
            + ". The new-patient figures need both.",
        ),
    ] = "both",
    mask_own_publication: Annotated[
        bool, typer.Option("--mask-own-publication", hidden=True, help="Same as --masking masked.")
    ] = False,
    both: Annotated[
        bool, typer.Option("--both", hidden=True, help="Same as --masking both.")
    ] = False,
    folds: Annotated[
        int | None,
        typer.Option(
            "--folds",
            min=2,
            help="Split the cases into K cohort folds (no disease or gene in two folds) and "
            "report every test fold.",
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Directory for summary.json, cases.tsv and topk.png."),
    ] = Path("xpid-benchmark"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
) -> None:
    """Rank every case whose diagnosis is known and report top-k, MRR and median rank per method.

    Ties are reported both ways: the average rank of the tied group and its worst rank.
    """
    methods = parse_methods(method)
    chosen_corpus = parse_corpus(corpus)
    if masking not in MASKINGS:
        raise XpidError(f"--masking {masking!r} is not one of: {', '.join(MASKINGS)}.")
    if both and mask_own_publication:
        raise XpidError("--both and --mask-own-publication contradict each other; use --masking.")
    if mask_own_publication:
        masking = "masked"
    modes = {"both": (False, True), "masked": (True,), "unmasked": (False,)}[masking]
    variants = tuple(Variant(m, masked) for masked in modes for m in methods)
    check_output_dir(out)
    kb = load_cli_knowledge_base(ctx)
    items = discover_inputs(inputs)
    if not any(isinstance(item, Path) for item in items):
        missing = "; ".join(f"{m.input}: {m.reason}" for m in items if isinstance(m, MissingInput))
        raise XpidError(f"no phenopacket file to benchmark ({missing or 'no input given'}).")
    opts = settings(ctx)
    task = BenchmarkTask(variants=variants, corpus=chosen_corpus)
    outcomes: list[CaseOutcome] = []
    # Workers load the release the parent resolved (see xpid batch), and start before the
    # progress display's thread (see xpid.batch.pool).
    source = KnowledgeSource(data_files(ctx).directory, opts.cache_dir)
    with (
        map_inputs(task, items, kb=kb, source=source, jobs=jobs) as results,
        progress_bar("benchmark") as progress,
    ):
        bar = progress.add_task("benchmark", total=len(items))
        for outcome in results:
            outcomes.append(outcome)
            progress.advance(bar)
    fold_of: dict[str, int] | None = None
    n_cohorts = 0
    if folds is not None:
        ranked = [o for o in outcomes if o.skip is None and o.diagnosis is not None]

        def genes_of(disease_id: str) -> tuple[str, ...]:
            profile = kb.profile(disease_id)
            return () if profile is None else tuple(g.symbol for g in profile.genes)

        fold_of, n_cohorts = assign_folds(
            [o.input for o in ranked], [o.diagnosis or "" for o in ranked], genes_of, folds
        )
    report = build_report(
        outcomes, variants, chosen_corpus.value, folds=fold_of, n_cohorts=n_cohorts
    )
    stdout().print(render_report(report))
    try:
        written = _write_outputs(out, kb, report, outcomes)
    except OSError as exc:
        raise write_error(out, exc, directory=True) from None
    shown = ", ".join(str(out / name) for name in written)
    stderr().print(f"wrote {escape(shown)}", highlight=False)
    if report.n_ranked == 0:
        raise XpidError(
            f"no case of the {report.n_inputs} inputs could be ranked (see the skipped table)."
        )
