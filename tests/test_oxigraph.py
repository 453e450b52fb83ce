"""pyoxigraph as a store (in memory and on disk, the same answers) and ``plankg push`` to a
real Oxigraph server started on a loopback port by the test. (pyoxigraph answers every query;
tools/compare_engines.py compares it with rdflib's engine.)"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from plankg.extract.model import PlanError
from plankg.queries import list_queries, open_target, run_query
from plankg.queries.push import push
from plankg.queries.source import SOURCE_FILE

CASES = [(q, params) for q in list_queries() for params in (q.examples or ({},))]
IDS = [q.name for q, _ in CASES]


def _rows(result) -> list[tuple]:
    """Rows as a sorted list of N3 strings: order-free, but exact about terms."""
    return sorted(tuple("" if t is None else t.n3() for t in row) for row in result.rows)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------------------- same answers


@pytest.fixture(scope="module")
def disk_store(plan_graph_path, tmp_path_factory):
    directory = tmp_path_factory.mktemp("oxstore") / "store"
    return directory, open_target(plan_graph_path, f"oxigraph:{directory}")


def test_the_on_disk_store_gives_the_same_answers(disk_store, plan_oxigraph):
    _directory, store = disk_store
    assert len(store) == len(plan_oxigraph)
    for query, params in CASES:
        assert _rows(run_query(query, store, params)) == _rows(run_query(query, plan_oxigraph, params)), query.name


def test_the_on_disk_store_reloads_only_when_the_graph_changes(tmp_path: Path, plan_graph_path):
    directory = tmp_path / "store"
    graph = tmp_path / "g.nt"
    shutil.copy(plan_graph_path, graph)
    store = open_target(graph, f"oxigraph:{directory}")
    size = len(store)
    record = json.loads((directory / SOURCE_FILE).read_text(encoding="utf-8"))
    assert record["source"] == str(graph.resolve()) and len(record["sha256"]) == 64
    del store
    import gc

    gc.collect()
    os.utime(graph)  # touched, same content: kept
    store = open_target(graph, f"oxigraph:{directory}")
    assert len(store) == size
    store.add(ox.Quad(ox.NamedNode("urn:marker"), ox.NamedNode("urn:p"), ox.Literal("kept")))
    del store
    gc.collect()
    store = open_target(graph, f"oxigraph:{directory}")
    assert len(store) == size + 1  # not reloaded: the marker is still there
    del store
    gc.collect()
    with graph.open("a", encoding="utf-8") as out:
        out.write('<urn:a> <urn:b> "new" .\n')
    store = open_target(graph, f"oxigraph:{directory}")
    assert len(store) == size + 1 and not list(store.quads_for_pattern(ox.NamedNode("urn:marker"), None, None))
    del store
    gc.collect()
    store = open_target(None, f"oxigraph:{directory}")  # no --graph: the user's graph is kept
    assert len(store) == size + 1


def test_a_store_in_use_is_one_clear_error(disk_store, plan_graph_path):
    directory, _store = disk_store  # the fixture keeps it open for writing
    with pytest.raises(PlanError, match="open in another process"):
        open_target(plan_graph_path, f"oxigraph:{directory}")


def test_an_unparsable_graph_names_its_line(tmp_path: Path):
    bad = tmp_path / "bad.nt"
    bad.write_text('<urn:a> <urn:b> "c" .\n<urn:a> <urn:b> c .\n', encoding="utf-8")
    with pytest.raises(PlanError, match=r"bad\.nt:2:17: "):
        open_target(bad, f"oxigraph:{tmp_path / 'store'}")
    assert not (tmp_path / "store" / SOURCE_FILE).exists()


# ----------------------------------------------------------------------------- push to a real Oxigraph server


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory, request):
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph; .ci/run installs it)")
    port = _free_port()
    data = tmp_path_factory.mktemp("oxigraph-data")
    process = subprocess.Popen([binary, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def stop():
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)

    request.addfinalizer(stop)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1):
                break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph serve did not start: {process.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    return base


def _remote(base: str, query: str) -> dict:
    client = SPARQLWrapper(f"{base}/query")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()


def test_push_then_query_the_server(oxigraph_server, plan_rdflib, plan_oxigraph):
    assert push(plan_oxigraph, f"{oxigraph_server}/store") == len(plan_rdflib)
    count = _remote(oxigraph_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count["results"]["bindings"][0]["n"]["value"]) == len(plan_rdflib)
    for query in [q for q in list_queries() if not q.params]:
        remote = _remote(oxigraph_server, query.text)
        names = remote["head"]["vars"]
        remote_rows = sorted(tuple(b.get(v, {}).get("value") for v in names) for b in remote["results"]["bindings"])
        local = run_query(query, plan_rdflib)
        local_rows = sorted(tuple(None if t is None else str(t) for t in row) for row in local.rows)
        assert names == list(local.variables) and remote_rows == local_rows, query.name


def test_push_to_a_named_graph_replaces_it(oxigraph_server, plan_rdflib):
    iri = "https://example.org/graph/plan"
    endpoint = f"{oxigraph_server}/store"
    push(plan_rdflib, endpoint, iri)
    push(plan_rdflib, endpoint, iri)  # PUT replaces: still one copy
    count = _remote(oxigraph_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    assert int(count["results"]["bindings"][0]["n"]["value"]) == len(plan_rdflib)


def test_plankg_push_command(oxigraph_server, run_plankg, tmp_path: Path, plan_graph_path):
    result = run_plankg("push", "--endpoint", f"{oxigraph_server}/store", "--graph", str(plan_graph_path),
                        "--graph-iri", "urn:plankg:test", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pushed ") and "urn:plankg:test" in result.stdout


def test_push_to_an_unreachable_endpoint_is_one_line_exit_2(run_plankg, tmp_path: Path, plan_graph_path):
    port = _free_port()  # nothing listens there
    result = run_plankg("push", "--endpoint", f"http://127.0.0.1:{port}/store", "--graph", str(plan_graph_path),
                        "--timeout", "5", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("plankg: error: ") and "cannot reach" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_push_refused_by_the_server_is_one_clear_error(oxigraph_server, plan_oxigraph):
    with pytest.raises(PlanError, match="HTTP 404"):
        push(plan_oxigraph, f"{oxigraph_server}/not-a-store")
    with pytest.raises(PlanError, match="absolute IRI"):
        push(plan_oxigraph, f"{oxigraph_server}/store", "not an iri")
