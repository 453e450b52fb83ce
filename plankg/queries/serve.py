"""A read-only SPARQL 1.1 Protocol endpoint: ``plankg serve``.

Stack: the standard library's ``http.server.ThreadingHTTPServer`` in front of a
small pool of worker processes that run the queries with pyoxigraph.

* Why the stdlib server: the endpoint has three routes and no async work (each
  request waits on a worker process), so Starlette/FastAPI + uvicorn would add
  two dependencies and an event loop for nothing; ``ThreadingHTTPServer`` is
  maintained with Python and handles concurrent clients with one thread each.
  rdflib-endpoint was not used: it binds 0.0.0.0 by default and its page loads
  YASGUI from the internet.
* Why worker processes: a runaway query has to be stopped, and neither an rdflib
  evaluation nor a pyoxigraph one can be interrupted from another thread. Each
  worker holds its own copy of the graph (an in-memory pyoxigraph ``Store``
  loaded from a private N-Quads dump, or ``Store.read_only`` on an on-disk
  store); a request is handed to an idle worker, and when no answer comes within
  ``timeout`` seconds that worker is killed (SIGKILL) and a fresh one is started
  in the background, while the other workers go on answering. Each worker also
  runs under an address-space limit, so a query that tries to materialise a huge
  intermediate result dies alone and is reported as an error.
* Why pyoxigraph: it is about a hundred times faster than rdflib here, and the
  tests check that the query library gives the same answers on both.

Read-only: SPARQL Update (``application/sparql-update`` bodies, ``update=``
forms) is refused with 403 before it reaches a worker; an update sent as a query
fails to parse (400); the workers never call ``Store.update`` and an on-disk
store is opened read-only. Results are capped in size (``max_result_bytes``: a
larger result is refused with 400 and a message asking for a LIMIT, so clients do
not retry it), request bodies at 1 MiB and concurrent connections at 256 (the listen
backlog holds 128 more); a connection idle for ``idle_timeout`` seconds (5) is
closed, so keep-alive clients free their slot; every request is logged (client,
method, path, status, bytes, seconds, the query) on the ``plankg.serve`` logger.

Nothing leaves the machine: a query with ``SERVICE`` is refused (400) unless
``allowed_services`` names the endpoint, and a query nested deeper than 64 brackets
is refused before it is parsed (``policy.py``). The ``Host`` header must name one of
``allowed_hosts`` (the bound address and, on loopback, ``localhost``, ``127.0.0.1``
and ``::1``), or the request is refused (403), so a web page on another name that
resolves to this address (DNS rebinding) cannot read the endpoint. Status codes:
400 bad or refused query, 403 update or another host, 404 other paths, 405
PUT/DELETE/PATCH, 406 no acceptable format, 415 other bodies, 500 a worker failed,
503 the query ran past the time limit or every worker is busy.

Routes: ``/sparql`` (GET ``?query=``, POST form, POST ``application/sparql-query``;
a GET without a query gets the SPARQL 1.1 Service Description of the endpoint) and ``/`` (a small
self-contained page with a query form and the query library; no external
resources). ``default-graph-uri`` and ``named-graph-uri`` are honoured; without
them the default graph is the union of all graphs. The prefixes of
``DEFAULT_PREFIXES`` (plan:, skos:, rdfs:, …) may be used without declaring them.

Results as clients ask for them: SELECT and ASK as SPARQL JSON, XML, CSV or TSV; CONSTRUCT
and DESCRIBE as Turtle, N-Triples, RDF/XML, JSON-LD, N-Quads, TriG or N3 — by the
``Accept`` header, or by a ``format=`` parameter, which wins: a media type, or a name
read for the result's kind as SPARQLWrapper and YASGUI send it (``xml`` is SPARQL XML for
a SELECT and RDF/XML for a CONSTRUCT, ``json`` SPARQL JSON or JSON-LD; ``turtle``,
``n3``, ``rdf+xml``, ``json-ld``, ``nt``, ``nquads``, ``trig``, ``csv``, ``tsv``).
CORS is off unless ``cors_origins`` (``--cors ORIGIN``) names the web pages' origins
that may read the endpoint (``*``: any); those get ``Access-Control-Allow-Origin``, and
``OPTIONS`` answers their preflight requests.
"""
from __future__ import annotations

import contextlib
import gc
import html
import logging
import multiprocessing
import os
import queue
import resource
import signal
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar, cast

import pyoxigraph as ox

