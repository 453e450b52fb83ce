"""Fixtures shared by the test modules.

- ``fixtures_dir``: ``tests/fixtures``.
- ``bundled_doc`` / ``bundled_structure``: the bundled plan read and structured
  once per session.
- ``extraction_of``: ``extraction_of("gbk_plan.txt")`` (or ``"bundled"``)
  extracts a document once per session (the first call loads the spaCy
  pipeline, a few seconds).
- ``run_plankg``: runs ``python -m plankg …`` in a real subprocess, the way a
  user does (``run_plankg("build", "x.txt", "-o", "g.ttl", cwd=tmp_path)``).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def bundled_doc():
    from plankg.extract.read import read_bundled

    return read_bundled()


@pytest.fixture(scope="session")
def bundled_structure(bundled_doc):
    from plankg.extract import find_structure

    return find_structure(bundled_doc)


@pytest.fixture(scope="session")
def extraction_of():
    """Extract a fixture (a name under tests/fixtures, or "bundled") once per session."""
    from plankg.extract import extract
    from plankg.extract.read import read_bundled, read_document

    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            doc = read_bundled() if name == "bundled" else read_document(FIXTURES / name)
            cache[name] = extract(doc)
        return cache[name]

    return get


def _run(*args: str, cwd: str | os.PathLike, env: dict[str, str] | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "plankg", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def run_plankg():
    """``run_plankg(*args, cwd=…, env=…)`` -> CompletedProcess of ``python -m plankg *args``."""
    return _run


# =============================================================================
# Issue 4 (SPARQL: plankg/queries) — fixtures for test_queries.py, test_serve.py
# and test_oxigraph.py. Everything below this line belongs to that work.
# =============================================================================


@pytest.fixture(scope="session", autouse=True)
def plankg_cache_dir(tmp_path_factory) -> Path:
    """``PLANKG_CACHE_DIR`` set to a session temp dir (for this process and every
    subprocess a test starts), so no test reads or writes the user's cache."""
    path = tmp_path_factory.mktemp("plankg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANKG_CACHE_DIR", str(path))
        yield path


@pytest.fixture(scope="session")
def plan_graph_path(plankg_cache_dir, tmp_path_factory) -> Path:
    """The bundled plan's graph as the query cache builds it (N-Triples), built once and
    copied out of the cache, so that a rebuild under a new key (someone editing the
    extraction code while the tests run) cannot remove it mid-session."""
    import shutil

    from plankg.queries.cache import bundled_graph_path

    copy = tmp_path_factory.mktemp("plan-graph") / "plan.nt"
    shutil.copyfile(bundled_graph_path(), copy)
    return copy


@pytest.fixture(scope="session")
def plan_rdflib(plan_graph_path):
    """The bundled plan's graph in rdflib. Shared: do not modify."""
    from plankg.queries import open_target

    return open_target(plan_graph_path, "rdflib")


@pytest.fixture(scope="session")
def plan_oxigraph(plan_graph_path):
    """The bundled plan's graph in an in-memory pyoxigraph Store. Shared: do not modify."""
    from plankg.queries import open_target

    return open_target(plan_graph_path, "oxigraph")
