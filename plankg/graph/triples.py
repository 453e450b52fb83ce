"""Triples as the graph stage builds them, written at native speed with pyoxigraph.

``TripleBuffer`` takes ``add((s, p, o))`` calls with rdflib terms, as an rdflib ``Graph``
does, but only appends them: no indexes are kept (rdflib's in-memory store cost more
than the extraction it records). ``buffer.graph(iri)`` is the same for a named graph.
``write_quads`` turns them into sorted, prefixed, deterministic Turtle, TriG, N-Triples,
or N-Quads with pyoxigraph; ``to_rdflib()`` gives an rdflib ``Graph`` (or
``Dataset``) for those who want one.

Every file is deterministic: the statements are de-duplicated and sorted (by graph name,
subject, ``rdf:type`` first, predicate, object, each in N-Triples form); Turtle and TriG
declare the prefixes they use, in alphabetical order, and leave a blank line after each
subject, as rdflib's writers did.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol, cast

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib import BNode, Graph, Literal, URIRef

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: plankg format name (rdflib's) -> pyoxigraph's
NATIVE = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
          "nquads": ox.RdfFormat.N_QUADS}
_LINE_BASED = {"nt", "nquads"}
_WITH_PREFIXES = {"turtle", "trig"}
_TRIPLES = {"turtle", "nt"}


class TripleSink(Protocol):
    """Where the graph stage adds statements: a ``TripleBuffer``, one of its named graphs
    (``NamedGraphView``) or an rdflib ``Graph``."""

    def add(self, triple: tuple[Any, Any, Any], /) -> object:
        """Record one (subject, predicate, object) of rdflib terms."""

    def bind(self, prefix: str, namespace: Any, override: bool = True) -> object:
        """Use ``prefix`` for ``namespace``."""


class NamedGraphView:
    """``add`` into one named graph of a ``TripleBuffer`` (as ``Dataset.graph(iri)``)."""

    def __init__(self, buffer: TripleBuffer, name):
        self._statements = buffer.statements.setdefault(name, [])
        self.identifier = name

    def add(self, triple) -> None:
        """Record one (subject, predicate, object) of rdflib terms."""
        self._statements.append(triple)

    def bind(self, prefix: str, namespace, override: bool = True) -> None:
        """Prefixes belong to the buffer (as in an rdflib Dataset)."""


class TripleBuffer:
    """The statements of a plan graph or dataset as rdflib terms, by graph name (None: the
    default graph), in the order they were added; duplicates are dropped when written."""

    def __init__(self, prefixes: dict[str, str] | None = None):
        self.statements: dict[URIRef | None, list] = {None: []}
        self.native: list[ox.Quad] = []  # statements read by pyoxigraph (extend_native)
        self.prefixes: dict[str, str] = dict(prefixes or {})
        self._default = NamedGraphView(self, None)

    def add(self, triple) -> None:
        """Record one (subject, predicate, object) in the default graph."""
        self._default.add(triple)

    def bind(self, prefix: str, namespace, override: bool = True) -> None:
        """Use ``prefix`` for ``namespace`` in the files written."""
        self.prefixes[prefix] = str(namespace)

    def extend_native(self, quads: Iterable[ox.Quad]) -> None:
        """Add statements that are pyoxigraph quads already (read from a file)."""
        self.native.extend(quads)

    def graph(self, name) -> NamedGraphView:
        """The named graph ``name`` (an rdflib URIRef), to ``add`` into."""
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
        convert = _Converter()
        for name, statements in self.statements.items():
            graph = ox.DefaultGraph() if name is None else convert(name)
            for s, p, o in dict.fromkeys(statements):
                yield ox.Quad(convert(s), convert(p), convert(o), graph)
        yield from self.native

    def triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of all the graphs (their union) as a pyoxigraph triple."""
        convert = _Converter()
        for s, p, o in dict.fromkeys(chain.from_iterable(self.statements.values())):
            yield ox.Triple(convert(s), convert(p), convert(o))
        yield from {ox.Triple(q.subject, q.predicate, q.object) for q in self.native}

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
        byte order, as pyoxigraph writes them (``n_triples``). Each term object is written
        once (looked up by identity, which costs no rdflib hashing); no ``Quad`` objects, no
        sort by term, no second pass over the lines."""
        written: dict[int, str] = {}
        known = written.get

        def write(term) -> str:
            text = written[id(term)] = n_triples(term)
            return text

        lines: set[str] = set()
        for name, statements in self.statements.items():
            end = f" {write(name)} .\n" if with_graph and name is not None else " .\n"
            lines.update(f"{known(id(s)) or write(s)} {known(id(p)) or write(p)} {known(id(o)) or write(o)}{end}"
                         for s, p, o in statements)
        return "".join(sorted(lines)).encode()  # code point order is UTF-8 byte order

    def to_rdflib(self) -> Graph:
        """An rdflib ``Graph`` of the statements, or a ``Dataset`` when there are named graphs."""
        from rdflib import Dataset, Graph

        target = Dataset() if self.is_dataset else Graph()
        for prefix, namespace in self.prefixes.items():
            target.bind(prefix, namespace, override=True)
        if self.native:
            target.parse(data=write_quads(self.native, "nquads" if self.is_dataset else "nt"),
                         format="nquads" if self.is_dataset else "nt")
        for name, statements in self.statements.items():
            # a named graph outside a Dataset has no statements (else ``is_dataset``)
            graph = target.graph(name) if name is not None and isinstance(target, Dataset) else target
            for triple in statements:
                graph.add(triple)
        return target


class SpanLiterals:
    """Plain literals of spans of one text, each span made once: the mentions of one sentence
    (and the roles of one clause) share their evidence string instead of a copy each."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._made: dict[tuple[int, int], object] = {}

    def __call__(self, start: int, end: int):
        """``Literal(text[start:end])``, the same object for the same span."""
        found = self._made.get((start, end))
        if found is None:
            literal = _rdflib_terms()[1]
            found = self._made[(start, end)] = literal(self._text[start:end])
        return found


