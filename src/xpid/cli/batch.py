"""``xpid batch``: rank many phenopackets, one record per input, resumable."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from xpid.batch import (
    BatchFormat,
    KnowledgeSource,
    RankTask,
    format_record,
    input_key,
    lost_record,
    map_inputs,
    prepare_resume,
)
from xpid.batch.engine import Engine, import_dask_engine
from xpid.batch.output import tsv_header, tsv_key
from xpid.cache import default_cache_dir
from xpid.cli.context import (
    CorpusOption,
    MethodOption,
    PanelOption,
    check_output_file,
    data_files,
    discover_inputs,
    load_cli_knowledge_base,
    settings,
    stderr,
    warn,
    write_error,
)
from xpid.errors import XpidError
from xpid.io import require_regular_file
from xpid.knowledge.corpus import DEFAULT_CORPUS, parse_corpus
from xpid.phenopackets import MissingInput
from xpid.scoring.methods import DEFAULT_METHOD, parse_method

__all__ = ["batch_command", "RateColumn", "progress_bar"]


class RateColumn(ProgressColumn):
    """Cases per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("–/s" if speed is None else f"{speed:.1f}/s", style="progress.data.speed")


def progress_bar(description: str) -> Progress:
    """A progress bar on stderr with count, rate and ETA; silent when stderr is not a terminal."""
    console = stderr()
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )


@contextmanager
def _open_output(out: Path | None, *, append: bool) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    with out.open("a" if append else "w", encoding="utf-8", newline="") as handle:
        yield handle


def batch_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Phenopacket files, directories (searched recursively for *.json) or - "
            "(read paths from stdin, one per line).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output file (default: stdout)."),
    ] = None,
    output_format: Annotated[
        BatchFormat, typer.Option("--format", "-f", help="jsonl (one record per input) or tsv.")
    ] = BatchFormat.JSONL,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Diseases kept per case.")] = 10,
    method: MethodOption = DEFAULT_METHOD.value,
    corpus: CorpusOption = DEFAULT_CORPUS.value,
    panel: PanelOption = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes (with --engine dask and no --scheduler: local Dask workers).",
        ),
    ] = 1,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="processes (on this machine) or dask (a Dask cluster; pip install 'xpid[dask]').",
        ),
    ] = Engine.PROCESSES,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Address of a Dask scheduler (tcp://host:8786) for --engine dask; default: "
            "a local cluster of --jobs workers.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Keep the records already in --out and rank only the other inputs."
        ),
    ] = False,
) -> None:
    """Rank every phenopacket of INPUTS; one record (ranking or error) per input, in order.

    Exit code 0 when every input was ranked, 1 when any input failed (its record says why),
    130 when interrupted (what was written stays valid for --resume).
    """
    task = RankTask(method=parse_method(method), corpus=parse_corpus(corpus), panel=panel, top=top)
    if resume and out is None:
        raise XpidError("--resume needs --out FILE: the output to resume.")
    if resume and out is not None and out.exists():  # a FIFO would block the read-back
        require_regular_file(out, what="the output to resume")
    if scheduler is not None and engine is not Engine.DASK:
        raise XpidError("--scheduler needs --engine dask.")
    if scheduler is not None and jobs > 1:
        raise XpidError(
            "--jobs sets the workers of a local cluster; with --scheduler the cluster's own "
            "workers rank: leave --jobs out."
        )
    dask_engine = import_dask_engine() if engine is Engine.DASK else None
    if out is not None:
        check_output_file(out)
    kb = load_cli_knowledge_base(ctx)
    if panel is not None:
        kb.panel_rows(panel)  # an unknown panel is one error, not one per input
    items = discover_inputs(inputs)
    done: dict[str, str] = {}
    append = False
    if resume and out is not None and out.exists():
        kept = prepare_resume(out, output_format, task, kb.ontology.release)
        append = True

        def key_of(item: Path | MissingInput) -> str:
            key = input_key(item)
            return tsv_key(key) if output_format is BatchFormat.TSV else key

        keys = {key_of(item) for item in items}
        done = {key: status for key, status in kept.items() if key in keys}
        todo = [item for item in items if key_of(item) not in done]
        stderr().print(
            f"resuming {escape(str(out))}: {len(items) - len(todo)} of {len(items)} inputs "
            "already done.",
            highlight=False,
        )
        items = todo
    opts = settings(ctx)
    # Workers load the release and cache the parent resolved (not whatever 'xpid data use'
    # names later, nor their own environment's cache), as absolute paths for other machines.
    source = KnowledgeSource(
        data_files(ctx).directory.absolute(), (opts.cache_dir or default_cache_dir()).absolute()
    )
    n_failed = sum(status != "ok" for status in done.values())
    n_total = len(items) + len(done)
    try:
        if dask_engine is not None and items:
            records = dask_engine.map_inputs_on_dask(
                # Workers elsewhere read relative inputs from here, and name them as given.
                replace(task, root=Path.cwd()),
                items,
                source=source,
                knowledge_key=kb.store.key,
                on_lost=lost_record,
                scheduler=scheduler,
                workers=jobs,
            )
        else:
            # Workers start before the progress display's thread (see xpid.batch.pool).
            records = map_inputs(task, items, kb=kb, source=source, jobs=jobs)
        with (
            records,
            _open_output(out, append=append) as handle,
            progress_bar("ranking") as progress,
        ):
            if output_format is BatchFormat.TSV and not (append and out and out.stat().st_size):
                handle.write(tsv_header())
                handle.flush()
            bar = progress.add_task("ranking", total=len(items))
            for record in records:
                handle.write(format_record(record, output_format))
                handle.flush()
                if record["status"] != "ok":
                    n_failed += 1
                progress.advance(bar)
    except KeyboardInterrupt:
        warn("interrupted; the records written so far are complete (use --resume).")
        raise typer.Exit(code=130) from None
    except OSError as exc:
        if out is None:  # standard output: the root handler says it in one line
            raise
        raise write_error(out, exc) from None
    if n_failed:
        warn(f"{n_failed} of {n_total} inputs failed; see their error records.")
        raise typer.Exit(code=1)
