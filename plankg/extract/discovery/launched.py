"""Launched names: a scheme named right after the verb that launches it, up to its head word at
a clause edge (开展|整治违法排污企业保障群众健康环保专项行动). The verb marks where the name
begins, so a name may hold verbs of its own."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import wordtables
from .candidate import Candidate
from .text import skip_words

if TYPE_CHECKING:
    from .rules import Launch
    from .words import Words

_CUT_WORD_FREQ = 3  # a dictionary word across a cut word's edge (工程|建设) keeps the cut word inside the name


def launch_matches(text: str, launch: Launch) -> Iterator[re.Match[str]]:
    """``launch.pattern.finditer(text)``, trying the pattern only where a match can start: at a
    verb's first character, at most ``reach`` before a head at a clause edge (the pattern tried
    after every verb — for coordination bodies after every comma — cost more than the rest of
    the rule). A head at an edge inside another is covered: windows reach past each found head."""
    done = tried = 0  # where the last match ended; the first position not tried yet
    initials, pattern = _any_of(launch.verb_initials), launch.pattern
    for head in launch.head_at_edge.finditer(text):
        for initial in initials.finditer(text, max(done, tried, head.start() - launch.reach), head.end() - 1):
            position = initial.start()
            if position >= done:
                match = pattern.match(text, position)
                if match:
                    done = match.end()
                    yield match
        tried = max(tried, head.end() - 1)


@lru_cache(maxsize=64)
def _any_of(characters: frozenset[str]) -> re.Pattern[str]:
    """A pattern matching any one of ``characters``: the verbs' initials found by one scan
    of a window instead of a look-up per character."""
    return re.compile("[" + "".join(map(re.escape, sorted(characters))) + "]")


class LaunchedNames:
    """The launched-name rules (discovery.yaml's ``launched`` groups) over one lexicon's words."""

    def __init__(self, words: Words):
        self.words = words
        self.rules = words.rules
        self._counted = re.compile(self.rules.counted_prefix)  # 8项|, 三大| (not 三年|百万青年见习计划)

    def matches(self, text: str) -> list[Candidate]:
        """The names every group of launching verbs launches in ``text``: 实施|主要农作物生产全程
        机械化推进行动."""
        found = []
        for launch in self.rules.launched:
            found += self._launched(text, launch)
        return found

    def _launched(self, text: str, launch: Launch) -> list[Candidate]:
        """The names one group launches: from after the verb (and any cut word, leading verb or
        count) to the head, if the modifier is long and specific enough."""
        found = []
        kind, least = launch.kind, launch.least
        words = self.words
        for match in launch_matches(text, launch):
            start, end = match.span("name")
            head_start = end - len(match.group("head"))
            span = text[start:head_start]  # only the cut words in it can cut it (most of dozens are not)
            cut = max((self._cut_after(text, w, start, head_start) for w in launch.cuts if w in span), default=start)
            if launch.strip_leading and text[cut - 1] in "和与及或" and end - cut < 6:
                cut = start  # 排污权有偿使用和交易试点: the coordination is inside the name
            start = max(start, cut)
            start = words.leading_stops_end(text, start, end) if launch.strip_leading else \
                skip_words(text, start, end, launch.verbs)
            counted = self._counted.match(text, start, end)
            if counted:  # 实施|8项|环境保护重点工程
                start = counted.end()
            modifier = text[start:end - len(match.group("head"))]
            if self.rules.is_generic(text[start:end]) or words.residue(modifier, self.rules.generic_modifiers) < 4 \
                    or len(modifier) < (least if words.opener_at(text, start) else launch.least_plain):
                continue
            found.append(Candidate(start, end, kind, "head"))
        return found

    @staticmethod
    def _cut_after(text: str, word: str, start: int, end: int) -> int:
        """Where a name starts after the last ``word`` in ``text[start:end]`` that stands as a
        word of its own: 沪|建设|债券…平台 and 从|检查对象名录库 cut; 工程建设 and 检查对象 are
        dictionary words across the cut word's edge, and do not (only a one-character word's
        right edge counts: …纳入|城市… is cut although 入城 is a word)."""
        at = text.rfind(word, start, end)
        if at == -1:
            return start
        after = at + len(word)
        freq = wordtables.word_counts()
        for edge in (at, after) if len(word) == 1 else (at,):
            if any(freq[text[i:j]] >= _CUT_WORD_FREQ for i in range(max(start, edge - 3), edge)
                   for j in range(edge + 1, min(end, edge + 3) + 1) if j - i >= 2):
                return start
        return after
