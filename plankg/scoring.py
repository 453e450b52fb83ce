"""Scoring a built graph against corpus gold (JSON), by the rules of the corpus scorer.

The gold format is the one of ``../shared/corpus/gold`` (entities with type, aliases and a
required flag; the task labels; the task links of every required entity). The graph is read
only through the vocabulary contract, as ``score.py`` reads it, so that recall and precision
here are the figures users and the project's outside checks see:

- an entity is any subject typed with one of the six entity classes; its names are its
  ``skos:prefLabel``/``skos:altLabel``/``rdfs:label`` literals, NFKC-normalised;
- recall counts the required gold entities one of whose names an entity carries; precision
  the entities one of whose names is a gold name or alias (required or optional);
- a task is a ``plan:Task`` keyed by its ``skos:notation``; an entity is linked to a task by a
  direct triple or through a node that is neither a unit nor an entity (a mention);
- task-link F1 over the required entities' (entity, task) pairs.

Where task-link F1 differs from ``score.py``'s (both sides read by :func:`task_key`): task labels
that carry more than a number (``（一）加强组织领导``, ``第十二条``, where a document restarts its
numbering or numbers articles) count by their leading number, and labels numbered level in level
(``2.1.1``) by the whole number; ``score.py`` reads neither, and gives no link (or stops) there.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef

from .cjk import cn_int
from .extract.model import PlanError

ENTITY_CLASSES = ("Institution", "Market", "Product", "Place", "Benchmark", "Programme")
_UNIT_CLASSES = {"Plan", "Part", "Section", "Task", "Column", "Goal", "Principle", "Item", "Dataset"}
# A predicted type is right when it is the gold type or one the corpus scorer accepts for it.
COMPATIBLE = {
    "Benchmark": {"Benchmark", "Product"}, "Programme": {"Programme", "Product", "Market"},
    "Market": {"Market", "Product", "Institution"}, "Product": {"Product", "Benchmark", "Market"},
    "Institution": {"Institution", "Market"}, "Place": {"Place"},
}


def normalise(name: str) -> str:
    """A name as the scorer compares it: NFKC, no white space, no surrounding quotes."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name)).strip())
    return text.strip("“”\"'《》「」")


def label_number(label: str) -> int | None:
    """The number of a gold task label: "（三）" → 3, "12." → 12, "二十一、" → 21, "14" → 14."""
    return _number_of(normalise(label))


def _number_of(plain: str) -> int | None:
    """The number of a normalised label (NFKC made （）． plain)."""
    number = cn_int(plain.strip("().、"))
    if number is None:
        lead = re.match(r"\(?第?([0-9]+|[〇零一二两三四五六七八九十百千]+)", plain)
        number = cn_int(lead.group(1)) if lead else None
    return number


def task_key(label: str | int) -> int | str | None:
    """What a task is matched by: its number ("（三）" → 3, "第十二条" → 12), or its whole number
    where it numbers a level inside a level ("2.1.1", "2.1.1　粮食储备" → "2.1.1": the scorer reads
    no such label and gives no link there). The same key for a gold label and a graph's
    ``skos:notation``."""
    if isinstance(label, int):
        return label
    plain = normalise(label)
    dotted = _DOTTED.match(plain.strip("().、"))  # NFKC made （）． plain
    return dotted.group() if dotted else _number_of(plain)


_DOTTED = re.compile(r"[0-9]+(?:\.[0-9]+)+(?![0-9])")


