"""Annotated texts: the training data of the learned recogniser, and the files people correct.

An ``AnnotatedText`` is a text with typed entity spans (character offsets, which are Unicode
code points: Python's ``str`` indices, and what Label Studio and doccano count). It is read from
and written to three formats:

- doccano's JSONL (one document a line: ``{"text": …, "label": [[start, end, "Institution"], …]}``;
  doccano's newer ``"entities": [{"start_offset", "end_offset", "label"}]`` is read too). The shipped
  gold (``data/gold.jsonl``) is a file of this format;
- Label Studio's JSON export (a list of tasks, each with ``data.text`` and ``annotations``, whose
  ``result`` regions are ``{"type": "labels", "value": {"start", "end", "text", "labels"}}``), and
  its JSON-MIN export (``{"text": …, "label": [{"start", "end", "text", "labels"}]}``);
- Label Studio's import format with pre-annotations, written by ``plankg annotate export``
  (``annotate.py``): tasks whose ``predictions`` hold plankg's spans.

Labels are the ontology's class names (Institution, Market, Product, Place, Benchmark,
Programme), as in the corpus gold; plankg's types are their lower-case forms.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import ahocorasick

from ..model import ENTITY_TYPES, EntityType, PlanError

#: Label Studio / doccano label of each plankg type.
LABELS: dict[EntityType, str] = {kind: kind.capitalize() for kind in ENTITY_TYPES}
_TYPE_OF_LABEL: dict[str, EntityType] = {label.lower(): kind for kind, label in LABELS.items()}


@dataclass(frozen=True, order=True)
class Annotation:
    """An entity name at ``text[start:end]``."""

    start: int
    end: int
    type: EntityType


@dataclass(frozen=True)
class AnnotatedText:
    """A text and every entity name in it (a text with no names is a valid negative example)."""

    name: str
    text: str
    annotations: tuple[Annotation, ...]


def type_of_label(label: str, where: str) -> EntityType:
    """plankg's type for a label (Institution or institution); an unknown label is a PlanError."""
    kind = _TYPE_OF_LABEL.get(str(label).strip().lower())
    if kind is None:
        raise PlanError(f"{where}: unknown label {label!r}; expected one of {', '.join(LABELS.values())}")
    return kind


# --- names found by string matching -----------------------------------------------------

Guard = Callable[[str, int, int], bool]


def names_in_text(text: str, forms: dict[str, EntityType | None], guard: Guard | None = None) -> list[Annotation]:
    """Every occurrence of the ``forms`` (name or alias -> type; ``None`` for a blocker, a string
    that holds a name without naming it), found leftmost-longest without overlap: the linking rule
    of the corpus gold (``verify.py``). ``guard(text, start, end)`` may refuse a match, which then
    does not block the shorter forms starting there."""
    automaton = ahocorasick.Automaton()
    for form in forms:
        if form:
            automaton.add_word(form, len(form))
    if not len(automaton):
        return []
    automaton.make_automaton()
    lengths: dict[int, list[int]] = {}
    for end, length in automaton.iter(text):
        lengths.setdefault(end + 1 - length, []).append(length)
    found, position = [], 0
    for start in sorted(lengths):
        if start < position:
            continue
        for length in sorted(lengths[start], reverse=True):
            end = start + length
            if guard is None or guard(text, start, end):
                kind = forms[text[start:end]]
                if kind is not None:
                    found.append(Annotation(start, end, kind))
                position = end
                break
    return found


def corpus_gold_text(path: str | Path, docs: str | Path) -> AnnotatedText:
    """A corpus gold file (JSON, the format of ../shared/corpus/gold) as spans on plankg's clean
    text of its document in the folder ``docs``; named ``corpus/<stem>``."""
    from ..read import read_document

    path = Path(path)
    gold = json.loads(_read(path))
    text = read_document(Path(docs) / gold["source"]).text
    forms: dict[str, EntityType | None] = dict.fromkeys(gold.get("link_blockers", ()))
    for name, entity in gold["entities"].items():
        for form in (name, *entity["aliases"]):
            forms[form] = type_of_label(entity["type"], str(path))
    return AnnotatedText(f"corpus/{path.stem}", text, tuple(names_in_text(text, forms)))


# --- doccano JSONL ----------------------------------------------------------------------

def doccano_line(document: AnnotatedText) -> str:
    """One line of doccano's JSONL (keys sorted, no ASCII escaping: byte-stable)."""
    return json.dumps({"label": [[a.start, a.end, LABELS[a.type]] for a in document.annotations],
                       "name": document.name, "text": document.text}, ensure_ascii=False, sort_keys=True)


def read_doccano(path: str | Path) -> list[AnnotatedText]:
    """The documents of a doccano JSONL file (``label`` triples or ``entities`` records)."""
    path = Path(path)
    documents = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as err:
            raise PlanError(f"{where}: not a JSON line ({err})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise PlanError(f"{where}: a doccano line needs a \"text\" string")
        spans = record.get("label", record.get("entities")) or []
        regions = [_doccano_region(span, where) for span in spans]
        documents.append(_document(str(record.get("name") or record.get("id") or f"{path.stem}-{number}"),
                                   record["text"], regions, where))
    return documents


def _doccano_region(span, where: str) -> tuple[int, int, str, str | None]:
    if isinstance(span, list) and len(span) == 3:
        return span[0], span[1], span[2], None
    if isinstance(span, dict) and {"start_offset", "end_offset", "label"} <= span.keys():
        return span["start_offset"], span["end_offset"], span["label"], None
    raise PlanError(f"{where}: a doccano span is [start, end, label] or "
                    f"{{\"start_offset\", \"end_offset\", \"label\"}}, not {span!r}")


