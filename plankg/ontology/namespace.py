"""The plankg vocabulary in Python: a misspelt term raises instead of minting a new IRI."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from rdflib import XSD, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, DefinedNamespace

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
    # Network analytics (plankg stats --write; plankg/graph/analytics.py)
    degreeCentrality: URIRef
    betweennessCentrality: URIRef
    community: URIRef
    # Extraction rules (individuals of plan:ExtractionRule)
    LexiconRule: URIRef
    HeadWordRule: URIRef
    AcronymRule: URIRef
    QuotedNameRule: URIRef
    DefinedAliasRule: URIRef
    EnumerationRule: URIRef
    PairedNameRule: URIRef
    DutyNoteRule: URIRef
    PartOfSpeechRule: URIRef
    NounChunkRule: URIRef
    LearnedModelRule: URIRef
    # ---- Roles, actions, relations: what the plan wants done (plankg/extract/relations.py, plankg/graph/relations.py)
    ActionType: URIRef
    Role: URIRef
    MentionInAction: URIRef
    RelationStatement: URIRef
    Figure: URIRef
    ActionScheme: URIRef
    RoleScheme: URIRef
    ActionSupport: URIRef
    ActionPromote: URIRef
    ActionEncourage: URIRef
    ActionGuide: URIRef
    ActionExplore: URIRef
    ActionResearch: URIRef
    ActionBuild: URIRef
    ActionDevelop: URIRef
    ActionImprove: URIRef
    ActionStrengthen: URIRef
    ActionExpand: URIRef
    ActionAttract: URIRef
    ActionCultivate: URIRef
    ActionCooperate: URIRef
    ActionLaunch: URIRef
    ActionEstablish: URIRef
    ActionCarryOut: URIRef
    ActionLeverage: URIRef
    ActionSettle: URIRef
    ActionOperate: URIRef
    ActionParticipate: URIRef
    ActionApply: URIRef
    ActionTakeCharge: URIRef
    RoleTarget: URIRef
    RoleActor: URIRef
    RolePlace: URIRef
    RoleObject: URIRef
    RolePartner: URIRef
    action: URIRef
    role: URIRef
    mention: URIRef
    verb: URIRef
    objectText: URIRef
    ruleName: URIRef
    operates: URIRef
    launches: URIRef
    locatedIn: URIRef
    partOf: URIRef
    tradedOn: URIRef
    value: URIRef
    unit: URIRef
    year: URIRef
    baseYear: URIRef
    figureKind: URIRef
    subjectText: URIRef
    qualifier: URIRef
    figureText: URIRef
    # ---- end of roles, actions, typed relations and figures


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


#: The datatype of every offset and count plankg writes (NIF offsets, sentence and source
#: offsets, community numbers): xsd:integer, whose values are never negative (SHACL checks
#: sh:minInclusive 0). NIF's own range for nif:beginIndex is xsd:nonNegativeInteger, but
#: stores such as Oxigraph keep every integer subtype as xsd:integer, and what a store holds
#: must be the graph as written, term for term.
COUNT_DATATYPE = XSD.integer

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
    "paired": PLAN.PairedNameRule,
    "duty": PLAN.DutyNoteRule,
    "jieba": PLAN.PartOfSpeechRule,
    "chunk": PLAN.NounChunkRule,
    "model": PLAN.LearnedModelRule,
}

PREFIXES: dict[str, str] = {
    "plan": PLAN_IRI,
    "nif": str(NIF._NS),
    "org": str(ORG),
    "schema": str(SCHEMA),
}

#: The standard vocabularies' prefixes plankg's graphs, queries and reports use.
STANDARD_PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "xsd": str(XSD),
}

#: plankg's prefixes and the standard ones, in that order: what graphs bind and queries declare.
ALL_PREFIXES: dict[str, str] = {**PREFIXES, **STANDARD_PREFIXES}


def compactor(extra: Mapping[str, str] | None = None, *, bare: bool = True) -> Callable[[str], str | None]:
    """A function writing an IRI as ``prefix:name`` by ``ALL_PREFIXES`` and ``extra`` (prefix →
    namespace), the longest namespace first; None where no namespace fits (``bare``: a
    namespace's own IRI fits too)."""
    table = sorted(((namespace, prefix) for prefix, namespace in {**ALL_PREFIXES, **(extra or {})}.items()),
                   key=lambda item: -len(item[0]))

    def compact(iri: str) -> str | None:
        for namespace, prefix in table:
            if iri.startswith(namespace) and (bare or len(iri) > len(namespace)):
                return f"{prefix}:{iri[len(namespace):]}"
        return None
    return compact


# ------------------------------------------------- roles, actions, typed relations, figures
# The action ids and roles of plankg/extract/data/relations.yaml, and the typed relations,
# mapped to their terms (plan:ActionCarryOut for "carry-out").


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


ACTION_IDS: tuple[str, ...] = (
    "support", "promote", "encourage", "guide", "explore", "research", "build", "develop", "improve",
    "strengthen", "expand", "attract", "cultivate", "cooperate", "launch", "establish", "carry-out",
    "leverage", "settle", "operate", "participate", "apply", "take-charge",
)
ACTIONS: dict[str, URIRef] = {name: PLAN[f"Action{_camel(name)}"] for name in ACTION_IDS}
ROLE_CONCEPTS: dict[str, URIRef] = {name: PLAN[f"Role{_camel(name)}"]
                                    for name in ("target", "actor", "place", "object", "partner")}
RELATION_PROPERTIES: dict[str, URIRef] = {name: PLAN[name]
                                          for name in ("operates", "launches", "locatedIn", "partOf", "tradedOn")}
