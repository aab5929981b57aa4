"""Ranking accuracy (issue 5): ``xpid benchmark`` on the development phenopackets and on
simulated X-linked IEI patients.

1. ``../shared/phenopackets/dev`` (phenopacket-store cases, OMIM diagnoses), when present
   (skipped with a message otherwise): methods :data:`METHODS`, unmasked and masked
   (``--masking both``), under ``--corpus omim`` and ``--corpus all``.
2. Simulated patients of the ``x-linked-iei`` panel: :data:`SIM_N` cases per disease, noise
   1, imprecision 0.3, seed 0 (``xpid simulate``), benchmarked under ``--corpus all`` (the
   panel lists Orphanet entries too) and ``--corpus omim`` (its OMIM diseases only);
   unmasked only, since simulated cases cite no publication.

Figures go to ``benchmarks/results/accuracy.json`` with the xpid and HPO versions and the
machine; two top-k plots (dev set under ``omim``, simulated under ``all``) to
``benchmarks/results/accuracy_*_topk.png``. Run:
``python benchmarks/accuracy.py [--jobs N]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine, repo_relative  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "phenopackets" / "dev"
RESULTS = HERE / "results"
METHODS = "lr,resnik-onesided,resnik-bma,simgic"
SIM_N = 20
SIM_ARGS = ["--n", str(SIM_N), "--seed", "0", "--noise", "1", "--imprecision", "0.3"]


def _xpid(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "xpid", *args], check=True, stdout=subprocess.DEVNULL)


def _benchmark(
    name: str, inputs: Path, corpus: str, jobs: int, tmp: Path, *, masked: bool, plot: bool
) -> dict[str, Any]:
    out = tmp / name
    start = time.perf_counter()
    _xpid(
        "benchmark",
        str(inputs),
        "--method",
        METHODS,
        "--corpus",
        corpus,
        "--masking",
        "both" if masked else "unmasked",
        "--jobs",
        str(jobs),
        "--out",
        str(out),
    )
    seconds = time.perf_counter() - start
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    if plot and (out / "topk.png").exists():
        shutil.copyfile(out / "topk.png", RESULTS / f"accuracy_{name}_topk.png")
    keep = (
        "corpus",
        "n_inputs",
        "n_ranked",
        "n_leaked",
        "skipped",
        "results",
        "by_citation",
        "by_findings",
    )
    figures = {k: summary[k] for k in keep}
    figures["seconds"] = round(seconds, 1)
    print(
        f"\n{name}: {summary['n_ranked']} cases ranked of {summary['n_inputs']} "
        f"({summary['n_leaked']} cited by their own diagnosis's annotations), {seconds:.0f} s"
    )
    print(
        f"{'variant':28} {'ties':8} {'top-1':>6} {'top-3':>6} {'top-10':>6} {'MRR':>6} "
        f"{'median':>7}"
    )
    for label, modes in summary["results"].items():
        for mode, s in modes.items():
            print(
                f"{label:28} {mode:8} {100 * s['top1']:6.1f} {100 * s['top3']:6.1f} "
                f"{100 * s['top10']:6.1f} {s['mrr']:6.3f} {s['median_rank']:7g}"
            )
    return {
        "provenance": {
            k: summary[k]
            for k in ("xpid_version", "hpo_release", "hpoa_version", "profile_set_version")
        },
        **figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if DEV.is_dir():
            for corpus in ("omim", "all"):
                name = f"dev_{corpus}"
                runs[name] = _benchmark(
                    name, DEV, corpus, args.jobs, tmp, masked=True, plot=corpus == "omim"
                )
        else:
            print(f"{DEV} is absent: the phenopacket-store benchmark is skipped.")
        sim = tmp / "simulated"
        _xpid("simulate", "--panel", "x-linked-iei", *SIM_ARGS, "--out", str(sim))
        for corpus in ("all", "omim"):
            name = f"simulated_xlinked_iei_{corpus}"
            # simulated cases cite no publication: masking would change nothing
            runs[name] = _benchmark(
                name, sim, corpus, args.jobs, tmp, masked=False, plot=corpus == "all"
            )
    provenance = next(iter(runs.values()))["provenance"]
    for run in runs.values():
        run.pop("provenance")
    document = {
        **provenance,
        "methods": METHODS.split(","),
        "dev_set": repo_relative(DEV) if DEV.is_dir() else None,
        "simulation": {"panel": "x-linked-iei", "args": SIM_ARGS},
        "tie_modes": {
            "average": "average rank of the tied group",
            "worst": "worst (pessimistic) rank of the tied group",
        },
        "machine": describe_machine(),
        "runs": runs,
    }
    path = RESULTS / "accuracy.json"
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
