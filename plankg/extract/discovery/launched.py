"""Launched names: a scheme named right after the verb that launches it, up to its head word at
a clause edge (开展|整治违法排污企业保障群众健康环保专项行动). The verb marks where the name
begins, so a name may hold verbs of its own."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...cjk import is_han
from .. import wordtables
from .candidate import Candidate
from .text import skip_words

if TYPE_CHECKING:
    from .rules import Launch
    from .words import Words

_CUT_WORD_FREQ = 5  # a dictionary word across a cut word's edge (工程|建设) keeps the cut word inside the name
_SPECIFIC_LENGTH = 12  # a modifier this long names one thing, however plain its words (债券市场跨境监管信息共享|系统)
_NATIONAL_LEAST = 8  # characters of a nationally opened name of plain words (not 国家科技改革)
_SHORT_PART = 3  # the most characters of a part before 和 that is a word of the name, not a name (居家|和|社区…)
_ACTED_LEAST = 4  # characters between a body's verb and the head for the body to act (…中心|建设|全国一体化…平台)


def launch_matches(text: str, launch: Launch) -> Iterator[re.Match[str]]:
    """``launch.pattern.finditer(text)``, trying the pattern only where a match can start: at a
    verb's first character, at most ``reach`` before a head at a clause edge (the pattern tried
    after every verb — for coordination bodies after every comma — cost more than the rest of
    the rule). A head at an edge inside another is covered: windows reach past each found head."""
    done = tried = 0  # where the last match ended; the first position not tried yet
    initials, pattern = launch.verb_initials, launch.pattern
    for head in launch.head_at_edge.finditer(text):
        for initial in initials.finditer(text, max(done, tried, head.start() - launch.reach), head.end() - 1):
            position = initial.start()
            if position >= done:
                match = pattern.match(text, position)
                if match:
                    done = match.end()
                    yield match
        tried = max(tried, head.end() - 1)


class LaunchedNames:
    """The launched-name rules (discovery.yaml's ``launched`` groups) over one lexicon's words."""

    def __init__(self, words: Words):
        self.words = words
        self.rules = words.rules
        self._verbs = wordtables.verbs()

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
        for match in launch_matches(text, launch):
            candidate = self._launched_name(text, launch, match)
            while candidate is not None:  # 实施|甲计划和|乙计划: the verb launches each name of a coordination
                found.append(candidate)
                chained = launch.chain.match(text, candidate.end)
                candidate = self._launched_name(text, launch, chained, chained=True) if chained else None
        return found

    def _launched_name(self, text: str, launch: Launch, match: re.Match[str],
                       chained: bool = False) -> Candidate | None:
        """The name one match launches, if its modifier is long and specific enough (and holds no
        document title's bracket: 你部《关于提请…联席会议…》 names the request). ``chained``: the match
        goes on from the last name, after a coordinator (…行动计划|和|县中托管帮扶工程)."""
        verb_start, end = match.start(), match.end("name")
        if not chained and match.start("name") - verb_start == 1 and is_han(text[verb_start]) \
                and not self.words.cuts.segmented_at(text, verb_start, verb_start + 1) \
                and not text.startswith(launch.verbs, verb_start + 1):
            return None  # 以|下简称…改革: a one-character verb inside a word (以下) launches nothing; but
            # a launching verb right after the word does (可以|启用|…系统)
        start = self._name_start(text, launch, match)
        if "《" in text[start:end] or self._joins_a_quantified(text, start, end):
            return None
        modifier = text[start:end - len(match.group("head"))]
        words = self.words
        unique = self._one_of_a_kind(text, start, launch)
        least = launch.one_of_a_kind_least if unique else \
            launch.least if words.opener_at(text, start) or self._market_system(text, start, launch) else \
            launch.least_listed if chained and not text.startswith(self.rules.local_levels, start) else \
            launch.least_plain
        right_after_verb = start == match.start("name") or \
            self.rules.counted_prefix.fullmatch(text, match.start("name"), start) is not None  # 开展|第一批|…试点
        if self.rules.is_generic(text[start:end]) or len(modifier) < least \
                or not (unique or self._specific(text, start, end, modifier, launch, right_after_verb)) \
                or words.only_where_or_known_scheme(modifier, match.group("head")):
            return None  # 开展浙江丽水|试点, 扩大QFLP|试点: where a pilot runs, or a known scheme; no new name
        return Candidate(start, end, launch.kind, "head")

    def _joins_a_quantified(self, text: str, start: int, end: int) -> bool:
        """Does a coordinator inside the name join a quantified phrase to it (中国国家人才网和|各地公共就业服务
        平台)? What follows is a kind held by many (each place's own), so the whole is no one name."""
        rules = self.rules
        return any(text.startswith(rules.quantifier_openings, m.end(), end)
                   for m in rules.coordinator.finditer(text, start, end))

    def _market_system(self, text: str, start: int, launch: Launch) -> bool:
        """Does a system's or platform's name open with a known market, as an opener opens a name
        (创业板|发行上市审核系统, 新三板|挂牌审查系统): a market's own system is one of a kind."""
        return launch.kind == "institution" and self.words.known_market_at(text, start)

    def _specific(self, text: str, start: int, end: int, modifier: str, launch: Launch, after_verb: bool) -> bool:
        """Does the modifier make the name one thing: words of its own (not only generic words:
        公共服务|平台 is a kind; fewer where the name starts right after its verb, ``after_verb``), a
        national opener before a long enough name (全国碳市场管理平台), or sheer length
        (债券市场跨境监管信息共享|系统)?"""
        words = self.words
        least_own = launch.least_own_after_verb if after_verb else launch.least_own
        return words.residue(modifier) >= least_own or len(modifier) >= _SPECIFIC_LENGTH or (
            words.national_at(text, start) and end - start >= _NATIONAL_LEAST)

    def _name_start(self, text: str, launch: Launch, match: re.Match[str]) -> int:
        """Where the launched name begins: after the verb, any cut word, leading verb or count."""
        words = self.words
        start, end = match.span("name")
        head_start = end - len(match.group("head"))
        cuts = self._cut_words(text, launch, start, head_start)
        if match.group("head").endswith(self.rules.platform_heads):  # 信息|对接|平台: the platform's own verb
            cuts = [w for w in cuts if len(w) < 2 or not text.startswith(w, head_start - len(w))]
        cut = max((self._cut_after(text, w, start, head_start) for w in cuts), default=start)
        if launch.strip_leading and text[cut - 1] in self.rules.joined_within and (
                end - cut < 6 or self._verb_at(text, cut) or self._joins_short_part(text, start, cut)):
            cut = start  # 排污权有偿使用和交易试点, …保护和修复重大工程: actions joined inside the name
        start = max(start, cut, self._after_known_actor(text, start, head_start))
        if match.group("head").endswith(self.rules.platform_heads):
            start = words.after_running_body(text, start, head_start)  # 国家能源局|电力安全监管信息系统
        start = words.leading_stops_end(text, start, end, launch.keep_leading) if launch.strip_leading else \
            skip_words(text, start, end, launch.verbs)
        counted = self.rules.counted_prefix.match(text, start, end)
        return counted.end() if counted else start  # 实施|8项|环境保护重点工程

    def _after_known_actor(self, text: str, start: int, head_start: int) -> int:
        """Where the name starts after a known body or a platform and the verbs it acts by inside
        the match (依托上海保险交易所|建设|…信息平台: the exchange builds the platform; 依托人民法院调解平台|
        建设|…对接平台: one platform builds the other; 依托国家信息中心|建设|…平台: a body not known
        builds it), or ``start``."""
        for k in range(head_start - 2, start + 1, -1):
            if text[k:k + 2] in self.words.stops and (
                    self.words.known_body_ends_at(text, k)
                    or text.endswith(self.rules.acting_platform_heads, start, k)
                    or self._unknown_actor(text, start, k, head_start)):
                return self.words.leading_stops_end(text, k, head_start)  # …平台|持续更新|…资源库
        return start

    def _unknown_actor(self, text: str, start: int, verb: int, head_start: int) -> bool:
        """Does a body's head end at ``verb``, where a verb of building or taking part starts, with a
        name's worth of words between the verb and the head (国家信息中心|建设|全国一体化…平台; not
        国家医学中心建设|部际联席会议, the body named for the work, nor 上市公司|并购重组…)?"""
        return text.startswith(self.rules.actor_verbs, verb) and head_start - verb - 2 >= _ACTED_LEAST \
            and text.endswith(self.rules.actor_heads, start, verb)

    def _joins_short_part(self, text: str, start: int, cut: int) -> bool:
        """Is the part before the coordinator at ``cut - 1`` a word or two of the name's own
        (居家|和|社区基本养老服务提升行动) rather than a name (a head word ends it, or it is longer)?"""
        return cut - 1 - start <= _SHORT_PART and self._joins_parts(text, text[cut - 1], start, cut)

    def _verb_at(self, text: str, position: int) -> bool:
        """Does a verb of two characters start at ``position`` (…保护和|修复…)? Joined verbs are actions
        inside one name; a noun after the coordinator starts a name of its own, and a verb before
        制 (not 制度) is one (…建设和|注册制改革试点, but …保护和修复制度改革试点)."""
        word, after, rules = text[position:position + 2], position + 2, self.rules
        if word not in self._verbs and word not in rules.soft_stops:
            return False
        return not text.startswith(rules.noun_suffix, after) or text.startswith(rules.noun_suffix_not, after)

    def _cut_words(self, text: str, launch: Launch, start: int, head_start: int) -> list[str]:
        """The cut words that may cut this name: those in its span (most of dozens are not), less a
        coordinator joining the parts of a name that a national opener begins (全国…人员和…数据库;
        a place opener may be followed by verbs, so there it still cuts)."""
        span = text[start:head_start]
        national = self.words.national_at(text, start)
        return [w for w in launch.cuts if w in span and not (
            national and w in self.rules.coordinators and self._joins_parts(text, w, start, head_start))]

    @staticmethod
    def _one_of_a_kind(text: str, start: int, launch: Launch) -> bool:
        """Do the words before the name make it one of a kind (全国统一的|在线监管系统, 国家建立|…系统)?
        Such a name needs no specific modifier: the country has one."""
        before = launch.one_of_a_kind
        return before is not None and before.search(text, max(0, start - launch.one_of_a_kind_reach), start) is not None

    def _joins_parts(self, text: str, word: str, start: int, end: int) -> bool:
        """Does the coordinator ``word`` join parts of one name (全国行政执法人员|和|法制审核人员数据库)
        rather than two names (人民银行征信中心|和|…平台)? The part before it ends in no head word."""
        at = text.rfind(word, start, end)
        return at != -1 and not self.words.head_ends_at(text, start, at)

    def _cut_after(self, text: str, word: str, start: int, end: int) -> int:
        """Where a name starts after the last ``word`` in ``text[start:end]`` that stands as a
        word of its own: 沪|建设|债券…平台 and 从|检查对象名录库 cut; 工程建设 and 检查对象 are
        dictionary words across the cut word's edge, and do not, unless jieba cuts the word out
        (实时|报送: 时报 is a word, but not there); only a one-character word's right edge counts
        (…纳入|城市… is cut although 入城 is a word)."""
        at = text.rfind(word, start, end)
        while at != -1:  # an earlier one cuts where the last is inside a word: 信息|在|全国…在线…平台
            if self._stands_as_word(text, word, at, start, end):
                return at + len(word)
            at = text.rfind(word, start, at)
        return start

    def _stands_as_word(self, text: str, word: str, at: int, start: int, end: int) -> bool:
        """Does the cut word at ``at`` stand as a word of its own inside ``text[start:end]``?"""
        after = at + len(word)
        if len(word) == 1 and not self.words.cuts.segmented_at(text, at, after):
            return False  # …消费品|以|旧换新…: jieba keeps 以旧换新 whole, so 以 cuts nothing
        freq = wordtables.word_counts()
        for edge in (at, after) if len(word) == 1 else (at,):
            if any(freq[text[i:j]] >= _CUT_WORD_FREQ for i in range(max(start, edge - 3), edge)
                   for j in range(edge + 1, min(end, edge + 3) + 1) if j - i >= 2):
                # unless jieba reads the word as one (实时|报送: 时报 is a word too, but not here)
                return len(word) > 1 and self.words.cuts.segmented_at(text, at, after)
        return True
