"""Soak test of ``plankg serve``: many mixed requests, good and bad, memory watched.

    python bench/soak.py [--requests 3000] [--clients 16] [--every 1000] [--timeout 2]

Starts a real ``plankg serve`` (the bundled plan's graph, 2 workers, ``--timeout``
seconds per query) and sends ``--requests`` requests from ``--clients`` threads, in a
fixed mix: ordinary queries (GET and POST, JSON/CSV/XML), and about one in ten bad or
hostile ones — syntax errors, updates, PUT, unknown paths, a body that is not UTF-8,
no Content-Length, a body over the limit, a garbage request line, a wrong Host
(DNS rebinding), SERVICE (SSRF), a query nested 20,000 deep, a client that sends
half a request and hangs up — and one runaway query (a four-way cross product that
the endpoint must cancel) every 1,000 requests. Each kind has the status it must get
(200, 400, 403, …; 503 for a runaway); anything else, or a failed connection, is
counted as a failure. Prints the server's resident memory every ``--every``
requests (the server process, and with its workers) and the growth over the run.
"""
from __future__ import annotations

import argparse
import http.client
import socket
import threading
import time
import urllib.parse
from collections import Counter

from endpoint import Endpoint

GOOD = "SELECT ?n ?title WHERE { ?t a plan:Task ; skos:notation ?n ; rdfs:label ?title } LIMIT 20"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
DEEP = "SELECT * WHERE " + "{" * 20000 + "}" * 20000


def _http(method: str, target: str, body: bytes | None = None, headers: dict | None = None):
    return ("http", method, target, body, headers or {})


def kinds(path: str) -> dict[str, tuple[tuple, set[int]]]:
    """Each kind of request: (how to send it, the statuses it may get)."""

    def query(q: str) -> str:
        return f"{path}?{urllib.parse.urlencode({'query': q})}"

    sparql = {"Content-Type": "application/sparql-query"}
    return {
        "get-json": (_http("GET", query(GOOD), headers={"Accept": "application/sparql-results+json"}), {200}),
        "get-csv": (_http("GET", query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
                          headers={"Accept": "text/csv"}), {200}),
        "post-xml": (_http("POST", path, GOOD.encode(), {**sparql, "Accept": "application/sparql-results+xml"}),
                     {200}),
        "ask": (_http("GET", query("ASK { ?t a plan:Task }")), {200}),
        "syntax-error": (_http("GET", query("SELEKT * WHERE { ?s ?p }")), {400}),
        "update": (_http("POST", path, b"DROP ALL", {"Content-Type": "application/sparql-update"}), {403}),
        "put": (_http("PUT", path, b"x", {"Content-Type": "text/turtle"}), {405}),
        "unknown-path": (_http("GET", "/etc/passwd"), {404}),
        "not-utf8": (_http("POST", path, b"\xff\xfe\xfa", sparql), {400}),
        "no-length": (("raw", f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              f"Content-Type: application/sparql-query\r\n\r\n".encode()), {411}),
        "too-large": (("raw", f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {2 << 20}\r\n"
                              f"Content-Type: application/sparql-query\r\n\r\nSELECT".encode()), {413}),
        "garbage": (("raw", b"\x16\x03\x01\x02\x00 nonsense\r\n\r\n"), {400}),
        "wrong-host": (_http("GET", query("ASK {}"), headers={"Host": "evil.example"}), {403}),
        "service": (_http("POST", path, b"SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", sparql),
                    {400}),
        "deep": (_http("POST", path, DEEP.encode(), sparql), {400}),
        "half-then-gone": (("half", f"GET {path}?query=ASK".encode()), {0}),
        "runaway": (_http("GET", query(RUNAWAY)), {503}),
    }


#: The mix: a hundred requests' worth of kinds (a runaway is added every 1,000 requests: each holds
#: a worker for the time limit, then its replacement loads for about a second).
MIX = (["get-json"] * 35 + ["get-csv"] * 20 + ["post-xml"] * 20 + ["ask"] * 15
       + ["syntax-error", "update", "put", "unknown-path", "not-utf8", "no-length", "too-large", "garbage",
          "wrong-host", "service"])
RARE = ["deep", "half-then-gone"]  # one of these every 50 requests


def kind_of(number: int) -> str:
    if number % 1000 == 999:
        return "runaway"
    if number % 50 == 25:
        return RARE[(number // 50) % len(RARE)]
    return MIX[(number * 37) % len(MIX)]


def send(endpoint: Endpoint, how: tuple) -> int:
    """The status of one request, on a fresh connection (0: none expected or none came)."""
    if how[0] == "http":
        _, method, target, body, headers = how
        connection = http.client.HTTPConnection(endpoint.host, endpoint.port, timeout=60)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()
    with socket.create_connection((endpoint.host, endpoint.port), timeout=60) as raw:
        raw.sendall(how[1])
        if how[0] == "half":
            return 0  # hang up mid-request: the server must only drop the connection
        reply = raw.recv(4096)
        return int(reply.split()[1]) if reply.startswith(b"HTTP/") else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="10000 for the full soak")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--every", type=int, default=1000, help="print memory every N requests")
    parser.add_argument("--timeout", type=float, default=2.0, help="the endpoint's per-query limit (seconds)")
    args = parser.parse_args()
    with Endpoint("--workers", "2", "--timeout", str(args.timeout)) as endpoint:
        table = kinds(urllib.parse.urlsplit(endpoint.url).path)
        counter = iter(range(args.requests))
        lock = threading.Lock()
        done, failures, seen = [0], Counter(), Counter()
        samples: list[tuple[int, int, int]] = [(0, *endpoint.rss())]
        began = time.perf_counter()

        def run() -> None:
            while True:
                with lock:
                    number = next(counter, None)
                if number is None:
                    return
                kind = kind_of(number)
                how, expected = table[kind]
                try:
                    status = send(endpoint, how)
                except OSError as err:
                    status = -1
                    failures[f"{kind}: {type(err).__name__}"] += 1
                with lock:
                    seen[kind] += 1
                    if status not in expected and status != -1:
                        failures[f"{kind}: HTTP {status}"] += 1
                    done[0] += 1
                    if done[0] % args.every == 0:
                        samples.append((done[0], *endpoint.rss()))
                        own, total = samples[-1][1:]
                        print(f"{done[0]:>6} requests  {time.perf_counter() - began:6.1f} s  server "
                              f"{own / 2**20:6.1f} MB  with workers {total / 2**20:6.1f} MB", flush=True)

        print(f"{0:>6} requests  {0:6.1f} s  server {samples[0][1] / 2**20:6.1f} MB  "
              f"with workers {samples[0][2] / 2**20:6.1f} MB", flush=True)
        threads = [threading.Thread(target=run) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - began
        alive = endpoint.alive()
    first = samples[1] if len(samples) > 2 else samples[0]
    last = samples[-1]
    print(f"{args.requests:,} requests in {seconds:.0f} s ({', '.join(f'{k} {v}' for k, v in sorted(seen.items()))})")
    listed = f" ({', '.join(f'{k} ×{v}' for k, v in failures.most_common())})" if failures else ""
    print(f"failures: {sum(failures.values())}{listed}; server {'answering' if alive else 'DIED'}")
    print(f"server memory from request {first[0]:,} to {last[0]:,}: {first[1] / 2**20:.1f} → {last[1] / 2**20:.1f} MB "
          f"({(last[1] - first[1]) / 2**20:+.1f} MB); with workers {first[2] / 2**20:.1f} → {last[2] / 2**20:.1f} MB")
    raise SystemExit(1 if failures or not alive else 0)


if __name__ == "__main__":
    main()
