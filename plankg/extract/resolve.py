"""Choosing between competing candidates and resolving names to one key per entity.

Longer names win over the names inside them (上海银行间同业拆放利率 is not 上海银行);
a name the text defines — an acronym in brackets, 以下简称… — becomes an alias
of the name it follows, and its later uses are mentions of the same entity.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import ahocorasick

from ..cjk import CLAUSE_ENDS, CLOSING_QUOTE, NAME_BREAKS
from . import wordtables
from .discovery import PRIORITY, Candidate, Discoverer, RuleName
from .discovery.text import COMMON_WORD_FREQ, ascii_glued
from .listed import (
    enumerated,
    features_after_places,
    features_before_basins,
    features_before_places,
    ports_of_places,
    quoted_company,
)
from .model import EntityType
from .paired import dash_pairs


@dataclass
class Resolved:
    """Chosen mentions (as candidates with keys) and what is known about each entity key."""

    mentions: list[Candidate]
    types: dict[str, EntityType]
    candidates: list[Candidate] = field(default_factory=list)  # everything any rule proposed
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> {alias: lang}
    lexicon_ids: dict[str, str] = field(default_factory=dict)
    from_lexicon: set[str] = field(default_factory=set)


def key_of(candidate: Candidate) -> str:
    """The entity key of a resolved mention (every candidate in ``Resolved.mentions`` has one)."""
    if candidate.key is None:
        raise ValueError(f"a mention without an entity key: {candidate!r}")
    return candidate.key


def resolve(text: str, discoverer: Discoverer) -> Resolved:
    candidates = _own_zones(_after_known_names(text, _from_known_starts(discoverer.candidates(text)), discoverer),
                            discoverer)
    candidates += _named_after_indices(text, candidates, discoverer) + \
        _indices_of_bodies(text, candidates, candidates, discoverer)
    candidates += _departments_of_bodies(text, candidates, discoverer) + \
        _departments_of_places(text, candidates, discoverer)
    candidates = _without_placed_kinds(text, _without_belongings(text, candidates, discoverer), discoverer)
    candidates = _without_quoted_kinds(text, candidates)
    candidates = _without_joined_knowns(text, candidates, discoverer) + _tenor_rates(text, discoverer)
    chosen = choose(candidates)
    defined = _defined_names(text, chosen, discoverer)
    if defined:
        uses = defined + _uses_of(text, defined)
        uses += _indices_of_bodies(text, uses, candidates, discoverer)  # after a defined body (大商所|…价格指数)
        chosen = choose(_after_known_names(text, candidates + uses, discoverer))
    listed = enumerated(text, chosen, discoverer) + quoted_company(text, chosen, discoverer) + \
        features_before_places(text, chosen, discoverer) + features_before_basins(text, chosen, discoverer) + \
        features_after_places(text, chosen, discoverer) + dash_pairs(text, chosen, discoverer) + \
        ports_of_places(text, chosen, discoverer)
    if listed:
        chosen = choose(chosen + listed)
    # a region coordinated with a generic one is generic too: 中西部和|东北地区 (the guide: 中西部 used
    # generically is no place; no gold lists 东北地区 there)
    generic_regions = {m.end() for m in discoverer.rules.generic_region_before.finditer(text)}
    chosen = [c for c in chosen if not (c.type == "product" and _in_kind_list(text, c, discoverer))
              and not (c.type == "place" and c.start in generic_regions)]
    starts = {c.start for c in chosen}
    grown = [_with_tenor(text, _with_prefix(text, c, discoverer), discoverer) if c.type == "benchmark"
             else _with_round(text, _with_prefix(text, c, discoverer), discoverer) if c.type == "programme"
             else _with_mouth(text, c, starts, discoverer) if c.type == "place" else c for c in chosen]
    chosen = _without_covered(grown, [g for g, c in zip(grown, chosen, strict=True) if g.start < c.start])
    resolved = _keyed(text, chosen, defined, discoverer)
    resolved.candidates = candidates
    return resolved


def _in_kind_list(text: str, candidate: Candidate, discoverer: Discoverer) -> bool:
    """A product word in a list of kinds of firm: 小额贷款、融资担保、融资租赁…等地方金融组织. Not a
    product a preposition puts before a list of where it applies (安全生产责任保险|在危险化学品、非煤矿山等
    高危行业)."""
    clause = _CLAUSE_END.search(text, candidate.end)
    clause_end = clause.start() if clause else len(text)
    tail = text[candidate.end:clause_end]
    at = tail.find("等")
    if at == -1 or "、" not in tail[:at + 1] or tail[:1] in discoverer.rules.single_prepositions:
        return False
    phrase = _phrase_after(tail[at + 1:at + 14], discoverer)  # 等|地方金融组织, not 等|方式|为…企业
    return any(n in phrase for n in discoverer.rules.kind_list_nouns)


def _tenor_rates(text: str, discoverer: Discoverer) -> list[Candidate]:
    """A generic rate with a tenor before it (10年期|国债收益率): a benchmark, its tenor taken by
    ``_with_tenor`` once chosen."""
    found = []
    for rate in discoverer.rules.tenor_rates:
        at = text.find(rate)
        while at != -1:
            if discoverer.rules.tenor.search(text, max(0, at - 8), at):
                found.append(Candidate(at, at + len(rate), "benchmark", "head"))
            at = text.find(rate, at + 1)
    return found


_TENOR_REACH = 8  # characters of the longest tenor before a benchmark (5年期以上|…)
_ROUND_REACH = 5  # characters of the longest round before a survey (第十二次|…)
_PREFIX_REACH = 5  # characters of the longest prefix of a name (5·15|…, 中央财政|…)


def _with_tenor(text: str, benchmark: Candidate, discoverer: Discoverer) -> Candidate:
    """A benchmark with the tenor written before it, as its own name (5年期以上|贷款市场报价利率;
    1年期|LPR is 1年期贷款市场报价利率)."""
    return _with_written_before(text, benchmark, discoverer.rules.tenor, _TENOR_REACH)


def _with_round(text: str, programme: Candidate, discoverer: Discoverer) -> Candidate:
    """A programme with the round written before it, as its own name (第二次|全国污染源普查)."""
    return _with_written_before(text, programme, discoverer.rules.programme_round, _ROUND_REACH)


def _with_prefix(text: str, name: Candidate, discoverer: Discoverer) -> Candidate:
    """A programme or a benchmark of a few characters or more with what names it written right before
    it, as its own name: the central finance that funds it (中央财政|城镇保障性安居工程补助资金, as the
    Ministry of Finance names its transfer payments), its national brand (中国·|哈尔滨国际冰雪节), the
    date of its day (5·15|全国投资者保护宣传日)."""
    rules = discoverer.rules
    if name.end - name.start < rules.prefixed_name_least:
        return name
    return _with_written_before(text, name, rules.name_prefix, _PREFIX_REACH)


def _with_written_before(text: str, name: Candidate, before: re.Pattern[str], reach: int) -> Candidate:
    """``name`` grown over what ``before`` (anchored at its end) finds within ``reach`` characters
    before it, its key grown the same way when it has one; else ``name``."""
    found = before.search(text, max(0, name.start - reach), name.start)
    if found is None:
        return name
    key = found.group() + name.key if name.key else None
    return name._replace(start=found.start(), key=key)


def _without_covered(chosen: list[Candidate], grown: list[Candidate]) -> list[Candidate]:
    """The chosen names, less any that a name ``grown`` to the left now covers (中央财政 inside
    中央财政城镇保障性安居工程补助资金)."""
    if not grown:
        return chosen
    return [c for c in chosen if not any(g.start <= c.start and c.end <= g.end and g != c for g in grown)]


def _with_mouth(text: str, place: Candidate, starts: set[int], discoverer: Discoverer) -> Candidate:
    """A river with its mouth written right after it, as a place of its own (辽河|口, 九龙江|口): the
    gold names an estuary so (黄河口, 鸭绿江口); not where 口 opens another word (绥芬河|口岸)."""
    rules, end = discoverer.rules, place.end
    if not text.startswith(rules.river_mouth, end) or end in starts \
            or not text.endswith(rules.river_endings, place.start, end) \
            or text.startswith(rules.river_mouth_not_before, end + len(rules.river_mouth)):
        return place
    key = place.key + rules.river_mouth if place.key else None
    return place._replace(end=end + len(rules.river_mouth), key=key)


def _phrase_after(text: str, discoverer: Discoverer) -> str:
    """The noun phrase opening ``text``: up to the first listed stop word (为, 的 …)."""
    for end in range(1, len(text) + 1):
        word = discoverer.words.stop_ending_at(text, end, discoverer.words.listed_stops)
        if word is not None:
            return text[:end - len(word)]
    return text


def _own_zones(candidates: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A zone type the lexicon knows, ending a discovered place, is that place's own zone
    (昆山|综合保税区 is one zone): the type is no name of its own there, so it tiles nothing."""
    categories = discoverer.rules.zone_categories
    earliest: dict[int, int] = {}  # end -> the earliest start of a discovered place ending there
    for c in candidates:
        if c.rule == "head" and c.type == "place":
            earliest[c.end] = min(c.start, earliest.get(c.end, c.start))
    return [c for c in candidates if not (c.rule == "lexicon" and c.key in categories
                                          and earliest.get(c.end, c.start) < c.start)]


