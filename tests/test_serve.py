"""The read-only SPARQL endpoint (``plankg serve``), tested over loopback with real clients."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from processes import Served
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from plankg.queries import list_queries, run_query
from plankg.queries.serve import make_server, negotiate

TIMEOUT = 2.0
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PARAMETERLESS = [q for q in list_queries() if not q.params]


@pytest.fixture(scope="module")
def endpoint(plan_graph_path, request):
    server = make_server(plan_graph_path, "oxigraph", port=0, workers=2, timeout=TIMEOUT)
    request.addfinalizer(server.close)
    server.start()
    return server


def _client(server, query: str, fmt=JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(30)
    return client


def _http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def _get(server, query: str, accept: str | None = None):
    headers = {"Accept": accept} if accept else {}
    return _http(f"{server.url}?{urllib.parse.urlencode({'query': query})}", headers=headers)


def _triples(server) -> int:
    data = _client(server, COUNT).queryAndConvert()
    return int(data["results"]["bindings"][0]["n"]["value"])


def _rows_from_json(data: dict) -> list[tuple]:
    names = data["head"]["vars"]
    return sorted(tuple(b.get(v, {}).get("value") for v in names) for b in data["results"]["bindings"])


def _local_rows(result) -> list[tuple]:
    return sorted(tuple(None if t is None else str(t) for t in row) for row in result.rows)


def test_binds_loopback_by_default(endpoint):
    assert endpoint.server_address[0] == "127.0.0.1"
    assert endpoint.url.startswith("http://127.0.0.1:")


def test_select_in_every_results_format(endpoint, plan_rdflib):
    assert _triples(endpoint) == len(plan_rdflib)
    query = "SELECT ?n WHERE { ?t a plan:Task ; skos:notation ?n } ORDER BY xsd:integer(?n) LIMIT 3"
    as_json = _client(endpoint, query, JSON).query()
    assert as_json.response.headers["Content-Type"].startswith("application/sparql-results+json")
    assert [b["n"]["value"] for b in as_json.convert()["results"]["bindings"]] == ["1", "2", "3"]
    as_xml = _client(endpoint, query, XML).query()
    assert as_xml.response.headers["Content-Type"].startswith("application/sparql-results+xml")
    assert as_xml.convert().getElementsByTagName("literal")[0].firstChild.data == "1"
    as_csv = _client(endpoint, query, CSV).query()
    assert as_csv.response.headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(as_csv.convert().decode("utf-8")))) == [["n"], ["1"], ["2"], ["3"]]
    as_tsv = _client(endpoint, query, TSV).query()
    assert as_tsv.response.headers["Content-Type"].startswith("text/tab-separated-values")
    assert as_tsv.convert().decode("utf-8").splitlines() == ["?n", '"1"', '"2"', '"3"']


def test_ask_and_construct(endpoint):
    assert _client(endpoint, "ASK { ?t a plan:Task }").queryAndConvert()["boolean"] is True
    assert _client(endpoint, "ASK { ?t a plan:Nothing }").queryAndConvert()["boolean"] is False
    construct = _client(endpoint, "CONSTRUCT { ?t a plan:Task } WHERE { ?t a plan:Task }", TURTLE).query()
    assert construct.response.headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=construct.convert().decode("utf-8"), format="turtle")
    assert len(graph) == 44


def test_post_form_and_post_direct(endpoint):
    for request_method in (URLENCODED, POSTDIRECTLY):
        client = _client(endpoint, COUNT)
        client.setMethod(POST)
        client.setRequestMethod(request_method)
        assert int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"]) > 1000


def test_library_answers_match_rdflib(endpoint, plan_rdflib):
    for query in PARAMETERLESS:
        remote = _client(endpoint, query.text).queryAndConvert()
        assert _rows_from_json(remote) == _local_rows(run_query(query, plan_rdflib)), query.name


def test_updates_are_refused_and_the_graph_never_changes(endpoint):
    before = _triples(endpoint)
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    status, _, body = _http(endpoint.url, update.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    status, _, _ = _http(endpoint.url, form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, body = _get(endpoint, "DROP ALL")  # an update sent as a query does not parse
    assert status == 400 and b"read-only" in body
    status, _, _ = _http(endpoint.url, b"<urn:x> <urn:y> <urn:z> .", {"Content-Type": "text/turtle"}, "PUT")
    assert status == 405
    client = _client(endpoint, "DELETE WHERE { ?s ?p ?o }")  # SPARQLWrapper posts this as update=
    client.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    assert _triples(endpoint) == before


def test_a_runaway_query_is_cancelled_while_others_are_answered(endpoint):
    outcome: dict = {}

    def runaway():
        started = time.monotonic()
        outcome["status"], _, outcome["body"] = _get(endpoint, RUNAWAY)
        outcome["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    assert _triples(endpoint) > 1000  # the other worker answers meanwhile
    assert time.monotonic() - started < TIMEOUT
    thread.join(TIMEOUT + 10)
    assert outcome["status"] == 503 and b"limit" in outcome["body"]
    assert outcome["elapsed"] < TIMEOUT + 1.5
    assert _triples(endpoint) > 1000  # and the endpoint keeps serving


def test_eight_concurrent_clients(endpoint, plan_rdflib):
    expected = {q.name: _local_rows(run_query(q, plan_rdflib)) for q in PARAMETERLESS}
    jobs = [PARAMETERLESS[i % len(PARAMETERLESS)] for i in range(16)]

    def ask(query):
        return query.name, _rows_from_json(_client(endpoint, query.text).queryAndConvert())

    with ThreadPoolExecutor(max_workers=8) as pool:
        for name, rows in pool.map(ask, jobs):
            assert rows == expected[name], name


def test_protocol_errors(endpoint):
    assert _get(endpoint, COUNT, "image/png")[0] == 406
    assert _get(endpoint, "SELECT ?x WHERE {")[0] == 400
    status, _, body = _get(endpoint, "SELECT ?x WHERE {\n ?x ?y")
    assert status == 400 and b"2:" in body  # the parser's line and column
    assert _http(endpoint.url.replace("/sparql", "/nowhere"))[0] == 404
    assert _http(endpoint.url, b"query=x", {"Content-Type": "text/plain"})[0] == 415
    assert _http(f"{endpoint.url}?query=")[0] == 400  # an empty query (no query at all: the service description)
    assert _get(endpoint, COUNT, "text/csv;q=0.5, application/sparql-results+xml")[1].startswith(
        "application/sparql-results+xml")


def test_the_page_loads_nothing_from_outside(endpoint):
    status, content_type, body = _http(endpoint.url.replace("/sparql", "/"))
    assert status == 200 and content_type.startswith("text/html")
    page = body.decode("utf-8")
    assert "<form" in page and "tasks-naming" in page
    assert "<script" not in page and "src=" not in page and "href=\"http" not in page


def test_the_network_page_is_served_beside_the_endpoint(endpoint):
    status, content_type, body = _http(endpoint.url.replace("/sparql", "/network.html"))
    assert status == 200 and content_type.startswith("text/html")
    page = body.decode("utf-8")
    assert "上海国际金融中心建设" in page and "Content-Security-Policy" in page  # the page's own policy
    assert "<script src" not in page and "href=\"http" not in page
    with urllib.request.urlopen(endpoint.url.replace("/sparql", "/network.html"), timeout=30) as response:
        assert response.headers.get("Content-Security-Policy") is None  # no header to block its scripts
    assert _http(endpoint.url.replace("/sparql", "/network.html?x=1"))[0] == 404


def test_result_size_is_capped(plan_graph_path, request):
    server = make_server(plan_graph_path, "oxigraph", port=0, workers=1, timeout=TIMEOUT,
                         max_result_bytes=2000)
    request.addfinalizer(server.close)
    server.start()
    status, _, body = _get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"limit of 2000 bytes" in body
    assert _get(server, COUNT)[0] == 200


def test_negotiation():
    offers = [("application/sparql-results+json", 1), ("text/csv", 2)]
    assert negotiate(None, offers) == offers[0]
    assert negotiate("*/*", offers) == offers[0]
    assert negotiate("text/*", offers) == offers[1]
    assert negotiate("text/csv;q=0.9, application/sparql-results+json;q=0.1", offers) == offers[1]
    assert negotiate("image/png", offers) is None


def test_plankg_serve_command(plan_graph_path, tmp_path, request):
    served = Served(plan_graph_path, tmp_path, "--timeout", "5", workers=1, stderr=subprocess.PIPE)
    request.addfinalizer(lambda: served.stop(seconds=10))
    process, url = served.process, served.url
    assert url.startswith("http://127.0.0.1:") and url.endswith("/sparql")
    status, _, body = _http(f"{url}?{urllib.parse.urlencode({'query': 'ASK { ?t a plan:Task }'})}",
                            headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True
    process.terminate()
    assert process.wait(10) == 0
    log = process.stderr.read()
    assert '"GET /sparql" 200' in log  # each request is logged


def test_serving_an_on_disk_store(plan_graph_path, tmp_path, request, plan_rdflib):
    server = make_server(plan_graph_path, f"oxigraph:{tmp_path / 'store'}", port=0, workers=1, timeout=TIMEOUT)
    request.addfinalizer(server.close)
    server.start()
    assert _triples(server) == len(plan_rdflib)  # the workers opened the store read-only


def test_serve_bad_input_is_one_line_exit_2(run_plankg, tmp_path):
    result = run_plankg("serve", "--graph", str(tmp_path / "missing.ttl"), "--port", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("plankg: error: ") and "no such graph file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = run_plankg("serve", "--store", "rdflib", "--port", "0", cwd=tmp_path)
    assert result.returncode == 2 and "pyoxigraph" in result.stderr
