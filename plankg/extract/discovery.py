"""Finding candidate names: the lexicon, head words, brackets, quotes, notes and lists.

Every rule reads the plain text and returns ``Candidate`` spans; choosing
between overlapping candidates and merging names is ``resolve``'s job.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

import ahocorasick
import numpy

from ..datafiles import parse_yaml
from . import wordtables
from .lexicon import Lexicon, gazetteer

if TYPE_CHECKING:
    from .chunks import NounChunker

# Rule priority when candidates compete for the same characters (higher wins).
PRIORITY = {"lexicon": 6, "alias": 5, "acronym": 5, "quoted": 4, "head": 3, "duty": 3, "chunk": 3,
            "enumeration": 2, "jieba": 1}
_TYPE_ORDER = ("institution", "market", "place", "benchmark", "programme", "product")
_PUNCT_STOP = set("，。、；：？！“”‘’《》〈〉「」『』（）()[]【】,.;:?!\"' \t\n　—-…·/")


class Candidate(NamedTuple):
    """A proposed name at text[start:end] (a tuple: cheap to make, hash and sort by the thousand)."""

    start: int
    end: int
    type: str
    rule: str
    key: str | None = None  # canonical name when a lexicon or alias says so


def _is_name_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or (ch.isascii() and ch.isalnum())


@dataclass
class _Walk:
    """Where a leftward walk met soft stops and name openers."""

    head_start: int
    soft: int | None = None  # right edge of the soft stop nearest the head
    openers: list[int] = field(default_factory=list)  # opener positions, nearest first
    verb: int | None = None  # right edge of the verb nearest the head, if the walk crossed one
    national: set[int] = field(default_factory=set)  # openers that are national (国家, 全国 …), not places

    def start(self, walked_to: int) -> int:
        if self.soft is None:
            return walked_to
        # beyond a verb only a national opener starts a name (国家|…推进机制, not 浙江|实行…工程)
        beyond = [p for p in self.openers if p < self.soft and (self.verb is None or p >= self.verb
                                                                or p in self.national)]
        # Cross a soft stop only to reach an opener: 国家|绿色发展基金, not 金融机构发展绿色基金.
        return beyond[-1] if beyond else self.soft


class Launch(NamedTuple):
    """A group of launched names: the verbs before them, their heads, the words that cut them."""

    pattern: re.Pattern[str]
    kind: str  # the type of its names
    least: int  # shortest modifier
    cuts: tuple[str, ...]  # words inside a match after which the name starts, where they are words
    least_plain: int  # shortest modifier of a name that does not begin with an opener (国家, 全国, a place)
    strip_leading: bool  # skip any verb or function word that opens the name, not only the listed verbs
    verbs: tuple[str, ...]  # the launching verbs, longest first
    head_at_edge: re.Pattern[str]  # a head at a clause edge: the pattern needs one within ``reach``
    reach: int  # the farthest a match can start before its head (the longest verb and name)
    verb_initials: frozenset[str]  # where a match can start


@dataclass(frozen=True)
class DiscoveryRules:
    heads: dict[str, tuple[str, ...]]  # head word -> types, in preference order
    boundaries: dict[str, tuple[str, ...]]  # heads plus endings that only bound a walk
    false_heads: frozenset[str]
    right_blockers: dict[str, tuple[str, ...]]
    stop_words: frozenset[str]
    soft_stops: frozenset[str]
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
    event_min_modifier: int
    quoted_heads: dict[str, str]
    loose_heads: frozenset[str]
    product_name_words: frozenset[str]
    acronym_name_types: dict[str, str]
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
    counted_prefix: str
    state_body: re.Pattern[str]
    state_body_not_fields: tuple[str, ...]
    launch_cuts: tuple[str, ...]
    duty_strip: re.Pattern[str]
    enumeration_item_max: int
    abbreviation_context: str
    quoted_programme_max: int = 12
    quoted_not_names: frozenset[str] = frozenset()
    quoted_period: re.Pattern[str] = re.compile("$^")
    quoted_figure_start: re.Pattern[str] = re.compile("$^")
    quoted_not_after: tuple[str, ...] = ()
    quoted_scheme_before: tuple[str, ...] = ()
    quoted_scheme_initials: str = ""
    quoted_scheme_endings: tuple[str, ...] = ()
    quoted_plus_openers: tuple[str, ...] = ()
    local_levels: tuple[str, ...] = ()
    quoted_list_followers: tuple[str, ...] = ()
    long_heads: dict[str, int] = field(default_factory=dict)
    kind_list_nouns: tuple[str, ...] = ()
    quoted_concept_endings: tuple[str, ...] = ()
    quoted_sentence_words: tuple[str, ...] = ()
    place_heads_only: frozenset[str] = frozenset()
    zone_heads: frozenset[str] = frozenset()
    division_endings: tuple[str, ...] = ()
    generic_divisions: tuple[str, ...] = ()
    quoted_not_before: tuple[str, ...] = ()
    name_continuations: tuple[str, ...] = ()

    def is_generic(self, name: str) -> bool:
        """A category word, not a name: listed in generic.txt or of a generic shape (县级人民政府)."""
        return name in self.generic_names or self.generic_pattern.fullmatch(name) is not None


def _data(name: str) -> str:
    return resources.files("plankg.extract").joinpath(f"data/{name}").read_text("utf-8")


def _word_list(name: str) -> frozenset[str]:
    try:
        text = _data(name)
    except FileNotFoundError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _launch_pattern(verbs: list[str], heads: list[str], edge: list[str]) -> re.Pattern[str]:
    """A verb, then a name of up to _LAUNCHED_MAX characters ending in a head word at a clause
    edge (clause punctuation, the end of the text, or one of the ``edge`` words)."""
    return re.compile(f"(?:{_alternation(verbs)})"
                      f"(?P<name>[^，。、；：！？“”（）()\\s]{{2,{_LAUNCHED_MAX}}}?(?P<head>{_alternation(heads)}))"
                      + _launch_edge(edge))


def _launch_edge(edge: list[str]) -> str:
    return f"(?=[，。、；：（）()]|{_alternation(edge)}|$)"


def _launch(item: dict, data: dict) -> Launch:
    """One group of ``launched`` in discovery.yaml (its own ``cuts`` and verbs added to ``launch_cuts``)."""
    least = int(item.get("min_modifier", 4))
    cuts = tuple(data["launch_cuts"]) + tuple(item.get("cuts", ()))
    if "cuts" in item:  # a launching verb standing as a word inside the match starts the name after it
        cuts += tuple(item["verbs"])
    edge = item.get("edge", data["launch_edge"])
    verbs = tuple(sorted(item["verbs"], key=len, reverse=True))
    return Launch(_launch_pattern(item["verbs"], item["heads"], edge), item["type"], least, cuts,
                  int(item.get("min_modifier_plain", least)), bool(item.get("strip_leading", True)), verbs,
                  re.compile(f"(?:{_alternation(item['heads'])}){_launch_edge(edge)}"),
                  len(verbs[0]) + _LAUNCHED_MAX, frozenset(v[0] for v in verbs))


@lru_cache(maxsize=1)
def discovery_rules() -> DiscoveryRules:
    data = parse_yaml(_data("discovery.yaml"))  # libyaml: a tenth of the time
    heads: dict[str, list[str]] = {}
    for kind, words in data["heads"].items():
        for word in words:
            heads.setdefault(word, []).append(kind)
    return DiscoveryRules(
        heads={w: tuple(sorted(k, key=_TYPE_ORDER.index)) for w, k in heads.items()},
        boundaries={**{w: tuple(sorted(k, key=_TYPE_ORDER.index)) for w, k in heads.items()},
                    **{w: (k,) for w, k in data["boundary_heads"].items()}},
        false_heads=frozenset(data["false_heads"]),
        right_blockers={h: tuple(v) for h, v in data["right_blockers"].items()},
        stop_words=frozenset(data["stop_words"]),
        soft_stops=frozenset(data["soft_stops"]),
        openers=frozenset(data["openers"]),
        generic_modifiers=frozenset(data["generic_modifiers"]),
        generic_names=_word_list("generic.txt"),
        generic_pattern=re.compile("|".join(f"(?:{p})" for p in data["generic_patterns"])),
        quoted_not_names=frozenset(data["quoted_not_names"]),
        quoted_period=re.compile(data["quoted_period"]),
        quoted_figure_start=re.compile(data["quoted_figure_start"]),
        quoted_not_after=tuple(data["quoted_not_after"]),
        quoted_scheme_before=tuple(data["quoted_scheme_before"]),
        quoted_scheme_initials=str(data["quoted_scheme_initials"]),
        quoted_scheme_endings=tuple(data["quoted_scheme_endings"]),
        quoted_plus_openers=tuple(data["quoted_plus_openers"]),
        local_levels=tuple(data["local_levels"]),
        quoted_list_followers=tuple(data["quoted_list_followers"]),
        long_heads={str(k): int(v) for k, v in data["long_heads"].items()},
        kind_list_nouns=tuple(data["kind_list_nouns"]),
        quoted_concept_endings=tuple(data["quoted_concept_endings"]),
        quoted_sentence_words=tuple(data["quoted_sentence_words"]),
        place_heads_only=frozenset(data["place_heads_only"]),
        zone_heads=frozenset(data["zone_heads"]),
        division_endings=tuple(data["division_endings"]),
        generic_divisions=tuple(data["generic_divisions"]),
        quoted_not_before=tuple(data["quoted_not_before"]),
        name_continuations=tuple(data["name_continuations"]),
        quoted_programme_max=int(data["quoted_programme_max"]),
        needs_specific=frozenset(data["needs_specific"]),
        qualifiers={h: tuple(q) for h, q in data["qualifiers"].items()},
        product_generic_modifiers=frozenset(data["product_generic_modifiers"]),
        min_modifier=int(data["min_modifier"]),
        inner_heads={k: frozenset(v) for k, v in data["inner_heads"].items()},
        event_heads=frozenset(data["event_heads"]),
        event_min_modifier=int(data["event_min_modifier"]),
        quoted_heads=dict(data["quoted_heads"]),
        loose_heads=frozenset(data["loose_heads"]),
        product_name_words=frozenset(data["product_name_words"]),
        acronym_name_types=dict(data["acronym_name_types"]),
        number_units=tuple(sorted(data["number_units"], key=len, reverse=True)),
        max_modifier=int(data["max_modifier"]),
        min_modifier_single_head=int(data["min_modifier_single_head"]),
        acronym=re.compile(data["acronym"]),
        defined_alias=re.compile(data["defined_alias"]),
        quoted=re.compile(data["quoted"]),
        duty_note=re.compile(data["duty_note"]),
        duty_split=re.compile(data["duty_split"]),
        duty_tail=re.compile(data["duty_tail"]),
        duty_not_names=re.compile(data["duty_not_names"]),
        launch_cuts=tuple(data["launch_cuts"]),
        launched=tuple(_launch(item, data) for item in data["launched"]),
        counted_prefix=str(data["counted_prefix"]),
        state_body=re.compile(data["state_body"]),
        state_body_not_fields=tuple(data["state_body_not_fields"]),
        duty_strip=re.compile(data["duty_strip"]),
        enumeration_item_max=int(data["enumeration_item_max"]),
        abbreviation_context=data["abbreviation_context"],
    )


class _Matcher:
    """An Aho-Corasick automaton over words; yields (end, (word, *value)) like pyahocorasick
    (a tuple value is spread into the payload), ``end`` the index of the word's last character.

    The automaton runs over UTF-8 bytes (spelt as Latin-1 characters): pyahocorasick looks a
    node's children up one by one, and over characters the root has a child for every first
    character of a word (over a thousand with the gazetteer's counties), over bytes at most
    256. A word's bytes match only at a character boundary: UTF-8 lead bytes never occur
    inside a character."""

    def __init__(self, words: Mapping[str, object]):
        self._automaton = None
        if words:
            automaton = ahocorasick.Automaton()
            for word, value in words.items():
                automaton.add_word(_as_bytes(word), (word, *value) if isinstance(value, tuple) else (word, value))
            automaton.make_automaton()
            self._automaton = automaton

    def iter(self, text: str):
        if self._automaton is None:
            return iter(())
        encoded = text.encode("utf-8", "surrogatepass")
        if len(encoded) == len(text):  # ASCII: byte and character offsets agree
            return self._automaton.iter(text)
        hits = list(self._automaton.iter(encoded.decode("latin-1")))
        if not hits:
            return hits
        starts = (numpy.frombuffer(encoded, numpy.uint8) & 0xC0) != 0x80
        ends = numpy.fromiter((end for end, _ in hits), numpy.int64, len(hits))
        characters = (numpy.cumsum(starts)[ends] - 1).tolist()  # the hits' byte offsets -> characters
        return zip(characters, (value for _, value in hits), strict=True)


def _as_bytes(word: str) -> str:
    """A word's UTF-8 bytes as a Latin-1 string, the form the automaton matches."""
    return word.encode("utf-8", "surrogatepass").decode("latin-1")


class Discoverer:
    """All candidate-finding rules, compiled once for a lexicon."""

    def __init__(self, lexicon: Lexicon, *, use_pos: bool = True):
        self.rules = discovery_rules()
        self.lexicon = lexicon
        self.use_pos = use_pos
        self._jieba = None  # built on first need: loading jieba's dictionary takes a second
        self.chunker: NounChunker | None = None  # when noun-chunk candidates are on
        words: dict[str, tuple] = {w: (e, None) for w, e in lexicon.by_surface.items()}
        for head, kinds in self.rules.heads.items():
            words[head] = (words.get(head, (None,))[0], kinds)
        self._word_matcher = _Matcher(words)  # values: (word, (lexicon entry | None, head kinds | None))
        self._head_finals = frozenset(h[-1] for h in self.rules.boundaries)
        self._single_blockers = {head: frozenset(b for b in blockers if len(b) == 1)
                                 for head, blockers in self.rules.right_blockers.items()}
        self._blockers = {head: (frozenset(b), sorted({len(x) for x in b}))
                          for head, b in self.rules.right_blockers.items()}
        if any(lengths[-1] > _CONTEXT_RIGHT for _, lengths in self._blockers.values()):
            raise ValueError("a right blocker runs past the context a head's name is remembered by")
        self._word_blockers: dict[str, set[str]] = {}
        for head, blockers in self.rules.right_blockers.items():
            self._word_blockers.setdefault(head[-1], set()).update(b for b in blockers if len(b) == 1)
        self._head_lengths = sorted({len(h) for h in self.rules.heads}, reverse=True)
        verbs = jieba_verbs() if use_pos else {}
        self._listed_stops = self.rules.stop_words | self.rules.soft_stops
        self._stops = self._listed_stops | frozenset(verbs)
        self._product_stops = self._stops - self.rules.product_name_words
        self._product_words = tuple(sorted(self.rules.product_name_words))  # str.endswith takes a tuple
        self._stop_lengths = sorted({len(w) for w in self._stops}, reverse=True)
        self._stop_lengths_by_final = wordtables.lengths_by(self._stops, _final)
        self._abbreviations = gazetteer()[1]
        self._abbreviation_pattern = re.compile(
            self.rules.abbreviation_context.replace("ABBR", "|".join(map(re.escape, sorted(self._abbreviations)))))
        place_names = {s for s, e in lexicon.by_surface.items() if e.type == "place"}
        # a division's name without its 市/县/区 still names it inside a zone's name (石河子|高新区)
        self._place_names = frozenset(place_names | {
            n[:-1] for n in place_names if len(n) >= 3 and n.endswith(self.rules.division_endings)})
        self._openers = self.rules.openers | place_names
        self._provinces = frozenset(n for n in place_names if len(n) >= 3 and n.endswith(("省", "自治区")))
        self._province_lengths = sorted({len(n) for n in self._provinces}, reverse=True)
        self._national = tuple(sorted(self.rules.openers))  # openers that are not places
        # the lengths of the known names (up to _KNOWN_MODIFIER_MAX) by their last two characters
        known = (s for s in lexicon.by_surface if 2 <= len(s) <= _KNOWN_MODIFIER_MAX)
        self._known_lengths = wordtables.lengths_by(known, _final_pair)
        self._place_suffixes: dict[str, list[str]] = {}
        for name in place_names:
            self._place_suffixes.setdefault(name[-1], []).append(name)
        # A place before a product is still a category: 长三角大宗商品期货.
        self._product_generic = self.rules.product_generic_modifiers | place_names
        # Openers longer than seven characters also start with a shorter opener (中国…, 上海…).
        self._opener_lengths = wordtables.lengths_by((w for w in self._openers if len(w) <= 7), _initial)
        self._false_head_lengths = sorted({len(w) for w in self.rules.false_heads})
        self._counted = re.compile(self.rules.counted_prefix)  # 8项|, 三大| (not 三年|百万青年见习计划)
        units = "|".join(map(re.escape, self.rules.number_units))
        self._count_before = re.compile(f"[一二两三四五六七八九十百千万](?:{units})$")  # 最后一日|…
        self._unit_finals = frozenset(u[-1] for u in self.rules.number_units)  # where a count can end
        self._memo: dict[tuple[str, int, int], tuple | None] = {}  # a name relative to its context window
        self._memo_hits: dict[tuple[str, int, int], bool] = {}
        self._cuts: dict[str, frozenset[int]] = {}  # jieba's cuts of a short window
        self._memo_lookups = self._memo_misses = 0

    def forget(self) -> None:
        """Drop what was remembered about local contexts (the benchmark measures cold runs)."""
        self._memo.clear()
        self._memo_hits.clear()
        self._cuts.clear()
        self._memo_lookups = self._memo_misses = 0

    def warm_up(self) -> None:
        """Load jieba's dictionaries now rather than on the first document that needs them."""
        jieba_freq()
        jieba_nouns()
        self._segmenter()

    def memo_hit_rate(self) -> float:
        """Share of head-word names decided from memory of the same local context."""
        return 1 - self._memo_misses / self._memo_lookups if self._memo_lookups else 0.0

    # -- the rules -----------------------------------------------------------------------

    def candidates(self, text: str) -> list[Candidate]:
        found = self._word_matches(text)
        found += self.quoted_matches(text)
        found += self.duty_matches(text)
        found += self.abbreviation_matches(text)
        found += self.acronym_named(text)
        found += self.launched_matches(text)
        found += self.state_body_matches(text)
        return found if self.chunker is None else self.chunker.refine(text, found)  # noun chunks, when on

    def state_body_matches(self, text: str) -> list[Candidate]:
        """A State Council body named by its field, as laws and regulations name them:
        国务院教育行政部门, 国务院税务主管部门 (one body each; not 国务院有关部门)."""
        found = []
        for match in self.rules.state_body.finditer(text):
            if not match.group("field").startswith(self.rules.state_body_not_fields):
                found.append(Candidate(match.start(), match.end(), "institution", "head"))
        return found

    def launched_matches(self, text: str) -> list[Candidate]:
        """A scheme named right after the verb that launches it, up to its head word at a clause
        edge: 开展|整治违法排污企业保障群众健康环保专项行动, 实施|主要农作物生产全程机械化推进行动.
        The verb marks where the name begins, so a name may hold verbs of its own."""
        found = []
        for launch in self.rules.launched:
            found += self._launched(text, launch)
        return found

    def _launched(self, text: str, launch: Launch) -> list[Candidate]:
        found = []
        kind, least = launch.kind, launch.least
        for match in launch_matches(text, launch):
            start, end = match.span("name")
            head_start = end - len(match.group("head"))
            cut = max((self._cut_after(text, w, start, head_start) for w in launch.cuts), default=start)
            if launch.strip_leading and text[cut - 1] in "和与及或" and end - cut < 6:
                cut = start  # 排污权有偿使用和交易试点: the coordination is inside the name
            start = max(start, cut)
            start = self.leading_stops_end(text, start, end) if launch.strip_leading else \
                _skip_words(text, start, end, launch.verbs)
            counted = self._counted.match(text, start, end)
            if counted:  # 实施|8项|环境保护重点工程
                start = counted.end()
            modifier = text[start:end - len(match.group("head"))]
            if self.rules.is_generic(text[start:end]) or self._residue(modifier, self.rules.generic_modifiers) < 4 \
                    or len(modifier) < (least if self._opener_at(text, start) else launch.least_plain):
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
        freq = jieba_counts()
        for edge in (at, after) if len(word) == 1 else (at,):
            if any(freq[text[i:j]] >= _CUT_WORD_FREQ for i in range(max(start, edge - 3), edge)
                   for j in range(edge + 1, min(end, edge + 3) + 1) if j - i >= 2):
                return start
        return after

    def acronym_named(self, text: str) -> list[Candidate]:
        """A name followed by its acronym in brackets, typed by how the name ends:
        合格境外投资者（QFI） is a programme, …拆息（CNH HIBOR） a benchmark."""
        found = []
        for match in self.rules.acronym.finditer(text):
            end = match.start()
            suffix = next((x for x in self.rules.acronym_name_types if text.endswith(x, 0, end)), None)
            if suffix is None:
                continue
            kind = self.rules.acronym_name_types[suffix]
            start = self._name_start(text, end - len(suffix), kind, loose=True)
            if end - start >= 3 and not self.rules.is_generic(text[start:end]):
                found.append(Candidate(start, end, kind, "acronym"))
        return found

    def abbreviation_matches(self, text: str) -> list[Candidate]:
        """One-character place abbreviations where the text uses them as places: 在沪, 来沪, 驻京."""
        found = []
        for match in self._abbreviation_pattern.finditer(text):
            start, end = match.span("abbr")
            if self._runs_on(text, end):
                continue  # 在|新城: the character starts a word here (驻京|办事处 still ends one)
            name = self._abbreviations[match.group("abbr")]
            entry = self.lexicon.by_surface.get(name)
            found.append(Candidate(start, end, "place", "lexicon", entry.name if entry else name))
        return found

    def _runs_on(self, text: str, position: int) -> bool:
        """Does a word run on across ``position``, as jieba (knowing the lexicon) cuts the text?"""
        left, cuts = self._cuts_around(text, position, position)
        return position - left not in cuts

    def _cuts_around(self, text: str, start: int, end: int) -> tuple[int, frozenset[int]]:
        """jieba's cuts of the text a few characters either side of [start, end), relative to
        the returned left edge of that window."""
        left = start - _HEAD_WINDOW if start > _HEAD_WINDOW else 0
        window = text[left:end + _HEAD_WINDOW]
        cuts = self._cuts.get(window)
        return left, self._cut_positions(window) if cuts is None else cuts

    def _word_matches(self, text: str) -> list[Candidate]:
        """Lexicon names and head-word names, from one pass of one automaton over the text.

        A head's name is decided once per local context (its bounds depend only on the
        characters around the head, and plans repeat their phrasing)."""
        found = []
        stands, memo = self._memo_hits, self._memo
        for end, (word, entry, kinds) in self._word_matcher.iter(text):
            end += 1
            start = end - len(word)
            if entry is not None and not ((word[0].isascii() and _ascii_glued(text, start, end))
                                          or self._name_blocked_right(text, word, end, entry.type)
                                          or self._local_body(text, start, entry)):
                left = start - 4 if start > 4 else 0
                key = (text[left:end + 4], start - left, end - start)
                ok = stands.get(key)
                if ok is None:
                    ok = self._lexicon_hit_stands(text, start, end, key, entry.type)
                if ok:
                    found.append(Candidate(start, end, entry.type, "lexicon", entry.name))
            if kinds is None:
                continue
            left = start - _CONTEXT_LEFT if start > _CONTEXT_LEFT else 0
            key = (text[left:end + _CONTEXT_RIGHT], start - left, end - left)
            self._memo_lookups += 1
            known = memo.get(key, _MISSING)
            if known is _MISSING:
                known = self._decide_name(text, start, end, word, kinds, left, key)
            if known is not None:
                found.append(Candidate(known[0] + left, known[1] + left, *known[2:]))
        return found

    def _decide_name(self, text: str, head_start: int, end: int, head: str, kinds: tuple[str, ...],
                     left: int, key: tuple[str, int, int]) -> tuple | None:
        """Decide a head's name and remember it relative to its context window (which holds
        the words that block a head on its right: 银行|间)."""
        self._memo_misses += 1
        candidate = None if self._blocked_right(text, head, end, kinds) \
            else self._name_ending_with(text, head_start, end, head, kinds)
        if candidate is not None and self._head_inside_word(text, head_start, end, kinds):
            candidate = None  # asked last: cutting the text costs more than the walk
        known = None if candidate is None else (candidate.start - left, candidate.end - left,
                                                *candidate[2:])
        if len(self._memo) > _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = known
        return known

    def quoted_matches(self, text: str) -> list[Candidate]:
        found = []
        for match in self.rules.quoted.finditer(text):
            start, end = match.span("name")
            name = match.group("name")
            listed = "、" in name
            if self.rules.is_generic(name) or name in self.rules.false_heads \
                    or not all(_is_name_char(c) or c in _QUOTED_NAME_MARKS for c in name):
                continue
            figure = self._quoted_figure(text, match.start(), match.end())
            if "+" in name or "＋" in name:  # “互联网+医疗健康”: a scheme of the 互联网+ family, whatever its last word
                kind = "programme" if name.startswith(self.rules.quoted_plus_openers) and not figure else None
            elif listed:  # “双随机、一公开”监管: a listed slogan names a scheme only before a scheme word
                scheme = text.startswith(self.rules.quoted_list_followers, match.end())
                kind = self._quoted_programme(name, scheme) if scheme and not figure else None
            else:
                kind = self._type_by_head(name) or (
                    None if figure or not self._quoted_as_scheme(text, match.start(), match.end(), name)
                    else self._quoted_programme(name, text.startswith(self.rules.quoted_list_followers, match.end())))
            if kind is not None:
                found.append(Candidate(start, end, kind, "quoted"))
        return found

    def _quoted_as_scheme(self, text: str, open_at: int, close_at: int, name: str) -> bool:
        """Does the context show a quoted phrase with no head word to name a scheme? A scheme
        word follows it (“放管服”改革), a verb that launches schemes or a naming word stands just
        before it (推行“标准地”, 简称“…”), or its shape is a scheme's: a count (“一网通办”,
        “双随机”) or digits, an event's or a service's ending (…节, …月, …通办).
        Quoted slogans, terms and phenomena (“信息孤岛”, “官本位”, “谁执法谁公示”) have none of these."""
        rules = self.rules
        return text.startswith(rules.quoted_list_followers, close_at) \
            or self._launched_in_clause(text, open_at) \
            or name[0] in rules.quoted_scheme_initials or name.endswith(rules.quoted_scheme_endings) \
            or any(c.isdigit() for c in name)

    def _launched_in_clause(self, text: str, open_at: int) -> bool:
        """Does a verb that launches schemes stand in the clause before ``open_at``, at most
        _LAUNCH_REACH characters back (推行进出口货物|“提前申报”)?"""
        start = max(0, open_at - _LAUNCH_REACH)
        clause = text[start:open_at]
        cut = max(clause.rfind(p) for p in "，。；：！？”")
        return any(w in clause[cut + 1:] for w in self.rules.quoted_scheme_before)

    def _quoted_figure(self, text: str, open_at: int, close_at: int) -> bool:
        """Does the context show a quoted phrase to be a figure of speech (发挥“…”作用, “…”等问题)?"""
        rules = self.rules
        after = close_at + 1 if text.startswith("等", close_at) else close_at  # “信息孤岛”等|问题
        return text.startswith(rules.quoted_not_after, after) or text.endswith(rules.quoted_not_before, 0, open_at)

    def _quoted_programme(self, name: str, before_scheme_word: bool = False) -> str | None:
        """A reform or service scheme the text quotes by name (“多规合一”, “标准地”): a programme,
        unless it is a period (“十三五”), a slogan or a set phrase (quoted_not_names). A phrase
        right before a scheme word may read as a sentence (“两不见面”改革)."""
        rules = self.rules
        if len(name.replace("、", "")) > rules.quoted_programme_max or name in rules.quoted_not_names \
                or rules.quoted_period.fullmatch(name) or rules.quoted_figure_start.match(name) \
                or name.isascii() or self._place_slogan(name) or name.endswith(rules.quoted_concept_endings) \
                or (not before_scheme_word and any(w in name for w in rules.quoted_sentence_words)) \
                or _chanted(name):
            return None
        return "programme"

    def _place_slogan(self, name: str) -> bool:
        """A place and a short common noun in quotes is a slogan: “上海标准”, “中国方案”."""
        return name[:-1] in self._openers or name[:-2] in self._openers

    def duty_matches(self, text: str) -> list[Candidate]:
        """Every body a responsibility note lists: （负责单位：A、B）, （A、B等按职责分工负责）."""
        found = []
        for match in list(self.rules.duty_note.finditer(text)) + list(self.rules.duty_tail.finditer(text)):
            offset = match.start("bodies")
            bodies = match.group("bodies")
            for start, end in _split_spans(bodies, self.rules.duty_split):
                raw = bodies[start:end]
                item = raw.strip()
                skip = self.leading_stops_end(item, 0, len(item))  # 报|住房城乡建设部
                name = self.rules.duty_strip.sub("", item[skip:])
                if (2 <= len(name) <= 20 and not self.rules.is_generic(name)
                        and not self.rules.duty_not_names.match(name)):
                    begin = offset + start + (len(raw) - len(raw.lstrip())) + skip
                    found.append(Candidate(begin, begin + len(name), "institution", "duty"))
        return found

    def _local_body(self, text: str, start: int, entry) -> bool:
        """A central body's short form after a local level word is that level's own body:
        市发展改革委, 各省统计局, 县扶贫办 — not the national one."""
        if entry.type != "institution" or start == 0:
            return False
        return text.endswith(self.rules.local_levels, 0, start)

    def _lexicon_hit_stands(self, text: str, start: int, end: int, key: tuple[str, int, int], kind: str) -> bool:
        """No common word crosses the hit's edges, or jieba cuts there anyway; remembered
        per local context (上海金|融 is 上海+金融, but “上海金” stands)."""
        stands = not _crossed(text, start, end, self._continued(text, end, (kind,))) \
            or self._segmented_at(text, start, end)
        if len(self._memo_hits) > _MEMO_LIMIT:
            self._memo_hits.clear()
        self._memo_hits[key] = stands
        return stands

    def _segmented_at(self, text: str, start: int, end: int) -> bool:
        """Does jieba, knowing the lexicon, cut the text around [start, end) at both edges?"""
        left = max(0, start - 4)
        window = text[left:min(len(text), end + 4)]
        cuts = self._cuts.get(window)
        if cuts is None:
            cuts = self._cut_positions(window)
        return start - left in cuts and end - left in cuts

    def _cut_positions(self, window: str) -> frozenset[int]:
        """Where jieba cuts a window, remembered per window (the same few characters around a
        name recur: the walk asks about them again for every head that reaches them)."""
        cuts, position = {0}, 0
        for token in self._segmenter().cut(window, HMM=False):
            position += len(token)
            cuts.add(position)
        if len(self._cuts) > _MEMO_LIMIT:
            self._cuts.clear()
        found = self._cuts[window] = frozenset(cuts)
        return found

    def _segmenter(self):
        if self._jieba is None:  # jieba's cuts on the shipped word counts, knowing the lexicon's names
            self._jieba = wordtables.WordSegmenter((s for s in self.lexicon.by_surface if not s.isascii()),
                                                   _LEXICON_WORD_FREQ)
        return self._jieba

    # -- head-word names -----------------------------------------------------------------

    def _name_blocked_right(self, text: str, name: str, end: int, kind: str) -> bool:
        """A known name whose last character starts another word: 跨境理财通|道, 上海银行|间.
        (原油期货|市场 still names 原油期货.)"""
        blockers = self._word_blockers.get(name[-1])
        return blockers is not None and bool(blockers) and end < len(text) and text[end] in blockers \
            and not self._continued(text, end, (kind,))

    def _continued(self, text: str, end: int, kinds: tuple[str, ...]) -> bool:
        """Does a word that only continues a product name follow it (农业保险|业务)? Not after
        other kinds: in 自贸试验区银行|业务 the bank is the generic 银行业务, banking."""
        return "product" in kinds and text.startswith(self.rules.name_continuations, end)

    def _blocked_right(self, text: str, head: str, end: int, kinds: tuple[str, ...]) -> bool:
        blockers = self._blockers.get(head)
        continued = max((len(w) for w in self.rules.name_continuations if text.startswith(w, end)), default=0) \
            if "product" in kinds else 0
        return blockers is not None and any(text[end:end + n] in blockers[0] for n in blockers[1] if n > continued)

    def _head_inside_word(self, text: str, head_start: int, end: int, kinds: tuple[str, ...]) -> bool:
        """Is the head only part of a word here? A verb or function word runs into it (进行|动态
        has no 行动), a word runs on past it (大部分|行业 has no 行), or a known name holds it
        (南通市 has no 通), as jieba cuts the text knowing the lexicon."""
        if not self.use_pos or not self._may_hold_head(text, head_start, end):
            return False
        left, cuts = self._cuts_around(text, head_start, end)
        start, stop = head_start - left, end - left
        if start not in cuts:
            word_end = min(c for c in cuts if c > start)
            word = text[left + max(c for c in cuts if c < start):left + word_end]
            if word in (self._stops if word_end < stop else self.lexicon.by_surface if word_end > stop else ()):
                return True
        return stop not in cuts and max(c for c in cuts if c < stop) >= start \
            and not self._continued(text, end, kinds)  # 渔业保险|业务: jieba's 保险业务

    def _may_hold_head(self, text: str, head_start: int, end: int) -> bool:
        """Only a stop word ending inside the head, a known name over it or a dictionary word
        running on past its end can make ``_head_inside_word`` true: looked up before cutting."""
        before = range(max(0, head_start - 3), head_start)
        stops, known, freq = self._stops, self.lexicon.by_surface, jieba_counts()
        return any(text[i:k] in stops for i in before for k in range(head_start + 1, end)) \
            or any(text[i:j] in known for i in before for j in range(end + 1, end + 4)) \
            or any(freq[text[i:j]] for i in range(head_start, end) for j in range(end + 1, min(end + 4, len(text) + 1)))

    def _name_ending_with(self, text: str, head_start: int, end: int, head: str,
                          kinds: tuple[str, ...]) -> Candidate | None:
        start = self._name_start(text, head_start, kinds[0], loose=head in self.rules.loose_heads)
        start = min(start, self._known_modifier_start(text, head_start, kinds[0]))
        if kinds[0] in _NAMED_AFTER_PROVINCE:
            start = self._after_province(text, start, head_start)
            if kinds[0] == "programme" and text[start:head_start] in self._place_names:
                return None  # 湖北省黄石市|试点…: a place, then the verb 试点; no named pilot
        return self.head_name(text, start, head_start, end, head, kinds)

    def _province_ends_at(self, text: str, position: int) -> bool:
        return any(text[position - n:position] in self._provinces for n in self._province_lengths if position >= n)

    def _after_province(self, text: str, start: int, head_start: int) -> int:
        """A zone or scheme's name starts after the province it lies in (宁夏回族自治区|宁东能源化工基地,
        四川省|成都市): adjacent names are separate names."""
        for n in self._province_lengths:
            if head_start - start - n >= _MIN_AFTER_PROVINCE and text[start:start + n] in self._provinces:
                return start + n
        return start

    def head_name(self, text: str, start: int, head_start: int, end: int, head: str,
                  kinds: tuple[str, ...]) -> Candidate | None:
        """The head-word rules' verdict on ``text[start:end]`` as a name ending in ``head``
        (generic, false-head, qualifier and specificity checks), wherever its start came from."""
        modifier = text[start:head_start]
        name = text[start:end]
        rules = self.rules
        if len(modifier) < (rules.min_modifier_single_head if len(head) == 1 else rules.min_modifier):
            return None
        if head in rules.long_heads and (
                len(modifier) < rules.long_heads[head]
                or self._residue(modifier, rules.generic_modifiers) < rules.long_heads[head] // 2):
            return None
        if rules.is_generic(name) or self._ends_with_false_head(name, len(head)):
            return None
        qualifiers = rules.qualifiers.get(head)
        if qualifiers is not None and not any(q in modifier for q in qualifiers):
            return None
        if head in rules.place_heads_only and not self._ends_with_place(modifier):
            return None  # 国务院推进|政府, 稽查情况通报当地|人民政府: not a named government
        specific = qualifiers is not None or head in rules.loose_heads or (
            head in rules.event_heads and len(modifier) >= rules.event_min_modifier
        ) or self._is_specific(text, start, modifier)
        for kind in kinds:
            if kind == "product" and self._is_known_body(modifier):
                continue  # 中国人民建设银行|贷款: one lender's loans, not a type of loan
            if kind == "product" and not self._tiles_with(modifier, self._product_generic):
                return self._known_tail(text, start, end, kind) or Candidate(start, end, kind, "head")
            if kind == "place" and head in rules.zone_heads and not self._has_place(modifier) \
                    and not self._opener_at(text, start) and not self._province_ends_at(text, start):
                continue  # 结果|开发区, 这一跨省|市: a zone is named after a place (or follows its province)
            if kind != "product" and (kind not in rules.needs_specific or specific):
                return self._known_tail(text, start, end, kind) or Candidate(start, end, kind, "head")
        return None

    def _known_modifier_start(self, text: str, head_start: int, kind: str) -> int:
        """Where a known name standing right before the head begins (京津冀协同发展|领导小组): the
        walk stops at the verbs inside such a name, but a known name is a modifier as a whole.
        ``head_start`` when there is none, or when the name is a place before a place head."""
        lengths = self._known_lengths.get(text[head_start - 2:head_start]) if head_start >= 2 else None
        if lengths is None:
            return head_start
        by_surface = self.lexicon.by_surface
        for n in lengths:
            if n > head_start:
                continue
            entry = by_surface.get(text[head_start - n:head_start])
            if entry is not None and (kind != "place" or entry.type != "place") \
                    and self._segmented_at(text, head_start - n, head_start):
                return head_start - n
        return head_start

    def _is_known_body(self, words: str) -> bool:
        """Is ``words`` exactly a known institution's name?"""
        entry = self.lexicon.by_surface.get(words)
        return entry is not None and entry.type == "institution"

    def _has_place(self, modifier: str) -> bool:
        """Does a known place name or a division word (…市, …县) stand in the modifier?"""
        return any(modifier[i:j] in self._place_names or modifier[j - 1:j] in self.rules.division_endings
                   for i in range(len(modifier)) for j in range(i + 2, min(len(modifier), i + 8) + 1))

    def _ends_with_place(self, modifier: str) -> bool:
        """Does the modifier end with a place: a known place name, or a division word (…市, …县)?"""
        return any(modifier.endswith(p) for p in self._place_suffixes.get(modifier[-1], ())) or (
            modifier.endswith(self.rules.division_endings) and not modifier.endswith(self.rules.generic_divisions))

    def _known_tail(self, text: str, start: int, end: int, kind: str) -> Candidate | None:
        """A known name behind generic or place words is that name: 跨境|ETF期权, 长三角区域|人民银行."""
        for cut in range(start + 1, end - 1):
            entry = self.lexicon.by_surface.get(text[cut:end])
            if entry is not None and entry.type == kind and (kind == "place" or self._tiles_with(
                    text[start:cut], self.rules.product_generic_modifiers | self.rules.generic_modifiers)):
                # a known place ending a longer place name is a name of its own: 东莞运河|东莞市
                return Candidate(cut, end, kind, "lexicon", entry.name)
        return None

    def _name_start(self, text: str, head_start: int, kind: str, loose: bool = False) -> int:
        """Walk left from the head over name characters to where the name begins.

        Hard stops (function words, verbs) end the walk. Soft stops — words that also
        occur inside names, like 发展 or 管理 — end it too, unless a name opener
        (国家, 中国, a place name) stands beyond them: 国家绿色发展基金.
        """
        walk = _Walk(head_start)
        position = head_start
        limit = max(0, head_start - self.rules.max_modifier)
        while position > limit:
            ch = text[position - 1]
            if ch == "）":
                jumped = _bracketed_place(text, position)
                if jumped is None:
                    break
                position = jumped
                continue
            if not _is_name_char(ch) or ch.isdigit():
                break
            if ch in self._unit_finals and self._count_before.search(text, max(0, position - 5), position):
                break  # 最后一日|人民币汇率中间价: a count is not part of a name
            inner = self._inner_head_ending(text, position, kind)
            if inner is False:
                break
            if inner and walk.verb is not None:
                break  # 国家粮食应急工作指挥部|下设|办公室: beyond a verb a whole body is another name
            if inner:  # walk over a head allowed inside this name as a whole: 交易所|债券市场
                position -= len(inner)
                continue
            word = self._stop_ending_at(text, position, stops=self._listed_stops if loose else
                                        self._product_stops if kind in ("product", "market") else self._stops)
            if word is not None and word not in self.rules.soft_stops and (
                    word in self._listed_stops or kind in ("product", "market")):
                break
            if word is not None:  # a soft stop, or a verb: crossed only to reach an opener (国家|…|推进机制)
                walk.soft = position if walk.soft is None else walk.soft
                if walk.verb is None and word not in self.rules.soft_stops:
                    walk.verb = position - len(word)
                position -= len(word)
            else:
                position -= 1
            if self._opener_at(text, position):
                walk.openers.append(position)
                if text.startswith(self._national, position) and any(
                        text.startswith(w, position) and not text.startswith("性", position + len(w))
                        for w in self.rules.openers):  # 全国性 is an adjective, not the nation
                    walk.national.add(position)
        start = walk.start(position)
        if start == position and position <= limit and position > 0 and _is_name_char(text[position - 1]) \
                and self._stop_ending_at(text, position, self._listed_stops) is None \
                and not self._opener_at(text, position):
            # the walk ran out of length inside a phrase (生|态功能区…指数): no start was found there
            start = walk.soft if walk.soft is not None else head_start
        return self._after_number(text, start, head_start)

    def _after_number(self, text: str, start: int, head_start: int) -> int:
        """Skip the unit after a number: 30年期|国债期货."""
        if start > 0 and text[start - 1].isdigit():
            for unit in self.rules.number_units:
                if text.startswith(unit, start) and start + len(unit) < head_start:
                    return start + len(unit)
        return start

    def _inner_head_ending(self, text: str, position: int, kind: str) -> str | Literal[False] | None:
        """A head ending here: False if it ends the name (上海保险交易所|建设健康保险, 四川省|成都市),
        the head itself if it may stand inside this kind of name, None if there is none."""
        if text[position - 1] not in self._head_finals:
            return None
        for head in (text[position - n:position] for n in self._head_lengths if position >= n):
            kinds = self.rules.boundaries.get(head)
            if not kinds or (position < len(text) and text[position] in self._single_blockers.get(head, ())):
                continue  # 银行|间 is not a bank: walk on
            if not set(kinds) & self.rules.inner_heads[kind]:
                return False
            return head if len(head) > 1 else None
        return None

    def _stop_ending_at(self, text: str, end: int, stops: frozenset[str] | None = None) -> str | None:
        """The stop word ending at ``end``. Product names hold verbs (可交换债券, 永续债), so
        their walk passes ``_product_stops``; loose heads (…通) only the listed stops."""
        stops = self._stops if stops is None else stops
        lengths = self._stop_lengths_by_final.get(text[end - 1])
        if lengths is None or text.startswith(("权", "性"), end):
            # a verb before 权 names a right (排污权, 用能权), before 性 makes an adjective (保障性住房贷款,
            # 经营性贷款): a word inside the name, not a verb that ends it
            return None
        if stops is self._product_stops and text.endswith(self._product_words, 0, end):
            return None  # 可持续发展|挂钩债券: the verb belongs to a longer product word
        for n in lengths:
            word = text[end - n:end]
            if n <= end and word in stops and not self._straddled(text, end - n, end, stops is self._stops):
                return word
        return None

    def _straddled(self, text: str, start: int, end: int, use_pos: bool) -> bool:
        """Is text[start:end] not a word here (支持|重庆 has no 持重)? Asks jieba only
        when a dictionary word crosses its end, or when 可 makes a verb an adjective (可交换)."""
        if not use_pos and start > 0 and text[start - 1] == "可":
            return True
        freq = jieba_counts()
        if end - start == 1:
            before, after = text[start - 1:end] if start > 0 else "", text[start:end + 1]
            if (len(before) == 2 and freq[before] >= 100 and before not in self._stops) or after in jieba_nouns():
                # 碳中和|债: the word 中和, not the conjunction 和; 香港银行同业|拆息: the noun 同业, not
                # the preposition 同; unless jieba cuts the character off (及时|报|司法部, 主任|由|…)
                return not self._segmented_at(text, start, end)
        # a dictionary word that runs on past the stop: 增值|税 (增值税), 经营|许可证 (经营许可证)
        crossing = any(freq[text[i:j]] for i in range(start + 1, end)
                       for j in range(end + 1, min(end + 4, len(text)) + 1)) or any(
            freq[text[start:j]] >= _NOUN_RUN_FREQ for j in range(end + 1, min(end + 3, len(text)) + 1))
        return crossing and not self._segmented_at(text, start, end)

    def _opener_at(self, text: str, start: int) -> bool:
        lengths = self._opener_lengths.get(text[start]) if start < len(text) else None
        return lengths is not None and any(text[start:start + n] in self._openers for n in lengths)

    def _ends_with_false_head(self, name: str, head_length: int) -> bool:
        return any(name[-n:] in self.rules.false_heads for n in self._false_head_lengths if n > head_length)

    def _is_specific(self, text: str, start: int, modifier: str) -> bool:
        """An opener, Latin letters, or two or more characters that are not generic words."""
        if self._opener_at(text, start) or any(c.isascii() and c.isalnum() for c in modifier):
            return True
        return self._residue(modifier, self.rules.generic_modifiers) >= 2

    @staticmethod
    def _residue(modifier: str, words: frozenset[str]) -> int:
        """How many characters of ``modifier`` no generic word covers (longest words first)."""
        covered = [False] * len(modifier)
        for i in range(len(modifier)):
            for n in range(6, 0, -1):
                if modifier[i:i + n] in words:
                    covered[i:i + n] = [True] * n
                    break
        return covered.count(False)

    def _tiles_with_generic(self, modifier: str) -> bool:
        """True when the modifier is made only of generic category words."""
        return self._tiles_with(modifier, self.rules.generic_modifiers)

    @staticmethod
    def _tiles_with(modifier: str, words: frozenset[str]) -> bool:
        reachable = {0}
        for i in range(len(modifier)):
            if i in reachable:
                reachable.update(i + n for n in range(1, 7) if modifier[i:i + n] in words)
        return len(modifier) in reachable

    def leading_stops_end(self, text: str, start: int, end: int) -> int:
        """Where a phrase starts once the verbs and function words that open it are skipped
        (组成|国家组织…小组, 由|发展改革委牵头 …)."""
        moved = True
        while moved and start < end:
            moved = False
            for n in self._stop_lengths:
                if start + n < end and text[start:start + n] in self._stops \
                        and not self._straddled(text, start, start + n, True):
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
        freq = jieba_counts()
        for n in range(min(4, end - start - 1), 2, -1):
            word = text[start:start + n]
            if freq[word] and self._tiles_with(word, self._stops):
                return n
        return 0

    def known_name_end(self, text: str, start: int, end: int) -> int | None:
        """Where the longest known name starting at ``start`` (and ending by ``end``) ends."""
        for n in range(min(_KNOWN_MODIFIER_MAX, end - start), 1, -1):
            if text[start:start + n] in self.lexicon.by_surface:
                return start + n
        return None

    def type_by_head(self, name: str) -> str | None:
        """The entity type a name's ending gives it (…交易所 institution, …试点 programme)."""
        return self._type_by_head(name)

    def _type_by_head(self, name: str) -> str | None:
        entry = self.lexicon.by_surface.get(name)
        if entry is not None:
            return entry.type
        for length in range(min(len(name) - 1, 6), 0, -1):
            if name[-length:] in self.rules.quoted_heads:
                return self.rules.quoted_heads[name[-length:]]
            kinds = self.rules.heads.get(name[-length:])
            if kinds and not any(name.endswith(f) for f in self.rules.false_heads):
                return kinds[0]
        return None


_CONTEXT_LEFT = 22  # characters a head's walk can look at: 14 of modifier, a 4-character stop word, a bracket
_NAMED_AFTER_PROVINCE = ("place", "programme")  # kinds whose names do not take in their province
_MIN_AFTER_PROVINCE = 3  # characters of modifier that must remain after the province
_QUOTED_NAME_MARKS = "、+＋"  # marks a quoted name may hold: “双随机、一公开”, “互联网+医疗健康”
_HEAD_WINDOW = 4  # characters either side of a head that jieba is shown to see whether it cuts it
_CONTEXT_RIGHT = 7  # and after it: blockers (3), an opener running on past the head (up to 7)
_MEMO_LIMIT = 200_000
class _Missing(Enum):
    """The memo's answer for a context window it has not decided yet."""

    MISSING = 0


_MISSING: Final = _Missing.MISSING
_LEXICON_WORD_FREQ = 10  # low, so 上海金融 still cuts 上海|金融 but “上海金” stays whole
_CROSSING_FREQ = 300  # a dictionary word this common across a name's edge means the name is not there
_NOUN_RUN_FREQ = 50  # a word this common that starts with a stop word and runs past it is one word
_KNOWN_MODIFIER_MAX = 16  # longest known name taken whole as a modifier
_LAUNCHED_MAX = 24  # characters of a launched name
_LAUNCH_REACH = 12  # how far before a quote a launching verb still launches what is quoted
_CUT_WORD_FREQ = 3  # a dictionary word across a cut word's edge (工程|建设) keeps the cut word inside the name


def launch_matches(text: str, launch: Launch) -> Iterator[re.Match[str]]:
    """``launch.pattern.finditer(text)``, trying the pattern only where a match can start: at a
    verb's first character, at most ``reach`` before a head at a clause edge (the pattern tried
    after every verb — for coordination bodies after every comma — cost more than the rest of
    the rule). A head at an edge inside another is covered: windows reach past each found head."""
    done = tried = 0  # where the last match ended; the first position not tried yet
    initials, pattern = launch.verb_initials, launch.pattern
    for head in launch.head_at_edge.finditer(text):
        for position in range(max(done, tried, head.start() - launch.reach), head.end() - 1):
            if position >= done and text[position] in initials:
                match = pattern.match(text, position)
                if match:
                    done = match.end()
                    yield match
        tried = max(tried, head.end() - 1)


def _skip_words(text: str, start: int, end: int, words: tuple[str, ...]) -> int:
    """Where ``text[start:end]`` starts once the ``words`` that open it are skipped (加快|建设|…)."""
    moved = True
    while moved:
        moved = False
        for word in words:
            if text.startswith(word, start) and start + len(word) < end:
                start += len(word)
                moved = True
                break
    return start


def _chanted(name: str) -> bool:
    """A slogan built on one repeated character: “补链固链强链”, “稳字当头、稳中求进”."""
    return any(name.count(ch) >= 3 for ch in set(name) if ch != "、")


def _crossed(text: str, start: int, end: int, continued: bool = False) -> bool:
    """A common word crosses an edge of text[start:end]: 上海金|融 is 上海+金融, 我|国债 is 我国+债.
    ``continued``: a word that only continues a name (农业保险|业务) follows it, so words running
    into that one (保险业务) do not cross the right edge."""
    freq = jieba_counts()
    for inside in range(max(start + 1, end - 2), end if not continued else start):
        for outside in range(end + 1, min(end + 2, len(text)) + 1):
            if freq[text[inside:outside]] >= _CROSSING_FREQ:
                return True
    for inside in range(start + 1, min(end, start + 3)):
        for outside in range(max(0, start - 2), start):
            if freq[text[outside:inside]] >= _CROSSING_FREQ:
                return True
    return False


def _initial(word: str) -> str:
    return word[0]


def _final(word: str) -> str:
    return word[-1]


def _final_pair(word: str) -> str:
    return word[-2:]


def _split_spans(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _bracketed_place(text: str, close: int) -> int | None:
    """Jump left over a bracketed place inside a name, as in 中国（上海）自由贸易试验区."""
    open_at = text.rfind("（", max(0, close - 6), close - 1)
    inside = text[open_at + 1:close - 1] if open_at != -1 else ""
    if 2 <= len(inside) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in inside) \
            and open_at > 0 and "\u4e00" <= text[open_at - 1] <= "\u9fff":
        return open_at
    return None


def _ascii_glued(text: str, start: int, end: int) -> bool:
    """An ASCII name must not be part of a longer ASCII word (ETF in ETFs is fine, in NETFLIX not)."""
    if not text[start].isascii():
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalpha() and after != "s")


def jieba_verbs() -> dict[str, tuple[str, int]]:
    """Verbs, adverbs, prepositions and conjunctions of two to four characters from jieba's
    dictionary, with their tag and frequency: they end a name (precomputed: wordtables)."""
    return wordtables.verbs()


def jieba_nouns() -> frozenset[str]:
    """Common two-character nouns and abbreviations in jieba's dictionary (同业, 中和)."""
    return wordtables.nouns()


def jieba_freq() -> Mapping[str, int]:
    """jieba's word counts (0 for a prefix of a word), read from the precomputed trie."""
    return wordtables.word_frequencies()


def jieba_counts() -> Mapping[str, int]:
    """``jieba_counts()[word]``: jieba's count of a word, 0 for a prefix or an unknown word."""
    return wordtables.word_counts()
