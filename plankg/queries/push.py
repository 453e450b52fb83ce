"""Sending a graph to a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph's ``/store``,
Fuseki's ``/DATASET/data``, GraphDB's ``/repositories/R/rdf-graphs/service`` …).

The graph goes as one N-Triples body: ``PUT`` (replace) or ``POST`` (add) to
``ENDPOINT?graph=IRI``, or ``ENDPOINT?default`` for the default graph. The
stdlib's ``urllib.request`` is enough for one request and adds no dependency.

A graph file is sent term for term as written (``file_ntriples``: parsed by
pyoxigraph without loading it into a store), because a store rewrites literals as it
loads them — Oxigraph keeps ``"5"^^xsd:nonNegativeInteger`` as ``"5"^^xsd:integer``
and ``"1.0"^^xsd:decimal`` as ``"1"`` — and what arrives must validate as the file does
(plankg writes neither form, but a graph file from elsewhere may).
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import Graph

from .. import __version__
from ..errors import PlanError
from .library import ABSOLUTE_IRI
from .run import Target


def file_ntriples(path: Path) -> tuple[bytes, int]:
    """The triples of a graph file (the union of its graphs, each triple once) as sorted
    N-Triples lines with every term exactly as the file has it, and how many there are."""
    from .source import oxigraph_format

    try:
        lines = {f"{quad.subject} {quad.predicate} {quad.object} .\n"
                 for quad in ox.parse(path=str(path), format=oxigraph_format(path))}
    except SyntaxError as err:
        raise PlanError(f"{path}: does not parse: {' '.join(str(err).split())[:300]}") from None
    except OSError as err:
        raise PlanError(f"{path}: cannot read: {err.strerror or err}") from None
    return "".join(sorted(lines)).encode("utf-8"), len(lines)


def ntriples(target: Target | Path) -> tuple[bytes, int]:
    """The triples (the union of the graphs) of a graph file, an rdflib graph or a pyoxigraph
    store as N-Triples, and how many there are. A store sends its literals as it holds them."""
    if isinstance(target, Path):
        return file_ntriples(target)
    if isinstance(target, ox.Store):
        result = target.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        if not isinstance(result, ox.QueryTriples):
            raise TypeError(f"a CONSTRUCT query answered a {type(result).__name__}")
        # bytes: with no output file pyoxigraph returns them (its stubs say bytes | None)
        data = cast(bytes, result.serialize(format=ox.RdfFormat.N_TRIPLES))
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


def push(target: Target | Path, endpoint: str, graph_iri: str | None = None, *, timeout: float = 60.0,
         append: bool = False) -> int:
    """Send ``target`` (a graph file, an rdflib graph or a pyoxigraph store) to the Graph Store
    endpoint; return the number of triples sent."""
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
    except TimeoutError:
        raise PlanError(f"{endpoint}: no answer within {timeout:g} s") from None
    except OSError as err:
        raise PlanError(f"{endpoint}: cannot reach the endpoint: {err.strerror or err}") from None
    return count
