"""Batch throughput and memory (issues 5, 17, 18): ``xpid batch`` over the development phenopackets.

Times whole ``xpid batch ../shared/phenopackets/dev --out FILE`` processes with a warm cache
(start-up, knowledge-base load and worker start included), default method and ``--top 10``,
under these engines, run in turn within each repetition so that a change of load on the
shared machine touches all of them alike:

``jobs 1``
    one process;
``jobs 2``
    two worker processes forked after the knowledge base is loaded (the default on Linux);
``jobs 2 spawn``
    two spawned worker processes that each import xpid and load the knowledge base (the
    fallback on other platforms; the default before issue 17);
``dask 2``
    ``--engine dask`` on a local cluster of two single-threaded worker processes (only when
    ``xpid[dask]`` is installed).

For each it reports cases per second (inputs / wall time), the CPU time the run used (the
process and all its descendants), and the peak memory of the process tree, sampled every
50 ms from ``/proc``: the sum of the resident set sizes (RSS, which counts a page shared by
several processes once in each) and the sum of the proportional set sizes (PSS, which
divides a shared page among the processes sharing it: the memory the run really takes).
Medians with min–max over ``--repeat`` runs. Checks that every output is byte-identical to
``--jobs 1``'s. Then, in this process, where the time of one case goes (reading, patient,
ranking, record) over a sample of the cases. Skips with a message when the dev set is
absent. Writes ``benchmarks/results/batch_speed.json``.

Run: ``python benchmarks/speed.py [--repeat N] [--limit N]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine, repo_relative  # noqa: E402

from xpid import __version__  # noqa: E402
from xpid.datafiles import locate_data, read_obo_release  # noqa: E402
from xpid.scoring.methods import DEFAULT_METHOD  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "phenopackets" / "dev"

# The command line of `xpid batch` with spawned workers (not a command-line option: it is the
# fallback of platforms without fork, measured here for comparison).
_SPAWN = (
    "import xpid.batch.pool as pool; pool.default_start_method = lambda: 'spawn'; "
    "from xpid.cli.app import main; main()"
)

ENGINES: dict[str, tuple[list[str], list[str]]] = {
    "jobs 1": (["-m", "xpid"], ["--jobs", "1"]),
    "jobs 2": (["-m", "xpid"], ["--jobs", "2"]),
    "jobs 2 spawn": (["-c", _SPAWN], ["--jobs", "2"]),
    "dask 2": (["-m", "xpid"], ["--engine", "dask", "--jobs", "2"]),
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process_tree(root: int) -> list[int]:
    """``root`` and its descendants now, from the parent pids in ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name (field 2) is in parentheses and may hold spaces.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, ()))
    return tree


