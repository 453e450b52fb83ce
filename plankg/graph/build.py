"""Graph stage: one extraction (or many) as RDF under the plankg ontology.

IRIs are readable and stable (see plan.ttl): plans ``{base}plan/{slug}``, their
units ``{plan}/{unit key}``, mentions ``{plan}/mention/{begin}-{end}`` and
entities ``{base}entity/{slug}`` — shared by every plan that names them.

The builders record triples of N-Triples terms (``plankg.graph.triples``: no rdflib term is
made) in a ``TripleBuffer`` (``build_triples``, ``build_quads``), which ``serialize`` writes
with pyoxigraph; ``build_graph`` and ``build_dataset`` give the same statements as an rdflib
``Graph`` or ``Dataset``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rdflib import RDF, RDFS, XSD
from rdflib.namespace import DCTERMS, PROV, SKOS

from ..extract.link import Extraction, collision_slug
from ..extract.model import ENTITY_TYPES, Entity, Mention, Unit
from ..extract.wordtables import pinyin_slug
from ..ontology.namespace import (
    ALL_PREFIXES,
    DEFAULT_BASE,
    ENTITY_CLASSES,
    NIF,
    PLAN,
    RULES,
    UNIT_CLASSES,
)
from .relations import add_relations, mention_node
from .triples import (
    NamedGraphView,
    SpanLiterals,
    Term,
    TripleBuffer,
    TripleSink,
    Vocabulary,
    count,
    iri,
    literal,
    node_under,
    terms_of,
)

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

_PLAN, _NIF, _DCTERMS, _SKOS, _PROV, _RDF, _RDFS, _XSD = map(Vocabulary, (PLAN, NIF, DCTERMS, SKOS, PROV, RDF, RDFS,
                                                                          XSD))
_UNIT_CLASSES, _ENTITY_CLASSES, _RULES = map(terms_of, (UNIT_CLASSES, ENTITY_CLASSES, RULES))
_DOC_NUMBER = re.compile(r"(\D+?)〔(\d{4})〕(\d+)号")


def bind_prefixes(graph: TripleBuffer | Graph) -> None:
    """Bind plankg's prefixes and the standard ones but rdf (every RDF library knows rdf:, and
    plankg's files never declared it) in a buffer or rdflib graph."""
    for prefix, namespace in ALL_PREFIXES.items():
        if prefix != "rdf":
            graph.bind(prefix, namespace, override=True)


@dataclass(frozen=True)
class IriScheme:
    """The IRIs of plans and entities under ``base`` (plain strings; units and mentions are nodes
    under their plan: ``node_under``, ``mention_node``)."""

    base: str = DEFAULT_BASE

    def plan(self, slug: str) -> str:
        return f"{self.base}plan/{slug}"

    def entity(self, slug: str) -> str:
        return f"{self.base}entity/{slug}"


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
    """Entity key -> slug. Each entity carries its own (``slug_for``: a function of its canonical
    name and the lexicon, the same in every document). Two names with one slug would take a clash
    of 24-bit SHA-1 prefixes between homophones the lexicon does not know; such names get six more
    hex digits rather than one IRI."""
    counts = Counter(e.slug for e in entities)
    return {e.key: collision_slug(pinyin_slug(e.key), e.key, digits=12) if counts[e.slug] > 1 else e.slug
            for e in entities}


