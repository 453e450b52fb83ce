"""Shared by bench/load.py and bench/soak.py: a real ``plankg serve`` on loopback.

``Endpoint`` starts ``python -m plankg serve --port 0`` as a child process, reads the
URL it prints, and stops it with SIGTERM (then SIGKILL) when done; ``rss()`` sums the
resident memory of the server and its query workers (Linux ``/proc``).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path


class Endpoint:
    """``plankg serve`` in a child process; use as a context manager."""

    def __init__(self, *options: str, graph: Path | None = None):
        command = [sys.executable, "-m", "plankg", "serve", "--port", "0", *options]
        if graph is not None:
            command += ["--graph", str(graph)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.process.kill()
            raise SystemExit(f"plankg serve did not start: {self.process.stderr.read()[-2000:]}")
        parts = urllib.parse.urlsplit(self.url)
        self.host, self.port = parts.hostname, parts.port
        self.log_lines = 0
        threading.Thread(target=self._drain, daemon=True).start()  # the request log, counted

    def _drain(self) -> None:
        for _line in self.process.stderr:
            self.log_lines += 1

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def alive(self) -> bool:
        return self.process.poll() is None

    def rss(self) -> tuple[int, int]:
        """Resident memory in bytes: (the server process, the server and all its workers)."""
        own = _rss(self.process.pid)
        return own, own + sum(_rss(child) for child in _children(self.process.pid))


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(child) for child in handle.read().split()]
        except OSError:
            continue
    return found


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` fall (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]
