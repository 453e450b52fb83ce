"""No query plankg runs reaches the network, and no query's nesting crashes an engine.

A canary HTTP server on 127.0.0.1 records every request it gets: a query with
``SERVICE <canary>`` must be refused (exit 2 on the command line, HTTP 400 at the
endpoint) and the canary must see nothing, whatever engine runs the query, unless
``--allow-service`` names the canary. A query nested 20,000 deep, which killed
pyoxigraph (SIGSEGV) and the endpoint's workers, must be refused before it is parsed.
"""
from __future__ import annotations

import html
import json
import signal
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler

import pytest
from processes import Served, loopback_server

from plankg.queries import run_query
from plankg.queries.policy import MAX_DEPTH, QueryPolicy, QueryRefused, nesting_depth

DEEP = "SELECT * WHERE " + "{ " * 20000 + "} " * 20000


class _Canary(BaseHTTPRequestHandler):
    def _record(self) -> None:
        self.server.seen.append((self.command, self.path))  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _record

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def canary():
    """An HTTP server on loopback that answers every request with an empty result and keeps
    a list of the requests (``canary.seen``); ``canary.url`` is where SERVICE would go."""
    with loopback_server(_Canary) as server:
        server.seen = []  # type: ignore[attr-defined]
        server.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"  # type: ignore[attr-defined]
        yield server


def _service_queries(url: str) -> dict[str, str]:
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "escaped keyword": f"SELECT * WHERE {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",
        "in FILTER EXISTS": f"ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "in a subquery": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "variable endpoint": f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    }