def claim_plan_slug(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… for the second and later plans with one title
    (in input order), so that two documents never share a plan IRI. Adds the result to ``taken``."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


def plan_slugs(extractions: list[Extraction]) -> list[str]:
    """The slug of each plan of ``extractions`` built together, in order (``claim_plan_slug``:
    two plans with one title stay apart)."""
    taken: set[str] = set()
    return [claim_plan_slug(plan_slug(extraction), taken) for extraction in extractions]


def entity_graph_iri(base: str) -> str:
    """The named graph of the shared entities in a dataset of several plans."""
    return f"{base}graph/entities"


@dataclass(frozen=True)
class EntityRow:
    """What one plan says about one shared entity: its IRI, canonical name, type, the names that
    hold in every document (the lexicon's) and the number of the plan's mentions of it."""

    iri: str
    key: str
    type: str
    labels: tuple[tuple[str, str], ...]  # (label, language tag)
    mentions: int


def entity_rows(extraction: Extraction, base: str, slugs: dict[str, str] | None = None) -> list[EntityRow]:
    iris = IriScheme(base)
    slugs = slugs or entity_slugs(list(extraction.entities.values()))
    counts = Counter(m.entity for m in extraction.mentions)
    rows = []
    for key, entity in sorted(extraction.entities.items()):
        local = set(entity.local_labels)
        labels = tuple((label, lang) for label, lang in sorted(entity.alt_labels.items()) if label not in local)
        rows.append(EntityRow(str(iris.entity(slugs[key])), key, entity.type, labels, counts[key]))
    return rows


class EntityTable:
    """The shared entities of a dataset, merged from the plans' ``EntityRow``s by IRI.

    Bounded by the number of distinct entities, not of documents. A type is chosen by the
    plans' mentions (most mentions wins, ties in the vocabulary's order); the names are the
    union of the plans' shared names; ``plan:mentionCount`` is the sum over the plans.
    """

    def __init__(self) -> None:
        self._records: dict[str, tuple[str, Counter[str], dict[str, str], list[int]]] = {}
        self.clashes: list[str] = []  # IRIs two different canonical names reached (none expected)

    def __len__(self) -> int:
        return len(self._records)

    def add(self, rows: list[EntityRow]) -> None:
        for row in rows:
            record = self._records.get(row.iri)
            if record is None:
                record = self._records[row.iri] = (row.key, Counter(), {}, [0])
            elif record[0] != row.key and row.iri not in self.clashes:
                self.clashes.append(row.iri)
            record[1][row.type] += max(row.mentions, 1)
            for label, lang in row.labels:
                record[2].setdefault(label, lang)
            record[3][0] += row.mentions

    def entities(self):
        """(IRI, Entity, mention count) for every entity, in the order of their sorted N-Quads
        lines (by ``<IRI>``), so the entity graph's lines sort the same in one piece or several."""
        order = {t: i for i, t in enumerate(ENTITY_TYPES)}
        for entity_iri in sorted(self._records, key=iri):
            key, types, labels, mentions = self._records[entity_iri]
            kind = min(types, key=lambda t: (-types[t], order[t]))
            yield entity_iri, Entity(key=key, type=kind, pref_label=key, slug=entity_iri.rsplit("/", 1)[-1],
                                     alt_labels=dict(sorted(labels.items()))), mentions[0]

    def write(self, graph: TripleSink) -> None:
        for entity_iri, entity, mentions in self.entities():
            add_entity(graph, iri(entity_iri), entity, mentions)


class GraphBuilder:
    """Adds plans to a graph (a ``TripleBuffer`` by default, or one of its named graphs; an
    rdflib ``Graph`` is filled from a buffer after each plan); several plans share their
    entities."""

    def __init__(self, graph: TripleSink | Graph | None = None, base: str = DEFAULT_BASE):
        self._rdflib: Graph | None = None
        if graph is not None and not isinstance(graph, (TripleBuffer, NamedGraphView)):
            self._rdflib, graph = cast("Graph", graph), None
            bind_prefixes(self._rdflib)
        self.graph: TripleSink = graph if graph is not None else TripleBuffer()
        if isinstance(self.graph, TripleBuffer):
            bind_prefixes(self.graph)
        self.iris = IriScheme(base)

    def add(self, extraction: Extraction, slug: str | None = None, entity_graph: TripleSink | None = None,
            slugs: dict[str, str] | None = None) -> str:
        """Add one plan and return its IRI; its entities go to this graph, or, given an
        ``entity_graph``, are left to the caller to write there (``EntityTable``) — then the
        names only this document gives its entities (``Entity.local_labels``: 以下简称…
        aliases, acronyms, short forms) stay in this graph, the plan's own, and do not become
        every plan's names."""
        plan_iri = self.iris.plan(slug or plan_slug(extraction))
        plan = iri(plan_iri)
        slugs = slugs or entity_slugs(list(extraction.entities.values()))
        entity_iris = {key: iri(self.iris.entity(slugs[key])) for key in extraction.entities}
        self._plan(plan, extraction)
        units = {u.key: u for u in extraction.structure.units}
        unit_iris = {key: node_under(plan, key) for key in units}
        for unit in extraction.structure.units:
            self._unit(plan, unit, unit_iris)
        sentences = SpanLiterals(extraction.document.text)
        for mention in extraction.mentions:
            self._mention(plan, mention, extraction, entity_iris[mention.entity], units, unit_iris, sentences)
        if entity_graph is None:
            counts = Counter(m.entity for m in extraction.mentions)
            for key, entity in extraction.entities.items():
                add_entity(self.graph, entity_iris[key], entity, counts[key])
        else:
            for key, entity in extraction.entities.items():
                for label in entity.local_labels:
                    self.graph.add((entity_iris[key], _SKOS.altLabel, literal(label, entity.alt_labels[label])))
        add_relations(self.graph, plan, extraction, unit_iris, entity_iris)  # roles, typed relations, figures
        if self._rdflib is not None and isinstance(self.graph, TripleBuffer):
            self.graph.to_rdflib(self._rdflib)
            self.graph = TripleBuffer()
        return plan_iri

    def _plan(self, plan: Term, extraction: Extraction) -> None:
        add, doc, meta = self.graph.add, extraction.document, extraction.document.metadata
        add((plan, _RDF.type, _PLAN.Plan))
        add((plan, _RDF.type, _NIF.Context))
        add((plan, _DCTERMS.title, literal(meta.title or doc.source, "zh")))
        add((plan, _DCTERMS.source, literal(doc.source)))
        if meta.issued:
            add((plan, _DCTERMS.issued, literal(meta.issued, datatype=_XSD.date)))
        for publisher in meta.publishers:  # one dcterms:publisher per issuing body
            add((plan, _DCTERMS.publisher, literal(publisher, "zh")))
        if meta.document_number:
            add((plan, _PLAN.documentNumber, literal(meta.document_number)))
        if meta.addressee:
            add((plan, _PLAN.addressee, literal(meta.addressee, "zh")))
        add((plan, _NIF.isString, literal(doc.text)))
        add((plan, _NIF.beginIndex, count(0)))
        add((plan, _NIF.endIndex, count(len(doc.text))))

    def _unit(self, plan: Term, unit: Unit, unit_iris: dict[str, Term]) -> None:
        add, node = self.graph.add, unit_iris[unit.key]
        add((node, _RDF.type, _UNIT_CLASSES[unit.kind]))
        add((node, _DCTERMS.isPartOf, unit_iris[unit.parent] if unit.parent else plan))
        add((node, _PLAN.inPlan, plan))
        add((node, _SKOS.notation, literal(unit.notation)))
        add((node, _RDFS.label, literal(unit.title, "zh")))
        add((node, _PLAN.text, literal(unit.text, "zh")))
        add((node, _PLAN.order, count(unit.order, _XSD.integer)))
        add((node, _NIF.beginIndex, count(unit.start)))
        add((node, _NIF.endIndex, count(unit.end)))

    def _mention(self, plan: Term, mention: Mention, extraction: Extraction, entity: Term,
                 units: dict[str, Unit], unit_iris: dict[str, Term], sentences: SpanLiterals) -> None:
        add = self.graph.add
        node = mention_node(plan, mention.start, mention.end)
        where = unit_iris[mention.unit] if mention.unit else plan
        sentence_start, sentence_end = extraction.sentence_of(mention)
        source_start, source_end = extraction.document.source_span(mention.start, mention.end)
        add((node, _RDF.type, _PLAN.Mention))
        add((node, _PLAN.entity, entity))
        add((node, _PLAN.inUnit, where))
        add((node, _PROV.wasDerivedFrom, where))
        add((node, _NIF.referenceContext, plan))
        add((node, _NIF.anchorOf, literal(mention.surface)))
        add((node, _NIF.beginIndex, count(mention.start)))
        add((node, _NIF.endIndex, count(mention.end)))
        add((node, _PLAN.sentence, sentences(sentence_start, sentence_end)))
        add((node, _PLAN.sentenceBeginIndex, count(sentence_start)))
        add((node, _PLAN.sentenceEndIndex, count(sentence_end)))
        add((node, _PLAN.sourceBeginIndex, count(source_start)))
        add((node, _PLAN.sourceEndIndex, count(source_end)))
        add((node, _PLAN.rule, _RULES[mention.rule]))
        add((plan, _PLAN.mentions, entity))
        for unit in _linked_units(mention, units):
            add((unit_iris[unit], _PLAN.mentions, entity))


def _linked_units(mention: Mention, units: dict[str, Unit]) -> list[str]:
    """The innermost unit; an item's mentions also count for the column or task it belongs to,
    and a column's for the task it is printed in."""
    if mention.unit is None:
        return []
    linked = [mention.unit]
    unit = units[mention.unit]
    if unit.kind == "item" and unit.parent:
        linked.append(unit.parent)
        unit = units[unit.parent]
    if unit.kind == "column" and unit.parent and units[unit.parent].kind == "task":
        linked.append(unit.parent)
    return linked


def add_entity(g: TripleSink, entity_iri: Term, entity: Entity, mention_count: int) -> None:
    """The statements of one entity (``entity_iri`` in N-Triples form) in ``g``."""
    g.add((entity_iri, _RDF.type, _ENTITY_CLASSES[entity.type]))
    g.add((entity_iri, _SKOS.prefLabel, literal(entity.pref_label, "zh")))
    for alias, lang in entity.alt_labels.items():
        g.add((entity_iri, _SKOS.altLabel, literal(alias, lang)))
    g.add((entity_iri, _PLAN.mentionCount, count(mention_count, _XSD.integer)))


def build_triples(extraction: Extraction, base: str = DEFAULT_BASE) -> TripleBuffer:
    """The triples of one plan's graph, to ``serialize``."""
    triples = TripleBuffer()
    GraphBuilder(triples, base).add(extraction)
    return triples


def build_graph(extraction: Extraction, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of one plan, in rdflib."""
    return build_triples(extraction, base).to_rdflib()


def build_quads(extractions: list[Extraction], base: str = DEFAULT_BASE,
                slugs: list[str] | None = None) -> TripleBuffer:
    """One named graph per plan (named by the plan's IRI) and a shared graph of entities, to
    ``serialize``: the same quads as a corpus build (``plankg.build.corpus``) of the documents.
    ``slugs``: the plans' slugs, if the caller has them (``plan_slugs``)."""
    dataset = TripleBuffer()
    bind_prefixes(dataset)
    entities = dataset.graph(entity_graph_iri(base))
    table = EntityTable()
    for extraction, slug in zip(extractions, plan_slugs(extractions) if slugs is None else slugs, strict=True):
        local = entity_slugs(list(extraction.entities.values()))
        GraphBuilder(dataset.graph(IriScheme(base).plan(slug)), base).add(extraction, slug, entities, local)
        table.add(entity_rows(extraction, base, local))
    table.write(entities)
    return dataset


def build_dataset(extractions: list[Extraction], base: str = DEFAULT_BASE) -> Dataset:
    """``build_quads`` as an rdflib ``Dataset``."""
    from rdflib import Dataset

    dataset = build_quads(extractions, base).to_rdflib()
    if not isinstance(dataset, Dataset):  # no statement at all: still a dataset
        dataset = Dataset()
        bind_prefixes(dataset)
    return dataset


def document_dataset(extraction: Extraction, slug: str,
                     base: str = DEFAULT_BASE) -> tuple[TripleBuffer, list[EntityRow]]:
    """One plan as a dataset of its own named graph (no entity graph), and its ``EntityRow``s
    for the shared entity graph: a corpus build writes each document's graph as it comes."""
    dataset = TripleBuffer()
    bind_prefixes(dataset)
    slugs = entity_slugs(list(extraction.entities.values()))
    graph = dataset.graph(IriScheme(base).plan(slug))
    GraphBuilder(graph, base).add(extraction, slug, graph, slugs)
    return dataset, entity_rows(extraction, base, slugs)


#: Entities per piece when a corpus writes its entity graph (see ``entity_datasets``).
ENTITY_CHUNK = 2000


def entity_datasets(table: EntityTable, base: str = DEFAULT_BASE, size: int | None = None):
    """The shared entity graph of a corpus in datasets of at most ``size`` entities each (in
    IRI order), so that writing it never holds more than that many at once."""
    size = size or ENTITY_CHUNK
    chunk: list = []
    for item in table.entities():
        chunk.append(item)
        if len(chunk) >= size:
            yield _entity_chunk(chunk, base)
            chunk = []
    if chunk:
        yield _entity_chunk(chunk, base)


def _entity_chunk(items: list, base: str) -> TripleBuffer:
    dataset = TripleBuffer()
    bind_prefixes(dataset)
    graph = dataset.graph(entity_graph_iri(base))
    for entity_iri, entity, mentions in items:
        add_entity(graph, iri(entity_iri), entity, mentions)
    return dataset


def spooled_dataset(path) -> TripleBuffer:
    """The N-Quads file ``path`` (a corpus build's spool) read back for the whole-graph formats:
    natively for all but JSON-LD (which ``serialize`` writes from rdflib)."""
    import pyoxigraph as ox

    dataset = TripleBuffer()
    bind_prefixes(dataset)
    with open(path, "rb") as handle:
        dataset.extend_native(ox.parse(handle, format=ox.RdfFormat.N_QUADS))
    return dataset
