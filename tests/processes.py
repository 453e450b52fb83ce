"""Processes and servers the tests start: ``plankg serve`` in a subprocess (``Served``), an HTTP
server on loopback in a thread (``loopback_server``), and watching child processes (Linux
``/proc``): who a process started, and whether they have ended."""
from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class Served:
    """``plankg serve --graph GRAPH --port 0`` started in a subprocess with ``options`` (and
    ``workers`` workers); ``url`` is where it answers, ``stop()`` ends it (SIGKILL unless told)."""

    def __init__(self, graph: Path, cwd: Path, *options: str, workers: int = 2, env: dict | None = None,
                 stderr: int = subprocess.DEVNULL):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "plankg", "serve", "--graph", str(graph), "--port", "0", "--workers",
             str(workers), *options], cwd=cwd, stdout=subprocess.PIPE, stderr=stderr, text=True,
            env={**os.environ, **(env or {})})
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            ended = self.process.poll() is not None and self.process.stderr is not None
            raise AssertionError(f"plankg serve did not start: {self.process.stderr.read() if ended else self.url}")
        self.port = urllib.parse.urlsplit(self.url).port

    def request(self, method: str, target: str, host: str | None = None, body: bytes | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Accept": "application/sparql-results+json"}
        if host is not None:
            headers["Host"] = host
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def query_target(self, query: str) -> str:
        return f"/sparql?{urllib.parse.urlencode({'query': query})}"

    def stop(self, how: signal.Signals = signal.SIGKILL, seconds: float = 15) -> None:
        """Send ``how`` if it still runs, and wait for it to end."""
        if self.process.poll() is None:
            self.process.send_signal(how)
        self.process.wait(seconds)


@contextmanager
def loopback_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """An HTTP server with ``handler`` on a free loopback port, serving from a thread until the end."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def children(pid: int) -> list[int]:
    """The process ids ``pid`` started that are still its children."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(child) for child in handle.read().split()]
    except (FileNotFoundError, ProcessLookupError):
        pass
    return found


def gone(pid: int) -> bool:
    """Exited: no such process, or a zombie (it holds no memory) waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_until(condition, seconds: float) -> bool:
    """Whether ``condition()`` became true within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
