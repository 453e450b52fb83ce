"""Names found beside the names already chosen: items of a list, features along a list or before a
place, and quoted names listed with a known one.

A list lends the type of a name plankg is sure of to its untyped neighbours (前海、横琴、南沙 beside a
known place are places), features pass their type along a list of rivers, a feature's name opening a
clause before a known place is that feature, and quoted names listed beside a known quoted scheme
share its type.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..cjk import HAN, NAME_BREAKS, is_han
from . import wordtables
from .discovery import Candidate, Discoverer
from .discovery.quoted import may_name_scheme
from .discovery.text import COMMON_WORD_FREQ

_ITEM_SEPARATORS = "、"
_LEADING_VERBS_MAX = 6  # characters of the verbs that open a list's clause (持续改善|洪河、涡河)


def enumerated(text: str, chosen: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """Untyped items listed beside typed names (前海、横琴、南沙) take their type: places' and
    bodies', not programmes' (a known scheme is listed among tasks as often as among schemes)."""
    rules = discoverer.rules
    by_end = {c.end: c for c in chosen}
    by_start = {c.start: c for c in chosen}
    found = []
    for c in chosen:
        # Only a name we are sure of lends its type to its neighbours.
        if c.type not in ("place", "institution") or c.rule not in ("lexicon", "alias", "acronym"):
            continue
        neighbour = _item_after(text, c.end, rules.enumeration_item_max)
        if neighbour and neighbour[0] not in by_start:
            found.append(Candidate(*neighbour, c.type, "enumeration"))
        neighbour = _item_before(text, c.start, rules.enumeration_item_max)
        if neighbour and neighbour[1] not in by_end:
            found.append(Candidate(*neighbour, c.type, "enumeration"))
    items = [part for f in found if _plain_item(text[f.start:f.end], discoverer)
             for part in _after_leading_place(text, f, discoverer)]
    features = _listed_features(text, chosen + items, discoverer)
    return items + features + _listed_places(text, chosen + items + features, discoverer)


def _listed_places(text: str, named: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """Known place names listed beside a place are places, along the whole list (万州、涪陵、綦江、
    大足、黔江、长寿…): an item that is exactly a known place's name, or a division's short form
    (瓮安 for 瓮安县), takes the type from its neighbour and passes it on, though alone it may be a
    common word or hold a verb (长寿, 大足); the list's first item counts after the verbs that open
    its clause (支持|东兴、凭祥). Two short forms listed side by side start such a list of their own
    (开阳、瓮安、福泉, 博乐、伊宁等沿边城市)."""
    words = discoverer.words
    pairs = _short_division_pairs(text, named, discoverer)
    seeds = [c for c in named if c.type == "place" and c.rule in ("lexicon", "alias")] + pairs

    def takes(span: tuple[int, int], taken: bool) -> bool:
        item = text[span[0]:span[1]]
        return not taken and (item in words.place_names or words.is_short_division(item))

    return pairs + _along_the_list(text, seeds, named + pairs,
                                   lambda start: _place_item_before(text, start, discoverer), takes, discoverer)


def _short_division_pairs(text: str, named: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """Two divisions' short forms listed side by side, neither named already: places (开阳、瓮安)."""
    words, limit = discoverer.words, discoverer.rules.enumeration_item_max
    starts = {c.start for c in named}
    found: dict[tuple[int, int], Candidate] = {}
    for separator in _SEPARATOR.finditer(text):
        at = separator.start()
        if not words.short_division_at(text, at + 1):
            continue
        after = _item_after(text, at, limit) or _last_item_after(text, at, limit)
        if after is None or after[0] in starts or not words.is_short_division(text[after[0]:after[1]]):
            continue  # (the item after is looked at first: the one before costs more to find)
        before = _place_item_before(text, at + 1, discoverer)
        if before is not None and before[0] not in starts and words.is_short_division(text[before[0]:before[1]]):
            for span in (before, after):
                found.setdefault(span, Candidate(*span, "place", "enumeration"))
    return list(found.values())


