"""The TSV cells of one ranked disease, shared by ``xpid rank`` and ``xpid batch``.

Kept apart from :mod:`xpid.ranking.result` so that the command-line start-up does not load
the result classes (and numpy) to build a TSV header.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RESULT_TSV_COLUMNS", "result_tsv_cells"]

RESULT_TSV_COLUMNS = (
    "rank",
    "disease_id",
    "name",
    "genes",
    "score",
    "probability",
    "pretest_probability",
    "matched",
    "total",
)
"""The TSV columns of one ranked disease, shared by ``xpid rank`` and ``xpid batch``."""


def result_tsv_cells(result: dict[str, Any]) -> list[str]:
    """The :data:`RESULT_TSV_COLUMNS` cells of a result in its JSON form
    (:meth:`xpid.ranking.result.DiseaseResult.to_dict`); the probabilities are empty for
    the similarity methods.

    >>> result_tsv_cells({"rank": 1, "disease_id": "OMIM:1", "name": "One", "genes": ["A"],
    ...     "score": 2.5, "probability": 0.7, "pretest_probability": 4.8e-4,
    ...     "matched": 1, "total": 2})
    ['1', 'OMIM:1', 'One', 'A', '2.500000', '0.700000', '0.00048', '1', '2']
    """
    post = result.get("probability")
    pre = result.get("pretest_probability")
    return [
        str(result["rank"]),
        result["disease_id"],
        result["name"],
        ",".join(result["genes"]),
        f"{result['score']:.6f}",
        "" if post is None else f"{post:.6f}",
        "" if pre is None else f"{pre:.6g}",
        str(result["matched"]),
        str(result["total"]),
    ]
