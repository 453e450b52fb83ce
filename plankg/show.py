"""``plankg show ENTITY``: one entity, read from a written graph, as a reader wants it.

For the entity found by any of its names (canonical name, acronym, short form; case
does not matter): its canonical name, type and IRI, its other names, the typed
relations the text states (with their rule), and every task and column that names it —
each with the sentences naming it and, under each sentence, the policy actions it plays
a role in, by the verb as written (支持 support · target; 建设 build · actor → 健康保险交易平台). With
``everywhere``, the other units (parts, sections, goals, principles, the preamble) too.

It works on any graph ``plankg build`` wrote (default: the bundled plan, built once and
cached, as for ``plankg query``), through SPARQL (pyoxigraph). In a graph of several plans
(a corpus) the tasks are listed by plan, each plan by its document number (文号) or title.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from .build import bundled_graph_path
from .extract.model import PlanError
from .graph.relations import action_label, action_name, role_name
from .queries import open_target, parse_query, run_query

if TYPE_CHECKING:
    from rdflib.term import Identifier

_PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif:     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX plan:    <https://w3id.org/plankg/ontology#>
PREFIX rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
"""
_TYPES = "(plan:Institution, plan:Market, plan:Product, plan:Place, plan:Benchmark, plan:Programme)"

_FIND = parse_query("# name: show-find\n# param: name (string) a name\n" + _PREFIXES + f"""
SELECT DISTINCT ?name ?e ?pref ?class WHERE {{
  {{ ?e skos:prefLabel|skos:altLabel ?label . FILTER (LCASE(STR(?label)) = LCASE(STR(?name))) }}
  ?e skos:prefLabel ?pref ; a ?class .
  FILTER (?class IN {_TYPES})
}}""")

_SIMILAR = parse_query("# name: show-similar\n# param: name (string) a name\n" + _PREFIXES + f"""
SELECT DISTINCT ?name ?pref WHERE {{
  ?e skos:prefLabel|skos:altLabel ?label ; skos:prefLabel ?pref ; a ?class .
  FILTER (?class IN {_TYPES})
  FILTER (CONTAINS(LCASE(STR(?label)), LCASE(STR(?name))) || CONTAINS(LCASE(STR(?name)), LCASE(STR(?label))))
}} ORDER BY STRLEN(?pref) ?pref LIMIT 8""")

_NAMES = parse_query("# name: show-names\n# param: entity (iri) the entity\n" + _PREFIXES + """
SELECT DISTINCT ?entity ?label WHERE { ?entity skos:altLabel ?label } ORDER BY ?label""")

_PLANS = parse_query("# name: show-plans\n" + _PREFIXES + """
SELECT ?plan (SAMPLE(?t) AS ?title) (SAMPLE(?n) AS ?number) WHERE {
  ?plan a plan:Plan . OPTIONAL { ?plan dcterms:title ?t } OPTIONAL { ?plan plan:documentNumber ?n }
} GROUP BY ?plan ORDER BY ?plan""")

_UNITS = parse_query("# name: show-units\n# param: entity (iri) the entity\n" + _PREFIXES + """
SELECT DISTINCT ?entity ?unit ?kind ?number ?title ?plan ?order WHERE {
  ?unit plan:mentions ?entity ; a ?kind ; skos:notation ?number ; rdfs:label ?title ; plan:inPlan ?plan ;
        plan:order ?order .
  FILTER (?kind IN (plan:Task, plan:Column, plan:Part, plan:Section, plan:Goal, plan:Principle, plan:Item))
}""")

_MENTIONS = parse_query("# name: show-mentions\n# param: entity (iri) the entity\n" + _PREFIXES + """
SELECT DISTINCT ?entity ?m ?in ?sentence ?sbegin ?plan WHERE {
  ?m a plan:Mention ; plan:entity ?entity ; plan:inUnit ?in ; plan:sentence ?sentence ;
     plan:sentenceBeginIndex ?sbegin ; nif:referenceContext ?plan .
}""")

_PARENTS = parse_query("# name: show-parents\n# param: entity (iri) the entity\n" + _PREFIXES + """
SELECT DISTINCT ?entity ?in ?unit WHERE {
  ?m a plan:Mention ; plan:entity ?entity ; plan:inUnit ?in .
  ?in dcterms:isPartOf* ?unit .
  ?unit a ?kind .
  FILTER (?kind IN (plan:Task, plan:Column))
}""")

