"""Where queries run: a graph file read into an in-memory pyoxigraph store, or a pyoxigraph
store on disk. pyoxigraph answers every query (``run.py``); ``--store rdflib`` is refused
with a message saying so.

The graph is the file a caller names or, when it names none, its ``default``: a function
returning a file, called only when the graph is read. This package never builds a graph:
the command line passes ``plankg.build.bundled_graph_path`` (the bundled plan's cached
graph, built first if needed).

``--store`` takes one of:

* ``oxigraph`` (the default): the graph parsed into an in-memory pyoxigraph ``Store``;
* ``oxigraph:DIR``: a pyoxigraph (RocksDB) store on disk, for graphs too large to
  parse on every run. It acts as a cache of the graph it was loaded from: the
  source file's path, size, mtime and SHA-256 are kept in ``DIR/plankg-source.json``
  and the store is cleared and bulk-loaded again when the file named by
  ``--graph`` differs (or, without ``--graph``, when the default graph was rebuilt).
  A store not made by plankg (no such file) is used as it is when no ``--graph``
  is given. Only one process may open a store for writing at a time.

Named graphs (TriG, N-Quads) are queried as one graph: the union of the store's graphs.
A file that does not parse is reported as ``FILE:LINE:COLUMN: message``.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as TypingLiteral

import pyoxigraph as ox

from ..errors import PlanError
from ..graph.serialize import FORMATS

SOURCE_FILE = "plankg-source.json"

DefaultGraph = Callable[[], Path]  # the graph file read when none is named (see the module's docstring)

_OXIGRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


@dataclass(frozen=True)
class StoreSpec:
    """Where a query runs: ``oxigraph`` in memory, or an on-disk store in ``directory``."""

    kind: TypingLiteral["oxigraph"]
    directory: Path | None = None

    def __str__(self) -> str:
        return f"oxigraph:{self.directory}" if self.directory else self.kind


def parse_store(spec: str | None) -> StoreSpec:
    """``oxigraph`` or ``oxigraph:DIR`` as a StoreSpec; anything else is a PlanError."""
    spec = (spec or "oxigraph").strip()
    if spec == "rdflib":
        raise PlanError("--store rdflib: plankg answers every query with Oxigraph (pyoxigraph: the same answers, "
                        "about a hundred times faster); use --store oxigraph or oxigraph:DIR")
    if spec in ("oxigraph", "oxigraph:"):
        return StoreSpec("oxigraph")
    if spec.startswith("oxigraph:"):
        return StoreSpec("oxigraph", Path(spec[len("oxigraph:"):]).expanduser())
    raise PlanError(f"--store {spec!r}: use oxigraph (in memory) or oxigraph:DIR (on disk)")


def graph_file(graph: str | Path | None, default: DefaultGraph | None = None) -> Path:
    """The graph file named, checked to exist, or (none named) ``default()``. The command
    line's note of which graph it reads (``plankg.current``) is said here."""
    from ..current import checked_file, note_read

    if graph is not None:
        path = checked_file(graph)
        note_read(path)
        return path
    if default is None:
        raise PlanError("no graph given: name a graph file (plankg.build.bundled_graph_path() is the bundled plan's)")
    note_read(None)
    return default()


def oxigraph_format(path: Path) -> ox.RdfFormat:
    suffix = path.suffix.lower()
    if suffix in (".rdf", ".owl", ".xml"):
        return ox.RdfFormat.RDF_XML
    if suffix not in FORMATS:
        raise PlanError(f"{path}: unknown graph format {suffix or '(no extension)'}; "
                        f"use one of {', '.join(sorted(FORMATS))}")
    return _OXIGRAPH_FORMATS[FORMATS[suffix]]


def open_target(graph: str | Path | None = None, store: str | StoreSpec | None = None,
                default: DefaultGraph | None = None) -> ox.Store:
    """A pyoxigraph Store holding ``graph`` (none named: ``default()``): in memory, or the
    on-disk store ``store`` names (``oxigraph:DIR``)."""
    spec = store if isinstance(store, StoreSpec) else parse_store(store)
    if spec.directory is None:
        return load_oxigraph(graph_file(graph, default))
    return open_store_dir(spec.directory, graph, default)


def load_oxigraph(path: Path, store: ox.Store | None = None) -> ox.Store:
    """``path`` parsed into ``store`` (default: a new in-memory store)."""
    fmt = oxigraph_format(path)
    store = store if store is not None else ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as err:
        raise PlanError(parse_error(path, err, fmt)) from None
    except OSError as err:
        raise PlanError(f"{path}: cannot read: {err.strerror or err}") from None
    return store


def parse_error(path: Path, err: SyntaxError, fmt: ox.RdfFormat | None = None) -> str:
    """A pyoxigraph parse error as ``FILE:LINE:COLUMN: does not parse as FMT: message``."""
    from ..graph.load import located

    return located(path, err, fmt.name if fmt is not None else None)


def _fingerprint(path: Path, previous: dict | None = None) -> dict:
    stat = path.stat()
    found = {"source": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if previous and all(previous.get(k) == v for k, v in found.items()) and "sha256" in previous:
        found["sha256"] = previous["sha256"]
        return found
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    found["sha256"] = digest.hexdigest()
    return found


def _same_content(a: dict | None, b: dict) -> bool:
    return a is not None and a.get("source") == b["source"] and a.get("sha256") == b["sha256"]


def open_store_dir(directory: Path, graph: str | Path | None = None, default: DefaultGraph | None = None) -> ox.Store:
    """The on-disk store at ``directory``, loaded from ``graph`` (none named: ``default()``)
    first if it is stale."""
    if directory.exists() and not directory.is_dir():
        raise PlanError(f"{directory}: is a file, not a store directory")
    try:
        store = ox.Store(str(directory))
    except OSError as err:
        message = " ".join(str(err).split())
        if "lock" in message.lower():
            raise PlanError(f"{directory}: the store is open in another process (only one may write to it)") \
                from None
        raise PlanError(f"{directory}: cannot open as an oxigraph store: {message[:300]}") from None
    record_path = directory / SOURCE_FILE
    try:
        recorded = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = None
    bundled = graph is None  # the record's "bundled": loaded from the default graph, none named
    if bundled and recorded is None and len(store) > 0:
        return store  # a store made elsewhere: use it as it is
    if bundled and recorded is not None and not recorded.get("bundled"):
        return store  # loaded from a named graph earlier; none named now
    path = graph_file(graph, default)
    current = _fingerprint(path, recorded)
    if _same_content(recorded, current):
        if recorded != current:
            _write_record(record_path, {**current, "bundled": bundled})
        return store
    record_path.unlink(missing_ok=True)
    store.clear()
    try:
        load_oxigraph(path, store)
        store.flush()
    except BaseException:
        store.clear()
        raise
    _write_record(record_path, {**current, "bundled": bundled})
    return store


def _write_record(path: Path, record: dict) -> None:
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_text(json.dumps(record, indent=1), encoding="utf-8")
    os.replace(temporary, path)

