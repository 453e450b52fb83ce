"""The words the rules look for, compiled once for a lexicon: stop words (verbs and function
words, which end a name), openers (国家, a place, which start one), places, provinces and known
names, with the look-ups the rules make on them."""
from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from .. import wordtables
from ..lexicon import division_provinces
from ..model import EntityType
from .text import final, final_pair, is_name_char

if TYPE_CHECKING:
    from ..lexicon import Lexicon
    from .cuts import Cuts
    from .rules import DiscoveryRules

_KNOWN_MODIFIER_MAX = 16  # longest known name taken whole as a modifier
_ACROSS = 4  # the longest dictionary word looked for across a position
_NOUN_RUN_FREQ = 50  # a word this common that starts with a stop word and runs past it is one word
_KNOWN_PILOTED = frozenset({"product", "market", "institution"})  # what a named pilot may be a pilot of
_KNOWN_BODIES = frozenset({"institution"})
_KNOWN_MARKETS = frozenset({"market"})
_KNOWN_VENUES = _KNOWN_BODIES | _KNOWN_MARKETS  # where a pilot may be held under its own name
_PLACE_STEM_MAX = 7  # longest place name looked for right after a province (乌兰察布, 和林格尔)


class Words:
    """The rules' word tables for one lexicon, and what they say about a stretch of text."""

    def __init__(self, rules: DiscoveryRules, lexicon: Lexicon, cuts: Cuts, *, use_pos: bool = True):
        self.rules = rules
        self.lexicon = lexicon
        self.cuts = cuts
        verbs = wordtables.verbs() if use_pos else {}
        self.listed_stops = rules.stop_words | rules.soft_stops
        self.stops = self.listed_stops | (frozenset(verbs) - rules.not_verbs)
        self.product_stops = self.stops - rules.product_name_words
        self._product_words = tuple(sorted(rules.product_name_words))  # str.endswith takes a tuple
        self._stop_lengths = sorted({len(w) for w in self.stops}, reverse=True)
        self.longest_stop = self._stop_lengths[0] if self._stop_lengths else 0
        self._stop_lengths_by_final = wordtables.lengths_by(self.stops, final)
        self.stop_finals = frozenset(self._stop_lengths_by_final)  # the characters a stop word can end in
        place_names = {s for s, e in lexicon.by_surface.items() if e.type == "place"}
        # a division's name without its 市/县/区 still names it inside a zone's name (石河子|高新区)
        self.place_names = frozenset(place_names | {
            n[:-1] for n in place_names if len(n) >= 3 and n.endswith(rules.division_endings)})
        self.openers = rules.openers | place_names
        self.provinces = frozenset(n for n in place_names if len(n) >= 3 and n.endswith(("省", "自治区")))
        # full place names with a division word (萍乡市, 平果县; not the stem 郑州), and their lengths by
        # first character, longest first
        self._division_names = frozenset(e.name for e in lexicon.by_surface.values()
                                         if e.type == "place" and e.name.endswith(rules.division_endings))
        self._division_lengths = wordtables.lengths_by(self._division_names)
        self._one_character_endings = frozenset(e for e in rules.division_endings if len(e) == 1)
        self.province_lengths = sorted({len(n) for n in self.provinces}, reverse=True)
        # every form of a province (宁夏, 宁夏回族自治区) and of a city (银川, 银川市): a province and its
        # city run together name where something happens (宁夏银川|建设…)
        self._province_forms = frozenset(s for s, e in lexicon.by_surface.items() if e.name in self.provinces)
        self._province_form_lengths = wordtables.lengths_by(self._province_forms)
        self._province_form_lengths_by_final = wordtables.lengths_by(self._province_forms, final)
        self._city_forms = frozenset(s for s, e in lexicon.by_surface.items()
                                     if e.type == "place" and e.name.endswith("市"))
        self._city_form_lengths = sorted({len(n) for n in self._city_forms}, reverse=True)
        self._short_divisions = _short_divisions(self._division_names, lexicon, rules)
        self._short_division_lengths = wordtables.lengths_by(self._short_divisions)
        self._provincial_shorts = _provincial_shorts(lexicon, rules)
        self._provincial_short_lengths = wordtables.lengths_by(short for _, short in self._provincial_shorts)
        self._national_lengths = sorted({len(w) for w in rules.openers}, reverse=True)  # openers not places
        # the lengths of the known names (up to _KNOWN_MODIFIER_MAX) by their last two characters
        known = (s for s in lexicon.by_surface if 2 <= len(s) <= _KNOWN_MODIFIER_MAX)
        self.known_lengths = wordtables.lengths_by(known, final_pair)
        self._places = frozenset(place_names)
        self._place_lengths_by_final = wordtables.lengths_by(place_names, final)
        self._place_lengths = wordtables.lengths_by(place_names)
        # A place before a product is still a category: 长三角大宗商品期货.
        self.product_generic = rules.product_generic_modifiers | place_names
        # Openers longer than seven characters also start with a shorter opener (中国…, 上海…).
        self._opener_lengths = wordtables.lengths_by(w for w in self.openers if len(w) <= 7)
        self.opener_initials = frozenset(self._opener_lengths)  # the characters an opener can start with
        self._false_head_lengths = sorted({len(w) for w in rules.false_heads})
        # the lengths of the head words (and words that end a name as heads do, 省) by their last
        # character, longest first; and the characters a head can end with
        self.head_lengths_by_final = wordtables.lengths_by(rules.boundaries, final)
        self.head_finals = frozenset(self.head_lengths_by_final)

    # -- stop words -----------------------------------------------------------------------

    def stop_ending_at(self, text: str, end: int, stops: frozenset[str] | None = None) -> str | None:
        """The stop word ending at ``end``. Product names hold verbs (可交换债券, 永续债), so
        their walk passes ``product_stops``; loose heads (…通) only the listed stops."""
        stops = self.stops if stops is None else stops
        lengths = self._stop_lengths_by_final.get(text[end - 1])
        if lengths is None or (text.startswith(self.rules.word_suffixes, end)
                               and wordtables.word_counts()[text[end:end + 2]] < _NOUN_RUN_FREQ):
            # a verb before a word suffix (排污权, 经营性贷款) is inside the name, not a stop that ends it;
            # not before a word the suffix character opens (提高|权益类基金)
            return None
        if stops is self.product_stops and (text.endswith(self._product_words, 0, end)
                                            or self._insured_risk(text, end)):
            return None  # 可持续发展|挂钩债券: the verb belongs to a longer product word
        for n in lengths:
            word = text[end - n:end]
            if n <= end and word in stops and not self.straddled(text, end - n, end, stops is self.stops) \
                    and not self._agent_word(text, word, end):
                return word
        return None

    def _agent_word(self, text: str, verb: str, end: int) -> bool:
        """Is the verb ending at ``end`` one dictionary word with the 人 after it (承运人|责任保险), and
        no common word opened by 人 (发行|人民币, 引导|人身保险)?"""
        suffix, freq = self.rules.agent_suffix, wordtables.word_counts()
        return text.startswith(suffix, end) and freq[verb + suffix] > 0 and freq[text[end:end + 2]] < _NOUN_RUN_FREQ

    def _insured_risk(self, text: str, end: int) -> bool:
        """Does a risk an insurance covers end at ``end``, right before the insurance's head
        (知识产权侵权|责任保险, 邮轮延误|险, 演出|取消险)? It is part of the kind, not a verb that ends it."""
        rules = self.rules
        if not text.endswith(rules.insured_risks, 0, end):
            return False
        after = next((end + len(r) for r in rules.insured_risks if text.startswith(r, end)), end)
        return text.startswith(rules.insured_risk_tails, after)  # (演出|取消|险: one risk before another)

    def product_word_at(self, text: str, modal: int) -> bool:
        """Does a verb that builds product names start at the modal ``modal`` or right after it
        (可持续发展|挂钩债券, 可|交换债券)? Then the modal is part of the name, not a modal."""
        return text.startswith(self._product_words, modal) or text.startswith(self._product_words, modal + 1)

    def stops_inside(self, text: str, start: int, end: int,
                     stops: frozenset[str] | None = None) -> Iterator[tuple[int, str]]:
        """The stop words lying wholly inside ``text[start:end]``, each with where it ends."""
        for position in range(start + 1, end + 1):
            word = self.stop_ending_at(text, position, stops)
            if word is not None and position - len(word) >= start:
                yield position, word

    def straddled(self, text: str, start: int, end: int, use_pos: bool) -> bool:
        """Is text[start:end] not a word here (支持|重庆 has no 持重)? Asks jieba only
        when a dictionary word crosses its end, or when 可 makes a verb an adjective (可交换)."""
        if not use_pos and start > 0 and text[start - 1] == "可" and self._is_verb(text[start:end]):
            return True  # 可|交换: an adjective of a product (not 可|为企业…: a preposition after the modal)
        freq = wordtables.word_counts()
        if end - start == 1 and text[start:end] not in self._places and self.known_place_ends_at(text, end):
            return True  # 成|都, 大|同: the last character of a known place, not the adverb or the preposition
        if end - start == 1 and text[start] in self.rules.coordinators and self.head_ends_at(text, 0, start):
            return False  # 旅游意外险|和|文旅项目专项贷款: a coordinator after a whole name, not 和文 (a word)
        if end - start == 1:
            before, after = text[start - 1:end] if start > 0 else "", text[start:end + 1]
            if (len(before) == 2 and freq[before] >= 100 and before not in self.stops) or after in wordtables.nouns():
                # 碳中和|债: the word 中和, not the conjunction 和; 香港银行同业|拆息: the noun 同业, not
                # the preposition 同; unless jieba cuts the character off (及时|报|司法部, 主任|由|…)
                return not self.cuts.segmented_at(text, start, end)
        # a dictionary word that runs on past the stop: 增值|税 (增值税), 经营|许可证 (经营许可证); not into a
        # known name (大力发展|商业健康保险: jieba reads 发展商, a developer)
        return self._word_runs_past(text, start, end) and not self.cuts.segmented_at(text, start, end) \
            and self.known_name_end(text, end, min(len(text), end + _KNOWN_MODIFIER_MAX)) is None

    def _is_verb(self, word: str) -> bool:
        """Is ``word`` a verb in jieba's dictionary (tagged v…), not a preposition or an adverb?
        (The table holds words of two or more characters; a single one is a verb unless it is one
        of the listed prepositions: 可|在银行间外汇市场 is the modal and a preposition.)"""
        if word in self.rules.single_prepositions:
            return False
        tag = wordtables.verbs().get(word)
        return tag is None or tag[0].startswith("v")

    @staticmethod
    def _word_runs_past(text: str, start: int, end: int) -> bool:
        """Does a dictionary word start inside text[start:end] and end past it, or a common one
        start with it and run on (plain loops: cheaper than any() for these few slices)?"""
        freq = wordtables.word_counts()
        for i in range(start + 1, end):
            for j in range(end + 1, min(end + 4, len(text)) + 1):
                if freq[text[i:j]]:
                    return True
        least = 1 if end - start == 1 else _NOUN_RUN_FREQ  # 以|旧换新: a character opening any word
        return any(freq[text[start:j]] >= least for j in range(end + 1, min(end + 3, len(text)) + 1))

    def leading_stops_end(self, text: str, start: int, end: int, keep: frozenset[str] = frozenset()) -> int:
        """Where a phrase starts once the verbs and function words that open it are skipped
        (组成|国家组织…小组, 由|发展改革委牵头 …)."""
        moved = True
        while moved and start < end:
            moved = False
            for n in self._stop_lengths:
                if start + n < end and text[start:start + n] in self.stops \
                        and text[start:start + n] not in self.rules.leading_nouns \
                        and text[start:start + n] not in keep \
                        and not self.straddled(text, start, start + n, True):
                    start += n
                    moved = True
                    break
            else:
                word = self._verb_word_at(text, start, end)
                if word:  # a dictionary verb phrase made of stops: 充分发挥, 积极推进
                    start += word
                    moved = True
        return start

    def _verb_word_at(self, text: str, start: int, end: int) -> int:
        """The length of a dictionary word at ``start`` made only of stop words and verbs
        (充分|发挥, 积极|推进): jieba keeps it whole, so it does not straddle a name; or 0."""
        freq = wordtables.word_counts()
        for n in range(min(4, end - start - 1), 2, -1):
            word = text[start:start + n]
            if freq[word] and self.tiles_with(word, self.stops):
                return n
        return 0

    # -- generic and specific words --------------------------------------------------------

    def opener_at(self, text: str, start: int) -> bool:
        """Does a name opener (国家, 中国, a place name) start at ``start``?"""
        lengths = self._opener_lengths.get(text[start]) if start < len(text) else None
        if lengths is not None:
            for n in lengths:  # a plain loop: cheaper than any() for the one or two lengths
                if text[start:start + n] in self.openers:
                    return True
        return False

    def national_at(self, text: str, start: int) -> bool:
        """Does a national opener (国家, 全国 …) start at ``start``? Not before 性: 全国性 is an
        adjective, not the nation."""
        openers, adjective = self.rules.openers, self.rules.adjective_suffix
        for n in self._national_lengths:
            if text[start:start + n] in openers and not text.startswith(adjective, start + n):
                return True
        return False

    def head_ends_at(self, text: str, start: int, end: int) -> bool:
        """Does a head word end at ``end`` within ``text[start:end]`` (人民银行征信中心|和…)?"""
        return any(n <= end - start and text[end - n:end] in self.rules.boundaries
                   for n in self.head_lengths_by_final.get(text[end - 1], ()))

    def false_head_ends_at(self, text: str, end: int, head_length: int) -> bool:
        """Does a false head (discovery.yaml) longer than a head of ``head_length`` characters end
        at ``end``: a name ending in one (互联互通 has no …通), or an ordinary word the walk meets
        (西安交通|大学: 交通, no connect scheme)?"""
        return any(head_length < n <= end and text[end - n:end] in self.rules.false_heads
                   for n in self._false_head_lengths)

    def name_opens_at(self, text: str, start: int) -> bool:
        """Can a name open at ``start``: at the text's start, after a character no name holds, or
        after a verb or function word (推动|沪苏湖铁路, 支持|中国国际工程咨询有限公司)?"""
        return start == 0 or not is_name_char(text[start - 1]) or self.stop_ending_at(text, start) is not None

    def is_specific(self, text: str, start: int, modifier: str) -> bool:
        """An opener, Latin letters, or two or more characters that are not generic words."""
        if self.opener_at(text, start) or any(c.isascii() and c.isalnum() for c in modifier):
            return True
        return self.residue(modifier) >= 2

    def residue(self, modifier: str) -> int:
        """How many characters of ``modifier`` no generic modifier word covers (longest words first)."""
        words = self.rules.generic_modifiers
        covered = [False] * len(modifier)
        for i in range(len(modifier)):
            for n in range(6, 0, -1):
                if modifier[i:i + n] in words:
                    covered[i:i + n] = [True] * n
                    break
        return covered.count(False)

    def holds_known(self, modifier: str) -> bool:
        """Does ``modifier`` hold a known product, market or body of three characters or more? (A
        known scheme is no new name: QFLP|试点 is the scheme QFLP.)"""
        by_surface = self.lexicon.by_surface
        for i in range(len(modifier) - 2):
            for j in range(len(modifier), i + 2, -1):
                entry = by_surface.get(modifier[i:j])
                if entry is not None and entry.type in _KNOWN_PILOTED:
                    return True
        return False

    def only_where_or_known_scheme(self, modifier: str, head: str) -> bool:
        """Is ``modifier`` made only of place names, or for a pilot word (``pilot_heads``) of place
        names and known schemes, so that the head after it names no new scheme (浙江丽水|试点 runs a
        pilot there; QFLP|试点 is the scheme QFLP; but 以工代赈|资金 is a fund of its own)?"""
        where = self._places_and_schemes if head in self.rules.pilot_heads else self.place_names
        return self.tiles_with(modifier, where)

    @cached_property
    def _places_and_schemes(self) -> frozenset[str]:
        """The place names and the known schemes' names (of up to six characters, as ``tiles_with``
        reads them): made when a pilot word is first decided, not when the rules load."""
        return self.place_names | frozenset(
            s for s, e in self.lexicon.by_surface.items() if e.type == "programme" and len(s) <= 6)

    def tiles_with_generic(self, modifier: str) -> bool:
        """True when the modifier is made only of generic category words."""
        return self.tiles_with(modifier, self.rules.generic_modifiers)

    @staticmethod
    def tiles_with(modifier: str, words: frozenset[str]) -> bool:
        """Is ``modifier`` made only of ``words`` (of up to six characters each)?"""
        reachable = {0}
        for i in range(len(modifier)):
            if i in reachable:
                reachable.update(i + n for n in range(1, 7) if modifier[i:i + n] in words)
        return len(modifier) in reachable

    # -- known names and places ------------------------------------------------------------

    def known_name_end(self, text: str, start: int, end: int) -> int | None:
        """Where the longest known name starting at ``start`` (and ending by ``end``) ends."""
        for n in range(min(_KNOWN_MODIFIER_MAX, end - start), 1, -1):
            if text[start:start + n] in self.lexicon.by_surface:
                return start + n
        return None

    def known_market_at(self, text: str, start: int) -> bool:
        """Does a known market's name start at ``start`` (创业板|发行上市审核系统)?"""
        end = self.known_name_end(text, start, len(text))
        entry = self.lexicon.by_surface.get(text[start:end]) if end is not None else None
        return entry is not None and entry.type == "market"

    def dictionary_word_across(self, text: str, position: int) -> bool:
        """Does a word of jieba's dictionary (of up to four characters) run across ``position``?
        Only then can jieba, which reads no unknown word here, cut the text elsewhere than there."""
        counts = wordtables.word_counts()
        return any(counts[text[i:i + n]] for n in range(2, _ACROSS + 1)
                   for i in range(max(0, position - n + 1), position) if i + n <= len(text))

    def known_name_at_or_across(self, text: str, position: int) -> bool:
        """Does a known name start at ``position`` or run across it (郑商|所)?"""
        starts = range(max(0, position - _KNOWN_MODIFIER_MAX + 1), position + 1)
        return any((self.known_name_end(text, start, len(text)) or 0) > position for start in starts)

    def after_running_body(self, text: str, start: int, head_start: int) -> int:
        """Where a platform's name starts after the known body that runs it (证监会|中央监管信息平台,
        国家能源局|电力安全监管信息系统): past the body, if enough of the name is left."""
        end = self.known_name_end(text, start, head_start)
        if end is None or head_start - end < self.rules.run_by_least or not self.is_known_body(text[start:end]) \
                or text.endswith(self.rules.running_body_not_endings, start, end):
            return start
        return self.leading_stops_end(text, end, head_start)  # (…委|和|全国…平台: the body's list goes on)

    def unnamed_list(self, text: str, start: int, head_start: int, head: str) -> bool:
        """Is a list's head (``national_heads``: 名录, 目录, 清单) without the national opener that
        makes ``text[start:head_start]`` the national list's name, or is a verb inside it (国家实行…)?
        Every department and place keeps lists: only the national ones are named."""
        if head not in self.rules.national_heads:
            return False
        return not self.national_at(text, start) or any(
            word not in self.rules.soft_stops for _, word in self.stops_inside(text, start, head_start))

    def type_by_head(self, name: str) -> EntityType | None:
        """The entity type a name's ending gives it (…交易所 institution, …试点 programme)."""
        entry = self.lexicon.by_surface.get(name)
        if entry is not None:
            return entry.type
        for length in range(min(len(name) - 1, 6), 0, -1):
            if name[-length:] in self.rules.quoted_heads:
                return self.rules.quoted_heads[name[-length:]]
            kinds = self.rules.heads.get(name[-length:])
            if kinds and self.unnamed_list(name, 0, len(name) - length, name[-length:]):
                return None  # “准入清单”: a list that is not the national one is named by no head
            if kinds:  # (“金民工程” has its head; “互联互通” ends in a false head longer than 通)
                return None if self.false_head_ends_at(name, len(name), length) or self._no_kind(name[:-length]) \
                    else kinds[0]
        return None

    def _no_kind(self, modifier: str) -> bool:
        """Does the modifier of a quoted or defined name make no kind: generic words only
        (“制度试点”) or a count (“三项试点”)?"""
        return self.tiles_with_generic(modifier) or self.rules.counted_prefix.fullmatch(modifier) is not None

    def known_piloted_start(self, text: str, end: int) -> int | None:
        """Where a known product, market or body ending at ``end`` starts (区域性股权市场|创新试点),
        the longest; None if none does."""
        return self._known_start(text, end, _KNOWN_PILOTED)

    def known_market_ends_at(self, text: str, end: int) -> bool:
        """Does a known market's name end at ``end`` (新三板创新层|公司)?"""
        return self._known_start(text, end, _KNOWN_MARKETS) is not None

    def known_body_ends_at(self, text: str, end: int) -> bool:
        """Does a known institution's name end at ``end`` (深圳证券交易所|建设…)?"""
        return self.known_body_start(text, end) is not None

    def known_body_start(self, text: str, end: int) -> int | None:
        """Where the longest known institution's name ending at ``end`` starts, or None."""
        return self._known_start(text, end, _KNOWN_BODIES)

    def known_place_start(self, text: str, end: int) -> int | None:
        """Where the longest known place's name ending at ``end`` starts (新疆维吾尔自治区|分局), or None."""
        lengths = self._place_lengths_by_final.get(text[end - 1], ()) if end else ()
        return next((end - n for n in lengths if n <= end and text[end - n:end] in self._places), None)

    def _known_start(self, text: str, end: int, types: frozenset[str]) -> int | None:
        """Where the longest known name of one of ``types`` ending at ``end`` starts, or None."""
        by_surface = self.lexicon.by_surface
        for n in self.known_lengths.get(text[end - 2:end], ()) if end >= 2 else ():
            entry = by_surface.get(text[end - n:end]) if n <= end else None
            if entry is not None and entry.type in types:
                return end - n
        return None

    def is_known_body(self, words: str) -> bool:
        """Is ``words`` exactly a known institution's name?"""
        return self._is_known(words, _KNOWN_BODIES)

    def is_known_venue(self, words: str) -> bool:
        """Is ``words`` exactly a known institution's or market's name (a pilot held there: 上海股权
        托管交易中心|试点)?"""
        return self._is_known(words, _KNOWN_VENUES)

    def _is_known(self, words: str, types: frozenset[str]) -> bool:
        entry = self.lexicon.by_surface.get(words)
        return entry is not None and entry.type in types

    def division_names_at(self, text: str, start: int) -> Iterator[int]:
        """The lengths of the places' full names with their division word at ``start`` (萍乡市, not
        萍乡 or 郑州), longest first."""
        for n in self._division_lengths.get(text[start], ()) if start < len(text) else ():
            if text[start:start + n] in self._division_names:
                yield n

    def place_names_at(self, text: str, start: int) -> Iterator[int]:
        """The lengths of the known places' names at ``start`` (澳门, 东北地区), longest first."""
        for n in self._place_lengths.get(text[start], ()) if start < len(text) else ():
            if text[start:start + n] in self._places:
                yield n

    def place_pairs_at(self, text: str, start: int) -> Iterator[int]:
        """The lengths of a province and a city run together at ``start`` (宁夏银川, 福建厦门, short forms
        allowed; not a city and its district, 广州南沙, whose companies are named after both)."""
        for k in self.province_forms_at(text, start):
            yield from (k + n for n in self._city_forms_at(text, start + k))

    def province_forms_at(self, text: str, start: int) -> Iterator[int]:
        """The lengths of the provinces' names (short forms allowed: 湖北, 内蒙古) at ``start``, longest first."""
        for k in self._province_form_lengths.get(text[start], ()) if start < len(text) else ():
            if text[start:start + k] in self._province_forms:
                yield k

    def opens_with_place(self, name: str) -> bool:
        """Does a known place's name open ``name`` (武汉|农村…, 和林格尔|新区)? A division's name with or
        without its 市/县 (桐乡, 和林格尔)."""
        return any(name[:n] in self.place_names for n in range(2, min(len(name), _PLACE_STEM_MAX) + 1))

    def _city_forms_at(self, text: str, start: int) -> Iterator[int]:
        """The lengths of the city forms (银川, 银川市) at ``start``, longest first."""
        return (n for n in self._city_form_lengths if text[start:start + n] in self._city_forms)

    def division_after(self, text: str, start: int, end: int) -> tuple[int, str] | None:
        """A division named by its short form right after its province or city
        (河南|兰考, 福建|三明, 广州|花都): its end and full name. Alone the short form is no name
        (兰考, 长寿 and 三明 are words too); after a place it can only be a place."""
        if text[start:end] not in self._province_forms and text[start:end] not in self._city_forms:
            return None
        for n in self._short_division_lengths.get(text[end], ()) if end < len(text) else ():
            full = self._short_divisions.get(text[end:end + n]) if end + n <= len(text) else None
            if full is not None and text[end] in self.rules.joined_within \
                    and self.cuts.segmented_at(text, end, end + 1):
                continue  # 宁德市|和|龙岩市: the conjunction, not 和龙
            if full is not None:  # not a feature named after it (广东省高州|水库)
                return None if text.startswith(self.rules.short_division_not_before, end + n) else (end + n, full)
        return self._own_division_after(text, start, end)

    def _own_division_after(self, text: str, start: int, end: int) -> tuple[int, str] | None:
        """A division of the province right before it, named by a short form that is also a common word
        (安徽|黄山, 甘肃|敦煌, 北京|延庆): after its own province it can only be that division."""
        entry = self.lexicon.by_surface.get(text[start:end])
        if entry is None or end >= len(text):
            return None
        for n in self._provincial_short_lengths.get(text[end], ()):
            full = self._provincial_shorts.get((entry.name, text[end:end + n]))
            if full is not None and not text.startswith(self.rules.short_division_not_before, end + n) \
                    and self.cuts.segmented_at(text, end, end + n):
                return end + n, full
        return None

    def short_division_at(self, text: str, position: int) -> bool:
        """Does a division's short form (``is_short_division``) start at ``position``?"""
        lengths = self._short_division_lengths.get(text[position], ()) if position < len(text) else ()
        return any(text[position:position + n] in self._short_divisions for n in lengths)

    def is_short_division(self, name: str) -> bool:
        """Is ``name`` the short form of one division the lexicon knows only in full (瓮安 for 瓮安县,
        石河子 for 石河子市)? Alone no name: only after its province or in a list of places."""
        return name in self._short_divisions

    def in_place_pair(self, text: str, start: int, end: int) -> bool:
        """Is ``text[start:end]`` the province or the city of a province and a city run together
        (浙江|湖州, where jieba reads 江湖 across the edge)?"""
        name = text[start:end]
        if name in self._province_forms:
            return any(self._city_forms_at(text, end))
        lengths = self._province_form_lengths_by_final.get(text[start - 1], ()) if start else ()
        return name in self._city_forms and any(text[start - k:start] in self._province_forms for k in lengths)

    def has_place(self, modifier: str) -> bool:
        """Does a known place name or a division word (…市, …县) stand in the modifier?"""
        if any(c in self._one_character_endings for c in modifier[1:]):
            return True
        return self.names_place(modifier)

    def names_place(self, modifier: str) -> bool:
        """Does a known place's name (not only a division word: 乡镇) stand in the modifier?"""
        return any(modifier[i:j] in self.place_names
                   for i in range(len(modifier)) for j in range(i + 2, min(len(modifier), i + 8) + 1))

    def is_place_run(self, modifier: str) -> bool:
        """Is ``modifier`` one place name or several run together (嘉兴, 浙江台州)?"""
        return bool(modifier) and self.tiles_with(modifier, self.place_names)

    def known_place_ends_at(self, text: str, position: int) -> bool:
        """Does a known place's name end at ``position`` (中国|—东盟)?"""
        return self.known_place_start(text, position) is not None

    def ends_with_place(self, modifier: str) -> bool:
        """Does the modifier end with a place: a known place name, or a division word (…市, …县)?"""
        return self.known_place_ends_at(modifier, len(modifier)) or (
            modifier.endswith(self.rules.division_endings) and not modifier.endswith(self.rules.generic_divisions))

    def province_ends_at(self, text: str, position: int) -> bool:
        """Does a province's name (…省, …自治区) end at ``position``?"""
        return any(text[position - n:position] in self.provinces for n in self.province_lengths if position >= n)


