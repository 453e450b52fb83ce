"""Load test of ``plankg serve`` on loopback: many clients at once, every answer checked.

    python bench/load.py [--clients 100] [--requests 50] [--workers 2] [--graph FILE]

Starts a real ``plankg serve`` (the bundled plan's graph unless ``--graph``), then
``--clients`` threads each open one keep-alive HTTP/1.1 connection and send
``--requests`` SPARQL queries one after another (a mix of ASK, COUNT and library
queries, GET and POST). A request counts as an error unless it gets 200 with a
well-formed JSON answer; a reset or refused connection is an error too. Prints the
number of errors, throughput and latency percentiles (p50, p90, p99, max), and the
server's memory. The defaults are the issue's target (100 × 50 = 5,000 requests,
about a minute on 2 CPUs); ``--requests 10`` gives a quick check.
"""
from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
import urllib.parse
from collections import Counter

from endpoint import Endpoint, percentile

QUERIES = [
    ("GET", "ASK { ?t a plan:Task }"),
    ("GET", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
    ("POST", "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class ORDER BY DESC(?n)"),
    ("GET", "SELECT ?n ?title WHERE { ?t a plan:Task ; skos:notation ?n ; rdfs:label ?title } LIMIT 20"),
    ("POST", "SELECT ?e ?name WHERE { ?e a plan:Institution ; skos:prefLabel ?name } ORDER BY ?name LIMIT 50"),
]


def client(endpoint: Endpoint, index: int, requests: int, latencies: list[float], errors: Counter,
           start: threading.Event) -> None:
    """One client: a keep-alive connection (reopened if the server closes it), ``requests`` queries."""
    path = urllib.parse.urlsplit(endpoint.url).path
    connection = http.client.HTTPConnection(endpoint.host, endpoint.port, timeout=60)
    start.wait()
    for k in range(requests):
        method, query = QUERIES[(index + k) % len(QUERIES)]
        began = time.perf_counter()
        try:
            if method == "GET":
                connection.request("GET", f"{path}?{urllib.parse.urlencode({'query': query})}",
                                   headers={"Accept": "application/sparql-results+json"})
            else:
                connection.request("POST", path, body=query.encode(),
                                   headers={"Content-Type": "application/sparql-query",
                                            "Accept": "application/sparql-results+json"})
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                errors[f"HTTP {response.status}"] += 1
            else:
                json.loads(body)
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException, ValueError) as err:
            errors[type(err).__name__] += 1
            connection.close()
        latencies.append(time.perf_counter() - began)
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument("--workers", type=int, default=2, help="the endpoint's query workers")
    parser.add_argument("--graph", default=None, help="graph file to serve (default: the bundled plan)")
    args = parser.parse_args()
    with Endpoint("--workers", str(args.workers), graph=args.graph) as endpoint:
        latencies: list[float] = []
        errors: Counter = Counter()
        start = threading.Event()
        threads = [threading.Thread(target=client, args=(endpoint, i, args.requests, latencies, errors, start))
                   for i in range(args.clients)]
        for thread in threads:
            thread.start()
        began = time.perf_counter()
        start.set()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - began
        own, total = endpoint.rss()
        alive = endpoint.alive()
    total_requests = args.clients * args.requests
    print(f"{args.clients} clients × {args.requests} requests = {total_requests:,} requests on loopback "
          f"({args.workers} workers): {sum(errors.values())} errors"
          + (f" ({', '.join(f'{k} ×{v}' for k, v in errors.most_common())})" if errors else ""))
    print(f"{seconds:.1f} s, {total_requests / seconds:.0f} requests/s; "
          f"latency p50 {percentile(latencies, .5) * 1000:.0f} ms, "
          f"p90 {percentile(latencies, .9) * 1000:.0f} ms, p99 {percentile(latencies, .99) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")
    print(f"server memory after the run: {own / 2**20:.0f} MB (with workers {total / 2**20:.0f} MB); "
          f"server {'still answering' if alive else 'DIED'}")
    raise SystemExit(1 if errors or not alive else 0)


if __name__ == "__main__":
    main()
