"""Showing a result in a terminal: an aligned table that counts the display width of
Chinese characters (two columns each) with ``wcwidth``, or a SPARQL results format."""
from __future__ import annotations

import unicodedata

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from wcwidth import wcswidth, wcwidth

from ..errors import PlanError
from ..ontology.namespace import DEFAULT_BASE, compactor
from .run import Result

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "xml")

_compact = compactor({"entity": f"{DEFAULT_BASE}entity/", "plan-id": f"{DEFAULT_BASE}plan/"}, bare=False)


def render(result: Result, fmt: str = "table", max_width: int = 60) -> str:
    """``result`` as text in ``fmt``: ``table`` (or, for a graph, Turtle), or a SPARQL
    1.1 results format (``csv``, ``tsv``, ``json``, ``xml``; for a graph, ``json``
    gives JSON-LD and ``xml`` RDF/XML)."""
    if fmt not in OUTPUT_FORMATS:
        raise PlanError(f"unknown format {fmt}; use one of {', '.join(OUTPUT_FORMATS)}")
    if result.kind == "CONSTRUCT":
        graph_fmt = {"json": "json-ld", "xml": "xml"}.get(fmt, "turtle")
        return result.serialize(graph_fmt).decode("utf-8")
    if fmt != "table":
        return result.serialize(fmt).decode("utf-8")
    if result.kind == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    return table(result.variables, [[display(t) for t in row] for row in result.rows], max_width) + \
        f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})\n"


def display(term: Node | None) -> str:
    """A term as a person reads it: a literal's text, an IRI compacted with a known prefix."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, URIRef):
        return _compact(str(term)) or f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def width(text: str) -> int:
    """Display width in terminal columns (CJK wide characters count two)."""
    w = wcswidth(text)
    return w if w >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


def _clean(text: str) -> str:
    """One line of printable text: line breaks and tabs become spaces, other controls go."""
    text = " ".join(text.split()) if any(ch in text for ch in "\n\r\t\v\f") else text
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == " ")


def _fit(text: str, limit: int) -> str:
    if limit <= 0 or width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def table(headers: tuple[str, ...] | list[str], rows: list[list[str]], max_width: int = 60) -> str:
    """An aligned plain-text table; numbers are right-aligned, long cells cut with '…'."""
    cells = [[_fit(_clean(c), max_width) for c in row] for row in rows]
    heads = [_fit(_clean(h), max_width) for h in headers]
    sizes = [width(h) for h in heads]
    for row in cells:
        for i, cell in enumerate(row):
            sizes[i] = max(sizes[i], width(cell))
    numeric = [bool(cells) and all(_is_number(row[i]) for row in cells if row[i]) for i in range(len(heads))]
    lines = ["  ".join(_pad(h, sizes[i], numeric[i]) for i, h in enumerate(heads)).rstrip(),
             "  ".join("-" * s for s in sizes)]
    for row in cells:
        lines.append("  ".join(_pad(c, sizes[i], numeric[i]) for i, c in enumerate(row)).rstrip())
    return "\n".join(lines) + "\n"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