_ACTIONS = parse_query("# name: show-actions\n# param: entity (iri) the entity\n" + _PREFIXES + """
SELECT DISTINCT ?entity ?m ?a ?r ?verb ?object ?begin WHERE {
  ?x a plan:MentionInAction ; plan:entity ?entity ; plan:mention ?m ; plan:action ?a ; plan:role ?r ;
     nif:beginIndex ?begin .
  OPTIONAL { ?x plan:verb ?verb }
  OPTIONAL { ?x plan:objectText ?object }
}""")

_RELATIONS = parse_query("# name: show-relations\n# param: entity (iri) the entity\n" + _PREFIXES + """
SELECT DISTINCT ?entity ?subject ?predicate ?object ?rule WHERE {
  ?x a plan:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; plan:ruleName ?rule .
  FILTER (?s = ?entity || ?o = ?entity)
  ?s skos:prefLabel ?subject .
  ?o skos:prefLabel ?object .
  BIND (STRAFTER(STR(?p), "#") AS ?predicate)
}""")

_ROLE_ORDER = {"target": 0, "actor": 1, "place": 2, "object": 3, "partner": 4}
_KIND_NAMES = {"Task": "task", "Column": "column", "Part": "part", "Section": "section", "Goal": "goal",
               "Principle": "principle", "Item": "item"}


def _rows(query, target, params=None) -> list[dict[str, Identifier]]:
    return run_query(query, target, params or {}).records()


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def show_entity(name: str, graph: str | Path | None = None, store: str = "oxigraph",
                everywhere: bool = False) -> str:
    """The text ``plankg show`` prints for the entity named ``name`` in ``graph`` (None: the bundled
    plan's)."""
    if not name.strip():
        raise PlanError("give the name of an entity")
    target = open_target(graph, store, bundled_graph_path)
    where = f"the graph {graph}" if graph is not None else "the bundled plan's graph"
    found: dict[str, tuple[str, set[str]]] = {}
    for row in _rows(_FIND, target, {"name": name}):
        iri = str(row["e"])
        found.setdefault(iri, (str(row["pref"]), set()))[1].add(_local(row["class"]))
    if not found:
        similar = [str(r["pref"]) for r in _rows(_SIMILAR, target, {"name": name})]
        hint = f"; did you mean {', '.join(dict.fromkeys(similar))}?" if similar else ""
        raise PlanError(f"no entity named {name!r} in {where}{hint}")
    plans = {str(r["plan"]): _plan_name(r) for r in _rows(_PLANS, target)}
    blocks = [_entity_block(iri, pref, types, target, plans, everywhere)
              for iri, (pref, types) in sorted(found.items(), key=lambda item: item[1][0])]
    return "\n".join(blocks)


def _plan_name(row: dict) -> str:
    """A plan as a reader knows it: its document number (文号), else its title, else its IRI."""
    for key in ("number", "title"):
        if row.get(key) is not None and str(row[key]).strip():
            return str(row[key]).strip()
    return str(row["plan"])


def _numbers_by_plan(units: dict, kind: str, plans: dict[str, str]) -> dict[str, list[int]]:
    """The numbers of the ``kind`` units (Task, Column) naming the entity, by plan name."""
    found: dict[str, list[int]] = defaultdict(list)
    for row in units.values():
        if _local(row["kind"]) == kind:
            found[plans.get(str(row["plan"]), str(row["plan"]))].append(int(str(row["number"])))
    return {plan: sorted(numbers) for plan, numbers in sorted(found.items())}


def _counted(by_plan: dict[str, list[int]], singular: str, several_plans: bool) -> str:
    """``3 tasks (4, 8, 19)``; in a corpus ``3 tasks: 国发〔2024〕7号 4, 8; 临府办发〔2024〕3号 19``."""
    total = sum(len(numbers) for numbers in by_plan.values())
    noun = singular if total == 1 else singular + "s"
    if not several_plans:
        return f"{total} {noun} ({', '.join(str(n) for numbers in by_plan.values() for n in numbers)})"
    parts = [f"{plan} {', '.join(map(str, numbers))}" for plan, numbers in by_plan.items()]
    return f"{total} {noun}: {'; '.join(parts)}"


