"""The one orchestration above the stages: reading inputs, running read → structure → extract
→ link → graph, the caches, and writing outputs. The command line, the query cache, ``serve``,
``diff`` and notebooks all build graphs through here; the stages below never build a graph
for a caller themselves (``plankg.graph`` builds RDF from an extraction and nothing else;
``plankg.queries`` runs queries on graphs and never builds one).

* ``extraction``: a build's inputs (files, standard input, the bundled plan) read and run
  through the stages (``extract_documents``), each check that can fail on the user's input
  before spaCy loads; ``Progress`` lines for long documents.
* ``outputs``: the graphs of a few extractions written to files (``write_graphs``), the
  folder's record of its current graph, the network page beside plankg-out/'s default
  output; two document files built together for ``diff`` (``documents_graph``).
* ``bundled``: the bundled plan's graph, built once and cached (``bundled_graph_path``).
* ``corpus``: many documents streamed into one dataset — the folder walk, worker processes
  or a dask cluster, the per-document cache, streamed and sharded output.

Nothing here imports spaCy, jieba or pyshacl at import time: ``plankg --help`` and
``plankg query`` stay fast.
"""
from __future__ import annotations

from .bundled import bundled_graph_path
from .extraction import Progress, bundled_triples, extract_documents, read_input
from .outputs import documents_graph, write_graphs


def network(graph=None, view: str = "tasks", height: str = "720px"):
    """The network page of ``graph`` for a notebook (shows inline) or a script
    (``.write_html(path)``): an rdflib Graph or Dataset, a path to a graph file written by
    ``plankg build``, or None for the bundled plan (its graph built once and cached)."""
    from ..graph.render import network as plan_network

    return plan_network(bundled_graph_path() if graph is None else graph, view=view, height=height)


__all__ = ["Progress", "bundled_graph_path", "bundled_triples", "documents_graph",
           "extract_documents", "network", "read_input", "write_graphs"]
