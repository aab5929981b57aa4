"""Load-time figures for the disease profile store (issue 3).

Measures, each as the median of 5 runs:

- cold build: ``load_store`` with an empty cache (parses phenotype.hpoa.gz and the gene map,
  merges the document-built profiles, packs and writes the cache; the ontology index is
  already cached);
- warm load: ``load_store`` from a warm cache, in-process (includes hashing the inputs);
- one profile: building ``OMIM:300291`` from the loaded store;
- every profile: building all ~12,700 ``DiseaseProfile`` values;
- annotation table: the flat arrays of every annotation.

Prints the figures and writes them to ``benchmarks/results/store_load.json`` with a
description of the machine. Run: ``python benchmarks/store_load.py``.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine  # noqa: E402

from xpid import __version__  # noqa: E402
from xpid.datafiles import locate_data  # noqa: E402
from xpid.ontology import load_ontology  # noqa: E402
from xpid.profiles import load_store  # noqa: E402

RUNS = 5


def _median_ms(run: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 1)


def main() -> None:
    files = locate_data()
    with tempfile.TemporaryDirectory() as tmp:
        shared = Path(tmp) / "ontology"
        load_ontology(files.obo, cache_dir=shared)
        cold: list[float] = []
        for i in range(RUNS):
            cache = Path(tmp) / f"cold-{i}"
            shutil.copytree(shared, cache)
            start = time.perf_counter()
            load_store(files, cache_dir=cache)
            cold.append(time.perf_counter() - start)
        warm_dir = Path(tmp) / "cold-0"
        warm = _median_ms(lambda: load_store(files, cache_dir=warm_dir))
        store = load_store(files, cache_dir=warm_dir)
        one = _median_ms(lambda: load_store(files, cache_dir=warm_dir).get("OMIM:300291"))
        every = _median_ms(lambda: load_store(files, cache_dir=warm_dir).profiles)
        table = _median_ms(lambda: store.annotation_table())
        size = sum(p.stat().st_size for p in warm_dir.glob("profiles-*.pickle"))
    results = {
        "xpid_version": __version__,
        "machine": describe_machine(),
        "runs": RUNS,
        "diseases": len(store),
        "annotations": int(store.annotation_table().indptr[-1]),
        "cache_file_mib": round(size / 2**20, 1),
        "cold_build_s": round(statistics.median(cold), 2),
        "warm_load_ms": warm,
        "warm_load_plus_one_profile_ms": one,
        "warm_load_plus_every_profile_ms": every,
        "annotation_table_ms": table,
        "targets": {"warm_load_ms": 100},
    }
    print(json.dumps(results, indent=2))
    out = HERE / "results" / "store_load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
