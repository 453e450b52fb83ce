"""Structure stage: parts, sections, tasks, columns, items, goals and principles.

Blocks are found first: every body paragraph, split again where a numbering
marker continues the document's sequence (run-on text has no line breaks).
Then the blocks are nested into units by rank.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from ..cjk import (
    CLAUSE_ENDS,
    CLAUSE_ENDS_HALF,
    LABEL_NUMERALS,
    OPENING_BRACKETS,
    SENTENCE_ENDS,
    SENTENCE_ENDS_HALF,
    cn_int,
)
from ..datafiles import data_yaml
from ..patterns import alternation
from .model import Document, Paragraph, PlanError, Unit, UnitKind

_RANK = {"part": 1, "section": 2, "task": 3, "column": 3, "item": 4, "goal": 4, "principle": 4}
# A box printed inside a task numbered as a heading (第一节 …) belongs to that task, above its points.
_BOX_IN_TASK = 3.5
_ANNEX_ITEMS_PER_MEASURE = 2  # an attached list at most this many times the text's measures restates them
_HEADING_TASK_LEVELS = frozenset({"chapter", "subchapter"})
_SENTENCE_END = SENTENCE_ENDS + SENTENCE_ENDS_HALF
_LEVEL_NAMES = {"part": "parts 一、", "section": "sections （一）", "arabic": "items 1．", "column": "专栏 columns",
                "chapter": "chapters 第一章", "subchapter": "sections 第一节", "article": "articles 第一条"}
# Levels whose numbering may start again at 1 after a marker of the key level.
_RESTARTS_BELOW = {
    "chapter": ("subchapter", "part", "section", "arabic", "column"),
    "subchapter": ("part", "section", "arabic"),
    "part": ("section", "arabic", "column"),
    "section": ("arabic",),
    "article": ("part", "section", "arabic"),
    "column": ("part", "section", "arabic"),
}
# Depth of each numbering level in a document's outline (decimal numbering adds its own depth).
_DEPTH = {"chapter": 1, "subchapter": 2, "part": 3, "section": 4, "arabic": 5, "decimal": 6,
          "article": 20, "row": 20}
# Levels whose items may be guidance headings (指导思想, 基本原则 …); numbered points never are.
_HEADING_LEVELS = frozenset({"chapter", "subchapter", "part", "section", "decimal"})
# A heading that runs straight into the next chapter's marker is a line of a run-on contents page.
_CONTENTS_RUN = re.compile(f"第[{LABEL_NUMERALS}百零〇]{{1,4}}[章节]")
# The number and short title of a table row, at the end of a paragraph of flattened table text.
_ROW_TAIL = re.compile(r"(?P<num>[0-9]{1,3})(?=[^0-9。；！？\n]{2,60}$)", re.MULTILINE)
# Clause punctuation never stands between a table's run-on header cells and its first row (a part
# marker 一、 may).
_CLAUSE_MARK = re.compile(f"[{CLAUSE_ENDS}。{CLAUSE_ENDS_HALF}]")
# The order in which a paragraph's opening is tried against the markers.
_MARKER_ORDER = ("column", "chapter", "subchapter", "article", "part", "section", "decimal", "arabic",
                 "ordinal", "dash")


@dataclass(frozen=True)
class _Rules:
    markers: dict[str, re.Pattern[str]]
    scanner: re.Pattern[str]
    inline_boundary: str
    inline_anywhere: frozenset[str]
    inline_spaced: frozenset[str]
    list_boundary: str
    heading_words: re.Pattern[str]
    heading_before: re.Pattern[str]  # a usual heading right after its marker, ending where a marker starts
    heading_reach: int
    part_heading_before: re.Pattern[str]  # any part's heading right before an item run onto it
    part_heading_reach: int
    restart_reach: int
    row_inline: re.Pattern[str]
    row_header_reach: int
    goal: re.Pattern[str]
    principle: re.Pattern[str]
    guidance: re.Pattern[str]
    cases: re.Pattern[str]
    commendation: re.Pattern[str]
    guidance_suffix: re.Pattern[str]
    principle_lead: str
    max_title: int
    inline_not_after: str
    annex: re.Pattern[str]
    annex_run_on: re.Pattern[str]
    annex_list: re.Pattern[str]
    annex_of_names: re.Pattern[str]
    annex_of_items: re.Pattern[str]
    row_header: frozenset[str]
    row_cells: re.Pattern[str]
    decimal_heading: re.Pattern[str]
    decimal_heading_max: int
    parents_of_sub_measures: int
    leaf_share: int
    parents_of_measures: int
    points_per_measure: int
    defined_term: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = data_yaml("plankg.extract", "data/structure.yaml")
    markers = {level: re.compile(pattern) for level, pattern in data["markers"].items()}
    scanner = re.compile("|".join(
        f"(?P<{level}>{pattern.replace('(?P<num>', f'(?P<{level}_num>')})"
        for level, pattern in data["markers"].items() if level not in data["paragraph_only"]
    ))
    headings = alternation(data["heading_words"])
    return _Rules(
        markers=markers,
        scanner=scanner,
        inline_boundary=data["inline_boundary"],
        inline_anywhere=frozenset(data["inline_anywhere"]),
        inline_spaced=frozenset(data["inline_spaced"]),
        list_boundary=data["list_boundary"],
        heading_words=re.compile(f"(?:{headings})"),
        heading_before=re.compile(data["heading_before"].replace("HEADINGS", headings)),
        heading_reach=int(data["heading_reach"]),
        part_heading_before=re.compile(data["part_heading_before"]),
        part_heading_reach=int(data["part_heading_reach"]),
        restart_reach=int(data["restart_reach"]),
        row_inline=re.compile(data["row_inline"]),
        row_header_reach=int(data["row_header_reach"]),
        goal=re.compile(data["goal_heading"]),
        principle=re.compile(data["principle_heading"]),
        guidance=re.compile(data["guidance_heading"]),
        cases=re.compile(data["cases_lead"]),
        commendation=re.compile(data["commendation_title"]),
        guidance_suffix=re.compile(f"(?:{data['guidance_ending']})$"),
        principle_lead=data["principle_lead"],
        max_title=int(data["max_title_chars"]),
        inline_not_after=data["inline_not_after"],
        annex=re.compile(data["annex"]),
        annex_run_on=re.compile(data["annex_run_on"]),
        annex_list=re.compile(data["annex_list"]),
        annex_of_names=re.compile(data["annex_of_names"]),
        annex_of_items=re.compile(data["annex_of_items"]),
        row_header=frozenset(data["row_header"]),
        row_cells=re.compile(data["row_cells"]),
        decimal_heading=re.compile(data["decimal_heading"]),
        decimal_heading_max=int(data["decimal_heading_max"]),
        parents_of_sub_measures=int(data["parents_of_sub_measures"]),
        leaf_share=int(data["leaf_share"]),
        parents_of_measures=int(data["parents_of_measures"]),
        points_per_measure=int(data["points_per_measure"]),
        defined_term=re.compile(data["defined_term"]),
    )


def to_number(numeral: str) -> int:
    """12, "１２", "十二", "一百零五" or a decimal label's last part ("2.1.3" → 3) as an int."""
    last = re.split("[.．]", numeral.strip())[-1]
    number = cn_int(last)
    if number is None:
        raise ValueError(f"not a numeral: {numeral!r}")
    return number


