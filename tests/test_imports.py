"""The import graph: stages import the stages below them, never above. ``plankg/graph``
builds RDF from an extraction and never imports ``plankg/queries``; ``plankg/queries`` runs
queries on the graphs it is given and never imports ``plankg/extract`` or ``plankg/build``
(graphs, the bundled plan's among them, are built by ``plankg/build``, the orchestration
above the stages, and passed in by its callers); no two modules import each other,
directly or round a circle; no module imports another's private names. Every import counts,
at the top of a module or inside a function (those under ``if TYPE_CHECKING:``, never run,
only for the private-name rule)."""
from __future__ import annotations

import ast
from pathlib import Path

from source_imports import PACKAGE, imports


def crossings(source: str, target: str) -> set[tuple[str, str]]:
    """(file, module) for every import of ``plankg.<target>`` by a module of ``plankg/<source>``."""
    prefix = f"plankg.{target}"
    return {(path.relative_to(PACKAGE).as_posix(), module) for path in sorted((PACKAGE / source).rglob("*.py"))
            for module, names in imports(path)
            if module == prefix or module.startswith(prefix + ".")
            or (module == "plankg" and target in names)}


def test_the_import_reader_sees_relative_and_function_imports():
    found = dict(imports(PACKAGE / "build" / "bundled.py"))
    assert "plankg.build.extraction" in found and "plankg.caching" in found  # one inside a function
    assert ("queries/source.py", "plankg.graph.load") in crossings("queries", "graph")  # relative, in a function


def test_graph_never_imports_queries():
    assert not crossings("graph", "queries")


def test_queries_never_imports_extract():
    assert not crossings("queries", "extract")


def test_queries_never_imports_build():
    assert not crossings("queries", "build")


def test_no_private_name_is_imported_across_modules():
    private = [f"{path.relative_to(PACKAGE)}: {module}.{name}" for path in sorted(PACKAGE.rglob("*.py"))
               for module, names in imports(path) if module.startswith("plankg")
               for name in names if name.startswith("_") and not name.startswith("__")]
    assert not private


def _module(path: Path) -> str:
    parts = ["plankg", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:`` (never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for orelse in node.orelse for n in [orelse, *_runtime_nodes(orelse)])
            continue
        yield node
        yield from _runtime_nodes(node)


def import_graph() -> dict[str, set[str]]:
    """Module → the plankg modules it imports when run (at the top or inside a function; an
    import of a name that is a submodule counts as the submodule)."""
    paths = {_module(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for module, path in paths.items():
        found = set()
        for target, names in imports(path, _runtime_nodes):
            found |= {f"{target}.{name}" if f"{target}.{name}" in paths else target for name in names} or {target}
        graph[module] = {name for name in found if name in paths and name != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    graph = import_graph()
    assert "plankg.graph.load" in graph["plankg.queries.source"]  # the reader sees the imports
    assert not cycles(graph)
