"""Scoring an extraction against a gold annotation (YAML): precision, recall and F1.

Entities match when their types agree and they share a name (canonical or alias).
Task links are (entity, task number) pairs, the gold entity's name standing for
any predicted entity matched to it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from ..datafiles import parse_yaml
from .link import Extraction
from .model import ENTITY_TYPES, PlanError


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...]
    tasks: frozenset[int]

    @property
    def names(self) -> frozenset[str]:
        return frozenset((self.name, *self.aliases))


@dataclass(frozen=True)
class Gold:
    document: str | None
    entities: tuple[GoldEntity, ...]
    path: Path


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    expected: int

    def as_json(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "true_positives": self.true_positives, "predicted": self.predicted, "gold": self.expected}

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    by_type: dict[str, Score]
    entities: Score
    task_links: Score
    false_positives: list[tuple[str, str]]  # (name, type)
    false_negatives: list[tuple[str, str]]
    missed_links: list[tuple[str, int]]
    extra_links: list[tuple[str, int]]

    def table(self) -> str:
        rows = [("", "precision", "recall", "F1", "tp", "predicted", "gold")]
        for label, score in [*self.by_type.items(), ("entities", self.entities), ("task links", self.task_links)]:
            rows.append((label, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                         str(score.true_positives), str(score.predicted), str(score.expected)))
        return _aligned(rows)

    def detail_sections(self) -> list[DetailSection]:
        """What the scores are made of: names found and not in the gold, and the other way
        round, and the task links missed and extra."""
        return [
            DetailSection("false positives (found, not in the gold)", ("name", "type"), self.false_positives),
            DetailSection("false negatives (in the gold, not found)", ("name", "type"), self.false_negatives),
            DetailSection("missed task links", ("entity", "task"), self.missed_links),
            DetailSection("extra task links", ("entity", "task"), self.extra_links),
        ]

    def as_json(self) -> dict:
        """The scores (by type, entities, task links) and every detail section."""
        scores = {label: score.as_json() for label, score in self.by_type.items()}
        return {"scores": {**scores, "entities": self.entities.as_json(), "task links": self.task_links.as_json()},
                "details": {section.key: section.records() for section in self.detail_sections()}}


@dataclass(frozen=True)
class DetailSection:
    """One list of ``evaluate --details``: a title, its column names and its rows."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple]

    @property
    def key(self) -> str:
        """The title's words before the bracket, with underscores (a JSON key)."""
        return "_".join(self.title.split("(")[0].split())

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, _flat(row), strict=True)) for row in self.rows]

    def cells(self) -> list[list[str]]:
        return [[str(value) for value in _flat(row)] for row in self.rows]