# A block's unit kind and its nesting rank (smaller ranks hold larger ones).
_Placement = tuple[UnitKind, int]


@dataclass
class _Block:
    start: int
    end: int
    level: str | None  # part | section | arabic | column | ordinal | dash | None (plain)
    number: int | None
    body_start: int  # where the text after the marker starts
    at_paragraph_start: bool = True
    continues_list: bool = False  # an inline 二是/三是 after a paragraph that opens with 一是
    label: str | None = None  # the numbering as written where it is not a plain number ("2.1.3")

    @property
    def depth(self) -> int:
        """How deep this block's numbering sits in the outline (0: not an outline level)."""
        if self.level == "decimal" and self.label:
            return _DEPTH["decimal"] + self.label.count(".")
        return _DEPTH.get(self.level or "", 0)


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
    blocks = _without_contents(doc.text, _blocks(doc, warnings))
    guidance = _guidance_flags(doc.text, blocks)
    outline = _outline_kinds(doc.text, blocks, guidance, commends=_commends(doc))
    units = _nest(doc.text, blocks, outline, warnings)
    if not units:
        warnings.append("no numbered parts, sections or items: each paragraph is a unit, and there are no tasks")
        units = _paragraph_units(doc)
    if not units:
        raise PlanError(f"{doc.source}: no body text to build a plan from")
    return Structure(units=units, warnings=warnings)


# --- blocks -------------------------------------------------------------------------------

def _blocks(doc: Document, warnings: list[str]) -> list[_Block]:
    rules = _rules()
    numbering = _Numbering()
    blocks: list[_Block] = []
    in_table = listing = False
    for start, end in _pieces(doc.text, doc.body, rules):
        if rules.annex.match(doc.text[start:end].strip()):
            numbering = _Numbering()  # an attachment numbers its items afresh
            in_table = listing = False
            blocks.append(_Block(start, end, "annex", None, start))
            continue
        # 附件：1．… 2．… names the attachments: its numbers are no outline of the text
        listing = bool(rules.annex_list.match(doc.text, start, end)) or (
            listing and bool(rules.markers["arabic"].match(doc.text, start, end)))
        if listing:
            blocks.append(_Block(start, end, None, None, start))
            continue
        header = None if in_table else _row_header_inside(doc.text, start, end, rules)
        in_table = in_table or doc.text[start:end].lstrip().startswith(tuple(rules.row_header))
        first = _marker_at(doc.text, start, end, rules, numbering, warnings, in_table)
        cuts = [first]
        if first.level not in ("row", "decimal"):
            for match in rules.scanner.finditer(doc.text, start + 1, end):
                block = _inline_marker(doc.text, match, rules, numbering)
                if block is not None:
                    cuts.append(block)
        if in_table and first.level != "row":
            cuts.extend(_glued_row(doc.text, start, end, numbering))
        elif header is not None:
            rows = _run_on_rows(doc.text, header, end, rules, numbering)
            cuts.extend(rows)
            in_table = bool(rows)
        if first.level == "ordinal":
            cuts.extend(_inline_ordinals(doc.text, first, end, rules))
        cuts.sort(key=lambda b: b.start)
        for block, following in zip(cuts, [*cuts[1:], None], strict=True):
            block.end = following.start if following else end
            blocks.append(block)
    return blocks