def _rss_pss_kib(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:  # the process ended meanwhile
        pass
    return rss, pss


class TreeMemory:
    """Peak RSS and PSS sums (MiB) of a process tree, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_rss = self.peak_pss = 0.0
        self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            tree = _process_tree(self.pid)
            sizes = [_rss_pss_kib(pid) for pid in tree]
            self.peak_rss = max(self.peak_rss, sum(s[0] for s in sizes) / 1024)
            self.peak_pss = max(self.peak_pss, sum(s[1] for s in sizes) / 1024)
            self.max_processes = max(self.max_processes, len(tree))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _batch(engine: str, inputs: Path, out: Path) -> dict[str, float]:
    """Wall and CPU seconds, peak tree RSS and PSS of one ``xpid batch`` run."""
    head, options = ENGINES[engine]
    command = [sys.executable, *head, "batch", "-", "--out", str(out), *options]
    cpu = _children_cpu()
    start = time.perf_counter()
    with inputs.open("rb") as stdin:
        process = subprocess.Popen(
            command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        with TreeMemory(process.pid) as memory:
            _, err = process.communicate()
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if process.returncode not in (0, 1):  # 1: some inputs failed, which the dev set has
        raise SystemExit(f"xpid batch ({engine}) failed ({process.returncode}): {err.decode()}")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mib": memory.peak_rss,
        "peak_pss_mib": memory.peak_pss,
        "processes": memory.max_processes,
    }


def _spread(values: Sequence[float], digits: int = 1) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }


def _stages(paths: Sequence[Path]) -> dict[str, object]:
    """Milliseconds per case of each step of the batch task, in this process."""
    from xpid.batch import BatchFormat, RankTask, format_record
    from xpid.batch.records import diagnosis_rank
    from xpid.knowledge.load import load_knowledge_base
    from xpid.phenopackets import case_to_patient, load_phenopacket
    from xpid.ranking import RankSettings, rank_patient

    start = time.perf_counter()
    kb = load_knowledge_base()
    load_seconds = time.perf_counter() - start
    task = RankTask()
    settings = RankSettings(method=task.method, corpus=task.corpus)
    totals = dict.fromkeys(("read", "patient", "rank", "record"), 0.0)
    n = 0
    for path in paths:
        t0 = time.perf_counter()
        case = load_phenopacket(path)
        t1 = time.perf_counter()
        try:
            patient = case_to_patient(kb.ontology, case)
        except Exception:  # an error record (no usable finding): not a ranked case
            continue
        t2 = time.perf_counter()
        ranking = rank_patient(kb, patient, settings, top=task.top)
        t3 = time.perf_counter()
        # What RankTask adds after ranking: the diagnosis rank, the JSON form, the line.
        record = {
            "diagnosis_rank": diagnosis_rank(ranking, patient.diagnoses),
            "ranking": ranking.to_dict(),
        }
        format_record(record, BatchFormat.JSONL)
        t4 = time.perf_counter()
        for step, seconds in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            totals[step] += seconds
        n += 1
    return {
        "knowledge_base_load_seconds": round(load_seconds, 3),
        "cases": n,
        "ms_per_case": {step: round(1000 * t / max(n, 1), 3) for step, t in totals.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs per engine (median).")
    parser.add_argument("--limit", type=int, default=0, help="Only the first N cases (0: all).")
    parser.add_argument("--sample", type=int, default=300, help="Cases timed step by step.")
    args = parser.parse_args()
    if not DEV.is_dir():
        print(f"{DEV} is absent: batch throughput not measured.")
        return
    engines = [e for e in ENGINES if e != "dask 2" or importlib.util.find_spec("distributed")]
    if "dask 2" not in engines:
        print("distributed is not installed (pip install 'xpid[dask]'): dask not measured.")
    paths = sorted(DEV.rglob("*.json"))
    if args.limit:
        paths = paths[: args.limit]
    runs: dict[str, list[dict[str, float]]] = {engine: [] for engine in engines}
    identical: dict[str, bool] = {}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        inputs = tmp / "inputs.txt"
        inputs.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        for repeat in range(args.repeat):
            for engine in engines:
                out = tmp / f"{engine.replace(' ', '_')}.jsonl"
                run = _batch(engine, inputs, out)
                runs[engine].append(run)
                print(
                    f"[{repeat + 1}/{args.repeat}] {engine}: {len(paths) / run['seconds']:.1f} "
                    f"cases/s, peak RSS {run['peak_rss_mib']:.0f} MiB, PSS "
                    f"{run['peak_pss_mib']:.0f} MiB (load average {os.getloadavg()[0]:.2f})",
                    flush=True,
                )
        reference = (tmp / "jobs_1.jsonl").read_bytes()
        n = reference.count(b"\n")
        errors = reference.count(b'"status":"error"')
        for engine in engines:
            identical[engine] = (
                tmp / f"{engine.replace(' ', '_')}.jsonl"
            ).read_bytes() == reference
    load_after = os.getloadavg()
    figures: dict[str, object] = {}
    for engine, engine_runs in runs.items():
        figures[engine] = {
            "cases_per_second": _spread([n / r["seconds"] for r in engine_runs]),
            "seconds": _spread([r["seconds"] for r in engine_runs], 2),
            "cpu_seconds": _spread([r["cpu_seconds"] for r in engine_runs], 2),
            "peak_tree_rss_mib": _spread([r["peak_rss_mib"] for r in engine_runs], 0),
            "peak_tree_pss_mib": _spread([r["peak_pss_mib"] for r in engine_runs], 0),
            "processes": max(int(r["processes"]) for r in engine_runs),
            "identical_to_jobs_1": identical[engine],
        }
    base = runs["jobs 1"]
    print(
        f"\n{n} inputs ({errors} error records), {args.repeat} runs per engine; medians (min–max)"
    )
    for engine, fig in figures.items():
        assert isinstance(fig, dict)
        rate, rss, pss = fig["cases_per_second"], fig["peak_tree_rss_mib"], fig["peak_tree_pss_mib"]
        pss_ratio = statistics.median(r["peak_pss_mib"] for r in runs[engine]) / statistics.median(
            r["peak_pss_mib"] for r in base
        )
        fig["pss_ratio_to_jobs_1"] = round(pss_ratio, 2)
        print(
            f"  {engine:13} {rate['median']:7.1f} cases/s ({rate['min']}–{rate['max']}); "
            f"peak RSS {rss['median']:.0f} MiB ({rss['min']:.0f}–{rss['max']:.0f}), "
            f"PSS {pss['median']:.0f} MiB ({pss['min']:.0f}–{pss['max']:.0f}) = "
            f"{pss_ratio:.2f}× jobs 1; identical: {fig['identical_to_jobs_1']}"
        )
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    stages = _stages(paths[: args.sample])
    print(f"in-process, {stages['cases']} cases: {stages['ms_per_case']} ms per case")
    document = {
        "xpid_version": __version__,
        "hpo_release": read_obo_release(locate_data().obo),
        "method": DEFAULT_METHOD.value,
        "top": 10,
        "dev_set": repo_relative(DEV),
        "inputs": n,
        "error_records": errors,
        "repeat": args.repeat,
        "figures": figures,
        "stages": stages,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "machine": describe_machine(),
    }
    path = HERE / "results" / "batch_speed.json"
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
