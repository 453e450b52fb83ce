"""Roles, actions and relations in RDF: what the plan wants done (``Extraction.statements``) as graph nodes.

``add_relations`` is called by ``GraphBuilder.add`` for each plan. It writes, under the
plan's IRI (see section 10 of plan.ttl):

- a ``plan:MentionInAction`` per (mention, action, role): ``{plan}/action/{b}-{e}/{action}/{role}``
  with plan:action, plan:role, plan:entity, plan:mention, plan:inUnit, plan:verb,
  plan:objectText, plan:ruleName and the clause as evidence (nif:anchorOf, nif:beginIndex,
  nif:endIndex, nif:referenceContext);
- each typed relation twice: the direct triple (``?s plan:operates ?o``) and a
  ``plan:RelationStatement`` (an rdf:Statement) with the evidence sentence and the rule;
- a ``plan:Figure`` per figure: ``{plan}/figure/{b}-{e}``.

All of it goes into the plan's graph (in a dataset, the plan's named graph): it is what this
plan says, not a fact about the shared entities.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rdflib import RDF, XSD

from ..ontology.namespace import ACTIONS, NIF, PLAN, RELATION_PROPERTIES, ROLE_CONCEPTS
from .triples import SpanLiterals, Term, TripleSink, Vocabulary, count, literal, node_under, terms_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rdflib import Graph
    from rdflib.query import ResultRow

    from ..extract.link import Extraction

_PLAN, _NIF, _RDF, _XSD = map(Vocabulary, (PLAN, NIF, RDF, XSD))
_ACTIONS, _ROLES, _PROPERTIES = map(terms_of, (ACTIONS, ROLE_CONCEPTS, RELATION_PROPERTIES))


def add_relations(graph: TripleSink, plan: Term, extraction: Extraction, unit_iris: dict[str, Term],
                  entity_iris: dict[str, Term]) -> None:
    """Write ``extraction.statements`` for ``plan`` into ``graph`` (every IRI in N-Triples
    form: ``unit_iris`` by unit key, ``entity_iris`` by entity key)."""
    statements = getattr(extraction, "statements", None)
    if statements is None:
        return
    spans = SpanLiterals(extraction.document.text)  # one literal per clause or sentence
    add = graph.add

    def unit_iri(key: str | None) -> Term:
        return unit_iris[key] if key else plan

    def evidence(node: Term, start: int, end: int) -> None:
        add((node, _NIF.referenceContext, plan))
        add((node, _NIF.anchorOf, spans(start, end)))
        add((node, _NIF.beginIndex, count(start)))
        add((node, _NIF.endIndex, count(end)))

    for item in statements.roles:
        mention = item.mention
        if mention.entity not in entity_iris:
            continue
        node = node_under(plan, "action", f"{mention.start}-{mention.end}", item.action, item.role)
        add((node, _RDF.type, _PLAN.MentionInAction))
        add((node, _PLAN.action, _ACTIONS[item.action]))
        add((node, _PLAN.role, _ROLES[item.role]))
        add((node, _PLAN.entity, entity_iris[mention.entity]))
        add((node, _PLAN.mention, mention_node(plan, mention.start, mention.end)))
        add((node, _PLAN.inUnit, unit_iri(mention.unit)))
        add((node, _PLAN.ruleName, literal(item.rule)))
        if item.verb:
            add((node, _PLAN.verb, literal(item.verb)))
        if item.object_text:
            add((node, _PLAN.objectText, literal(item.object_text)))
        evidence(node, item.clause_start, item.clause_end)

    for relation in statements.relations:
        if relation.subject not in entity_iris or relation.object not in entity_iris:
            continue
        subject, obj = entity_iris[relation.subject], entity_iris[relation.object]
        predicate = _PROPERTIES[relation.predicate]
        add((subject, predicate, obj))
        node = node_under(plan, "relation", relation.predicate, _slug(subject), _slug(obj),
                          f"{relation.start}-{relation.end}")
        add((node, _RDF.type, _PLAN.RelationStatement))
        add((node, _RDF.subject, subject))
        add((node, _RDF.predicate, predicate))
        add((node, _RDF.object, obj))
        add((node, _PLAN.inUnit, unit_iri(relation.unit)))
        add((node, _PLAN.ruleName, literal(relation.rule)))
        evidence(node, relation.start, relation.end)

    for figure in statements.figures:
        node = node_under(plan, "figure", f"{figure.start}-{figure.end}")
        add((node, _RDF.type, _PLAN.Figure))
        if figure.value is not None:
            add((node, _PLAN.value, literal(_decimal(figure.value), datatype=_XSD.decimal)))
        if figure.unit:
            add((node, _PLAN.unit, literal(figure.unit)))
        if figure.year is not None:
            add((node, _PLAN.year, literal(f"{figure.year:04d}", datatype=_XSD.gYear)))
        if figure.base_year is not None:
            add((node, _PLAN.baseYear, literal(f"{figure.base_year:04d}", datatype=_XSD.gYear)))
        add((node, _PLAN.figureKind, literal(figure.kind)))
        add((node, _PLAN.subjectText, literal(figure.subject)))
        add((node, _PLAN.figureText, literal(figure.surface)))
        if figure.qualifier:
            add((node, _PLAN.qualifier, literal(figure.qualifier)))
        add((node, _PLAN.inUnit, unit_iri(figure.in_unit)))
        add((node, _PLAN.ruleName, literal(figure.rule)))
        evidence(node, figure.sentence_start, figure.sentence_end)


def mention_node(plan: Term, start: int, end: int) -> Term:
    """The IRI (N-Triples form) of the plan's mention of ``start``–``end``: ``{plan}/mention/{b}-{e}``."""
    return node_under(plan, "mention", f"{start}-{end}")