@pytest.mark.parametrize("store", ["oxigraph", "oxigraph:store"])
def test_plankg_query_refuses_service_and_sends_nothing(store, canary, run_plankg, tmp_path, plan_graph_path):
    result = run_plankg("query", _service_queries(canary.url)["silent"], "--graph", plan_graph_path,
                        "--store", store, cwd=tmp_path, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("plankg: error: ") and "SERVICE" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert canary.seen == []


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_every_form_of_service_is_refused_whatever_the_target(store, canary, plan_rdflib, plan_oxigraph):
    target = plan_rdflib if store == "rdflib" else plan_oxigraph
    for form, text in _service_queries(canary.url).items():
        with pytest.raises(QueryRefused):
            run_query(text, target)
        assert canary.seen == [], form


def test_from_a_url_is_not_fetched(canary, plan_graph_path):
    """rdflib loads FROM <url> from the web when the target is a Dataset; plankg never lets it."""
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(plan_graph_path, format="nt")
    run_query(f"SELECT * FROM <{canary.url}> FROM NAMED <{canary.url}/n> WHERE {{ ?s ?p ?o }} LIMIT 1", dataset)
    assert canary.seen == []


def test_allowed_service_is_called(canary, run_plankg, tmp_path, plan_graph_path):
    """The refusal is plankg's doing: an endpoint named with --allow-service is queried."""
    result = run_plankg("query", _service_queries(canary.url)["plain"], "--graph", plan_graph_path,
                        "--store", "oxigraph", "--allow-service", canary.url, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert canary.seen and all(path == "/sparql" for _method, path in canary.seen)


def test_a_text_about_services_is_not_mistaken_for_a_service_call(plan_rdflib):
    query = 'SELECT ?s WHERE { ?s ?p "service" } # SERVICE <http://127.0.0.1:9/> { }'
    assert run_query(query, plan_rdflib).rows == ()


@pytest.fixture(scope="module")
def served(plan_graph_path, tmp_path_factory):
    """``plankg serve`` in a subprocess (2 workers), and its URL."""
    server = Served(plan_graph_path, tmp_path_factory.mktemp("serve"), "--timeout", "5")
    yield server.url
    server.stop(signal.SIGTERM)


def _post(url: str, query: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=query.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_endpoint_refuses_service_with_400_and_sends_nothing(served, canary):
    for form, text in _service_queries(canary.url).items():
        status, body = _post(served, text)
        assert status == 400, (form, body)
        assert b"SERVICE" in body
    assert canary.seen == []


class _Page(BaseHTTPRequestHandler):
    """Serves ``server.page`` at every path: the page a user might open in a browser."""

    def do_GET(self) -> None:
        body = self.server.page.encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _attack_page(endpoint: str, query: str) -> str:
    """A page that sends ``query`` to ``endpoint`` blind, as any site could: a no-cors fetch
    (GET ?query=) and a form POSTed into a frame."""
    return f"""<!doctype html><meta charset="utf-8"><title>page</title>
<iframe name="sink"></iframe>
<form id="post" method="POST" action="{html.escape(endpoint)}" target="sink">
<input type="hidden" name="query" value="{html.escape(query)}"></form>
<script>
fetch({json.dumps(endpoint)} + "?query=" + encodeURIComponent({json.dumps(query)}), {{mode: "no-cors"}});
document.getElementById("post").submit();
</script>"""


def _browse(browser, endpoint: str, query: str) -> dict[str, int]:
    """Open the attack page in ``browser`` (served from another loopback port) and return the
    status of each request it made to ``endpoint`` (GET, POST), waiting at most 30 s."""
    statuses: dict[str, int] = {}
    with loopback_server(_Page) as server:
        server.page = _attack_page(endpoint, query)  # type: ignore[attr-defined]
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("response", lambda r: statuses.setdefault(r.request.method, r.status)
                    if r.url.startswith(endpoint) else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", timeout=30_000)
            deadline = time.monotonic() + 30
            while len(statuses) < 2 and time.monotonic() < deadline:
                page.wait_for_timeout(100)
        finally:
            context.close()
    return statuses


def test_a_web_page_cannot_make_the_endpoint_call_out(browser, served, canary):
    """A page on another origin fires SERVICE queries at the endpoint (a no-cors fetch and a
    form POST): the endpoint answers both 400, as it answers a direct request, and the
    canary sees nothing."""
    query = _service_queries(canary.url)["plain"]
    assert _browse(browser, served, query) == {"GET": 400, "POST": 400}
    assert _post(served, query)[0] == 400
    assert canary.seen == []


def test_the_web_page_reaches_a_service_the_endpoint_allows(browser, plan_graph_path, canary, tmp_path):
    """The same page with the canary allowed (--allow-service): its requests do reach the
    canary, so the test above would see one if the endpoint sent it."""
    served = Served(plan_graph_path, tmp_path, "--allow-service", canary.url, workers=1)
    try:
        assert _browse(browser, served.url, _service_queries(canary.url)["plain"]) == {"GET": 200, "POST": 200}
    finally:
        served.stop(signal.SIGTERM)
    assert canary.seen == [("POST", "/sparql")] * 2  # one SERVICE call for each of the page's requests


def test_deep_nesting_is_refused_by_plankg_query_on_oxigraph(run_plankg, tmp_path, plan_graph_path):
    query_file = tmp_path / "deep.rq"
    query_file.write_text(DEEP, encoding="utf-8")
    result = run_plankg("query", query_file, "--graph", plan_graph_path, "--store", "oxigraph",
                        cwd=tmp_path, timeout=120)
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert result.stderr.startswith("plankg: error: ") and "nested 20000 levels" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_deep_nesting_gets_400_and_the_endpoint_goes_on(served):
    status, body = _post(served, DEEP)
    assert status == 400 and b"nested" in body
    status, body = _post(served, "ASK { ?t a plan:Task }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_nesting_up_to_the_limit_runs(plan_rdflib, plan_oxigraph):
    braces = MAX_DEPTH // 2
    parens = MAX_DEPTH - braces - 1  # FILTER's own bracket is one level
    query = ("ASK " + "{ " * braces + "?s ?p ?o FILTER(" + "(" * parens + "true" + ")" * parens + ") "
             + "} " * braces)
    assert nesting_depth(query) == MAX_DEPTH
    assert run_query(query, plan_rdflib).boolean is True
    assert run_query(query, plan_oxigraph).boolean is True
    with pytest.raises(QueryRefused):
        QueryPolicy().check("ASK { " + query[len("ASK "):] + " }")


def test_nesting_is_counted_outside_strings_iris_and_comments():
    text = 'SELECT * WHERE { ?s ?p "{{{(((" . ?s ?q <http://x/((> # }}}}\n FILTER(?s) }'
    assert nesting_depth(text) == 2
