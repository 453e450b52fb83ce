"""What ``push``, ``serve`` and ``--store oxigraph`` hold is the graph that was written.

A store may rewrite typed literals as it loads them (Oxigraph keeps
``"17.0"^^xsd:decimal`` as ``"17"`` and ``"5"^^xsd:nonNegativeInteger`` as
``"5"^^xsd:integer``). plankg writes the canonical lexical forms a store keeps, sends
the file's own terms when it pushes, and every path is checked here term for term
(lexical form and datatype), with ``plankg validate`` on what was received.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import XSD, Graph, Literal
from rdflib.compare import isomorphic

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
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GraphStore)
    server.bodies = []  # type: ignore[attr-defined]
    server.url = f"http://127.0.0.1:{server.server_address[1]}/store"  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _typed_literals(graph: Graph) -> set:
    return {o for o in graph.objects() if isinstance(o, Literal) and o.datatype is not None}


def _derived_integers_as_integers(graph: Graph) -> Graph:
    """``graph`` with its derived integer literals typed xsd:integer, as Oxigraph keeps them
    (the lexical form unchanged: plankg writes them in canonical form)."""
    same = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in DERIVED_INTEGERS:
            o = Literal(str(o), datatype=XSD.integer)
        same.add((s, p, o))
    return same


def test_push_sends_the_file_term_for_term_and_it_validates(graph_store, run_plankg, tmp_path, plan_graph_path):
    result = run_plankg("push", "--endpoint", graph_store.url, "--graph", plan_graph_path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    received = tmp_path / "received.nt"
    received.write_bytes(graph_store.bodies[0])
    sent, written = Graph().parse(received, format="nt"), Graph().parse(plan_graph_path, format="nt")
    assert {o.datatype for o in _typed_literals(sent)} >= {XSD.nonNegativeInteger, XSD.decimal}
    assert isomorphic(sent, written)
    check = run_plankg("validate", received, cwd=tmp_path, timeout=300)
    assert check.returncode == 0, check.stdout[-2000:]


def test_the_written_literals_are_the_ones_a_store_keeps(run_plankg, tmp_path, plan_graph_path):
    """--store oxigraph: every literal reads back with its lexical form (decimals canonical); only
    the derived integer types come back as xsd:integer (see the xfail below)."""
    result = run_plankg("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--graph", plan_graph_path,
                        "--store", "oxigraph", "-f", "xml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    stored = Graph().parse(data=result.stdout, format="xml")
    written = Graph().parse(plan_graph_path, format="nt")
    assert any(o.datatype == XSD.decimal for o in _typed_literals(written))
    assert isomorphic(_derived_integers_as_integers(stored), _derived_integers_as_integers(written))


def test_the_endpoint_serves_the_written_literals(plan_graph_path, tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "plankg", "serve", "--graph", str(plan_graph_path), "--port",
                                "0", "--workers", "1"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        url = process.stdout.readline().strip()
        query = urllib.parse.urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
        request = urllib.request.Request(f"{url}?{query}", headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=60) as response:
            served = Graph().parse(data=response.read().decode("utf-8"), format="nt")
    finally:
        process.terminate()
        process.wait(15)
    written = Graph().parse(plan_graph_path, format="nt")
    assert isomorphic(_derived_integers_as_integers(served), _derived_integers_as_integers(written))


@pytest.mark.xfail(strict=True, reason="pyoxigraph (0.5) stores every derived integer type as xsd:integer and "
                                       "no store option keeps them; the graph files and push keep them")
def test_oxigraph_keeps_derived_integer_datatypes(plan_oxigraph):
    found = {str(row[0].value) for row in plan_oxigraph.query(
        "SELECT DISTINCT (DATATYPE(?o) AS ?t) WHERE { ?s <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/"
        "nif-core#beginIndex> ?o }")}
    assert found == {str(XSD.nonNegativeInteger)}


def test_every_file_format_holds_the_same_literals(run_plankg, tmp_path):
    """Turtle and TriG write a literal in shorthand only where it reads back unchanged."""
    result = run_plankg("build", "-o", "g.ttl", "-o", "g.nt", "-o", "g.jsonld", cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    triples = Graph().parse(Path(tmp_path / "g.nt"), format="nt")
    for name, fmt in (("g.ttl", "turtle"), ("g.jsonld", "json-ld")):
        assert isomorphic(Graph().parse(Path(tmp_path / name), format=fmt), triples), name
