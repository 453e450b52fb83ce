"""The ontology (plan.ttl), the SHACL shapes (shapes.ttl) and validate()."""
from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources

import pyoxigraph
import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from plankg.ontology import (
    DEFAULT_BASE,
    NIF,
    PLAN,
    PLAN_IRI,
    ontology_graph,
    shapes_graph,
    validate,
)
from plankg.ontology.namespace import ENTITY_CLASSES, RULES, UNIT_CLASSES

SH = Namespace("http://www.w3.org/ns/shacl#")
PLANSH = Namespace("https://w3id.org/plankg/shapes#")
ONTOLOGY = URIRef("https://w3id.org/plankg/ontology")
FIBO_INSTRUMENT = URIRef(
    "https://spec.edmcouncil.org/fibo/ontology/FBC/FinancialInstruments/FinancialInstruments/FinancialInstrument"
)
FIBO_IR_BENCHMARK = URIRef(
    "https://spec.edmcouncil.org/fibo/ontology/IND/InterestRates/InterestRates/InterestRateBenchmark"
)

PLAN_TERMS: list[URIRef] = sorted(dir(PLAN))
PROPERTIES = [t for t in PLAN_TERMS if t.removeprefix(PLAN_IRI)[0].islower()]
RULE_TERMS = [t for t in PLAN_TERMS if t.endswith("Rule") and t != PLAN.ExtractionRule]


def _package_text(name: str) -> str:
    return resources.files("plankg.ontology").joinpath(name).read_text(encoding="utf-8")


def _offset(n: int) -> Literal:
    """An offset as plankg writes it: xsd:integer (a store keeps no integer subtype)."""
    return Literal(n, datatype=XSD.integer)


# --------------------------------------------------------------------------
# The ontology
# --------------------------------------------------------------------------


def test_namespace_lists_every_term():
    assert len(PLAN_TERMS) == len(PLAN.__annotations__)
    assert {PLAN[name] for name in PLAN.__annotations__} == set(PLAN_TERMS)


