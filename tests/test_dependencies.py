"""Every package plankg's code imports is declared in pyproject.toml, so that ``pip install .``
on a fresh machine gives a working plankg (scipy, used by the network page's layout, once was
not, and the page failed only where scipy happened to be missing)."""
from __future__ import annotations

import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from source_imports import PACKAGE, imports

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomllib is in the standard library from Python 3.11; plankg supports 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group(0)).lower()


def _declared() -> set[str]:
    """The distributions pyproject.toml asks for (outside the test extra), with the ones a
    requirement's own extra brings by name (dask[distributed] -> distributed)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    requirements = project["dependencies"] + [r for e, rs in extras.items() if e != "test" for r in rs]
    named = {_name(extra) for r in requirements for extra in re.findall(r"\[([^\]]+)\]", r)}
    return {_name(r) for r in requirements} | named


def _imported() -> set[str]:
    modules = {module.split(".")[0] for path in PACKAGE.rglob("*.py") for module, _ in imports(path)}
    return {m for m in modules if m not in sys.stdlib_module_names and m not in ("plankg", "_typeshed")}


def test_every_imported_package_is_declared():
    distributions = packages_distributions()
    declared = _declared()
    missing = {module: distributions.get(module) for module in _imported()
               if not {_name(d) for d in distributions.get(module, [module])} & declared}
    assert missing == {}