def _pieces(text: str, body: list[Paragraph], rules: _Rules) -> list[tuple[int, int]]:
    """The body paragraphs, each cut again where an attachment's heading runs on after a layout space.

    Text flattened from a page keeps a no-break or ideographic space where a line break was
    (``…不含本数。\u00a0附件2工作组职责``): the attachment starts there, not inside the paragraph.
    """
    pieces = []
    for para in body:
        start = para.start
        for match in rules.annex_run_on.finditer(text, start + 1, para.end):
            if text[start:match.start()].strip() and rules.annex.match(text[match.end():para.end]):
                pieces.append((start, _trim_end(text, start, match.start())))
                start = match.end()
        pieces.append((start, para.end))
    return pieces


def _marker_at(text: str, start: int, end: int, rules: _Rules, numbering: _Numbering,
               warnings: list[str], in_table: bool = False) -> _Block:
    cells = rules.row_cells.match(text, start, end) if in_table else None
    if cells:  # a 序号 cell alone, or with the row's other cells on the line (3\t稳定重点企业订单\t商务部)
        row = int(cells.group("num"))
        numbering.last["row"] = row
        return _Block(start, end, "row", row, cells.end())
    for level in _MARKER_ORDER:
        match = rules.markers[level].match(text, start, end)
        if match is None:
            continue
        if level == "decimal":
            label = re.sub("．", ".", match.group("num"))
            return _Block(start, end, level, to_number(label), _skip_space(text, match.end(), end), label=label)
        number = to_number(match.group("num")) if "num" in match.groupdict() else None
        if number is not None and level in _LEVEL_NAMES:
            last = numbering.last.get(level, 0)
            # At a paragraph start any list may begin again at 1; a repeated number is
            # reported later as a duplicate unit.
            if number not in (last + 1, 1, last):
                snippet = text[start:min(end, start + 16)]
                warnings.append(f"numbering of {_LEVEL_NAMES[level]} jumps from {last} to {number} "
                                f"at character {start} ({snippet}…)")
            numbering.record(level, number)
        return _Block(start, end, level, number, _skip_space(text, match.end(), end))
    heading = rules.decimal_heading.match(text, start, end)
    if heading and end - start <= rules.decimal_heading_max:
        label = heading.group("num")
        return _Block(start, end, "decimal", int(label), _skip_space(text, heading.end(), end), label=label)
    return _Block(start, end, None, None, start)


def _without_contents(text: str, blocks: list[_Block]) -> list[_Block]:
    """Drop a table of contents: bare outline headings that the body repeats later, in order."""
    seen: dict[tuple, int] = {}
    for k, block in enumerate(blocks):
        if block.depth:
            seen[_contents_key(text, block)] = k
    return [b for k, b in enumerate(blocks)
            if not (b.depth and _is_bare_heading(text, b)
                    and (seen.get(_contents_key(text, b), k) > k or _CONTENTS_RUN.search(_heading_text(text, b))))]


def _contents_key(text: str, block: _Block) -> tuple:
    """What a contents line and its heading in the body share (brackets may differ in width)."""
    heading = re.sub(r"\s+", "", unicodedata.normalize("NFKC", _heading_text(text, block)))
    return block.level, block.label or block.number, heading


def _glued_row(text: str, start: int, end: int, numbering: _Numbering) -> list[_Block]:
    """A table row whose 序号 and title were run onto the end of the previous row's text.

    Tables flattened to plain text read ``…上一行的内容。2“多规合一”改革`` with the row's own
    text in the next paragraph: the next row number followed by a short title ends the paragraph.
    """
    expected = numbering.last.get("row", 0) + 1
    for match in _ROW_TAIL.finditer(text, start, end):
        if int(match.group("num")) == expected and not text[match.start() - 1].isdigit():
            numbering.last["row"] = expected
            return [_Block(match.start(), end, "row", expected, match.end(), at_paragraph_start=False)]
    return []


def _row_header_inside(text: str, start: int, end: int, rules: _Rules) -> int | None:
    """Where a table's 序号 header cell stands inside a run-on paragraph, if it does."""
    found = [at for word in rules.row_header if (at := text.find(word, start + 1, end)) != -1]
    return min(found) if found else None


def _run_on_rows(text: str, header: int, end: int, rules: _Rules, numbering: _Numbering) -> list[_Block]:
    """The rows of a table run on into one paragraph after its header (序号改革举措…1知识产权…全国2省级…):
    each next row number in turn, standing before a cell's text and not a count (2个, 3项)."""
    rows: list[_Block] = []
    expected = numbering.last.get("row", 0) + 1
    for match in rules.row_inline.finditer(text, header, end):
        if not rows and (match.start() - header > rules.row_header_reach
                         or _CLAUSE_MARK.search(text, header, match.start())):
            return []  # 序号 or 编号 in a sentence (统一编号规则，…1小时), not a row of header cells
        if int(match.group("num")) == expected:
            rows.append(_Block(match.start(), end, "row", expected, match.end(), at_paragraph_start=False))
            numbering.last["row"] = expected
            expected += 1
    return rows


