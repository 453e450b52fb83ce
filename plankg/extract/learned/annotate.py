"""``plankg annotate``: plankg's entity spans as pre-annotations for Label Studio or doccano.

A Label Studio task holds the document's clean text (``Document.text``, what plankg reads and
what the offsets count in) in ``data.text``, its file in ``data.source``, and one prediction:
a ``labels`` region per mention, offsets in code points, with the rule that found it and the
span of the source file it was read from (``Document.source_span``) in the region's ``meta``.
Import the file into a project set up with ``labeling_config()`` (``plankg annotate config``),
correct the regions, export as JSON and give the export to ``plankg train --from``.

doccano takes the same spans as JSONL (``{"text", "label": [[start, end, label]]}``).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..link import Extraction
from ..model import EntityType, PlanError
from .annotations import LABELS, AnnotatedText, Annotation, doccano_line

#: The name of the Labels and Text tags of the labeling config; regions refer to them.
FROM_NAME, TO_NAME = "label", "text"
_COLOURS: dict[EntityType, str] = {"institution": "#1f77b4", "market": "#ff7f0e", "product": "#2ca02c",
                                   "place": "#9467bd", "benchmark": "#d62728", "programme": "#8c564b"}


def labeling_config() -> str:
    """The Label Studio labeling config of plankg's six entity types (XML)."""
    labels = "\n".join(f'    <Label value="{LABELS[kind]}" background="{colour}"/>'
                       for kind, colour in _COLOURS.items())
    return (f'<View>\n  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{labels}\n  </Labels>\n'
            f'  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>\n</View>\n')


def label_studio_task(extraction: Extraction, model_version: str) -> dict:
    """One Label Studio task (import format) with plankg's mentions as a prediction."""
    document = extraction.document
    results = []
    for number, mention in enumerate(sorted(extraction.mentions, key=lambda m: (m.start, m.end)), start=1):
        source_start, source_end = document.source_span(mention.start, mention.end)
        results.append({
            "id": f"plankg-{number}", "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
            "value": {"start": mention.start, "end": mention.end, "text": mention.surface,
                      "labels": [LABELS[mention.type]]},
            "meta": {"text": [f"rule: {mention.rule}; entity: {mention.entity}; "
                              f"source: {source_start}-{source_end}"]},
        })
    data = {"text": document.text, "source": document.source}
    if document.metadata.title:
        data["title"] = document.metadata.title
    return {"data": data, "predictions": [{"model_version": model_version, "result": results}]}


def annotated_text(extraction: Extraction) -> AnnotatedText:
    """plankg's mentions of one document as an annotated text (for doccano)."""
    document = extraction.document
    return AnnotatedText(document.source, document.text,
                         tuple(sorted(Annotation(m.start, m.end, m.type) for m in extraction.mentions)))


def export_bytes(extractions: Iterable[Extraction], output: Path, model_version: str) -> bytes:
    """The pre-annotation file for ``output``: Label Studio tasks (``.json``) or doccano (``.jsonl``)."""
    suffix = output.suffix.lower()
    if suffix == ".json":
        tasks = [label_studio_task(e, model_version) for e in extractions]
        return (json.dumps(tasks, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    if suffix == ".jsonl":
        return "".join(doccano_line(annotated_text(e)) + "\n" for e in extractions).encode("utf-8")
    raise PlanError(f"{output}: write Label Studio tasks (.json) or doccano JSONL (.jsonl)")
