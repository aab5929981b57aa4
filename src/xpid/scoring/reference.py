"""Slow, obviously-correct reference implementations of every kernel (test oracles only:
no production code path calls them).

Plain Python over sets and dicts, straight from the definitions; see
:mod:`xpid.scoring.similarity` for the references to the papers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set

from xpid.scoring.matches import Relation
from xpid.scoring.methods import Aggregation, Method, TermMeasure

__all__ = [
    "reference_ic",
    "reference_term_similarity",
    "reference_set_score",
    "reference_exclusion_penalty",
    "reference_absence_penalty",
    "reference_simgic",
    "reference_present_log_lr",
    "reference_excluded_log_lr",
    "reference_relation",
    "reference_best_match",
    "reference_lr_match_value",
]

Ancestors = Mapping[int, Set[int]]


def reference_ic(
    ancestors: Ancestors, diseases: Sequence[Sequence[int]], n_terms: int
) -> list[float]:
    """``-ln(n_t / N)`` with ``n_t`` the diseases whose propagated set holds ``t`` (min 1)."""
    n = len(diseases)
    counts = [0] * n_terms
    for terms in diseases:
        closure: set[int] = set()
        for t in terms:
            closure |= ancestors[t]
        for t in closure:
            counts[t] += 1
    return [-math.log(max(c, 1) / n) if n else 0.0 for c in counts]


def reference_term_similarity(
    measure: TermMeasure, a: int, b: int, ancestors: Ancestors, ic: Sequence[float]
) -> float:
    """Resnik, Lin or Jiang–Conrath similarity of two terms."""
    common = ancestors[a] & ancestors[b]
    mica = max((ic[t] for t in common), default=0.0)
    if measure is TermMeasure.RESNIK:
        return mica
    if measure is TermMeasure.LIN:
        total = ic[a] + ic[b]
        return 2 * mica / total if total > 0 else 0.0
    return 1.0 / (1.0 + max(ic[a] + ic[b] - 2 * mica, 0.0))


def reference_set_score(
    method: Method,
    query: Sequence[int],
    disease: Sequence[int],
    ancestors: Ancestors,
    ic: Sequence[float],
) -> float:
    """Aggregated set similarity of a query and one disease's present terms."""
    measure, aggregation = method.measure, method.aggregation
    assert measure is not None and aggregation is not None
    if not disease:
        return 0.0
    terms = sorted(set(disease))

    def sim(a: int, b: int) -> float:
        return reference_term_similarity(measure, a, b, ancestors, ic)

    p2d = sum(max(sim(q, d) for d in terms) for q in query) / len(query)
    if aggregation is Aggregation.ONESIDED:
        return p2d
    d2p = sum(max(sim(q, d) for q in query) for d in terms) / len(terms)
    if aggregation is Aggregation.BMA:
        return 0.5 * (p2d + d2p)
    return max(p2d, d2p)


def reference_simgic(
    query: Sequence[int], disease: Sequence[int], ancestors: Ancestors, ic: Sequence[float]
) -> float:
    """Sum of IC over the shared closure divided by the sum over the union."""
    p: set[int] = set()
    for t in query:
        p |= ancestors[t]
    c: set[int] = set()
    for t in disease:
        c |= ancestors[t]
    union = sum(ic[t] for t in p | c)
    return sum(ic[t] for t in p & c) / union if union > 0 else 0.0


def reference_exclusion_penalty(
    excluded: Sequence[int],
    units: Sequence[float],
    disease: Mapping[int, float],
    ancestors: Ancestors,
    unknown_probability: float,
) -> float:
    """``sum_e unit(e) * max{p(d) : d annotated present, e an ancestor-or-self of d}``."""
    total = 0.0
    for e, unit in zip(excluded, units, strict=True):
        probs = [
            unknown_probability if math.isnan(p) else p
            for d, p in disease.items()
            if e in ancestors[d]
        ]
        total += unit * max(probs, default=0.0)
    return total


