"""The plankg vocabulary in Python: a misspelt term raises instead of minting a new IRI."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

PLAN_IRI = "https://w3id.org/plankg/ontology#"
DEFAULT_BASE = "https://w3id.org/plankg/id/"


class PLAN(DefinedNamespace):
    """plankg ontology terms; documented in plan.ttl beside this file."""

    _fail = True
    _NS = Namespace(PLAN_IRI)

    # Documents and their structure
    Plan: URIRef
    Unit: URIRef
    Part: URIRef
    Section: URIRef
    Task: URIRef
    Column: URIRef
    Item: URIRef
    Goal: URIRef
    Principle: URIRef
    # Entities
    Entity: URIRef
    Institution: URIRef
    Market: URIRef
    Product: URIRef
    Place: URIRef
    Benchmark: URIRef
    Programme: URIRef
    # Evidence
    Mention: URIRef
    ExtractionRule: URIRef
    # Properties
    text: URIRef
    documentNumber: URIRef
    addressee: URIRef
    order: URIRef
    mentions: URIRef
    entity: URIRef
    inUnit: URIRef
    inPlan: URIRef
    sentence: URIRef
    sentenceBeginIndex: URIRef
    sentenceEndIndex: URIRef
    sourceBeginIndex: URIRef
    sourceEndIndex: URIRef
    rule: URIRef
    mentionCount: URIRef
    # Extraction rules (individuals of plan:ExtractionRule)
    LexiconRule: URIRef
    HeadWordRule: URIRef
    AcronymRule: URIRef
    QuotedNameRule: URIRef
    DefinedAliasRule: URIRef
    EnumerationRule: URIRef
    DutyNoteRule: URIRef
    PartOfSpeechRule: URIRef


class NIF(DefinedNamespace):
    """The NIF 2.0 core terms plankg uses for mentions and their context."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    String: URIRef
    Phrase: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef


ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FIBO_FBC_FI = Namespace("https://spec.edmcouncil.org/fibo/ontology/FBC/FinancialInstruments/FinancialInstruments/")

#: The entity type names used in the pipeline, mapped to their classes.
ENTITY_CLASSES: dict[str, URIRef] = {
    "institution": PLAN.Institution,
    "market": PLAN.Market,
    "product": PLAN.Product,
    "place": PLAN.Place,
    "benchmark": PLAN.Benchmark,
    "programme": PLAN.Programme,
}

UNIT_CLASSES: dict[str, URIRef] = {
    "part": PLAN.Part,
    "section": PLAN.Section,
    "task": PLAN.Task,
    "column": PLAN.Column,
    "item": PLAN.Item,
    "goal": PLAN.Goal,
    "principle": PLAN.Principle,
}

RULES: dict[str, URIRef] = {
    "lexicon": PLAN.LexiconRule,
    "head": PLAN.HeadWordRule,
    "acronym": PLAN.AcronymRule,
    "quoted": PLAN.QuotedNameRule,
    "alias": PLAN.DefinedAliasRule,
    "enumeration": PLAN.EnumerationRule,
    "duty": PLAN.DutyNoteRule,
    "jieba": PLAN.PartOfSpeechRule,
}

PREFIXES: dict[str, str] = {
    "plan": PLAN_IRI,
    "nif": str(NIF._NS),
    "org": str(ORG),
    "schema": str(SCHEMA),
}
