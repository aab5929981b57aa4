"""Start-up figures for the ontology layer (issue 2).

Measures, each as the median of 5 runs:

- cold start: a whole ``xpid term HP:0002014`` process (the installed console script)
  with an empty cache directory (parses hp.obo.gz with pronto, compiles the index, builds
  the profile store for the per-term disease counts);
- warm ``xpid term HP:0002014``: a whole process with the cache filled;
- in-process index load from a warm cache (``load_ontology``).

Prints the figures and writes them to ``benchmarks/results/startup.json`` with a
description of the machine. Run: ``python benchmarks/startup.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine  # noqa: E402

from xpid import __version__  # noqa: E402
from xpid.datafiles import locate_data  # noqa: E402
from xpid.ontology import load_ontology  # noqa: E402

RUNS = 5


def _xpid(cache: Path) -> float:
    env = dict(os.environ, XPID_CACHE_DIR=str(cache))
    start = time.perf_counter()
    script = Path(sys.executable).with_name("xpid")  # the installed console script
    command = [str(script)] if script.exists() else [sys.executable, "-m", "xpid"]
    subprocess.run(
        [*command, "term", "HP:0002014"],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    obo = locate_data().obo
    cold: list[float] = []
    warm: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(RUNS):
            cache = Path(tmp) / f"cold-{i}"
            cold.append(_xpid(cache))
        cache = Path(tmp) / "warm"
        _xpid(cache)
        warm = [_xpid(cache) for _ in range(RUNS)]
        loads = []
        for _ in range(RUNS):
            start = time.perf_counter()
            load_ontology(obo, cache_dir=cache)
            loads.append(time.perf_counter() - start)
        shutil.rmtree(cache, ignore_errors=True)
    results = {
        "xpid_version": __version__,
        "machine": describe_machine(),
        "runs": RUNS,
        "cold_start_xpid_term_s": round(statistics.median(cold), 3),
        "warm_xpid_term_s": round(statistics.median(warm), 3),
        "index_load_in_process_ms": round(1000 * statistics.median(loads), 1),
        "targets": {"warm_xpid_term_s": 0.4, "index_load_ms": 50, "cold_build_s": 10},
    }
    print(json.dumps(results, indent=2))
    out = HERE / "results" / "startup.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
