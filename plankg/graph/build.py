"""Graph stage: one extraction (or many) as RDF under the plankg ontology.

IRIs are readable and stable (see plan.ttl): plans ``{base}plan/{slug}``, their
units ``{plan}/{unit key}``, mentions ``{plan}/mention/{begin}-{end}`` and
entities ``{base}entity/{slug}`` — shared by every plan that names them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from ..extract.link import Extraction, collision_slug, pinyin_slug
from ..extract.model import Entity, Mention, Unit
from ..ontology.namespace import DEFAULT_BASE, ENTITY_CLASSES, NIF, PLAN, PREFIXES, RULES, UNIT_CLASSES

_NONNEG = XSD.nonNegativeInteger
_DOC_NUMBER = re.compile(r"(\D+?)〔(\d{4})〕(\d+)号")


def bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True)
    for prefix, namespace in (("dcterms", DCTERMS), ("skos", SKOS), ("prov", PROV), ("xsd", XSD),
                              ("rdfs", RDFS)):
        graph.bind(prefix, namespace, override=True)


@dataclass(frozen=True)
class IriScheme:
    base: str = DEFAULT_BASE

    def plan(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}plan/{slug}")

    def unit(self, plan: URIRef, key: str) -> URIRef:
        return URIRef(f"{plan}/{key}")

    def mention(self, plan: URIRef, mention: Mention) -> URIRef:
        return URIRef(f"{plan}/mention/{mention.start}-{mention.end}")

    def entity(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}entity/{slug}")


def plan_slug(extraction: Extraction) -> str:
    """From the document number where there is one (国发〔2018〕38号 → guo-fa-2018-38), else the title."""
    meta = extraction.document.metadata
    if meta.document_number:
        match = _DOC_NUMBER.search(meta.document_number)
        if match:
            return f"{pinyin_slug(match.group(1))}-{match.group(2)}-{match.group(3)}"
    title = meta.title or extraction.document.source
    return pinyin_slug(title)[:80].rstrip("-")


def entity_slugs(entities: list[Entity]) -> dict[str, str]:
    """Entity key -> slug, giving every name that shares a slug with another its SHA-1 suffix."""
    counts = Counter(e.slug for e in entities)
    return {e.key: collision_slug(e.slug, e.key) if counts[e.slug] > 1 and not e.from_lexicon else e.slug
            for e in entities}


class GraphBuilder:
    """Adds plans to an rdflib graph; several plans share their entities."""

    def __init__(self, graph: Graph | None = None, base: str = DEFAULT_BASE):
        self.graph = graph if graph is not None else Graph()
        self.iris = IriScheme(base)
        bind_prefixes(self.graph)

    def add(self, extraction: Extraction, slug: str | None = None, entity_graph: Graph | None = None,
            slugs: dict[str, str] | None = None) -> URIRef:
        """Add one plan; entities go to ``entity_graph`` (default: the same graph)."""
        plan = self.iris.plan(slug or plan_slug(extraction))
        slugs = slugs or entity_slugs(list(extraction.entities.values()))
        entity_iris = {key: self.iris.entity(slugs[key]) for key in extraction.entities}
        self._plan(plan, extraction)
        units = {u.key: u for u in extraction.structure.units}
        for unit in extraction.structure.units:
            self._unit(plan, unit)
        for mention in extraction.mentions:
            self._mention(plan, mention, extraction, entity_iris[mention.entity], units)
        if entity_graph is None:
            counts = Counter(m.entity for m in extraction.mentions)
            for key, entity in extraction.entities.items():
                add_entity(self.graph, entity_iris[key], entity, counts[key])
        return plan

    def _plan(self, plan: URIRef, extraction: Extraction) -> None:
        g, doc, meta = self.graph, extraction.document, extraction.document.metadata
        g.add((plan, RDF.type, PLAN.Plan))
        g.add((plan, RDF.type, NIF.Context))
        g.add((plan, DCTERMS.title, Literal(meta.title or doc.source, lang="zh")))
        g.add((plan, DCTERMS.source, Literal(doc.source)))
        if meta.issued:
            g.add((plan, DCTERMS.issued, Literal(meta.issued, datatype=XSD.date)))
        if meta.publisher:
            g.add((plan, DCTERMS.publisher, Literal(meta.publisher, lang="zh")))
        if meta.document_number:
            g.add((plan, PLAN.documentNumber, Literal(meta.document_number)))
        if meta.addressee:
            g.add((plan, PLAN.addressee, Literal(meta.addressee, lang="zh")))
        g.add((plan, NIF.isString, Literal(doc.text)))
        g.add((plan, NIF.beginIndex, Literal(0, datatype=_NONNEG)))
        g.add((plan, NIF.endIndex, Literal(len(doc.text), datatype=_NONNEG)))

    def _unit(self, plan: URIRef, unit: Unit) -> None:
        g, iri = self.graph, self.iris.unit(plan, unit.key)
        g.add((iri, RDF.type, UNIT_CLASSES[unit.kind]))
        g.add((iri, DCTERMS.isPartOf, self.iris.unit(plan, unit.parent) if unit.parent else plan))
        g.add((iri, PLAN.inPlan, plan))
        g.add((iri, SKOS.notation, Literal(str(unit.number))))
        g.add((iri, RDFS.label, Literal(unit.title, lang="zh")))
        g.add((iri, PLAN.text, Literal(unit.text, lang="zh")))
        g.add((iri, PLAN.order, Literal(unit.order, datatype=XSD.integer)))
        g.add((iri, NIF.beginIndex, Literal(unit.start, datatype=_NONNEG)))
        g.add((iri, NIF.endIndex, Literal(unit.end, datatype=_NONNEG)))

    def _mention(self, plan: URIRef, mention: Mention, extraction: Extraction, entity: URIRef,
                 units: dict[str, Unit]) -> None:
        g, iri = self.graph, self.iris.mention(plan, mention)
        where = self.iris.unit(plan, mention.unit) if mention.unit else plan
        sentence_start, sentence_end = extraction.sentence_of(mention)
        source_start, source_end = extraction.document.source_span(mention.start, mention.end)
        g.add((iri, RDF.type, PLAN.Mention))
        g.add((iri, PLAN.entity, entity))
        g.add((iri, PLAN.inUnit, where))
        g.add((iri, PROV.wasDerivedFrom, where))
        g.add((iri, NIF.referenceContext, plan))
        g.add((iri, NIF.anchorOf, Literal(mention.surface)))
        g.add((iri, NIF.beginIndex, Literal(mention.start, datatype=_NONNEG)))
        g.add((iri, NIF.endIndex, Literal(mention.end, datatype=_NONNEG)))
        g.add((iri, PLAN.sentence, Literal(extraction.document.text[sentence_start:sentence_end])))
        g.add((iri, PLAN.sentenceBeginIndex, Literal(sentence_start, datatype=_NONNEG)))
        g.add((iri, PLAN.sentenceEndIndex, Literal(sentence_end, datatype=_NONNEG)))
        g.add((iri, PLAN.sourceBeginIndex, Literal(source_start, datatype=_NONNEG)))
        g.add((iri, PLAN.sourceEndIndex, Literal(source_end, datatype=_NONNEG)))
        g.add((iri, PLAN.rule, RULES[mention.rule]))
        g.add((plan, PLAN.mentions, entity))
        for unit in _linked_units(mention, units):
            g.add((self.iris.unit(plan, unit), PLAN.mentions, entity))


def _linked_units(mention: Mention, units: dict[str, Unit]) -> list[str]:
    """The innermost unit; an item's mentions also count for the column or task it belongs to."""
    if mention.unit is None:
        return []
    linked = [mention.unit]
    unit = units[mention.unit]
    if unit.kind == "item" and unit.parent:
        linked.append(unit.parent)
    return linked


