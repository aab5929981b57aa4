"""The architecture rules of ``ARCHITECTURE.md``, checked over the import graph of ``src/xpid``.

Every ``import`` of an ``xpid`` module anywhere in a file counts (at module level, inside a
function, under ``TYPE_CHECKING``): a lazy import is still a dependency.

1. **Layers.** Each top-level unit of the package (a subpackage, or a module directly under
   ``xpid/``) sits on one layer of :data:`LAYERS`; a unit may import its own layer and the ones
   below, never one above.
2. **No cycles** between modules.
3. **Small modules.** A module over :data:`MAX_LINES` lines says why at its top, in a line of
   its docstring that starts with ``Longer than 400 lines:``.

The planted-violation tests at the end prove each check fails when the rule is broken.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "xpid"
MAX_LINES = 400
LONG_REASON = "Longer than 400 lines:"

# From the ground up. ``<root>`` is ``xpid/__init__.py``, the public API face.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "text", "sex", "cache", "datafiles", "constants", "io", "version", "csr"}),
    frozenset({"ontology", "scoring", "mondo"}),
    frozenset({"annotations"}),
    frozenset({"profiles", "patient"}),
    frozenset({"phenopackets", "extraction", "knowledge"}),
    frozenset({"ranking"}),
    frozenset({"api", "<root>"}),
    frozenset({"simulate", "batch", "benchmark", "data"}),
    frozenset({"render"}),
    frozenset({"cli"}),
    frozenset({"__main__"}),
)

# Violations that the code had when these rules were written; each entry must go as the code
# is mended (the test fails when a listed violation no longer exists, so the list only shrinks).
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()
KNOWN_CYCLES: frozenset[frozenset[str]] = frozenset()
KNOWN_LONG: frozenset[str] = frozenset(
    {
        "xpid.extraction.lexicon",
        "xpid.phenopackets.reader",
        "xpid.profiles.curated",
    }
)


def module_name(path: Path, src: Path) -> str:
    """``src/xpid/a/b.py`` → ``xpid.a.b``; a package's ``__init__.py`` is the package."""
    parts = path.relative_to(src).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def unit_of(module: str) -> str:
    """The top-level unit of a module: ``xpid.ranking.rank`` is ``ranking``, ``xpid`` ``<root>``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "<root>"


def import_graph(src: Path) -> dict[str, set[str]]:
    """Module → the ``xpid`` modules it imports (resolved to modules that exist)."""
    files = {module_name(p, src): p for p in sorted((src / "xpid").rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from xpid.a import b` is module `xpid.a.b` when it exists, else `xpid.a`.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                    for alias in node.names
                ]
            for target in targets:
                while target and target not in files:  # the longest existing module named
                    target = target.rpartition(".")[0]
                if target.startswith("xpid") and target != name:
                    graph[name].add(target)
    return graph


def layer_of(unit: str, layers: Iterable[frozenset[str]] = LAYERS) -> int:
    for i, layer in enumerate(layers):
        if unit in layer:
            return i
    raise AssertionError(f"unit {unit!r} is on no layer of tests/test_architecture.py LAYERS")


def upward_imports(graph: Mapping[str, set[str]]) -> dict[tuple[str, str], list[str]]:
    """(importing unit, imported unit) → the module pairs that import upward."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for module, targets in graph.items():
        for target in targets:
            a, b = unit_of(module), unit_of(target)
            if a != b and layer_of(a) < layer_of(b):
                found[(a, b)].append(f"{module} -> {target}")
    return dict(found)


def cycles(graph: Mapping[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def long_modules(src: Path) -> set[str]:
    """Modules over :data:`MAX_LINES` lines whose top does not say why."""
    long = set()
    for path in sorted((src / "xpid").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_LINES:
            docstring = ast.get_docstring(ast.parse(text)) or ""
            if not any(line.startswith(LONG_REASON) for line in docstring.splitlines()):
                long.add(module_name(path, src))
    return long


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(SRC)


def test_every_unit_has_a_layer(graph: dict[str, set[str]]) -> None:
    for module in graph:
        layer_of(unit_of(module))


def test_no_import_points_up(graph: dict[str, set[str]]) -> None:
    found = upward_imports(graph)
    new = {pair: found[pair] for pair in found if pair not in KNOWN_UPWARD}
    assert not new, "imports pointing up a layer (see ARCHITECTURE.md):\n" + "\n".join(
        line for lines in new.values() for line in lines
    )
    mended = KNOWN_UPWARD - set(found)
    assert not mended, f"mended, remove from KNOWN_UPWARD: {sorted(mended)}"


def test_no_import_cycle(graph: dict[str, set[str]]) -> None:
    found = set(cycles(graph))
    new = found - KNOWN_CYCLES
    assert not new, "import cycles:\n" + "\n".join(" <-> ".join(sorted(c)) for c in new)
    mended = KNOWN_CYCLES - found
    assert not mended, f"mended, remove from KNOWN_CYCLES: {[sorted(c) for c in mended]}"


def test_long_modules_say_why() -> None:
    found = long_modules(SRC)
    new = found - KNOWN_LONG
    assert not new, (
        f"modules over {MAX_LINES} lines without a '{LONG_REASON}' line in their docstring: "
        f"{sorted(new)}"
    )
    mended = KNOWN_LONG - found
    assert not mended, f"mended, remove from KNOWN_LONG: {sorted(mended)}"


# --- planted violations: the checks above must catch each rule being broken -----------------


def _plant(tmp_path: Path, files: Mapping[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / "xpid" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_planted_upward_import_is_found(tmp_path: Path) -> None:
    src = _plant(
        tmp_path,
        {
            "__init__.py": "",
            "ontology/__init__.py": "",
            "ontology/index.py": "def f():\n    from xpid.ranking.rank import g\n",
            "ranking/__init__.py": "",
            "ranking/rank.py": "from xpid.ontology.index import f\n",
        },
    )
    found = upward_imports(import_graph(src))
    assert found == {("ontology", "ranking"): ["xpid.ontology.index -> xpid.ranking.rank"]}


def test_planted_cycle_is_found(tmp_path: Path) -> None:
    src = _plant(
        tmp_path,
        {
            "__init__.py": "",
            "cli/__init__.py": "",
            "cli/a.py": "from . import b\n",
            "cli/b.py": "from xpid.cli.c import x\n",
            "cli/c.py": "from xpid.cli import a\n",
        },
    )
    assert cycles(import_graph(src)) == [frozenset({"xpid.cli.a", "xpid.cli.b", "xpid.cli.c"})]


def test_planted_long_module_is_found(tmp_path: Path) -> None:
    body = "x = 1\n" * (MAX_LINES + 1)
    src = _plant(
        tmp_path,
        {
            "__init__.py": "",
            "long.py": '"""Long."""\n' + body,
            "reasoned.py": f'"""Long.\n\n{LONG_REASON} one table.\n"""\n' + body,
        },
    )
    assert long_modules(src) == {"xpid.long"}
