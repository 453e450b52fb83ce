"""What ``plankg queries``, ``plankg query`` and ``plankg push`` do; cli.py only parses options."""
from __future__ import annotations

from pathlib import Path

from ..errors import PlanError
from .library import list_queries, resolve_query
from .output import render, table
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
                  max_width: int) -> str:
    query = resolve_query(spec)
    values = parse_params(params)
    query.bindings(values)  # a missing or unknown parameter fails before any graph is read
    where = parse_store(store)
    if where.kind == "rdflib":
        check_syntax(query)
    target = open_target(graph, where)
    return render(run_query(query, target, values), fmt, max_width)


def push_command(endpoint: str, graph: Path | None, store: str, graph_iri: str | None, timeout: float,
                 append: bool) -> str:
    from .push import push

    target = open_target(graph, store)
    count = push(target, endpoint, graph_iri, timeout=timeout, append=append)
    where = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    return f"pushed {count} triples to {where} of {endpoint}"
