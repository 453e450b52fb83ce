"""Checking a graph against plankg's SHACL shapes, in seconds.

pyshacl checks the core constraints (counts, datatypes, classes, lengths …). The
SHACL-SPARQL constraints (``sh:sparql`` on a node shape: text lengths, anchors,
statements with their triple) are run here by pyoxigraph, each once for all its focus
nodes (``VALUES ?this { … }`` first in its WHERE clause, which binds ``$this`` as
SHACL's pre-binding does), instead of by pyshacl with rdflib once per focus node: on the
bundled plan that took 11 of pyshacl's 17 s, most of it parsing the same query text
again for each of 487 focus nodes.

The findings of both make one ``ShapesReport``: as text (``text()``), as a SHACL
validation report graph (``graph()``, written as Turtle: the W3C vocabulary) or as JSON
(``as_json()``). All three are deterministic: findings are sorted, and the report's
blank nodes are numbered in that order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .namespace import compactor

#: The namespace of plankg's SHACL shapes (plansh:).
SHAPES_IRI = "https://w3id.org/plankg/shapes#"

_compact_known = compactor({"plansh": SHAPES_IRI, "sh": str(SH)})
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_MESSAGE_VARIABLE = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True, order=True)
class Finding:
    """One result of the validation: a node (``focus``) that does not satisfy a shape."""

    shape: str  # the shape's IRI (sh:sourceShape)
    focus: str  # the focus node, in N-Triples form
    path: str  # the property (sh:resultPath), or ""
    value: str  # the offending value in N-Triples form, or ""
    component: str  # sh:sourceConstraintComponent's IRI
    message: str
    severity: str = str(SH.Violation)
    constraint: str = ""  # sh:sourceConstraint (a SPARQL constraint's IRI), or ""

    def text(self) -> str:
        which = _compact(self.constraint) if self.constraint else _compact(self.component)[3:]
        lines = [f"{_compact(self.severity)[3:]} in {_compact(self.shape)} ({which})",
                 f"  focus:   {self.focus}"]
        if self.path:
            lines.append(f"  path:    {_compact(self.path)}")
        if self.value:
            lines.append(f"  value:   {self.value}")
        lines.append(f"  message: {self.message}")
        return "\n".join(lines)

    def terms(self) -> list[tuple[URIRef, Node]]:
        """The finding as (predicate, object) pairs of a sh:ValidationResult."""
        pairs = [(RDF.type, SH.ValidationResult), (SH.resultSeverity, URIRef(self.severity)),
                 (SH.sourceShape, URIRef(self.shape)), (SH.sourceConstraintComponent, URIRef(self.component)),
                 (SH.focusNode, _term(self.focus)), (SH.resultMessage, Literal(self.message))]
        optional = [(SH.resultPath, URIRef(self.path) if self.path else None),
                    (SH.value, _term(self.value) if self.value else None),
                    (SH.sourceConstraint, URIRef(self.constraint) if self.constraint else None)]
        return pairs + [(predicate, term) for predicate, term in optional if term is not None]

    def as_json(self) -> dict:
        return {"severity": _compact(self.severity)[3:], "sourceShape": self.shape, "focusNode": self.focus,
                "resultPath": self.path or None, "value": self.value or None,
                "sourceConstraintComponent": self.component, "sourceConstraint": self.constraint or None,
                "message": self.message}


@dataclass(frozen=True)
class ShapesReport:
    """What the validation found: ``conforms`` when there are no violations."""

    findings: tuple[Finding, ...]

    @property
    def conforms(self) -> bool:
        return not any(f.severity == str(SH.Violation) for f in self.findings)

    def text(self) -> str:
        """The report as a person reads it (``Conforms: True`` or the findings, one block each)."""
        lines = ["Validation Report", f"Conforms: {self.conforms}"]
        if self.findings:
            lines.append(f"Results ({len(self.findings)}):")
            lines.extend(finding.text() for finding in self.findings)
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {"conforms": self.conforms, "results": [finding.as_json() for finding in self.findings]}

    def graph(self) -> Graph:
        """The report as a SHACL validation report graph (blank nodes numbered in order)."""
        report = Graph()
        report.bind("sh", SH)
        report.bind("plansh", SHAPES_IRI)
        node = BNode("report")
        report.add((node, RDF.type, SH.ValidationReport))
        report.add((node, SH.conforms, Literal(self.conforms)))
        for number, finding in enumerate(self.findings, 1):
            result = BNode(f"result{number:05d}")
            report.add((node, SH.result, result))
            for predicate, term in finding.terms():
                report.add((result, predicate, term))
        return report


def check_shapes(data: Graph, in_place: bool = False) -> ShapesReport:
    """Validate ``data`` (a Graph; a Dataset as the union of its graphs) against plankg's shapes
    with plan.ttl as the ontology. With ``in_place`` the ontology is added to ``data`` itself
    (faster, for a graph read only to be checked); else ``data`` is not changed."""
    import pyshacl  # a second to import: only when validating

    from .graphs import ontology_graph

    store = _store(data)
    sparql = _sparql_findings(data, store)
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=_core_shapes(), ont_graph=ontology_graph(),
                                                 inference="none", advanced=True, inplace=in_place)
    return ShapesReport(tuple(sorted(set(_pyshacl_findings(results)) | set(sparql))))


# ----------------------------------------------------------------------------- the shapes


@dataclass(frozen=True)
class _SparqlConstraint:
    shape: URIRef
    constraint: URIRef
    query: str  # with its PREFIX declarations
    message: str


@cache
def _split_shapes() -> tuple[Graph, tuple[_SparqlConstraint, ...]]:
    """The shapes without the node shapes' sh:sparql constraints, and those constraints."""
    from .graphs import shapes_graph

    shapes = shapes_graph()
    core = Graph()
    for prefix, namespace in shapes.namespaces():
        core.bind(prefix, namespace)
    constraints = []
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    for triple in shapes:
        subject, predicate, obj = triple
        if predicate == SH.sparql and subject in node_shapes:
            constraints.append(_constraint(shapes, subject, obj))
        else:
            core.add(triple)
    return core, tuple(sorted(constraints, key=lambda c: (str(c.shape), str(c.constraint))))