def _listed_features(text: str, named: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """Features listed beside a named feature are features too, along the whole list (浑河、太子河、
    条子河、招苏台河等支流: each found one passes the type on to the next), also where a known place
    opens the feature's name (海口湾、三亚湾、洋浦|湾)."""
    place_ends = {c.start: c.end for c in named if c.type == "place"}
    endings, finals = discoverer.rules.feature_ending_set, discoverer.rules.feature_finals
    seeds = [c for c in named if c.type == "place" and text[c.end - 1] in finals
             and _feature_name(text[c.start:c.end], discoverer, least=1)]

    def takes(span: tuple[int, int], taken: bool) -> bool:
        opens = taken and text[place_ends.get(span[0], span[1]):span[1]] not in endings  # not a place and its ending
        return not opens and _listed_feature(text[span[0]:span[1]], discoverer)

    return _along_the_list(text, seeds, named, lambda start: _first_item_before(
        text, start, discoverer.rules.enumeration_item_max, discoverer), takes, discoverer)


def _along_the_list(text: str, seeds: list[Candidate], named: list[Candidate],
                    item_before: Callable[[int], tuple[int, int] | None],
                    takes: Callable[[tuple[int, int], bool], bool], discoverer: Discoverer) -> list[Candidate]:
    """The items listed beside ``seeds`` that ``takes`` accepts (given the item's span and whether a
    named candidate starts there already), as places, each found one passing the type on to the next
    along the list; none ends where a named candidate ends. A place named already passes the type
    on as well (咸宁、仙桃、潜江: 仙桃, typed by its known neighbour, hands it to 潜江)."""
    starts, ends = {c.start for c in named}, {c.end for c in named}
    passing = {(c.start, c.end) for c in named if c.type == "place"} - {(c.start, c.end) for c in seeds}
    queue, found = list(seeds), []
    limit = discoverer.rules.enumeration_item_max
    while queue:
        c = queue.pop()
        after = _item_after(text, c.end, limit) or _last_item_after(text, c.end, limit)
        for span in (after, item_before(c.start)):
            if span in passing:
                passing.discard(span)
                queue.append(Candidate(*span, "place", "enumeration"))
                continue
            if span is None or span[1] in ends or not takes(span, span[0] in starts):
                continue
            place = Candidate(*span, "place", "enumeration")
            starts.add(place.start)
            ends.add(place.end)
            found.append(place)
            queue.append(place)
    return sorted(found)


def _listed_feature(item: str, discoverer: Discoverer) -> bool:
    """Is a list item beside a feature a feature's name: a plain one with two characters or more
    before its ending (招苏台|河), or a bare one with one (洪河、涡河)?"""
    return (_feature_name(item, discoverer) and _plain_item(item, discoverer)) or _bare_feature(item, discoverer)


def _first_item_before(text: str, start: int, limit: int, discoverer: Discoverer) -> tuple[int, int] | None:
    """The item listed before ``start``; the list's first one after the verbs that open its clause
    (持续改善|洪河、涡河): the list starts where they end."""
    span = _item_before(text, start, limit + _LEADING_VERBS_MAX)
    if span is None:
        return None
    begin = discoverer.words.leading_stops_end(text, span[0], span[1])
    return (begin, span[1]) if 2 <= span[1] - begin <= limit else None


def _place_item_before(text: str, start: int, discoverer: Discoverer) -> tuple[int, int] | None:
    """The item listed right before ``start`` (after 、), once the verbs that open its clause are
    skipped (（一）支持|东兴、凭祥): wherever its run of Han characters begins."""
    limit = discoverer.rules.enumeration_item_max
    if start == 0 or text[start - 1] not in _ITEM_SEPARATORS:
        return None
    begin = _han_run_start(text, start - 1, limit + _LEADING_VERBS_MAX + 1)
    if begin and is_han(text[begin - 1]):
        return None  # a run longer than a clause's verbs and an item
    begin = discoverer.words.leading_stops_end(text, begin, start - 1)
    return (begin, start - 1) if 2 <= start - 1 - begin <= limit else None


def _after_leading_place(text: str, item: Candidate, discoverer: Discoverer) -> list[Candidate]:
    """A listed place that opens with known places is those places and what follows, if that is a
    place or feature of its own (四川省|鲁班水库, 广西|广东|九洲江), or the two known places alone when
    they run on into something else (福建省|安溪县|茶叶: a crop of the county); any other item stays
    whole (陕西关中, where 关中 is not known)."""
    if item.type != "place":
        return [item]
    return _places_then_place(text, item, discoverer) or _two_places_then_other(text, item, discoverer) or [item]


def _places_then_place(text: str, item: Candidate, discoverer: Discoverer) -> list[Candidate]:
    """``item`` as known places and then a place or feature of its own; none if it is not so made."""
    name = text[item.start:item.end]
    for n in range(min(6, len(name) - 2), 1, -1):
        if name[:n] not in discoverer.words.place_names:
            continue
        known, rest = item._replace(end=item.start + n), item._replace(start=item.start + n)
        inner = _places_then_place(text, rest, discoverer)
        if inner:
            return [known, *inner]
        if _own_place(name[n:], discoverer):
            return [known, rest]
    return []


def _two_places_then_other(text: str, item: Candidate, discoverer: Discoverer) -> list[Candidate]:
    """A province and a county or city in it that open ``item`` when something else follows them
    (福建省|安溪县|茶叶, 江西|南康|家具); none if it does not open so (a port named after its city stays whole:
    万州新田港)."""
    name, words = text[item.start:item.end], discoverer.words
    endings = discoverer.rules.division_endings
    # a county's short form will do where a product follows, not a place or feature (江西|南康|家具)
    short_ok = not name.endswith(endings) and name[-1] not in discoverer.rules.feature_finals
    for n in words.province_forms_at(text, item.start):
        for m in range(min(6, len(name) - n - 1), 1, -1):
            if (short_ok or name[n:n + m].endswith(endings)) and name[n:n + m] in words.place_names:
                return [item._replace(end=item.start + n),
                        item._replace(start=item.start + n, end=item.start + n + m)]
    return []


def _own_place(name: str, discoverer: Discoverer) -> bool:
    """Is ``name`` a known place or a feature's name (two characters and more before its ending)?"""
    return name in discoverer.words.place_names or _feature_name(name, discoverer)


_FEATURE_BEFORE_PLACE_MAX = 6  # characters of a feature named before a place (招苏台河, 通惠河下段 is no name)


def features_before_places(text: str, chosen: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A feature's name that opens a clause right before a known place is a feature (双桥河|合肥市
    控制单元, 汀溪|厦门市…): the river, lake or mountain and the place its stretch lies in. There a
    name of one character before its ending is one (来|河), unless that is a common word (河口); a
    known place with a part named (滇池外海) is left to the known place."""
    finals = discoverer.rules.feature_finals
    ends = {c.end for c in chosen}
    found = []
    for c in chosen:
        if c.type != "place" or c.rule not in ("lexicon", "alias") or c.start in ends \
                or not c.start or text[c.start - 1] not in finals:
            continue
        begin = _han_run_start(text, c.start, _FEATURE_BEFORE_PLACE_MAX + 1)
        name = text[begin:c.start]
        if (begin == 0 or text[begin - 1] in NAME_BREAKS) and len(name) <= _FEATURE_BEFORE_PLACE_MAX \
                and _bare_feature(name, discoverer):
            found.append(Candidate(begin, c.start, "place", "enumeration"))
    return found


def features_after_places(text: str, chosen: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A feature named right after a province or city with its division word, up to a break: the
    lake or reservoir of that place (湖北省|南漪湖，, 广东省|高州水库、): lists of water bodies name
    them so, and most are in no gazetteer."""
    rules, words = discoverer.rules, discoverer.words
    starts = {c.start for c in chosen}
    found = []
    for c in chosen:
        place = text[c.start:c.end]
        if c.type != "place" or c.end in starts or not place.endswith(rules.division_endings) \
                or place not in words.place_names:
            continue
        end = _han_run_end(text, c.end, _FEATURE_BEFORE_PLACE_MAX + 1)
        name = text[c.end:end]
        if end < len(text) and text[end] in NAME_BREAKS and 2 <= len(name) <= _FEATURE_BEFORE_PLACE_MAX \
                and _bare_feature(name, discoverer):
            found.append(Candidate(c.end, end, "place", "enumeration"))
    return found


_PORT = "港"
_PORT_PLACE_LENGTHS = (4, 3, 2)  # characters of the place a port is named after, longest first


def ports_of_places(text: str, chosen: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A port named by its city or county and 港, standing as a name of its own (泸州港、宜宾港和乐山港,
    思茅港、景洪港等港口, 防城港港): plans list their river and sea ports so, and the gazetteer holds the
    main ones only. The place is a chosen place or a known place's name (a county's short form, no
    common word: 友好|港 is a sister port) after a break, a list mark, a coordinator or a verb; 港 ends
    the name where it opens no word with the next character (港区, 港口, 港澳)."""
    place_ends = {c.end for c in chosen if c.type == "place"}
    places, found = discoverer.words.place_names, []
    for port in re.finditer(_PORT, text):
        at, end = port.start(), port.end()
        if end < len(text) and wordtables.word_counts()[text[at:end + 1]]:
            continue  # 港口, 港区, 港澳: 港 opens a word
        for n in _PORT_PLACE_LENGTHS:
            start = at - n
            if start < 0 or text[start:at] not in places:
                continue
            if at in place_ends or (_opens_item(text, start, discoverer)
                                    and wordtables.word_counts()[text[start:at]] < COMMON_WORD_FREQ):
                found.append(Candidate(start, end, "place", "enumeration"))
                break
    return found


def _opens_item(text: str, start: int, discoverer: Discoverer) -> bool:
    """Does a name at ``start`` open a list item or a clause (after a break, 、, a coordinator (宜宾港|和|
    乐山港) or a verb: 提升|思茅港)?"""
    return start == 0 or text[start - 1] in NAME_BREAKS or text[start - 1] in discoverer.rules.coordinators \
        or discoverer.words.stop_ending_at(text, start) is not None


_FEATURE_BEFORE_BASIN_MAX = 5  # characters of a river named before 流域 (都柳江, 宏农涧河)


def features_before_basins(text: str, chosen: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """A river named right before its basin word, after a place or a break: 南丹县|刁江|流域,
    、|沘江|流域 (the guide links a basin written X流域 to the river X). The shortest such name
    whose start follows a place or a break; one character before its ending is enough there."""
    rules = discoverer.rules
    place_ends = {c.end for c in chosen if c.type == "place"}
    found = []
    for basin in rules.basin_word.finditer(text):
        end = basin.start()
        for begin in range(end - 2, max(-1, end - _FEATURE_BEFORE_BASIN_MAX - 1), -1):
            if not is_han(text[begin]):
                break
            name = text[begin:end]
            if (begin in place_ends or begin == 0 or text[begin - 1] in NAME_BREAKS) \
                    and _bare_feature(name, discoverer) \
                    and not any(name[:i].endswith(rules.division_endings) for i in range(2, len(name) - 1)):
                found.append(Candidate(begin, end, "place", "enumeration"))  # (not 徽县永宁河: a county, a river)
                break
    return found


def _bare_feature(name: str, discoverer: Discoverer) -> bool:
    """Is ``name``, standing by a place, a basin word or a break, a feature's own name: an ending
    after one character or more (来|河), no common word (河口), no verb inside, no known place
    with a part named (滇池|外海)?"""
    return _feature_name(name, discoverer, least=1) and wordtables.word_counts()[name] < COMMON_WORD_FREQ \
        and _plain_item(name, discoverer) and not _part_of_place(name, discoverer)


def _part_of_place(name: str, discoverer: Discoverer) -> bool:
    """Is ``name`` a known place and a part of it (滇池|外海), not a feature named after a place
    (东莞|运河, 京山|河: the place and a bare ending)?"""
    endings = discoverer.rules.feature_ending_set
    return any(name[:n] in discoverer.words.place_names and name[n:] not in endings for n in range(2, len(name)))


def _feature_name(name: str, discoverer: Discoverer, least: int = 2) -> bool:
    """Is ``name`` a feature's name: ``least`` characters or more before a feature's ending (招苏台|河)?"""
    rules = discoverer.rules
    endings = rules.feature_ending_set
    return any(name[-k:] in endings and len(name) - k >= least for k in range(1, rules.feature_ending_longest + 1))


_QUOTED_GAP = re.compile(r"[^。；;！？!?“”\n，,：:]{0,6}")  # no clause break between listed quotes


def quoted_company(text: str, chosen: list[Candidate], discoverer: Discoverer) -> list[Candidate]:
    """Quoted names listed beside a quoted known name share its type:
    “一网查询”、…“一网通办”、…“一码集成” are programmes like 一网通办; so do those beside a quoted
    scheme (“金融知识普及月”“金融知识万里行”和“防范非法集资宣传月”活动), if they may name one."""
    quotes = list(discoverer.rules.quoted.finditer(text))
    known = {(c.start, c.end): c for c in chosen
             if c.rule in ("lexicon", "alias") or (c.rule == "quoted" and c.type == "programme")}
    found = []
    for i, match in enumerate(quotes):
        anchor = known.get(match.span("name"))
        if anchor is None:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(quotes):
                left, right = sorted((quotes[j - step], quotes[j]), key=lambda m: m.start())
                if not _QUOTED_GAP.fullmatch(text, left.end(), right.start()):
                    break
                name = quotes[j].group("name")
                if not discoverer.rules.is_generic(name) and not discoverer.words.tiles_with_generic(name) \
                        and (anchor.rule != "quoted" or may_name_scheme(name, discoverer.words)):
                    found.append(Candidate(*quotes[j].span("name"), anchor.type, "enumeration"))
                j += step
    return found


_ITEM = re.compile(f"{HAN}{{2,}}")
_SEPARATOR = re.compile(f"[{_ITEM_SEPARATORS}]")


def _item_after(text: str, end: int, limit: int) -> tuple[int, int] | None:
    if not text.startswith(_ITEM_SEPARATORS, end):
        return None
    match = _ITEM.match(text, end + 1, end + 1 + limit + 1)
    if not match:
        return None
    item_end = match.end() if text.startswith("、", match.end()) else text.find("等", match.start() + 2, match.end())
    return (match.start(), item_end) if 0 < item_end - match.start() <= limit else None


def _last_item_after(text: str, end: int, limit: int) -> tuple[int, int] | None:
    """The list's last item after ``end``: a run of Han characters after 、 up to a break (…深圳湾、
    水东湾。, a table cell's list ending at its line's end)."""
    if not text.startswith(_ITEM_SEPARATORS, end):
        return None
    item_end = _han_run_end(text, end + 1, limit + 1)
    if item_end - end - 1 > limit or item_end >= len(text) or text[item_end] not in NAME_BREAKS:
        return None
    return (end + 1, item_end) if item_end - end - 1 >= 2 else None


def _item_before(text: str, start: int, limit: int) -> tuple[int, int] | None:
    if start == 0 or text[start - 1] not in _ITEM_SEPARATORS:
        return None
    begin = _han_run_start(text, start - 1, limit + 1)
    if start - 1 - begin > limit or start - 1 - begin < 2:
        return None
    before = text[begin - 1] if begin else "。"
    return (begin, start - 1) if before in "、，。；：（" else None


def _han_run_start(text: str, end: int, most: int) -> int:
    """Where the run of Han characters ending at ``end`` starts, looking back ``most`` characters at most."""
    begin = end
    while begin > 0 and end - begin < most and is_han(text[begin - 1]):
        begin -= 1
    return begin


def _han_run_end(text: str, start: int, most: int) -> int:
    """Where the run of Han characters starting at ``start`` ends, looking on ``most`` characters at most."""
    end = start
    while end < len(text) and end - start < most and is_han(text[end]):
        end += 1
    return end


def _plain_item(item: str, discoverer: Discoverer) -> bool:
    """A bare listed name: not generic, and no verb or stop word inside (服务全国 is not a place)."""
    if discoverer.rules.is_generic(item) or discoverer.words.tiles_with_generic(item):
        return False
    return not any(discoverer.words.stops_inside(item, 0, len(item)))
