"""Short documents written for the naming tests: ``body`` as the one measure of an opinion (or
``measures`` as its measures), extracted the way ``plankg build`` extracts a document."""
from __future__ import annotations

from plankg.extract import extract
from plankg.extract.read import read_document

TITLE = "国务院关于测试事项的意见\n一、主要任务\n"
CLOSING = "做好收尾工作。"  # the last measure, so that the one tested is not the document's end
NUMERALS = "一二三四五六七八九十"


def document(*measures: str) -> str:
    """The text of an opinion whose tasks are ``measures`` (（一）, （二）, …), then a closing one."""
    return TITLE + "".join(f"（{NUMERALS[i]}）{m}\n" for i, m in enumerate([*measures, CLOSING]))


def extraction(*measures: str, **options):
    """The extraction of ``document(*measures)`` (``options``: those ``extract`` takes)."""
    return extract(read_document(document(*measures).encode(), name="measures.txt"), **options)


def names(body: str, **options) -> dict[str, str]:
    """Surface → type of every mention in a one-measure document with ``body`` as the measure."""
    return {m.surface: m.type for m in extraction(body, **options).mentions}


def places(body: str, **options) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, entity) of every place in ``body`` as the one measure, in text order,
    offsets into ``body``."""
    start = len(TITLE) + len("（一）")  # where the measure's text starts
    return [(m.start - start, m.end - start, m.surface, m.entity)
            for m in sorted(extraction(body, **options).mentions, key=lambda m: m.start)
            if m.type == "place" and start <= m.start < start + len(body)]