def _core_shapes() -> Graph:
    """A copy of the core shapes (pyshacl adds a few triples to the shapes graph it is given)."""
    core, _ = _split_shapes()
    copy = Graph()
    for prefix, namespace in core.namespaces():
        copy.bind(prefix, namespace)
    copy += core
    return copy


def _constraint(shapes: Graph, shape, node) -> _SparqlConstraint:
    prologue = []
    for declared in shapes.objects(shapes.value(node, SH.prefixes), SH.declare):
        prologue.append(f"PREFIX {shapes.value(declared, SH.prefix)}: <{shapes.value(declared, SH.namespace)}>")
    messages = list(shapes.objects(node, SH.message))
    message = next((str(m) for m in messages if getattr(m, "language", None) == "en"), None)
    return _SparqlConstraint(shape, node, "\n".join(sorted(prologue)) + "\n" + str(shapes.value(node, SH.select)),
                             message or (str(messages[0]) if messages else f"{_compact(str(node))} is not met"))


# ----------------------------------------------------------------------------- the SPARQL constraints


def _store(data: Graph):
    """``data`` (the union of its graphs) in an in-memory pyoxigraph store."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _focus_nodes(data: Graph, shape) -> list:
    """The nodes ``shape`` targets (sh:targetClass with its subclasses, sh:targetNode)."""
    from .graphs import ontology_graph, shapes_graph

    shapes, ontology = shapes_graph(), ontology_graph()
    classes = set()
    for target in shapes.objects(shape, SH.targetClass):
        classes |= set(ontology.transitive_subjects(RDFS.subClassOf, target))
        classes |= set(data.transitive_subjects(RDFS.subClassOf, target))
    nodes = {node for cls in classes for node in data.subjects(RDF.type, cls)}
    nodes |= set(shapes.objects(shape, SH.targetNode))
    return sorted(nodes)


def _sparql_findings(data: Graph, store) -> list[Finding]:
    """Every SPARQL constraint of a node shape, run once with its focus nodes as VALUES."""
    _, constraints = _split_shapes()
    findings = []
    for constraint in constraints:
        focus = _focus_nodes(data, constraint.shape)
        if not focus:
            continue
        values = "VALUES ?this { " + " ".join(node.n3() for node in focus) + " }\n"
        opening = _WHERE.search(constraint.query)
        if opening is None:
            raise ValueError(f"{constraint.constraint}: a SELECT with a WHERE clause is expected")
        text = constraint.query[:opening.end()] + values + constraint.query[opening.end():]
        for solution in store.query(text):
            findings.append(_sparql_finding(constraint, solution))
    return findings


def _sparql_finding(constraint: _SparqlConstraint, solution) -> Finding:
    def bound(name: str) -> str:
        try:
            term = solution[name]
        except (KeyError, IndexError):
            return ""
        return str(term) if term is not None else ""

    def substituted(match: re.Match) -> str:
        text = bound(match.group(1))
        return text[1:-1] if text.startswith("<") and text.endswith(">") else text

    path = bound("path")
    return Finding(str(constraint.shape), bound("this"), path[1:-1] if path.startswith("<") else "",
                   bound("value"), str(SH.SPARQLConstraintComponent),
                   _MESSAGE_VARIABLE.sub(substituted, constraint.message), constraint=str(constraint.constraint))


# ----------------------------------------------------------------------------- pyshacl's results


def _pyshacl_findings(results: Graph) -> list[Finding]:
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        def value(predicate, result=result) -> str:
            term = results.value(result, predicate)
            return "" if term is None else str(term)

        focus, obj = results.value(result, SH.focusNode), results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        findings.append(Finding(value(SH.sourceShape), focus.n3() if focus is not None else "",
                                str(path) if isinstance(path, URIRef) else "",
                                obj.n3() if obj is not None else "", value(SH.sourceConstraintComponent),
                                " ".join(value(SH.resultMessage).split()), value(SH.resultSeverity),
                                value(SH.sourceConstraint) if isinstance(results.value(result, SH.sourceConstraint),
                                                                         URIRef) else ""))
    return findings


def _compact(iri: str) -> str:
    return _compact_known(iri) or iri


def _term(text: str) -> Node:
    """A term in N-Triples form (as findings keep them) back as an rdflib term."""
    from rdflib.util import from_n3

    term = from_n3(text) if text.startswith(("<", '"', "_:")) else URIRef(text)
    if not isinstance(term, Node):
        raise ValueError(f"not an RDF term in N-Triples form: {text!r}")
    return term
