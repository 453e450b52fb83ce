"""Rivers and mountains named by a short proper name of their own: 昆都仑河, 濑溪河, 盘龙江, 东苕溪,
雷公山, 尖峰岭.

The gazetteer holds the major ones; a smaller one is recognised by how it is written. Its name
is two to four characters that make no common word and hold none (not 母亲|河 or 地上|悬河), opening
where a clause, a list item or a verb ends (治理|昆都仑河), after no place of its own (徽县|永宁河 is
a county and its river). The head stands at the name's end: followed by a mark or by what follows
a river in a list or a basin (、, 流域, 干流), never by a dash or more of a name (河套|灌区,
红河|综合保税区), whose walk from its own head reads it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...cjk import DASHES, is_han
from .. import wordtables
from .candidate import Candidate
from .text import COMMON_WORD_FREQ

if TYPE_CHECKING:
    from .words import Words

_NAME_LENGTHS = (4, 3, 2)  # characters of a feature's own name before its head, longest first


def natural_feature_matches(text: str, words: Words) -> list[Candidate]:
    """Every river or mountain in ``text`` named by a short proper name and its head, as a place."""
    found = []
    for head in words.rules.natural_feature_head.finditer(text):
        start = head.start()
        if _known_place_ends(text, start, head.end(), words):
            continue  # 在|长江, 对|黑龙江: the gazetteer's river, read by the lexicon
        begin = next((start - n for n in _NAME_LENGTHS if _own_name_at(text, start - n, start, words)), None)
        if begin is not None:
            found.append(Candidate(begin, head.end(), "place", "head"))
    return found


def _known_place_ends(text: str, start: int, end: int, words: Words) -> bool:
    """Does a known place end with the head at ``end`` where a name opens (在|长江, 对|黑龙江), its
    name beginning at most four characters before the head? Not one that a longer river's own name
    runs into (盘|龙江, 永|宁河)."""
    return any(text[start - n:end] in words.place_names and words.name_opens_at(text, start - n)
               for n in range(1, _NAME_LENGTHS[0] + 1) if n <= start)


def _own_name_at(text: str, begin: int, end: int, words: Words) -> bool:
    """Is ``text[begin:end]`` a feature's own name before its head at ``end``: no common word in it or
    across the head (母亲|河, 跨省江|河), no dash before it, no coordinator, nothing that opens no name
    (以|…), and a name opens at ``begin``?"""
    if begin < 0 or not all(is_han(ch) for ch in text[begin:end]) or _holds_common_word(text, begin, end + 1):
        return False
    if begin > 0 and text[begin - 1] in DASHES:
        return False  # 利河—|南泉河: joined to the feature before the dash, one name
    if words.rules.coordinator.search(text, begin, end):
        return False  # 龙江和刁|江: two rivers, not one
    if any(text[begin:begin + n] in words.place_names or text.endswith(words.rules.division_endings, begin, begin + n)
           for n in range(2, end - begin)):
        return False  # 徽县|永宁河, 包头|昆都仑河: a place and the river that runs through it, two names
    if any(len(words.stop_ending_at(text, begin + n) or "") == n for n in (1, 2)):
        return False  # 补齐|…: a verb or a preposition opens no feature's name
    return words.name_opens_at(text, begin)


def _holds_common_word(text: str, begin: int, end: int) -> bool:
    """Does a common word of two or more characters lie in ``text[begin:end]``?"""
    counts = wordtables.word_counts()
    return any(counts[text[i:j]] >= COMMON_WORD_FREQ for i in range(begin, end - 1) for j in range(i + 2, end + 1))
