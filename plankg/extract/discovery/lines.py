"""Transport lines named after the places they join: 京沪高铁, 沪苏湖铁路, 中老铁路, 京雄城际; and
railway stations named after their city (北京南站, 上海虹桥站).

Such a name is two to four of the places' one-character short forms and a line's head. The short
forms make no dictionary word, or a rare one, so the modifier is recognised by what it is not: no
common word, no generic kind of line (普速铁路, 市域铁路), no verb or function word inside, and it
starts where a clause, a list item or a verb before it ends (推动|沪苏湖铁路, 依托|京沪高铁). A line
named by its two ends is named from the first (哈尔滨至伊春高速铁路).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...cjk import is_han
from .. import wordtables
from .candidate import Candidate
from .text import COMMON_WORD_FREQ

if TYPE_CHECKING:
    from .words import Words

_MODIFIER_LENGTHS = (4, 3, 2)  # characters of a line's modifier, longest first
_COMMON_PART_FREQ = 1000  # a two-character word this common inside a modifier is no places' short form (中线 377)
_TO = "至"  # between the two ends of a line named by them (沈阳至白河高速铁路)
_PLACE_LENGTHS = (5, 4, 3, 2)  # characters of a place named as a line's end, longest first
_STATION = "站"
_STATION_NAME_LENGTHS = (3, 2, 1)  # characters of a station's own name after its city (西九龙, 虹桥, 南)


def line_matches(text: str, words: Words) -> list[Candidate]:
    """Every named transport line in ``text``, as a place (the guide's named ports and airports)."""
    rules = words.rules
    found = []
    for match in rules.line_head.finditer(text):
        start, end = match.span()
        if end < len(text) and text[end] in rules.line_not_before:
            continue
        begin = next((start - n for n in _MODIFIER_LENGTHS if _modifier_at(text, start - n, start, words)), None)
        if begin is None:
            begin = _place_to_place(text, start, words)
        elif begin and text[begin - 1] == _TO:
            begin = _place_to_place(text, start, words) or begin
        if begin is not None:
            found.append(Candidate(begin, end, "place", "head"))
    return found


def _place_to_place(text: str, start: int, words: Words) -> int | None:
    """Where a line named by its two ends begins (哈尔滨至伊春|高速铁路), if it is so named: two known
    places joined by 至 right before the head, the first where a clause, item or verb ends."""
    for n in _PLACE_LENGTHS:
        end_place = start - n
        if end_place < 1 or text[end_place - 1] != _TO or text[end_place:start] not in words.place_names:
            continue
        begin = _opening_place_before(text, end_place - 1, words)
        if begin is not None:
            return begin
    return None


def _opening_place_before(text: str, end: int, words: Words) -> int | None:
    """Where a known place that ends at ``end`` begins, if it opens a name there (after a clause,
    an item or a verb), the longest first: the first end of a line (哈尔滨|至…), a station's city."""
    for n in _PLACE_LENGTHS:
        begin = end - n
        if begin >= 0 and text[begin:end] in words.place_names and words.name_opens_at(text, begin):
            return begin
    return None


def _modifier_at(text: str, begin: int, end: int, words: Words) -> bool:
    """Is ``text[begin:end]`` a line's modifier: places' short forms that open a name here?"""
    if begin < 0 or not all(is_han(ch) for ch in text[begin:end]):
        return False
    modifier, counts = text[begin:end], wordtables.word_counts()
    if modifier in words.rules.line_generic_modifiers or counts[modifier] >= COMMON_WORD_FREQ:
        return False
    if end - begin > 2 and any(counts[text[k:k + 2]] >= _COMMON_PART_FREQ for k in range(begin, end - 1)):
        return False  # 分析研判|铁路, 港区内部|铁路: common words, no places' short forms
    if any(words.stops_inside(text, begin, end)):
        return False
    return words.name_opens_at(text, begin)


def station_matches(text: str, words: Words) -> list[Candidate]:
    """Every railway station named after its city (北京|南|站, 上海|虹桥|站), as a place."""
    rules = words.rules
    found = []
    at = text.find(_STATION, 1)
    while at != -1:
        if text[at + 1:at + 2] not in rules.station_not_before:
            begin = _station_start(text, at, words)
            if begin is not None:
                found.append(Candidate(begin, at + 1, "place", "head"))
        at = text.find(_STATION, at + 1)
    return found


def _station_start(text: str, at: int, words: Words) -> int | None:
    """Where the station whose 站 is at ``at`` begins: at a known place's name that opens a name
    here, followed by the station's own name (a direction, or two or three characters that are no
    kind of station and hold no verb)."""
    rules = words.rules
    for k in _STATION_NAME_LENGTHS:
        own = text[at - k:at]
        if at - k < 2 or not all(is_han(ch) for ch in own) or own in rules.station_not_names \
                or (k == 1 and own not in rules.station_directions) or any(words.stops_inside(text, at - k, at)):
            continue
        begin = _opening_place_before(text, at - k, words)
        if begin is not None:
            return begin
    return None