from .. import __version__
from ..errors import PlanError
from ..lifetime import PrivateDir, sweep_dirs, watch_parent, worker_signals
from .policy import QueryPolicy, QueryRefused, check_depth, expand_escapes
from .run import DEFAULT_PREFIXES

if TYPE_CHECKING:
    from .source import DefaultGraph

log = logging.getLogger("plankg.serve")

MAX_BODY = 1 << 20
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_RESULT_BYTES = 16 << 20
DEFAULT_MAX_MEMORY_MB = 2048
DEFAULT_MAX_CONNECTIONS = 256
#: Connections the kernel queues while every slot is taken (the stdlib's default is 5).
LISTEN_BACKLOG = 128
#: Seconds a connection may stay idle (between requests, or while sending one).
DEFAULT_IDLE_TIMEOUT = 5.0
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_WORKDIR_PREFIX = "plankg-serve-"

_RESULTS = [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/xml", ox.QueryResultsFormat.XML),
    ("text/xml", ox.QueryResultsFormat.XML),
]
_GRAPHS = [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-quads", ox.RdfFormat.N_QUADS),
    ("application/trig", ox.RdfFormat.TRIG),
    ("text/n3", ox.RdfFormat.N3),
    ("application/turtle", ox.RdfFormat.TURTLE),
    ("application/x-turtle", ox.RdfFormat.TURTLE),
    ("text/rdf+n3", ox.RdfFormat.N3),
    ("application/n3", ox.RdfFormat.N3),
    ("application/x-json+ld", ox.RdfFormat.JSON_LD),
    ("application/json", ox.RdfFormat.JSON_LD),
    ("application/xml", ox.RdfFormat.RDF_XML),
    ("text/xml", ox.RdfFormat.RDF_XML),
    ("text/plain", ox.RdfFormat.N_TRIPLES),
]
#: ``format=`` names (SPARQLWrapper's, YASGUI's and browser forms') -> the media type for
#: results (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE); None: no such form.
FORMAT_PARAMS: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"), "ttl": (None, "text/turtle"),
    "n3": (None, "text/n3"),
    "rdf": (None, "application/rdf+xml"), "rdf+xml": (None, "application/rdf+xml"),
    "rdfxml": (None, "application/rdf+xml"),
    "json-ld": (None, "application/ld+json"), "jsonld": (None, "application/ld+json"),
    "nt": (None, "application/n-triples"), "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"),
    "nquads": (None, "application/n-quads"), "n-quads": (None, "application/n-quads"),
    "trig": (None, "application/trig"),
}
_CONTENT_TYPES = {
    ox.QueryResultsFormat.JSON: "application/sparql-results+json",
    ox.QueryResultsFormat.XML: "application/sparql-results+xml",
    ox.QueryResultsFormat.CSV: "text/csv; charset=utf-8",
    ox.QueryResultsFormat.TSV: "text/tab-separated-values; charset=utf-8",
    ox.RdfFormat.TURTLE: "text/turtle; charset=utf-8",
    ox.RdfFormat.N_TRIPLES: "application/n-triples",
    ox.RdfFormat.RDF_XML: "application/rdf+xml",
    ox.RdfFormat.JSON_LD: "application/ld+json",
    ox.RdfFormat.N_QUADS: "application/n-quads",
    ox.RdfFormat.TRIG: "application/trig; charset=utf-8",
    ox.RdfFormat.N3: "text/n3; charset=utf-8",
}
#: W3C format IRIs (http://www.w3.org/ns/formats/) of what the endpoint sends
_FORMAT_IRIS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads", "TriG", "N3")
CORS_MAX_AGE = 600  # seconds a browser may keep a preflight's answer
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    note: str = ""
    own_policy: bool = False  # the page carries its own Content-Security-Policy (the network page)

    @classmethod
    def text(cls, status: int, message: str) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), message)


