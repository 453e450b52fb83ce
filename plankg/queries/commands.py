"""What ``plankg queries``, ``plankg query`` and ``plankg push`` do; cli.py only parses options."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ..errors import PlanError
from .library import list_queries, load_query, resolve_query
from .output import render, table
from .policy import QueryPolicy
from .run import Target, check_syntax, timed_query
from .source import DefaultGraph, open_target, parse_store


def queries_listing() -> str:
    rows = [[q.name, " ".join(f"{p.name}={p.type.upper()}" for p in q.params), q.description]
            for q in list_queries()]
    return table(("name", "parameters", "description"), rows, max_width=100)


def query_details(name: str) -> str:
    """``plankg queries --show NAME``: a library query's description, parameters, an example
    command and its full text."""
    query = load_query(name)
    lines = [f"{query.name}: {query.description}", f"file: {query.origin}"]
    if query.params:
        lines.append("parameters:")
        for param in query.params:
            default = f", default {param.default}" if param.default is not None else ""
            lines.append(f"  {param.name} ({param.type}{default}) {param.description}".rstrip())
    example = query.examples[0] if query.examples else {}
    lines.append("run: plankg query " + " ".join([query.name, *(f"-p {k}={v}" for k, v in example.items())]))
    return "\n".join(lines) + "\n\n" + query.text.rstrip("\n") + "\n"


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
                  max_width: int, allow_service: tuple[str, ...] = (),
                  report_time: Callable[[str], None] | None = None, default: DefaultGraph | None = None) -> str:
    """``plankg query``: the rendered answer from ``graph`` (None: ``default()``); ``allow_service``
    lists the endpoints SERVICE may call; ``report_time`` (for --time) is given a line with the
    query's time, as Jena's ``arq --time``."""
    query = resolve_query(spec)
    values = parse_params(params)
    query.bindings(values)  # a missing or unknown parameter fails before any graph is read
    policy = QueryPolicy.allowing(allow_service)
    where = parse_store(store)
    check_syntax(query, policy)  # a refused query, a syntax error or an update fails before any graph is read
    started = time.perf_counter()
    target = open_target(graph, where, default)
    loaded = time.perf_counter() - started
    result, seconds = timed_query(query, target, values, policy)
    if report_time is not None:
        report_time(f"Time: {seconds:.3f} sec (reading the graph: {loaded:.3f} sec)")
    return render(result, fmt, max_width)


def push_command(endpoint: str, graph: Path | None, store: str, graph_iri: str | None, timeout: float,
                 append: bool, default: DefaultGraph | None = None) -> str:
    """``plankg push``: send the graph file (as written; None: ``default()``) or, from a store of its
    own, the store's triples."""
    from .push import push
    from .source import graph_file

    spec = parse_store(store)
    target: Target | Path
    if spec.directory is not None and graph is None:
        target = open_target(graph, spec, default)  # a store made elsewhere, as it is
    else:
        target = graph_file(graph, default)  # the file's own terms: a store would rewrite typed literals
    count = push(target, endpoint, graph_iri, timeout=timeout, append=append)
    where = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    return f"pushed {count} triples to {where} of {endpoint}"
