"""The entity network of a written graph, as networkx graphs, and its analytics.

Everything here reads an rdflib graph as ``plankg build`` wrote it and never the
extraction: the data flows one way (… → graph → analytics | render | export).

* :func:`network_data` reads the entities, the tasks and the ``plan:mentions``
  links between them (with string ids: the IRIs), and for each entity its
  aliases, the tasks that name it and one evidence sentence. It also reads the
  plan's structure for the network page: every unit that names an entity
  (tasks, 专栏 columns, goals, principles, and parts and sections by their own
  text, and the plan's title), the part or section each lies in, and the first
  sentence naming each entity in each unit.
* :func:`task_graph` is the bipartite entity–task network; :func:`cooccurrence_graph`
  its projection onto the entities: an edge where two entities are named by the
  same task, weighted by how many tasks they share. Both are plain
  ``networkx.Graph``s whose attributes are strings and numbers, so they write to
  GraphML and GEXF as they are (``rdflib_to_networkx`` would turn every literal
  into a node instead).
* :func:`analyse` computes degree and betweenness centrality and Louvain
  communities on the co-occurrence network; :func:`add_analytics` writes them
  back into RDF (``plan:degreeCentrality``, ``plan:betweennessCentrality``,
  ``plan:community``); :func:`stats_report` is what ``plankg stats`` prints.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
from rdflib import RDF, RDFS, XSD, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from ..extract.model import ENTITY_TYPES, PlanError
from ..ontology.namespace import COUNT_DATATYPE, ENTITY_CLASSES, NIF, PLAN
from .relations import edge_actions

#: Louvain's seed: the same graph always gets the same communities.
SEED = 42
#: Above this many entities betweenness is estimated from this many sampled sources (seeded).
BETWEENNESS_SAMPLES = 500
_TYPE_OF_CLASS = {cls: name for name, cls in ENTITY_CLASSES.items()}


@dataclass(frozen=True)
class EntityNode:
    id: str  #: the entity's IRI
    type: str  #: one of ENTITY_TYPES
    label: str  #: skos:prefLabel
    aliases: tuple[str, ...]  #: every skos:altLabel, sorted
    mention_count: int  #: plan:Mention resources naming it
    evidence: str | None  #: the sentence of its first mention in a task (else in any unit, else anywhere)
    tasks: tuple[str, ...]  #: ids of the tasks that name it, in task order


@dataclass(frozen=True)
class TaskNode:
    id: str  #: the task's IRI
    number: str  #: skos:notation ("12")
    title: str  #: rdfs:label
    plan: str  #: the plan's IRI


#: Units that stand on the page for the text that names an entity (an item's mentions count for its parent).
UNIT_KINDS = ("task", "column", "goal", "principle", "section", "part")
#: The kind of the pseudo-unit for an entity named in a plan's title.
TITLE = "title"
_UNIT_KIND_OF_CLASS = {PLAN.Task: "task", PLAN.Column: "column", PLAN.Goal: "goal", PLAN.Principle: "principle",
                       PLAN.Section: "section", PLAN.Part: "part", PLAN.Item: "item"}


@dataclass(frozen=True)
class UnitNode:
    """A unit that names entities, as the page draws it (a task, column, goal, principle, a part or
    section by its own text, or a plan's title)."""

    id: str  #: the unit's IRI (for a title: the plan's IRI)
    kind: str  #: one of UNIT_KINDS, or TITLE
    number: str  #: skos:notation ("" for a title)
    title: str  #: rdfs:label (the plan's title for a title)
    plan: str  #: the plan's IRI
    group: str  #: the GroupNode it is drawn in: its nearest part or section, itself included, else the plan
    order: int  #: plan:order (document order within the plan; -1 for a title)


@dataclass(frozen=True)
class GroupNode:
    """A part or section (or a plan, for units outside any): a band on the page, a column of its matrix."""

    id: str  #: the IRI
    kind: str  #: part | section | plan
    number: str  #: skos:notation
    title: str  #: rdfs:label
    plan: str  #: the plan's IRI
    part: str | None  #: for a section, the part it lies in (the nearest)
    order: int  #: plan:order (-1 for a plan)


@dataclass
class NetworkData:
    """Entities, tasks and the ``plan:mentions`` links of one graph (of one plan or several)."""

    plans: dict[str, str]  #: plan IRI -> title, oldest first (undated last), then by title
    entities: dict[str, EntityNode]  #: in (type, label) order
    tasks: dict[str, TaskNode]  #: in (plan, number) order
    links: dict[tuple[str, str], int] = field(default_factory=dict)  #: (task, entity) -> mentions (≥ 1)
    #: (entity, task or column) -> what the plan asks of the entity there ("支持 support · target")
    actions: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: every unit naming an entity, by plan, then document order
    units: dict[str, UnitNode] = field(default_factory=dict)
    #: (unit, entity) -> mentions (≥ 1): the ``plan:mentions`` of units, and the mentions in a title
    unit_links: dict[tuple[str, str], int] = field(default_factory=dict)
    #: the parts and sections that hold units (and plans, for units outside any), and the parts that hold
    #: those sections, in document order
    groups: dict[str, GroupNode] = field(default_factory=dict)
    #: (entity, unit) -> the first sentence naming the entity in the unit (or in one of its items)
    evidence: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        titles = list(self.plans.values())
        if len(titles) == 1:
            return titles[0]
        return f"{len(titles)} plans" if titles else "plankg"

    def task_label(self, task: TaskNode) -> str:
        return f"{task.number} {task.title}"

    @cached_property
    def type_counts(self) -> Counter[str]:
        return Counter(e.type for e in self.entities.values())

    @cached_property
    def entity_units(self) -> dict[str, list[str]]:
        """Entity -> the units naming it, in the order of ``units``."""
        named: dict[str, list[str]] = {e: [] for e in self.entities}
        for unit, entity in self.unit_links:
            named[entity].append(unit)
        order = {u: i for i, u in enumerate(self.units)}
        return {e: sorted(us, key=order.__getitem__) for e, us in named.items()}

    def entity_plans(self, entity: str) -> list[str]:
        """The plans naming ``entity`` in one of their units, in the order of ``plans``."""
        found = {self.units[u].plan for u in self.entity_units[entity]}
        return [p for p in self.plans if p in found]


# ----------------------------------------------------------------------------- reading RDF


def _union(graph: Graph) -> Graph:
    if isinstance(graph, ConjunctiveGraph):  # a Dataset too: merge its named graphs
        union = Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return graph


def _number_key(number: str) -> tuple[int, str]:
    return (int(number), number) if number.isdigit() else (math.inf, number)  # type: ignore[return-value]


def network_data(graph: Graph) -> NetworkData:
    """The entity network of a graph written by ``plankg build``.

    Raises PlanError when the graph holds no ``plan:Plan`` (not a plankg graph).
    A graph of several plans (a Dataset) is read as the union of its graphs.
    """
    graph = _union(graph)
    plans = {str(p): str(graph.value(p, DCTERMS.title) or p) for p in graph.subjects(RDF.type, PLAN.Plan)}
    # oldest first (undated last), then by title and IRI: the same order whatever the graph's
    issued = {str(p): str(d) for p, d in graph.subject_objects(DCTERMS.issued)}
    plans = dict(sorted(plans.items(), key=lambda kv: (issued.get(kv[0], "9999"), kv[1], kv[0])))
    if not plans:
        raise PlanError("the graph holds no plan:Plan; not a graph written by plankg build")
    plan_order = {iri: i for i, iri in enumerate(plans)}

    types: dict[Node, str] = {}
    for cls, name in _TYPE_OF_CLASS.items():
        for typed in graph.subjects(RDF.type, cls):
            # an entity typed twice (two plans disagreeing) takes the first type in ENTITY_TYPES order
            if typed not in types or ENTITY_TYPES.index(name) < ENTITY_TYPES.index(types[typed]):
                types[typed] = name

    tasks: dict[str, TaskNode] = {}
    for task in graph.subjects(RDF.type, PLAN.Task):
        plan = graph.value(task, PLAN.inPlan)
        tasks[str(task)] = TaskNode(str(task), str(graph.value(task, SKOS.notation) or ""),
                                    str(graph.value(task, RDFS.label) or ""), str(plan or ""))
    tasks = dict(sorted(tasks.items(), key=lambda kv: (plan_order.get(kv[1].plan, -1),
                                                        _number_key(kv[1].number), kv[0])))

    # mentions: their count per (unit, entity) and the first sentence per entity
    counts: Counter[tuple[str, str]] = Counter()
    mention_count: Counter[str] = Counter()
    first: dict[str, tuple[int, int, int, str]] = {}
    first_in_unit: dict[tuple[str, str], tuple[int, str]] = {}
    parents = {str(s): str(o) for s, o in graph.subject_objects(DCTERMS.isPartOf)}
    items = {str(s) for s in graph.subjects(RDF.type, PLAN.Item)}
    for mention in graph.subjects(RDF.type, PLAN.Mention):
        entity = graph.value(mention, PLAN.entity)
        if entity is None:
            continue
        key = str(entity)
        mention_count[key] += 1
        unit = str(graph.value(mention, PLAN.inUnit) or "")
        counts[(unit, key)] += 1
        if unit in items and unit in parents:  # an item's mentions count for its task or column
            counts[(parents[unit], key)] += 1
        sentence = graph.value(mention, PLAN.sentence)
        if sentence is not None:
            # evidence: the first mention in a task, else in any other unit, else anywhere (the title)
            in_task = unit in tasks or (unit in items and parents.get(unit) in tasks)
            rank = 0 if in_task else 1 if unit and unit not in plans else 2
            begin_index = graph.value(mention, NIF.beginIndex)
            begin = int(str(begin_index)) if begin_index is not None else 0
            context = graph.value(mention, NIF.referenceContext)
            where = (rank, plan_order.get(str(context), -1), begin, str(sentence))
            if key not in first or where < first[key]:
                first[key] = where
            shown = (parents.get(unit, unit) if unit in items else unit, key)
            if shown not in first_in_unit or (begin, str(sentence)) < first_in_unit[shown]:
                first_in_unit[shown] = (begin, str(sentence))

    links: dict[tuple[str, str], int] = {}
    entity_tasks: defaultdict[str, list[str]] = defaultdict(list)
    for task_id in tasks:
        for entity in sorted(set(graph.objects(URIRef(task_id), PLAN.mentions)), key=str):
            if entity not in types:
                continue
            links[(task_id, str(entity))] = max(1, counts[(task_id, str(entity))])
            entity_tasks[str(entity)].append(task_id)

    entities: dict[str, EntityNode] = {}
    for entity, type_ in types.items():
        key = str(entity)
        label = graph.value(entity, SKOS.prefLabel)
        aliases = sorted({str(a) for a in graph.objects(entity, SKOS.altLabel)} - {str(label)})
        count = mention_count[key] or _int(graph.value(entity, PLAN.mentionCount))
        entities[key] = EntityNode(key, type_, str(label) if label is not None else key, tuple(aliases), count,
                                   first[key][3] if key in first else None, tuple(entity_tasks[key]))
    entities = dict(sorted(entities.items(), key=lambda kv: (ENTITY_TYPES.index(kv[1].type), kv[1].label, kv[0])))
    data = NetworkData(plans, entities, tasks, links, edge_actions(graph))
    _read_structure(graph, data, parents, counts)
    data.evidence = {(entity, unit): sentence for (unit, entity), (_, sentence) in sorted(first_in_unit.items())
                     if (unit, entity) in data.unit_links}
    return data


def _read_structure(graph: Graph, data: NetworkData, parents: dict[str, str],
                    counts: Counter[tuple[str, str]]) -> None:
    """Fill ``data.units``, ``data.unit_links`` and ``data.groups`` (see NetworkData)."""
    kinds = {str(s): kind for cls, kind in _UNIT_KIND_OF_CLASS.items() for s in graph.subjects(RDF.type, cls)}
    order = {str(s): _int(o) for s, o in graph.subject_objects(PLAN.order)}
    plan_rank = {iri: i for i, iri in enumerate(data.plans)}
    links: dict[tuple[str, str], int] = {}
    for unit, kind in kinds.items():
        if kind == "item":
            continue
        for mentioned in graph.objects(URIRef(unit), PLAN.mentions):
            if str(mentioned) in data.entities:
                links[(unit, str(mentioned))] = max(1, counts[(unit, str(mentioned))])
    for (unit, entity), count in counts.items():  # a plan's own mentions are those of its title
        if unit in data.plans and entity in data.entities:
            links[(unit, entity)] = count

    def plan_of(unit: str) -> str:
        while unit in parents and unit not in data.plans:
            unit = parents[unit]
        return unit

    def group_of(unit: str) -> str:
        while kinds.get(unit) not in ("part", "section") and unit in parents and unit not in data.plans:
            unit = parents[unit]
        return unit if kinds.get(unit) in ("part", "section") else plan_of(unit)

    def label(iri: str, prop) -> str:
        return str(graph.value(URIRef(iri), prop) or "")

    units: dict[str, UnitNode] = {}
    for unit in {u for u, _ in links}:
        if unit in data.plans:
            units[unit] = UnitNode(unit, TITLE, "", data.plans[unit], unit, unit, -1)
        else:
            units[unit] = UnitNode(unit, kinds[unit], label(unit, SKOS.notation), label(unit, RDFS.label),
                                   plan_of(unit), group_of(unit), order.get(unit, 0))
    def rank(u):
        return (plan_rank.get(u.plan, len(plan_rank)), u.order, u.id)
    data.units = {u.id: u for u in sorted(units.values(), key=rank)}
    data.unit_links = {key: links[key] for key in sorted(links, key=lambda k: (rank(units[k[0]]), k[1]))}
    def part_of(group: str) -> str | None:
        while group in parents and group not in data.plans:
            group = parents[group]
            if kinds.get(group) == "part":
                return group
        return None

    def group_node(group: str, plan: str) -> GroupNode:
        if group in data.plans:
            return GroupNode(group, "plan", "", data.plans[group], group, None, -1)
        return GroupNode(group, kinds[group], label(group, SKOS.notation), label(group, RDFS.label), plan,
                         part_of(group), order.get(group, 0))

    groups: dict[str, GroupNode] = {}
    for node in data.units.values():
        if node.group not in groups:
            groups[node.group] = group_node(node.group, node.plan)
            part = groups[node.group].part
            if part is not None and part not in groups:  # a part that holds sections, for the matrix by part
                groups[part] = group_node(part, node.plan)
    data.groups = {g.id: g for g in sorted(groups.values(), key=rank)}


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# ----------------------------------------------------------------------------- networkx graphs


def task_graph(data: NetworkData) -> nx.Graph:
    """The bipartite entity–task network: every entity and every task, an edge per ``plan:mentions``.

    Node attributes: ``kind`` (entity | task), ``label``; entities also ``type``,
    ``aliases`` (joined with " | "), ``tasks`` (how many tasks name it), ``mentions``;
    tasks ``number``, ``title`` and ``plan``. Edge attribute ``weight``: the
    mentions of the entity in the task (at least 1).
    """
    g = nx.Graph(name=data.title)
    for entity in data.entities.values():
        g.add_node(entity.id, kind="entity", **_entity_attributes(entity))
    for task in data.tasks.values():
        g.add_node(task.id, kind="task", label=data.task_label(task), number=task.number, title=task.title,
                   plan=task.plan)
    for (task_id, entity_id), weight in data.links.items():
        g.add_edge(entity_id, task_id, weight=weight)
    return g


def _entity_attributes(entity: EntityNode) -> dict:
    return {"label": entity.label, "type": entity.type, "aliases": " | ".join(entity.aliases),
            "tasks": len(entity.tasks), "mentions": entity.mention_count}


def cooccurrence_graph(data: NetworkData) -> nx.Graph:
    """Every entity; an edge where two entities are named by one task, ``weight`` = how many tasks
    they share (the weighted bipartite projection of :func:`task_graph`), ``tasks`` = their ids."""
    g = nx.Graph(name=data.title)
    for node in data.entities.values():
        g.add_node(node.id, kind="entity", **_entity_attributes(node))
    by_task: defaultdict[str, list[str]] = defaultdict(list)
    for task, entity in data.links:
        by_task[task].append(entity)
    shared: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for task in data.tasks:  # task order, so each edge lists its tasks in order
        named = sorted(by_task.get(task, ()))
        for i, a in enumerate(named):
            for b in named[i + 1:]:
                shared[(a, b)].append(task)
    for (a, b), tasks in sorted(shared.items()):
        g.add_edge(a, b, weight=len(tasks), tasks=" ".join(tasks))
    return g


# ----------------------------------------------------------------------------- analytics


@dataclass
class Analytics:
    """Centralities and communities of the co-occurrence network (entity ids as keys)."""

    degree: dict[str, float]  #: networkx degree centrality (neighbours / (n − 1))
    betweenness: dict[str, float]  #: normalised, unweighted betweenness centrality
    community: dict[str, int]  #: community number, 0 = the largest
    communities: list[list[str]]  #: members of each community, by degree centrality
    betweenness_samples: int | None = None  #: None: exact; else the number of sampled sources

    def ranked(self, ids) -> list[str]:
        """``ids`` by degree centrality, then betweenness, descending (ties by id)."""
        return sorted(ids, key=lambda i: (-self.degree.get(i, 0.0), -self.betweenness.get(i, 0.0), i))


def analyse(data: NetworkData, cooccurrence: nx.Graph | None = None) -> Analytics:
    g = _canonical(cooccurrence if cooccurrence is not None else cooccurrence_graph(data))
    degree, betweenness, samples = _centralities(g, BETWEENNESS_SAMPLES)
    found = nx.community.louvain_communities(g, weight="weight", seed=SEED) if g.number_of_edges() else [{n} for n in g]
    def ranked(members):
        return sorted(members, key=lambda i: (-degree.get(i, 0.0), -betweenness.get(i, 0.0), i))
    communities = sorted((ranked(c) for c in found), key=lambda c: (-len(c), c[0]))
    community = {member: number for number, members in enumerate(communities) for member in members}
    return Analytics(degree, betweenness, community, communities, samples)


def centralities(data: NetworkData, cooccurrence: nx.Graph | None = None,
                 samples: int = BETWEENNESS_SAMPLES) -> tuple[dict[str, float], dict[str, float]]:
    """Degree and betweenness centrality of the co-occurrence network, as :func:`analyse` computes
    them (without the communities); betweenness is estimated from ``samples`` seeded sources when
    there are more entities than that."""
    degree, betweenness, _ = _centralities(_canonical(cooccurrence if cooccurrence is not None
                                                      else cooccurrence_graph(data)), samples)
    return degree, betweenness


def _canonical(given: nx.Graph) -> nx.Graph:
    """A sorted copy: Louvain and sampled betweenness depend on node order."""
    g = nx.Graph()
    g.add_nodes_from(sorted(given))
    g.add_weighted_edges_from(sorted((min(a, b), max(a, b), w) for a, b, w in given.edges(data="weight", default=1)))
    return g


def _centralities(g: nx.Graph, samples: int) -> tuple[dict[str, float], dict[str, float], int | None]:
    degree = nx.degree_centrality(g) if len(g) > 1 else dict.fromkeys(g, 0.0)
    if len(g) > samples:
        return degree, nx.betweenness_centrality(g, k=samples, seed=SEED, normalized=True), samples
    return degree, nx.betweenness_centrality(g, normalized=True), None


def central_institutions(data: NetworkData, analytics: Analytics, top: int = 10) -> list[str]:
    """The ``top`` most central institutions (by degree centrality, then betweenness)."""
    institutions = [e.id for e in data.entities.values() if e.type == "institution"]
    return analytics.ranked(institutions)[:top]


def add_analytics(graph: Graph, analytics: Analytics) -> Graph:
    """Add ``plan:degreeCentrality``, ``plan:betweennessCentrality`` and ``plan:community`` to each
    entity of ``graph`` (in place, replacing earlier values; returns the graph). Values are
    rounded to 6 decimals so that writing the graph stays deterministic."""
    for entity in analytics.degree:
        node = URIRef(entity)
        graph.set((node, PLAN.degreeCentrality, Literal(round(analytics.degree[entity], 6), datatype=XSD.double)))
        graph.set((node, PLAN.betweennessCentrality,
                   Literal(round(analytics.betweenness.get(entity, 0.0), 6), datatype=XSD.double)))
        graph.set((node, PLAN.community, Literal(analytics.community[entity], datatype=COUNT_DATATYPE)))
    return graph


def stats_report(data: NetworkData, analytics: Analytics, top: int = 10, cooccurrence: nx.Graph | None = None) -> str:
    """What ``plankg stats`` prints: sizes, the most central entities and institutions, communities."""
    g = cooccurrence if cooccurrence is not None else cooccurrence_graph(data)
    label = {e.id: e.label for e in data.entities.values()}
    kind = {e.id: e.type for e in data.entities.values()}
    tasks = {e.id: len(e.tasks) for e in data.entities.values()}
    types = ", ".join(f"{data.type_counts[t]} {t}" for t in ENTITY_TYPES if data.type_counts[t])
    lines = [
        f"{data.title}",
        f"{len(data.entities)} entities ({types or 'none'}), {len(data.tasks)} tasks, "
        f"{len(data.links)} entity–task links, {g.number_of_edges()} co-occurrence edges",
    ]
    if not data.entities:
        lines.append("no entities: nothing to rank")
        return "\n".join(lines) + "\n"
    note = (f" (betweenness estimated from {analytics.betweenness_samples} sampled sources)"
            if analytics.betweenness_samples else "")
    lines += ["", f"most central entities (co-occurrence network){note}:"]
    lines += _ranking(analytics.ranked(list(analytics.degree))[:top], analytics, label, kind, tasks)
    lines += ["", "most central institutions:"]
    lines += _ranking(central_institutions(data, analytics, top), analytics, label, kind, tasks) or ["  (none)"]
    shown = [c for c in analytics.communities if len(c) > 1]
    singletons = len(analytics.communities) - len(shown)
    lines += ["", f"communities (Louvain, seed {SEED}): {len(shown)} of two or more entities"
                  + (f", {singletons} entities on their own" if singletons else "")]
    for number, members in enumerate(analytics.communities):
        if len(members) < 2 or number >= top:
            continue
        names = "、".join(label[m] for m in members[:8]) + ("…" if len(members) > 8 else "")
        lines.append(f"  {number:>3}  {len(members):>4} entities  {names}")
    return "\n".join(lines) + "\n"


def _ranking(ids, analytics: Analytics, label, kind, tasks) -> list[str]:
    rows = []
    for rank, entity in enumerate(ids, 1):
        rows.append(f"  {rank:>3}. {label[entity]} ({kind[entity]}): degree {analytics.degree[entity]:.3f}, "
                    f"betweenness {analytics.betweenness.get(entity, 0.0):.3f}, "
                    f"{tasks[entity]} task{'' if tasks[entity] == 1 else 's'}, "
                    f"community {analytics.community[entity]}")
    return rows


def stats_json(data: NetworkData, analytics: Analytics, top: int = 10) -> str:
    """The same figures as JSON (``plankg stats --format json``)."""
    def entry(entity: str) -> dict:
        node = data.entities[entity]
        return {"id": entity, "label": node.label, "type": node.type, "tasks": len(node.tasks),
                "degree": round(analytics.degree[entity], 6),
                "betweenness": round(analytics.betweenness.get(entity, 0.0), 6),
                "community": analytics.community[entity]}

    payload = {
        "title": data.title,
        "entities": len(data.entities),
        "tasks": len(data.tasks),
        "links": len(data.links),
        "types": {t: data.type_counts[t] for t in ENTITY_TYPES},
        "most_central": [entry(e) for e in analytics.ranked(list(analytics.degree))[:top]],
        "most_central_institutions": [entry(e) for e in central_institutions(data, analytics, top)],
        "communities": [[data.entities[m].label for m in members] for members in analytics.communities],
        "betweenness_samples": analytics.betweenness_samples,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
