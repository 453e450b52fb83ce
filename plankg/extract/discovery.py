"""Finding candidate names: the lexicon, head words, brackets, quotes, notes and lists.

Every rule reads the plain text and returns ``Candidate`` spans; choosing
between overlapping candidates and merging names is ``resolve``'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick
import yaml

from .lexicon import Lexicon

# Rule priority when candidates compete for the same characters (higher wins).
PRIORITY = {"lexicon": 6, "alias": 5, "acronym": 5, "quoted": 4, "head": 3, "duty": 3,
            "enumeration": 2, "jieba": 1}
_TYPE_ORDER = ("institution", "market", "place", "benchmark", "programme", "product")
_PUNCT_STOP = set("，。、；：？！“”‘’《》〈〉「」『』（）()[]【】,.;:?!\"' \t\n　—-…·/")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    rule: str
    key: str | None = None  # canonical name when a lexicon or alias says so

    @property
    def priority(self) -> int:
        return PRIORITY[self.rule]


def _is_name_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch.isalnum()


@dataclass
class _Walk:
    """Where a leftward walk met soft stops and name openers."""

    head_start: int
    soft: int | None = None  # right edge of the soft stop nearest the head
    openers: list[int] = field(default_factory=list)  # opener positions, nearest first

    def start(self, walked_to: int) -> int:
        if self.soft is None:
            return walked_to
        beyond = [p for p in self.openers if p < self.soft]
        # Cross a soft stop only to reach an opener: 国家|绿色发展基金, not 金融机构发展绿色基金.
        return beyond[-1] if beyond else self.soft


@dataclass(frozen=True)
class DiscoveryRules:
    heads: dict[str, tuple[str, ...]]  # head word -> types, in preference order
    false_heads: frozenset[str]
    right_blockers: dict[str, tuple[str, ...]]
    stop_words: frozenset[str]
    soft_stops: frozenset[str]
    openers: frozenset[str]
    generic_modifiers: frozenset[str]
    generic_names: frozenset[str]
    needs_specific: frozenset[str]
    max_modifier: int
    min_modifier_single_head: int
    acronym: re.Pattern[str]
    defined_alias: re.Pattern[str]
    quoted: re.Pattern[str]
    duty_note: re.Pattern[str]
    duty_split: re.Pattern[str]
    duty_strip: re.Pattern[str]
    enumeration_item_max: int


def _data(name: str) -> str:
    return resources.files("plankg.extract").joinpath(f"data/{name}").read_text("utf-8")


def _word_list(name: str) -> frozenset[str]:
    try:
        text = _data(name)
    except FileNotFoundError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def discovery_rules() -> DiscoveryRules:
    data = yaml.safe_load(_data("discovery.yaml"))
    heads: dict[str, list[str]] = {}
    for kind, words in data["heads"].items():
        for word in words:
            heads.setdefault(word, []).append(kind)
    return DiscoveryRules(
        heads={w: tuple(sorted(k, key=_TYPE_ORDER.index)) for w, k in heads.items()},
        false_heads=frozenset(data["false_heads"]),
        right_blockers={h: tuple(v) for h, v in data["right_blockers"].items()},
        stop_words=frozenset(data["stop_words"]),
        soft_stops=frozenset(data["soft_stops"]),
        openers=frozenset(data["openers"]),
        generic_modifiers=frozenset(data["generic_modifiers"]),
        generic_names=_word_list("generic.txt"),
        needs_specific=frozenset(data["needs_specific"]),
        max_modifier=int(data["max_modifier"]),
        min_modifier_single_head=int(data["min_modifier_single_head"]),
        acronym=re.compile(data["acronym"]),
        defined_alias=re.compile(data["defined_alias"]),
        quoted=re.compile(data["quoted"]),
        duty_note=re.compile(data["duty_note"]),
        duty_split=re.compile(data["duty_split"]),
        duty_strip=re.compile(data["duty_strip"]),
        enumeration_item_max=int(data["enumeration_item_max"]),
    )


class _Matcher:
    """An Aho-Corasick automaton over words; yields (end, (word, value)) like pyahocorasick."""

    def __init__(self, words: dict[str, object]):
        self._automaton = ahocorasick.Automaton() if words else None
        for word, value in words.items():
            self._automaton.add_word(word, (word, value))
        if self._automaton is not None:
            self._automaton.make_automaton()

    def iter(self, text: str):
        return self._automaton.iter(text) if self._automaton is not None else iter(())


class Discoverer:
    """All candidate-finding rules, compiled once for a lexicon."""

    def __init__(self, lexicon: Lexicon, *, use_pos: bool = True):
        self.rules = discovery_rules()
        self.lexicon = lexicon
        self._lexicon_matcher = _Matcher(dict(lexicon.by_surface.items()))
        self._head_matcher = _Matcher(dict(self.rules.heads.items()))
        self._head_lengths = sorted({len(h) for h in self.rules.heads}, reverse=True)
        self._stops = self.rules.stop_words | self.rules.soft_stops | (jieba_verbs() if use_pos else frozenset())
        self._stop_lengths = sorted({len(w) for w in self._stops}, reverse=True)
        place_names = {s for s, e in lexicon.by_surface.items() if e.type == "place"}
        self._openers = self.rules.openers | place_names
        self._opener_lengths = sorted({len(w) for w in self._openers}, reverse=True)
        self._generic_lengths = sorted({len(w) for w in self.rules.generic_modifiers}, reverse=True)

    # -- the rules -----------------------------------------------------------------------

    def candidates(self, text: str) -> list[Candidate]:
        found = self.lexicon_matches(text)
        found += self.head_matches(text)
        found += self.quoted_matches(text)
        found += self.duty_matches(text)
        return found

    def lexicon_matches(self, text: str) -> list[Candidate]:
        found = []
        for end, (surface, entry) in self._lexicon_matcher.iter(text):
            start = end + 1 - len(surface)
            if _ascii_glued(text, start, end + 1):
                continue
            found.append(Candidate(start, end + 1, entry.type, "lexicon", entry.name))
        return found

    def head_matches(self, text: str) -> list[Candidate]:
        found = []
        for end, (head, kinds) in self._head_matcher.iter(text):
            head_start = end + 1 - len(head)
            if self._blocked_right(text, head, end + 1):
                continue
            candidate = self._name_ending_with(text, head_start, end + 1, head, kinds)
            if candidate is not None:
                found.append(candidate)
        return found

    def quoted_matches(self, text: str) -> list[Candidate]:
        found = []
        for match in self.rules.quoted.finditer(text):
            start, end = match.span("name")
            name = match.group("name")
            if name in self.rules.generic_names or name in self.rules.false_heads:
                continue
            kind = self._type_by_head(name)
            if kind is not None:
                found.append(Candidate(start, end, kind, "quoted"))
        return found

    def duty_matches(self, text: str) -> list[Candidate]:
        found = []
        for match in self.rules.duty_note.finditer(text):
            offset = match.start("bodies")
            bodies = match.group("bodies")
            for start, end in _split_spans(bodies, self.rules.duty_split):
                name = self.rules.duty_strip.sub("", bodies[start:end].strip())
                if 2 <= len(name) <= 20 and name not in self.rules.generic_names:
                    begin = offset + start + (len(bodies[start:end]) - len(bodies[start:end].lstrip()))
                    found.append(Candidate(begin, begin + len(name), "institution", "duty"))
        return found

    # -- head-word names -----------------------------------------------------------------

    def _blocked_right(self, text: str, head: str, end: int) -> bool:
        return any(text.startswith(b, end) for b in self.rules.right_blockers.get(head, ()))

    def _name_ending_with(self, text: str, head_start: int, end: int, head: str,
                          kinds: tuple[str, ...]) -> Candidate | None:
        start = self._name_start(text, head_start, kinds[0])
        modifier = text[start:head_start]
        name = text[start:end]
        if not modifier or name in self.rules.generic_names:
            return None
        if len(head) == 1 and len(modifier) < self.rules.min_modifier_single_head:
            return None
        if any(name.endswith(f) and len(f) > len(head) for f in self.rules.false_heads):
            return None
        specific = self._is_specific(text, start, modifier)
        for kind in kinds:
            if kind not in self.rules.needs_specific or specific:
                return Candidate(start, end, kind, "head")
        return None

    def _name_start(self, text: str, head_start: int, kind: str) -> int:
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
            if not _is_name_char(ch) or self._inner_head_ends(text, position, kind):
                break
            word = self._stop_ending_at(text, position)
            if word is not None and word not in self.rules.soft_stops:
                break
            if word is not None:
                walk.soft = position if walk.soft is None else walk.soft
                position -= len(word)
            else:
                position -= 1
            if self._opener_at(text, position):
                walk.openers.append(position)
        return walk.start(position)

    def _inner_head_ends(self, text: str, position: int, kind: str) -> bool:
        """Another name's head ends here: 上海保险交易所|建设健康保险, 四川省|成都市."""
        for length in self._head_lengths:
            kinds = self.rules.heads.get(text[position - length:position])
            if not kinds or self._blocked_right(text, text[position - length:position], position):
                continue
            if kind == "place" and "place" in kinds:
                return True
            if "place" not in kinds and kind not in kinds and not (kind == "product" and "product" in kinds):
                return True
        return False

    def _stop_ending_at(self, text: str, end: int) -> str | None:
        for length in self._stop_lengths:
            if end - length >= 0:
                word = text[end - length:end]
                if word in self._stops and not _straddled(text, end - length, end):
                    return word
        return None

    def _opener_at(self, text: str, start: int) -> bool:
        return any(text[start:start + n] in self._openers for n in self._opener_lengths)

    def _is_specific(self, text: str, start: int, modifier: str) -> bool:
        if self._opener_at(text, start) or any(c.isascii() and c.isalnum() for c in modifier):
            return True
        return not self._tiles_with_generic(modifier)

    def _tiles_with_generic(self, modifier: str) -> bool:
        """True when the modifier is made only of generic category words."""
        reachable = {0}
        for i in range(len(modifier)):
            if i not in reachable:
                continue
            for n in self._generic_lengths:
                if modifier[i:i + n] in self.rules.generic_modifiers:
                    reachable.add(i + n)
        return len(modifier) in reachable

    def _type_by_head(self, name: str) -> str | None:
        entry = self.lexicon.by_surface.get(name)
        if entry is not None:
            return entry.type
        for length in range(min(len(name) - 1, 6), 0, -1):
            kinds = self.rules.heads.get(name[-length:])
            if kinds and not any(name.endswith(f) for f in self.rules.false_heads):
                return kinds[0]
        return None


def _straddled(text: str, start: int, end: int) -> bool:
    """A more frequent dictionary word crosses the end of text[start:end] (支持|重庆, not 支|持重)."""
    freq = jieba_freq()
    own = freq.get(text[start:end], 0)
    for inside in range(start + 1, end):
        for stop in range(end + 1, min(end + 4, len(text)) + 1):
            if freq.get(text[inside:stop], 0) > own:
                return True
    return False


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


@lru_cache(maxsize=1)
def jieba_verbs() -> frozenset[str]:
    """Verbs and adverbs of two to four characters from jieba's dictionary: they end a name."""
    import jieba

    verbs = set()
    with jieba.get_dict_file() as handle:
        for raw in handle:
            word, freq, tag = raw.decode("utf-8").split()
            if tag in ("v", "vd", "vi", "d", "ad", "p", "c") and 2 <= len(word) <= 4 and int(freq) >= 20:
                verbs.add(word)
    return frozenset(verbs)


@lru_cache(maxsize=1)
def jieba_freq() -> dict[str, int]:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ
