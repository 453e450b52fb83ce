"""plankg's cache directory and its build fingerprint, for every cache that keeps built graphs
(the bundled plan's graph in ``plankg.build.bundled``, a corpus build's per-document results
in ``plankg.build.corpus``).

The cache directory is ``$PLANKG_CACHE_DIR`` when set, else platformdirs' user cache
directory for plankg (``$XDG_CACHE_HOME/plankg`` or ``~/.cache/plankg`` on Linux).
``build_key()`` hashes:

* plankg's version;
* the versions of the libraries whose behaviour shapes a graph (rdflib, spaCy, jieba,
  pypinyin, pyahocorasick, pyoxigraph);
* the path and bytes of every file of the packages that build the graph —
  ``plankg/build`` (the orchestration: what a corpus build caches per document),
  ``plankg/extract`` (code, lexicons, rules, precomputed tables and the bundled
  document), ``plankg/graph`` and ``plankg/ontology`` — and of ``plankg/__init__.py``
  and ``plankg/cjk.py``.

Editing any of those (an editable install sees the change at once) gives a new key.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from . import __version__

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_PACKAGES = ("build", "extract", "graph", "ontology")
BUILD_MODULES = ("__init__.py", "cjk.py")
BUILD_LIBRARIES = ("rdflib", "spacy", "jieba", "pypinyin", "pyahocorasick", "pyoxigraph")
_SKIP_SUFFIXES = (".pyc", ".pyo")
KEEP_OLD = 2  # older caches kept beside the current one


def cache_dir() -> Path:
    """Where plankg keeps what it built (see the module docstring)."""
    override = os.environ.get("PLANKG_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("plankg", appauthor=False))


def build_files() -> list[Path]:
    files = [PACKAGE_DIR / name for name in BUILD_MODULES]
    for package in BUILD_PACKAGES:
        for path in (PACKAGE_DIR / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(_SKIP_SUFFIXES):
                files.append(path)
    return sorted(files)


def build_key() -> str:
    """A hex digest that changes whenever a graph plankg builds could change."""
    digest = hashlib.sha256()
    digest.update(f"plankg {__version__}\n".encode())
    for library in BUILD_LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -\n".encode())
    for path in build_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def prune_older(others: Iterable[Path], keep: int = KEEP_OLD) -> None:
    """Remove the older caches ``others`` (files or folders) but the ``keep`` most recent:
    another plankg (another version or checkout sharing the cache) may still be reading them."""
    dated = []
    for path in others:
        try:
            dated.append((path.stat().st_mtime, path))
        except OSError:  # gone meanwhile
            continue
    for _mtime, old in sorted(dated, reverse=True)[keep:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
