"""The endpoint as SPARQL clients expect it: every query form in every format SPARQLWrapper
offers (it sends both an Accept header and format=), the formats curl asks for by Accept or
format=, a SPARQL 1.1 Service Description at the endpoint URL, and CORS when it is asked for
(--cors ORIGIN, with preflight OPTIONS). Real servers on 127.0.0.1, real clients."""
from __future__ import annotations

import json
import signal
import subprocess
import urllib.parse
from xml.dom.minidom import Document

import pytest
from processes import Served
from rdflib import Graph, Namespace, URIRef
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from plankg.queries import run_query
from plankg.queries.serve import make_server

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ORIGIN = "https://yasgui.example"
SELECT = "SELECT ?t ?n WHERE { ?t a plan:Task ; skos:notation ?n } ORDER BY ?t LIMIT 5"
ASK = "ASK { ?t a plan:Task }"
CONSTRUCT = "CONSTRUCT { ?t a plan:Task } WHERE { ?t a plan:Task }"
DESCRIBE = 'DESCRIBE ?t WHERE { ?t a plan:Task ; skos:notation "12" }'
FORMS = {"SELECT": SELECT, "ASK": ASK, "CONSTRUCT": CONSTRUCT, "DESCRIBE": DESCRIBE}
#: what SPARQLWrapper offers for each query form
OFFERED = {"SELECT": [JSON, XML, CSV, TSV], "ASK": [JSON, XML, CSV, TSV],
           "CONSTRUCT": [XML, RDFXML, TURTLE, N3, JSONLD], "DESCRIBE": [XML, RDFXML, TURTLE, N3, JSONLD]}
CASES = [(form, fmt, method) for form, formats in OFFERED.items() for fmt in formats for method in (GET, POST)]


@pytest.fixture(scope="module")
def endpoint(plan_graph_path, request):
    server = make_server(plan_graph_path, "oxigraph", port=0, workers=2, cors_origins=(ORIGIN,))
    request.addfinalizer(server.close)
    return server.start()


@pytest.fixture(scope="module")
def closed_endpoint(plan_graph_path, request):
    """An endpoint started without --cors."""
    server = make_server(plan_graph_path, "oxigraph", port=0, workers=1)
    request.addfinalizer(server.close)
    return server.start()


def _curl(*args: str) -> tuple[int, dict[str, str], bytes]:
    """``curl -s -i ARGS``: status, headers (lower-case names) and body."""
    done = subprocess.run(["curl", "-s", "-i", "--max-time", "30", *args], capture_output=True, timeout=60,
                          check=True)
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, body


def _url(server, **params) -> str:
    return f"{server.url}?{urllib.parse.urlencode(params)}"


@pytest.mark.parametrize("form, fmt, method", CASES, ids=[f"{f}-{r}-{m}" for f, r, m in CASES])
def test_sparqlwrapper_gets_every_form_in_every_format_it_offers(endpoint, plan_oxigraph, form, fmt, method):
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(FORMS[form])
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setTimeout(30)
    response = client.query()
    assert response.response.status == 200
    answer = response.convert()
    expected = run_query(FORMS[form], plan_oxigraph)
    if form == "SELECT":
        if fmt == JSON:
            assert len(answer["results"]["bindings"]) == 5
        elif fmt == XML:
            assert isinstance(answer, Document) and len(answer.getElementsByTagName("result")) == 5
        else:
            assert len(answer.decode("utf-8").strip().splitlines()) == 6  # a head and five rows
    elif form == "ASK":
        if fmt == JSON:
            assert answer["boolean"] is True
        elif fmt == XML:
            assert answer.getElementsByTagName("boolean")[0].firstChild.data == "true"
        else:
            assert answer.decode("utf-8").strip().lower() == "true"
    else:
        graph = answer if isinstance(answer, Graph) else Graph().parse(data=answer, format="turtle")
        assert len(graph) == len(expected.graph) > 0


