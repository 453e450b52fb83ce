"""Head-word names: from a head word (…银行, …试验区, …行动) the walk left over the words of its
modifier to where the name begins, and the checks a head's name must pass (not generic, not a
false head, specific enough, not blocked on its right, not inside a word jieba keeps whole)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ...cjk import COUNT_NUMERALS, DASHES, is_han
from ...patterns import alternation
from .. import wordtables
from ..model import EntityType
from .candidate import Candidate
from .text import COMMON_WORD_FREQ, bracketed_place, is_name_char

if TYPE_CHECKING:
    from ..lexicon import Lexicon
    from .cuts import Cuts
    from .rules import DiscoveryRules
    from .words import Words

CONTEXT_RIGHT = 7  # characters after a head its name depends on: blockers (3), an opener running past it (7)
_NAMED_AFTER_PROVINCE = ("place", "programme")  # kinds whose names do not take in their province
_NO_BLOCKERS: tuple[frozenset[str], list[int]] = (frozenset(), [])  # a head without right blockers
_JOINED_PART = 7  # the longest part of a name before its coordinator: 国家级 and four characters
_DASH = DASHES[0]  # the em dash joins two places in one name (中国—东盟); doubled it sets off a clause
_PROPER_NAME_LENGTHS = (2, 4)  # characters of a short proper name before its head (罗泾, 小洋山北)
_PHASED_LEAST = 3  # name characters before a project's phase (引汉济渭|二期; not 、中线|一期)
_MIN_AFTER_PROVINCE = 3  # characters of modifier that must remain after the province
_NATIONAL_REACH = 6  # characters between a national opener and a head inside its body's name (中国|城市规划设计)
_INDEX_BRAND_JOINERS = DASHES + "·"  # between an index's brand and its own words (中债-新综合指数)
_BRACKET_REACH = 12  # characters between a company's seat in brackets and the walk's start (（上海）|私募投资基金)
_ZONE_HEAD_FRONT = 2  # the most characters a longer zone head has before a shorter one (综合|保税区, 高新|区)


@dataclass
class _Walk:
    """Where a leftward walk met soft stops and name openers."""

    soft: int | None = None  # right edge of the soft stop nearest the head
    openers: list[int] = field(default_factory=list)  # opener positions, nearest first
    verb: int | None = None  # right edge of the verb nearest the head, if the walk crossed one
    national: set[int] = field(default_factory=set)  # openers that are national (国家, 全国 …), not places
    national_only: bool = False  # only a national opener beyond a soft stop starts the name (a product's)

    def start(self, walked_to: int) -> int:
        """Where the name starts, the walk having reached ``walked_to``."""
        if self.soft is None:
            return walked_to
        # beyond a verb only a national opener starts a name (国家|…推进机制, not 浙江|实行…工程)
        # A product's name crosses one only to a national opener (国家|助学|贷款): a place before a soft
        # stop names the firms that act (前海合作区内保险机构|开发|航运保险).
        beyond = [p for p in self.openers if p < self.soft and (
            p in self.national or (not self.national_only and (self.verb is None or p >= self.verb)))]
        # Cross a soft stop only to reach an opener: 国家|绿色发展基金, not 金融机构发展绿色基金.
        return beyond[-1] if beyond else self.soft


def _proper_name(modifier: str) -> bool:
    """Is the modifier a short proper name, opening with no common word (罗泾|港区, 淠史杭|灌区; not
    沿海|港区, nor a verb run into a name: 整治宁蒙|河段)?"""
    counts = wordtables.word_counts()
    return _PROPER_NAME_LENGTHS[0] <= len(modifier) <= _PROPER_NAME_LENGTHS[1] \
        and all(is_han(c) for c in modifier) \
        and all(counts[modifier[:n]] < COMMON_WORD_FREQ for n in range(2, len(modifier) + 1))


class HeadWalk:
    """The head-word rules for one lexicon's words."""

    def __init__(self, words: Words, *, use_pos: bool = True):
        self.words = words
        self.rules: DiscoveryRules = words.rules
        self.lexicon: Lexicon = words.lexicon
        self.cuts: Cuts = words.cuts
        self.use_pos = use_pos
        # words before a known name that leave it the name (跨境|ETF期权, 长三角区域|人民银行); before a
        # product only the product's own generic words: 绿色 makes a kind (绿色|公司信用类债券)
        self._tail_generic = (self.rules.product_generic_modifiers | self.rules.generic_modifiers,
                              self.rules.product_generic_modifiers | self.rules.served_groups)
        # before a known insurance, what it covers too (三大粮食作物|完全成本保险); before a fund or a
        # financing the same words name its kind (粮食产业投资基金, 粮食仓单融资)
        self._tail_generic_insured = self._tail_generic[True] | self.rules.insured_objects
        self._insurance_finals = tuple(self.rules.insured_risk_tails)  # (…保险, …险)
        self._blockers = {head: (frozenset(b), sorted({len(x) for x in b}))
                          for head, b in self.rules.right_blockers.items()}
        if any(lengths[-1] > CONTEXT_RIGHT for _, lengths in self._blockers.values()):
            raise ValueError("a right blocker runs past the context a head's name is remembered by")
        self._word_blockers: dict[str, set[str]] = {}
        for head, blockers in self.rules.right_blockers.items():
            self._word_blockers.setdefault(head[-1], set()).update(b for b in blockers if len(b) == 1)
        units = alternation(self.rules.number_units)
        self._count_before = re.compile(f"[{COUNT_NUMERALS}](?:{units})$")  # 最后一日|…
        self._unit_finals = frozenset(u[-1] for u in self.rules.number_units)  # where a count can end
        self._soft_stops_longest_first = sorted(self.rules.soft_stops, key=lambda w: (-len(w), w))
        # the openers of a name whose coordinator joins two short parts, by the kind of the name
        self._joined_openers: dict[EntityType, tuple[str, ...]] = {
            "programme": self.rules.joined_name_openers, "institution": self.rules.joined_body_openers}

    def name_blocked_right(self, text: str, name: str, end: int, kind: EntityType) -> bool:
        """A known name whose last character starts another word: 跨境理财通|道, 上海银行|间.
        (原油期货|市场 still names 原油期货.) A product type before the word for its manager
        names a kind of firm (私募证券投资基金|管理人)."""
        if kind == "product" and self._before_its_manager(text, end):
            return True
        blockers = self._word_blockers.get(name[-1])
        return blockers is not None and end < len(text) and text[end] in blockers \
            and not self.continued(text, end, (kind,))

    def _zone_modifier(self, modifier: str, head: str) -> str:
        """The modifier before the longest zone head that ends with ``head`` (试点地区|综合|保税区: the
        zone is a 综合保税区, after 试点地区)."""
        for n in range(min(len(modifier), _ZONE_HEAD_FRONT), 0, -1):
            if modifier[-n:] + head in self.rules.zone_heads:
                return modifier[:-n]
        return modifier

    def _before_its_manager(self, text: str, end: int) -> bool:
        """Does the word for a product's manager or custodian follow ``end`` (…基金|管理人, …|托管)?"""
        return text.startswith(self.rules.product_firms, end)

    def continued(self, text: str, end: int, kinds: tuple[EntityType, ...]) -> bool:
        """Does a word that only continues a product name follow it (农业保险|业务)? Not after
        other kinds: in 自贸试验区银行|业务 the bank is the generic 银行业务, banking."""
        return "product" in kinds and text.startswith(self.rules.name_continuations, end)

    def blocked_right(self, text: str, head: str, end: int, kinds: tuple[EntityType, ...]) -> bool:
        """Does a word that blocks the head start right after it (银行|间 is no bank)? Not a word
        that only continues a product name (…保险|业务). A product type before the word for its
        manager names a kind of firm (外资私募证券投资基金|管理人)."""
        if kinds == ("product",) and self._before_its_manager(text, end):
            return True
        blockers = self._blockers.get(head)
        if blockers is None:
            return False
        continued = max((len(w) for w in self.rules.name_continuations if text.startswith(w, end)), default=0) \
            if "product" in kinds else 0
        return any(text[end:end + n] in blockers[0] for n in blockers[1] if n > continued)

    def head_inside_word(self, text: str, head_start: int, end: int, kinds: tuple[EntityType, ...]) -> bool:
        """Is the head only part of a word here? A verb or function word runs into it (进行|动态
        has no 行动), a word runs on past it (大部分|行业 has no 行), or a known name holds it
        (南通市 has no 通), as jieba cuts the text knowing the lexicon."""
        if not self.use_pos or not self._may_hold_head(text, head_start, end):
            return False
        left, cuts = self.cuts.around(text, head_start, end)
        start, stop = head_start - left, end - left
        if start not in cuts:
            word_end = min(c for c in cuts if c > start)
            word = text[left + max(c for c in cuts if c < start):left + word_end]
            if word in (self.words.stops if word_end < stop else self.lexicon.by_surface if word_end > stop else ()):
                return True
        return stop not in cuts and max(c for c in cuts if c < stop) >= start \
            and not self.continued(text, end, kinds)  # 渔业保险|业务: jieba's 保险业务

    def _may_hold_head(self, text: str, head_start: int, end: int) -> bool:
        """Only a stop word ending inside the head, a known name over it or a dictionary word
        running on past its end can make ``head_inside_word`` true: looked up before cutting."""
        stops, known, freq = self.words.stops, self.lexicon.by_surface, wordtables.word_counts()
        for i in range(max(0, head_start - 3), head_start):  # plain loops: cheaper than any() here
            for k in range(head_start + 1, end):
                if text[i:k] in stops:
                    return True
            for j in range(end + 1, end + 4):
                if text[i:j] in known:
                    return True
        after = range(end + 1, min(end + 4, len(text) + 1))
        for i in range(head_start, end):
            for j in after:
                if freq[text[i:j]]:
                    return True
        return False

    def name_ending_with(self, text: str, head_start: int, end: int, head: str,
                         kinds: tuple[EntityType, ...]) -> Candidate | None:
        """The name ending in the head at ``text[head_start:end]``: the walk's start (or a known
        name's before the head), after any province, if the head-word rules accept it."""
        walk_from = self._before_index_count(text, head_start, head, kinds)
        start = self.name_start(text, walk_from, kinds[0], loose=head in self.rules.loose_heads)
        if walk_from != head_start and walk_from - start < 2:
            return None  # 前|100|指数: a count with no words of a name before it
        start = self._known_modifier_start(text, head_start, kinds[0], start)
        if "benchmark" in kinds and head.endswith(self.rules.index_word):
            start = self._index_brand_start(text, start, head_start)
        if head in self.rules.bracketed_company_heads:
            start = self._company_brand_start(text, start, head_start)
        start = self._at_word_edge(text, start, head_start)
        named_after_province = kinds[0] in _NAMED_AFTER_PROVINCE
        start = self._after_its_province(text, start, head_start, head, kinds[0])
        if head in self.rules.port_district_heads:
            start = self._after_port(text, start, head_start)
        # a body is named after its place (上海市|建设委员会), but not after a province and city that act
        pairs = tuple(self.words.place_pairs_at(text, start))
        places = (*self.words.division_names_at(text, start), *pairs) if named_after_province else pairs
        start = self._after_acting_place(text, start, head_start, places, self._soft_stops_longest_first)
        if "product" not in kinds:  # (海南自由贸易港|建设投资基金: a fund's name holds the verb it funds)
            start = self._after_bare_acting_place(text, start, head_start)
        if kinds[0] == "institution" and head in self.rules.platform_heads:
            start = self.words.after_running_body(text, start, head_start)
        # 湖北省黄石市|试点…, QFLP|试点: places or a known scheme, then 试点, name no new pilot; but an
        # event is named by where it is held (乌镇|戏剧节, 陆家嘴|论坛)
        if kinds[0] == "programme" and head not in self.rules.event_heads \
                and self.words.only_where_or_known_scheme(text[start:head_start], head):
            return None
        if kinds[0] == "institution":
            start = self._branch_start(text, start, end)
        return self.head_name(text, start, head_start, end, head, kinds)

    def _branch_start(self, text: str, start: int, end: int) -> int:
        """Where a known body's branch named after its place starts: at the body (国家外汇管理局|新疆
        维吾尔自治区|分局), which the walk does not reach over a place ending in a head (区, 省); else ``start``."""
        word = next((w for w in self.rules.branch_words if text.endswith(w, 0, end)), None)
        place = None if word is None else self.words.known_place_start(text, end - len(word))
        body = None if place is None else self.words.known_body_start(text, place)
        return body if body is not None and body < start else start

    def _index_brand_start(self, text: str, start: int, head_start: int) -> int:
        """Where an index's name starts at the brand it is published under, written before its own words
        (深证|创新指数, 中证|上海环交所碳中和指数, 中债-|新综合指数), which the walk stops short of at a verb
        inside the name (创新, 成长); else ``start``. The nearest brand only, standing as a word of its own,
        with no other index and no list between it and the head (中证REITs指数|等|指数 names no index)."""
        rules = self.rules
        for at in range(start - 1, max(0, head_start - rules.max_modifier) - 1, -1):
            n = next((n for n in rules.index_brand_lengths if text[at:at + n] in rules.index_brands), None)
            if n is None:
                continue
            rest = text[at + n + (text[at + n] in _INDEX_BRAND_JOINERS):head_start]
            if rest and all(is_name_char(c) for c in rest) and rules.index_word not in rest \
                    and "等" not in rest and rules.coordinator.search(rest) is None \
                    and self.cuts.segmented_at(text, at, at + n) \
                    and wordtables.word_counts()[text[at + n - 1:at + n + 1]] < COMMON_WORD_FREQ:
                return at  # (not 保证|中证|券…: a common word across the brand's end)
            return start
        return start

    def _company_brand_start(self, text: str, start: int, head_start: int) -> int:
        """Where a company named brand（seat）business starts: at its brand, walked from the bracket
        (鸿鹄志远|（上海）私募投资基金有限公司), if the seat stands between ``start`` and the head with name
        characters only after it; else ``start``."""
        close = text.rfind("）", max(0, start - _BRACKET_REACH), head_start)
        if close == -1 or not all(is_name_char(c) for c in text[close + 1:head_start]):
            return start
        open_at = bracketed_place(text, close + 1)
        if open_at is None:
            return start
        brand = self.name_start(text, open_at, "institution")
        return brand if open_at - brand >= 2 and brand < start else start

    def _before_index_count(self, text: str, head_start: int, head: str, kinds: tuple[EntityType, ...]) -> int:
        """Where the walk to an index's name starts: before the count of constituents it is named by,
        where words stand before that count (中证科技|100|指数, 中证|A500|指数); else at the head."""
        if "benchmark" not in kinds or not head.endswith(self.rules.index_word):
            return head_start
        count = self.rules.index_count.search(text, max(0, head_start - 5), head_start)
        if count is None or count.start() == 0 or not is_name_char(text[count.start() - 1]):
            return head_start
        return count.start()

    def _after_its_province(self, text: str, start: int, head_start: int, head: str, kind: EntityType) -> int:
        """Where a name starts after the province it lies in, a name of its own beside it (the guide
        takes adjacent names apart): a full province name before a zone or scheme (宁夏回族自治区|宁东
        能源化工基地, 四川省|成都市); any form of one run into the place the name is named after
        (湖北|武汉农村综合产权交易所, 内蒙古|和林格尔新区, 吉林|松原灌区; but 辽宁滨海实验室, a body named
        after both) or into a short proper name of a district or a project (四川|向家坝灌区, 四川|引大济岷工程)."""
        if kind in _NAMED_AFTER_PROVINCE:
            for n in self.words.province_lengths:
                if head_start - start - n >= _MIN_AFTER_PROVINCE and text[start:start + n] in self.words.provinces:
                    start += n
                    break
        for k in self.words.province_forms_at(text, start):
            rest = text[start + k:head_start]
            if self.words.opens_with_place(rest) and (
                    len(rest) >= _MIN_AFTER_PROVINCE or (kind != "institution" and rest in self.words.place_names)):
                return start + k
            if (head in self.rules.proper_named_heads or kind == "programme") and _proper_name(rest):
                return start + k
        return start

    def _after_port(self, text: str, start: int, head_start: int) -> int:
        """A port district's name starts after the known port it belongs to (广州港|南沙港区), however
        the walk read the port (港南 is a district elsewhere)."""
        port = self.rules.port_ending
        for end in range(head_start - 2, start, -1):
            if text.startswith(port, end - len(port)) and self.words.known_place_ends_at(text, end):
                return end
        return start

    def _after_bare_acting_place(self, text: str, start: int, head_start: int) -> int:
        """After a place named bare, the verbs it acts by, one or several (香港|联动|发展|离岸人民币市场)."""
        acted = self._after_acting_place(text, start, head_start, tuple(self.words.place_names_at(text, start)),
                                         self.rules.place_acts)
        while acted != start:
            start, acted = acted, self._after_acting_place(text, acted, head_start, (0,), self.rules.place_acts)
        return start

    def _after_acting_place(self, text: str, start: int, head_start: int, places: tuple[int, ...],
                            verbs: Iterable[str]) -> int:
        """A city or county that acts on a scheme is no part of its name: 萍乡市|创新|海绵城市试点,
        宁夏银川|建设|互联网医院监管平台, 澳门|建设|中葡金融服务平台. ``places`` are the lengths of the places
        at ``start``; ``verbs`` the words (longest first) by which one acts: the soft stops after a place
        with its division word or a province and its city, the verbs of ``place_acts`` after a bare
        place name. The verb must stand as a word of its own (上海市|服务业|发展引导资金 has no verb 服务)."""
        for n in places:
            for word in verbs:
                after = start + n + len(word)
                if text.startswith(word, start + n) and head_start - after >= 2 \
                        and self.cuts.segmented_at(text, start + n, after):
                    return after
        return start

    def head_name(self, text: str, start: int, head_start: int, end: int, head: str,
                  kinds: tuple[EntityType, ...]) -> Candidate | None:
        """The head-word rules' verdict on ``text[start:end]`` as a name ending in ``head``
        (generic, false-head, qualifier and specificity checks), wherever its start came from."""
        modifier = text[start:head_start]
        name = text[start:end]
        rules = self.rules
        if len(modifier) < (rules.min_modifier_single_head if len(head) == 1 else rules.min_modifier) \
                and not (head in rules.one_character_heads and modifier in rules.one_character_underlyings):
            return None
        after_known = self._named_after_known(modifier, head)
        if head in rules.long_heads and (
                len(modifier) < rules.long_heads[head]
                or self.words.residue(modifier) < rules.long_heads[head] // 2) and not after_known:
            return None
        if rules.is_generic(name) or self.words.false_head_ends_at(name, len(name), len(head)):
            return None
        if head in rules.pilot_heads and self.words.is_known_venue(modifier):
            return None  # 上海股权托管交易中心|试点: a pilot held at the known body, no new one; a known
            # scheme or product with 试点 is a pilot of its own (本外币合一银行结算账户体系试点, REITs试点)
        qualifiers = rules.qualifiers.get(head)
        if qualifiers is not None and not any(q in modifier for q in qualifiers):
            return None
        if head in rules.place_heads_only and not self.words.ends_with_place(modifier):
            return None  # 国务院推进|政府, 稽查情况通报当地|人民政府: not a named government
        if head in rules.proper_named_only_heads and not (
                _proper_name(modifier) and wordtables.word_counts()[modifier[-2:]] < COMMON_WORD_FREQ):
            return None  # 河北境内|调蓄水库, 古|码头|遗址: a kind of site, where it lies or what it was, no named one
        if head in rules.owned_heads and not self.words.opener_at(text, start) \
                and not any(owner in modifier for owner in rules.owners) \
                and not (head in rules.proper_named_heads and _proper_name(modifier)):
            return None  # 县级|医院, 上级|医院: a kind or a level of hospital, no named one
        if head in rules.market_member_heads and self.words.known_market_ends_at(text, head_start):
            return None  # 新三板创新层|公司: the firms of a market, a kind of firm
        if self.words.unnamed_list(text, start, head_start, head):
            return None  # 污染地块|名录, 国家实行|…清单: a list kept anywhere, or a clause, not the national one
        specific = qualifiers is not None or head in rules.loose_heads \
            or ((least := rules.plain_named_heads.get(head)) is not None and len(modifier) >= least) \
            or after_known or self.words.is_specific(text, start, modifier)
        for kind in kinds:
            if kind == "product" and (self.words.is_known_body(modifier) or (
                    head in rules.insured_heads and modifier.endswith(rules.insured_people))):
                continue  # 中国人民建设银行|贷款: one lender's loans; 老年人|保险: whom it insures
            if kind == "product" and not self.words.tiles_with(modifier, self.words.product_generic):
                return self.known_tail(text, start, end, kind) or Candidate(start, end, kind, "head")
            if kind == "place" and head in rules.zone_heads and (
                    self._zone_modifier(modifier, head).endswith(rules.zone_not_after) or (
                    not self.words.has_place(modifier) and not self.words.opener_at(text, start)
                    and not self.words.province_ends_at(text, start))):
                continue  # 结果|开发区, 这一跨省|市: a zone is named after a place (or follows its province),
                # not after where a kind of zone lies (台湾地区|科技园区)
            if head in rules.place_named_heads and not self.words.names_place(modifier):
                continue  # 全国|自然保护区, 地方特色|消费中心: a zone or a centre is named after its place
            if kind != "product" and (kind not in rules.needs_specific or specific):
                return self.known_tail(text, start, end, kind) or Candidate(start, end, kind, "head")
        return None

    def _named_after_known(self, modifier: str, head: str) -> bool:
        """Is this an ordinary word's name after a known product, market or scheme (数字人民币|试点,
        区域性股权市场创新|试点), long enough for ``known_long_heads``?"""
        least = self.rules.known_long_heads.get(head)
        return least is not None and len(modifier) >= least and self.words.holds_known(modifier)

    def _known_modifier_start(self, text: str, head_start: int, kind: EntityType, walked_to: int) -> int:
        """Where the name starts: where a known name standing right before the head begins, if
        before where the walk stopped (京津冀协同发展|领导小组): the walk stops at the verbs inside
        such a name, but a known name is a modifier as a whole. ``walked_to`` when there is
        none, or when the name is a place before a place head."""
        lengths = self.words.known_lengths.get(text[head_start - 2:head_start]) if head_start >= 2 else None
        if lengths is None:
            return walked_to
        by_surface = self.lexicon.by_surface
        for n in lengths:  # longest first: once a name would start at or after the walk's start, none helps
            if head_start - n >= walked_to:
                return walked_to
            if n > head_start:
                continue
            entry = by_surface.get(text[head_start - n:head_start])
            if entry is not None and (kind != "place" or entry.type != "place") \
                    and self.cuts.segmented_at(text, head_start - n, head_start):
                return head_start - n
        return walked_to

    def known_tail(self, text: str, start: int, end: int, kind: EntityType) -> Candidate | None:
        """A known name behind generic or place words, or a known product type behind a verb, is that
        name: 跨境|ETF期权, 长三角区域|人民银行, 可发放|经营性物业贷款.
        So is a known body that opens with a national word, behind anything but a place: nothing
        is named by a word before 国务院办公厅 (a line run on: 推广清单|国务院办公厅)."""
        for cut in range(start + 1, end - 1):
            entry = self.lexicon.by_surface.get(text[cut:end])
            if entry is not None and entry.name in self.rules.zone_categories:
                return None  # 昆山|综合保税区: the place's own zone, one name
            if entry is not None and entry.type == "programme" and kind == "place" \
                    and self.words.is_place_run(text[start:cut]):
                return Candidate(cut, end, "programme", "lexicon", entry.name)  # 嘉兴|科创金融改革试验区
            if entry is not None and entry.type == kind and (
                    kind == "place" or self._national_body(text, start, cut, end)
                    or self.words.tiles_with(text[start:cut], self._tail_words(kind, text[cut:end]))
                    or (kind == "product" and self._modal_before_verb(text, start, cut) is not None)):
                # (可|发放|经营性物业贷款: a product's name holds verbs, 碳排放权|质押贷款, but none after 可 or 应)
                # a known place ending a longer place name is a name of its own: 东莞运河|东莞市
                return Candidate(cut, end, kind, "lexicon", entry.name)
        return None

    def _tail_words(self, kind: EntityType, known: str) -> frozenset[str]:
        """The words before a known name of ``kind`` that leave it the name: a place's or a body's
        generic words; a product's own, and before an insurance what it covers."""
        if kind != "product":
            return self._tail_generic[False]
        return self._tail_generic_insured if known.endswith(self._insurance_finals) else self._tail_generic[True]

    def _modal_before_verb(self, text: str, start: int, cut: int) -> int | None:
        """Where the modal stands before the verb that ends at ``cut``, not before ``start``; None
        when no verb ends there or no modal stands before it (可|发行|绿色债券). The walk asks at every
        character: the stop word is looked up only where a modal stands within a verb's reach."""
        reach = text[max(start, cut - self.words.longest_stop - 1):cut - 1]
        if not any(ch in self.rules.modals for ch in reach):
            return None
        verb = self.words.stop_ending_at(text, cut)
        modal = cut - len(verb) - 1 if verb is not None else -1
        return modal if modal >= start and text[modal] in self.rules.modals else None

    def _at_word_edge(self, text: str, start: int, head_start: int) -> int:
        """``start``, or where the word that runs across it ends (对标|世界银行: 标 is the end of 对标),
        unless a known name starts there or runs across it (郑商|所…: jieba may read 所 with what follows)."""
        if start == 0 or not self.words.dictionary_word_across(text, start) or not self.cuts.runs_on(text, start) \
                or self.words.known_name_at_or_across(text, start):
            return start
        left, cuts = self.cuts.around(text, start, start)
        return min((left + c for c in cuts if left + c > start), default=head_start)

    def _after_modal(self, text: str, start: int, cut: int) -> bool:
        """Does a verb after a modal end at ``cut`` (可|设立|…基金), the modal no part of a word that
        builds product names (可持续发展|挂钩贷款, 可|交换债券)?"""
        modal = self._modal_before_verb(text, start, cut)
        return modal is not None and not self.words.product_word_at(text, modal)

    def _national_body(self, text: str, start: int, cut: int, end: int) -> bool:
        """Is ``text[cut:end]`` a central body's name (opening with 国务院, 中国 …; ending 部), not
        right after a place and standing as a word of its own (电子|商务部 is a company's 电子商务部)?"""
        return (self.words.national_at(text, cut) or text.endswith(self.rules.national_endings, cut, end)) \
            and not self.words.ends_with_place(text[start:cut]) and self.cuts.segmented_at(text, cut, end)

    def _dash_joins_places(self, text: str, dash: int) -> bool:
        """Does the dash at ``dash`` join a known place or a name opener before it to the name after
        it (黑河—布拉戈维申斯克, 中国—东盟)? Not a clause dash (——)."""
        if text[dash - 1:dash] == _DASH or text[dash + 1:dash + 2] == _DASH:
            return False
        return self.words.known_place_ends_at(text, dash) or any(text.endswith(o, 0, dash) for o in self.rules.openers)

    def name_start(self, text: str, head_start: int, kind: EntityType, loose: bool = False) -> int:
        """Walk left from the head over name characters to where the name begins.

        Hard stops (function words, verbs) end the walk. Soft stops — words that also
        occur inside names, like 发展 or 管理 — end it too, unless a name opener
        (国家, 中国, a place name) stands beyond them: 国家绿色发展基金.
        """
        words = self.words
        walk = _Walk(national_only=kind == "product")
        position = head_start
        limit = max(0, head_start - (self.rules.loose_head_reach if loose else self.rules.max_modifier))
        stops = words.product_stops if kind in ("product", "market") else words.stops
        while position > limit:
            ch = text[position - 1]
            if ch == "）":
                jumped = bracketed_place(text, position)
                if jumped is None:
                    break
                position = jumped
                continue
            if ch == _DASH and self._dash_joins_places(text, position - 1):
                position -= 1  # 中国|—|东盟产业合作区, 黑河|—|布拉戈维申斯克…: a pair of places named as one
                continue
            if not is_name_char(ch) or ch.isdigit():
                break
            if ch in self._unit_finals and self._count_before.search(text, max(0, position - 5), position):
                if kind == "programme" and position == head_start and self._phase_before(text, position):
                    position -= 2  # 南水北调东线|二期|工程: a project's phase is part of its name
                    continue
                break  # 最后一日|人民币汇率中间价: a count is not part of a name
            inner = self._inner_head_ending(text, position, kind) if ch in words.head_finals else None
            if inner is False:
                opener = self._national_opening(text, position, limit) if kind == "institution" else None
                if opener is not None:  # 中国|国际工程|咨询有限公司: a national body's name runs over other heads
                    walk.openers.append(opener)
                    walk.national.add(opener)
                    position = opener
                break
            if inner and (walk.verb is not None or (
                    walk.soft is not None and walk.soft < head_start and inner in self.rules.actor_heads)):
                break  # 国家粮食应急工作指挥部|下设|办公室: beyond a verb a whole body is another name, as a body
                # that acts is beyond a soft stop apart from the head (国家信息中心|建设|…平台)
            if inner:  # walk over a head allowed inside this name as a whole: 交易所|债券市场
                position -= len(inner)
                continue
            # (the character tests below only spare a call where no stop word ends, no opener starts)
            word = words.stop_ending_at(text, position, stops=stops) if ch in words.stop_finals else None
            if word is None and kind == "product" and ch in words.stop_finals \
                    and self._after_modal(text, limit, position):
                break  # 地方可设立|青年创业投资引导基金: a verb after a modal is no part of a product's name
            if loose and position == head_start and word not in words.listed_stops:
                word = None  # 互换|通, 理财|通: a verb right before a loose head is the scheme's own word
            openers = self._joined_openers.get(kind) if word in self.rules.coordinators else None
            joined = self._national_part_before(text, position - len(word), openers) \
                if word is not None and openers else None
            if joined is not None:  # 国家|文化和旅游消费示范城市, 中国化学|与|物理电源行业协会: parts of one name
                walk.openers.append(joined)
                walk.national.add(joined)
                position = joined
                break
            if word is not None and word not in self.rules.soft_stops and (
                    word in words.listed_stops or kind in ("product", "market")):
                if not text.startswith(self.rules.modifier_suffixes, position):
                    break
                position -= len(word)  # 持有|型: the suffix makes the stop a modifier inside the name
                continue
            if word is not None and self._actor_before(text, position - len(word), word, position < head_start):
                break  # 深圳证券交易所|建设|世界一流交易所: a known body before the verb is who acts
            if word is not None:  # a soft stop, or a verb: crossed only to reach an opener (国家|…|推进机制)
                walk.soft = position if walk.soft is None else walk.soft
                if walk.verb is None and word not in self.rules.soft_stops:
                    walk.verb = position - len(word)
                position -= len(word)
            else:
                position -= 1
            self._note_opener(text, position, kind, walk)
        start = walk.start(position)
        if start == position and position <= limit and position > 0 and is_name_char(text[position - 1]) \
                and words.stop_ending_at(text, position, words.listed_stops) is None \
                and not words.opener_at(text, position):
            # the walk ran out of length inside a phrase (生|态功能区…指数): no start was found there
            start = walk.soft if walk.soft is not None else head_start
        return self._after_number(text, start, head_start)

    def _actor_before(self, text: str, end: int, word: str, apart: bool) -> bool:
        """Does a known body that acts end at ``end``, before the verb or soft stop ``word``? Not a
        body that opens names (国务院) before a soft stop: it opens the name of one of its own
        (国务院|服务贸易发展部际联席会议, 国务院|发展研究中心). A body not known acts where its
        head ends there and the word stands ``apart`` from the name's head (国家信息中心|建设|全国…
        平台; but 卫生健康委医院|管理|研究所 names one body)."""
        start = self.words.known_body_start(text, end)
        if start is None:
            return apart and text.endswith(self.rules.actor_heads, 0, end)
        return word not in self.rules.soft_stops or text[start:end] not in self.rules.openers

    def _phase_before(self, text: str, position: int) -> bool:
        """Does a project's phase end at ``position`` (…东线|二期), with name characters before it
        (not 、中线|一期, a coordinated part)?"""
        return position >= _PHASED_LEAST + 2 and self.rules.project_phase.search(text, position - 2, position) \
            is not None and all(is_name_char(c) for c in text[position - 2 - _PHASED_LEAST:position - 2])

    def _national_opening(self, text: str, position: int, limit: int) -> int | None:
        """Where a national opener opens the name a few name characters before ``position``, right
        after a clause, list or verb (支持|中国|城市规划设计|研究院), or None."""
        words = self.words
        for start in range(position - 2, max(limit, position - _NATIONAL_REACH) - 1, -1):
            if not is_name_char(text[start]) or words.stop_ending_at(text, start + 1) is not None:
                return None  # the name would run over a mark or a verb
            if words.national_at(text, start) and words.name_opens_at(text, start):
                return start
        return None

    def _note_opener(self, text: str, position: int, kind: EntityType, walk: _Walk) -> None:
        """Note a name opener at ``position`` (国家, a place); for a programme beyond a soft stop, the
        start of a known product, market or body ending there (区域性股权市场|创新|试点)."""
        words = self.words
        if text[position] in words.opener_initials and words.opener_at(text, position):
            walk.openers.append(position)
            if words.national_at(text, position):
                walk.national.add(position)
        elif kind == "programme" and walk.soft is not None:
            known = words.known_piloted_start(text, position)
            if known is not None:
                walk.openers.append(known)

    def _national_part_before(self, text: str, at: int, openers: tuple[str, ...]) -> int | None:
        """Where a short part begun by one of ``openers`` ends at the coordinator at ``at``
        (国家级|夜间文化|和旅游消费集聚区), so that the coordinator joins parts of one name; None
        when no such part does, the part is the opener and a character (国家|和地区), or a head word or
        a known name ends there (国家发展改革委|和…, 中国银联|和…)."""
        for start in range(max(0, at - _JOINED_PART), at - 1):
            opener = next((o for o in openers if text.startswith(o, start)), None)
            if opener is not None:
                named = at - start - len(opener) >= 2 and all(is_name_char(c) for c in text[start:at]) \
                    and not self.words.head_ends_at(text, start, at) \
                    and self.words.known_name_end(text, start, at) != at
                return start if named else None
        return None

    def _after_number(self, text: str, start: int, head_start: int) -> int:
        """Skip the unit after a number: 30年期|国债期货."""
        if start > 0 and text[start - 1].isdigit():
            for unit in self.rules.number_units:
                if text.startswith(unit, start) and start + len(unit) < head_start:
                    return start + len(unit)
        return start

    def _inner_head_ending(self, text: str, position: int, kind: EntityType) -> str | Literal[False] | None:
        """A head ending here: False if it ends the name (上海保险交易所|建设健康保险, 四川省|成都市),
        the head itself if it may stand inside this kind of name, None if there is none (the walk
        asks only where a head can end: ``Words.head_finals``)."""
        for n in self.words.head_lengths_by_final.get(text[position - 1], ()):
            if n > position:
                continue
            head = text[position - n:position]
            kinds = self.rules.boundaries.get(head)
            if not kinds or (position < len(text) and text[position] in self._blockers.get(head, _NO_BLOCKERS)[0]):
                continue  # 银行|间 is not a bank: walk on
            if head in self.rules.loose_heads and self.words.false_head_ends_at(text, position, len(head)):
                continue  # 西安交通|大学: the ordinary word 交通 holds no connect scheme's 通
            if not set(kinds) & self.rules.inner_heads[kind]:
                return False
            return head if len(head) > 1 else None
        return None

