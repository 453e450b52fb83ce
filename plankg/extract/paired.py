"""Names written as a pair joined by one dash: 汀江—韩江, 澜沧江—湄公河水资源合作中心, 中债-新综合指数.

Plans name a river system, a stretch between two places, a corridor or a line from one place to
another by the two names and a dash between them, and an index family by its brand, a dash and the
index. The two names are chosen first, each on its own; here the pair becomes one name when what
stands before the dash is a name of the kind such a pair opens with (a place, or the brand of an
index) and what follows it is a place or a name opening with one. A doubled dash (——) sets off a
clause and joins nothing.
"""
from __future__ import annotations

from ..cjk import DASHES, OPENING_BRACKETS, is_han
from .discovery import Candidate, Discoverer

_LIST_WORDS = "和与及等"  # what may follow a pair in a list (长江口—杭州湾|和…)
# the canonical names of provinces, cities and counties (上海市, 金门县)
_DIVISION_ENDINGS = ("省", "自治区", "市", "县")
_BARE_LEFT_MAX = 3  # characters of an unknown place before the dash (陇东, 藏东南), after a break


def dash_pairs(text: str, chosen: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """The pairs of chosen names joined by a single dash, each as one name of the second's type."""
    by_end = {c.end: c for c in chosen}
    found = []
    for second in chosen:
        dash = second.start - 1
        if not _single_dash(text, dash) or not _stands_alone(text, second):
            continue
        first = by_end.get(dash)
        start = _pair_start(text, first, second, discoverer) if first is not None \
            else _bare_start(text, dash, second, discoverer)
        if start is not None and not _in_chain(text, start, second.end):
            found.append(Candidate(start, second.end, second.type, "paired"))
    return found


def _single_dash(text: str, at: int) -> bool:
    """Is ``text[at]`` one dash, with no dash beside it?"""
    return at > 0 and text[at] in DASHES and text[at - 1] not in DASHES \
        and at + 1 < len(text) and text[at + 1] not in DASHES


def _in_chain(text: str, start: int, end: int) -> bool:
    """Is the pair part of a chain of three or more (陆家嘴—外滩—北外滩)? A chain lists places along
    a line, each a name of its own."""
    return (start > 0 and text[start - 1] in DASHES) or (end < len(text) and text[end] in DASHES)


def _stands_alone(text: str, second: Candidate) -> bool:
    """Does nothing run on from a bare place after the dash? Else the pair only opens a longer name
    the rules did not find (珠江—西江|航运枢纽, 昆明—蒙特利尔|全球生物多样性框架), and joined it would be
    a fragment: the two places stay as they are."""
    end = second.end
    return second.type != "place" or end == len(text) or text[end] in _LIST_WORDS \
        or not (is_han(text[end]) or text[end] in OPENING_BRACKETS)  # 中国—新加坡|（重庆）…项目


def _pair_start(text: str, first: Candidate, second: Candidate, discoverer: Discoverer) -> int | None:
    """Where the pair starts when a chosen name stands before the dash: a place before a place or
    a name opening with one (澜沧江—湄公河…), a body before an index (中债-…指数); else None."""
    if first.type == "place" and _opens_with_place(text, second, discoverer) and not _two_divisions(first, second):
        return first.start
    if first.type == "institution" and second.type == "benchmark":
        return first.start
    return None


def _two_divisions(first: Candidate, second: Candidate) -> bool:
    """Are both names provinces, cities or counties (上海—云南, 哈密—重庆, 厦门—金门)? Such a pair pairs
    two divisions (the partners of 东西部协作, the ends of a power line or a ferry route the text names
    after the list), each a place of its own; a pair of features or smaller places is one name (汀江—韩江,
    顶山—汊河)."""
    return second.type == "place" and all((c.key or "").endswith(_DIVISION_ENDINGS) for c in (first, second))


def _bare_start(text: str, dash: int, second: Candidate, discoverer: Discoverer) -> int | None:
    """Where an unknown name before the dash starts: an index brand before an index (中债-新综合指数),
    or a place of two or three Han characters after a break or a stop word, joined to a place or a
    name opening with one (和|金上—湖北特高压直流工程); else None."""
    if second.type == "benchmark":
        rules = discoverer.rules
        return next((dash - n for n in rules.index_brand_lengths if text[dash - n:dash] in rules.index_brands), None)
    if not _opens_with_place(text, second, discoverer):
        return None
    for start in range(dash - _BARE_LEFT_MAX, dash - 1):
        if start >= 0 and all(is_han(c) for c in text[start:dash]) and (
                start == 0 or not is_han(text[start - 1])
                or discoverer.words.stop_ending_at(text, start) is not None):
            return start
    return None


def _opens_with_place(text: str, name: Candidate, discoverer: Discoverer) -> bool:
    """Is ``name`` a place, or does a known place open it (湄公河|水资源合作中心)?"""
    return name.type == "place" or next(discoverer.words.place_names_at(text, name.start), None) is not None

