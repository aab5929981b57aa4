"""Free-text extraction accuracy and speed (issue 7).

Document-level precision, recall and F1 on the annotated corpora in ``../shared/corpora``
(``ID-68``: clinical case descriptions; ``GeneReviews``: clinical descriptions), over the
set of distinct HPO ids per document, restricted to Phenotypic abnormality (HP:0000118),
with alternative and obsolete ids mapped to the current term. Counts are pooled over the
documents of a corpus (micro average). The gold marks mentions whatever their assertion,
so every extracted finding counts, whatever its assertion.

Throughput: documents per second over the whole corpus, after a warm-up pass (lexicon
loaded, token cache filled), median of 5 passes.

Skips cleanly (exit 0, a message) when the corpora are absent. Writes
``benchmarks/results/extraction.json``. Run: ``python benchmarks/extraction.py
[--corpora DIR] [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe_machine  # noqa: E402

from xpid import __version__  # noqa: E402
from xpid.datafiles import locate_data  # noqa: E402
from xpid.extraction import Language, extract_findings, load_lexicon  # noqa: E402
from xpid.ontology import Ontology, load_ontology  # noqa: E402

CORPORA = ("ID-68", "GeneReviews")
TARGETS = {"ID-68": 0.82, "GeneReviews": 0.85, "docs_per_s": 1000}
PASSES = 5


def _current(ontology: Ontology, term_id: str) -> str | None:
    index = ontology.get_index(term_id)
    if index is None:
        index = ontology.alt_ids.get(term_id, ontology.obsolete_replaced_by.get(term_id))
    if index is None or not ontology.in_phenotype_branch(index):
        return None
    return ontology.ids[index]


def _load_corpus(
    directory: Path, ontology: Ontology
) -> list[tuple[str, str, set[str], list[tuple[int, int, str, str]]]]:
    docs = []
    for path in sorted((directory / "corpus").iterdir()):
        text = path.read_text(encoding="utf-8")
        gold: set[str] = set()
        spans: list[tuple[int, int, str, str]] = []
        ann = directory / "ann" / path.name
        for line in ann.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) < 4:
                continue
            term = _current(ontology, cells[3].strip())
            if term is not None:
                gold.add(term)
                spans.append((int(cells[0]), int(cells[1]), cells[2], term))
        docs.append((path.name, text, gold, spans))
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=HERE.parents[1] / "shared" / "corpora")
    parser.add_argument("--errors", action="store_true", help="print the commonest errors")
    parser.add_argument("--no-write", action="store_true", help="do not write results")
    args = parser.parse_args()
    if not all((args.corpora / name / "corpus").is_dir() for name in CORPORA):
        print(f"skipped: corpora not found in {args.corpora}")
        return 0
    ontology = load_ontology(locate_data().obo)
    start = time.perf_counter()
    lexicon = load_lexicon(ontology, lang=Language.en, use_cache=False)
    build_s = time.perf_counter() - start
    results: dict[str, object] = {
        "xpid_version": __version__,
        "hpo_release": ontology.release,
        "machine": describe_machine(),
        "measure": "document-level micro P/R/F1 over distinct HP:0000118 ids, all assertions",
        "targets": TARGETS,
        "lexicon_phrases": lexicon.n_phrases,
        "lexicon_build_s": round(build_s, 2),
        "corpora": {},
    }
    corpora: dict[str, object] = {}
    for name in CORPORA:
        docs = _load_corpus(args.corpora / name, ontology)
        tp = fp = fn = 0
        fps: Counter[str] = Counter()
        fns: Counter[str] = Counter()
        for _, text, gold, spans in docs:
            found = set(extract_findings(text, lexicon).term_ids())
            tp += len(found & gold)
            fp += len(found - gold)
            fn += len(gold - found)
            for t in found - gold:
                fps[f"{t} {ontology.labels[ontology.index_of(t)]}"] += 1
            for t in gold - found:
                mentions = sorted({s[2].lower() for s in spans if s[3] == t})
                fns[f"{t} {ontology.labels[ontology.index_of(t)]} {mentions}"] += 1
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        texts = [d[1] for d in docs]
        for text in texts:  # warm-up
            extract_findings(text, lexicon)
        times = []
        for _ in range(PASSES):
            start = time.perf_counter()
            for text in texts:
                extract_findings(text, lexicon)
            times.append(time.perf_counter() - start)
        rate = len(texts) / statistics.median(times)
        corpora[name] = {
            "documents": len(docs),
            "gold_ids": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "docs_per_s": round(rate, 1),
            "mean_chars": round(sum(len(t) for t in texts) / len(texts)),
        }
        print(f"{name}: P={precision:.3f} R={recall:.3f} F1={f1:.3f} {rate:,.0f} docs/s")
        if args.errors:
            print("  false positives:", *fps.most_common(40), sep="\n    ")
            print("  false negatives:", *fns.most_common(60), sep="\n    ")
    results["corpora"] = corpora
    if not args.no_write:
        out = HERE / "results" / "extraction.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
