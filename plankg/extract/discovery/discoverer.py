"""The ``Discoverer``: every candidate-finding rule compiled once for a lexicon, run over a text
in one call. The lexicon's names and the head words are found in one pass of one automaton; a
head's name is decided once per local context (plans repeat their phrasing)."""
from __future__ import annotations

import re
from bisect import bisect_left
from enum import Enum
from typing import TYPE_CHECKING, Final

from ...cjk import CLAUSE_ENDS, CLAUSE_ENDS_HALF, COUNT_NUMERALS, LIST_MARK, SENTENCE_ENDS, SENTENCE_ENDS_HALF
from .. import wordtables
from ..model import EntityType
from .candidate import Candidate
from .cuts import MEMO_LIMIT, Cuts, window_around
from .heads import CONTEXT_RIGHT, HeadWalk
from .launched import LaunchedNames
from .lines import line_matches, station_matches
from .natural import natural_feature_matches
from .notes import (
    Abbreviations,
    acronym_named,
    duty_matches,
    group_item_matches,
    project_item_matches,
    state_body_matches,
    zone_part_matches,
)
from .quoted import quoted_matches
from .rules import discovery_rules
from .text import COMMON_WORD_FREQ, Matcher, ascii_glued, crossed
from .words import Words

if TYPE_CHECKING:
    from ..chunks import NounChunker
    from ..lexicon import Lexicon

_CONTEXT_LEFT = 22  # characters a head's walk can look at: 14 of modifier, a 4-character stop word, a bracket
# The marks no head's name, nor anything its name depends on, runs across (brackets, quotes and
# dashes do occur inside names): a head's context window ends at the nearest of them either side.
_CONTEXT_BREAKS = re.compile(
    "[" + re.escape(SENTENCE_ENDS + SENTENCE_ENDS_HALF + CLAUSE_ENDS + CLAUSE_ENDS_HALF + LIST_MARK) + "\n]")


class _Missing(Enum):
    """The memo's answer for a context window it has not decided yet."""

    MISSING = 0


_MISSING: Final = _Missing.MISSING
_KIND_OF_PRODUCT = ("product",)  # the head kinds a known product type is walked from with


def _context(breaks: list[int], start: int, end: int) -> tuple[int, int]:
    """The context window a head's name is decided in: ``_CONTEXT_LEFT`` characters before the
    head and ``CONTEXT_RIGHT`` after it, cut at the nearest break either side (kept in the window:
    a break and the start of the text are told apart). Plans repeat a clause's phrasing far more
    than a whole window's, so the narrower window is remembered more often."""
    at = bisect_left(breaks, start)  # no break inside a head word: the same index serves both sides
    left = start - _CONTEXT_LEFT if start > _CONTEXT_LEFT else 0
    right = end + CONTEXT_RIGHT
    if at and breaks[at - 1] > left:
        left = breaks[at - 1]
    if at < len(breaks) and breaks[at] < right:
        right = breaks[at] + 1
    return left, right


