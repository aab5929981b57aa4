"""Batch throughput (issue 5): ``xpid batch`` over the development phenopackets, 1 and 2 jobs.

Times whole ``xpid batch ../shared/phenopackets/dev --out FILE`` processes with a warm cache
(start-up, knowledge-base load and worker start included), default method and ``--top 10``,
and reports cases per second (inputs / wall time) and the CPU time the run used (the
process and its workers), so a figure measured on a shared machine can be read against
the cores it actually got. Checks that the ``--jobs 2`` output is
byte-identical to ``--jobs 1``. Skips with a message when the dev set is absent. Writes
``benchmarks/results/batch_speed.json``. Run: ``python benchmarks/speed.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine, repo_relative  # noqa: E402

from xpid import __version__  # noqa: E402
from xpid.datafiles import locate_data, read_obo_release  # noqa: E402
from xpid.scoring.methods import DEFAULT_METHOD  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "phenopackets" / "dev"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _batch(out: Path, jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its workers) of one ``xpid batch`` run."""
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "xpid", "batch", str(DEV), "--out", str(out), "--jobs", str(jobs)],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if result.returncode not in (0, 1):  # 1: some inputs failed, which the dev set has
        raise SystemExit(f"xpid batch failed ({result.returncode}): {result.stderr}")
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="Runs per job count (median).")
    args = parser.parse_args()
    if not DEV.is_dir():
        print(f"{DEV} is absent: batch throughput not measured.")
        return
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        outputs: dict[int, bytes] = {}
        for jobs in (1, 2):
            runs = [_batch(tmp / f"jobs{jobs}.jsonl", jobs) for _ in range(args.repeat)]
            data = (tmp / f"jobs{jobs}.jsonl").read_bytes()
            outputs[jobs] = data
            n = data.count(b"\n")
            seconds = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            figures[f"jobs_{jobs}"] = {
                "inputs": n,
                "errors": data.count(b'"status":"error"'),
                "seconds": round(seconds, 2),
                "cases_per_second": round(n / seconds, 1),
                "cpu_seconds": round(cpu, 2),
                "cases_per_cpu_second": round(n / cpu, 1),
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
            }
            print(
                f"--jobs {jobs}: {n} inputs in {seconds:.1f} s = {n / seconds:.1f} cases/s "
                f"({cpu:.1f} CPU s, {n / cpu:.1f} cases per CPU second; "
                f"load average {os.getloadavg()[0]:.2f})"
            )
        identical = outputs[1] == outputs[2]
        print(f"--jobs 2 output identical to --jobs 1: {identical}")
    document = {
        "xpid_version": __version__,
        "hpo_release": read_obo_release(locate_data().obo),
        "method": DEFAULT_METHOD.value,
        "top": 10,
        "dev_set": repo_relative(DEV),
        "identical_output": identical,
        "figures": figures,
        "load_average_at_end": list(os.getloadavg()),
        "machine": describe_machine(),
    }
    path = HERE / "results" / "batch_speed.json"
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
