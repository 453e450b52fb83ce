"""The bundled plan's graph, built once and kept in a user cache directory.

The cache directory is ``$PLANKG_CACHE_DIR`` when set, else platformdirs' user
cache directory for plankg (``$XDG_CACHE_HOME/plankg`` or ``~/.cache/plankg`` on
Linux). The graph is written as N-Triples (fast to parse for both rdflib and
pyoxigraph) to ``bundled-{key}.nt``, atomically, where the key hashes:

* plankg's version;
* the versions of the libraries whose behaviour shapes extraction (rdflib,
  spaCy, jieba, pypinyin, pyahocorasick);
* the path and bytes of every file of the packages that build the graph —
  ``plankg/extract`` (code, lexicons, rules and the bundled document),
  ``plankg/graph`` and ``plankg/ontology`` — and ``plankg/__init__.py``.

Editing any of those (an editable install sees the change at once) gives a new
key, so the next query rebuilds; of the older ``bundled-*.nt`` files the two most
recent are kept (another installation sharing the cache may be using them) and
the rest removed.
"""
from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..extract.model import PlanError

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BUILD_PACKAGES = ("extract", "graph", "ontology")
BUILD_LIBRARIES = ("rdflib", "spacy", "jieba", "pypinyin", "pyahocorasick")
_SKIP_SUFFIXES = (".pyc", ".pyo")
KEEP_OLD = 2  # older builds kept beside the current one


def cache_dir() -> Path:
    override = os.environ.get("PLANKG_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("plankg", appauthor=False))


def _build_files() -> list[Path]:
    files = [PACKAGE_DIR / "__init__.py"]
    for package in BUILD_PACKAGES:
        for path in (PACKAGE_DIR / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(_SKIP_SUFFIXES):
                files.append(path)
    return sorted(files)


def build_key() -> str:
    """A hex digest that changes whenever the bundled plan's graph could change."""
    digest = hashlib.sha256()
    digest.update(f"plankg {__version__}\n".encode())
    for library in BUILD_LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -\n".encode())
    for path in _build_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def build_bundled_graph():
    """The bundled plan's graph (a ``TripleBuffer``, for ``serialize``), built now (a couple of
    seconds: spaCy loads)."""
    from ..extract import extract
    from ..extract.read import read_bundled
    from ..graph.build import build_triples

    return build_triples(extract(read_bundled()))


def _checked_path(directory: str, key: str) -> Path:
    path = Path(directory) / f"bundled-{key}.nt"
    if path.is_file():
        return path
    from ..graph import serialize
    from ..graph.serialize import write_atomic

    data = serialize(build_bundled_graph(), "nt")
    try:
        write_atomic(path, data)
    except OSError as err:
        raise PlanError(f"cannot write the graph cache in {directory}: {err.strerror or err}; "
                        f"set PLANKG_CACHE_DIR to a writable directory") from None
    _prune(Path(directory), path)
    return path


def _prune(directory: Path, keep: Path) -> None:
    """Remove older builds, but keep the ``KEEP_OLD`` most recent other ones: another
    plankg (another version or checkout sharing the cache) may still be reading them."""
    others = []
    for old in directory.glob("bundled-*.nt"):
        if old != keep:
            try:
                others.append((old.stat().st_mtime, old))
            except FileNotFoundError:
                continue
    for _mtime, old in sorted(others, reverse=True)[KEEP_OLD:]:
        old.unlink(missing_ok=True)


def bundled_graph_path() -> Path:
    """The cached N-Triples file of the bundled plan's graph, built first if needed."""
    return _checked_path(str(cache_dir()), build_key())