def _inline_marker(text: str, match: re.Match[str], rules: _Rules, numbering: _Numbering) -> _Block | None:
    level = match.lastgroup
    assert level is not None
    before = text[match.start() - 1]
    spaced = text[match.end():match.end() + 1].isspace()
    if match.group("nth") and not spaced:
        return None  # 按照本方案第二部分确定的任务: a reference; a heading run on has a space after it
    if before not in rules.inline_boundary and level not in rules.inline_anywhere \
            and not (spaced and level in rules.inline_spaced) \
            and not rules.heading_before.search(text, max(0, match.start() - rules.heading_reach), match.start()) \
            and not _item_after_part_heading(text, match, level, rules):
        return None
    if before.isdigit() or before in "第零" + LABEL_NUMERALS \
            or (before in rules.inline_not_after and text[match.start()] not in OPENING_BRACKETS
                and not text[match.start()].isdigit()):
        return None  # (a bracket or a digit makes no word with the character before it: 协同|（十三）, 协同|26．)
    number = None
    if level != "dash":
        number = to_number(match.group(f"{level}_num"))
        if not numbering.continues(level, number) and not _opens_outline_again(text, match.end(), level, number, rules):
            return None
        numbering.record(level, number)
    elif before not in rules.inline_boundary:
        return None
    return _Block(match.start(), match.end(), level, number, match.end(), at_paragraph_start=False)


def _item_after_part_heading(text: str, match: re.Match[str], level: str, rules: _Rules) -> bool:
    """Is this an item (1．, or 6． where the items run on through the parts) run onto its part's
    heading (二、深化收费模式改革，健全…机制|1．…)? Its number must still continue the list."""
    return level == "arabic" and rules.part_heading_before.search(
        text, max(0, match.start() - rules.part_heading_reach), match.start()) is not None


def _opens_outline_again(text: str, end: int, level: str, number: int | None, rules: _Rules) -> bool:
    """A 一、 (ending at ``end``) whose heading runs straight into a （一）: run-on text where a second
    document or part of one starts its numbering again (…特制定以下规定：一、关于财政税收（一）中央财政…)."""
    if level != "part" or number != 1:
        return False
    window = text[end:end + rules.restart_reach]
    section = rules.markers["section"].search(window)
    return section is not None and to_number(section.group("num")) == 1 \
        and not any(ch in window[:section.start()] for ch in _SENTENCE_END)


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

def _commends(doc: Document) -> bool:
    """Does the title say the document commends (给予表扬的通报, 关于表彰…的决定)?

    Its numbered items are then the commended practices, units or people: none is a measure.
    """
    return bool(_rules().commendation.search(doc.metadata.title or ""))


def _outline_kinds(text: str, blocks: list[_Block], guidance: list[bool],
                   commends: bool) -> list[_Placement | None]:
    """The unit kind of every outline block (chapters … articles, table rows); None for the rest.

    The measures (tasks) are the deepest numbered level that asks for action, wherever it sits:
    articles in a regulation, the rows of a table, otherwise the deepest level with at least two
    items that are not guidance, plus the items one level up that have no such level below them
    (a 一、 measure beside 一、 headings that hold （一） measures). An attachment that holds none
    of these measures has an outline of its own (the 一、 working groups attached to a plan
    numbered 2.1.1): its measures are chosen within it by the same rule. An attachment whose
    items say nothing is a list of names (试点名单: 一、临江市 二、江北县): no measures. A commendation
    has none.
    """
    boxed = _column_items(blocks)
    outline = [i for i, b in enumerate(blocks) if b.depth and i not in boxed]
    if commends:
        return _kinds_for(blocks, outline, set(), boxed)
    measures = [i for i in outline if not guidance[i]]
    annexes = _annexes(blocks)
    before = _measures_before(blocks, measures, annexes)
    for annex in annexes:
        listed = [i for i in measures if i in annex]
        if listed and (_a_list(text, blocks, listed)
                       or _titled_a_list(text, blocks, annex, _beside_measures(blocks, listed, before))):
            measures = [i for i in measures if i not in annex]
    tasks, articles = _measures(text, blocks, outline, measures)
    placed = _kinds_for(blocks, outline, tasks, boxed, articles)
    for annex in annexes:
        own = [i for i in outline if i in annex]
        if tasks.isdisjoint(own) and not _restates(blocks, own, tasks):
            found, articles = _measures(text, blocks, own, [i for i in measures if i in annex])
            if found:
                placed[annex.start:annex.stop] = _kinds_for(blocks, own, found, boxed, articles)[annex.start:annex.stop]
    return placed


