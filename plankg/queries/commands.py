"""What ``plankg queries``, ``plankg query`` and ``plankg push`` do; cli.py only parses options."""
from __future__ import annotations

from pathlib import Path

from ..errors import PlanError
from .library import list_queries, resolve_query
from .output import render, table
from .policy import QueryPolicy
from .run import check_syntax, run_query
from .source import open_target, parse_store


def queries_listing() -> str:
    rows = [[q.name, " ".join(f"{p.name}={p.type.upper()}" for p in q.params), q.description]
            for q in list_queries()]
    return table(("name", "parameters", "description"), rows, max_width=100)


def parse_params(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``NAME=VALUE`` strings (split at the first ``=``) as a dict; a name given twice is an error."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise PlanError(f"--param {item!r}: write NAME=VALUE")
        if name in params:
            raise PlanError(f"--param {name} given twice")
        params[name] = value
    return params


def query_command(spec: str, graph: Path | None, store: str, params: tuple[str, ...], fmt: str,
                  max_width: int, allow_service: tuple[str, ...] = ()) -> str:
    """``plankg query``: the rendered answer; ``allow_service`` lists the endpoints SERVICE may call."""
    query = resolve_query(spec)
    values = parse_params(params)
    query.bindings(values)  # a missing or unknown parameter fails before any graph is read
    policy = QueryPolicy.allowing(allow_service)
    policy.check(query.text)  # a refused query fails before any graph is read
    where = parse_store(store)
    if where.kind == "rdflib":
        check_syntax(query)
    target = open_target(graph, where)
    return render(run_query(query, target, values, policy), fmt, max_width)


def push_command(endpoint: str, graph: Path | None, store: str, graph_iri: str | None, timeout: float,
                 append: bool) -> str:
    """``plankg push``: send the graph file (as written) or, from a store of its own, the store's triples."""
    from .push import push
    from .source import graph_file

    spec = parse_store(store)
    if spec.kind == "rdflib" or (spec.directory is not None and graph is None):
        target = open_target(graph, spec)  # an rdflib graph keeps every term; a store made elsewhere as it is
    else:
        target = graph_file(graph)  # the file's own terms: a store would rewrite typed literals
    count = push(target, endpoint, graph_iri, timeout=timeout, append=append)
    where = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    return f"pushed {count} triples to {where} of {endpoint}"