# ----------------------------------------------------------------------------- content negotiation


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    items = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for field in fields[1:]:
            if field.lower().startswith("q="):
                try:
                    q = float(field[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            items.append((q, index, media))
    return sorted(items, key=lambda item: (-item[0], item[1]))


_Offered = TypeVar("_Offered")
#: a form a result can be sent in: results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE)
_Format = ox.QueryResultsFormat | ox.RdfFormat


def negotiate(accept: str | None, offers: Sequence[tuple[str, _Offered]]) -> tuple[str, _Offered] | None:
    """The offer the Accept header prefers (q-values, then header order; wildcards take
    our first offer in their range); the first offer when there is no header; None when
    nothing offered is acceptable."""
    if not accept or not accept.strip():
        return offers[0]
    for _q, _index, media in _accepted(accept):
        for offer in offers:
            kind = offer[0]
            if media == kind or media == "*/*" or (media.endswith("/*") and kind.startswith(media[:-1])):
                return offer
    return None


def format_choice(values: list[str]) -> tuple[str, str | None, str | None] | None:
    """The first ``format=`` value understood, as (value, media type for results, for graphs);
    a media type stands for itself. None when no value is understood."""
    for value in values:
        name = value.strip().lower()
        if name in FORMAT_PARAMS:
            return (name, *FORMAT_PARAMS[name])
        if "/" in name and any(name == media for media, _ in _RESULTS + _GRAPHS):
            results = name if any(name == media for media, _ in _RESULTS) else None
            graphs = name if any(name == media for media, _ in _GRAPHS) else None
            return (name, results, graphs)
    return None


def service_description(url: str, triples: int) -> str:
    """The SPARQL 1.1 Service Description of the endpoint at ``url``, in Turtle."""
    formats = ", ".join(f"formats:{name}" for name in _FORMAT_IRIS)
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<{url}#service> a sd:Service ;
    dcterms:title "plankg SPARQL endpoint (read-only)" ;
    sd:endpoint <{url}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat {formats} ;
    sd:defaultDataset <{url}#dataset> .

<{url}#dataset> a sd:Dataset ;
    sd:defaultGraph <{url}#default-graph> .

<{url}#default-graph> a sd:Graph ;
    void:triples {int(triples)} .
"""


# ----------------------------------------------------------------------------- worker processes


class _CappedOutput:
    """A write-only sink that stops taking bytes past ``limit``."""

    def __init__(self, limit: int):
        self.data = bytearray()
        self.limit = limit
        self.overflow = False

    def write(self, chunk) -> int:
        if len(self.data) + len(chunk) > self.limit:
            self.overflow = True
            raise OverflowError("result too large")
        self.data += chunk
        return len(chunk)

    def flush(self) -> None:
        pass


def _serialize(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, out: _CappedOutput,
               fmt: _Format) -> None:
    """Write ``result`` to ``out`` in ``fmt``, one of the forms offered for its kind."""
    sink = cast(IO[bytes], out)  # pyoxigraph writes to any object with write(); its stubs ask for IO[bytes]
    if isinstance(result, ox.QueryTriples):
        if isinstance(fmt, ox.RdfFormat):
            result.serialize(sink, fmt)
            return
    elif isinstance(fmt, ox.QueryResultsFormat):
        result.serialize(sink, fmt)
        return
    raise TypeError(f"a {type(result).__name__} has no {fmt} form")


def _graph_names(iris: list[str]) -> list[ox.NamedNode]:
    return [ox.NamedNode(iri) for iri in iris]


def _answer(store: ox.Store, job: dict, max_bytes: int, policy: QueryPolicy) -> tuple[int, str, bytes, str]:
    text = job["query"]
    options: dict = {}
    try:
        policy.check(text)
    except QueryRefused as err:
        return 400, "text/plain; charset=utf-8", f"{err}\n".encode(), "refused"
    try:
        if job.get("default_graph"):
            options["default_graph"] = _graph_names(job["default_graph"])
        else:
            options["use_default_graph_as_union"] = True
        if job.get("named_graph"):
            options["named_graphs"] = _graph_names(job["named_graph"])
        result = store.query(text, prefixes=DEFAULT_PREFIXES, **options)
    except SyntaxError as err:
        message = " ".join(str(err).split())
        if len(message) > 500:
            message = message[:500] + "…"
        hint = ""
        if _looks_like_update(text):
            hint = " (this endpoint is read-only: SPARQL Update is not accepted)"
        return 400, "text/plain; charset=utf-8", f"query syntax {message}{hint}\n".encode(), "syntax error"
    except ValueError as err:  # e.g. a default-graph-uri that is not an IRI
        return 400, "text/plain; charset=utf-8", f"bad request: {err}\n".encode(), "bad request"
    graph = isinstance(result, ox.QueryTriples)
    offers: Sequence[tuple[str, _Format]] = _GRAPHS if graph else _RESULTS
    accept = job.get("accept")
    if job.get("format"):  # format= wins over Accept; it may have no form for this result
        accept = job["format"][2 if graph else 1] or "nothing/acceptable"
    offer = negotiate(accept, offers)
    if offer is None:
        wanted = ", ".join(sorted({media for media, _ in offers}))
        return 406, "text/plain; charset=utf-8", f"not acceptable; this result can be sent as {wanted}\n".encode(), \
            "not acceptable"
    fmt = offer[1]
    out = _CappedOutput(max_bytes)
    try:
        _serialize(result, out, fmt)
    except Exception as err:  # noqa: BLE001 - overflow or any serialiser failure becomes the client's answer
        if out.overflow:
            return 400, "text/plain; charset=utf-8", (
                f"result larger than this endpoint's limit of {max_bytes} bytes; add a LIMIT\n").encode(), "too large"
        return 500, "text/plain; charset=utf-8", f"query failed: {' '.join(str(err).split())}\n".encode(), \
            "evaluation error"
    return 200, _CONTENT_TYPES[fmt], bytes(out.data), "ok"


def _looks_like_update(text: str) -> bool:
    words = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.extend(line.split())
    for word in words:
        upper = word.upper()
        if upper in ("PREFIX", "BASE") or ":" in word or word.startswith("<"):
            continue
        return upper in _UPDATE_WORDS
    return False


def _worker_main(conn, kind: str, location: str, max_bytes: int, max_memory_mb: int, parent: int,
                 policy: QueryPolicy) -> None:
    """A worker process: load the graph, then answer jobs until told to stop (or until the
    endpoint's process is gone)."""
    worker_signals()
    watch_parent(parent)
    if max_memory_mb > 0:
        limit = max_memory_mb << 20
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        if kind == "dir":
            store = ox.Store.read_only(location)
        else:
            store = ox.Store()
            store.bulk_load(path=location, format=ox.RdfFormat.N_QUADS)
    except Exception as err:  # noqa: BLE001 - reported to the parent, which gives up
        conn.send(("failed", " ".join(str(err).split())))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = _answer(store, job, max_bytes, policy)
        except MemoryError:
            reply = (500, "text/plain; charset=utf-8", b"query ran out of memory\n", "out of memory")
        conn.send(reply)


class _Worker:
    def __init__(self, context, kind: str, location: str, max_bytes: int, max_memory_mb: int,
                 policy: QueryPolicy):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main,
                                       args=(child, kind, location, max_bytes, max_memory_mb, os.getpid(), policy),
                                       name="plankg-sparql-worker", daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> int:
        if not self.conn.poll(timeout):
            self.kill()
            raise PlanError(f"a query worker did not load the graph within {timeout:g} s")
        try:
            status, detail = self.conn.recv()
        except EOFError:
            self.kill()
            raise PlanError("a query worker died while loading the graph") from None
        if status != "ready":
            self.kill()
            raise PlanError(f"a query worker could not load the graph: {detail}")
        return int(detail)

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(1.0)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5.0)
        self.conn.close()

    def death(self) -> str:
        """How the worker ended, for the reply to the query it was running."""
        self.process.join(1.0)
        code = self.process.exitcode
        if code is None:
            return "it stopped answering"
        if code < 0:
            try:
                return f"it was ended by {signal.Signals(-code).name}"
            except ValueError:
                return f"it was ended by signal {-code}"
        return f"it exited with status {code}"


class QueryPool:
    """Worker processes answering queries with a deadline; a late worker is killed and replaced."""

    def __init__(self, kind: str, location: str, size: int, timeout: float, max_bytes: int,
                 max_memory_mb: int = DEFAULT_MAX_MEMORY_MB, load_timeout: float = 600.0,
                 policy: QueryPolicy | None = None):
        self.kind, self.location = kind, location
        self.policy = policy or QueryPolicy()
        self.timeout, self.max_bytes, self.max_memory_mb = timeout, max_bytes, max_memory_mb
        self.load_timeout = load_timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.size = size
        self.triples = 0
        starting = [self._start() for _ in range(size)]
        try:
            for worker in starting:
                self.triples = worker.wait_ready(self.load_timeout)
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.kind, self.location, self.max_bytes, self.max_memory_mb, self.policy)
        with self._lock:
            self._all.add(worker)
        return worker

    def _forget(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now and start its successor in the background."""
        self._forget(worker)
        if not self._closed:
            threading.Thread(target=self._respawn, name="plankg-respawn", daemon=True).start()

    def _respawn(self) -> None:
        try:
            worker = self._start()
            worker.wait_ready(self.load_timeout)
        except Exception as err:  # noqa: BLE001  # pragma: no cover - the pool shrinks; logged
            log.error("could not restart a query worker: %s", err)
            return
        if self._closed:
            self._forget(worker)
        else:
            self._idle.put(worker)

    def run(self, job: dict) -> Reply:
        """Wait up to ``timeout`` for an idle worker, then give the query ``timeout`` to finish."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply.text(503, f"all {self.size} query workers are busy; try again later")
        if self._closed:
            return Reply.text(503, "the endpoint is shutting down")
        try:
            worker.conn.send(job)
        except (OSError, ValueError):
            self._replace(worker)
            return Reply.text(500, "a query worker was lost; try again")
        if not worker.conn.poll(self.timeout):
            self._replace(worker)
            return Reply.text(503, f"query cancelled: it ran longer than this endpoint's limit of "
                                   f"{self.timeout:g} s")
        try:
            status, content_type, body, note = worker.conn.recv()
        except (EOFError, OSError):
            how = worker.death()
            self._replace(worker)
            return Reply.text(500, f"query failed: its worker process died ({how}); the endpoint goes on "
                                   f"with a fresh one")
        self._idle.put(worker)
        return Reply(status, content_type, body, note)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


# ----------------------------------------------------------------------------- HTTP


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; ``url`` is its endpoint, ``close()`` stops it and its workers."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], pool: QueryPool, workdir: PrivateDir | None = None,
                 max_connections: int = DEFAULT_MAX_CONNECTIONS, network_source: Path | None = None,
                 allowed_hosts: tuple[str, ...] = (), idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
                 cors_origins: tuple[str, ...] = ()):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, SparqlHandler)
        self.pool = pool
        self.workdir = workdir
        self.allowed_hosts = host_names(address[0], allowed_hosts)
        self.idle_timeout = idle_timeout
        self.cors_origins = frozenset(origin.rstrip("/") for origin in cors_origins)
        self.slots = threading.BoundedSemaphore(max_connections)
        self.page = _page(pool.triples).encode("utf-8")
        self._thread: threading.Thread | None = None
        self._network_source = network_source
        self._network_page: bytes | None = None
        self._network_lock = threading.Lock()

    def network_page(self) -> bytes | None:
        """The interactive network page of the served graph, built on first request (it needs the
        graph in rdflib); None when the graph has no file (an on-disk store) or no page can be drawn."""
        with self._network_lock:
            if self._network_page is None and self._network_source is not None:
                from ..graph.render import network, page_html

                try:
                    self._network_page = page_html(network(str(self._network_source))).encode("utf-8")
                except (PlanError, OSError, ValueError) as err:
                    log.warning("no network page: %s", err)
                    self._network_source = None
            return self._network_page

    @property
    def url(self) -> str:
        address, port = self.server_address[:2]
        host = address.decode() if isinstance(address, bytes) else address
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def handle_error(self, request, client_address) -> None:
        """A client that went away is logged on one line; anything else with its traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            log.debug("%s: connection lost (%s)", client_address[0], type(error).__name__)
            return
        log.exception("%s: error while answering", client_address[0])

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def start(self) -> SparqlServer:
        """Serve in a background thread (for tests and embedding)."""
        self._thread = threading.Thread(target=self.serve_forever, name="plankg-serve", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join(5.0)
            self._thread = None
        self.server_close()
        self.pool.close()
        if self.workdir:
            self.workdir.remove()
            self.workdir = None

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request's ``Host`` header names this endpoint."""
        if "*" in self.allowed_hosts:
            return True
        name = host_of(header)
        return name is not None and name in self.allowed_hosts