def _measures(text: str, blocks: list[_Block], outline: list[int], measures: list[int]) -> tuple[set[int], bool]:
    """The blocks of ``outline`` that are measures (see _outline_kinds), and whether they are articles."""
    for level in ("article", "row"):
        chosen = [i for i in measures if blocks[i].level == level]
        if len(chosen) >= 3 and not (level == "row" and _outnumbered(blocks, measures, len(chosen))):
            return set(chosen), level == "article"
    measures = [i for i in measures if blocks[i].level != "row"]  # a table among measures is a box of items
    depths = sorted({blocks[i].depth for i in measures}, reverse=True)
    for depth in depths:
        chosen = [i for i in measures if blocks[i].depth == depth]
        if len(chosen) < 2 or not _hold_measures(text, blocks, outline, chosen):
            continue
        one_series = _one_series(blocks, outline, chosen)
        if not one_series and _points_of_a_series(blocks, outline, chosen):
            continue
        leaves = [] if one_series else _leaves_above(blocks, outline, measures, depth)
        parents = {i: _parent(blocks, outline, i) for i in chosen}
        if len(leaves) > len(chosen) and len(set(parents.values())) == 1:
            continue  # a few numbered points under one item, beside many items without them
        one_level = _level_of_leaves(blocks, measures, parents, leaves) \
            or _level_of_many_parents(blocks, outline, measures, parents)
        if one_level:
            return set(one_level), False
        return set(chosen + leaves), False
    return set(measures), False


def _outnumbered(blocks: list[_Block], measures: list[int], rows: int) -> bool:
    """Does a numbered level of the text hold at least as many items as a table has rows? The table
    is then a box among the measures (专栏 of six platforms beside (四)–(二十八)) or their restatement
    (a 重点任务分工表 row for each of them), not the list of tasks."""
    counts = Counter(blocks[i].level for i in measures if blocks[i].level != "row")
    return max(counts.values(), default=0) >= rows


def _restates(blocks: list[_Block], own: list[int], tasks: set[int]) -> bool:
    """Is an attachment a table with no more rows than the text has measures (its 重点任务分工表, a
    row for each measure, whatever format split its cells into lines)? It restates them: no tasks of
    its own."""
    rows = [i for i in own if blocks[i].level == "row"]
    return bool(tasks) and len(rows) == len(own) and len(rows) <= len(tasks)


def _a_list(text: str, blocks: list[_Block], found: list[int]) -> bool:
    """Are these items a list rather than measures: of names, most saying nothing (no sentence
    ended as one: 试点名单: 一、临江市), or of what the text's terms cover, most opening with a short
    term and a colon (1．铁路：包括…)?"""
    says = _most(found, lambda i: any(ch in _own_text(text, blocks, i) for ch in _SENTENCE_END + "；;"))
    return not says or _most(found, lambda i: _rules().defined_term.match(_own_text(text, blocks, i)) is not None)


def _titled_a_list(text: str, blocks: list[_Block], annex: range, measured: bool) -> bool:
    """Is the attachment titled as a list of names (…试点地区名单), or, after a text that numbers
    measures of its own (``measured``), as a list of items (…重点试点措施清单)? Its title is its first
    paragraph of text after the 附件 line."""
    title = next((blocks[i] for i in annex if blocks[i].level is None and text[blocks[i].start:blocks[i].end].strip()),
                 None)
    if title is None:
        return False
    rules, heading = _rules(), text[title.start:title.end].strip()
    return rules.annex_of_names.search(heading) is not None \
        or (measured and rules.annex_of_items.search(heading) is not None)


def _beside_measures(blocks: list[_Block], listed: list[int], before: int) -> bool:
    """Are an attachment's numbered items no more than twice as many as the ``before`` measures the
    text numbers itself, and no table's rows (which may be the measures themselves: a 改革举措推广清单
    after a notice that sums them up)?"""
    levels = Counter(blocks[i].level for i in listed)
    return "row" not in levels and max(levels.values(), default=0) <= _ANNEX_ITEMS_PER_MEASURE * before


def _measures_before(blocks: list[_Block], measures: list[int], annexes: list[range]) -> int:
    """How many measures the text before its attachments numbers below its parts (a notice's
    （三）…（二十五）). A notice that only sends its attachment (现将…印发给你们) numbers none; one that
    sums it up (（一）知识产权保护方面5项) numbers a few."""
    first = annexes[0].start if annexes else len(blocks)
    return sum(1 for i in measures if i < first and blocks[i].depth > _DEPTH["part"])


def _most(items: list[int], test: Callable[[int], bool]) -> bool:
    """Do more than half of ``items`` pass ``test``?"""
    return 2 * sum(map(test, items)) > len(items)


def _annexes(blocks: list[_Block]) -> list[range]:
    """The blocks of each attachment: from its 附件 heading to the next one or the end."""
    starts = [k for k, b in enumerate(blocks) if b.level == "annex"]
    return [range(a, b) for a, b in pairwise([*starts, len(blocks)])] if starts else []


def _column_items(blocks: list[_Block]) -> frozenset[int]:
    """Numbered points inside a 专栏 box: fresh series 1, 2, 3 … of any point level after its marker.

    The first numbered block that does not continue one of the box's own series (a measure
    numbered on from before the box, or a heading) ends the box. A box whose marker is run into a
    paragraph (…环境安全。专栏2 主要指标 指标2005年…) was flattened onto that line: the next
    paragraph is the text's again.
    """
    inside: set[int] = set()
    expected: dict[str, int] | None = None
    run_in = False  # the box's marker sits inside a paragraph: the box was flattened onto its line
    for i, block in enumerate(blocks):
        if run_in and block.at_paragraph_start:
            expected, run_in = None, False
        if block.level == "column":
            expected, run_in = {}, not block.at_paragraph_start
        elif expected is not None and block.level in ("part", "section", "arabic", "decimal") \
                and block.number == expected.get(block.level, 1):
            inside.add(i)
            expected[block.level] = block.number + 1
        elif block.depth:
            expected = None
    return frozenset(inside)