class Discoverer:
    """All candidate-finding rules, compiled once for a lexicon."""

    def __init__(self, lexicon: Lexicon, *, use_pos: bool = True):
        self.rules = discovery_rules()
        self.lexicon = lexicon
        self.chunker: NounChunker | None = None  # when noun-chunk candidates are on
        words: dict[str, tuple] = {w: (e, None) for w, e in lexicon.by_surface.items()}
        for head, kinds in self.rules.heads.items():
            words[head] = (words.get(head, (None,))[0], kinds)
        self._word_matcher = Matcher(words)  # values: (word, (lexicon entry | None, head kinds | None))
        self.cuts = Cuts(lexicon)
        self.words = Words(self.rules, lexicon, self.cuts, use_pos=use_pos)
        self.heads = HeadWalk(self.words, use_pos=use_pos)
        self.launched = LaunchedNames(self.words)
        self.abbreviations = Abbreviations(self.rules, lexicon, self.cuts)
        # a name relative to its context window (or None), and whether a lexicon hit stands in it
        self._memo: wordtables.Bounded[tuple[str, int, int], tuple | None] = wordtables.Bounded(MEMO_LIMIT)
        self._memo_hits: wordtables.Bounded[tuple[str, int, int], bool] = wordtables.Bounded(MEMO_LIMIT)
        self._memo_lookups = self._memo_misses = 0

    def forget(self) -> None:
        """Drop what was remembered about local contexts (the benchmark measures cold runs)."""
        self._memo.clear()
        self._memo_hits.clear()
        self.cuts.forget()
        self._memo_lookups = self._memo_misses = 0

    def warm_up(self) -> None:
        """Load jieba's dictionaries now rather than on the first document that needs them."""
        wordtables.nouns()
        self.cuts.segmenter()

    def memo_hit_rate(self) -> float:
        """Share of head-word names decided from memory of the same local context."""
        return 1 - self._memo_misses / self._memo_lookups if self._memo_lookups else 0.0

    # -- the rules -----------------------------------------------------------------------

    def candidates(self, text: str) -> list[Candidate]:
        """Every rule's candidates in ``text`` (refined by the noun chunker, when on)."""
        found = self._word_matches(text)
        found += self._divisions_after_places(text, found)
        found += quoted_matches(text, self.words)
        found += duty_matches(text, self.words)
        found += self.abbreviations.matches(text)
        found += acronym_named(text, self.heads)
        found += self.launched.matches(text)
        found += state_body_matches(text, self.rules)
        found += zone_part_matches(text, self.rules)
        found += group_item_matches(text, self.rules)
        found += project_item_matches(text, self.words)
        found += line_matches(text, self.words)
        found += station_matches(text, self.words)
        found += natural_feature_matches(text, self.words)
        return found if self.chunker is None else self.chunker.refine(text, found)  # noun chunks, when on

    def _divisions_after_places(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Divisions named by their short form after their province or city (河南|兰考,
        广东广州|花都), as the lexicon's names."""
        after = []
        for c in found:
            if c.type == "place" and c.rule == "lexicon":
                division = self.words.division_after(text, c.start, c.end)
                if division is not None:
                    after.append(Candidate(c.end, division[0], "place", "lexicon", division[1]))
        return after

    def _word_matches(self, text: str) -> list[Candidate]:
        """Lexicon names and head-word names, from one pass of one automaton over the text.

        A head's name is decided once per local context (its bounds depend only on the
        characters around the head, and plans repeat their phrasing)."""
        found = []
        stands, memo, heads_seen = self._memo_hits, self._memo, 0
        breaks = [m.start() for m in _CONTEXT_BREAKS.finditer(text)]
        for end, (word, entry, kinds) in self._word_matcher.iter(text):
            end += 1
            start = end - len(word)
            if entry is not None and not ((word[0].isascii() and ascii_glued(text, start, end))
                                          or self.heads.name_blocked_right(text, word, end, entry.type)
                                          or self._local_body(text, start, entry)
                                          or self._described(text, start, word, entry)):
                left, window = window_around(text, start, end)  # what jieba is shown
                key = (window, start - left, end - start)
                ok = stands.get(key)
                if ok is None:
                    ok = self._lexicon_hit_stands(text, start, end, key, entry.type)
                if not ok and entry.type == "place":  # (beyond the remembered window)
                    ok = self.words.in_place_pair(text, start, end)  # 浙江|湖州, across 江湖
                if ok:
                    found.append(Candidate(start, end, entry.type, "lexicon", entry.name))
                    if entry.type == "product" and kinds is None and word.endswith(self.rules.kinds_of_known):
                        kinds = _KIND_OF_PRODUCT  # 文化|产业投资基金: a modifier makes a known type a kind of it
            if kinds is None:
                continue
            left, right = _context(breaks, start, end)
            key = (text[left:right], start - left, end - left)
            heads_seen += 1
            known = memo.get(key, _MISSING)
            if known is _MISSING:
                known = self._decide_name(text, start, end, word, kinds, left, key)
            if known is not None:
                found.append(Candidate(known[0] + left, known[1] + left, known[2], known[3], known[4]))
        self._memo_lookups += heads_seen
        return found

    def _decide_name(self, text: str, head_start: int, end: int, head: str, kinds: tuple[EntityType, ...],
                     left: int, key: tuple[str, int, int]) -> tuple | None:
        """Decide a head's name and remember it relative to its context window (which holds
        the words that block a head on its right: 银行|间)."""
        self._memo_misses += 1
        heads = self.heads
        candidate = None if heads.blocked_right(text, head, end, kinds) \
            else heads.name_ending_with(text, head_start, end, head, kinds)
        if candidate is not None and kinds is _KIND_OF_PRODUCT \
                and not self._kind_modifier(text[candidate.start:head_start]):
            candidate = None
        if candidate is not None and heads.head_inside_word(text, head_start, end, kinds):
            candidate = None  # asked last: cutting the text costs more than the walk
        known = None if candidate is None else (candidate.start - left, candidate.end - left,
                                                *candidate[2:])
        self._memo.keep(key, known)
        return known

    def _kind_modifier(self, modifier: str) -> bool:
        """Does the modifier make a known product type a kind of it (文化|产业投资基金)? A place
        (长三角|…) or a count (第三大|…) does not: those name where or how big, not which kind."""
        counted = any(c.isdigit() or c == "第" or c in COUNT_NUMERALS for c in modifier)
        return not counted and not self.words.has_place(modifier)

    def _local_body(self, text: str, start: int, entry) -> bool:
        """A central body's short form after a local level word is that level's own body:
        市发展改革委, 各省统计局, 县扶贫办 — not the national one."""
        if entry.type != "institution" or start == 0:
            return False
        return text.endswith(self.rules.local_levels, 0, start)

    def _described(self, text: str, start: int, word: str, entry) -> bool:
        """A platform whose name is generic words and its head, after a clause that describes
        it (打造立足湾区……的|跨境金融服务平台), is a platform described, not the one so named."""
        if entry.type != "institution" or start == 0 or text[start - 1] != "的":
            return False
        head = min((h for h in self.rules.platform_heads if word.endswith(h)), key=len, default=None)
        return head is not None and self.words.tiles_with_generic(word[:-len(head)])

    def _lexicon_hit_stands(self, text: str, start: int, end: int, key: tuple[str, int, int], kind: EntityType) -> bool:
        """No common word crosses the hit's edges, or jieba cuts there anyway; remembered
        per local context (上海金|融 is 上海+金融, but “上海金” stands)."""
        stands = not crossed(text, start, end, self.heads.continued(text, end, (kind,))) \
            or self.cuts.segmented_at(text, start, end) or self._modifies_a_noun(text, start, end)
        self._memo_hits.keep(key, stands)
        return stands

    def _modifies_a_noun(self, text: str, start: int, end: int) -> bool:
        """Is the hit the front of one jieba word made of it and a common noun (东盟|国家, which
        盟国 crosses)? The name then modifies that noun, and the guide counts it."""
        left, cuts = self.cuts.around(text, start, end)
        if start - left not in cuts or end - left in cuts:
            return False
        after = min((c for c in cuts if c > end - left), default=None)
        return after is not None and after - (end - left) >= 2 \
            and wordtables.word_counts()[text[end:left + after]] >= COMMON_WORD_FREQ