def host_of(header: str | None) -> str | None:
    """The host name of a ``Host`` header (``name``, ``name:port``, ``[v6]:port``), lower case;
    None when there is none or it does not parse."""
    if not header or not header.strip():
        return None
    try:
        parts = urllib.parse.urlsplit("//" + header.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    return parts.hostname.rstrip(".") if parts.hostname else None


def host_names(bound: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a request's Host may give: the bound address, the loopback names when it is a
    loopback address, and ``extra`` (``*``: any)."""
    names = {bound.strip("[]").lower()}
    if names & set(LOOPBACK_NAMES):
        names |= set(LOOPBACK_NAMES)
    return frozenset(names | {name.strip("[]").lower().rstrip(".") for name in extra})


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = f"plankg/{__version__}"
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        # seconds a connection may stay idle: socketserver reads it per connection, though
        # typeshed declares it a ClassVar
        self.timeout = self.server.idle_timeout  # type: ignore[misc]
        super().setup()

    def parse_request(self) -> bool:
        """The stdlib's parsing, then the Host check (before any route runs)."""
        if not super().parse_request():
            return False
        if self.server.host_allowed(self.headers.get("Host")):
            return True
        self.close_connection = True
        host = " ".join((self.headers.get("Host") or "").split())[:100] or "(none)"
        self._send(Reply.text(403, f"Host {host} is not a name of this endpoint; start it with "
                                   f"--allow-host NAME to serve that name"), time.monotonic())
        return False

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        log.debug("%s " + format, self.client_address[0], *args)

    def _cors_origin(self) -> str | None:
        """The request's Origin when --cors lets that web origin read the endpoint, else None."""
        origin = (self.headers.get("Origin") or "").strip()
        allowed = self.server.cors_origins
        return origin if origin and (origin.rstrip("/") in allowed or "*" in allowed) else None

    def _send(self, reply: Reply, started: float, query: str = "", head_only: bool = False,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        if reply.status != 204:
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
        origin = self._cors_origin()
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if reply.content_type.startswith("text/html") and not reply.own_policy:
            self.send_header("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
        if reply.status in (204, 405):
            self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.end_headers()
        if not head_only:
            self.wfile.write(reply.body)
        excerpt = " ".join(query.split())
        log.info('%s "%s %s" %d %dB %.3fs%s%s', self.client_address[0], self.command,
                 self.path.split("?", 1)[0], reply.status, len(reply.body), time.monotonic() - started,
                 f" [{reply.note}]" if reply.note and reply.status != 200 else "",
                 f" query={excerpt[:160]!r}" if excerpt else "")

    def do_OPTIONS(self) -> None:
        """A CORS preflight (or a client asking what is allowed): 204, with the CORS headers
        when --cors names the request's origin."""
        started = time.monotonic()
        self._drain()
        extra = {}
        if self._cors_origin():
            asked = self.headers.get("Access-Control-Request-Headers") or ""
            names = [name.strip() for name in asked.split(",") if name.strip()]
            safe = [name for name in names if name.replace("-", "").isalnum()][:20]
            extra = {"Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                     "Access-Control-Allow-Headers": ", ".join(safe or ["Accept", "Content-Type"]),
                     "Access-Control-Max-Age": str(CORS_MAX_AGE)}
        self._send(Reply(204, "", b""), started, extra=extra)

    def do_HEAD(self) -> None:
        """HEAD of the Service Description (the endpoint URL without a query) and of the pages."""
        started = time.monotonic()
        path, _, raw = self.path.partition("?")
        if path == "/sparql" and not raw:
            self._send(self._service_description(), started, head_only=True)
        elif path in ("/", "/index.html") and not raw:
            self._send(Reply(200, "text/html; charset=utf-8", self.server.page), started, head_only=True)
        else:
            self._send(Reply.text(404 if path != "/sparql" else 405, "HEAD answers the endpoint URL without a "
                                                                     "query and the pages"), started, head_only=True)

    def _service_description(self) -> Reply:
        """The SPARQL 1.1 Service Description, in the RDF format the Accept header asks for."""
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        url = f"http://{host}/sparql"
        offer = negotiate(self.headers.get("Accept"), _GRAPHS)
        if offer is None:
            wanted = ", ".join(sorted({media for media, _ in _GRAPHS}))
            return Reply.text(406, f"not acceptable; the service description can be sent as {wanted}")
        turtle = service_description(url, self.server.pool.triples).encode("utf-8")
        # bytes: with no output file pyoxigraph returns them (its stubs say bytes | None)
        body = turtle if offer[1] == ox.RdfFormat.TURTLE else \
            cast(bytes, ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=offer[1]))
        return Reply(200, _CONTENT_TYPES[offer[1]], body, "service description")

    def do_GET(self) -> None:
        started = time.monotonic()
        path, _, raw = self.path.partition("?")
        if path in ("/", "/index.html") and not raw:
            self._send(Reply(200, "text/html; charset=utf-8", self.server.page), started)
            return
        if path in ("/network", "/network.html") and not raw:
            page = self.server.network_page()
            if page is None:
                self._send(Reply.text(404, "no network page for this store: serve a graph file"), started)
            else:
                self._send(Reply(200, "text/html; charset=utf-8", page, own_policy=True), started)
            return
        if path != "/sparql":
            self._send(Reply.text(404, "not found; the SPARQL endpoint is /sparql"), started)
            return
        params = urllib.parse.parse_qs(raw, keep_blank_values=True)
        if not {"query", "update", "using-graph-uri", "using-named-graph-uri"} & set(params):
            self._send(self._service_description(), started)
            return
        self._protocol(params, None, started)

    def do_POST(self) -> None:
        started = time.monotonic()
        path, _, raw = self.path.partition("?")
        if path != "/sparql":
            self._drain()
            self._send(Reply.text(404, "not found; the SPARQL endpoint is /sparql"), started)
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            self._send(Reply.text(411, "a POST needs a Content-Length"), started)
            return
        if int(length) > MAX_BODY:
            self.close_connection = True
            self._send(Reply.text(413, f"request body larger than {MAX_BODY} bytes"), started)
            return
        body = self.rfile.read(int(length))
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(raw, keep_blank_values=True)
        if media == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                self._send(Reply.text(400, "the form is not UTF-8"), started)
                return
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            self._protocol(params, None, started)
        elif media == "application/sparql-query":
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                self._send(Reply.text(400, "the query is not UTF-8"), started)
                return
            self._protocol(params, text, started)
        elif media == "application/sparql-update":
            self._send(Reply.text(403, "this endpoint is read-only: SPARQL Update is not accepted"), started)
        else:
            self._send(Reply.text(415, "send application/sparql-query or an application/x-www-form-urlencoded "
                                       "form with a query parameter"), started)

    def _refuse_method(self) -> None:
        started = time.monotonic()
        self._drain()
        self._send(Reply.text(405, f"{self.command} is not allowed: this endpoint is read-only "
                                   f"(GET or POST queries to /sparql)"), started)

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _drain(self) -> None:
        length = self.headers.get("Content-Length")
        if length and length.isdigit() and int(length) <= MAX_BODY:
            self.rfile.read(int(length))
        else:
            self.close_connection = True

    def _protocol(self, params: dict[str, list[str]], body_query: str | None, started: float) -> None:
        if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
            self._send(Reply.text(403, "this endpoint is read-only: SPARQL Update is not accepted"), started)
            return
        queries = params.get("query", [])
        if body_query is not None:
            queries = [body_query, *queries]
        if len(queries) != 1 or not queries[0].strip():
            self._send(Reply.text(400, "give exactly one query (the query parameter or an "
                                       "application/sparql-query body)"), started)
            return
        query = queries[0]
        try:
            check_depth(expand_escapes(query))  # before any parser sees it
        except QueryRefused as err:
            self._send(Reply.text(400, str(err)), started, query[:200])
            return
        fmt = None
        if [value for value in params.get("format", []) if value.strip()]:
            fmt = format_choice(params["format"])
            if fmt is None:
                self._send(Reply.text(400, f"format must be a media type or one of {', '.join(FORMAT_PARAMS)}"),
                           started, query)
                return
        job = {"query": query, "accept": self.headers.get("Accept"), "format": fmt,
               "default_graph": params.get("default-graph-uri", []), "named_graph": params.get("named-graph-uri", [])}
        self._send(self.server.pool.run(job), started, query)


def _page(triples: int) -> str:
    from .library import list_queries

    items = []
    for q in list_queries():
        params = " ".join(f"{p.name}={p.type}" for p in q.params)
        items.append(f"<li><b>{html.escape(q.name)}</b> {html.escape(params)} — {html.escape(q.description)}"
                     f"<details><summary>SPARQL</summary><pre>{html.escape(q.text)}</pre></details></li>")
    example = "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class ORDER BY DESC(?n)"
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>plankg SPARQL endpoint</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
textarea{{width:100%;height:10rem;font-family:monospace}}pre{{background:#f4f4f4;padding:.5rem;overflow:auto}}</style>
</head><body>
<h1>plankg SPARQL endpoint</h1>
<p>{triples} triples, read-only. Send SPARQL 1.1 queries to <code>/sparql</code> (GET or POST);
SELECT and ASK results as JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE graphs as Turtle,
N-Triples, RDF/XML, JSON-LD, N-Quads or TriG, by the <code>Accept</code> header or a
<code>format</code> parameter; <code>/sparql</code> without a query describes the service
(SPARQL 1.1 Service Description). Library queries bind their
parameters (<code>?name</code> …) locally with <code>plankg query</code>; here, replace them in the text.
The prefixes plan:, skos:, rdfs:, rdf:, dcterms:, nif:, prov:, xsd:, org: and schema: need no declaration.</p>
<p><a href="/network.html">The interactive entity network of this graph</a>.</p>
<form method="get" action="/sparql">
<textarea name="query">{html.escape(example)}</textarea>
<p><label>format <select name="format">
<option>json</option><option>xml</option><option>csv</option><option>tsv</option>
<option>turtle</option><option>ntriples</option><option>jsonld</option><option>rdfxml</option>
</select></label>
<button type="submit">run</button></p></form>
<h2>Query library</h2><ul>{''.join(items)}</ul>
</body></html>
"""


# ----------------------------------------------------------------------------- assembling


def make_server(graph: str | Path | None = None, store: str = "oxigraph", host: str = "127.0.0.1",
                port: int = 0, workers: int | None = None, timeout: float = DEFAULT_TIMEOUT,
                max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
                max_memory_mb: int = DEFAULT_MAX_MEMORY_MB, *, allowed_hosts: tuple[str, ...] = (),
                allowed_services: tuple[str, ...] = (), idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
                max_connections: int = DEFAULT_MAX_CONNECTIONS, cors_origins: tuple[str, ...] = (),
                default: DefaultGraph | None = None) -> SparqlServer:
    """A ready (bound, workers loaded) but not yet serving endpoint for ``graph`` (None: ``default()``).

    For an in-memory store the graph is copied (N-Quads) into a private folder that the
    workers load from; it is removed by ``close()``, and a folder left by a killed
    endpoint is removed when the next one starts."""
    from .source import graph_file, open_store_dir, parse_store

    spec = parse_store(store)
    if spec.kind != "oxigraph":
        raise PlanError("the endpoint runs on pyoxigraph (its queries can be cancelled): "
                        "use --store oxigraph or oxigraph:DIR")
    if timeout <= 0 or max_result_bytes <= 0 or idle_timeout <= 0 or max_connections <= 0:
        raise PlanError("--timeout, --idle-timeout, --max-connections and --max-result-bytes must be positive")
    size = workers if workers and workers > 0 else max(2, os.cpu_count() or 2)
    policy = QueryPolicy.allowing(allowed_services)
    sweep_dirs(_WORKDIR_PREFIX)
    workdir = None
    path = None  # the graph file served from memory (None for a store folder)
    try:
        if spec.directory is not None:
            opened = open_store_dir(spec.directory, graph, default)  # loads the graph when the store is stale
            del opened  # release the write lock before the workers open it read-only
            gc.collect()
            kind, location = "dir", str(spec.directory)
        else:
            workdir = PrivateDir(_WORKDIR_PREFIX)
            path = graph_file(graph, default)
            kind, location = "memory", _private_copy(path, workdir)
        pool = QueryPool(kind, location, size, timeout, max_result_bytes, max_memory_mb, policy=policy)
    except BaseException:
        if workdir:
            workdir.remove()
        raise
    try:
        source = path if path is not None else graph_file(graph, default) if graph is not None else None
        return SparqlServer((host, port), pool, workdir, max_connections, network_source=source,
                            allowed_hosts=allowed_hosts, idle_timeout=idle_timeout, cors_origins=cors_origins)
    except BaseException as err:
        pool.close()
        if workdir:
            workdir.remove()
        if isinstance(err, OSError):
            raise PlanError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
        raise


def _private_copy(path: Path, workdir: PrivateDir) -> str:
    """``path`` parsed (its parse errors surface here, once) and written as N-Quads in ``workdir``."""
    from .source import load_oxigraph

    parsed = load_oxigraph(path)
    location = str(workdir.path / "graph.nq")
    parsed.dump(location, format=ox.RdfFormat.N_QUADS)
    return location


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def serve_command(graph: Path | None, store: str, host: str, port: int, workers: int | None,
                  timeout: float, max_result_bytes: int, max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
                  allowed_hosts: tuple[str, ...] = (), allowed_services: tuple[str, ...] = (),
                  idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
                  max_connections: int = DEFAULT_MAX_CONNECTIONS, cors_origins: tuple[str, ...] = (),
                  default: DefaultGraph | None = None) -> None:
    """``plankg serve``: serve ``graph`` (None: ``default()``) until interrupted (Ctrl-C or SIGTERM;
    both remove the graph copy)."""
    import click

    signal.signal(signal.SIGTERM, _interrupt)  # from the start: loading a large graph takes a while
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        server = make_server(graph, store, host, port, workers, timeout, max_result_bytes, max_memory_mb,
                             allowed_hosts=allowed_hosts, allowed_services=allowed_services,
                             idle_timeout=idle_timeout, max_connections=max_connections,
                             cors_origins=cors_origins, default=default)
    except KeyboardInterrupt:
        return  # stopped while loading: make_server removed what it made
    try:
        if host not in LOOPBACK_NAMES:
            click.echo(f"plankg: warning: listening on {host}, not loopback: anyone who can reach it can query"
                       + ("" if allowed_hosts else "; requests must name it in Host (add --allow-host NAME "
                                                   "for the names clients use)"), err=True)
        click.echo(f"plankg: serving {server.pool.triples} triples at {server.url} "
                   f"({server.pool.size} workers, {timeout:g} s per query); Ctrl-C stops", err=True)
        click.echo(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
