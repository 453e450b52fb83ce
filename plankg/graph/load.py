"""Reading graphs back: the format follows the extension; problems become one-line PlanErrors.

A file that does not parse is reported as ``FILE:LINE:COLUMN: …``, the form compilers
and editors understand: the position comes from pyoxigraph's parser, which names line and
column for every format (rdflib's messages hold Python byte strings and, for Turtle, no
column).
"""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset, Graph

from ..extract.model import PlanError
from .serialize import format_for, union_graph

_POSITION = re.compile(r"^(?:Parser )?error (?:at|between) [^:]*: ")
#: plankg's format names (rdflib's) -> pyoxigraph's, to locate parse errors
_OXIGRAPH_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "json-ld": "JSON_LD", "trig": "TRIG",
                     "nquads": "N_QUADS", "xml": "RDF_XML"}


def load_graph(path: str | Path) -> Graph:
    """A written graph as one rdflib Graph (the named graphs of a dataset are merged)."""
    path = Path(path)
    fmt = format_for(path, "graph")
    if not path.exists():
        raise PlanError(f"{path}: no such graph file")
    if path.is_dir():
        raise PlanError(f"{path}: is a directory, not a graph file")
    # JSON-LD may hold named graphs (plankg writes one per plan for several inputs)
    container = Dataset() if fmt in ("trig", "nquads", "json-ld") else Graph()
    try:
        container.parse(path, format=fmt)
    except Exception as err:  # noqa: BLE001 - rdflib raises many parser-specific types
        raise PlanError(parse_problem(path, fmt, err)) from None
    if isinstance(container, Dataset):
        return union_graph(container)
    return container


def parse_problem(path: Path, fmt: str, err: Exception) -> str:
    """Why ``path`` does not parse as ``fmt``: ``FILE:LINE:COLUMN: does not parse as FMT: message``
    (the place as pyoxigraph's parser finds it; ``FILE: …`` when it names none)."""
    import pyoxigraph as ox

    name = _OXIGRAPH_FORMATS.get(fmt)
    if name is not None:
        try:
            for _quad in ox.parse(path=str(path), format=getattr(ox.RdfFormat, name)):
                pass
        except SyntaxError as found:
            return located(path, found, fmt)
        except (OSError, ValueError):
            pass
    message = " ".join(str(err).replace("b'", "'").split())
    return f"{path}: does not parse as {fmt}: {message[:300] or type(err).__name__}"


def located(path: Path, err: SyntaxError, fmt: str | None = None) -> str:
    """A pyoxigraph parse error as ``FILE:LINE:COLUMN: does not parse as FMT: message``."""
    message = _POSITION.sub("", " ".join(str(err.msg or err).split()))  # the position is given apart
    where = f"{path}:{err.lineno}:{err.offset or 1}" if err.lineno else f"{path}"
    return f"{where}: does not parse{f' as {fmt}' if fmt else ''}: {message[:300]}"
