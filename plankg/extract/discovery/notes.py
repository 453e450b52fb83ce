"""Bodies and places named by the notes around them: the bodies a responsibility note lists
（负责单位：A、B）, a State Council body named by its field (国务院教育行政部门), the areas listed
after a free trade zone (…自贸试验区正定片区、曹妃甸片区), a working group set out as an item of its
own (一、污染处置组。), a project set out as an item and named after its place
(1．三江源生态保护和修复工程。), a name before its acronym in brackets (合格境外投资者（QFI）), one-character
place abbreviations (在沪, 驻京)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...patterns import alternation
from ..lexicon import gazetteer
from .candidate import Candidate
from .text import split_spans

if TYPE_CHECKING:
    from ..lexicon import Lexicon
    from .cuts import Cuts
    from .heads import HeadWalk
    from .rules import DiscoveryRules
    from .words import Words


_FIELD_JOINERS = ("和", "及")  # the duty note's separators that may join two fields of one name


def duty_matches(text: str, words: Words) -> list[Candidate]:
    """Every body a responsibility note lists: （负责单位：A、B）, （A、B等按职责分工负责）."""
    rules = words.rules
    found = []
    for match in list(rules.duty_note.finditer(text)) + list(rules.duty_tail.finditer(text)):
        offset = match.start("bodies")
        bodies = match.group("bodies")
        for start, end in _joined_headless(bodies, split_spans(bodies, rules.duty_split), words):
            raw = bodies[start:end]
            item = raw.strip()
            skip = words.leading_stops_end(item, 0, len(item))  # 报|住房城乡建设部
            if skip and item[skip:] not in words.lexicon.by_surface:
                skip = 0  # a department named whole: 统计与风险监测司, 打击非法金融活动司, 经常项目管理司
            name = rules.duty_strip.sub("", item[skip:])
            if (2 <= len(name) <= 20 and not rules.is_generic(name)  # 各地区各部门: 各 skipped as a stop
                    and not rules.duty_not_names.match(name) and not rules.duty_not_names.match(item)):
                begin = offset + start + (len(raw) - len(raw.lstrip())) + skip
                found.append(Candidate(begin, begin + len(name), "institution", "duty"))
    return found


def _joined_headless(bodies: str, spans: list[tuple[int, int]], words: Words) -> list[tuple[int, int]]:
    """The note's parts, a part before 和 or 及 that has no head word of its own and is no known name
    joined to the part after it: it is a field of that body's name, not a body (货物|和|劳务税司,
    征管|和|科技发展司: departments named by two fields)."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            before_start, before_end = joined[-1]
            part = bodies[before_start:before_end].strip()
            if bodies[before_end:start] in _FIELD_JOINERS and part and not words.head_ends_at(part, 0, len(part)) \
                    and part not in words.lexicon.by_surface:
                joined[-1] = (before_start, end)
                continue
        joined.append((start, end))
    return joined


def state_body_matches(text: str, rules: DiscoveryRules) -> list[Candidate]:
    """A State Council body named by its field, as laws and regulations name them:
    国务院教育行政部门, 国务院税务主管部门 (one body each; not 国务院有关部门)."""
    found = []
    for match in rules.state_body.finditer(text):
        if not match.group("field").startswith(rules.quantifier_openings):
            found.append(Candidate(match.start(), match.end(), "institution", "head"))
    return found


def zone_part_matches(text: str, rules: DiscoveryRules) -> list[Candidate]:
    """The areas (片区) listed right after a free trade zone's name, a place each however it is named
    (河北自贸试验区|正定片区、曹妃甸片区); not 各片区, 有关片区."""
    found = []
    for match in rules.zone_parts.finditer(text):
        offset = match.start("parts")
        for start, end in split_spans(match.group("parts"), rules.zone_part_split):
            if not match.group("parts").startswith(rules.quantifier_openings, start):
                found.append(Candidate(offset + start, offset + end, "place", "head"))
    return found


def acronym_named(text: str, heads: HeadWalk) -> list[Candidate]:
    """A name followed by its acronym in brackets, typed by how the name ends:
    合格境外投资者（QFI） is a programme, …拆息（CNH HIBOR） a benchmark."""
    rules = heads.rules
    found = []
    for match in rules.acronym.finditer(text):
        end = match.start()
        suffix = next((x for x in rules.acronym_name_types if text.endswith(x, 0, end)), None)
        if suffix is None:
            continue
        kind = rules.acronym_name_types[suffix]
        start = heads.name_start(text, end - len(suffix), kind)
        known = heads.known_tail(text, start, end, kind)  # 行业|交易型开放式指数基金（ETF）: the known name
        start = start if known is None else known.start
        if end - start >= 3 and not rules.is_generic(text[start:end]):
            found.append(Candidate(start, end, kind, "acronym"))
    return found


class Abbreviations:
    """One-character place abbreviations (the gazetteer's 沪, 京 …) where the context makes them places."""

    def __init__(self, rules: DiscoveryRules, lexicon: Lexicon, cuts: Cuts):
        self.lexicon = lexicon
        self.cuts = cuts
        self._abbreviations = gazetteer()[1]
        self._not_before = rules.abbreviation_not_before
        self._pattern = re.compile(
            rules.abbreviation_context.replace("ABBR", alternation(sorted(self._abbreviations))))

    def matches(self, text: str) -> list[Candidate]:
        """One-character place abbreviations where the text uses them as places: 在沪, 来沪, 驻京."""
        found = []
        for match in self._pattern.finditer(text):
            start, end = match.span("abbr")
            if self.cuts.runs_on(text, end) or text.startswith(self._not_before, end):
                continue  # 在|新城: the character starts a word here (驻京|办事处 still ends one); 在新|的
            name = self._abbreviations[match.group("abbr")]
            entry = self.lexicon.by_surface.get(name)
            found.append(Candidate(start, end, "place", "lexicon", entry.name if entry else name))
        return found


def project_item_matches(text: str, words: Words) -> list[Candidate]:
    """Projects set out as items of a list and named after a place (1．三江源生态保护和修复工程。): the
    item's whole title, verbs and all (the head-word walk stops at 保护)."""
    if not words.rules.project_item_end.search(text):
        return []
    items = words.rules.project_item.finditer(text)
    return [Candidate(m.start("name"), m.end("name"), "programme", "head") for m in items
            if words.opens_with_place(m.group("name"))]


def group_item_matches(text: str, rules: DiscoveryRules) -> list[Candidate]:
    """Working groups set out as items of their own: 一、污染处置组。由…牵头 (the item's whole title;
    not a measure that sets one up: （二）成立工作组。)."""
    return [Candidate(m.start("name"), m.end("name"), "institution", "head") for m in rules.group_item.finditer(text)
            if not rules.is_generic(m.group("name")) and not m.group("name").startswith(rules.group_item_not_opening)]
