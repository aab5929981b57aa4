"""Free-text extraction on adversarial inputs: time must grow linearly with the text (issue 13).

Each case is one long text built by repeating a small unit until it reaches 16 kB, 64 kB and
1 MB (characters): floods of negation, family and post-position triggers before or after a
finding, alternating triggers and findings in one sentence, long runs of a phrase prefix
(deep trie walks), coordination chains, order-free word sets, a single 1 MB word, a long
punctuation gap, random lexicon words without punctuation, and a normal clinical note
repeated (the reference for an ordinary text). Everything is one sentence unless the unit
holds a full stop.

For each case and size: the median (min–max) of 3 runs of :func:`extract_findings` with the
English lexicon of the bundled HPO (loaded before timing), and the time per kB. Linear time
shows as a constant time per kB from 16 kB to 1 MB; the script prints the ratio of the 1 MB
per-kB time to the 16 kB one. A case whose run at one size takes more than ``--budget``
seconds is not run at the larger sizes (recorded as such): that is how the quadratic code
before the fix was measured without waiting hours.

Writes ``benchmarks/results/extraction_worst_case.json``. Run:
``python benchmarks/extraction_worst_case.py [--budget SECONDS] [--runs N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine  # noqa: E402

from xpid import __version__  # noqa: E402
from xpid.datafiles import locate_data  # noqa: E402
from xpid.extraction import Language, extract_findings, load_lexicon  # noqa: E402
from xpid.ontology import load_ontology  # noqa: E402

SIZES = (16_000, 64_000, 1_000_000)
NOTE = (
    "Seven-month-old boy with intractable watery diarrhoea since three weeks of age and "
    "failure to thrive. Eczematous dermatitis of the scalp. No recurrent infections. "
    "Serum IgG is low and IgM is elevated. His maternal uncle died of chronic diarrhoea. "
)


def _repeat(unit: str, size: int, *, tail: str = "", head: str = "") -> str:
    body = unit * max(1, (size - len(tail) - len(head)) // len(unit))
    return head + body + tail


def _random_words(size: int) -> str:
    rng = random.Random(7)
    vocabulary = (
        "no not without denies absent normal possible suspected father mother uncle but "
        "diarrhea chronic eczema hypotonia seizures microcephaly severe mild recurrent "
        "infections low high igg igm abnormality of the kidney renal cysts and or to with "
        "delayed development global developmental delay thin corpus callosum gait unstable"
    ).split()
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(vocabulary)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


CASES: dict[str, Callable[[int], str]] = {
    "negation flood before a finding ('no ' * k + 'diarrhea')": lambda n: _repeat(
        "no ", n, tail="diarrhea"
    ),
    "family flood before a finding ('uncle ' * k + 'diarrhea')": lambda n: _repeat(
        "uncle ", n, tail="diarrhea"
    ),
    "finding then post-triggers ('diarrhea' + 'was absent ' * k)": lambda n: _repeat(
        " was absent", n, head="diarrhea"
    ),
    "alternating trigger and finding ('no diarrhea ' * k)": lambda n: _repeat("no diarrhea ", n),
    "one trigger, then findings ('no ' + 'diarrhea ' * k)": lambda n: _repeat(
        "diarrhea ", n, head="no "
    ),
    "phrase prefix flood ('abnormality of the ' * k)": lambda n: _repeat("abnormality of the ", n),
    "coordination chain ('axial and ' * k + 'hypotonia')": lambda n: _repeat(
        "axial and ", n, tail="hypotonia"
    ),
    "order-free word sets ('gait is unstable ' * k)": lambda n: _repeat("gait is unstable ", n),
    "one long word ('a' * n)": lambda n: "a" * n,
    "punctuation gap ('chronic' + ' -' * k + ' diarrhea')": lambda n: _repeat(
        " -", n, head="chronic", tail=" diarrhea"
    ),
    "random lexicon and trigger words, one sentence": _random_words,
    "a clinical note repeated (ordinary text)": lambda n: _repeat(NOTE, n),
}


def _time(text: str, lexicon: object, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        gc.collect()  # garbage of the previous run is not charged to this one
        start = time.perf_counter()
        extract_findings(text, lexicon)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds allowed per size")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    ontology = load_ontology(locate_data().obo)
    lexicon = load_lexicon(ontology, lang=Language.en)
    extract_findings(NOTE, lexicon)  # warm the token cache
    results: dict[str, object] = {
        "xpid_version": __version__,
        "hpo_release": ontology.release,
        "machine": describe_machine(),
        "runs": args.runs,
        "sizes_chars": list(SIZES),
        "cases": {},
    }
    cases: dict[str, object] = {}
    for name, make in CASES.items():
        rows: dict[str, object] = {}
        per_kb: dict[int, float] = {}
        skip = False
        for size in SIZES:
            if skip:
                rows[str(size)] = "not run: a smaller size exceeded the budget"
                continue
            text = make(size)
            times = _time(text, lexicon, args.runs)
            median = statistics.median(times)
            per_kb[size] = 1000 * median / (len(text) / 1000)
            rows[str(size)] = {
                "chars": len(text),
                "median_s": round(median, 4),
                "min_s": round(min(times), 4),
                "max_s": round(max(times), 4),
                "ms_per_kb": round(per_kb[size], 3),
            }
            print(
                f"{name:<62} {len(text):>9,} chars  {median:8.3f} s "
                f"({min(times):.3f}–{max(times):.3f})  {per_kb[size]:7.3f} ms/kB",
                flush=True,
            )
            if median > args.budget:
                skip = True
        if SIZES[0] in per_kb and SIZES[-1] in per_kb:
            rows["per_kb_ratio_1mb_to_16k"] = round(per_kb[SIZES[-1]] / per_kb[SIZES[0]], 2)
        cases[name] = rows
    results["cases"] = cases
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    if not args.no_write:
        out = HERE / "results" / "extraction_worst_case.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