# --- Label Studio -----------------------------------------------------------------------

def read_label_studio(path: str | Path) -> tuple[list[AnnotatedText], int]:
    """The annotated documents of a Label Studio JSON (or JSON-MIN) export, and how many tasks
    had no annotation to read (left out: a prediction nobody reviewed is not a correction). A
    task's latest annotation that was not cancelled is the one read."""
    path = Path(path)
    try:
        tasks = json.loads(_read(path))
    except ValueError as err:
        raise PlanError(f"{path}: not a JSON file ({err})") from None
    if not isinstance(tasks, list):
        raise PlanError(f"{path}: a Label Studio export is a JSON list of tasks")
    documents, unannotated = [], 0
    for number, task in enumerate(tasks, start=1):
        where = f"{path}: task {task.get('id', number) if isinstance(task, dict) else number}"
        document = _label_studio_task(task, where)
        if document is None:
            unannotated += 1
        else:
            documents.append(document)
    return documents, unannotated


def _label_studio_task(task, where: str) -> AnnotatedText | None:
    if not isinstance(task, dict):
        raise PlanError(f"{where}: not a task object")
    if "data" in task:  # the full JSON export
        text = task["data"].get("text") if isinstance(task["data"], dict) else None
        annotations = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
        if not annotations:
            return None
        latest = max(annotations, key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""),
                                                 a.get("id") or 0))
        regions: list[Any] | None = [r.get("value") for r in latest.get("result") or [] if r.get("type") == "labels"]
        name = task["data"].get("source") or task["data"].get("name") or task.get("id")
    else:  # JSON-MIN: the task's data fields and one list of regions
        text, regions, name = task.get("text"), task.get("label"), task.get("source") or task.get("id")
        if regions is None:
            return None
    if not isinstance(text, str):
        raise PlanError(f"{where}: the task has no \"text\" in its data")
    spans = []
    for value in regions or []:
        if not isinstance(value, dict) or not value.get("labels"):
            raise PlanError(f"{where}: a region needs start, end and labels, not {value!r}")
        spans.append((value.get("start"), value.get("end"), value["labels"][0], value.get("text")))
    return _document(str(name or where), text, spans, where)


def _document(name: str, text: str, regions: Iterable[tuple], where: str) -> AnnotatedText:
    """Checked annotations: offsets inside the text, the region's own text (where given) equal to
    the text at its offsets (a file counting in other units than code points fails here), and no
    two regions overlapping."""
    annotations = []
    for start, end, label, surface in regions:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise PlanError(f"{where}: span {start}–{end} is not inside the text ({len(text)} characters)")
        if surface is not None and text[start:end] != surface:
            raise PlanError(f"{where}: span {start}–{end} reads {text[start:end]!r} in the text but the "
                            f"annotation says {surface!r} (offsets must count code points)")
        annotations.append(Annotation(start, end, type_of_label(label, where)))
    annotations.sort()
    for before, after in pairwise(annotations):
        if after.start < before.end:
            raise PlanError(f"{where}: spans {before.start}–{before.end} ({text[before.start:before.end]}) and "
                            f"{after.start}–{after.end} ({text[after.start:after.end]}) overlap; "
                            f"a name is either one entity or several side by side")
    return AnnotatedText(name, text, tuple(annotations))


def read_annotations(path: str | Path) -> tuple[list[AnnotatedText], int]:
    """Documents of a correction file, by its extension: ``.jsonl`` doccano, ``.json`` Label
    Studio (full or JSON-MIN export); with the number of tasks that had no annotation."""
    suffix = Path(path).suffix.lower()
    if suffix == ".jsonl":
        return read_doccano(path), 0
    if suffix == ".json":
        return read_label_studio(path)
    raise PlanError(f"{path}: give a Label Studio export (.json) or a doccano file (.jsonl)")


def _read(path: Path) -> str:
    """The text of an annotation file (UTF-8, with or without BOM)."""
    try:
        return path.read_text("utf-8-sig")
    except UnicodeDecodeError as err:
        raise PlanError(f"{path}: not UTF-8 ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise PlanError(f"{path}: cannot read the annotation file ({err.strerror or err})") from None


def merged(base: Iterable[AnnotatedText], corrections: Iterable[AnnotatedText]) -> list[AnnotatedText]:
    """``base`` with each text that ``corrections`` annotate again replaced by the correction (the
    same text, or the same name); the corrections of other texts are added after."""
    corrections = list(corrections)
    replaced = {c.text for c in corrections} | {c.name for c in corrections}
    return [d for d in base if d.text not in replaced and d.name not in replaced] + corrections


def sentences(document: AnnotatedText, spans: Iterator[tuple[int, int]]) -> Iterator[AnnotatedText]:
    """The document cut at ``spans`` (sentence boundaries), each piece with the annotations inside
    it (offsets relative to the piece); an annotation across two sentences is left out."""
    annotations = list(document.annotations)
    i = 0
    for start, end in spans:
        while i < len(annotations) and annotations[i].start < start:
            i += 1
        inside = []
        while i < len(annotations) and annotations[i].end <= end:
            a = annotations[i]
            inside.append(Annotation(a.start - start, a.end - start, a.type))
            i += 1
        yield AnnotatedText(f"{document.name}@{start}", document.text[start:end], tuple(inside))
