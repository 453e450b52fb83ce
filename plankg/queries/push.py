"""Sending a graph to a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph's ``/store``,
Fuseki's ``/DATASET/data``, GraphDB's ``/repositories/R/rdf-graphs/service`` …).

The graph goes as one N-Triples body: ``PUT`` (replace) or ``POST`` (add) to
``ENDPOINT?graph=IRI``, or ``ENDPOINT?default`` for the default graph. The
stdlib's ``urllib.request`` is enough for one request and adds no dependency.
"""
from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
from rdflib import Graph

from .. import __version__
from ..errors import PlanError
from .library import ABSOLUTE_IRI
from .run import Target


def ntriples(target: Target) -> tuple[bytes, int]:
    """The target's triples (the union of its graphs) as N-Triples, and how many there are."""
    if isinstance(target, ox.Store):
        result = target.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        data = result.serialize(format=ox.RdfFormat.N_TRIPLES)
        return data, data.count(b"\n")
    if isinstance(target, Graph):
        return target.serialize(format="nt", encoding="utf-8"), len(target)
    raise TypeError(f"cannot push a {type(target).__name__}")


def store_url(endpoint: str, graph_iri: str | None) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PlanError(f"--endpoint {endpoint!r}: give an http(s) URL such as http://127.0.0.1:7878/store")
    if graph_iri is not None and not ABSOLUTE_IRI.match(graph_iri):
        raise PlanError(f"--graph-iri {graph_iri!r}: not an absolute IRI")
    query = [q for q in parts.query.split("&") if q]
    query.append("graph=" + urllib.parse.quote(graph_iri, safe="") if graph_iri else "default")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "&".join(query), ""))


def push(target: Target, endpoint: str, graph_iri: str | None = None, *, timeout: float = 60.0,
         append: bool = False) -> int:
    """Send ``target`` to the Graph Store endpoint; return the number of triples sent."""
    url = store_url(endpoint, graph_iri)
    body, count = ntriples(target)
    request = urllib.request.Request(url, data=body, method="POST" if append else "PUT", headers={
        "Content-Type": "application/n-triples",
        "User-Agent": f"plankg/{__version__}",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        detail = " ".join(err.read(500).decode("utf-8", "replace").split())
        raise PlanError(f"{endpoint}: the endpoint refused the graph: HTTP {err.code} {err.reason}"
                        + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as err:
        reason = err.reason.strerror if isinstance(err.reason, OSError) and err.reason.strerror else err.reason
        raise PlanError(f"{endpoint}: cannot reach the endpoint: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise PlanError(f"{endpoint}: no answer within {timeout:g} s") from None
    except OSError as err:
        raise PlanError(f"{endpoint}: cannot reach the endpoint: {err.strerror or err}") from None
    return count
