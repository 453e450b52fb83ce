"""The discovery rules' data: discovery.yaml and the word lists it names, read once into
``DiscoveryRules``, with the groups of launched names (``Launch``) and their patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ...cjk import DASHES, HAN
from ...datafiles import data_lines, data_text, data_yaml, typed_record
from ...patterns import alternation, char_class
from ..model import EntityType, entity_type

_TYPE_ORDER: tuple[EntityType, ...] = ("institution", "market", "place", "benchmark", "programme", "product")
_LAUNCHED_MAX = 24  # characters of a launched name
_OWN_CHARACTERS = 4  # characters of a launched name's modifier that no generic modifier word covers
# discovery.yaml's keys that are read into other fields (the rest are fields of DiscoveryRules as they are)
_COMPOSED = ("boundary_heads", "generic_patterns", "launch_edge", "launch_cuts", "generic_region_before",
             "department_heads", "department_reach", "line_heads", "local_departments", "natural_feature_heads",
             "natural_feature_followers", "count_joiners", "event_min_modifier", "plain_named_heads")


class Launch(NamedTuple):
    """A group of launched names: the verbs before them, their heads, the words that cut them."""

    pattern: re.Pattern[str]
    kind: EntityType  # the type of its names
    least: int  # shortest modifier
    cuts: tuple[str, ...]  # words inside a match after which the name starts, where they are words
    least_plain: int  # shortest modifier of a name that does not begin with an opener (国家, 全国, a place)
    least_listed: int  # shortest modifier of a name listed after a launched one (…平台、|生物物种查验鉴定平台)
    one_of_a_kind: re.Pattern[str] | None  # words before the name that make it one of a kind, like an opener
    one_of_a_kind_reach: int  # how many characters before the name those words may span
    one_of_a_kind_least: int  # shortest modifier of a name those words make one of a kind
    least_own: int  # characters of the modifier that no generic modifier word covers, in a specific name
    least_own_after_verb: int  # …in a name that starts right after its launching verb (开展|蓝色金融试点)
    chain: re.Pattern[str]  # the next name of a coordination, launched by the same verb (…计划和|乙计划)
    strip_leading: bool  # skip any verb or function word that opens the name, not only the listed verbs
    keep_leading: frozenset[str]  # verbs that open the name as a part of it, not skipped (推动…联席会议)
    verbs: tuple[str, ...]  # the launching verbs, longest first
    head_at_edge: re.Pattern[str]  # a head at a clause edge: the pattern needs one within ``reach``
    reach: int  # the farthest a match can start before its head (the longest verb and name)
    verb_initials: re.Pattern[str]  # any first character of a verb: where a match can start


@dataclass(frozen=True)
class DiscoveryRules:
    """The rules' words, patterns and limits, as discovery.yaml gives them."""

    heads: dict[str, tuple[EntityType, ...]]  # head word -> types, in preference order
    boundaries: dict[str, tuple[EntityType, ...]]  # heads plus endings that only bound a walk
    false_heads: frozenset[str]
    right_blockers: dict[str, tuple[str, ...]]
    stop_words: frozenset[str]
    soft_stops: frozenset[str]
    not_verbs: frozenset[str]  # words jieba tags as verbs that are nouns here (首都)
    openers: frozenset[str]
    generic_modifiers: frozenset[str]
    generic_names: frozenset[str]
    generic_pattern: re.Pattern[str]
    needs_specific: frozenset[str]
    qualifiers: dict[str, tuple[str, ...]]
    product_generic_modifiers: frozenset[str]
    min_modifier: int
    inner_heads: dict[str, frozenset[str]]
    event_heads: frozenset[str]
    plain_named_heads: dict[str, int]  # a head named with ordinary words (events, indices): the least modifier
    quoted_heads: dict[str, EntityType]
    loose_heads: frozenset[str]
    loose_head_reach: int  # the most characters of a loose head's name before the head (跨境理财|通)
    product_name_words: frozenset[str]
    acronym_name_types: dict[str, EntityType]
    number_units: tuple[str, ...]
    max_modifier: int
    min_modifier_single_head: int
    acronym: re.Pattern[str]
    defined_alias: re.Pattern[str]
    quoted: re.Pattern[str]
    duty_note: re.Pattern[str]
    duty_split: re.Pattern[str]
    duty_tail: re.Pattern[str]
    duty_not_names: re.Pattern[str]
    launched: tuple[Launch, ...]
    counted_prefix: re.Pattern[str]
    modifier_suffixes: tuple[str, ...]
    platform_heads: tuple[str, ...]
    acting_platform_heads: tuple[str, ...]  # the platforms that act inside a launched name (…平台|建设|…)
    served_groups: frozenset[str]
    pilot_heads: frozenset[str]
    run_by_least: int
    single_prepositions: frozenset[str]
    tenor: re.Pattern[str]
    tenor_rates: tuple[str, ...]
    modals: str  # a verb after one of these is no part of a product's name (可|发行|绿色债券)
    project_phase: re.Pattern[str]  # a phase right before a scheme's head (…二期|工程)
    index_brands: frozenset[str]  # written before an index's name with a dash (中债-新综合指数)
    index_count: re.Pattern[str]  # the count of constituents before an index's head (中证科技|100|指数)
    index_word: str  # the word an index's name ends in (…价格指数), which the count stands before
    index_brand_lengths: tuple[int, ...]  # their lengths, longest first
    programme_round: re.Pattern[str]  # the round before a survey's name (第二次|全国污染源普查)
    name_prefix: re.Pattern[str]  # part of a scheme's or an index's name before it (中央财政|…补助资金, 中国·|…)
    prefixed_name_least: int  # the fewest characters of a name so prefixed
    line_head: re.Pattern[str]  # the heads of a named transport line (京沪|高铁), longest first
    line_not_before: frozenset[str]  # characters after a line's head that make it another word (铁路|局)
    station_directions: frozenset[str]  # a station's own name of one character (北京|南|站)
    station_not_names: frozenset[str]  # the kinds of station no city's station is named (上海|工作站)
    station_not_before: frozenset[str]  # characters after 站 that make it another word (站|点, 站|台)
    line_generic_modifiers: frozenset[str]  # modifiers that make a kind of line, not a named one (普速铁路)
    natural_feature_head: re.Pattern[str]  # a river's or a mountain's head at its name's end (昆都仑|河|、)
    state_body: re.Pattern[str]
    quantifier_openings: tuple[str, ...]  # 有关, 各 …: no body's field, no zone's area opens with one
    zone_parts: re.Pattern[str]  # the 片区 listed right after a free trade zone's name
    zone_part_split: re.Pattern[str]
    basin_word: re.Pattern[str]  # the word for a river's basin after its name (刁江|流域)
    river_mouth: str  # a river's mouth written after its name (辽河|口)
    river_endings: tuple[str, ...]  # the endings of a river's name
    river_mouth_not_before: tuple[str, ...]  # what after 口 makes it another word (口岸, 口水库)
    group_item: re.Pattern[str]  # a working group set out as an item of its own (一、污染处置组。)
    group_item_not_opening: tuple[str, ...]  # the verbs of an item that sets a group up (成立|工作组)
    project_item: re.Pattern[str]  # a project set out as an item of a list (1．三江源生态保护和修复工程。)
    project_item_end: re.Pattern[str]  # how such an item's title ends (…工程。)
    coordinators: tuple[str, ...]
    coordinator: re.Pattern[str]  # any of the coordinators, to find them in a text
    joined_name_openers: tuple[str, ...]
    joined_body_openers: tuple[str, ...]  # …of a body's name (中国化学|与|物理电源行业协会)
    belonging_heads: dict[str, tuple[str, ...]]
    joined_within: tuple[str, ...]
    duty_strip: re.Pattern[str]
    enumeration_item_max: int
    abbreviation_context: str
    abbreviation_not_before: tuple[str, ...]  # what after an abbreviation makes it no place (在新|的)
    quoted_programme_max: int
    quoted_not_names: frozenset[str]
    quoted_period: re.Pattern[str]
    quoted_method: re.Pattern[str]  # a working method quoted as a set phrase (一企一策, 一对一)
    quoted_figure_start: re.Pattern[str]
    quoted_not_after: tuple[str, ...]
    quoted_scheme_before: tuple[str, ...]
    quoted_scheme_initials: str
    quoted_scheme_endings: tuple[str, ...]
    quoted_plus_openers: tuple[str, ...]
    local_levels: tuple[str, ...]
    place_named_heads: frozenset[str]  # named only after a place (京津冀|水源涵养区, 上海|国际航运中心)
    local_department: re.Pattern[str]  # a local government's department after its place (山西省|应急管理厅)
    quoted_list_followers: tuple[str, ...]
    long_heads: dict[str, int]
    known_long_heads: dict[str, int]
    leading_nouns: frozenset[str]
    insured_objects: frozenset[str]
    kind_list_nouns: tuple[str, ...]
    quoted_concept_endings: tuple[str, ...]
    quoted_sentence_words: tuple[str, ...]
    quoted_launched_words: tuple[str, ...]
    quoted_short_scheme: int
    quoted_launch_reach: int
    word_suffixes: tuple[str, ...]
    adjective_suffix: str
    agent_suffix: str  # 承运人, 投保人: a verb and 人 as one dictionary word name who does it
    noun_suffix: str
    noun_suffix_not: tuple[str, ...]
    place_heads_only: frozenset[str]
    owned_heads: frozenset[str]  # heads that name a body only after its owner (北京协和|医院)
    market_member_heads: frozenset[str]  # heads that after a known market name its firms (创业板|公司)
    bracketed_company_heads: frozenset[str]  # heads of a company named brand（seat）business (…（上海）…有限公司)
    owners: tuple[str, ...]  # words in a modifier that name an owner besides a place (四川大学|华西医院)
    proper_named_heads: frozenset[str]  # owned heads a short proper name may own (罗泾|港区)
    proper_named_only_heads: frozenset[str]  # heads only a short proper name names (鹤地|水库)
    place_acts: tuple[str, ...]  # the verbs a place named bare acts by (澳门|建设|…平台), longest first
    running_body_not_endings: tuple[str, ...]  # known names that run no platform named apart (…所, …平台)
    national_heads: frozenset[str]  # heads that name one thing only after a national opener (国家|危险废物名录)
    port_district_heads: frozenset[str]  # heads of a port's district, named apart from its port
    quoted_place_schemes: tuple[str, ...]  # a place and this word in quotes is a joint scheme, no slogan
    branch_words: tuple[str, ...]  # a known body's branch named after its place, ending so
    port_ending: str  # how a known port's name ends (广州港)
    national_endings: tuple[str, ...]  # a known body ending so is a State Council one (…部)
    zone_heads: frozenset[str]
    zone_not_after: tuple[str, ...]  # words for a region that say where a kind of zone lies (…地区|科技园区)
    zone_categories: frozenset[str]  # lexicon zone types that end a place's own zone name
    division_endings: tuple[str, ...]
    short_division_endings: tuple[str, ...]
    no_short_division_endings: tuple[str, ...]
    short_division_max_count: int
    short_division_not_before: tuple[str, ...]
    feature_endings: tuple[str, ...]
    fund_heads: tuple[str, ...]
    fund_founding: tuple[str, ...]
    generic_region_before: re.Pattern[str]
    feature_ending_set: frozenset[str]  # feature_endings, looked up by a name's last characters
    feature_ending_longest: int  # characters of the longest of them
    feature_finals: frozenset[str]  # the last characters of feature_endings
    department: re.Pattern[str]  # a run of characters after a body up to its first department head (group head)
    generic_divisions: tuple[str, ...]
    kinds_of_known: tuple[str, ...]
    quoted_not_before: tuple[str, ...]
    name_continuations: tuple[str, ...]
    product_firms: tuple[str, ...]
    actor_heads: tuple[str, ...]  # a body's head before a verb: the body acts (…中心|建设|…平台)
    actor_verbs: tuple[str, ...]  # the verbs by which a body not known acts inside a launched name
    index_products: frozenset[str]
    insured_people: tuple[str, ...]
    insured_heads: frozenset[str]
    insured_risks: tuple[str, ...]  # a verb naming what an insurance covers (专利|执行|保险)
    insured_risk_tails: tuple[str, ...]  # the head after such a verb (…|责任保险)
    one_character_underlyings: frozenset[str]
    one_character_heads: frozenset[str]

    def is_generic(self, name: str) -> bool:
        """A category word, not a name: listed in generic.txt or of a generic shape (县级人民政府)."""
        return name in self.generic_names or self.generic_pattern.fullmatch(name) is not None


