"""The entity network for Gephi and other graph tools: GraphML and GEXF.

Either view of :mod:`plankg.graph.analytics` — the entity–task network
(``tasks``) or the entity co-occurrence network (``cooccurrence``) — as a
networkx graph written with networkx's own writers. Attributes:

* every node: ``label``, ``kind`` (entity | task), ``type`` (the entity type, or
  ``task``), ``color`` (the page's colour), ``size``, ``x`` and ``y`` (the page's
  seeded layout);
* entities: ``aliases`` (joined with " | "), ``tasks`` (how many tasks name it),
  ``mentions``, ``degree`` and ``betweenness`` centrality and ``community`` (of the
  co-occurrence network, as ``plankg stats`` computes them); tasks: ``number``,
  ``title`` and ``plan`` (its IRI);
* edges: ``weight`` (mentions of the entity in the task, or tasks shared by two
  entities) and, for co-occurrence, ``tasks`` (the shared tasks' IRIs).

Node ids are the IRIs. GEXF also carries colour, size and position as ``viz``
data, which Gephi shows as they are.
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from ..extract.model import PlanError
from .analytics import NetworkData, analyse, cooccurrence_graph, task_graph
from .serialize import write_atomic

EXPORT_FORMATS = ("graphml", "gexf")
EXTENSIONS = {".graphml": "graphml", ".gexf": "gexf"}
# characters XML 1.0 cannot hold
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def format_for_export(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise PlanError(f"{path}: unknown export format {suffix or '(no extension)'}; use .graphml or .gexf")
    return EXTENSIONS[suffix]


def export_graph(data: NetworkData, view: str = "tasks", positions: bool = True) -> nx.Graph:
    """The view as a networkx graph with every attribute the exports carry."""
    from .render import TYPES, layout, node_size

    co = cooccurrence_graph(data)
    if view == "tasks":
        g = task_graph(data)
    elif view == "cooccurrence":
        g = co
    else:
        raise PlanError(f"unknown view {view!r}; use tasks or cooccurrence")
    analytics = analyse(data, co)
    where = layout(g) if positions else {}
    out = nx.Graph(name=_clean(data.title))
    for node, attrs in g.nodes(data=True):
        kind = "task" if attrs["kind"] == "task" else attrs["type"]
        values = {key: _clean(value) for key, value in attrs.items()}
        values["type"] = kind
        colour = TYPES[kind][2]
        size = 9.0 if kind == "task" else node_size(int(attrs["tasks"]))
        values["color"] = colour
        values["size"] = float(size)
        if node in where:
            values["x"], values["y"] = float(where[node][0]), float(-where[node][1])
        if attrs["kind"] == "entity":
            values["degree"] = round(analytics.degree.get(node, 0.0), 6)
            values["betweenness"] = round(analytics.betweenness.get(node, 0.0), 6)
            values["community"] = int(analytics.community.get(node, 0))
        out.add_node(node, **values)
    for a, b, attrs in g.edges(data=True):
        out.add_edge(a, b, **{key: _clean(value) for key, value in attrs.items()})
    return out


def _clean(value):
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def export_bytes(data: NetworkData, fmt: str, view: str = "tasks") -> bytes:
    """GraphML or GEXF of the view, UTF-8."""
    g = export_graph(data, view)
    if fmt == "graphml":
        return ("\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n").encode("utf-8")
    if fmt == "gexf":
        for _, attrs in g.nodes(data=True):
            colour = attrs["color"]
            viz = {"color": {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16),
                             "a": 1.0},
                   "size": attrs["size"]}
            if "x" in attrs:
                viz["position"] = {"x": attrs["x"], "y": attrs["y"], "z": 0.0}
            attrs["viz"] = viz
        return ("\n".join(nx.generate_gexf(g, encoding="utf-8", prettyprint=True, version="1.2draft"))
                + "\n").encode("utf-8")
    raise PlanError(f"unknown export format {fmt!r}; use graphml or gexf")


def write_export(data: NetworkData, path: str | Path, fmt: str | None = None, view: str = "tasks") -> str:
    """Write the export atomically; returns the format written."""
    fmt = fmt or format_for_export(path)
    write_atomic(path, export_bytes(data, fmt, view))
    return fmt
