"""``plankg serve`` under load and against hostile clients, as a real subprocess on loopback.

* the Host header must name the endpoint (DNS rebinding: a page on evil.example whose
  name resolves to 127.0.0.1 must not read the data or the network page);
* 100 clients at once all get answers (the listen backlog was 5 and the connection
  cap 64: resets and 503s);
* an idle keep-alive connection is closed after the idle timeout, freeing its slot;
* a killed endpoint's workers die with it, and its graph copy is removed by the next.
"""
from __future__ import annotations

import http.client
import json
import signal
import socket
import threading
import time

import pytest
from processes import Served, children, gone, wait_until

ASK = "ASK { ?t a plan:Task }"


@pytest.fixture(scope="module")
def served(plan_graph_path, tmp_path_factory):
    server = Served(plan_graph_path, tmp_path_factory.mktemp("serve"))
    yield server
    server.stop()


@pytest.mark.parametrize("target", ["/sparql?query=ASK%20%7B%7D", "/", "/network.html"])
def test_a_foreign_host_name_is_refused(served, target):
    status, body = served.request("GET", target, host=f"evil.example:{served.port}")
    assert status == 403, body[:200]
    assert b"Host" in body and b"plan" not in body.lower().replace(b"plankg", b"")


def test_the_names_of_loopback_are_served(served):
    for host in (f"127.0.0.1:{served.port}", f"localhost:{served.port}", "LOCALHOST"):
        status, body = served.request("GET", served.query_target(ASK), host=host)
        assert status == 200 and json.loads(body)["boolean"] is True, host


def test_allow_host_adds_a_name(plan_graph_path, tmp_path):
    server = Served(plan_graph_path, tmp_path, "--allow-host", "plans.example.org")
    try:
        status, _ = server.request("GET", server.query_target(ASK), host=f"plans.example.org:{server.port}")
        assert status == 200
        status, _ = server.request("GET", server.query_target(ASK), host=f"evil.example:{server.port}")
        assert status == 403
    finally:
        server.stop()


def test_a_hundred_clients_at_once_all_get_answers(served):
    clients, requests = 100, 5
    errors: list[str] = []
    start = threading.Event()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=60)
        start.wait()
        for _ in range(requests):
            try:
                connection.request("GET", served.query_target(ASK))
                response = connection.getresponse()
                body = response.read()
                if response.status != 200 or json.loads(body)["boolean"] is not True:
                    errors.append(f"HTTP {response.status}")
            except (OSError, http.client.HTTPException) as err:
                errors.append(type(err).__name__)
                connection.close()
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join(120)
    assert errors == []


def test_an_idle_connection_is_closed_and_frees_its_slot(served):
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as idle:
        began = time.monotonic()
        assert idle.recv(1) == b""  # the server hung up on the silent client
        assert time.monotonic() - began < 15  # the default idle timeout is 5 s


def test_a_killed_endpoint_takes_its_workers_along_and_the_next_one_cleans_up(plan_graph_path, tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    first = Served(plan_graph_path, tmp_path, env={"TMPDIR": str(temp)})
    workers = children(first.process.pid)
    assert len(workers) >= 2
    copies = list(temp.glob("plankg-serve-*"))
    assert len(copies) == 1 and (copies[0] / "graph.nq").is_file()
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(15)
    assert wait_until(lambda: all(gone(pid) for pid in workers), 10), "workers outlived the endpoint"
    time.sleep(1.1)  # older than a run that is still starting
    second = Served(plan_graph_path, tmp_path, env={"TMPDIR": str(temp)})
    try:
        assert not copies[0].exists()  # the killed endpoint's copy is gone
        assert len(list(temp.glob("plankg-serve-*"))) == 1  # the running one's
        second.process.terminate()
        assert second.process.wait(15) == 0
        assert list(temp.glob("plankg-serve-*")) == []  # SIGTERM removes it
    finally:
        second.stop()