def _one_series(blocks: list[_Block], outline: list[int], chosen: list[int]) -> bool:
    """Do the measures form one numbered series running on across several headings (1．–44．)?

    Then that series is the whole list of measures. Where the numbering starts again under each
    heading, a heading with no numbered measures under it is a measure of its own.
    """
    parents = {_parent(blocks, outline, i) for i in chosen}
    numbers = [blocks[i].number for i in chosen]
    first = numbers[0]
    return len(parents) > 1 and first is not None and numbers == list(range(first, first + len(numbers)))


def _points_of_a_series(blocks: list[_Block], outline: list[int], chosen: list[int]) -> bool:
    """Are these items, not one series themselves, points whose numbering starts again in each item
    of a series that runs on across its own headings ((四)–(二十四) under 二、–六、, each with its
    1．2．)? That series is the measures, numbered on so that each can be cited; the points inside
    them are sub-measures."""
    parents = sorted({p for i in chosen if (p := _parent(blocks, outline, i)) is not None})
    if len(parents) < 3 or len(parents) >= len(chosen):
        return False
    depth = blocks[parents[0]].depth  # the series: every item of the parents' level from the first to the last
    series = [j for j in outline if parents[0] <= j <= parents[-1] and blocks[j].depth == depth]
    return _one_series(blocks, outline, series)


def _leaves_above(blocks: list[_Block], outline: list[int], measures: list[int], depth: int) -> list[int]:
    """Items one level above the measures that hold no measure: measures of their own."""
    above = max((blocks[i].depth for i in measures if blocks[i].depth < depth), default=None)
    return [i for i in measures if blocks[i].depth == above and not _has_child(blocks, outline, i, depth)]


def _level_of_leaves(blocks: list[_Block], measures: list[int], parents: dict[int, int | None],
                     leaves: list[int]) -> list[int]:
    """The items of the leaves' level, when that level is the measures; else no items.
    ``parents``: each chosen point's parent.

    It is when the leaves are 一、 items, a third (1/``leaf_share``) or more of that level (五、加大…支持。围绕…),
    and the points the others hold restart under ``parents_of_sub_measures`` (structure.yaml) or more of them
    ((一)(二) under 二、全力服务…。, again under 三、…): measures numbered 一、 throughout, some
    with sub-measures. A reply answering 一、–四、 with (一)–(三) under one answer, and a decimal
    outline (2.1 beside 4.2 holding 4.2.1), keep their deepest points as measures."""
    rules = _rules()
    if not leaves or blocks[leaves[0]].level != "part" or len(set(parents.values())) < rules.parents_of_sub_measures:
        return []
    level = _items_at(blocks, measures, blocks[leaves[0]].depth)
    return level if rules.leaf_share * len(leaves) >= len(level) else []


def _level_of_many_parents(blocks: list[_Block], outline: list[int], measures: list[int],
                           parents: dict[int, int | None]) -> list[int]:
    """The items of the parents' level when it is the measures; else no items. It is when the
    points restart under ``parents_of_measures`` (structure.yaml) 一、 items or more (a notice's 一、–十三、, each
    with its (一)(二)…): a document's parts are fewer; a list this long is of measures, the points
    inside them their sub-measures. Where a part holds guidance points (一、总体要求 with its
    (一)指导思想, (二)基本原则), only parts holding few points each are measures (二、扩大…覆盖面 with
    its three or four points, eighteen times); parts holding more are an opinion's parts, their
    points the measures however many parts."""
    holding = {p for p in parents.values() if p is not None}
    restarting = {p for i, p in parents.items() if blocks[i].number == 1}
    rules = _rules()
    if len(restarting) < rules.parents_of_measures or any(blocks[p].level != "part" for p in holding):
        return []
    depth = blocks[next(iter(parents))].depth
    chosen = set(measures)
    guided = any(blocks[i].depth == depth and i not in chosen for i in outline)
    if guided and len(parents) > rules.points_per_measure * len(holding):
        return []  # guidance points at the points' level, and parts holding many: the parts are parts
    return _items_at(blocks, measures, blocks[next(iter(holding))].depth)


def _items_at(blocks: list[_Block], measures: list[int], depth: int) -> list[int]:
    """The measures' items at ``depth``."""
    return [i for i in measures if blocks[i].depth == depth]


def _has_child(blocks: list[_Block], outline: list[int], i: int, depth: int) -> bool:
    """Does block ``i`` hold a block of ``depth`` before the next block at its own depth or above?"""
    own = blocks[i].depth
    for j in outline:
        if j <= i:
            continue
        if blocks[j].depth <= own:
            return False
        if blocks[j].depth == depth:
            return True
    return False


def _parent(blocks: list[_Block], outline: list[int], i: int) -> int | None:
    return next((j for j in reversed(outline) if j < i and blocks[j].depth < blocks[i].depth), None)