def _short_divisions(division_names: frozenset[str], lexicon: Lexicon, rules: DiscoveryRules) -> dict[str, str]:
    """The short forms (without 市, 县 or 区) of the divisions the lexicon knows only in full,
    where one division has that short form (or one city among counties) and it is no common word:
    兰考 -> 兰考县, 三明 -> 三明市, 临夏 -> 临夏市 (not 朝阳: 朝阳区, 朝阳县 and 朝阳市; not 河口, 运河,
    西湖: 江苏|运河 is a canal)."""
    shorts: dict[str, list[str]] = {}
    counts = wordtables.word_counts()
    for name in sorted(division_names):
        short = _short_form(name, lexicon, rules)
        if short is not None and counts[short] < rules.short_division_max_count:
            shorts.setdefault(short, []).append(name)
    return {short: chosen for short, names in shorts.items() if (chosen := _one_division(names))}


def _short_form(name: str, lexicon: Lexicon, rules: DiscoveryRules) -> str | None:
    """A division's name without its 市, 县 or 区 (兰考县 -> 兰考), unless that is a name the lexicon
    knows of its own, the ending is a generic division word or the division has no such short form
    (峨边彝族自治县, 浦东新区)."""
    if len(name) >= 3 and name.endswith(rules.short_division_endings) \
            and not name.endswith((*rules.generic_divisions, *rules.no_short_division_endings)) \
            and name[:-1] not in lexicon.by_surface:
        return name[:-1]
    return None


def _provincial_shorts(lexicon: Lexicon, rules: DiscoveryRules) -> dict[tuple[str, str], str]:
    """The short forms of the divisions each province holds, common words among them: (安徽省, 黄山) ->
    黄山市, (北京市, 延庆) -> 延庆区, (广西壮族自治区, 巴马) -> 巴马瑶族自治县 (by its alias 巴马县); none
    the lexicon knows as a name of its own, none two divisions of the province share."""
    shorts: dict[tuple[str, str], list[str]] = {}
    for name, province in division_provinces():
        entry = lexicon.by_surface.get(name)
        if entry is None or entry.type != "place":
            continue
        for short in filter(None, (_short_form(form, lexicon, rules) for form in (name, *entry.aliases))):
            shorts.setdefault((province, short), []).append(name)
    return {key: chosen for key, names in shorts.items() if (chosen := _one_division(sorted(set(names))))}


def _one_division(names: list[str]) -> str | None:
    """The division a short form names: the only one, or the only city among a city and counties of
    that name (甘肃|临夏 is 临夏市, the seat, not 临夏县); none where it stays ambiguous."""
    if len(names) == 1:
        return names[0]
    cities = [name for name in names if name.endswith("市")]
    return cities[0] if len(cities) == 1 else None
