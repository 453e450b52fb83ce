"""Start-up: a command imports only what it uses. ``plankg --help`` and ``plankg query`` on the
cached bundled graph never import spaCy, jieba or pyshacl (each costs a large share of a
second, or several), checked with ``python -X importtime`` in a real process."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("spacy", "jieba", "pyshacl")


def imported_modules(*args: str, cwd, env: dict[str, str] | None = None) -> set[str]:
    """The top-level modules ``python -m plankg ARGS`` imports (it must succeed)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "plankg", *args], cwd=cwd,
                            env={**os.environ, **(env or {})}, check=False, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert lines, "python -X importtime printed nothing"
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in lines}


@pytest.mark.parametrize("args", [("--help",), ("build", "--help"), ("query", "--help"), ("queries",)])
def test_help_and_listings_import_no_heavy_library(args, tmp_path):
    modules = imported_modules(*args, cwd=tmp_path)
    assert "click" in modules  # the check sees the command's imports
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_query_on_the_cached_bundled_graph_imports_no_heavy_library(plan_graph_path, tmp_path):
    # plan_graph_path has filled the session's graph cache (PLANKG_CACHE_DIR): no build here
    modules = imported_modules("query", "counts", cwd=tmp_path)
    assert "pyoxigraph" in modules or "rdflib" in modules
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_a_build_imports_none_of_them(tmp_path):
    """The check can fail: a build imports the rules' own libraries (the word-count trie, the
    automaton); it cuts words with plankg's own segmenter (no jieba), runs its rules without
    spaCy (only a learned recogniser needs spaCy's pipeline) and never validates (no pyshacl)."""
    modules = imported_modules("build", "-o", str(tmp_path / "out.ttl"), cwd=tmp_path)
    assert {"marisa_trie", "ahocorasick"} <= modules
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))