def _entity_block(iri: str, pref: str, types: set[str], target, plans: dict[str, str], everywhere: bool) -> str:
    params = {"entity": iri}
    lines = [f"{pref}  ·  {', '.join(sorted(t.lower() for t in types))}", f"  IRI     {iri}"]
    names = [str(r["label"]) for r in _rows(_NAMES, target, params)]
    lines.append(f"  names   {pref}" + (f" · {' · '.join(names)}" if names else ""))

    units = {str(r["unit"]): r for r in _rows(_UNITS, target, params)}
    scoring = defaultdict(set)  # innermost unit -> task/column it counts for
    for row in _rows(_PARENTS, target, params):
        scoring[str(row["in"])].add(str(row["unit"]))
    several_plans = len(plans) > 1
    counts = [_counted(numbers, noun, several_plans) for noun, numbers in
              (("task", _numbers_by_plan(units, "Task", plans)), ("column", _numbers_by_plan(units, "Column", plans)))
              if numbers]
    named_in = {str(r["plan"]) for r in units.values() if _local(r["kind"]) in ("Task", "Column")}
    across = f" of {len(named_in)} plans" if len(named_in) > 1 else ""
    lines.append(f"  named   in {' and '.join(counts) + across if counts else 'no task or column'}")

    relations = sorted({(str(r["subject"]), str(r["predicate"]), str(r["object"]), str(r["rule"]))
                        for r in _rows(_RELATIONS, target, params)})
    if relations:
        lines.append("  relations")
        merged: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for subject, predicate, obj, rule in relations:
            merged[(subject, predicate, obj)].append(rule)
        for (subject, predicate, obj), rules in merged.items():
            lines.append(f"    {subject} {predicate} {obj}  ({', '.join(sorted(set(rules)))})")

    actions: dict[str, list[tuple]] = defaultdict(list)
    for row in _rows(_ACTIONS, target, params):
        action, role = action_name(row["a"]), role_name(row["r"])
        word = str(row["verb"]) if row.get("verb") is not None else action_label(row["a"])  # the verb as written
        actions[str(row["m"])].append((int(str(row["begin"])), _ROLE_ORDER.get(role, 9), action, word, role,
                                       str(row["object"]) if row.get("object") is not None else ""))
    # group the mentions by the task or column they count for (or, with everywhere, their unit)
    by_unit: dict[str, dict[tuple[int, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(_MENTIONS, target, params):
        inner = str(row["in"])
        homes = sorted(scoring.get(inner, ())) or ([inner] if everywhere else [])
        for home in homes:
            by_unit[home][(int(str(row["sbegin"])), str(row["sentence"]))].append(str(row["m"]))

    def unit_key(iri: str):
        row = units.get(iri)
        if row is None:  # the plan itself (title, preamble)
            return (iri, 0, -1, iri)
        plan = str(row["plan"])
        return (plan, 0 if _local(row["kind"]) in ("Task", "Column") else 1, int(str(row["order"])), iri)

    for unit in sorted(by_unit, key=unit_key):
        unit_row = units.get(unit)
        if unit_row is not None:
            heading = f"{_KIND_NAMES.get(_local(unit_row['kind']), 'unit')} {unit_row['number']}  {unit_row['title']}"
            plan = str(unit_row["plan"])
        else:
            heading, plan = "outside the numbered units", unit
        if several_plans:
            heading += f"   [{plans.get(plan, plan)}]"
        lines.append("")
        lines.append(f"  {heading}")
        for (_begin, sentence), mentions in sorted(by_unit[unit].items()):
            lines.append(f"    {sentence}")
            played = sorted({a for m in mentions for a in actions.get(m, [])})
            if not played:
                lines.append("      (no action found)")
            for _begin, _order, action, label, role, obj in played:
                tail = f" → {obj}" if obj and role == "actor" else ""
                lines.append(f"      {label} {action} · {role}{tail}")
    if not by_unit:
        lines.append("")
        lines.append("  (named in no task or column; --all lists the other units)")
    return "\n".join(lines) + "\n"
