"""Running a query: pyoxigraph answers every query plankg runs, in every command.

A query runs on a pyoxigraph ``Store``; an rdflib ``Graph`` given instead is copied into
one first (rdflib builds and writes graphs; it answers no query). The answer is a
``Result`` of rdflib terms. Parameters are bound as RDF terms (pyoxigraph's
``substitutions``), never pasted into the text. Literals typed ``xsd:string`` are
returned as plain literals (the same thing in RDF 1.1).

Syntax errors name the line and column; a SPARQL Update is refused with a message
saying so (``refuse_update``), before any engine sees it. ``tools/compare_engines.py``
compares the answers with rdflib's engine on the query library and on hand-written
SPARQL 1.1 (tests/sparql11.yaml): the same everywhere but for rdflib's own
failures (GROUP_CONCAT(DISTINCT …) over an OPTIONAL), the digits of a decimal AVG, and
a zero-length path to a term that is not in the graph (Oxigraph: no match).

Serialisation (``Result.serialize``) goes through rdflib's SPARQL results
serialisers (JSON, XML, CSV); TSV, which rdflib lacks, is written here with
each term in N-Triples form (pyoxigraph's term syntax), as SPARQL 1.1 TSV
asks.
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import XSD, BNode, ConjunctiveGraph, Graph, Literal, URIRef, Variable
from rdflib.query import Result as RdflibResult
from rdflib.term import Identifier

from ..errors import PlanError
from ..graph.triples import to_oxigraph
from ..ontology.namespace import ALL_PREFIXES
from .library import Query, parse_query
from .policy import QueryPolicy

#: Prefixes every query may use without declaring them: plankg's vocabulary's and the standard
#: ones (library queries declare theirs, so they also run unchanged on other endpoints).
DEFAULT_PREFIXES: dict[str, str] = ALL_PREFIXES

#: What queries run on: a pyoxigraph store (an rdflib graph is copied into one).
Target = ox.Store | Graph

RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}
_XSD_STRING = str(XSD.string)


@dataclass(frozen=True)
class Result:
    """The answer to a query: ``variables`` and ``rows`` (rdflib terms, ``None`` where
    unbound) for SELECT, ``boolean`` for ASK, ``graph`` for CONSTRUCT and DESCRIBE."""

    kind: str  # SELECT | ASK | CONSTRUCT
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Identifier | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.rows)
        if self.kind == "ASK":
            return 1
        return len(self.graph) if self.graph is not None else 0

    def __iter__(self) -> Iterator[tuple[Identifier | None, ...]]:
        return iter(self.rows)

    def records(self) -> list[dict[str, Identifier]]:
        """Each row as a dict from variable name to term (unbound variables left out)."""
        return [{v: t for v, t in zip(self.variables, row, strict=True) if t is not None} for row in self.rows]

    def column(self, variable: str) -> list[Identifier | None]:
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


def from_oxigraph(term) -> Identifier | None:
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


# ------------------------------------------------------------------ running


def run_query(query: Query | str, target: Target, params: Mapping[str, str] | None = None,
              policy: QueryPolicy | None = None) -> Result:
    """Run ``query`` (a library ``Query`` or SPARQL text) on ``target`` with ``params``
    bound to its declared parameters. Raises PlanError for syntax errors (with the
    line and column), updates, bad parameters and evaluation errors, and QueryRefused
    for a query ``policy`` refuses (default: any SERVICE call, nesting deeper than 64)."""
    if isinstance(query, str):
        query = parse_query(query)
    bindings = query.bindings(params)
    refuse_update(query)
    (policy or QueryPolicy()).check(query.text)
    return _run(query, as_store(target), bindings)


def timed_query(query: Query, target: Target, params: Mapping[str, str] | None = None,
                policy: QueryPolicy | None = None) -> tuple[Result, float]:
    """``run_query`` and the seconds it took (parsing, evaluating and reading every row)."""
    started = time.perf_counter()
    result = run_query(query, target, params, policy)
    return result, time.perf_counter() - started


def as_store(target: Target) -> ox.Store:
    """``target`` as a pyoxigraph store: a store as it is, an rdflib graph (or dataset: its
    graphs as named graphs) copied into a new in-memory one."""
    if isinstance(target, ox.Store):
        return target
    if isinstance(target, Graph):
        store = ox.Store()
        if isinstance(target, ConjunctiveGraph):
            store.bulk_load(target.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_load(target.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return store
    raise TypeError(f"cannot query a {type(target).__name__}; give a pyoxigraph Store or an rdflib Graph")


def check_syntax(query: Query | str, policy: QueryPolicy | None = None) -> None:
    """Raise PlanError with the line and column if ``query`` is not a SPARQL 1.1 query (an
    update is refused as such), and QueryRefused if ``policy`` refuses it first (default:
    nesting deeper than 64, or any SERVICE call). Nothing is evaluated."""
    if isinstance(query, str):
        query = parse_query(query)
    refuse_update(query)
    (policy or QueryPolicy()).check(query.text)
    try:
        ox.Store().query(query.text, prefixes=DEFAULT_PREFIXES)  # an empty store: parsed, not run
    except SyntaxError as err:
        raise PlanError(f"query {query.name}: {syntax_message(str(err), query.text)}") from None


#: The first keyword of each SPARQL 1.1 Update operation (after the prologue).
_UPDATE = re.compile(r"^(?:\s+|#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def refuse_update(query: Query) -> None:
    """Raise PlanError when ``query`` is a SPARQL Update: plankg only reads graphs."""
    found = _UPDATE.match(query.text.lstrip("\ufeff"))
    if found:
        raise PlanError(f"query {query.name}: {found.group(1).upper()} is SPARQL Update; updates are not "
                        f"supported (plankg only reads graphs: change the graph file and build again)")


def _run(query: Query, store: ox.Store, bindings: Mapping[str, Identifier]) -> Result:
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
        raise PlanError(f"query {query.name}: {syntax_message(str(err), query.text)}") from None
    except (RuntimeError, OSError, ValueError) as err:
        raise PlanError(f"query {query.name}: {_one_line(str(err))}") from None


_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_EXPECTED = re.compile(r"expected one of (.*)", re.S)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\b[A-Z][A-Z_]+\b')
_PREFIXED = re.compile(r"(?:^|[\s(/|^!])([A-Za-z][\w.-]*)?:[^\s:]*$")
#: tokens of an "expected one of" list shown before "…"
_SHOWN_EXPECTED = 8


def syntax_message(message: str, text: str | None = None) -> str:
    """pyoxigraph's 'error at 3:2: expected one of …' as 'syntax error at line 3, column 2 (near
    "…"): expected one of …': the grammar's character classes left out, a long list shortened,
    an undeclared prefix named."""
    found = _POSITION.match(message)
    if not found:
        return f"syntax error: {_one_line(message)}"
    line, column = int(found.group(1)), int(found.group(2))
    where = f"syntax error at line {line}, column {column}{_near(text, line, column)}"
    detail = _one_line(found.group(3))
    expected = _EXPECTED.match(detail)
    if expected and "Prefix not found" in expected.group(1):
        return f"{where}: {_undeclared_prefix(text, line, column)}"
    if expected:
        tokens = list(dict.fromkeys(_TOKEN.findall(expected.group(1))))
        shown = ", ".join(tokens[:_SHOWN_EXPECTED]) + (", …" if len(tokens) > _SHOWN_EXPECTED else "")
        detail = f"expected {'one of ' if len(tokens) > 1 else ''}{shown}" if tokens else "unexpected text"
    return f"{where}: {detail}"


def _line_of(text: str | None, line: int) -> str | None:
    lines = (text or "").splitlines()
    return lines[line - 1] if text is not None and 0 < line <= len(lines) else None


def _near(text: str | None, line: int, column: int) -> str:
    found = _line_of(text, line)
    if text is None or found is None:
        return ""
    rest = found[max(column - 1, 0):].strip()
    if not rest:
        return " (at the end of the line)" if line < len(text.splitlines()) else " (at the end of the query)"
    return f' (near "{rest[:30]}{"…" if len(rest) > 30 else ""}")'


def _undeclared_prefix(text: str | None, line: int, column: int) -> str:
    found = _line_of(text, line)
    name = _PREFIXED.search(found[: max(column - 1, 0)].rstrip()) if found else None
    if name is None and found:
        name = re.match(r"([A-Za-z][\w.-]*)?:", found[max(column - 1, 0):].lstrip())
    prefix = f"{name.group(1) or ''}:" if name else "a prefix"
    known = ", ".join(sorted(DEFAULT_PREFIXES))
    return f"{prefix} is not declared (add PREFIX; these need none: {known})"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:400]