class _Converter:
    """rdflib terms to pyoxigraph terms (or what ``convert`` makes of them), each distinct
    term converted once."""

    def __init__(self, convert=None) -> None:
        self._done: dict = {}
        self._convert = convert or to_oxigraph

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


def n_triples(term) -> str:
    """The N-Triples form of an rdflib term, byte for byte as pyoxigraph writes it (language
    tags in lower case, no datatype for xsd:string, the escapes of ``_ESCAPES``); IRIs as
    they are (plankg's IRIs are made of a checked ``--base`` and slugs)."""
    uri_ref, literal, blank_node = _rdflib_terms()
    if isinstance(term, uri_ref):
        return f"<{term}>"
    if isinstance(term, literal):
        quoted = f'"{term.translate(_ESCAPES) if _ESCAPED.search(term) else term}"'
        if term.language:
            return f"{quoted}@{term.language.lower()}"
        if term.datatype is None or str(term.datatype) == XSD_STRING:
            return quoted
        return f"{quoted}^^<{term.datatype}>"
    if isinstance(term, blank_node):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: How N-Triples literals escape characters (pyoxigraph's choice: the short escapes where
#: there is one, \uXXXX for the other control characters).
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r",
                          **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if chr(c) not in "\b\t\n\f\r"}})
_ESCAPED = re.compile(r'[\\"\x00-\x1f\x7f]')  # a character of _ESCAPES


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


def write_triples_in_chunks(triples: list, fmt: str, prefixes: dict[str, str] | None = None) -> Iterator[bytes]:
    """Distinct ``triples`` of rdflib terms in ``fmt`` (Turtle or N-Triples) in pieces, the
    bytes ``write_statements`` writes of them converted. They are ordered by ranks of their
    subject and predicate (each distinct term's N-Triples form made once) and by object within
    one subject and predicate — for N-Triples that is the byte order of the lines, since a
    term's form never contains a space — and written a chunk at a time: the long literals a
    document's mentions share are never copied per statement, and no sort key holds every
    object."""
    lines = fmt in _LINE_BASED
    _sort_triples(triples, type_first=not lines)
    used = _used_prefixes_of_terms(triples, prefixes or {}) if fmt in _WITH_PREFIXES else {}
    start = 0
    while start < len(triples):
        end = _chunk_end(triples, start)
        if lines:
            write = _Converter(n_triples)
            yield "".join(f"{write(s)} {write(p)} {write(o)} .\n" for s, p, o in triples[start:end]).encode()
        else:
            convert = _Converter()
            chunk = [ox.Triple(convert(s), convert(p), convert(o)) for s, p, o in triples[start:end]]
            body = _readable(cast(bytes, ox.serialize(chunk, format=NATIVE[fmt], prefixes=used)))
            yield body if start == 0 else b"\n" + (body.split(b"\n\n", 1)[1] if used else body)
        start = end


def _sort_triples(triples: list, type_first: bool) -> None:
    """Sort in place as ``_triple_key`` (or, without ``type_first``, as N-Triples lines) would."""
    form = _Converter(n_triples)
    subjects = {s: rank for rank, s in enumerate(sorted({s for s, _, _ in triples}, key=form))}
    predicates = {p: rank for rank, p in enumerate(sorted({p for _, p, _ in triples}, key=form))}
    width = len(predicates).bit_length() + 1
    rdf_type = next((p for p in predicates if str(p) == RDF_TYPE), None)

    def key(triple) -> int:
        s, p, _ = triple
        return (subjects[s] << width) | ((type_first and p != rdf_type) << (width - 1)) | predicates[p]

    triples.sort(key=key)
    start = 0
    while start < len(triples):  # several objects of one subject and predicate: by object
        end = start + 1
        while end < len(triples) and triples[end][:2] == triples[start][:2]:
            end += 1
        if end - start > 1:
            triples[start:end] = sorted(triples[start:end], key=lambda triple: n_triples(triple[2]))
        start = end


def _chunk_end(triples: list, start: int) -> int:
    """The end of the chunk from ``start``: ``CHUNK`` statements, then to the subject's end."""
    end = min(start + CHUNK, len(triples))
    while end < len(triples) and triples[end][0] == triples[end - 1][0]:
        end += 1
    return end


def _used_prefixes_of_terms(triples: list, prefixes: dict[str, str]) -> dict[str, str]:
    """``_used_prefixes`` of rdflib triples."""
    uri_ref, literal, _blank_node = _rdflib_terms()
    iris = set()
    for _, p, o in triples:
        iris.add(str(p))
        if isinstance(o, literal):
            iris.add(str(o.datatype) if o.datatype else
                     "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString" if o.language else XSD_STRING)
        elif isinstance(o, uri_ref):
            iris.add(str(o))
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
