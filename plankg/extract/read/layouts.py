"""Which layout a text has — ``news-post`` (YAML front matter then HTML), HTML (``htmlpage``),
Markdown or plain text — and the paragraphs of plain text and Markdown (a paragraph per
line; run-on lines split at their "　　" indents; lines of plain text wrapped at a fixed width
joined back; Markdown markers removed, offsets kept)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

from plankg.datafiles import parse_yaml

from .config import STRIP
from .htmlpage import read_html
from .runs import Page, Run, split_runon, unwrap
from .wrapped import Line, display_width, rejoin

_LINE = re.compile(r"[^\r\n]+")


_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


_HTML_SNIFF = re.compile(
    r"<(?:!doctype|html|head|body|p|div|br|h[1-6]|table|td|li|span|strong|meta|title)\b",
    re.IGNORECASE,
)


_MD_SNIFF = re.compile(r"^ {0,3}#{1,6}[ \t]*[^#\s]", re.MULTILINE)


def parse_layout(raw: str) -> Page:
    """The layout of ``raw`` (after any YAML front matter) and its paragraphs."""
    front: dict[str, Any] = {}
    warnings: list[str] = []
    base = 0
    m = _FRONT_MATTER.match(raw)
    if m:
        try:
            loaded = parse_yaml(m.group(1))
        except yaml.YAMLError:
            loaded = None
            warnings.append("front matter is not valid YAML; ignored")
        if isinstance(loaded, dict) or loaded is None:
            front, base = loaded or {}, m.end()
    rest = raw[base:]
    if _HTML_SNIFF.search(rest):
        page = read_html(raw, base)
        if m and base:
            page.format = "news-post"
    elif _MD_SNIFF.search(rest):
        page = Page("markdown", _read_markdown(raw, base))
    else:
        page = Page("text", read_text(raw, base))
    page.front = {str(k).lower(): v for k, v in front.items()}
    page.warnings += warnings
    return page


def _source_lines(raw: str, base: int) -> Iterable[Run]:
    for m in _LINE.finditer(raw, base):
        yield Run.of_source(raw, m.start(), m.end())


def read_text(raw: str, base: int) -> list[Run]:
    """A paragraph per non-empty line; run-on lines split at "　　" indents; lines wrapped at a
    fixed width joined back into paragraphs (``wrapped``)."""
    lines = []
    for line in _source_lines(raw, base):
        line = line.without_controls()
        whole = line.text
        text = whole.rstrip(STRIP)
        indent = len(text) - len(text.lstrip(STRIP))
        pieces = split_runon(line.slice(0 if indent < 2 else indent, len(whole.rstrip(" \t"))))
        size = (len(text), display_width(text)) if len(pieces) == 1 else (0, 0)
        for k, piece in enumerate(pieces):
            lines.append(Line(piece, indent >= 2 or k > 0, size))
    return rejoin(lines)


_MD_RULE = re.compile(r"^ {0,3}(?:([-*_])[ \t]*){3,}$|^ {0,3}(?:`{3,}|~{3,})")


_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$")


_MD_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+)?")


_MD_WHOLE_STRONG = re.compile(r"^(\*\*|__)(?!\s).+(?<!\s)\1$")


_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), 0),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), 1),  # links: keep the text
    (re.compile(r"(\*\*|__)(?!\s)(.+?)(?<!\s)\1"), 2),  # strong
    (re.compile(r"(?<!\*)\*(?![\s*])(.+?)(?<![\s*])\*(?!\*)"), 1),  # emphasis
    (re.compile(r"`([^`]+)`"), 1),  # code
)


def _read_markdown(raw: str, base: int) -> list[Run]:
    """Like text, with heading/list/emphasis markers removed (offsets kept)."""
    runs = []
    for line in _source_lines(raw, base):
        text = line.text
        if _MD_RULE.match(text):
            continue
        m = _MD_HEADING.match(text)
        if m:
            line = line.slice(m.start(2), m.end(2))
            line.hints |= {"heading", f"h{len(m.group(1))}"}
        else:
            prefix = _MD_PREFIX.match(text)  # all optional: it always matches
            line = line.slice(prefix.end() if prefix else 0, len(line.chars))
        line = line.without_controls().strip()
        if _MD_WHOLE_STRONG.match(line.text):
            line.hints.add("strong")
        for pattern, group in _MD_INLINE:
            line = unwrap(line, pattern, group)
        for piece in split_runon(line.strip()):
            runs.append(piece.strip())
    return runs
