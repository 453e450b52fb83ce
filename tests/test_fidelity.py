"""What ``push``, ``serve`` and ``--store oxigraph`` hold is the graph that was written.

A store may rewrite typed literals as it loads them (Oxigraph keeps
``"17.0"^^xsd:decimal`` as ``"17"`` and ``"5"^^xsd:nonNegativeInteger`` as
``"5"^^xsd:integer``). plankg writes the forms a store keeps (canonical decimals, offsets
as xsd:integer), sends the file's own terms when it pushes, and every path is checked here
term for term (lexical form and datatype), with ``plankg validate`` on what was received.
"""
from __future__ import annotations

import signal
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from processes import Served, loopback_server
from rdflib import XSD, Graph, Literal
from rdflib.compare import isomorphic

from plankg.ontology.namespace import NIF

#: Integer types Oxigraph stores as xsd:integer (its value encoding has no room for them).
DERIVED_INTEGERS = {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
                    XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort,
                    XSD.unsignedByte}


class _GraphStore(BaseHTTPRequestHandler):
    """A Graph Store Protocol endpoint that keeps the body of every PUT."""

    def do_PUT(self) -> None:
        self.server.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def graph_store():
    with loopback_server(_GraphStore) as server:
        server.bodies = []  # type: ignore[attr-defined]
        server.url = f"http://127.0.0.1:{server.server_address[1]}/store"  # type: ignore[attr-defined]
        yield server


def _typed_literals(graph: Graph) -> set:
    return {o for o in graph.objects() if isinstance(o, Literal) and o.datatype is not None}


def _validate(path: Path, run_plankg, graph: Graph | None = None) -> None:
    """``plankg validate`` passes on ``path`` (``graph`` written there as N-Triples first, if given)."""
    if graph is not None:
        graph.serialize(path, format="nt", encoding="utf-8")
    check = run_plankg("validate", path, cwd=path.parent, timeout=300)
    assert check.returncode == 0, check.stdout[-2000:]


def test_the_written_graph_has_no_literal_a_store_would_retype(plan_rdflib):
    """Offsets are xsd:integer, the type Oxigraph keeps for every integer subtype."""
    written = plan_rdflib
    types = {o.datatype for o in _typed_literals(written)}
    assert XSD.integer in types and XSD.decimal in types
    assert not types & DERIVED_INTEGERS
    assert {o.datatype for o in written.objects(None, NIF.beginIndex)} == {XSD.integer}


def test_push_sends_the_file_term_for_term_and_it_validates(graph_store, run_plankg, tmp_path, plan_graph_path,
                                                            plan_rdflib):
    result = run_plankg("push", "--endpoint", graph_store.url, "--graph", plan_graph_path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    received = tmp_path / "received.nt"
    received.write_bytes(graph_store.bodies[0])
    sent, written = Graph().parse(received, format="nt"), plan_rdflib
    assert {o.datatype for o in _typed_literals(sent)} >= {XSD.integer, XSD.decimal}
    assert isomorphic(sent, written)
    _validate(received, run_plankg)


def test_oxigraph_holds_the_written_graph_and_it_validates(run_plankg, tmp_path, plan_graph_path, plan_rdflib):
    """--store oxigraph: every literal reads back with its lexical form and datatype."""
    result = run_plankg("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--graph", plan_graph_path,
                        "--store", "oxigraph", "-f", "xml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    stored = Graph().parse(data=result.stdout, format="xml")
    assert isomorphic(stored, plan_rdflib)
    _validate(tmp_path / "stored.nt", run_plankg, stored)


def test_the_endpoint_serves_the_written_graph_and_it_validates(plan_graph_path, run_plankg, tmp_path, plan_rdflib):
    server = Served(plan_graph_path, tmp_path, workers=1)
    try:
        query = urllib.parse.urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
        request = urllib.request.Request(f"{server.url}?{query}", headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=60) as response:
            served = Graph().parse(data=response.read().decode("utf-8"), format="nt")
    finally:
        server.stop(signal.SIGTERM)
    assert isomorphic(served, plan_rdflib)
    _validate(tmp_path / "served.nt", run_plankg, served)


def test_oxigraph_answers_datatype_questions_as_the_file_does(plan_oxigraph, plan_rdflib):
    """The same DATATYPE() for every offset property in the store as in the file (rdflib)."""
    query = ("SELECT DISTINCT ?p (DATATYPE(?o) AS ?t) WHERE { ?s ?p ?o FILTER(isLiteral(?o) && "
             "DATATYPE(?o) != <http://www.w3.org/2001/XMLSchema#string> && !langMatches(lang(?o), '*')) }")
    in_store = {(str(row[0].value), str(row[1].value)) for row in plan_oxigraph.query(query)}
    in_file = {(str(p), str(t)) for p, t in plan_rdflib.query(query)}
    assert (str(NIF.beginIndex), str(XSD.integer)) in in_file
    assert in_store == in_file


def test_every_file_format_holds_the_same_literals(run_plankg, tmp_path):
    """Turtle and TriG write a literal in shorthand only where it reads back unchanged."""
    result = run_plankg("build", "-o", "g.ttl", "-o", "g.nt", "-o", "g.jsonld", cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    triples = Graph().parse(Path(tmp_path / "g.nt"), format="nt")
    for name, fmt in (("g.ttl", "turtle"), ("g.jsonld", "json-ld")):
        assert isomorphic(Graph().parse(Path(tmp_path / name), format=fmt), triples), name
