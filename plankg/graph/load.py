"""Reading graphs back: the format follows the extension; problems become one-line PlanErrors."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from ..extract.model import PlanError
from .serialize import format_for, union_graph


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
    except Exception as err:  # rdflib raises many parser-specific types
        message = " ".join(str(err).split())
        raise PlanError(f"{path}: does not parse as {fmt}: {message[:300]}") from None
    if isinstance(container, Dataset):
        return union_graph(container)
    return container
