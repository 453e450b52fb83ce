"""The current graph: which graph file a command reads when it is not told.

Every command that reads a graph (``query``, ``show``, ``viz``, ``stats``, ``export``,
``serve``, ``push``, ``diff``, ``validate``) takes, in order:

1. the file given with ``--graph``;
2. the graph the last ``plankg build`` run in this folder wrote (wherever ``-o`` put
   it), as recorded in ``plankg-out/record.json``, while that file exists;
3. ``plankg-out/graph.ttl``, what ``plankg build`` writes by default;
4. the bundled Shanghai plan (its graph built once and cached).

When the graph was not given, the command line says on stderr which one it read, at the
moment it reads it (``announce_reads``; ``plankg.queries.source.graph_file`` calls
``note_read``), so a command that fails before reading any graph prints only its error.

The same record keeps, for each file ``viz`` and ``export`` (and ``build``'s network
page) wrote from this folder, the graph it was made from, so that replacing a page made
from one graph with the page of another is said on stderr (``replacing``).

The record holds paths relative to the folder (absolute ones for files outside it); it is
written atomically, and a record that cannot be read (or written, in a read-only folder) is
treated as absent.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .errors import PlanError

OUT_DIR = Path("plankg-out")
DEFAULT_GRAPH = OUT_DIR / "graph.ttl"
RECORD = OUT_DIR / "record.json"
BUNDLED = "bundled"  # how the record names the bundled plan's graph


class Origin(Enum):
    """Why a graph is the one a command reads."""

    GIVEN = "given with --graph"
    LAST_BUILD = "written by the last plankg build here"
    DEFAULT_OUTPUT = "plankg build's default output"
    BUNDLED = "the bundled plan"


@dataclass(frozen=True)
class CurrentGraph:
    """The graph a command reads: a file, or (``path`` None) the bundled plan's cached graph."""

    path: Path | None
    origin: Origin

    def identity(self) -> str:
        """What the record stores for this graph: its path (see ``_stored``), or ``bundled``."""
        return BUNDLED if self.path is None else _stored(self.path)

    def name(self) -> str:
        """How messages name it: the path as the user would type it, or ``the bundled plan``."""
        return "the bundled plan" if self.path is None else _shown(self.path)

    def describe(self) -> str:
        """The stderr line saying which graph a command reads and why."""
        if self.origin is Origin.BUNDLED:
            return (f"plankg: reading the bundled plan's graph (no --graph, and no {DEFAULT_GRAPH} "
                    f"or earlier plankg build in this folder)")
        return f"plankg: reading {self.name()} ({self.origin.value})"


_announced: list[tuple[CurrentGraph, Callable[[str], None]]] = []


def announce_reads(graph: CurrentGraph, say: Callable[[str], None]) -> None:
    """Have ``say`` called with ``graph.describe()`` when ``graph`` is first read (``note_read``)."""
    _announced.append((graph, say))


def note_read(path: Path | None) -> None:
    """Called as a graph file is read (None: the bundled plan's): say which, if announced."""
    for entry in list(_announced):
        graph, say = entry
        if graph.path == path or (graph.path is not None and path is not None
                                  and os.path.abspath(graph.path) == os.path.abspath(path)):
            _announced.remove(entry)
            say(graph.describe())


def checked_file(path: str | Path) -> Path:
    """``path`` if it is an existing file; else one-line PlanError."""
    path = Path(path)
    if not path.exists():
        raise PlanError(f"{path}: no such graph file")
    if path.is_dir():
        raise PlanError(f"{path}: is a directory, not a graph file")
    return path


def current_graph(given: str | Path | None = None) -> CurrentGraph:
    """The graph to read: ``given``, else the last build's output, else plankg-out/graph.ttl,
    else the bundled plan."""
    if given is not None:
        return CurrentGraph(Path(given), Origin.GIVEN)
    last = _read_record().get("build")
    if isinstance(last, str) and Path(last).is_file():
        return CurrentGraph(_relative(Path(last)), Origin.LAST_BUILD)
    if DEFAULT_GRAPH.is_file():
        return CurrentGraph(DEFAULT_GRAPH, Origin.DEFAULT_OUTPUT)
    return CurrentGraph(None, Origin.BUNDLED)


def record_build(output: Path) -> None:
    """Remember ``output`` as the graph the last build in this folder wrote."""
    _update_record(build=_stored(output))


def record_made(output: Path, graph: CurrentGraph) -> None:
    """Remember that ``output`` (a page or an export) was made from ``graph``."""
    record = _read_record()
    stored = record.get("made")
    made = stored if isinstance(stored, dict) else {}
    made[_stored(output)] = graph.identity()
    _update_record(made=dict(sorted(made.items())))


def replacing(output: Path, graph: CurrentGraph) -> str | None:
    """A warning when writing ``output`` from ``graph`` replaces a file made from another
    graph (or by something plankg has no record of); None when nothing needs saying."""
    if not output.exists():
        return None
    made = _read_record().get("made")
    before = made.get(_stored(output)) if isinstance(made, dict) else None
    if before == graph.identity():
        return None
    now = graph.name()
    if before is None:
        return f"{_shown(output)} exists and plankg has no record of its graph; replacing it with {now}'s"
    was = "the bundled plan" if before == BUNDLED else _shown(Path(before))
    return f"{_shown(output)} was made from {was}; replacing it with {now}'s (-o FILE writes elsewhere)"


def _stored(path: str | Path) -> str:
    """How the record keeps a path: relative to the working folder when inside it (the folder
    may be moved or copied), else absolute."""
    return _relative(Path(path)).as_posix()


def _shown(path: Path) -> str:
    return str(_relative(Path(path)))


def _relative(path: Path) -> Path:
    """``path`` relative to the working folder when it lies inside it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd())
    except ValueError:
        return absolute


def _read_record() -> dict:
    try:
        record = json.loads(RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _update_record(**changes) -> None:
    record = {**_read_record(), **changes}
    temporary = RECORD.with_name(f".{RECORD.name}.{os.getpid()}.part")
    try:
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                             encoding="utf-8")
        os.replace(temporary, RECORD)
    except OSError:  # a read-only folder: later commands read the defaults instead
        temporary.unlink(missing_ok=True)