def add_entity(g: Graph, iri: URIRef, entity: Entity, mention_count: int) -> None:
    g.add((iri, RDF.type, ENTITY_CLASSES[entity.type]))
    g.add((iri, SKOS.prefLabel, Literal(entity.pref_label, lang="zh")))
    for alias, lang in entity.alt_labels.items():
        g.add((iri, SKOS.altLabel, Literal(alias, lang=lang)))
    g.add((iri, PLAN.mentionCount, Literal(mention_count, datatype=XSD.integer)))


def build_graph(extraction: Extraction, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of one plan."""
    builder = GraphBuilder(base=base)
    builder.add(extraction)
    return builder.graph


def build_dataset(extractions: list[Extraction], base: str = DEFAULT_BASE) -> Dataset:
    """One named graph per plan (named by the plan's IRI) and a shared graph of entities."""
    dataset = Dataset()
    bind_prefixes(dataset)
    iris = IriScheme(base)
    entities = dataset.graph(URIRef(f"{base}graph/entities"))
    merged: dict[str, Entity] = {}
    counts: Counter[str] = Counter()
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            if key not in merged:  # a copy: the extractions' own entities stay as they were
                merged[key] = replace(entity, alt_labels=dict(entity.alt_labels))
            else:
                merged[key].alt_labels.update(entity.alt_labels)
        counts.update(m.entity for m in extraction.mentions)
    slugs = entity_slugs(list(merged.values()))
    used: Counter[str] = Counter()
    for extraction in extractions:
        slug = plan_slug(extraction)
        used[slug] += 1
        if used[slug] > 1:  # two plans with one title stay apart
            slug = f"{slug}-{used[slug]}"
        GraphBuilder(dataset.graph(iris.plan(slug)), base).add(extraction, slug, entities, slugs)
    for key, entity in merged.items():
        add_entity(entities, iris.entity(slugs[key]), entity, counts[key])
    return dataset
