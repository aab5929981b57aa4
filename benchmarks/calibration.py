"""Calibration of the ``lr`` top-1 probability on the development phenopackets (issue 6).

Ranks every dev case whose diagnosis is annotated with ``lr`` (corpus ``omim``) and splits
the cases by cohort (the gene folder; alternate cohorts in sorted order, so no cohort is in
both halves). On the first half it fits a temperature (``softmax(score / T)`` over each
case's top 200 diseases and the truth) minimising the Brier score of the top-1 probability,
and also the temperature minimising the negative log-likelihood of the truth. On the second
half it reports the Brier score, the expected calibration error (10 bins) and the
reliability bins of the top-1 probability, before (T = 1, the probabilities ``xpid rank``
prints) and after. Writes ``benchmarks/results/calibration.json`` and, when matplotlib is
installed, ``benchmarks/results/calibration_reliability.png``. Skips cleanly when
``../shared`` is absent. Run: ``python benchmarks/calibration.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine  # noqa: E402

import xpid  # noqa: E402
from xpid.benchmark.calibration import (  # noqa: E402
    apply_platt,
    brier_loss,
    expected_calibration_error,
    fit_platt,
    fit_temperature,
    reliability_bins,
    softmax_top,
)
from xpid.errors import XpidError  # noqa: E402
from xpid.knowledge import Corpus  # noqa: E402
from xpid.phenopackets.reader import load_phenopacket  # noqa: E402
from xpid.phenopackets.to_patient import case_to_patient  # noqa: E402
from xpid.ranking.rank import RankSettings, score_patient  # noqa: E402
from xpid.scoring.methods import Method  # noqa: E402

DEV = HERE.parents[1] / "shared" / "phenopackets" / "dev"
TOP = 200


def _report(
    scores: np.ndarray,
    truth: np.ndarray,
    temperature: float,
    platt: tuple[float, float] | None = None,
) -> dict[str, object]:
    probs = softmax_top(scores, temperature)
    top1 = probs.max(axis=1)
    correct = probs.argmax(axis=1) == truth
    if platt is not None:
        top1 = apply_platt(top1, *platt)
    return {
        "temperature": round(temperature, 4),
        "platt": None if platt is None else [round(platt[0], 4), round(platt[1], 4)],
        "n": int(len(truth)),
        "top1_accuracy": round(float(correct.mean()), 4),
        "mean_top1_probability": round(float(top1.mean()), 4),
        "brier": round(brier_loss(top1, correct), 4),
        "ece_10_bins": round(expected_calibration_error(top1, correct), 4),
        "reliability": [
            {
                "low": b.low,
                "high": b.high,
                "n": b.count,
                "mean_probability": None if b.count == 0 else round(b.mean_probability, 4),
                "accuracy": None if b.count == 0 else round(b.accuracy, 4),
            }
            for b in reliability_bins(top1, correct)
        ],
    }


def main() -> None:
    if not DEV.is_dir():
        print(f"skipped: {DEV} is absent")
        return
    kb = xpid.load()
    settings = RankSettings(method=Method.LR, corpus=Corpus.OMIM)
    rows = kb.corpus_rows[Corpus.OMIM]
    cohorts = sorted(p.name for p in DEV.iterdir() if p.is_dir())
    half = {c: i % 2 for i, c in enumerate(cohorts)}
    data: dict[int, tuple[list[np.ndarray], list[int]]] = {0: ([], []), 1: ([], [])}
    for path in sorted(DEV.rglob("*.json")):
        case = load_phenopacket(path)
        if not case.diagnoses or kb.row_of(case.diagnoses[0]) is None:
            continue
        try:
            patient = case_to_patient(kb.ontology, case)
        except XpidError:
            continue
        scores = score_patient(kb, patient, settings).scores
        truth_row = kb.row_of(case.diagnoses[0])
        sub = scores[rows]
        order = np.argsort(-sub, kind="stable")[:TOP]
        cand = rows[order]
        truth_pos = np.flatnonzero(cand == truth_row)
        vec = sub[order]
        if len(truth_pos) == 0:
            vec = np.append(vec[:-1], scores[truth_row])
            truth_index = TOP - 1
        else:
            truth_index = int(truth_pos[0])
        bucket = data[half[path.parent.name]]
        bucket[0].append(vec)
        bucket[1].append(truth_index)
    fit_scores, fit_truth = np.vstack(data[0][0]), np.asarray(data[0][1])
    eval_scores, eval_truth = np.vstack(data[1][0]), np.asarray(data[1][1])
    temperature = fit_temperature(fit_scores, fit_truth, objective="top1_brier")
    temperature_nll = fit_temperature(fit_scores, fit_truth, objective="nll")
    fit_probs = softmax_top(fit_scores, 1.0)
    platt = fit_platt(fit_probs.max(axis=1), fit_probs.argmax(axis=1) == fit_truth)
    results = {
        "xpid_version": xpid.__version__,
        "hpo_release": kb.ontology.release,
        "method": "lr",
        "corpus": "omim",
        "split": "cohorts alternating in sorted order; fit on half A, report on half B",
        "n_fit": int(len(fit_truth)),
        "fitted_temperature": round(temperature, 4),
        "eval_uncalibrated": _report(eval_scores, eval_truth, 1.0),
        "eval_calibrated": _report(eval_scores, eval_truth, temperature),
        "eval_nll_temperature": _report(eval_scores, eval_truth, temperature_nll),
        "eval_platt": _report(eval_scores, eval_truth, 1.0, platt),
        "machine": describe_machine(),
    }
    print(json.dumps({k: v for k, v in results.items() if k != "machine"}, indent=2))
    out = HERE / "results" / "calibration.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no reliability plot (pip install 'xpid[plot]')")
        return
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", label="perfect")
    for key, label in [
        ("eval_uncalibrated", "T = 1 (as printed)"),
        ("eval_calibrated", f"T = {temperature:.2f} (fitted on half A)"),
    ]:
        bins = [b for b in results[key]["reliability"] if b["n"]]  # type: ignore[index]
        ax.plot(
            [b["mean_probability"] for b in bins],
            [b["accuracy"] for b in bins],
            marker="o",
            label=label,
        )
    ax.set_xlabel("predicted top-1 probability")
    ax.set_ylabel("observed top-1 accuracy")
    ax.set_title("lr top-1 reliability, dev half B")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(HERE / "results" / "calibration_reliability.png", dpi=100)


if __name__ == "__main__":
    main()
