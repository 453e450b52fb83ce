"""The plankg ontology (plan.ttl), its SHACL shapes (shapes.ttl) and validation.

``ontology_graph()`` and ``shapes_graph()`` parse the packaged Turtle files once
and return the same cached graph on every call: treat them as read-only (copy
before changing). ``validate()`` runs pyshacl and pyoxigraph (``validation.py``), a few
seconds on a plan-sized graph, so call it in tests and on request, not on every build.
"""
from __future__ import annotations

from rdflib import ConjunctiveGraph, Graph

from .graphs import ontology_graph, shapes_graph
from .namespace import DEFAULT_BASE, NIF, PLAN, PLAN_IRI

__all__ = [
    "DEFAULT_BASE",
    "NIF",
    "PLAN",
    "PLAN_IRI",
    "ontology_graph",
    "shapes_graph",
    "validate",
]


def _union(dataset: ConjunctiveGraph) -> Graph:
    union = Graph()
    for prefix, namespace in dataset.namespaces():
        union.bind(prefix, namespace)
    for s, p, o, _graph in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate(data: Graph) -> tuple[bool, str]:
    """Validate ``data`` against the plankg shapes; return (conforms, report text).

    A Dataset (or ConjunctiveGraph) is validated as the union of its graphs,
    because a plan's graph refers to entities kept in a shared graph; pyshacl
    on its own would check each named graph apart. The ontology is mixed into a copy of
    ``data`` (so sh:class checks see the subclass hierarchy and the rule individuals);
    ``data`` itself is not changed. No RDFS/OWL inference is run. The SHACL-SPARQL
    constraints run on pyoxigraph, once each (``validation.py``).
    """
    from .validation import check_shapes

    report = check_shapes(_union(data) if isinstance(data, ConjunctiveGraph) else data)
    return report.conforms, report.text()
