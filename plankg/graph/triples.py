"""Triples as the graph stage builds them, written at native speed with pyoxigraph.

The graph stage makes its terms as N-Triples text (``iri``, ``literal``: one escaping
function, ``escape``), never as rdflib or pyoxigraph objects: a statement is a tuple of
three such strings. ``TripleBuffer`` takes ``add((s, p, o))`` calls of them, as an rdflib
``Graph`` takes its terms, but only appends them: no indexes are kept (rdflib's in-memory
store cost more than the extraction it records). ``buffer.graph(iri)`` is the same for a
named graph. N-Triples and N-Quads are the statements' lines, sorted; Turtle and TriG are
those lines parsed and written again by pyoxigraph (``write_quads``); ``to_rdflib()`` gives
an rdflib ``Graph`` (or ``Dataset``) for those who want one.

Every file is deterministic: the statements are de-duplicated and sorted (by graph name,
subject, ``rdf:type`` first, predicate, object, each in N-Triples form); Turtle and TriG
declare the prefixes they use, in alphabetical order, and leave a blank line after each
subject, as rdflib's writers did.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol, cast

import pyoxigraph as ox

from ..ontology.namespace import COUNT_DATATYPE

if TYPE_CHECKING:
    from rdflib import BNode, Graph, Literal, URIRef

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: plankg format name (rdflib's) -> pyoxigraph's
NATIVE = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
          "nquads": ox.RdfFormat.N_QUADS}
_LINE_BASED = {"nt", "nquads"}
_WITH_PREFIXES = {"turtle", "trig"}
_TRIPLES = {"turtle", "nt"}
_TYPE = f"<{RDF_TYPE}>"

#: A term in N-Triples form: ``<iri>``, ``"lexical"``, ``"lexical"@lang``, ``"lexical"^^<iri>``
Term = str
Statement = tuple[Term, Term, Term]


def iri(value: str) -> Term:
    """The N-Triples form of an IRI (plankg's IRIs are made of a checked ``--base`` and slugs,
    so they are written as they are)."""
    return f"<{value}>"


def literal(value: object, lang: str | None = None, datatype: Term | None = None) -> Term:
    """The N-Triples form of a literal, byte for byte as pyoxigraph writes it: ``value``'s
    text escaped (``escape``), the language tag in lower case, no datatype for xsd:string
    (``datatype`` is a term: ``iri(...)``). A number is written as ``str`` writes it."""
    text = value if type(value) is str else _text_of(value)
    quoted = f'"{escape(text)}"'
    if lang:
        return f"{quoted}@{lang.lower()}"
    if datatype is None or datatype == _XSD_STRING_TERM:
        return quoted
    return f"{quoted}^^{datatype}"


def node_under(parent: Term, *segments: object) -> Term:
    """The IRI (N-Triples form) of a node under ``parent``: ``{parent}/{segment}/…``."""
    return f"{parent[:-1]}/{'/'.join(map(str, segments))}>"


def count(number: int, datatype: Term | None = None) -> Term:
    """An offset or count: a literal of ``COUNT_DATATYPE`` (or ``datatype``, an integer type)."""
    return f'"{number}"^^{datatype or _COUNT}'


def escape(text: str) -> str:
    """A literal's text as N-Triples writes it between its quotes (pyoxigraph's escapes: the
    short ones where there is one, \\uXXXX for the other control characters)."""
    return text.translate(_ESCAPES) if _ESCAPED.search(text) else text


def _text_of(value: object) -> str:
    """The lexical text of a value: a ``str`` subclass's own characters (an enum of strings
    gives its value), else ``str(value)``."""
    return str.__str__(value) if isinstance(value, str) else str(value)


_XSD_STRING_TERM = iri(XSD_STRING)
_COUNT = iri(COUNT_DATATYPE)
#: How N-Triples literals escape characters (pyoxigraph's choice: the short escapes where
#: there is one, \uXXXX for the other control characters).
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
                          "\r": "\\r",
                          **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if chr(c) not in "\b\t\n\f\r"}})
_ESCAPED = re.compile(r'[\\"\x00-\x1f\x7f]')  # a character of _ESCAPES


class Vocabulary:
    """A namespace's terms in N-Triples form, each looked up once (rdflib's DefinedNamespace
    checks its definition on every attribute access, and raises for a misspelt term)."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Term:
        term = iri(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


def terms_of(table: dict[str, Any]) -> dict[str, Term]:
    """A table of IRIs (rdflib ``URIRef``s or strings) with its values in N-Triples form."""
    return {key: iri(value) for key, value in table.items()}


class TripleSink(Protocol):
    """Where the graph stage adds statements: a ``TripleBuffer`` or one of its named graphs
    (``NamedGraphView``)."""

    def add(self, triple: Statement, /) -> object:
        """Record one (subject, predicate, object) of N-Triples terms."""


class NamedGraphView:
    """``add`` into one named graph of a ``TripleBuffer`` (as ``Dataset.graph(iri)``)."""

    def __init__(self, buffer: TripleBuffer, name: str):
        self.identifier = iri(name)
        #: Record one (subject, predicate, object) of N-Triples terms: the list's own
        #: ``append``, no call in between (the builders add hundreds of thousands).
        self.add: Callable[[Statement], None] = buffer.statements.setdefault(self.identifier, []).append


class TripleBuffer:
    """The statements of a plan graph or dataset as N-Triples terms, by graph name (None: the
    default graph; else ``<iri>``), in the order they were added; duplicates are dropped when
    written."""

    def __init__(self, prefixes: dict[str, str] | None = None):
        self.statements: dict[Term | None, list[Statement]] = {None: []}
        self.native: list[ox.Quad] = []  # statements read by pyoxigraph (extend_native)
        self.prefixes: dict[str, str] = dict(prefixes or {})
        #: Record one (subject, predicate, object) of N-Triples terms in the default graph.
        self.add: Callable[[Statement], None] = self.statements[None].append

    def bind(self, prefix: str, namespace, override: bool = True) -> None:
        """Use ``prefix`` for ``namespace`` in the files written."""
        self.prefixes[prefix] = str(namespace)

    def extend_native(self, quads: Iterable[ox.Quad]) -> None:
        """Add statements that are pyoxigraph quads already (read from a file)."""
        self.native.extend(quads)

    def graph(self, name: str) -> NamedGraphView:
        """The named graph of IRI ``name``, to ``add`` into."""
        return NamedGraphView(self, name)

    @property
    def is_dataset(self) -> bool:
        """Has it named graphs (a dataset of plans) rather than one graph?"""
        return any(name is not None and statements for name, statements in self.statements.items()) \
            or any(not isinstance(quad.graph_name, ox.DefaultGraph) for quad in self.native)

    def __len__(self) -> int:
        return sum(len(set(statements)) for statements in self.statements.values()) + len(set(self.native))

    def quads(self) -> Iterator[ox.Quad]:
        """Every distinct statement as a pyoxigraph quad (default graph: ``ox.DefaultGraph``)."""
        yield from cast(Iterator[ox.Quad], ox.parse(self._lines(with_graph=True), format=ox.RdfFormat.N_QUADS))
        yield from self.native

    def serialize(self, fmt: str) -> bytes:
        """The buffer in ``fmt`` (a plankg/rdflib format name of ``NATIVE``); a triples format
        of a dataset holds the union of its graphs."""
        return b"".join(self.serialize_parts(fmt))

    def serialize_parts(self, fmt: str) -> Iterator[bytes]:
        """``serialize(fmt)`` in consecutive pieces, for writing as they come: Turtle and
        N-Triples are written a chunk of statements at a time (``write_triples_in_chunks``),
        so neither the whole file nor a pyoxigraph copy of every statement is held at once."""
        if self.native:  # statements read back may repeat the others
            yield write_quads(self.quads(), fmt, self.prefixes)
        elif fmt in _TRIPLES:
            distinct = list(dict.fromkeys(chain.from_iterable(self.statements.values())))
            yield from write_triples_in_chunks(distinct, fmt, self.prefixes)
        elif fmt in _LINE_BASED:
            yield self._lines(with_graph=True)
        else:
            yield write_statements(list(self.quads()), fmt, self.prefixes)

    def _lines(self, with_graph: bool) -> bytes:
        """N-Quads (or, without graph names, N-Triples): one line per distinct statement, in
        byte order, as pyoxigraph writes them."""
        lines: set[str] = set()
        for name, statements in self.statements.items():
            end = f" {name} .\n" if with_graph and name is not None else " .\n"
            lines.update([f"{s} {p} {o}{end}" for s, p, o in statements])
        return "".join(sorted(lines)).encode()  # code point order is UTF-8 byte order

    def to_rdflib(self, target: Graph | None = None) -> Graph:
        """An rdflib ``Graph`` of the statements, or a ``Dataset`` when there are named graphs
        (or the statements added to ``target``, a dataset's graphs merged unless it is one)."""
        from rdflib import Dataset, Graph

        if target is None:
            target = Dataset() if self.is_dataset else Graph()
        for prefix, namespace in self.prefixes.items():
            target.bind(prefix, namespace, override=True)
        convert = _Converter(to_rdflib_term)
        for quad in self.quads():
            s, p, o = convert(quad.subject), convert(quad.predicate), convert(quad.object)
            if isinstance(quad.graph_name, ox.DefaultGraph) or not isinstance(target, Dataset):
                target.add((s, p, o))
            else:
                target.graph(convert(quad.graph_name)).add((s, p, o))
        return target


class SpanLiterals:
    """Plain literals of spans of one text, each span made (and escaped) once: the mentions of
    one sentence (and the roles of one clause) share their evidence string."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._made: dict[tuple[int, int], Term] = {}

    def __call__(self, start: int, end: int) -> Term:
        """``literal(text[start:end])``, the same string for the same span."""
        found = self._made.get((start, end))
        if found is None:
            found = self._made[(start, end)] = literal(self._text[start:end])
        return found


class _Converter:
    """Terms converted by ``convert`` (pyoxigraph's to rdflib's, rdflib's to pyoxigraph's),
    each distinct term once."""

    def __init__(self, convert) -> None:
        self._done: dict = {}
        self._convert = convert

    def __call__(self, term):
        found = self._done.get(term)
        if found is None:
            found = self._done[term] = self._convert(term)
        return found


def to_oxigraph(term):
    """The pyoxigraph term of an rdflib ``URIRef``, ``Literal`` or ``BNode``."""
    uri_ref, literal, blank_node = _rdflib_terms()
    if isinstance(term, uri_ref):
        return ox.NamedNode(term)
    if isinstance(term, literal):
        if term.language:
            return ox.Literal(term, language=term.language)
        if term.datatype is not None:
            return ox.Literal(term, datatype=ox.NamedNode(term.datatype))
        return ox.Literal(term)
    if isinstance(term, blank_node):
        return ox.BlankNode(term)
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib_term(term):
    """The rdflib ``URIRef``, ``Literal`` (without a datatype for xsd:string) or ``BNode`` of
    a pyoxigraph term."""
    uri_ref, literal, blank_node = _rdflib_terms()
    if isinstance(term, ox.NamedNode):
        return uri_ref(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return literal(term.value)
        return literal(term.value, datatype=uri_ref(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return blank_node(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


@cache
def _rdflib_terms() -> tuple[type[URIRef], type[Literal], type[BNode]]:
    """rdflib's term classes, imported on first use (not when this module is)."""
    from rdflib import BNode, Literal, URIRef

    return URIRef, Literal, BNode


def write_quads(quads: Iterable[ox.Quad], fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """``quads`` in ``fmt``, deterministic (see the module docstring); triples formats write
    the union of the graphs."""
    if fmt in _TRIPLES:
        return write_statements(list({ox.Triple(q.subject, q.predicate, q.object) for q in quads}), fmt, prefixes)
    return write_statements(list(set(quads)), fmt, prefixes)


def write_statements(statements: list, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Distinct triples (for Turtle, N-Triples) or quads (TriG, N-Quads) in ``fmt``, sorted."""
    statements.sort(key=_triple_key if fmt in _TRIPLES else _quad_key)
    if fmt in _LINE_BASED:
        # bytes: with no output file pyoxigraph returns them (its stubs say bytes | None)
        data = cast(bytes, ox.serialize(statements, format=NATIVE[fmt]))
        return b"".join(sorted(set(data.splitlines(keepends=True))))  # byte order, as before
    used = _used_prefixes(statements, prefixes or {}) if fmt in _WITH_PREFIXES else {}
    return _readable(cast(bytes, ox.serialize(statements, format=NATIVE[fmt], prefixes=used)))


#: statements converted and written at a time (a chunk ends at a subject's end)
CHUNK = 20_000


def write_triples_in_chunks(triples: list[Statement], fmt: str,
                            prefixes: dict[str, str] | None = None) -> Iterator[bytes]:
    """Distinct ``triples`` of N-Triples terms in ``fmt`` (Turtle or N-Triples) in pieces, the
    bytes ``write_statements`` writes of them. They are sorted by subject, ``rdf:type`` first,
    predicate and object, each term's N-Triples form — for N-Triples (no ``rdf:type`` first)
    that is the byte order of the lines, since a term's form never holds a space before its
    end — and written a chunk at a time: the long literals a document's mentions share are
    never copied per statement, and pyoxigraph never holds a copy of every statement."""
    lines = fmt in _LINE_BASED
    if lines:
        triples.sort()
    else:
        triples.sort(key=lambda t: (t[0], t[1] != _TYPE, t[1], t[2]))
    used = _used_prefixes_of_terms(triples, prefixes or {}) if fmt in _WITH_PREFIXES else {}
    start = 0
    while start < len(triples):
        end = _chunk_end(triples, start)
        text = "".join([f"{s} {p} {o} .\n" for s, p, o in triples[start:end]]).encode()
        if lines:
            yield text
        else:
            chunk = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
            body = _readable(cast(bytes, ox.serialize(chunk, format=NATIVE[fmt], prefixes=used)))
            yield body if start == 0 else b"\n" + (body.split(b"\n\n", 1)[1] if used else body)
        start = end


def _chunk_end(triples: list, start: int) -> int:
    """The end of the chunk from ``start``: ``CHUNK`` statements, then to the subject's end."""
    end = min(start + CHUNK, len(triples))
    while end < len(triples) and triples[end][0] == triples[end - 1][0]:
        end += 1
    return end


def _used_prefixes_of_terms(triples: list[Statement], prefixes: dict[str, str]) -> dict[str, str]:
    """``_used_prefixes`` of triples of N-Triples terms."""
    iris = set()
    for _, p, o in triples:
        iris.add(p[1:-1])
        if o.startswith("<"):
            iris.add(o[1:-1])
        elif o.startswith('"'):
            suffix = o[o.rindex('"') + 1:]
            iris.add(suffix[3:-1] if suffix.startswith("^^") else LANG_STRING if suffix else XSD_STRING)
    return _prefixes_for(iris, prefixes)


def _triple_key(triple: ox.Triple) -> tuple:
    return str(triple.subject), triple.predicate.value != RDF_TYPE, str(triple.predicate), str(triple.object)


def _quad_key(quad: ox.Quad) -> tuple:
    return (str(quad.graph_name), str(quad.subject), quad.predicate.value != RDF_TYPE, str(quad.predicate),
            str(quad.object))


def _used_prefixes(statements: list, prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes whose namespace starts a predicate, a class, a datatype or a graph name
    (data IRIs stay whole, as rdflib wrote them)."""
    iris = set()
    for statement in statements:
        iris.add(statement.predicate.value)
        term = statement.object
        if isinstance(term, ox.NamedNode) and statement.predicate.value == RDF_TYPE:
            iris.add(term.value)
        elif isinstance(term, ox.Literal):
            iris.add(term.datatype.value)
        elif isinstance(term, ox.NamedNode):
            iris.add(term.value)
    return _prefixes_for(iris, prefixes)


def _prefixes_for(iris: set[str], prefixes: dict[str, str]) -> dict[str, str]:
    return {prefix: namespace for prefix, namespace in sorted(prefixes.items())
            if any(iri.startswith(namespace) and _local_name_ok(iri[len(namespace):]) for iri in iris)}


def _local_name_ok(local: str) -> bool:
    """A local name written without escapes (letters, digits, _ and -, not starting with -)."""
    return bool(local) and not local.startswith("-") and all(c.isalnum() or c in "_-" for c in local)


def _readable(data: bytes) -> bytes:
    """Prefix lines in alphabetical order, then a blank line; four spaces for each tab of
    indentation, and a blank line after each statement block (a line ending `` .``: the
    writer escapes line breaks in literals, so a line never starts or ends inside one)."""
    lines = data.splitlines(keepends=True)
    head = sorted(line for line in lines if line.startswith(b"@prefix "))
    body = [line for line in lines if not line.startswith(b"@prefix ")]
    out = [*head, b"\n"] if head else []
    for line in body:
        indent = len(line) - len(line.lstrip(b"\t"))
        out.append(b"    " * indent + line[indent:])  # rdflib's indentation
        if line.rstrip(b"\n").endswith(b" .") or line.rstrip(b"\n") == b"}":
            out.append(b"\n")
    while out and out[-1] == b"\n":
        out.pop()
    return b"".join(out)
