"""Honest ranking benchmarks: where the true diagnosis of each case lands, per method.

:mod:`~xpid.benchmark.metrics` holds the pure metric functions; :mod:`~xpid.benchmark.run`
the per-case task (ranks per method, with optional leakage masking, or the reason a case
was skipped); :mod:`~xpid.benchmark.report` the aggregation, the per-case TSV and the plot.
"""

from xpid.benchmark.metrics import (
    RankSummary,
    mean_reciprocal_rank,
    median_rank,
    summarize_ranks,
    tie_group_ranks,
    top_k_accuracy,
    top_k_curve,
)
from xpid.benchmark.report import (
    BenchmarkReport,
    PlotUnavailableError,
    TieMode,
    build_report,
    cases_tsv_rows,
    write_topk_plot,
)
from xpid.benchmark.run import BenchmarkTask, CaseOutcome, SkipReason, Variant, VariantRank

__all__ = [
    "BenchmarkReport",
    "BenchmarkTask",
    "CaseOutcome",
    "PlotUnavailableError",
    "RankSummary",
    "SkipReason",
    "TieMode",
    "Variant",
    "VariantRank",
    "build_report",
    "cases_tsv_rows",
    "mean_reciprocal_rank",
    "median_rank",
    "summarize_ranks",
    "tie_group_ranks",
    "top_k_accuracy",
    "top_k_curve",
    "write_topk_plot",
]
