"""The import graph: stages import the stages below them, never above. ``plankg/graph``
builds RDF from an extraction and never imports ``plankg/queries``; ``plankg/queries`` runs
queries on graphs and never imports ``plankg/extract`` (graphs are built for it by
``plankg/build``, the orchestration above the stages); no module imports another's private
names. Every import counts, at the top of a module or inside a function."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plankg"

def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(absolute module, names) of every import in ``path``."""
    package = ["plankg", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((module, [alias.name for alias in node.names]))
    return found


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
    assert ("queries/source.py", "plankg.build.bundled") in crossings("queries", "build")


def test_graph_never_imports_queries():
    assert not crossings("graph", "queries")


def test_queries_never_imports_extract():
    assert not crossings("queries", "extract")


def test_no_private_name_is_imported_across_modules():
    private = [f"{path.relative_to(PACKAGE)}: {module}.{name}" for path in sorted(PACKAGE.rglob("*.py"))
               for module, names in imports(path) if module.startswith("plankg")
               for name in names if name.startswith("_") and not name.startswith("__")]
    assert not private
