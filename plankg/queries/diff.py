"""``plankg diff PLAN_A PLAN_B``: the entities plan B adds, drops and keeps compared with plan A.

Two ways to name the plans:

* with ``--graph FILE`` (a graph written by ``plankg build``, e.g. a corpus), each plan is
  its IRI, its slug (the IRI's last part), the path it was read from, its document number,
  its title or a part of its title that no other plan's has — as the ``plans`` query lists
  them; a title that two plans share must be given another way;
* without ``--graph``, PLAN_A and PLAN_B are two document files, built together first
  (by ``plankg.build.documents_graph``; this module only queries the graph).

Entities are compared by IRI: an entity has the same IRI in every plan (see
``plankg.extract.link.slug_for``), so a plan that writes 人民银行 and one that writes
中国人民银行 keep the same entity.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PlanError
from ..ontology.namespace import ENTITY_CLASSES
from .library import load_query, parse_query
from .output import table
from .run import Target, run_query

if TYPE_CHECKING:
    from .source import DefaultGraph

_ENTITIES = parse_query("""# name: plan-entities
# param: plan (iri) the plan
PREFIX plan: <https://w3id.org/plankg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?plan ?e ?entity ?class
WHERE {
  ?plan plan:mentions ?e .
  ?e a ?class ;
     skos:prefLabel ?entity .
  FILTER (?class IN (plan:Institution, plan:Market, plan:Product, plan:Place, plan:Benchmark, plan:Programme))
}
""")


@dataclass(frozen=True)
class PlanInfo:
    iri: str
    title: str
    issued: str
    publisher: str
    source: str
    number: str = ""  # the document number, e.g. 国发〔2024〕7号

    def line(self) -> str:
        return "  ".join(part for part in (self.title, self.issued, self.publisher, f"<{self.iri}>") if part)


@dataclass(frozen=True)
class PlanDiff:
    a: PlanInfo
    b: PlanInfo
    added: dict[str, tuple[str, str]]  # IRI -> (type, name): in B, not in A
    dropped: dict[str, tuple[str, str]]  # in A, not in B
    kept: dict[str, tuple[str, str]]

    def render(self, max_width: int = 60) -> str:
        lines = [f"A: {self.a.line()}", f"B: {self.b.line()}", ""]
        counts = []
        for kind in ENTITY_CLASSES:
            row = [sum(1 for t, _ in part.values() if t == kind) for part in (self.added, self.dropped, self.kept)]
            if any(row):
                counts.append([kind, *map(str, row)])
        counts.append(["total", str(len(self.added)), str(len(self.dropped)), str(len(self.kept))])
        lines.append(table(("type", "added", "dropped", "kept"), counts, max_width).rstrip("\n"))
        listing = []
        for sign, part in (("+", self.added), ("-", self.dropped), ("=", self.kept)):
            for kind, name in sorted(part.values(), key=lambda item: (list(ENTITY_CLASSES).index(item[0]), item[1])):
                listing.append([sign, kind, name])
        if listing:
            lines.append("")
            lines.append(table(("±", "type", "entity"), listing, max_width).rstrip("\n"))
        return "\n".join(lines) + "\n"


def diff_command(a: str, b: str, graph: Path | None, store: str, max_width: int = 60,
                 default: DefaultGraph | None = None) -> str:
    """The diff of plans ``a`` and ``b`` of ``graph`` (None: ``default()``'s)."""
    from .source import open_target

    target = open_target(graph, store, default)
    plans = list_plans(target)
    return diff_plans(target, find_plan(plans, a), find_plan(plans, b)).render(max_width)


def diff_built(target: Target, iris: tuple[str, str] | list[str], max_width: int = 60) -> str:
    """The diff of two plans of a graph built in memory (``plankg.build.documents_graph``: two
    document files built together), named by their IRIs."""
    plans = {p.iri: p for p in list_plans(target)}
    missing = [iri for iri in iris if iri not in plans]
    if missing:  # pragma: no cover - documents_graph names plans this way
        raise PlanError(f"internal error: plan {missing[0]} not in the built graph")
    return diff_plans(target, plans[iris[0]], plans[iris[1]]).render(max_width)


def diff_plans(target: Target, a: PlanInfo, b: PlanInfo) -> PlanDiff:
    entities_a, entities_b = plan_entities(target, a.iri), plan_entities(target, b.iri)
    return PlanDiff(a, b,
                    added={k: v for k, v in entities_b.items() if k not in entities_a},
                    dropped={k: v for k, v in entities_a.items() if k not in entities_b},
                    kept={k: v for k, v in entities_a.items() if k in entities_b})


def plan_entities(target: Target, plan: str) -> dict[str, tuple[str, str]]:
    """Entity IRI -> (type, canonical name) for every entity ``plan`` names."""
    found = {}
    for record in run_query(_ENTITIES, target, {"plan": plan}).records():
        kind = str(record["class"]).rsplit("#", 1)[-1].lower()
        found[str(record["e"])] = (kind, str(record["entity"]))
    return found


def list_plans(target: Target) -> list[PlanInfo]:
    plans = []
    for record in run_query(load_query("plans"), target).records():
        plans.append(PlanInfo(str(record["plan"]), str(record.get("title", "")), str(record.get("issued", "")),
                              str(record.get("publisher", "")), str(record.get("source", "")),
                              str(record.get("number", ""))))
    return plans


def find_plan(plans: list[PlanInfo], spec: str) -> PlanInfo:
    """The plan ``spec`` names: its IRI, slug, source path, document number or title (exactly),
    else the one plan whose title contains it."""
    if not plans:
        raise PlanError("the graph holds no plan:Plan; not a graph written by plankg build")

    def same_path(source: str) -> bool:
        return bool(source) and os.path.normpath(source) == os.path.normpath(spec)

    tests = (lambda p: p.iri == spec, lambda p: p.iri.rsplit("/plan/", 1)[-1] == spec,
             lambda p: same_path(p.source), lambda p: p.number == spec, lambda p: p.title == spec,
             lambda p: spec in p.title)
    for test in tests:
        matches = [p for p in plans if test(p)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            listed = "; ".join(f"{p.title} <{p.iri}>" for p in matches[:5])
            raise PlanError(f"plan {spec!r} is ambiguous ({len(matches)} plans: {listed}); give its IRI")
    raise PlanError(f"no plan {spec!r} in the graph; give an IRI, slug, document number, title or source path "
                    f"(`plankg query plans --graph …` lists them)")
