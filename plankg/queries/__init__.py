"""SPARQL over plan graphs: the named query library, its runner, the endpoint and push.

Public API::

    from plankg.build import bundled_graph_path
    from plankg.queries import list_queries, load_query, open_target, run_query

    store = open_target(bundled_graph_path())  # the bundled plan (cached) in pyoxigraph
    result = run_query(load_query("tasks-naming"), store, {"name": "CIPS"})
    result.variables, result.rows              # ('name', 'task', ...), rows of rdflib terms

Data flows one way: this package reads ``plankg.graph`` and ``plankg.ontology`` and runs
queries on the graphs it is given; it never builds one and never imports ``plankg.build``
(the bundled plan's graph, the command line's default, and two documents for ``diff`` are
built there and passed in); nothing in the stages imports it.
The endpoint (``serve``) and ``push`` are imported on demand.
"""
from __future__ import annotations

from .library import Param, Query, list_queries, load_query, parse_query, resolve_query
from .run import DEFAULT_PREFIXES, Result, Target, check_syntax, run_query
from .source import open_target, parse_store

__all__ = [
    "DEFAULT_PREFIXES",
    "Param",
    "Query",
    "Result",
    "Target",
    "check_syntax",
    "list_queries",
    "load_query",
    "open_target",
    "parse_query",
    "parse_store",
    "resolve_query",
    "run_query",
]
