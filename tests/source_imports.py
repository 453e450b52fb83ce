"""Reading the imports of plankg's source files (``ast``), for the tests of its import rules
(tests/test_imports.py) and of its declared dependencies (tests/test_dependencies.py)."""
from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plankg"


def imports(path: Path, nodes: Callable[[ast.AST], Iterable[ast.AST]] = ast.walk) -> list[tuple[str, list[str]]]:
    """(absolute module, names) of every import among ``nodes(tree)`` of ``path`` (a file of
    plankg); ``import a.b`` gives ``("a.b", [])``, ``from .x import y`` ``("plankg.….x", ["y"])``."""
    package = ["plankg", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((module, [alias.name for alias in node.names]))
    return found