@pytest.mark.parametrize("accept, kind", [
    ("application/n-quads", "nquads"), ("application/trig", "trig"), ("text/n3", "n3"),
    ("application/n-triples", "nt"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
])
def test_curl_gets_a_graph_in_every_format_by_accept(endpoint, accept, kind):
    status, headers, body = _curl("-H", f"Accept: {accept}", _url(endpoint, query=CONSTRUCT))
    assert status == 200, body
    assert headers["content-type"].split(";")[0] == accept
    assert len(Graph().parse(data=body, format=kind)) == 44


@pytest.mark.parametrize("fmt, media", [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
    ("text/csv", "text/csv"), ("application/sparql-results+json", "application/sparql-results+json"),
])
def test_format_parameter_for_results(endpoint, fmt, media):
    status, headers, _body = _curl("-H", "Accept: text/turtle", _url(endpoint, query=SELECT, format=fmt))
    assert status == 200 and headers["content-type"].split(";")[0] == media  # format= wins over Accept


@pytest.mark.parametrize("fmt, media", [
    ("xml", "application/rdf+xml"), ("json", "application/ld+json"), ("turtle", "text/turtle"),
    ("n3", "text/n3"), ("rdf+xml", "application/rdf+xml"), ("json-ld", "application/ld+json"),
    ("nt", "application/n-triples"), ("nquads", "application/n-quads"), ("trig", "application/trig"),
    ("text/turtle", "text/turtle"),
])
def test_format_parameter_for_graphs(endpoint, fmt, media):
    status, headers, _body = _curl(_url(endpoint, query=CONSTRUCT, format=fmt))
    assert status == 200 and headers["content-type"].split(";")[0] == media


def test_a_format_that_does_not_fit_the_result_is_406_naming_those_that_do(endpoint):
    status, _headers, body = _curl(_url(endpoint, query=SELECT, format="turtle"))
    assert status == 406 and b"application/sparql-results+json" in body
    status, _headers, body = _curl("-H", "Accept: text/csv", _url(endpoint, query=CONSTRUCT))
    assert status == 406 and b"text/turtle" in body
    status, _headers, body = _curl(_url(endpoint, query=SELECT, format="yaml"))
    assert status == 400 and b"format" in body


@pytest.mark.parametrize("accept, kind", [(None, "turtle"), ("text/turtle", "turtle"),
                                          ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_service_description_at_the_endpoint_url(endpoint, accept, kind):
    status, headers, body = _curl(*(["-H", f"Accept: {accept}"] if accept else []), endpoint.url)
    assert status == 200, body
    description = Graph().parse(data=body, format=kind)
    service = next(description.subjects(SD.endpoint, URIRef(endpoint.url)))
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in description
    formats = {str(f) for f in description.objects(service, SD.resultFormat)}
    assert {"http://www.w3.org/ns/formats/SPARQL_Results_JSON", "http://www.w3.org/ns/formats/Turtle",
            "http://www.w3.org/ns/formats/RDF_XML"} <= formats
    assert (service, SD.feature, SD.UnionDefaultGraph) in description
    assert (service, SD.feature, SD.BasicFederatedQuery) not in description  # SERVICE is refused


def test_service_description_answers_head(endpoint):
    status, headers, body = _curl("-I", endpoint.url)
    assert status == 200 and headers["content-type"].startswith("text/turtle") and body == b""


def test_cors_for_the_origin_given(endpoint):
    status, headers, _body = _curl("-H", f"Origin: {ORIGIN}", _url(endpoint, query=ASK, format="json"))
    assert status == 200
    assert headers["access-control-allow-origin"] == ORIGIN and "Origin" in headers["vary"]
    status, headers, _body = _curl("-H", "Origin: https://elsewhere.example", _url(endpoint, query=ASK))
    assert status == 200 and "access-control-allow-origin" not in headers


def test_cors_preflight(endpoint):
    status, headers, body = _curl("-X", "OPTIONS", "-H", f"Origin: {ORIGIN}",
                                  "-H", "Access-Control-Request-Method: POST",
                                  "-H", "Access-Control-Request-Headers: content-type, accept", endpoint.url)
    assert status == 204 and body == b""
    assert headers["access-control-allow-origin"] == ORIGIN
    assert {"GET", "POST"} <= {m.strip() for m in headers["access-control-allow-methods"].split(",")}
    assert {"content-type", "accept"} <= {h.strip().lower() for h in headers["access-control-allow-headers"].split(",")}
    assert int(headers["access-control-max-age"]) > 0


def test_no_cors_unless_asked(closed_endpoint):
    status, headers, _body = _curl("-H", f"Origin: {ORIGIN}", _url(closed_endpoint, query=ASK))
    assert status == 200 and "access-control-allow-origin" not in headers
    status, headers, _body = _curl("-X", "OPTIONS", "-H", f"Origin: {ORIGIN}",
                                   "-H", "Access-Control-Request-Method: POST", closed_endpoint.url)
    assert status == 204 and "access-control-allow-origin" not in headers
    assert "OPTIONS" in headers["allow"]


def test_plankg_serve_cors_option(plan_graph_path, tmp_path):
    served = Served(plan_graph_path, tmp_path, "--cors", ORIGIN, workers=1, stderr=subprocess.PIPE)
    process, url = served.process, served.url
    try:
        assert url.startswith("http://127.0.0.1:"), process.stderr.read() if process.poll() is not None else url
        status, headers, body = _curl("-H", f"Origin: {ORIGIN}", f"{url}?{urllib.parse.urlencode({'query': ASK})}")
        assert status == 200 and headers["access-control-allow-origin"] == ORIGIN
        assert json.loads(body)["boolean"] is True
    finally:
        served.stop(signal.SIGTERM, 30)