def _hold_measures(text: str, blocks: list[_Block], outline: list[int], chosen: list[int]) -> bool:
    """Are these numbered items measures, not the sub-measures of the items above them?

    They are when their numbering runs on across their parents (1.–21. under （一）–（五）), or
    when most parents are bare headings (in run-on text one heading may run into its lead
    paragraph: 三、加强功能建设各地区、各部门要…。（一）…); numbered points restarting under
    parents that have their own text (（一）…。具体措施：1．2．) are sub-measures.
    """
    parents = [_parent(blocks, outline, i) for i in chosen]
    if all(p is None for p in parents):
        return True
    numbers = [blocks[i].number for i in chosen]
    runs_on = all(b == a + 1 for a, b in pairwise(numbers) if a is not None and b is not None)
    if runs_on:
        return True
    bare = [_is_bare_heading(text, blocks[p]) for p in set(parents) if p is not None]
    return 2 * sum(bare) > len(bare)


def _is_bare_heading(text: str, block: _Block) -> bool:
    """A heading with no sentence of its own before its first child."""
    own = text[block.body_start:block.end].strip()
    return not any(ch in own[:-1] for ch in _SENTENCE_END) and "\n" not in own.strip()


def _kinds_for(blocks: list[_Block], outline: list[int], tasks: set[int], boxed: frozenset[int],
               articles: bool = False) -> list[_Placement | None]:
    """Tasks as chosen; the levels above them parts and sections; everything below, items.

    Each block gets its kind and its nesting rank. A task found one level up (a 一、 measure
    beside 一、 headings) takes the rank of that level, so that it closes its sibling heading.
    In a regulation every numbered point after the first article belongs to an article.
    """
    placed: list[_Placement | None] = [("item", _RANK["item"]) if i in boxed else None for i in range(len(blocks))]
    if not outline:  # (the tasks are outline blocks)
        return placed
    # with no measures (a commendation) every level is a heading
    deepest = max(blocks[i].depth for i in tasks) if tasks else max(blocks[i].depth for i in outline) + 1
    above = sorted({blocks[i].depth for i in outline if blocks[i].depth < deepest})
    first_task = min(tasks, default=len(blocks))
    for i in outline:
        depth = blocks[i].depth
        heading: UnitKind = "part" if above and depth == above[0] else "section"
        if i in tasks:
            placed[i] = ("task", _RANK["task"] if depth == deepest else _RANK[heading])
        elif depth > deepest or (articles and i > first_task and blocks[i].level not in ("chapter", "subchapter")):
            placed[i] = ("item", _RANK["item"] + depth)  # deeper points nest in the points above them
        else:
            placed[i] = (heading, _RANK[heading])
    return placed


def _guidance_flags(text: str, blocks: list[_Block]) -> list[bool]:
    """For each block: is it, or the heading it stands under, guidance (指导思想, 基本原则 …)? An
    article (第三条) is not, even under 总则: every article of a regulation is one of its provisions.

    A guidance heading covers everything below it up to the next heading at its depth or
    above, or up to a numbering that starts again at 1 (a heading lost from the text). A heading in
    its scope after which the numbering of its level goes back (（三）规划目标 … （三）控制污染) was
    followed by a lost heading: the scope ends with that heading's own text.
    """
    rules = _rules()
    scope: int | None = None  # depth of the guidance heading whose scope we are in
    last: dict[int, int] = {}  # last number at each depth inside the scope
    flags = []
    lost = False  # the heading just read is followed by a lost one
    for k, block in enumerate(blocks):
        depth = block.depth if block.level != "article" else 0
        if depth and scope is not None and (depth <= scope or lost or _restarts(block, depth, last)):
            scope = None
        if depth and scope is None and block.level in _HEADING_LEVELS \
                and (_is_guidance(rules, _heading_text(text, block)) or _defines_by_cases(text, blocks, k)):
            scope, last = depth, {}
        elif depth and scope is not None and block.number is not None:
            last[depth] = block.number
        if depth:
            lost = scope is not None and _numbering_goes_back_after(blocks, k)
        flags.append(scope is not None and block.level != "article")  # a regulation's every article provides
    return flags


def _numbering_goes_back_after(blocks: list[_Block], k: int) -> bool:
    """Does the next heading at block ``k``'s level repeat its number or go back (（三） … （三））?

    Then the text lost a heading in between (a part's heading with its first sections), and the
    numbered items between the two belong to the lost heading.
    """
    own = blocks[k]
    if own.level not in _HEADING_LEVELS or own.number is None:
        return False
    after = next((b for b in blocks[k + 1:] if b.level == "annex" or 0 < b.depth <= own.depth), None)
    return after is not None and (after.level, after.depth) == (own.level, own.depth) \
        and after.number is not None and after.number <= own.number


def _defines_by_cases(text: str, blocks: list[_Block], k: int) -> bool:
    """A bare heading whose only words introduce its items as the cases of a definition.

    ``一、特别重大事件 / 凡符合下列情形之一的，为特别重大事件：/ 1．… 2．…``: the heading names a
    grade and its items are the conditions that define it, not measures.
    """
    own = _own_text(text, blocks, k)
    return own.endswith(("：", ":")) and not any(ch in own for ch in _SENTENCE_END) \
        and bool(_rules().cases.search(own))


