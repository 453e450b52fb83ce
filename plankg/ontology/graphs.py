"""The ontology (plan.ttl) and the SHACL shapes (shapes.ttl) as rdflib graphs, parsed once.

Their own module so that ``validation.py`` reads them without importing the package that
imports it."""
from __future__ import annotations

from functools import cache

from rdflib import Graph

from ..datafiles import data_text


def _load(name: str) -> Graph:
    graph = Graph()
    text = data_text(__package__, name)
    graph.parse(data=text, format="turtle")
    return graph


@cache
def ontology_graph() -> Graph:
    """The plankg OWL ontology (plan.ttl). Shared and cached: do not modify."""
    return _load("plan.ttl")


@cache
def shapes_graph() -> Graph:
    """The plankg SHACL shapes (shapes.ttl). Shared and cached: do not modify."""
    return _load("shapes.ttl")
