"""Cohort-level folds for cross-validation: no disease and no gene on both sides of a split.

Cases, diseases and genes are the nodes of a graph; a case is joined to each of its
diagnoses and to each gene of those diagnoses, so two cases of one disease, or of two
diseases of one gene (allelic disorders), or of one disease that two genes cause, end up in
one connected component, a **cohort**. Folds are unions of whole cohorts: what a model
fitted on the other folds learns about a disease or a gene never reaches the fold that
tests it, which is what a clinician's next patient, of a cohort nobody has published yet,
looks like to the model.

Assignment is deterministic: cohorts are taken largest first (ties by their smallest case
key) and each goes to the fold holding the fewest cases so far (ties to the lower fold
number), the usual greedy balancing of group k-fold.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from xpid.errors import ParameterError

__all__ = ["CohortCase", "assign_folds", "cohort_components", "cohort_folds"]


@dataclass(frozen=True, slots=True)
class CohortCase:
    """What the split knows of a case: a unique key, its diagnoses and their genes."""

    key: str
    diseases: Collection[str]
    genes: Collection[str] = ()


def _find(parent: dict[str, str], node: str) -> str:
    root = node
    while parent[root] != root:
        root = parent[root]
    while parent[node] != root:  # path compression
        parent[node], node = root, parent[node]
    return root


def cohort_components(cases: Sequence[CohortCase]) -> list[int]:
    """Component number of each case (numbered by first appearance).

    >>> cases = [CohortCase("a", ["OMIM:1"], ["G1"]), CohortCase("b", ["OMIM:2"], ["G1"]),
    ...          CohortCase("c", ["OMIM:3"], ["G3"])]
    >>> cohort_components(cases)
    [0, 0, 1]
    """
    parent: dict[str, str] = {}

    def union(a: str, b: str) -> None:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    keys = [f"case\t{c.key}" for c in cases]
    if len(set(keys)) != len(keys):
        raise ParameterError("case keys must be unique to split cases into cohorts.")
    for key, case in zip(keys, cases, strict=True):
        parent.setdefault(key, key)
        for disease in case.diseases:
            union(key, f"disease\t{disease}")
        for gene in case.genes:
            union(key, f"gene\t{gene}")
    number: dict[str, int] = {}
    out = []
    for key in keys:
        root = _find(parent, key)
        out.append(number.setdefault(root, len(number)))
    return out


def cohort_folds(cases: Sequence[CohortCase], k: int) -> list[int]:
    """Fold (0..k-1) of each case; whole cohorts per fold, fold sizes balanced greedily.

    Parameters
    ----------
    cases
        The cases, each with a unique key.
    k
        Number of folds, at least 2 and at most the number of cohorts.

    Raises
    ------
    ParameterError
        When ``k`` is below 2 or above the number of cohorts.

    Examples
    --------
    >>> cases = [CohortCase(str(i), [f"D{i % 3}"]) for i in range(6)]
    >>> cohort_folds(cases, 3)
    [0, 1, 2, 0, 1, 2]
    """
    if k < 2:
        raise ParameterError(f"folds must be at least 2, got {k}.")
    component = cohort_components(cases)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(component):
        members.setdefault(c, []).append(i)
    if k > len(members):
        raise ParameterError(
            f"folds must be at most the number of cohorts ({len(members)}), got {k}."
        )
    order = sorted(members.values(), key=lambda rows: (-len(rows), min(cases[i].key for i in rows)))
    sizes = [0] * k
    fold = [0] * len(cases)
    for rows in order:
        target = min(range(k), key=lambda f: (sizes[f], f))
        for i in rows:
            fold[i] = target
        sizes[target] += len(rows)
    return fold


def assign_folds(
    keys: Sequence[str],
    diagnoses: Sequence[str],
    genes_of: Callable[[str], Collection[str]],
    k: int,
) -> tuple[dict[str, int], int]:
    """Test fold of each case key, and the number of cohorts.

    Parameters
    ----------
    keys
        Unique case keys (a benchmark uses each input's path).
    diagnoses
        The diagnosis each case is scored against, aligned with ``keys``.
    genes_of
        The genes of a diagnosis (the profile store's gene map).
    k
        Number of folds (see :func:`cohort_folds`).
    """
    cases = [
        CohortCase(key, (d,), tuple(genes_of(d))) for key, d in zip(keys, diagnoses, strict=True)
    ]
    fold = cohort_folds(cases, k)
    return dict(zip(keys, fold, strict=True)), len(set(cohort_components(cases)))
