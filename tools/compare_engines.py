"""Compare plankg's SPARQL engine (pyoxigraph) with rdflib's on the same graphs.

plankg answers every query with pyoxigraph. This script runs the whole query library
(each with its example parameters) and the SPARQL 1.1 queries of
tests/sparql11.yaml (aggregates, OPTIONAL, property paths, subqueries, VALUES,
BIND …) with plankg and with rdflib's own engine (``Graph.query``), on the bundled plan's
graph and on the small graph of that file, and reports every difference.

    python tools/compare_engines.py [--graph FILE]

Rows are compared as multisets of N-Triples terms (xsd:string literals as plain ones),
with the one difference Oxigraph is known for set aside: it keeps integer subtypes
(xsd:nonNegativeInteger …; plankg writes none, but hand-written cases may) as
xsd:integer, with the same value. A
GROUP_CONCAT's order is not specified by SPARQL: values that differ only in the order
of their parts are reported as such, not as differences.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from plankg.queries import list_queries, open_target, run_query
from plankg.queries.run import DEFAULT_PREFIXES

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN = ROOT / "tests" / "sparql11.yaml"
INTEGER_SUBTYPES = {str(XSD[name]) for name in ("nonNegativeInteger", "positiveInteger", "int", "long", "short",
                                                "byte", "unsignedInt", "nonPositiveInteger", "negativeInteger")}


def _key(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype is not None:
        datatype = str(term.datatype)
        if datatype == str(XSD.string):
            return Literal(str(term)).n3()
        if datatype in INTEGER_SUBTYPES:
            return Literal(int(term), datatype=XSD.integer).n3()
    return term.n3()


def _rdflib_answer(graph: Graph, text: str, bindings: dict):
    result = graph.query(text, initNs=DEFAULT_PREFIXES, initBindings=bindings)
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return sorted(" ".join(_key(t) for t in triple) for triple in result)
    return sorted(tuple(_key(t) for t in row) for row in result)


def _plankg_answer(store, query, params: dict):
    result = run_query(query, store, params)
    if result.kind == "ASK":
        return bool(result.boolean)
    if result.kind == "CONSTRUCT":
        return sorted(" ".join(_key(t) for t in triple) for triple in result.graph)
    return sorted(tuple(_key(t) for t in row) for row in result.rows)


def _same_up_to_concat_order(a, b) -> bool:
    """Rows equal once every value is read as a set of its '|', '、', ',' or ' ' separated parts."""
    import re

    def parts(rows):
        return sorted(tuple(tuple(sorted(re.split(r"[|、, ]", value))) for value in row) for row in rows)

    return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and parts(a) == parts(b)


def compare(graph: Graph, store, cases) -> list[tuple[str, str, float, float]]:
    """(name, verdict, rdflib seconds, plankg seconds) for each (name, query, params)."""
    from plankg.queries.library import parse_query

    out = []
    for name, query, params in cases:
        query = parse_query(query) if isinstance(query, str) else query
        started = time.perf_counter()
        try:
            expected = _rdflib_answer(graph, query.text, query.bindings(params))
        except Exception as err:  # noqa: BLE001 - a report of what rdflib cannot do
            expected = f"rdflib fails: {type(err).__name__}: {' '.join(str(err).split())[:120]}"
        middle = time.perf_counter()
        try:
            answer = _plankg_answer(store, query, params)
        except Exception as err:  # noqa: BLE001
            answer = f"plankg fails: {type(err).__name__}: {' '.join(str(err).split())[:120]}"
        ended = time.perf_counter()
        if answer == expected:
            verdict = "same"
        elif _same_up_to_concat_order(answer, expected):
            verdict = "same (GROUP_CONCAT order differs)"
        elif isinstance(expected, str) or isinstance(answer, str):
            verdict = expected if isinstance(expected, str) else answer
        else:
            verdict = f"DIFFERENT: rdflib {len(expected) if isinstance(expected, list) else expected}, " \
                      f"plankg {len(answer) if isinstance(answer, list) else answer}"
        out.append((name, verdict, middle - started, ended - middle))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=None, help="graph file (default: the bundled plan)")
    args = parser.parse_args()
    from plankg.build import bundled_graph_path
    from plankg.queries.source import graph_file

    path = graph_file(args.graph, bundled_graph_path)
    data = yaml.safe_load(HAND_WRITTEN.read_text(encoding="utf-8"))
    hand = [(case["name"], case["text"], {}) for case in data["queries"]]
    library = [(q.name, q, q.examples[0] if q.examples else {}) for q in list_queries()]

    small = Graph().parse(data=data["graph"], format="turtle")
    small_store = open_target(_written(small), "oxigraph")
    plan = Graph().parse(path, format="nt" if path.suffix == ".nt" else None)
    plan_store = open_target(path, "oxigraph")
    failures = 0
    for title, graph, store, cases in (("small graph, hand-written", small, small_store, hand),
                                       (f"{path.name}, hand-written", plan, plan_store, hand),
                                       (f"{path.name}, query library", plan, plan_store, library)):
        print(f"\n{title}")
        for name, verdict, rdflib_s, plankg_s in compare(graph, store, cases):
            failures += not verdict.startswith("same")
            print(f"  {name:40} {verdict:40} rdflib {rdflib_s * 1000:8.1f} ms   plankg {plankg_s * 1000:7.1f} ms")
    print(f"\n{failures} difference(s)")
    return 1 if failures else 0


def _written(graph: Graph) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "small.nt"
    graph.serialize(path, format="nt")
    return path


if __name__ == "__main__":
    sys.exit(main())