def _in_order(keys: Iterable[int | str]) -> list[int | str]:
    """Task keys in reading order: numbers, then dotted labels by their parts."""
    return sorted(keys, key=lambda k: (0, [k]) if isinstance(k, int) else (1, [int(p) for p in k.split(".")]))


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...]
    required: bool

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class CorpusGold:
    """One gold file of the corpus format."""

    path: Path
    title: str
    source: str
    tasks: tuple[str, ...]
    non_task_items: tuple[str, ...]
    entities: tuple[GoldEntity, ...]
    task_links: dict[str, frozenset[int | str]]

    @classmethod
    def load(cls, path: str | Path) -> CorpusGold:
        """Read a gold file; a malformed one raises :class:`PlanError` naming the file."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entities = tuple(GoldEntity(name, v["type"], tuple(v.get("aliases", ())), bool(v.get("required", True)))
                             for name, v in data["entities"].items())
            links = {name: frozenset(n for n in map(task_key, labels) if n is not None)
                     for name, labels in data.get("task_links", {}).items()}
            return cls(path, data["title"], data["source"], tuple(data.get("tasks", ())),
                       tuple(data.get("non_task_items", ())), entities, links)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise PlanError(f"{path}: not a corpus gold file ({type(err).__name__}: {err})") from None


@dataclass
class DocumentScore:
    """How one graph scores against one gold file."""

    name: str
    required: int
    found: int
    typed_right: int
    entities: int
    false_positives: list[str]
    missing: list[str]
    link_tp: int
    link_fp: int
    link_fn: int
    tasks_found: int
    tasks_expected: int
    tasks_alternative: int
    link_differences: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return (self.entities - len(self.false_positives)) / self.entities if self.entities else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.typed_right / self.found if self.found else 0.0

    @property
    def link_f1(self) -> float:
        return _f1(self.link_tp, self.link_fp, self.link_fn)

    @property
    def tasks_right(self) -> bool:
        return self.tasks_found in (self.tasks_expected, self.tasks_alternative)


def _f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _local(term) -> str:
    return re.split(r"[#/]", str(term))[-1]


def _graph_entities(graph: Graph) -> dict:
    """Entity node → (its entity class names, its normalised names)."""
    entities: dict = {}
    for s, o in graph.subject_objects(RDF.type):
        if _local(o) in ENTITY_CLASSES:
            entities.setdefault(s, (set(), set()))[0].add(_local(o))
    for node, (_, names) in entities.items():
        for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
            names.update(normalise(str(o)) for o in graph.objects(node, prop))
    return entities


def _graph_tasks(graph: Graph) -> dict:
    """Task node → its key (``task_key`` of its ``skos:notation`` or a number-like property)."""
    tasks = {}
    for s, o in graph.subject_objects(RDF.type):
        if _local(o) != "Task":
            continue
        key = None
        for p, value in graph.predicate_objects(s):
            if isinstance(value, Literal) and (p == SKOS.notation or _local(p) in ("number", "notation")):
                key = task_key(str(value))
                if key is not None:
                    break
        tasks[s] = key
    return tasks


def score_graph(gold: CorpusGold, graph: Graph, name: str | None = None) -> DocumentScore:
    """Score ``graph`` against ``gold`` by the corpus scorer's rules."""
    entities = _graph_entities(graph)
    by_name: dict[str, set] = defaultdict(set)
    for node, (_, names) in entities.items():
        for n in names:
            by_name[n].add(node)
    gold_names = {normalise(n) for e in gold.entities for n in e.names}
    hits = {e.name: set().union(*(by_name.get(normalise(n), set()) for n in e.names)) for e in gold.entities}
    required = [e for e in gold.entities if e.required]
    found = [e for e in required if hits[e.name]]
    typed = [e for e in found
             if set().union(*(entities[n][0] for n in hits[e.name])) & COMPATIBLE.get(e.type, {e.type})]
    false_positives = sorted(min(names, key=lambda n: (len(n), n)) if names else str(node)
                             for node, (_, names) in entities.items() if not names & gold_names)
    tp = fp = fn = 0
    differences = []
    linked = _task_linker(graph, entities)
    for entity, expected in gold.task_links.items():
        got = set().union(*(linked(node) for node in hits.get(entity, ())))
        got.discard(None)
        tp, fp, fn = tp + len(expected & got), fp + len(got - expected), fn + len(expected - got)
        if got != expected:
            differences.append(f"{entity}: expected {_in_order(expected)} got {_in_order(got)}")
    tasks = _graph_tasks(graph)
    return DocumentScore(
        name=name or gold.path.stem, required=len(required), found=len(found), typed_right=len(typed),
        entities=len(entities), false_positives=false_positives,
        missing=[e.name for e in required if not hits[e.name]], link_tp=tp, link_fp=fp, link_fn=fn,
        tasks_found=len(tasks), tasks_expected=len(gold.tasks),
        tasks_alternative=len(gold.tasks) + len(gold.non_task_items), link_differences=differences)


def _task_linker(graph: Graph, entities: dict):
    """A function giving the task numbers an entity node is linked to."""
    tasks = _graph_tasks(graph)
    structural = {s for s, o in graph.subject_objects(RDF.type) if _local(o) in _UNIT_CLASSES}
    neighbours: dict = defaultdict(set)
    for s, p, o in graph:
        if isinstance(o, (URIRef, BNode)) and p != RDF.type:
            neighbours[s].add(o)
            neighbours[o].add(s)

    def linked(node) -> set:
        out = set()
        for n in neighbours[node]:
            if n in tasks:
                out.add(tasks[n])
            elif n not in entities and n not in structural:
                out.update(tasks[m] for m in neighbours[n] if m in tasks)
        return out

    return linked


