"""Sentences as character spans, and a Doc's text read once: what the spaCy pipeline's
components and the learned recogniser share (``pipeline.py`` and ``learned/`` both import
this module, neither imports the other's).

Sentences end at 。！？ (with any closing quote) or at a line break; one longer than
``MAX_SENTENCE`` characters is cut at a clause mark.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..cjk import CLAUSE_ENDS, CLAUSE_ENDS_HALF, LIST_MARK, SENTENCE_ENDS, SENTENCE_ENDS_HALF

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ENDS = SENTENCE_ENDS + SENTENCE_ENDS_HALF
_SENTENCE = re.compile(f"[^{_ENDS}\n]*(?:[{_ENDS}]+[”’」』）)]*|\n|$)")

#: The longest sentence: longer runs (run-on text with no 。) are cut at clause marks. Real
#: sentences stay whole: the longest in the bundled plan and the 48 corpus documents has 744
#: characters. Bounding sentences keeps each mention's evidence sentence, and so the graph,
#: linear in the length of a paragraph.
MAX_SENTENCE = 1000
_CLAUSE_END = re.compile(f"[{CLAUSE_ENDS}{LIST_MARK}{CLAUSE_ENDS_HALF}]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences end at 。！？ (with any closing quote) or at a line break; one longer than
    ``MAX_SENTENCE`` characters is cut after its last clause mark (，；：、) that keeps the
    piece within the limit, or at the limit when it has none."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] == "\n":
            end -= 1
        while start < end and text[start] in " 　\t":
            start += 1
        spans.extend(_bounded(text, start, end))
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces of at most ``MAX_SENTENCE`` characters (none if empty)."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        marks = [m.end() for m in _CLAUSE_END.finditer(text, start + MAX_SENTENCE // 2, cut)]
        cut = marks[-1] if marks else cut
        pieces.append((start, cut))
        start = cut
    if end > start:
        pieces.append((start, end))
    return pieces


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token each time it is asked."""
    text = doc.user_data.get("plan_text")
    if text is None:
        text = doc.user_data["plan_text"] = doc.text
    return text