def reference_absence_penalty(
    query: Sequence[int],
    units: Sequence[float],
    absent: Set[int],
    present: Set[int],
    ancestors: Ancestors,
) -> float:
    """``sum_q max{unit(x) : x annotated absent, x an ancestor-or-self of q}``, skipping a
    ``q`` that some present annotation shows (``q`` an ancestor-or-self of it)."""
    total = 0.0
    for q in query:
        if any(q in ancestors[d] for d in present):
            continue
        total += max((units[x] for x in absent if x in ancestors[q]), default=0.0)
    return total


def reference_present_log_lr(
    h: int,
    disease: Mapping[int, float],
    absent: Set[int],
    ancestors: Ancestors,
    ic: Sequence[float],
    *,
    false_positive: float,
    unknown_frequency: float,
    absent_probability: float,
    beta: float = 2.0,
) -> float:
    """``ln LR`` of a present finding straight from the definition in
    :mod:`xpid.scoring.likelihood`."""
    eps = false_positive
    best = 0.0
    for d, f in disease.items():
        freq = unknown_frequency if math.isnan(f) else f
        common = ancestors[h] & ancestors[d]
        if not common:
            continue
        mica = max(ic[a] for a in common)
        best = max(best, freq * math.exp(beta * (mica - ic[h])))
    p_d = eps + (1 - eps) * best
    shows = any(h in ancestors[d] for d in disease)
    if not shows and any(x in ancestors[h] for x in absent):
        p_d = absent_probability
    p_bg = eps + (1 - eps) * math.exp(-ic[h])
    return math.log(p_d) - math.log(p_bg)


def reference_excluded_log_lr(
    e: int,
    disease: Mapping[int, float],
    ancestors: Ancestors,
    ic: Sequence[float],
    *,
    false_positive: float,
    unknown_frequency: float,
    min_miss: float,
    weight: float,
) -> float:
    """``ln LR`` of an excluded finding straight from the definition."""
    eps = false_positive
    p_bg = min(eps + (1 - eps) * math.exp(-ic[e]), 1 - min_miss)
    freqs = [
        unknown_frequency if math.isnan(f) else f for d, f in disease.items() if e in ancestors[d]
    ]
    p_d = eps + (1 - eps) * max(freqs) if freqs else p_bg
    p_d = min(p_d, 1 - min_miss)
    return weight * (math.log(1 - p_d) - math.log(1 - p_bg))


def reference_relation(finding: int, term: int, ancestors: Ancestors) -> Relation:
    """How an annotated term relates to a finding, from the ancestor sets."""
    if finding == term:
        return Relation.EXACT
    if finding in ancestors[term]:
        return Relation.DISEASE_MORE_SPECIFIC
    if term in ancestors[finding]:
        return Relation.PATIENT_MORE_SPECIFIC
    return Relation.RELATED


def reference_best_match(
    finding: int, values: Mapping[int, float], ancestors: Ancestors, *, tolerance: float = 1e-9
) -> tuple[int, Relation] | None:
    """The annotated term with the largest value (within ``tolerance``); on a tie the one
    closest to the finding, then the smallest term index. ``None`` without annotations."""
    if not values:
        return None
    top = max(values.values())
    tied = sorted(t for t, v in values.items() if v >= top - tolerance)
    best = max(tied, key=lambda t: (reference_relation(finding, t, ancestors), -t))
    return best, reference_relation(finding, best, ancestors)


def reference_lr_match_value(
    h: int,
    d: int,
    frequency: float,
    ancestors: Ancestors,
    ic: Sequence[float],
    *,
    unknown_frequency: float,
    beta: float,
) -> float:
    """``ln f(d) + beta · IC(MICA(h, d))``: what the ``lr`` kernel maximises over a
    disease's annotations ``d`` to match the present finding ``h``."""
    freq = unknown_frequency if math.isnan(frequency) else frequency
    mica = max(ic[a] for a in ancestors[h] & ancestors[d])
    return math.log(freq) + beta * mica
