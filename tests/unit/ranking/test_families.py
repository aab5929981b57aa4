"""The method families: every method has one, and the production code never takes a
plain-Python reference for a kernel."""

from __future__ import annotations

import ast
from pathlib import Path

from xpid.ranking.families import FAMILIES, family_of
from xpid.ranking.families.likelihood_ratio import LIKELIHOOD_RATIO
from xpid.ranking.families.semantic_similarity import SEMANTIC_SIMILARITY
from xpid.scoring.methods import Method

SRC = Path(__file__).resolve().parents[3] / "src" / "xpid"


def test_every_method_has_a_family() -> None:
    assert set(FAMILIES) == set(Method)
    assert family_of(Method.LR) is LIKELIHOOD_RATIO
    assert all(family_of(m) is SEMANTIC_SIMILARITY for m in Method if m is not Method.LR)
    # The panel is a prior exactly for the methods whose scores are probabilities.
    assert all(family_of(m).panel_is_prior == m.probabilistic for m in Method)


def test_no_production_module_imports_the_reference_kernels() -> None:
    # scoring/reference.py is a test oracle: explanations take their matches from the
    # kernels themselves.
    importers = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "reference.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if "xpid.scoring.reference" in names:
                importers.append(str(path.relative_to(SRC)))
    assert importers == []
