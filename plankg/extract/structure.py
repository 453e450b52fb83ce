"""Structure stage: parts, sections, tasks, columns, items, goals and principles.

Blocks are found first: every body paragraph, split again where a numbering
marker continues the document's sequence (run-on text has no line breaks).
Then the blocks are nested into units by rank.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .model import Document, PlanError, Unit

_RANK = {"part": 1, "section": 2, "task": 3, "column": 3, "item": 4, "goal": 4, "principle": 4}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SENTENCE_END = "。！？!?"
_LEVEL_NAMES = {"part": "parts 一、", "section": "sections （一）", "arabic": "items 1．", "column": "专栏 columns"}
# Levels whose numbering may start again at 1 after a marker of the key level.
_RESTARTS_BELOW = {"part": ("section", "arabic", "column"), "section": ("arabic",)}


@dataclass(frozen=True)
class _Rules:
    markers: dict[str, re.Pattern[str]]
    scanner: re.Pattern[str]
    inline_boundary: str
    inline_anywhere: frozenset[str]
    list_boundary: str
    heading_words: re.Pattern[str]
    goal: re.Pattern[str]
    principle: re.Pattern[str]
    guidance: re.Pattern[str]
    principle_lead: str
    max_title: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = yaml.safe_load(resources.files("plankg.extract").joinpath("data/structure.yaml").read_text("utf-8"))
    markers = {level: re.compile(pattern) for level, pattern in data["markers"].items()}
    scanner = re.compile("|".join(
        f"(?P<{level}>{pattern.replace('(?P<num>', f'(?P<{level}_num>')})"
        for level, pattern in data["markers"].items() if level != "ordinal"
    ))
    return _Rules(
        markers=markers,
        scanner=scanner,
        inline_boundary=data["inline_boundary"],
        inline_anywhere=frozenset(data["inline_anywhere"]),
        list_boundary=data["list_boundary"],
        heading_words=re.compile("(?:%s)" % "|".join(
            re.escape(w) for w in sorted(data["heading_words"], key=len, reverse=True))),
        goal=re.compile(data["goal_heading"]),
        principle=re.compile(data["principle_heading"]),
        guidance=re.compile(data["guidance_heading"]),
        principle_lead=data["principle_lead"],
        max_title=int(data["max_title_chars"]),
    )


def to_number(numeral: str) -> int:
    """12, "１２", "十二" or "五十三" as an int."""
    numeral = numeral.strip()
    if numeral.isdigit():
        return int("".join(str(int(c)) for c in numeral))  # int() of full-width digits works per char
    if "十" not in numeral:
        return _CN_DIGITS[numeral]
    tens, _, units = numeral.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


@dataclass
class _Block:
    start: int
    end: int
    level: str | None  # part | section | arabic | column | ordinal | dash | None (plain)
    number: int | None
    body_start: int  # where the text after the marker starts
    at_paragraph_start: bool = True
    continues_list: bool = False  # an inline 二是/三是 after a paragraph that opens with 一是


@dataclass
class _Numbering:
    """The last number seen at each level, and the levels a heading lets restart at 1."""

    last: dict[str, int] = field(default_factory=dict)
    restartable: set[str] = field(default_factory=set)

    def continues(self, level: str, number: int) -> bool:
        """Does ``number`` continue the sequence of ``level`` (or restart it where allowed)?"""
        if number == self.last.get(level, 0) + 1:
            return True
        return number == 1 and (level not in self.last or level in self.restartable)

    def record(self, level: str, number: int) -> None:
        self.last[level] = number
        self.restartable.discard(level)
        # Numbering below a new heading may restart at 1 (or run on across headings).
        self.restartable.update(_RESTARTS_BELOW.get(level, ()))


@dataclass
class Structure:
    units: list[Unit]
    warnings: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Unit]:
        return [u for u in self.units if u.kind == kind]


def find_structure(doc: Document) -> Structure:
    """Nest the document body into units; raise PlanError when there is no structure at all."""
    warnings: list[str] = []
    blocks = _blocks(doc, warnings)
    guidance = _guidance_flags(doc.text, blocks)
    measures_are_sections = _measures_are_sections(blocks, guidance)
    units = _nest(doc.text, blocks, guidance, measures_are_sections, warnings)
    if not units:
        raise PlanError(f"{doc.source}: no recognisable structure (no numbered parts, sections or items)")
    return Structure(units=units, warnings=warnings)


# --- blocks -------------------------------------------------------------------------------

def _blocks(doc: Document, warnings: list[str]) -> list[_Block]:
    rules = _rules()
    numbering = _Numbering()
    blocks: list[_Block] = []
    for para in doc.body:
        first = _marker_at(doc.text, para.start, para.end, rules, numbering, warnings)
        cuts = [first]
        for match in rules.scanner.finditer(doc.text, para.start + 1, para.end):
            block = _inline_marker(doc.text, match, rules, numbering)
            if block is not None:
                cuts.append(block)
        if first.level == "ordinal":
            cuts.extend(_inline_ordinals(doc.text, first, para.end, rules))
            cuts.sort(key=lambda b: b.start)
        for block, following in zip(cuts, cuts[1:] + [None]):
            block.end = following.start if following else para.end
            blocks.append(block)
    return blocks


def _marker_at(text: str, start: int, end: int, rules: _Rules, numbering: _Numbering,
               warnings: list[str]) -> _Block:
    for level in ("column", "part", "section", "arabic", "ordinal", "dash"):
        match = rules.markers[level].match(text, start, end)
        if match is None:
            continue
        number = to_number(match.group("num")) if "num" in match.groupdict() else None
        if number is not None and level in ("part", "section", "arabic", "column"):
            last = numbering.last.get(level, 0)
            # At a paragraph start any list may begin again at 1; a repeated number is
            # reported later as a duplicate unit.
            if number not in (last + 1, 1, last):
                snippet = text[start:min(end, start + 16)]
                warnings.append(f"numbering of {_LEVEL_NAMES[level]} jumps from {last} to {number} "
                                f"at character {start} ({snippet}…)")
            numbering.record(level, number)
        return _Block(start, end, level, number, _skip_space(text, match.end(), end))
    return _Block(start, end, None, None, start)


def _inline_marker(text: str, match: re.Match[str], rules: _Rules, numbering: _Numbering) -> _Block | None:
    level = match.lastgroup
    assert level is not None
    before = text[match.start() - 1]
    if before not in rules.inline_boundary and level not in rules.inline_anywhere:
        return None
    if before.isdigit() or before in "第第零一二三四五六七八九十":
        return None
    number = None
    if level != "dash":
        number = to_number(match.group(f"{level}_num"))
        if not numbering.continues(level, number):
            return None
        numbering.record(level, number)
    elif before not in rules.inline_boundary:
        return None
    return _Block(match.start(), match.end(), level, number, match.end(), at_paragraph_start=False)


def _inline_ordinals(text: str, first: _Block, end: int, rules: _Rules) -> list[_Block]:
    """二是, 三是 … inside a paragraph that opens with 一是: the list runs on in one paragraph."""
    found, expected = [], (first.number or 0) + 1
    for match in rules.markers["ordinal"].finditer(text, first.body_start, end):
        if text[match.start() - 1] not in rules.list_boundary:
            continue
        number = to_number(match.group("num"))
        if number != expected:
            continue
        found.append(_Block(match.start(), end, "ordinal", number, match.end(),
                            at_paragraph_start=False, continues_list=True))
        expected += 1
    return found


def _skip_space(text: str, at: int, end: int) -> int:
    while at < end and text[at] in " \t　":
        at += 1
    return at


# --- deciding which level holds the measures -----------------------------------------------

def _measures_are_sections(blocks: list[_Block], guidance: list[bool]) -> bool:
    """True when （一）-numbered items are the measures (State Council style) rather than sections."""
    arabic = sum(1 for b in blocks if b.level == "arabic")
    measures = sum(1 for b, g in zip(blocks, guidance) if b.level == "section" and not g)
    return measures > arabic


def _guidance_flags(text: str, blocks: list[_Block]) -> list[bool]:
    """For each block: is it, or the part it stands in, a guidance heading (指导思想, 基本原则 …)?"""
    guidance = _rules().guidance
    in_guidance_part = False
    flags = []
    for block in blocks:
        own = block.level in ("part", "section") and bool(guidance.search(_heading_text(text, block)))
        if block.level == "part":
            in_guidance_part = own
        flags.append(own or in_guidance_part)
    return flags


def _heading_text(text: str, block: _Block) -> str:
    rules = _rules()
    title = title_of(text[block.body_start:block.end], rules.max_title)
    if block.level in ("part", "section") and not block.at_paragraph_start and "，" in title:
        # run-on text: a heading that runs straight into a body sentence
        word = rules.heading_words.match(title)
        if word:
            return word.group()
    return title


def title_of(text: str, limit: int) -> str:
    """The first sentence, without its end mark; a short heading line is its own title."""
    line = text.split("\n", 1)[0].strip()
    cut = min((i for i in (line.find(ch) for ch in _SENTENCE_END) if i != -1), default=len(line))
    return line[:min(cut, limit)].strip().rstrip("：:；;，,")


# --- nesting -------------------------------------------------------------------------------

@dataclass
class _Open:
    unit: Unit
    rank: int
    counters: dict[str, int] = field(default_factory=dict)


def _nest(text: str, blocks: list[_Block], guidance: list[bool], measures_are_sections: bool,
          warnings: list[str]) -> list[Unit]:
    units: list[Unit] = []
    stack: list[_Open] = []
    keys: set[str] = set()
    for block, is_guidance in zip(blocks, guidance):
        kind = _kind_of(text, block, stack, measures_are_sections, is_guidance)
        if kind is None:
            continue
        rank = _RANK[kind]
        while stack and stack[-1].rank >= rank:
            _close(stack.pop(), block.start, text)
        parent = stack[-1] if stack else None
        number = block.number if block.number is not None else _next_count(parent, kind)
        key = _unique_key(f"{parent.unit.key + '/' if parent else ''}{kind}-{number}", keys, warnings)
        unit = Unit(kind=kind, key=key, number=number, title=_heading_text(text, block),
                    start=block.start, end=block.end, text="",
                    parent=parent.unit.key if parent else None, order=len(units))
        units.append(unit)
        stack.append(_Open(unit, rank))
        if kind == "principle" and block.level is None:
            _split_principles(text, unit, stack, units, keys, warnings)
        elif kind in ("part", "section") and _rules().principle.search(unit.title):
            _principles_in_heading(text, block, stack, units, keys, warnings)
    while stack:
        _close(stack.pop(), blocks[-1].end if blocks else 0, text)
    _fill_texts(text, units)
    return units


def _kind_of(text: str, block: _Block, stack: list[_Open], measures_are_sections: bool,
             is_guidance: bool) -> str | None:
    level = block.level
    if level == "part":
        return "part"
    if level == "column":
        return "column"
    if level == "section":
        return "task" if measures_are_sections and not is_guidance else "section"
    if level == "arabic":
        return "item" if measures_are_sections else "task"
    if level == "ordinal":
        listed = block.at_paragraph_start or block.continues_list
        return "item" if listed and _in_item_container(stack) else None
    heading = _list_heading(stack)
    if heading is None:
        return None
    rules = _rules()
    if level == "dash":
        if rules.goal.search(heading.title):
            return "goal"
        if rules.principle.search(heading.title):
            return "principle"
        return None
    if rules.principle.search(heading.title) and text.startswith(rules.principle_lead, block.start):
        return "principle"
    return None


def _in_item_container(stack: list[_Open]) -> bool:
    """一是/二是 paragraphs are items inside a column or a task (not in a part's narrative)."""
    return bool(stack) and stack[-1].unit.kind in ("column", "task", "item")


def _list_heading(stack: list[_Open]) -> Unit | None:
    """The section or part whose title says its items are goals or principles."""
    for opened in reversed(stack):
        if opened.unit.kind in ("section", "part"):
            return opened.unit
        if opened.unit.kind in ("task", "column"):
            return None
    return None


def _next_count(parent: _Open | None, kind: str) -> int:
    if parent is None:
        return 1
    parent.counters[kind] = parent.counters.get(kind, 0) + 1
    return parent.counters[kind]


def _unique_key(key: str, keys: set[str], warnings: list[str]) -> str:
    if key in keys:
        n = 2
        while f"{key}-{n}" in keys:
            n += 1
        warnings.append(f"duplicate unit number {key}; kept as {key}-{n}")
        key = f"{key}-{n}"
    keys.add(key)
    return key


def _close(opened: _Open, end: int, text: str) -> None:
    unit = opened.unit
    unit.end = max(unit.end, _trim_end(text, unit.start, end))


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in "\n 　\t":
        end -= 1
    return end


def _split_principles(text: str, unit: Unit, stack: list[_Open], units: list[Unit],
                      keys: set[str], warnings: list[str]) -> None:
    """A paragraph of 坚持… sentences holds one principle per sentence."""
    lead = _rules().principle_lead
    starts = [m.start() for m in re.finditer(lead, text[unit.start:unit.end])
              if m.start() == 0 or text[unit.start + m.start() - 1] in _SENTENCE_END]
    if len(starts) < 2:
        return
    stack.pop()
    units.pop()
    keys.discard(unit.key)
    parent = stack[-1] if stack else None
    bounds = [unit.start + s for s in starts] + [unit.end]
    for begin, end in zip(bounds, bounds[1:]):
        number = _next_count(parent, "principle")
        key = _unique_key(f"{parent.unit.key + '/' if parent else ''}principle-{number}", keys, warnings)
        piece = Unit(kind="principle", key=key, number=number,
                     title=title_of(text[begin:end], _rules().max_title),
                     start=begin, end=_trim_end(text, begin, end), text="",
                     parent=parent.unit.key if parent else None, order=len(units))
        units.append(piece)
    stack.append(_Open(units[-1], _RANK["principle"]))


def _principles_in_heading(text: str, block: _Block, stack: list[_Open], units: list[Unit],
                           keys: set[str], warnings: list[str]) -> None:
    """（二）基本原则。坚持…。坚持…。 — principles that run on after their heading."""
    lead = _rules().principle_lead
    starts = [m.start() for m in re.finditer(lead, text[block.body_start:block.end])
              if m.start() > 0 and text[block.body_start + m.start() - 1] in _SENTENCE_END]
    if not starts:
        return
    parent = stack[-1]
    bounds = [block.body_start + s for s in starts] + [_trim_end(text, block.start, block.end)]
    for begin, end in zip(bounds, bounds[1:]):
        number = _next_count(parent, "principle")
        key = _unique_key(f"{parent.unit.key}/principle-{number}", keys, warnings)
        units.append(Unit(kind="principle", key=key, number=number,
                          title=title_of(text[begin:end], _rules().max_title),
                          start=begin, end=_trim_end(text, begin, end), text="",
                          parent=parent.unit.key, order=len(units)))
    stack.append(_Open(units[-1], _RANK["principle"]))


def _fill_texts(text: str, units: list[Unit]) -> None:
    """Parts and sections keep their own text (up to their first child); the rest their full text."""
    first_child: dict[str, int] = {}
    for unit in units:
        if unit.parent is not None and unit.parent not in first_child:
            first_child[unit.parent] = unit.start
    for unit in units:
        end = unit.end
        if unit.kind in ("part", "section") and unit.key in first_child:
            end = _trim_end(text, unit.start, first_child[unit.key])
        unit.text = text[unit.start:end]