def _named_after_indices(text: str, candidates: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A derivative named after its index: the index right before a product word of
    ``index_products`` is one product with it (沪深300|股指期货, 上证50|ETF期权); and an index
    built on a known one is one index with it (上证180|碳效率指数: the walk stops at digits)."""
    words = discoverer.rules.index_products
    products = {c.start: c.end for c in candidates if c.type == "product" and text[c.start:c.end] in words}
    indices = _head_indices(candidates)
    benchmarks = [c for c in candidates if c.type == "benchmark"]
    return [Candidate(c.start, products[c.end], "product", "head") for c in benchmarks if c.end in products] \
        + [Candidate(c.start, indices[c.end], "benchmark", "head") for c in benchmarks
           if c.rule == "lexicon" and c.end in indices]


def _indices_of_bodies(text: str, bodies: list[Candidate], candidates: list[Candidate],
                       discoverer: Discoverer) -> list[Candidate]:
    """An index written right after the known body (among ``bodies``) that compiles it is one index
    with it (大商所|农产品期货价格指数, 联合国粮农组织|食品价格指数: the walk stops at the body's name, or
    inside it: 大商|所…指数)."""
    indices, index_word = _head_indices(candidates), discoverer.rules.index_word
    return [Candidate(c.start, indices[at], "benchmark", "head")
            for c in bodies if c.type == "institution" and c.rule in ("lexicon", "alias")
            for at in range(c.start + 1, c.end + 1) if at in indices and text.endswith(index_word, 0, indices[at])]


def _head_indices(candidates: list[Candidate]) -> dict[int, int]:
    """Where each head-word benchmark name starts, and where it ends."""
    return {c.start: c.end for c in candidates if c.type == "benchmark" and c.rule == "head"}


def _departments_of_bodies(text: str, candidates: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A known body and one of its departments written together are the department's full name
    (国家外汇管理局|资本项目管理司, 商务部|外贸发展事务局, 中国证监会|稽查总队): the body and the
    run of characters after it up to the nearest department head within reach whose run names a
    department (``_names_department``)."""
    rules = discoverer.rules
    found = []
    for c in candidates:
        if c.type != "institution" or c.rule not in ("lexicon", "alias"):
            continue
        match = next((m for m in _department_runs(text, c.end, rules.department)
                      if _names_department(text, c.end, m.end(), len(m.group("head")), discoverer)), None)
        if match is not None:
            found.append(Candidate(c.start, match.end(), "institution", "head"))
    return found


def _departments_of_places(text: str, candidates: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A place and one of its government's departments written together are the department's
    full name (山西省|应急管理厅, 深圳市|人力资源和社会保障局): the departments discovery.yaml lists."""
    found = []
    for c in candidates:
        if c.type == "place" and c.rule in ("lexicon", "head", "alias"):
            match = discoverer.rules.local_department.match(text, c.end)
            if match is not None:
                found.append(Candidate(c.start, match.end(), "institution", "head"))
    return found


def _department_runs(text: str, start: int, department: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The runs from ``start`` to each department head within reach, nearest first: a farther head
    counts where a nearer one names no department (上市公|司 is a common word's: …监管司)."""
    match = department.match(text, start)
    while match is not None:
        yield match
        after, match = match.end(), None
        for end in range(after + 1, min(len(text), after + _DEPARTMENT_MORE) + 1):
            match = department.fullmatch(text, start, end)
            if match is not None:
                break


_DEPARTMENT_MORE = 10  # characters past a head that is no department's to look for the next one


def _names_department(text: str, start: int, end: int, head: int, discoverer: Discoverer) -> bool:
    """Does ``text[start:end]``, ending in a department head ``head`` characters long, name a
    department: no body of its own (林业局 is 国家林业局; …向|国务院 ends in one), no verb or stop
    word opening it or standing in it and no coordinator inside (…要会同|司, …及地方|司, …国家的|…中心),
    its head in no common word (公司, 司法)?"""
    freq, department, words = wordtables.word_counts(), text[start:end], discoverer.words
    return freq[text[end - head - 1:end]] < COMMON_WORD_FREQ and freq[text[end - 1:end + 1]] < COMMON_WORD_FREQ \
        and not {department, "国家" + department} & discoverer.lexicon.by_surface.keys() \
        and not words.known_body_ends_at(text, end) \
        and not discoverer.rules.coordinator.search(department) \
        and not _stop_word_stands(text, start, end, discoverer)


def _stop_word_stands(text: str, start: int, end: int, discoverer: Discoverer) -> bool:
    """Does a verb or stop word open ``text[start:end]`` or stand in it as a word of its own, as
    jieba cuts the text (上市|公司监管司 holds none: 上市公司 is one word)?"""
    words, department = discoverer.words, text[start:end]
    opening = words.leading_stops_end(department, 0, len(department))
    if opening and discoverer.cuts.segmented_at(text, start, start + opening):
        return True
    return any(discoverer.cuts.segmented_at(text, start + k - len(word), start + k)
               for k, word in words.stops_inside(department, 0, len(department) - 1, discoverer.rules.stop_words))


_PLACE_MAX = 8  # one more than the characters of the longest first place of a run (广西壮族自治区)
_PLACED_KINDS = ("product", "market")  # the kinds a place before them does not make a new name of


def _without_placed_kinds(text: str, candidates: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A place before a kind of product, market or fund names no new one: 上海|私募基金 and 长三角|科技
    保险 are the kind where it is sold, 海南|地方政府债券 the known product (its own candidate). A fund
    that is being set up is one fund (设立|长三角产业投资基金)."""
    return [c for c in candidates if not (c.rule == "head" and _placed_kind(text, c, discoverer))]


def _placed_kind(text: str, candidate: Candidate, discoverer: Discoverer) -> bool:
    """Is the candidate (a product or market, or a fund: its head tells it from other bodies) a run
    of places and then a generic kind or a known product or market, and no fund being set up?"""
    rules, (start, end, kind) = discoverer.rules, candidate[:3]
    if (kind not in _PLACED_KINDS and not text.endswith(rules.fund_heads, 0, end)) \
            or text.endswith(rules.fund_founding, 0, start):
        return False
    by_surface, words = discoverer.lexicon.by_surface, discoverer.words
    if not any(text[start:start + k] in words.place_names for k in range(2, min(_PLACE_MAX, end - start))):
        return False  # no known place opens it
    for n in range(start + 2, end - 1):
        rest = text[n:end]
        known = by_surface.get(rest)
        if (rules.is_generic(rest) or (known is not None and known.type in ("product", "market"))) \
                and words.is_place_run(text[start:n]):
            return True
    return False


def _without_belongings(text: str, candidates: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """What belongs to a name names that name: the money a product raises (地方政府专项债券|资金), the
    cities of a pilot (长期护理保险制度试点|城市). A discovered programme made of a name of a type in
    ``belonging_heads`` and one of its words there is dropped for that name."""
    belonging = discoverer.rules.belonging_heads
    known: dict[int, list[tuple[int, str]]] = {}  # a start -> the ends and types of the names there
    for c in candidates:
        if c.type in belonging:
            known.setdefault(c.start, []).append((c.end, c.type))

    def belongs(c: Candidate) -> bool:
        return any(text[end:c.end] in belonging[kind] for end, kind in known.get(c.start, ()))

    return [c for c in candidates if not (c.rule == "head" and c.type == "programme" and belongs(c))]


def _without_quoted_kinds(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The words right after a quoted name say what kind of scheme it is (“蓝天”|专项整治行动): a
    discovered programme that starts there is no name of its own."""
    quoted_ends = {c.end + 1 for c in candidates if c.rule == "quoted" and text[c.end:c.end + 1] == CLOSING_QUOTE}
    return [c for c in candidates if not (c.rule == "head" and c.type == "programme" and c.start in quoted_ends)]


def _without_joined_knowns(text: str, candidates: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """Two known names joined by a conjunction are two names, not one discovered name that spans
    them (国家重大建设项目库|和|全国投资项目在线审批监管平台); nor is a known name joined to a kind
    (全国碳排放权注册登记系统|和|交易系统, …服务平台网络|与|征信系统: the kind is no name)."""
    joins = [m.start() for m in discoverer.rules.coordinator.finditer(text)]
    if not joins:
        return candidates
    known = {(c.start, c.end) for c in candidates if c.rule == "lexicon"}
    rules = discoverer.rules

    def joined(c: Candidate) -> bool:
        first = bisect_left(joins, c.start + 2)
        return any((c.start, k) in known and ((k + 1, c.end) in known or text[k + 1:c.end] in rules.heads
                                               or rules.is_generic(text[k + 1:c.end]))
                   for k in joins[first:bisect_left(joins, c.end - 2, first)])

    return [c for c in candidates if c.rule == "lexicon" or not joined(c)]


_CLAUSE_END = re.compile(f"[{CLAUSE_ENDS}。]")  # a regex finds the nearest of them in one scan


def _from_known_starts(candidates: list[Candidate]) -> list[Candidate]:
    """A head-word name whose walk stopped inside a known name and runs past it (郑商|所综合业务平台:
    商 reads as the verb "consult") starts where the known name starts: 郑商所综合业务平台."""
    around: dict[int, Candidate] = {}  # a position inside a known name -> the known name (the earliest)
    known = sorted((c for c in candidates if c.rule == "lexicon"), reverse=True)
    for k in known:
        for inside in range(k.start + 1, k.end):
            around[inside] = k
    for k in known:  # where a known name ends, a name crossing it is no word (广州港|南沙港区: 港南 is a place)
        crossing = around.get(k.end)
        if crossing is not None and k.start < crossing.start:
            del around[k.end]
    return [_started_at(around[c.start], c) if c.rule == "head" and c.start in around else c for c in candidates]


def _started_at(known: Candidate, c: Candidate) -> Candidate:
    return Candidate(known.start, c.end, c.type, c.rule, c.key) if c.end > known.end else c


def _after_known_names(text: str, candidates: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A discovered product, market, benchmark or programme name that starts with a known
    institution begins after it and the verbs that follow it: 广期所|碳排放权期货 (the walk
    could not know the alias 广期所), 中国人民银行|推进|数字人民币试点."""
    known: dict[int, list[int]] = {}
    for c in candidates:
        if c.rule in ("lexicon", "alias", "acronym") and c.type == "institution":
            known.setdefault(c.start, []).append(c.end)
    if not known:
        return list(candidates)
    return [_after_known(text, c, known[c.start], discoverer)
            if c.start in known and c.rule == "head" and c.type in _AFTER_KNOWN_KINDS
            and not _compiled_index(text, c, discoverer) else c for c in candidates]


def _compiled_index(text: str, c: Candidate, discoverer: Discoverer) -> bool:
    """Is ``c`` an index, which is named with the body that compiles it (大商所农产品期货价格指数)?"""
    return c.type == "benchmark" and text.endswith(discoverer.rules.index_word, 0, c.end)


_AFTER_KNOWN_KINDS = ("product", "market", "benchmark", "programme")


def _after_known(text: str, c: Candidate, known_ends: list[int], discoverer: Discoverer) -> Candidate:
    """A head-word name begun after the known bodies at its start (ending at ``known_ends``)
    that it runs past, and the verbs after them; ``c`` itself when none or when the rest is
    only a head or generic."""
    ends = [e for e in known_ends if e < c.end - 1]
    if not ends:
        return c
    start = discoverer.words.leading_stops_end(text, max(ends), c.end)
    rest = text[start:c.end]
    if rest not in discoverer.rules.heads and not discoverer.rules.is_generic(rest):  # 中央财政补助|资金
        return Candidate(start, c.end, c.type, c.rule, c.key)
    return c


def choose(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then by rule priority; a name inside a chosen name is dropped,
    unless the longer one is a discovered name exactly made of chosen shorter ones."""
    ranked = sorted(set(candidates), key=_rank)
    taken: list[Candidate] = []
    occupied = bytearray(max((c.end for c in candidates), default=0) + 1)
    for candidate in ranked:
        start, end = candidate[0], candidate[1]
        if occupied.find(1, start, end) != -1:
            continue
        taken.append(candidate)
        occupied[start:end] = b"\x01" * (end - start)
    taken = _prefer_tilings(taken, candidates)
    taken.sort()
    return taken


_RULE_ORDER = {rule: i for i, rule in enumerate(PRIORITY)}


def _rank(c: Candidate) -> tuple[int, int, int, str, int, str]:
    """A total order: the candidates come from a set, and ties must not fall to hash order
    (a head-word name that a 负责部门 note also lists is credited to ``head``)."""
    start, end, kind, rule, key = c
    return start - end, -PRIORITY[rule], start, kind, _RULE_ORDER[rule], key or ""


_WHOLE_KINDS = ("product", "benchmark")  # the types whose names made of names of the type are one name
_PIECE_RULES = ("lexicon", "head", "alias", "acronym")  # the rules whose names may tile a longer one


def _prefer_tilings(taken: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    unknown = [c for c in taken if c.rule != "lexicon"]  # the names a tiling of known ones may replace
    outers = {(c.start, c.end) for c in unknown}
    starts = {start for start, _ in outers}
    by_start: dict[int, list[Candidate]] = defaultdict(list)
    for c in candidates:
        if c.start in starts and (c.start, c.end) not in outers and c.rule in _PIECE_RULES:
            by_start[c.start].append(c)
    if not by_start:
        return taken
    # the later pieces of a tiling may start anywhere inside an outer that has a first piece
    inside = {at for c in unknown if c.start in by_start for at in range(c.start + 1, c.end)}
    for c in candidates:
        if c.start in inside and c.start not in starts and c.rule in _PIECE_RULES:
            by_start[c.start].append(c)
    result = []
    for outer in taken:
        # (a product made of products is one kind: 信用债|ETF is an ETF of credit bonds, 国债期货|期权;
        # an index made of indices is one index: 上证180|碳效率指数)
        tiling = _tiling(outer, by_start) if outer.start in by_start and outer.rule != "lexicon" \
            and outer.type not in _WHOLE_KINDS else None
        result.extend(tiling or [outer])
    return result


def _tiling(outer: Candidate, by_start: dict[int, list[Candidate]]) -> list[Candidate] | None:
    """Two or more candidates that cover ``outer`` exactly, end to end."""
    def tile(at: int) -> list[Candidate] | None:
        if at == outer.end:
            return []
        for piece in sorted(by_start.get(at, ()), key=lambda c: -(c.end - c.start)):
            if piece.end <= outer.end and piece != outer and (piece.end - piece.start) >= 2:
                rest = tile(piece.end)
                if rest is not None:
                    return [piece, *rest]
        return None

    pieces = tile(outer.start)
    if pieces and len(pieces) >= 2 and all(p.type == outer.type for p in pieces):
        return pieces  # 上海自贸试验区临港新片区: two zones, not one
    return None


# --- names the text defines -------------------------------------------------------------

def _defined_names(text: str, chosen: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """Acronyms and 以下简称 aliases right after a chosen name, as candidates keyed to it."""
    rules = discoverer.rules
    ending_at = {c.end: c for c in chosen}
    found = []
    definitions: tuple[tuple[re.Pattern[str], str, RuleName], ...] = (
        (rules.acronym, "acr", "acronym"), (rules.defined_alias, "alias", "alias"))
    for pattern, group, rule in definitions:
        for match in pattern.finditer(text):
            candidate = ending_at.get(match.start())
            if candidate is None and rule == "alias":
                candidate = _defining_phrase(text, match.start(), discoverer)
                found += [candidate] if candidate is not None else []
            if candidate is not None:
                start, end = match.span(group)
                key = candidate.key or text[candidate.start:candidate.end]
                found.append(Candidate(start, end, candidate.type, rule, key))
    return found


def _defining_phrase(text: str, end: int, discoverer: Discoverer) -> Candidate | None:
    """The name a （以下简称…） note defines when no rule found it: the noun phrase before the
    bracket, from the clause's start past its leading verbs (组成|国家组织药品…工作小组), typed by
    its head."""
    start = end
    while start > 0 and end - start < _DEFINED_MAX and text[start - 1] not in NAME_BREAKS:
        start -= 1
    if start == end or text[start - 1:start] in ("》", "”"):
        return None  # the phrase runs on from a title or a quote (“…”制度试点): only part of a name
    start = discoverer.words.leading_stops_end(text, start, end)
    known = discoverer.words.known_name_end(text, start, end)
    after = discoverer.words.leading_stops_end(text, known, end) if known is not None else start
    if known is not None and after > known:
        start = after  # 国家药监局|组成|国家组织…工作小组
    name = text[start:end]
    kind = discoverer.words.type_by_head(name) if len(name) >= 4 else None
    if kind is None or discoverer.rules.is_generic(name):
        return None
    return Candidate(start, end, kind, "alias")


def _uses_of(text: str, defined: list[Candidate]) -> list[Candidate]:
    if not defined:
        return []
    automaton = ahocorasick.Automaton()
    for d in defined:
        automaton.add_word(text[d.start:d.end], d)
    automaton.make_automaton()
    uses = []
    for end, d in automaton.iter(text):
        start = end + 1 - (d.end - d.start)
        if ascii_glued(text, start, end + 1, any_after=True):
            continue
        uses.append(Candidate(start, end + 1, d.type, d.rule, d.key))
    return uses


_DEFINED_MAX = 40  # characters of a defined name


# --- keys -------------------------------------------------------------------------------

def _keyed(text: str, chosen: list[Candidate], defined: list[Candidate], discoverer: Discoverer) -> Resolved:
    lexicon = discoverer.lexicon
    keyed = [c if c[4] else Candidate(c[0], c[1], c[2], c[3], text[c[0]:c[1]]) for c in chosen]
    types = _types(keyed)
    merge = _abbreviations({key_of(c) for c in keyed}, keyed, types)
    if merge:
        keyed = [Candidate(c[0], c[1], c[2], c[3], merge[c[4]]) if c[4] in merge else c for c in keyed]
        types = _types(keyed)
    resolved = Resolved(mentions=keyed, types=types)
    for c in keyed:
        key, surface = key_of(c), text[c.start:c.end]
        entry = lexicon.entries.get(key)
        if entry is not None:
            resolved.from_lexicon.add(key)
            if entry.id:
                resolved.lexicon_ids[key] = entry.id
        if surface != key:
            resolved.aliases.setdefault(key, {})[surface] = "en" if surface.isascii() else "zh"
    return resolved


def _types(keyed: list[Candidate]) -> dict[str, EntityType]:
    """Each key's type: the one its mentions vote for, a lexicon mention weighing most."""
    votes: dict[str, dict[EntityType, int]] = defaultdict(dict)
    for c in keyed:
        tally = votes[key_of(c)]
        tally[c.type] = tally.get(c.type, 0) + PRIORITY[c.rule] * 10 + 1
    return {key: next(iter(tally)) if len(tally) == 1 else max(sorted(tally), key=tally.__getitem__)
            for key, tally in votes.items()}


def _abbreviations(keys: set[str], keyed: list[Candidate], types: dict[str, EntityType]) -> dict[str, str]:
    """Map a short form to the full name it abbreviates (自贸试验区 → 自由贸易试验区)."""
    lexicon_keys = {c.key for c in keyed if c.rule == "lexicon"}
    merge: dict[str, str] = {}
    ordered = sorted(keys, key=lambda k: (-len(k), k))
    by_ends: dict[tuple[str | None, str, str], list[str]] = defaultdict(list)  # an abbreviation keeps both ends
    for key in ordered:
        by_ends[types.get(key), key[0], key[-1]].append(key)
    for short in ordered:
        if short in lexicon_keys:
            continue
        fulls = [p + short for p in ("中国", "中华人民共和国") if p + short in keys] + by_ends[
            types.get(short), short[0], short[-1]]
        for full in fulls:
            if len(full) > len(short) and types.get(full) == types.get(short) and _abbreviates(short, full):
                merge[short] = merge.get(full, full)
                break
    return merge


def _abbreviates(short: str, full: str) -> bool:
    if full == "中国" + short or full == "中华人民共和国" + short:
        return True
    if short[0] != full[0] or short[-1] != full[-1] or len(short) < 0.6 * len(full):
        return False
    it = iter(full)
    return all(ch in it for ch in short)