def _decimal(value) -> str:
    """The canonical lexical form of an xsd:decimal (XSD 1.1: 17 → "17", 2274.8 → "2274.8",
    0.50 → "0.5"): the form a triple store keeps (Oxigraph rewrites "17.0" to "17"), so the
    graph reads back the same from every file format (``lexical.py``) and from a store."""
    whole, _, fraction = format(value, "f").partition(".")
    fraction = fraction.rstrip("0")
    text = f"{whole}.{fraction}" if fraction else whole
    return "0" if text == "-0" else text


def _slug(term: Term) -> str:
    """The last path segment of an IRI in N-Triples form."""
    return term[1:-1].rstrip("/").rsplit("/", 1)[-1]


def edge_actions(graph: Graph) -> dict[tuple[str, str], list[str]]:
    """(entity IRI, task or column IRI) -> what the plan asks of the entity there, as short
    labels ("支持 support · target", "建设 build · actor → 健康保险交易平台"), in text order.

    For the network page (plankg/graph/render.py): tooltips and edge labels of the
    entity–task edges. Not wired yet; call it with the graph the page is drawn from (the
    union of a dataset's graphs) and append the labels to the edge's title."""
    query = """
    PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    PREFIX plan: <https://w3id.org/plankg/ontology#>
    SELECT ?e ?u ?begin ?a ?r ?object WHERE {
      ?m a plan:MentionInAction ; plan:entity ?e ; plan:action ?a ; plan:role ?r ; plan:inUnit ?in ;
         nif:beginIndex ?begin .
      ?in dcterms:isPartOf* ?u .
      ?u a ?kind .
      FILTER (?kind IN (plan:Task, plan:Column))
      OPTIONAL { ?m plan:objectText ?object }
    }"""
    found: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for row in cast("Iterable[ResultRow]", graph.query(query)):  # a SELECT query's rows
        action, role = action_name(row.a), role_name(row.r)
        text = f"{action_label(row.a)} {action} · {role}"
        if row.object is not None and role == "actor":
            text += f" → {row.object}"
        rank = ROLE_ORDER.index(role) if role in ROLE_ORDER else 9
        found.setdefault((str(row.e), str(row.u)), []).append((int(row.begin), rank, text))
    return {key: list(dict.fromkeys(t for *_, t in sorted(items))) for key, items in sorted(found.items())}


ROLE_ORDER = ("target", "actor", "place", "object", "partner")
_ACTION_NAMES = {str(iri): name for name, iri in ACTIONS.items()}
_ROLE_NAMES = {str(iri): name for name, iri in ROLE_CONCEPTS.items()}


def action_name(iri) -> str:
    """The id of an action concept (plan:ActionCarryOut → "carry-out")."""
    return _ACTION_NAMES.get(str(iri), str(iri).rsplit("#", 1)[-1])


def role_name(iri) -> str:
    """The id of a role concept (plan:RoleTarget → "target")."""
    return _ROLE_NAMES.get(str(iri), str(iri).rsplit("#", 1)[-1])


def action_label(iri, language: str = "zh") -> str:
    """The concept's skos:prefLabel in ``language``, from plan.ttl (支持 for plan:ActionSupport)."""
    return _labels(language).get(str(iri), action_name(iri))


_LABELS: dict[str, dict[str, str]] = {}


def _labels(language: str) -> dict[str, str]:
    if language not in _LABELS:
        from rdflib.namespace import SKOS

        from ..ontology import ontology_graph

        ontology = ontology_graph()
        _LABELS[language] = {str(s): str(o) for s, o in ontology.subject_objects(SKOS.prefLabel)
                             if getattr(o, "language", None) == language}
    return _LABELS[language]