def _aligned(rows: Sequence[Sequence[str]]) -> str:
    """A table's rows as text: the first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths, strict=True)))
                     for r in rows)


def _flat(row: tuple) -> tuple:
    """A row with nested tuples (a unit as ('task', 5)) spelt out: ('task 5', …)."""
    return tuple(" ".join(map(str, value)) if isinstance(value, tuple) else value for value in row)


def load_gold(path: str | Path) -> Gold:
    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise PlanError(f"{path}: a gold file needs an 'entities' list")
    entities = []
    for i, item in enumerate(data["entities"], start=1):
        if not isinstance(item, dict) or item.get("type") not in ENTITY_TYPES or not item.get("name"):
            raise PlanError(f"{path}: entity {i} needs a name and a type among {', '.join(ENTITY_TYPES)}")
        entities.append(GoldEntity(str(item["name"]), item["type"], tuple(map(str, item.get("aliases") or ())),
                                   frozenset(int(t) for t in item.get("tasks") or ())))
    return Gold(data.get("document"), tuple(entities), path)


def task_numbers(extraction: Extraction) -> dict[str, set[int]]:
    """Entity key -> numbers of the tasks whose text names it (items count for their task)."""
    units = {u.key: u for u in extraction.structure.units}
    linked: dict[str, set[int]] = {}
    for mention in extraction.mentions:
        unit = units.get(mention.unit) if mention.unit else None
        while unit is not None and unit.kind != "task":
            unit = units.get(unit.parent) if unit.parent else None
        if unit is not None and unit.number is not None:
            linked.setdefault(mention.entity, set()).add(unit.number)
    return linked


def evaluate(extraction: Extraction, gold: Gold) -> Report:
    by_name: dict[str, GoldEntity] = {}
    for g in gold.entities:
        for name in g.names:
            by_name.setdefault(name, g)
    matched: dict[str, GoldEntity] = {}
    for key, entity in extraction.entities.items():
        for name in (entity.pref_label, *entity.alt_labels):
            found = by_name.get(name)
            if found is not None and found.type == entity.type:
                matched[key] = found
                break
    by_type: dict[str, Score] = {}
    for kind in ENTITY_TYPES:
        predicted = [k for k, e in extraction.entities.items() if e.type == kind]
        expected = [g for g in gold.entities if g.type == kind]
        hits = {matched[k] for k in predicted if k in matched}
        by_type[kind] = Score(len(hits), len(predicted), len(expected))
    hits = set(matched.values())
    entities = Score(len(hits), len(extraction.entities), len(gold.entities))
    predicted_links = {(matched[k].name if k in matched else k, n)
                       for k, numbers in task_numbers(extraction).items() for n in numbers}
    gold_links = {(g.name, n) for g in gold.entities for n in g.tasks}
    return Report(
        by_type=by_type, entities=entities,
        task_links=Score(len(predicted_links & gold_links), len(predicted_links), len(gold_links)),
        false_positives=sorted((e.key, e.type) for k, e in extraction.entities.items() if k not in matched),
        false_negatives=sorted((g.name, g.type) for g in gold.entities if g not in hits),
        missed_links=sorted(gold_links - predicted_links),
        extra_links=sorted(predicted_links - gold_links),
    )


# =============================================================================
# Roles and actions, typed relations and figures (plankg/extract/relations.py).
# A gold file may hold `roles`, `relations` and `figures` sections beside or instead of
# `entities`; see tests/gold/relations/shanghai-ifc.yaml for the format and conventions.
# =============================================================================

_RELATION_SECTIONS = ("roles", "relations", "figures")


@dataclass(frozen=True)
class GoldFigure:
    kind: str
    year: int | None
    value: Decimal | None
    unit: str | None
    subject: str
    base_year: int | None = None

    def label(self) -> str:
        amount = "-" if self.value is None else f"{self.value}{self.unit or ''}"
        return f"{self.kind} {self.year or '-'} {amount} ({self.subject})"


@dataclass(frozen=True)
class RelationGold:
    document: str | None
    roles: dict[tuple[str, int], frozenset[tuple[str, str, str]]] | None  # (kind, number) -> {(name, action, role)}
    relations: frozenset[tuple[str, str, str]] | None
    figures: tuple[GoldFigure, ...] | None
    path: Path
    # entities annotated after the roles were: their mentions' roles and relations are not scored
    unscored: frozenset[str] = frozenset()


@dataclass
class RelationReport:
    roles: Score | None
    relations: Score | None
    figures: Score | None
    missed_roles: list[tuple] = field(default_factory=list)
    extra_roles: list[tuple] = field(default_factory=list)
    missed_relations: list[tuple] = field(default_factory=list)
    extra_relations: list[tuple] = field(default_factory=list)
    missed_figures: list[str] = field(default_factory=list)
    extra_figures: list[str] = field(default_factory=list)

    def table(self) -> str:
        rows = [("", "precision", "recall", "F1", "tp", "predicted", "gold")]
        for label, score in (("roles/actions", self.roles), ("relations", self.relations), ("figures", self.figures)):
            if score is not None:
                rows.append((label, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                             str(score.true_positives), str(score.predicted), str(score.expected)))
        return _aligned(rows)

    def detail_sections(self) -> list[DetailSection]:
        """The roles, relations and figures missed and extra, for the parts the gold scores."""
        role, relation, figure = ("unit", "entity", "action", "role"), ("subject", "predicate", "object"), ("figure",)
        sections = []
        if self.roles is not None:
            sections += [DetailSection("missed roles", role, self.missed_roles),
                         DetailSection("extra roles", role, self.extra_roles)]
        if self.relations is not None:
            sections += [DetailSection("missed relations", relation, self.missed_relations),
                         DetailSection("extra relations", relation, self.extra_relations)]
        if self.figures is not None:
            sections += [DetailSection("missed figures", figure, [(f,) for f in self.missed_figures]),
                         DetailSection("extra figures", figure, [(f,) for f in self.extra_figures])]
        return sections

    def as_json(self) -> dict:
        scores = {label: score.as_json() for label, score in (("roles/actions", self.roles),
                                                              ("relations", self.relations),
                                                              ("figures", self.figures)) if score is not None}
        return {"scores": scores, "details": {section.key: section.records() for section in self.detail_sections()}}


def has_relation_gold(path: str | Path) -> bool:
    """Whether a gold file holds any of the roles / relations / figures sections."""
    data = _read_yaml(Path(path))
    return isinstance(data, dict) and any(k in data for k in _RELATION_SECTIONS)


def has_entity_gold(path: str | Path) -> bool:
    data = _read_yaml(Path(path))
    return isinstance(data, dict) and "entities" in data


def _read_yaml(path: Path):
    try:
        return parse_yaml(path.read_text("utf-8"))
    except FileNotFoundError:
        raise PlanError(f"{path}: gold file not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise PlanError(f"{path}: not a readable YAML gold file ({str(err).splitlines()[0]})") from None


def load_relation_gold(path: str | Path) -> RelationGold:
    from .relations import FIGURE_KINDS, PREDICATES, ROLES, vocabulary

    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict) or not any(k in data for k in _RELATION_SECTIONS):
        raise PlanError(f"{path}: a relation gold file needs a 'roles', 'relations' or 'figures' section")
    actions = set(vocabulary().actions)
    roles = None
    if "roles" in data:
        roles = {}
        for i, unit in enumerate(data["roles"] or [], start=1):
            kind = "task" if "task" in unit else "column" if "column" in unit else None
            if kind is None:
                raise PlanError(f"{path}: roles entry {i} needs a task or column number")
            triples = set()
            for item in unit.get("roles") or []:
                if not (isinstance(item, list) and len(item) == 3 and item[1] in actions and item[2] in ROLES):
                    raise PlanError(f"{path}: {kind} {unit[kind]}: bad role {item!r}; write [entity, action, role] "
                                    f"with an action of relations.yaml and a role among {', '.join(ROLES)}")
                triples.add((str(item[0]), item[1], item[2]))
            roles[(kind, int(unit[kind]))] = frozenset(triples)
    relations = None
    if "relations" in data:
        items = set()
        for item in data["relations"] or []:
            if not (isinstance(item, list) and len(item) == 3 and item[1] in PREDICATES):
                raise PlanError(f"{path}: bad relation {item!r}; write [subject, predicate, object] with a "
                                f"predicate among {', '.join(PREDICATES)}")
            items.add((str(item[0]), item[1], str(item[2])))
        relations = frozenset(items)
    figures = None
    if "figures" in data:
        listed: list[GoldFigure] = []
        for item in data["figures"] or []:
            if not isinstance(item, dict) or item.get("kind") not in FIGURE_KINDS or not item.get("subject"):
                raise PlanError(f"{path}: bad figure {item!r}; give kind ({', '.join(FIGURE_KINDS)}), year, "
                                f"value, unit and subject")
            value = item.get("value")
            listed.append(GoldFigure(item["kind"], item.get("year"), None if value is None else Decimal(str(value)),
                                     item.get("unit"), str(item["subject"]), item.get("base_year")))
        figures = tuple(listed)
    return RelationGold(data.get("document"), roles, relations, figures, path,
                        frozenset(map(str, data.get("entities_without_roles") or ())))


def _name_resolver(extraction: Extraction):
    by_name: dict[str, str] = {}
    for key, entity in sorted(extraction.entities.items()):
        by_name.setdefault(entity.pref_label, key)
    for key, entity in sorted(extraction.entities.items()):
        for alias in entity.alt_labels:
            by_name.setdefault(alias, key)
    return lambda name: by_name.get(name, f"?{name}")


def _scoring_unit(extraction: Extraction, key: str | None) -> tuple[str, int] | None:
    """The task or column a unit counts for (an item counts for its column or task)."""
    units = {u.key: u for u in extraction.structure.units}
    unit = units.get(key) if key else None
    while unit is not None and unit.kind not in ("task", "column"):
        unit = units.get(unit.parent) if unit.parent else None
    if unit is None or unit.number is None:
        return None
    return unit.kind, unit.number


def evaluate_relations(extraction: Extraction, gold: RelationGold) -> RelationReport:
    from .relations import extract_statements

    statements = getattr(extraction, "statements", None) or extract_statements(extraction)
    resolve = _name_resolver(extraction)
    report = RelationReport(None, None, None)
    if gold.roles is not None:
        expected = {(unit, resolve(name), action, role) for unit, triples in gold.roles.items()
                    for name, action, role in triples}
        predicted = set()
        unscored = {resolve(name) for name in gold.unscored}
        for item in statements.roles:
            unit = _scoring_unit(extraction, item.mention.unit)
            if unit in gold.roles and item.mention.entity not in unscored:
                predicted.add((unit, item.mention.entity, item.action, item.role))
        report.roles = Score(len(predicted & expected), len(predicted), len(expected))
        report.missed_roles = sorted(expected - predicted)
        report.extra_roles = sorted(predicted - expected)
    if gold.relations is not None:
        gold_triples = {(resolve(s), p, resolve(o)) for s, p, o in gold.relations}
        unscored = {resolve(name) for name in gold.unscored}
        found_triples = {(r.subject, r.predicate, r.object) for r in statements.relations
                         if not {r.subject, r.object} & unscored}
        report.relations = Score(len(found_triples & gold_triples), len(found_triples), len(gold_triples))
        report.missed_relations = sorted(gold_triples - found_triples)
        report.extra_relations = sorted(found_triples - gold_triples)
    if gold.figures is not None:
        remaining = list(statements.figures)
        hits = 0
        for figure in gold.figures:
            match = next((f for f in remaining if _figure_matches(f, figure)), None)
            if match is None:
                report.missed_figures.append(figure.label())
            else:
                remaining.remove(match)
                hits += 1
        report.figures = Score(hits, len(statements.figures), len(gold.figures))
        report.extra_figures = [f"{f.kind} {f.year or '-'} {'-' if f.value is None else f'{f.value}{f.unit}'} "
                                f"({f.subject})" for f in remaining]
    return report


def _figure_matches(predicted, gold: GoldFigure) -> bool:
    return (predicted.kind == gold.kind and predicted.year == gold.year and predicted.unit == gold.unit
            and (predicted.value == gold.value) and predicted.base_year == gold.base_year
            and gold.subject in predicted.subject)