@dataclass(frozen=True)
class Averages:
    """Micro (pooled counts) and macro (mean of documents) averages over scored documents."""

    micro_recall: float
    micro_precision: float
    micro_link_f1: float
    macro_recall: float
    macro_precision: float
    macro_type_accuracy: float
    macro_link_f1: float
    tasks_right: int
    documents: int


def averages(scores: Iterable[DocumentScore]) -> Averages:
    """Micro and macro averages of ``scores``."""
    scores = list(scores)
    n = len(scores) or 1
    required = sum(s.required for s in scores)
    entities = sum(s.entities for s in scores)
    return Averages(
        micro_recall=sum(s.found for s in scores) / required if required else 1.0,
        micro_precision=sum(s.entities - len(s.false_positives) for s in scores) / entities if entities else 0.0,
        micro_link_f1=_f1(sum(s.link_tp for s in scores), sum(s.link_fp for s in scores),
                          sum(s.link_fn for s in scores)),
        macro_recall=sum(s.recall for s in scores) / n,
        macro_precision=sum(s.precision for s in scores) / n,
        macro_type_accuracy=sum(s.type_accuracy for s in scores) / n,
        macro_link_f1=sum(s.link_f1 for s in scores) / n,
        tasks_right=sum(s.tasks_right for s in scores),
        documents=len(scores),
    )


def table(scores: list[DocumentScore]) -> str:
    """A per-document table with micro and macro averages, as `plankg evaluate --corpus` prints it."""
    width = max([len(s.name) for s in scores] + [8])
    lines = [f"{'document':<{width}}  recall  precision  type-acc  link-F1  tasks"]
    for s in scores:
        tasks = f"{s.tasks_found}/{s.tasks_expected}" + ("" if s.tasks_right else " WRONG")
        lines.append(f"{s.name:<{width}}  {s.recall:6.3f}  {s.precision:9.3f}  {s.type_accuracy:8.3f}  "
                     f"{s.link_f1:7.3f}  {tasks}")
    a = averages(scores)
    lines.append(f"{'micro':<{width}}  {a.micro_recall:6.3f}  {a.micro_precision:9.3f}  {'':8}  "
                 f"{a.micro_link_f1:7.3f}")
    lines.append(f"{'macro':<{width}}  {a.macro_recall:6.3f}  {a.macro_precision:9.3f}  "
                 f"{a.macro_type_accuracy:8.3f}  {a.macro_link_f1:7.3f}  {a.tasks_right}/{a.documents} right")
    return "\n".join(lines)


def details(score: DocumentScore) -> str:
    """What a document's score is made of: missed names, false positives, link differences."""
    return "\n".join([
        f"{score.name}",
        f"  missing required ({len(score.missing)}): {' '.join(score.missing)}",
        f"  false positives ({len(score.false_positives)}): {' '.join(score.false_positives)}",
        "  link differences:",
        *(f"    {row}" for row in score.link_differences),
    ])


def score_corpus(gold_paths: Iterable[Path], docs: Path | None, build, warn=None) -> list[DocumentScore]:
    """Score every gold file against the graph ``build(document_path)`` returns for its document.

    ``docs`` is the documents' folder (default: the gold file's ``../docs``); ``warn`` gets a
    message when a gold file's title is not the document's.
    """
    scores = []
    for path in gold_paths:
        gold = CorpusGold.load(path)
        document = (docs or path.parent.parent / "docs") / gold.source
        if not document.is_file():
            raise PlanError(f"{path}: its document {document} is not there (give --docs DOCS_DIR)")
        graph, title = build(document)
        if warn and title and normalise(title) != normalise(gold.title):
            warn(f"{path.name}: the gold is for 《{gold.title}》, the document is 《{title}》")
        scores.append(score_graph(gold, graph, path.stem))
    return scores


def gold_files(folder: str | Path) -> list[Path]:
    """The gold files of a folder, sorted by name."""
    found = sorted(Path(folder).glob("*.json"))
    if not found:
        raise PlanError(f"{folder}: no gold files (*.json)")
    return found
