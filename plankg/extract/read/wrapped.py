"""Plain text wrapped at a fixed width (text copied out of a PDF, a terminal or an e-mail): its
lines joined back into paragraphs.

A text is wrapped when many of its lines are full: at least ``_MIN_FULL`` lines, and a share
``_MIN_SHARE`` of its lines, are within a slack of the most common length of its long lines,
counted in characters (每行N字) or in display columns (a character out of ASCII two, as a fixed-width
layout sets it; a line with digits or Latin words holds more characters). A full line is
continued by the next one unless it ends a sentence or clause (``PARAGRAPH_END``) or the next
line is indented, blank or opens a numbered unit (一、 （一） 第三条 …), as the PDF reader
rebuilds paragraphs, and the lines so joined read as a paragraph (they end a sentence or clause,
or hold a clause mark). A paragraph-per-line text has lines of every length and is read as it was.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from plankg.cjk import CLAUSE_ENDS, LIST_MARK

from .config import PARAGRAPH_END, STRIP, config
from .runs import Run

# A wrap width is counted in characters (每行N字) or in display columns (a wide character two);
# a full line is within the slack of one of them: a Latin word or a wide character left over.
_MEASURES = ((15, 1), (30, 3))  # (shortest line that sets the width, slack), chars then columns
# What a paragraph joined from wrapped lines ends with: a sentence's or clause's end, or the
# bracket or quote that closes one (…（发展改革委负责）, …。”).
_ENDS = (*PARAGRAPH_END, "）", ")", "”", "’", "」", "』")
_CLAUSE_MARKS = CLAUSE_ENDS + "。" + LIST_MARK  # a paragraph has them; a list of names has none
_MIN_FULL = 8
_MIN_SHARE = 0.35


@dataclass
class Line:
    """One source line of a plain text: its characters (an indent of two or more spaces left out;
    a single space kept, as it may separate words across the wrap: 第八条 | 　从…), whether it
    was indented, and its length with its indent in characters and in display columns."""

    run: Run
    indented: bool
    size: tuple[int, int]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width layout: one for an ASCII character, two for any
    other (Chinese characters and full-width marks are wide; the few narrow ones out of ASCII
    are rare in Chinese documents)."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def wrap_widths(sizes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The width the lines were wrapped at, in characters and in columns (the most common length
    of the long lines by each measure), or None when the lines were not wrapped."""
    widths = []
    for k, (shortest, _) in enumerate(_MEASURES):
        long = [size[k] for size in sizes if size[k] >= shortest]
        if not long:
            return None
        widths.append(max(Counter(long).items(), key=lambda pair: (pair[1], pair[0]))[0])
    width = (widths[0], widths[1])
    full = sum(_is_full(size, width) for size in sizes)
    return width if full >= _MIN_FULL and full >= _MIN_SHARE * len(sizes) else None


def _is_full(size: tuple[int, int], width: tuple[int, int]) -> bool:
    return any(w - slack <= n <= w for n, w, (_, slack) in zip(size, width, _MEASURES, strict=True))


def rejoin(lines: list[Line]) -> list[Run]:
    """The paragraphs of ``lines``: wrapped lines joined (see the module docstring). Lines that
    would join into no paragraph stay lines: a list of names of like length (…试验区, …试验区)."""
    width = wrap_widths([line.size for line in lines if line.run.chars])
    if width is None:
        return [line.run.strip() for line in lines]
    numbering = config().numbering
    paragraphs: list[list[Run]] = []
    continues = False
    for line in lines:
        text = line.run.text.strip(STRIP)
        if continues and text and not line.indented and not numbering.match(text):
            paragraphs[-1].append(line.run)
        else:
            paragraphs.append([line.run])
        continues = _is_full(line.size, width) and not text.endswith(PARAGRAPH_END)
    return [run.strip() for pieces in paragraphs for run in _joined(pieces)]


def _joined(pieces: list[Run]) -> list[Run]:
    """One run of ``pieces`` if together they read as a paragraph — they end a sentence or clause
    (``_ENDS``) or hold a clause mark — else each on its own (a list of names holds none)."""
    text = "".join(p.text for p in pieces).rstrip(STRIP)
    if len(pieces) == 1 or not (text.endswith(_ENDS) or any(mark in text for mark in _CLAUSE_MARKS)):
        return pieces
    joined = pieces[0].slice(0, len(pieces[0].chars))
    for piece in pieces[1:]:
        joined.extend(piece)
    return [joined]
