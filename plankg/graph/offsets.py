"""Checking that every offset pair in a written graph slices the text it claims.

SHACL can say that offsets are non-negative integers in order, not that
``plan:sentence`` is the text between ``plan:sentenceBeginIndex`` and
``plan:sentenceEndIndex``. ``offset_problems`` checks, for every plan of a graph:

* every node in the plan's context (``nif:referenceContext``: mentions, actions,
  relation statements, figures): ``nif:isString[begin:end] == nif:anchorOf``;
* every mention: ``nif:isString[sentenceBegin:sentenceEnd] == plan:sentence``, and
  the sentence holds the mention;
* every unit: its ``plan:text`` starts its span ``[nif:beginIndex, nif:endIndex)``
  (a part or section keeps only its own text, the head of its span);
* every mention's ``plan:sourceBeginIndex``/``plan:sourceEndIndex``: the span of the
  source file the reader maps the mention to, when the source (``dcterms:source``: the
  bundled plan, or a file found beside the working folder or the graph) reads back to
  the same text; otherwise a note says the source offsets were not checked.

It reads the graph once (no SPARQL) and is linear in its size.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF

from ..ontology.namespace import NIF, PLAN

#: Problems listed in full; beyond this only their number.
SHOWN = 20


@dataclass
class OffsetReport:
    """What ``offset_problems`` found: ``problems`` (the graph is wrong) and ``notes``."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked: int = 0  # offset pairs compared

    def text(self) -> str:
        lines = self.problems[:SHOWN]
        if len(self.problems) > SHOWN:
            lines.append(f"… and {len(self.problems) - SHOWN} more offset problems")
        return "\n".join(lines + [f"note: {note}" for note in self.notes])


def offset_problems(graph: Graph, graph_path: Path | None = None) -> OffsetReport:
    """Check every offset pair of every plan in ``graph`` (see the module docstring)."""
    report = OffsetReport()
    for plan in sorted(graph.subjects(RDF.type, PLAN.Plan), key=str):  # plans are IRIs
        stored = graph.value(plan, NIF.isString)
        if stored is None:
            report.problems.append(f"{plan}: no nif:isString, so no offset can be checked")
            continue
        text = str(stored)
        _check_anchors(graph, plan, text, report)
        _check_units(graph, plan, text, report)
        _check_sources(graph, plan, text, graph_path, report)
    return report


def _int(value) -> int | None:
    try:
        return int(value) if isinstance(value, Literal) else None
    except (TypeError, ValueError):
        return None


def _span(graph: Graph, node, begin_property, end_property) -> tuple[int, int] | None:
    begin, end = _int(graph.value(node, begin_property)), _int(graph.value(node, end_property))
    return None if begin is None or end is None else (begin, end)


def _sliced(text: str, span: tuple[int, int]) -> str | None:
    begin, end = span
    return text[begin:end] if 0 <= begin <= end <= len(text) else None


def _check_anchors(graph: Graph, plan, text: str, report: OffsetReport) -> None:
    for node in graph.subjects(NIF.referenceContext, plan):
        span = _span(graph, node, NIF.beginIndex, NIF.endIndex)
        anchor = graph.value(node, NIF.anchorOf)
        if span is not None and anchor is not None:
            report.checked += 1
            if _sliced(text, span) != str(anchor):
                report.problems.append(f"{node}: nif:beginIndex {span[0]} / nif:endIndex {span[1]} do not slice "
                                       f"its nif:anchorOf {str(anchor)[:40]!r} from the plan's text")
        sentence = graph.value(node, PLAN.sentence)
        bounds = _span(graph, node, PLAN.sentenceBeginIndex, PLAN.sentenceEndIndex)
        if sentence is not None and bounds is not None:
            report.checked += 1
            if _sliced(text, bounds) != str(sentence):
                report.problems.append(f"{node}: plan:sentenceBeginIndex {bounds[0]} / plan:sentenceEndIndex "
                                       f"{bounds[1]} do not slice its plan:sentence from the plan's text")
            elif span is not None and not bounds[0] <= span[0] <= span[1] <= bounds[1]:
                report.problems.append(f"{node}: its sentence {bounds} does not hold the mention {span}")


def _check_units(graph: Graph, plan, text: str, report: OffsetReport) -> None:
    for unit in graph.subjects(PLAN.inPlan, plan):
        span = _span(graph, unit, NIF.beginIndex, NIF.endIndex)
        own = graph.value(unit, PLAN.text)
        if span is None or own is None:
            continue
        report.checked += 1
        sliced = _sliced(text, span)
        if sliced is None or not sliced.startswith(str(own)):
            report.problems.append(f"{unit}: nif:beginIndex {span[0]} / nif:endIndex {span[1]} do not hold "
                                   f"its plan:text {str(own)[:40]!r}")


def _check_sources(graph: Graph, plan, text: str, graph_path: Path | None, report: OffsetReport) -> None:
    mentions = [m for m in graph.subjects(NIF.referenceContext, plan)
                if (m, RDF.type, PLAN.Mention) in graph and graph.value(m, PLAN.sourceBeginIndex) is not None]
    if not mentions:
        return
    source = str(graph.value(plan, DCTERMS.source) or "")
    document = _source_document(source, graph_path)
    if document is None or document.text != text:
        why = "cannot be read here" if document is None else "reads to another text now"
        report.notes.append(f"{plan}: its source {source or '(none)'} {why}; source offsets not checked")
        return
    for mention in mentions:
        span = _span(graph, mention, NIF.beginIndex, NIF.endIndex)
        claimed = _span(graph, mention, PLAN.sourceBeginIndex, PLAN.sourceEndIndex)
        if span is None or claimed is None or _sliced(text, span) is None:
            continue
        report.checked += 1
        expected = document.source_span(*span)
        if claimed != tuple(expected):
            report.problems.append(f"{mention}: plan:sourceBeginIndex {claimed[0]} / plan:sourceEndIndex "
                                   f"{claimed[1]} are not where {source} holds it ({expected[0]}, {expected[1]})")


def _source_document(source: str, graph_path: Path | None):
    """The source document read again, or None when it cannot be found or read."""
    from ..errors import PlanError
    from ..extract.read import BUNDLED_SOURCE, read_bundled, read_document

    try:
        if source == BUNDLED_SOURCE:
            return read_bundled()
        for folder in (Path.cwd(), graph_path.parent if graph_path else None):
            if folder is not None and source and (folder / source).is_file():
                return read_document(str(folder / source), name=source)
    except (PlanError, OSError):
        return None
    return None