def _word_list(name: str) -> frozenset[str]:
    return frozenset(line.strip() for _, line in data_lines(data_text("plankg.extract", f"data/{name}")))


def _launch_pattern(verbs: list[str], heads: list[str], edge: list[str]) -> re.Pattern[str]:
    """A verb, then a name of up to _LAUNCHED_MAX characters ending in a head word at a clause
    edge (clause punctuation, the end of the text, or one of the ``edge`` words)."""
    return re.compile(f"(?:{alternation(verbs)})"
                      f"(?P<name>[^，。、；：！？“”（）()\\s]{{2,{_LAUNCHED_MAX}}}?(?P<head>{alternation(heads)}))"
                      + _launch_edge(edge))


def _launch_edge(edge: list[str]) -> str:
    return f"(?=[，。、；：（）()]|{alternation(edge)}|$)"


def _launch(item: dict, data: dict) -> Launch:
    """One group of ``launched`` in discovery.yaml (its own ``cuts`` and, unless ``verbs_cut`` is
    false, its verbs added to ``launch_cuts``; its ``edge`` instead of ``launch_edge``, or its
    ``also_edge`` added to it)."""
    least = int(item.get("min_modifier", 4))
    least_own = int(item.get("min_own_characters", _OWN_CHARACTERS))
    cuts = [*data["launch_cuts"], *item.get("cuts", ())]
    # a launching verb standing as a word inside the match starts the name after it
    if "cuts" in item and item.get("verbs_cut", True):
        cuts += item["verbs"]
    # the coordinators end a name as an edge does: the chain's next name starts after them
    edge = list(dict.fromkeys([*item.get("edge", data["launch_edge"]), *item.get("also_edge", ()),
                               *data["coordinators"]]))
    verbs = tuple(sorted(item["verbs"], key=len, reverse=True))
    return Launch(
        pattern=_launch_pattern(item["verbs"], item["heads"], edge), kind=entity_type(item["type"]), least=least,
        cuts=tuple(dict.fromkeys(cuts)),  # each cut word once (a group's verbs may be listed among its cuts)
        least_plain=int(item.get("min_modifier_plain", least)),
        least_listed=int(item.get("min_modifier_listed", item.get("min_modifier_plain", least))),
        one_of_a_kind=re.compile(f"(?:{item['one_of_a_kind']})$") if "one_of_a_kind" in item else None,
        one_of_a_kind_reach=int(item.get("one_of_a_kind_reach", 0)),
        one_of_a_kind_least=int(item.get("one_of_a_kind_least", least)),
        least_own=least_own, least_own_after_verb=int(item.get("min_own_right_after_verb", least_own)),
        chain=_launch_pattern([*data["coordinators"], *item.get("listed_by", ())], item["heads"], edge),
        strip_leading=bool(item.get("strip_leading", True)), verbs=verbs,
        keep_leading=frozenset(item.get("keep_leading", ())),
        head_at_edge=re.compile(f"(?:{alternation(item['heads'])}){_launch_edge(edge)}"),
        reach=len(verbs[0]) + _LAUNCHED_MAX,
        verb_initials=char_class(v[0] for v in verbs))


