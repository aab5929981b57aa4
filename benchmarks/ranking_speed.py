"""Ranking speed (issue 4): per-method latency, throughput, and warm ``xpid rank`` wall time.

- latency: one 10-finding query (seeded random phenotype terms) ranked against every
  disease, ``xpid.rank(kb, ..., top=10)``, 30 repetitions per method: median and 95th percentile;
- throughput: 1,000 seeded random queries of 1–15 findings with the default method;
- warm ``xpid rank HP:0002028 HP:0000964 HP:0100651``: whole process, median of 5.

Prints the figures and writes ``benchmarks/results/ranking_speed.json`` with a
description of the machine. Run: ``python benchmarks/ranking_speed.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine  # noqa: E402

import xpid  # noqa: E402
from xpid.scoring.methods import DEFAULT_METHOD, Method  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        kb = xpid.load(cache_dir=cache)
        onto = kb.ontology
        pheno = [i for i in range(len(onto)) if onto.in_phenotype_branch(i)]
        rng = np.random.default_rng(20261121)

        def random_patient(n: int) -> xpid.patient.Patient:  # type: ignore[name-defined]
            while True:
                picks = rng.choice(pheno, n, replace=False)
                try:
                    return xpid.make_patient(kb, [onto.ids[int(i)] for i in picks])
                except xpid.errors.XpidError:  # type: ignore[attr-defined]
                    continue

        query = random_patient(10)
        while len(query.present) < 10:
            query = random_patient(10)
        latency: dict[str, dict[str, float]] = {}
        for method in Method:
            xpid.rank(kb, query, method=method, top=10)  # warm-up
            times = []
            for _ in range(30):
                start = time.perf_counter()
                xpid.rank(kb, query, method=method, top=10)
                times.append(time.perf_counter() - start)
            latency[method.value] = {
                "median_ms": round(1000 * statistics.median(times), 2),
                "p95_ms": round(1000 * float(np.percentile(times, 95)), 2),
            }
        queries = [random_patient(int(rng.integers(1, 16))) for _ in range(1000)]
        start = time.perf_counter()
        for patient in queries:
            xpid.rank(kb, patient, top=10)
        elapsed = time.perf_counter() - start

        env = dict(os.environ, XPID_CACHE_DIR=str(cache))
        cmd = [sys.executable, "-m", "xpid", "rank", "HP:0002028", "HP:0000964", "HP:0100651"]
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        walls = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)

    results = {
        "xpid_version": xpid.__version__,
        "hpo_release": kb.ontology.release,
        "n_diseases": len(kb.disease_ids),
        "machine": describe_machine(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "latency_10_findings_top10": latency,
        "throughput_1000_random_queries": {
            "method": DEFAULT_METHOD.value,
            "seconds": round(elapsed, 3),
            "queries_per_second": round(1000 / elapsed, 1),
        },
        "warm_xpid_rank_wall_s_median_of_5": round(statistics.median(walls), 3),
        "targets": {"resnik-bma_median_ms": 25, "warm_xpid_rank_s": 0.8},
    }
    print(json.dumps(results, indent=2))
    out = HERE / "results" / "ranking_speed.json"
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
