"""The bundled plan's graph, built once and kept in plankg's cache directory
(``plankg.caching``: ``$PLANKG_CACHE_DIR``, else e.g. ``~/.cache/plankg``).

The graph is written as N-Triples (fast to parse for both rdflib and pyoxigraph) to
``bundled-{key}.nt``, atomically, where the key is ``plankg.caching.build_key()``: it
changes with plankg's version, the libraries that shape a graph and every file of the
code and data that build it. Editing any of those (an editable install sees the change
at once) gives a new key, so the next query rebuilds; of the older ``bundled-*.nt``
files the two most recent are kept (another installation sharing the cache may be
using them) and the rest removed.
"""
from __future__ import annotations

from pathlib import Path

from ..caching import build_key, cache_dir, prune_older
from ..errors import PlanError


def build_bundled_graph():
    """The bundled plan's graph (a ``TripleBuffer``, for ``serialize``), built now (a couple of
    seconds: spaCy loads)."""
    from .extraction import bundled_triples

    return bundled_triples()


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
    prune_older(old for old in Path(directory).glob("bundled-*.nt") if old != path)
    return path


def bundled_graph_path() -> Path:
    """The cached N-Triples file of the bundled plan's graph, built first if needed."""
    return _checked_path(str(cache_dir()), build_key())
