"""Running a query on an rdflib ``Graph`` or a pyoxigraph ``Store``, with the same answers.

Both engines return a ``Result`` of rdflib terms, so callers (and the tests that
compare the engines) never see which one ran. Parameters are bound as RDF
terms: rdflib's ``initBindings`` and pyoxigraph's ``substitutions``.
Literals typed ``xsd:string`` are returned as plain literals (the same thing
in RDF 1.1), so rows from the two engines compare equal.

Serialisation (``Result.serialize``) goes through rdflib's SPARQL results
serialisers (JSON, XML, CSV); TSV, which rdflib lacks, is written here with
each term in N-Triples form (pyoxigraph's term syntax), as SPARQL 1.1 TSV
asks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping, Union

import pyoxigraph as ox
import rdflib.plugins.sparql
from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef, Variable, XSD
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result as RdflibResult
from rdflib.term import Identifier, Node

from ..errors import PlanError
from ..graph.triples import to_oxigraph
from ..ontology.namespace import PREFIXES
from .library import Query, parse_query
from .policy import QueryPolicy, check_depth, deep_parsing, expand_escapes

Target = Union[Graph, ox.Store]

# FROM <url> / FROM NAMED <url> on an rdflib Dataset would fetch ``url`` from the web
# (rdflib's default): no query plankg runs reaches the network (policy.py), so never.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

#: Prefixes every query may use without declaring them (library queries declare theirs,
#: so they also run unchanged on other endpoints).
DEFAULT_PREFIXES: dict[str, str] = {
    **PREFIXES,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "xsd": str(XSD),
}

RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}
_XSD_STRING = str(XSD.string)


@dataclass(frozen=True)
class Result:
    """The answer to a query: ``variables`` and ``rows`` (rdflib terms, ``None`` where
    unbound) for SELECT, ``boolean`` for ASK, ``graph`` for CONSTRUCT and DESCRIBE."""

    kind: str  # SELECT | ASK | CONSTRUCT
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.rows)
        if self.kind == "ASK":
            return 1
        return len(self.graph) if self.graph is not None else 0

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def records(self) -> list[dict[str, Node]]:
        """Each row as a dict from variable name to term (unbound variables left out)."""
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]

    def column(self, variable: str) -> list[Node | None]:
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]

    def to_rdflib(self) -> RdflibResult:
        result = RdflibResult(self.kind)
        if self.kind == "SELECT":
            result.vars = [Variable(v) for v in self.variables]
            result.bindings = [{Variable(k): t for k, t in record.items()} for record in self.records()]
        elif self.kind == "ASK":
            result.askAnswer = bool(self.boolean)
        else:
            result.graph = self.graph
        return result

    def serialize(self, fmt: str) -> bytes:
        """SPARQL 1.1 results in ``json``, ``xml``, ``csv`` or ``tsv`` (SELECT, and ASK in
        json/xml); for a graph, ``turtle``, ``nt``, ``json-ld`` or ``xml`` (RDF/XML)."""
        if self.kind == "CONSTRUCT":
            if fmt not in GRAPH_FORMATS:
                raise PlanError(f"a CONSTRUCT or DESCRIBE result is a graph; write it as one of "
                                f"{', '.join(GRAPH_FORMATS)}, not {fmt}")
            assert self.graph is not None
            return self.graph.serialize(format=GRAPH_FORMATS[fmt], encoding="utf-8")
        if fmt not in RESULT_FORMATS:
            raise PlanError(f"unknown results format {fmt}; use one of {', '.join(RESULT_FORMATS)}")
        if self.kind == "ASK" and fmt in ("csv", "tsv"):
            raise PlanError(f"SPARQL {fmt.upper()} results have no form for an ASK answer; use json or xml")
        if fmt == "tsv":
            return _tsv(self).encode("utf-8")
        data = self.to_rdflib().serialize(format=fmt, encoding="utf-8")
        assert data is not None
        return data


def _tsv(result: Result) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if term is None else str(to_oxigraph(term)) for term in row))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ terms


def from_oxigraph(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    return Literal(str(term))  # an RDF 1.2 triple term: shown in its N-Triples form


def _plain(term: Node | None) -> Node | None:
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


# ------------------------------------------------------------------ running


def run_query(query: Query | str, target: Target, params: Mapping[str, str] | None = None,
              policy: QueryPolicy | None = None) -> Result:
    """Run ``query`` (a library ``Query`` or SPARQL text) on ``target`` with ``params``
    bound to its declared parameters. Raises PlanError for syntax errors (with the
    parser's line and column), bad parameters and evaluation errors, and QueryRefused
    for a query ``policy`` refuses (default: any SERVICE call, nesting deeper than 64)."""
    if isinstance(query, str):
        query = parse_query(query)
    bindings = query.bindings(params)
    (policy or QueryPolicy()).check(query.text)
    if isinstance(target, ox.Store):
        return _run_oxigraph(query, target, bindings)
    if isinstance(target, Graph):
        return _run_rdflib(query, target, bindings)
    raise TypeError(f"cannot query a {type(target).__name__}; give an rdflib Graph or a pyoxigraph Store")


def check_syntax(query: Query | str) -> None:
    """Raise PlanError with the parser's line and column if rdflib cannot parse ``query``."""
    if isinstance(query, str):
        query = parse_query(query)
    _prepare(query)


def _prepare(query: Query):
    check_depth(expand_escapes(query.text))  # before the recursive parser sees it
    try:
        with deep_parsing():
            return prepareQuery(query.text, initNs=DEFAULT_PREFIXES)
    except ParseException as err:
        raise PlanError(f"query {query.name}: syntax error at line {err.lineno}, column {err.col}: "
                        f"{_one_line(err.msg)}") from None
    except Exception as err:  # rdflib raises bare Exceptions for unknown prefixes and the like
        raise PlanError(f"query {query.name}: {_one_line(str(err))}") from None


def _run_rdflib(query: Query, graph: Graph, bindings: Mapping[str, Identifier]) -> Result:
    prepared = _prepare(query)
    try:
        result = graph.query(prepared, initBindings=dict(bindings))
        if result.type == "ASK":
            return Result("ASK", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            out = Graph()
            for prefix, namespace in DEFAULT_PREFIXES.items():
                out.bind(prefix, namespace)
            for triple in result:
                out.add(triple)  # type: ignore[arg-type]
            return Result("CONSTRUCT", graph=out)
        variables = tuple(str(v) for v in result.vars or ())
        rows = tuple(tuple(_plain(term) for term in row) for row in result)  # type: ignore[union-attr]
        return Result("SELECT", variables, rows)
    except PlanError:
        raise
    except Exception as err:
        raise PlanError(f"query {query.name}: {_one_line(str(err)) or type(err).__name__}") from None


def _run_oxigraph(query: Query, store: ox.Store, bindings: Mapping[str, Identifier]) -> Result:
    substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in bindings.items()}
    try:
        result = store.query(query.text, prefixes=DEFAULT_PREFIXES, use_default_graph_as_union=True,
                             substitutions=substitutions or None)
        if isinstance(result, ox.QueryBoolean):
            return Result("ASK", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            out = Graph()
            for prefix, namespace in DEFAULT_PREFIXES.items():
                out.bind(prefix, namespace)
            for triple in result:
                out.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate),  # type: ignore[arg-type]
                         from_oxigraph(triple.object)))
            return Result("CONSTRUCT", graph=out)
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(from_oxigraph(solution[v]) for v in result.variables) for solution in result)
        return Result("SELECT", variables, rows)
    except SyntaxError as err:
        raise PlanError(f"query {query.name}: syntax {_oxigraph_message(str(err))}") from None
    except (RuntimeError, OSError, ValueError) as err:
        raise PlanError(f"query {query.name}: {_one_line(str(err))}") from None


def _oxigraph_message(message: str) -> str:
    """pyoxigraph says 'error at 3:2: expected …'; spell the position out like rdflib's."""
    import re

    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if match:
        return f"error at line {match.group(1)}, column {match.group(2)}: {_one_line(match.group(3))}"
    return f"error: {_one_line(message)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:400]