def test_ontology_parses_in_rdflib_and_pyoxigraph():
    graph = ontology_graph()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    store = pyoxigraph.Store()
    store.load(_package_text("plan.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph)


def test_ontology_header():
    graph = ontology_graph()
    assert graph.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert {t.language for t in graph.objects(ONTOLOGY, DCTERMS.title)} == {"en", "zh"}
    description = str(graph.value(ONTOLOGY, DCTERMS.description))
    for piece in (DEFAULT_BASE, "--base", "{base}plan/{slug}", "part-3/section-1/task-12",
                  "mention/{begin}-{end}", "{base}entity/{slug}", "shang-hai-qing-suan-suo",
                  "chang-san-jiao", "SHA-1"):
        assert piece in description


@pytest.mark.parametrize("name", ["owl", "rdf", "rdfs", "xsd", "dcterms", "skos", "prov", "org", "schema", "nif", "plan"])
def test_ontology_declares_prefix(name: str):
    assert re.search(rf"^@prefix {name}:\s+<", _package_text("plan.ttl"), re.MULTILINE)


@pytest.mark.parametrize("term", PLAN_TERMS, ids=lambda t: t.removeprefix(PLAN_IRI))
def test_every_term_is_defined_and_documented(term: URIRef):
    graph = ontology_graph()
    assert (term, RDF.type, None) in graph, "term not declared"
    labels = list(graph.objects(term, RDFS.label))
    assert {label.language for label in labels} == {"zh", "en"}
    assert len(labels) == 2
    comments = list(graph.objects(term, RDFS.comment))
    assert any(c.language == "en" for c in comments)
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in graph


def test_no_undeclared_plan_terms_in_ontology():
    graph = ontology_graph()
    used = {n for n in graph.all_nodes() if isinstance(n, URIRef) and n.startswith(PLAN_IRI)}
    assert used <= set(PLAN_TERMS)


@pytest.mark.parametrize("term", PROPERTIES, ids=lambda t: t.removeprefix(PLAN_IRI))
def test_every_property_has_domain_and_range(term: URIRef):
    graph = ontology_graph()
    assert graph.value(term, RDFS.domain) is not None
    assert graph.value(term, RDFS.range) is not None


def test_mentions_has_no_inverse():
    graph = ontology_graph()
    assert (PLAN.mentions, OWL.inverseOf, None) not in graph
    assert (None, OWL.inverseOf, PLAN.mentions) not in graph


def test_class_hierarchy():
    graph = ontology_graph()
    for cls in ENTITY_CLASSES.values():
        assert (cls, RDFS.subClassOf, PLAN.Entity) in graph
    for cls in UNIT_CLASSES.values():
        assert (cls, RDFS.subClassOf, PLAN.Unit) in graph
    assert set(ENTITY_CLASSES.values()) == set(graph.subjects(RDFS.subClassOf, PLAN.Entity))
    assert set(UNIT_CLASSES.values()) == set(graph.subjects(RDFS.subClassOf, PLAN.Unit))


def test_alignments():
    graph = ontology_graph()
    assert (PLAN.Institution, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in graph
    assert (PLAN.Place, RDFS.subClassOf, URIRef("https://schema.org/Place")) in graph
    assert (PLAN.Product, SKOS.closeMatch, FIBO_INSTRUMENT) in graph
    assert (PLAN.Benchmark, SKOS.closeMatch, FIBO_IR_BENCHMARK) in graph
    assert (PLAN.Plan, RDFS.subClassOf, PROV.Entity) in graph
    assert (PLAN.Mention, RDFS.subClassOf, NIF.String) in graph
    assert (PLAN.Mention, RDFS.subClassOf, PROV.Entity) in graph
    assert (PLAN.ExtractionRule, RDFS.subClassOf, PROV.Plan) in graph
    assert len(list(graph.objects(PLAN.Institution, SKOS.narrowMatch))) == 3


def test_rules_are_extraction_rules():
    graph = ontology_graph()
    assert set(RULES.values()) == set(RULE_TERMS)
    for rule in RULE_TERMS:
        assert (rule, RDF.type, PLAN.ExtractionRule) in graph


# --------------------------------------------------------------------------
# The shapes
# --------------------------------------------------------------------------


def test_shapes_parse_in_rdflib_and_pyoxigraph():
    graph = shapes_graph()
    assert (PLANSH.PlanShape, RDF.type, SH.NodeShape) in graph
    store = pyoxigraph.Store()
    store.load(_package_text("shapes.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph)


def test_shapes_target_every_subclass():
    graph = shapes_graph()
    unit_targets = set(graph.objects(PLANSH.UnitShape, SH.targetClass))
    assert unit_targets == set(UNIT_CLASSES.values()) | {PLAN.Unit}
    entity_targets = set(graph.objects(PLANSH.EntityShape, SH.targetClass))
    assert entity_targets == set(ENTITY_CLASSES.values()) | {PLAN.Entity}


def test_every_shape_has_a_message_or_label():
    graph = shapes_graph()
    for shape in set(graph.subjects(RDF.type, SH.NodeShape)):
        assert graph.value(shape, RDFS.label) is not None, shape
    for shape in set(graph.subjects(RDF.type, SH.PropertyShape)) | set(
        graph.subjects(RDF.type, SH.SPARQLConstraint)
    ):
        assert graph.value(shape, SH.message) is not None, shape


# --------------------------------------------------------------------------
# Validation: a small hand-written plan
# --------------------------------------------------------------------------

TEXT = (
    "上海国际金融中心建设规划\n"
    "一、主要任务\n"
    "1．加强金融基础设施体系建设。支持上海清算所发展。"
)
BASE = Namespace(DEFAULT_BASE)
PLAN_NODE = BASE["plan/test"]
PART = BASE["plan/test/part-1"]
TASK = BASE["plan/test/part-1/task-1"]
ENTITY = BASE["entity/shang-hai-qing-suan-suo"]
NAME = "上海清算所"
BEGIN = TEXT.index(NAME)
END = BEGIN + len(NAME)
MENTION = BASE[f"plan/test/mention/{BEGIN}-{END}"]
SENTENCE = "支持上海清算所发展。"
SENTENCE_BEGIN = TEXT.index(SENTENCE)


def valid_graph() -> Graph:
    g = Graph()
    part_begin = TEXT.index("一、")
    task_begin = TEXT.index("1．")

    g.add((PLAN_NODE, RDF.type, PLAN.Plan))
    g.add((PLAN_NODE, RDF.type, NIF.Context))
    g.add((PLAN_NODE, DCTERMS.title, Literal("上海国际金融中心建设规划", lang="zh")))
    g.add((PLAN_NODE, DCTERMS.source, Literal("tests/fixtures/test.txt")))
    g.add((PLAN_NODE, DCTERMS.issued, Literal("2021-08-24", datatype=XSD.date)))
    g.add((PLAN_NODE, DCTERMS.publisher, Literal("上海市人民政府", lang="zh")))
    g.add((PLAN_NODE, PLAN.documentNumber, Literal("沪府发〔2021〕12号")))
    g.add((PLAN_NODE, NIF.isString, Literal(TEXT)))
    g.add((PLAN_NODE, NIF.beginIndex, _offset(0)))
    g.add((PLAN_NODE, NIF.endIndex, _offset(len(TEXT))))

    units = [
        (PART, PLAN.Part, PLAN_NODE, "1", "主要任务", part_begin, task_begin, 1),
        (TASK, PLAN.Task, PART, "1", "加强金融基础设施体系建设", task_begin, len(TEXT), 2),
    ]
    for node, cls, parent, notation, title, begin, end, order in units:
        g.add((node, RDF.type, cls))
        g.add((node, DCTERMS.isPartOf, parent))
        g.add((node, PLAN.inPlan, PLAN_NODE))
        g.add((node, SKOS.notation, Literal(notation)))
        g.add((node, RDFS.label, Literal(title, lang="zh")))
        g.add((node, PLAN.text, Literal(TEXT[begin:end].strip(), lang="zh")))
        g.add((node, PLAN.order, Literal(order)))
        g.add((node, NIF.beginIndex, _offset(begin)))
        g.add((node, NIF.endIndex, _offset(end)))
    g.add((TASK, PLAN.mentions, ENTITY))

    g.add((ENTITY, RDF.type, PLAN.Institution))
    g.add((ENTITY, SKOS.prefLabel, Literal(NAME, lang="zh")))
    g.add((ENTITY, SKOS.altLabel, Literal("SHCH", lang="en")))
    g.add((ENTITY, SKOS.altLabel, Literal("上清所", lang="zh")))
    g.add((ENTITY, PLAN.mentionCount, Literal(1)))

    g.add((MENTION, RDF.type, PLAN.Mention))
    g.add((MENTION, PLAN.entity, ENTITY))
    g.add((MENTION, PLAN.inUnit, TASK))
    g.add((MENTION, PROV.wasDerivedFrom, TASK))
    g.add((MENTION, NIF.referenceContext, PLAN_NODE))
    g.add((MENTION, NIF.anchorOf, Literal(NAME)))
    g.add((MENTION, NIF.beginIndex, _offset(BEGIN)))
    g.add((MENTION, NIF.endIndex, _offset(END)))
    g.add((MENTION, PLAN.sentence, Literal(SENTENCE)))
    g.add((MENTION, PLAN.sentenceBeginIndex, _offset(SENTENCE_BEGIN)))
    g.add((MENTION, PLAN.sentenceEndIndex, _offset(SENTENCE_BEGIN + len(SENTENCE))))
    g.add((MENTION, PLAN.sourceBeginIndex, _offset(BEGIN + 400)))
    g.add((MENTION, PLAN.sourceEndIndex, _offset(END + 400)))
    g.add((MENTION, PLAN.rule, PLAN.LexiconRule))
    return g


def test_valid_graph_conforms():
    data = valid_graph()
    sizes = len(data), len(ontology_graph()), len(shapes_graph())
    conforms, text = validate(data)
    assert conforms, text
    assert (len(data), len(ontology_graph()), len(shapes_graph())) == sizes, "validate() changed a graph"


def test_valid_graph_conforms_with_only_the_class_hierarchy():
    """Without plan.ttl, class checks need the subclass triples and rule types in the data."""
    data = valid_graph()
    ontology = ontology_graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        data.add(triple)
    for triple in ontology.triples((None, RDF.type, PLAN.ExtractionRule)):
        data.add(triple)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    assert conforms, text


def test_dataset_is_validated_as_the_union_of_its_graphs():
    """Entities live in a shared named graph; the plan's graph only refers to them."""
    dataset = Dataset()
    plan_graph = dataset.graph(PLAN_NODE)
    entity_graph = dataset.graph(BASE["graph/entities"])
    for s, p, o in valid_graph():
        (entity_graph if s == ENTITY else plan_graph).add((s, p, o))
    conforms, text = validate(dataset)
    assert conforms, text
    entity_graph.remove((ENTITY, SKOS.prefLabel, None))
    conforms, text = validate(dataset)
    assert not conforms and "plansh:EntityPrefLabel" in text, text


def test_mention_outside_every_unit_may_point_to_the_plan():
    g = valid_graph()
    g.set((MENTION, PLAN.inUnit, PLAN_NODE))
    g.set((MENTION, PROV.wasDerivedFrom, PLAN_NODE))
    conforms, text = validate(g)
    assert conforms, text


def _replace(subject: URIRef, predicate: URIRef, *objects) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        g.remove((subject, predicate, None))
        for obj in objects:
            g.add((subject, predicate, obj))
    return change


def _add(subject: URIRef, predicate: URIRef, obj) -> Callable[[Graph], None]:
    return lambda g: g.add((subject, predicate, obj))


OTHER = BASE["entity/not-typed"]


def _move_mention_to_other_plan(g: Graph) -> None:
    other_task = BASE["plan/other/task-1"]
    g.add((other_task, RDF.type, PLAN.Task))
    g.add((other_task, PLAN.inPlan, BASE["plan/other"]))
    _replace(MENTION, PLAN.inUnit, other_task)(g)

BROKEN: dict[str, tuple[Callable[[Graph], None], str]] = {
    # name: (change to the valid graph, shape expected to report it)
    "task with two notations": (_add(TASK, SKOS.notation, Literal("12")), "UnitNotation"),
    "notation in Chinese numerals": (_replace(TASK, SKOS.notation, Literal("十二")), "UnitNotation"),
    "notation as an integer": (_replace(TASK, SKOS.notation, Literal(12)), "UnitNotation"),
    "unit without a label": (_replace(TASK, RDFS.label), "UnitLabel"),
    "unit parent is not a unit": (_replace(TASK, DCTERMS.isPartOf, OTHER), "UnitIsPartOf"),
    "unit begins after it ends": (_replace(PART, NIF.beginIndex, _offset(len(TEXT))), "UnitBeginIndex"),
    "unit index typed xsd:nonNegativeInteger": (
        _replace(PART, NIF.beginIndex, Literal(13, datatype=XSD.nonNegativeInteger)), "UnitBeginIndex"),
    "unit index negative": (_replace(PART, NIF.beginIndex, _offset(-1)), "UnitBeginIndex"),
    "mention source index negative": (_replace(MENTION, PLAN.sourceBeginIndex, _offset(-1)), "MentionSourceBeginIndex"),
    "unit ends past the text": (_replace(TASK, NIF.endIndex, _offset(len(TEXT) + 1)), "PlanUnitsWithinText"),
    "unit mentions a non-entity": (_add(TASK, PLAN.mentions, OTHER), "UnitMentions"),
    "plan without a title": (_replace(PLAN_NODE, DCTERMS.title), "PlanTitle"),
    "plan with two sources": (_add(PLAN_NODE, DCTERMS.source, Literal("b.txt")), "PlanSource"),
    "plan issued as a string": (_replace(PLAN_NODE, DCTERMS.issued, Literal("2021-08-24")), "PlanIssued"),
    "plan without text": (_replace(PLAN_NODE, NIF.isString), "PlanIsString"),
    "plan end index is not its length": (_replace(PLAN_NODE, NIF.endIndex, _offset(3)), "PlanEndIndexIsTextLength"),
    "entity without prefLabel": (_replace(ENTITY, SKOS.prefLabel), "EntityPrefLabel"),
    "entity with two prefLabels": (_add(ENTITY, SKOS.prefLabel, Literal("上清所", lang="zh")), "EntityPrefLabel"),
    "entity prefLabel in English": (_replace(ENTITY, SKOS.prefLabel, Literal("SHCH", lang="en")), "EntityPrefLabel"),
    "entity altLabel repeats prefLabel": (_add(ENTITY, SKOS.altLabel, Literal(NAME, lang="zh")), "EntityAltLabel"),
    "entity altLabel is an IRI": (_add(ENTITY, SKOS.altLabel, OTHER), "EntityAltLabel"),
    "entity with two mention counts": (_add(ENTITY, PLAN.mentionCount, Literal(2)), "EntityMentionCount"),
    "mention begins where it ends": (_replace(MENTION, NIF.beginIndex, _offset(END)), "MentionBeginIndex"),
    "mention begins after it ends": (_replace(MENTION, NIF.beginIndex, _offset(END + 1)), "MentionBeginIndex"),
    "mention entity is not an entity": (_replace(MENTION, PLAN.entity, TASK), "MentionEntity"),
    "mention entity is untyped": (_replace(MENTION, PLAN.entity, OTHER), "MentionEntity"),
    "mention without entity": (_replace(MENTION, PLAN.entity), "MentionEntity"),
    "mention without unit": (_replace(MENTION, PLAN.inUnit), "MentionInUnit"),
    "mention context is not a plan": (_replace(MENTION, NIF.referenceContext, TASK), "MentionReferenceContext"),
    "mention with empty anchor": (_replace(MENTION, NIF.anchorOf, Literal("")), "MentionAnchorOf"),
    "mention anchor differs from text": (_replace(MENTION, NIF.anchorOf, Literal("上海证券所")), "PlanMentionAnchorsMatchText"),
    "mention offsets off by one": (
        lambda g: (_replace(MENTION, NIF.beginIndex, _offset(BEGIN + 1))(g), _replace(MENTION, NIF.endIndex, _offset(END + 1))(g)),
        "PlanMentionAnchorsMatchText",
    ),
    "mention without sentence": (_replace(MENTION, PLAN.sentence), "MentionSentence"),
    "mention outside its sentence": (_replace(MENTION, PLAN.sentenceBeginIndex, _offset(BEGIN + 1)), "MentionSentenceBeginIndex"),
    "mention without rule": (_replace(MENTION, PLAN.rule), "MentionRule"),
    "mention rule is not a rule": (_replace(MENTION, PLAN.rule, PLAN.Task), "MentionRule"),
    "mention unit of another plan": (_move_mention_to_other_plan, "PlanMentionUnitsInPlan"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_graph_fails(name: str):
    change, shape = BROKEN[name]
    g = valid_graph()
    change(g)
    conforms, text = validate(g)
    assert not conforms, f"{name}: should not conform"
    assert f"plansh:{shape}" in text or str(PLANSH[shape]) in text, text


TARGET_ONLY = ["task with two notations", "notation in Chinese numerals", "entity without prefLabel",
               "entity with two prefLabels", "mention begins where it ends"]


@pytest.mark.parametrize("name", TARGET_ONLY)
def test_subclass_targets_work_without_the_ontology(name: str):
    """Shapes target every subclass explicitly, so a Task or an Institution is checked without plan.ttl."""
    change, shape = BROKEN[name]
    g = valid_graph()
    change(g)
    _, results, _ = pyshacl.validate(g, shacl_graph=shapes_graph(), inference="none", advanced=True)
    assert (None, SH.sourceShape, PLANSH[shape]) in results