def _department(heads: list[str], reach: int) -> re.Pattern[str]:
    """A run of up to ``reach`` characters after a body, up to the first department head (group
    ``head``): 国家外汇管理局|资本项目管理司."""
    return re.compile(f"{HAN}{{1,{reach}}}?(?P<head>{alternation(heads)})")


def _feature_head(heads: list[str], followers: list[str]) -> re.Pattern[str]:
    """A natural feature's head where its name ends: before a mark that is no dash, the text's end or
    one of ``followers`` (昆都仑|河|、, 永宁|河|流域; not 新安|江|—千岛湖, 河|套灌区)."""
    return re.compile(f"(?:{alternation(heads)})(?=$|[^\\w{re.escape(DASHES)}]|{alternation(followers)})")


def _joined_counts(count: str, joiners: list[str]) -> re.Pattern[str]:
    """A count before a name, or several joined as one prefix (首批|和|第二批|…试点)."""
    return re.compile(f"(?:{count})(?:(?:{alternation(joiners)})(?:{count}))*")


def _types_of(words: dict[str, str]) -> dict[str, EntityType]:
    """A mapping of words to type names, each type checked to be one of the entity types."""
    return {word: entity_type(kind) for word, kind in words.items()}


@lru_cache(maxsize=1)
def discovery_rules() -> DiscoveryRules:
    """The rules of discovery.yaml (read once)."""
    data = data_yaml("plankg.extract", "data/discovery.yaml")
    heads: dict[str, list[EntityType]] = {}
    for kind, words in data["heads"].items():
        for word in words:
            heads.setdefault(word, []).append(entity_type(kind))
    kinds = {w: tuple(sorted(k, key=_TYPE_ORDER.index)) for w, k in heads.items()}
    plain = {key: value for key, value in data.items() if key not in _COMPOSED}
    return typed_record(DiscoveryRules, {
        **plain,
        "heads": kinds,
        "boundaries": {**kinds, **{w: (entity_type(k),) for w, k in data["boundary_heads"].items()}},
        "quoted_heads": _types_of(data["quoted_heads"]),
        "acronym_name_types": _types_of(data["acronym_name_types"]),
        "coordinator": re.compile(alternation(data["coordinators"])),
        "generic_names": _word_list("generic.txt"),
        "generic_pattern": re.compile("|".join(f"(?:{p})" for p in data["generic_patterns"])),
        "generic_region_before": re.compile(data["generic_region_before"]),
        "index_brand_lengths": tuple(sorted({len(b) for b in data["index_brands"]}, reverse=True)),
        "feature_ending_set": frozenset(data["feature_endings"]),
        "feature_ending_longest": max(map(len, data["feature_endings"])),
        "feature_finals": frozenset(e[-1] for e in data["feature_endings"]),
        "department": _department(data["department_heads"], data["department_reach"]),
        "local_department": re.compile(alternation(data["local_departments"])),
        "line_head": re.compile(alternation(data["line_heads"])),
        "natural_feature_head": _feature_head(data["natural_feature_heads"], data["natural_feature_followers"]),
        "project_phase": re.compile(data["project_phase"]),
        "index_count": re.compile(data["index_count"]),
        "counted_prefix": _joined_counts(data["counted_prefix"], data["count_joiners"]),
        "number_units": tuple(sorted(data["number_units"], key=len, reverse=True)),
        "plain_named_heads": {**dict.fromkeys(data["event_heads"], data["event_min_modifier"]),
                              **data["plain_named_heads"]},
        "launched": tuple(_launch(item, data) for item in data["launched"]),
    }, "data/discovery.yaml")
