"""Scoring an extraction against a gold annotation (YAML): precision, recall and F1.

Entities match when their types agree and they share a name (canonical or alias).
Task links are (entity, task number) pairs, the gold entity's name standing for
any predicted entity matched to it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

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
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
                         for r in rows)


def load_gold(path: str | Path) -> Gold:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        raise PlanError(f"{path}: gold file not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise PlanError(f"{path}: not a readable YAML gold file ({str(err).splitlines()[0]})") from None
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
            g = by_name.get(name)
            if g is not None and g.type == entity.type:
                matched[key] = g
                break
    by_type = {}
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
