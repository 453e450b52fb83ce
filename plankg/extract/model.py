"""Typed data that flows through the pipeline: read → structure → extract → link.

Offsets are always character offsets into ``Document.text`` (the clean text);
``Document.source_span`` maps them back to the decoded source file.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..errors import PlanError  # noqa: F401 - re-exported: every stage's error

EntityType = Literal["institution", "market", "product", "place", "benchmark", "programme"]
ENTITY_TYPES: tuple[EntityType, ...] = (
    "institution", "market", "product", "place", "benchmark", "programme",
)


def entity_type(value: str) -> EntityType:
    """``value`` as an ``EntityType``: the type names in data files and votes are plain strings;
    a ValueError if ``value`` is not one of ``ENTITY_TYPES``."""
    if value not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {value!r}; expected one of {', '.join(ENTITY_TYPES)}")
    return value

UnitKind = Literal["part", "section", "task", "column", "item", "goal", "principle"]


@dataclass(frozen=True)
class Paragraph:
    """One block of text, as the source lays it out, at ``text[start:end]``."""

    start: int
    end: int
    text: str
    # Block-level hints from the source markup (e.g. "center", "strong", "heading"), and the
    # reader's "title" and "addressee".
    hints: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    issued: str | None = None  # ISO date, yyyy-mm-dd
    publisher: str | None = None  # every issuer, joined with 、 (中共中央、国务院)
    author: str | None = None  # the post's author, for news posts
    document_number: str | None = None  # e.g. 国发〔2018〕38号
    addressee: str | None = None
    format: str = "text"  # news-post | govcn-html | html | markdown | text | docx | pdf
    encoding: str = "utf-8"

    @property
    def publishers(self) -> tuple[str, ...]:
        """Each issuing body on its own: a joint document has several."""
        return tuple(p for p in (self.publisher or "").split("、") if p)


@dataclass
class Document:
    """A read document.

    ``text`` holds every paragraph (lead, title and body) joined with "\\n".
    ``raw[raw_starts[i]:raw_ends[i]]`` is what ``text[i]`` was read from (one
    character, or an HTML entity such as ``&nbsp;``); a joining "\\n" maps to an
    empty span at the paragraph boundary.
    """

    source: str
    raw: str
    text: str
    raw_starts: Sequence[int]
    raw_ends: Sequence[int]
    metadata: Metadata
    lead: list[Paragraph] = field(default_factory=list)  # news lead, not the plan
    title: Paragraph | None = None  # the plan's own title line, if found
    body: list[Paragraph] = field(default_factory=list)  # the plan itself
    warnings: list[str] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``raw`` that ``text[start:end]`` was read from."""
        if end <= start:
            return self.raw_starts[start], self.raw_starts[start]
        return self.raw_starts[start], self.raw_ends[end - 1]


@dataclass
class Unit:
    """A structural unit of a plan: part, section, task, column, item, goal or principle.

    ``start``/``end`` span the unit in ``Document.text`` with everything nested in
    it. ``text`` is that whole span for tasks, columns and smaller units (a task's
    items are part of its text); a part or section keeps only its own text, its
    heading and the paragraphs before its first child unit. ``key`` is a readable
    local path ("part-3/section-1/task-12") unique within the document.
    """

    kind: UnitKind
    key: str
    number: int | None
    title: str
    start: int
    end: int
    text: str
    parent: str | None = None  # key of the parent unit; None for top level
    order: int = 0  # position in document order
    label: str | None = None  # the numbering as written where it is not a plain number ("2.1.3")

    @property
    def notation(self) -> str:
        """The unit's number as ``skos:notation`` holds it: "12", or a decimal label "2.1.3"."""
        return self.label or str(self.number)


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named entity at ``Document.text[start:end]``."""

    start: int
    end: int
    surface: str
    type: EntityType
    rule: str  # lexicon | head | acronym | quoted | alias | enumeration | duty | jieba | model
    entity: str = ""  # canonical key of the entity, filled by linking
    unit: str | None = None  # key of the innermost unit, filled by linking


@dataclass
class Entity:
    """One real-world thing named in the text, after resolving its names."""

    key: str  # canonical name (zh), unique per entity
    type: EntityType
    pref_label: str
    slug: str  # IRI local name
    alt_labels: dict[str, str] = field(default_factory=dict)  # label -> language tag
    from_lexicon: bool = False
    # The alt labels only this document's text gives (defined aliases, acronyms, short forms the
    # lexicon does not list): a graph of several plans keeps them in the plan's own named graph.
    local_labels: tuple[str, ...] = ()
