"""Paragraphs as characters with the source span of each (``Run``: every edit keeps the map
back to the decoded source), and what a layout reader found on a page (``Page``)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .config import STRIP
from .files import CONTROLS

# A run-on line marks paragraphs with two or more ideographic spaces.
_RUNON_INDENT = re.compile("\u3000{2,}")


@dataclass
class Run:
    """Characters of one paragraph with the source span of each."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    hints: set[str] = field(default_factory=set)
    inside: bool = True  # inside the content container (gov.cn pages)

    @classmethod
    def of_source(cls, raw: str, start: int, end: int) -> Run:
        return cls(list(raw[start:end]), list(range(start, end)), list(range(start + 1, end + 1)))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def extend(self, other: Run) -> None:
        self.chars += other.chars
        self.starts += other.starts
        self.ends += other.ends
        self.hints |= other.hints

    def slice(self, i: int, j: int) -> Run:
        return Run(self.chars[i:j], self.starts[i:j], self.ends[i:j], set(self.hints), self.inside)

    def select(self, keep: Iterable[bool]) -> Run:
        kept = [k for k, flag in enumerate(keep) if flag]
        return Run([self.chars[k] for k in kept], [self.starts[k] for k in kept], [self.ends[k] for k in kept],
                   set(self.hints), self.inside)

    def strip(self) -> Run:
        i, j = 0, len(self.chars)
        while i < j and self.chars[i] in STRIP:
            i += 1
        while j > i and self.chars[j - 1] in STRIP:
            j -= 1
        return self.slice(i, j)

    def without_controls(self) -> Run:
        if CONTROLS.isdisjoint(self.chars):
            return self.slice(0, len(self.chars))
        return self.select(ch not in CONTROLS for ch in self.chars)


def unwrap(run: Run, pattern: re.Pattern[str], group: int = 1) -> Run:
    """Delete every match of ``pattern`` except its ``group`` (0: delete all)."""
    keep = [True] * len(run.chars)
    for m in pattern.finditer(run.text):
        keep[m.start():m.end()] = [False] * (m.end() - m.start())
        if group and m.start(group) >= 0:
            keep[m.start(group):m.end(group)] = [True] * (m.end(group) - m.start(group))
    return run.select(keep)


def split_runon(run: Run) -> list[Run]:
    """Split a line at interior runs of "　　" (paragraph indents of run-on text)."""
    pieces, last = [], 0
    for m in _RUNON_INDENT.finditer(run.text):
        pieces.append(run.slice(last, m.start()))
        last = m.end()
    pieces.append(run.slice(last, len(run.chars)))
    return pieces


@dataclass
class Page:
    """What a layout reader found: paragraphs in order plus page-level metadata."""

    format: str
    runs: list[Run]
    front: dict[str, Any] = field(default_factory=dict)
    html_title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # field -> value
    warnings: list[str] = field(default_factory=list)