def _own_text(text: str, blocks: list[_Block], k: int) -> str:
    """What block ``k`` says after its number, with the plain paragraphs up to the next numbered block."""
    following = next((b.start for b in blocks[k + 1:] if b.depth or b.level == "annex"), blocks[-1].end)
    return text[blocks[k].body_start:following].strip()


def _restarts(block: _Block, depth: int, last: dict[int, int]) -> bool:
    return block.number == 1 and last.get(depth, 0) >= 2


def _is_guidance(rules: _Rules, heading: str) -> bool:
    """A heading that opens with a guidance word, or ends with one of the guidance endings."""
    return bool(rules.guidance.match(heading) or rules.guidance_suffix.search(heading))


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
    line = re.split(r"(?<=\S{2})[\u3000\u00a0][\s\u3000\u00a0]*", text.split("\n", 1)[0].strip(), maxsplit=1)[0]
    cut = min((i for i in (line.find(ch) for ch in _SENTENCE_END) if i != -1), default=len(line))
    return line[:min(cut, limit)].strip().rstrip("：:；;，,")


# --- nesting -------------------------------------------------------------------------------

@dataclass
class _Open:
    unit: Unit
    rank: float
    counters: dict[str, int] = field(default_factory=dict)
    level: str | None = None  # the numbering level of the block that opened it


def _nest(text: str, blocks: list[_Block], outline: list[_Placement | None],
          warnings: list[str]) -> list[Unit]:
    units: list[Unit] = []
    stack: list[_Open] = []
    keys: set[str] = set()
    prefix, annexes = "", 0
    for block, placement in zip(blocks, outline, strict=True):
        if block.level == "annex":  # an attachment: its units are keyed annex-N/…
            while stack:
                _close(stack.pop(), block.start, text)
            annexes += 1
            prefix = f"annex-{annexes}/"
            continue
        kind, placed_rank = placement if block.depth and placement else (_kind_of(text, block, stack), 0)
        if kind is None:
            if _leaves_box(block, stack):
                _close_box(stack, block.start, text)
            continue
        rank = placed_rank or (_BOX_IN_TASK if kind == "column" and _heading_task(stack) else _RANK[kind])
        while stack and stack[-1].rank >= rank:
            _close(stack.pop(), block.start, text)
        parent = stack[-1] if stack else None
        number = block.number if block.number is not None else _next_count(parent, kind)
        key = _unique_key(f"{parent.unit.key + '/' if parent else prefix}{kind}-{block.label or number}", keys,
                          warnings)
        unit = Unit(kind=kind, key=key, number=number, title=_heading_text(text, block),
                    start=block.start, end=block.end, text="",
                    parent=parent.unit.key if parent else None, order=len(units), label=block.label)
        units.append(unit)
        stack.append(_Open(unit, rank, level=block.level))
        if kind == "principle" and block.level is None:
            _split_principles(text, unit, stack, units, keys, warnings)
        elif kind in ("part", "section") and _rules().principle.search(unit.title):
            _principles_in_heading(text, block, stack, units, keys, warnings)
    while stack:
        _close(stack.pop(), blocks[-1].end if blocks else 0, text)
    _fill_texts(text, units)
    return units


def _heading_task(stack: list[_Open]) -> bool:
    """Is the innermost open unit a task numbered as a heading (第一节 …), whose text runs on in
    paragraphs around the boxes printed in it?"""
    return bool(stack) and stack[-1].unit.kind == "task" and stack[-1].level in _HEADING_TASK_LEVELS


def _leaves_box(block: _Block, stack: list[_Open]) -> bool:
    """Does a plain paragraph after a numbered point of a box inside a task return to the task's
    own text (a plain-text box has no end mark: its points are one paragraph each)?"""
    return block.level is None and block.at_paragraph_start and len(stack) >= 3 \
        and [o.unit.kind for o in stack[-3:]] == ["task", "column", "item"]


def _close_box(stack: list[_Open], end: int, text: str) -> None:
    """Close a box and its open point at ``end``: the task it stands in goes on."""
    while stack[-1].unit.kind != "task":
        _close(stack.pop(), end, text)


def _kind_of(text: str, block: _Block, stack: list[_Open]) -> UnitKind | None:
    """The kind of a block outside the outline: a column, a listed item, a goal or a principle."""
    level = block.level
    if level == "column":
        return "column"
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
    for begin, end in pairwise(bounds):
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
    for begin, end in pairwise(bounds):
        number = _next_count(parent, "principle")
        key = _unique_key(f"{parent.unit.key}/principle-{number}", keys, warnings)
        units.append(Unit(kind="principle", key=key, number=number,
                          title=title_of(text[begin:end], _rules().max_title),
                          start=begin, end=_trim_end(text, begin, end), text="",
                          parent=parent.unit.key, order=len(units)))
    stack.append(_Open(units[-1], _RANK["principle"]))


def _paragraph_units(doc: Document) -> list[Unit]:
    """A document with no numbering at all: each body paragraph becomes a section of its own."""
    units = []
    for k, para in enumerate(p for p in doc.body if p.text.strip()):
        units.append(Unit(kind="section", key=f"section-{k + 1}", number=k + 1,
                          title=title_of(para.text, _rules().max_title), start=para.start, end=para.end,
                          text=para.text, order=k))
    return units


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
