"""data/relations.yaml, compiled: the words of each kind of token, the relation patterns,
the figure words and the grammar (connectors, quotes, brackets, windows) of the rules."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from ...datafiles import data_yaml, typed_record
from ...patterns import char_class
from ..wordtables import lengths_by

_SOURCE = "data/relations.yaml"


class TokenKind(str, Enum):
    """What a token of a clause is (``Token.kind``)."""

    ENTITY = "ent"  # a mention of an entity
    VERB = "verb"  # a verb of an action (payload: the action id)
    BLOCK = "block"  # a verb of no action (购买, 实现): stops the search for one
    SHADOW = "shadow"  # a noun that looks like a verb (支持力度)
    PLACE = "loc"  # a place marker (payload: next, left or an action id)
    DISPOSAL = "disp"  # 将 / 把
    PARTNER = "partner"  # 与 / 同 after a verb
    TRANSPARENT = "trans"  # 对, 包括, 围绕 …: passed over
    INSTRUMENT = "instr"  # 依托, 以 …: what follows plays no role
    ADVERB = "adv"
    CONNECTOR = "conn"  # 、 和 及 …
    ETC = "deng"  # 等
    QUOTE = "quote"
    OPEN = "bra"  # an opening bracket
    CLOSE = "ket"  # a closing bracket
    TEXT = "text"  # anything else


@dataclass(frozen=True)
class RelationPatterns:
    """The ``relations`` section: verbs and heads of the typed-relation patterns and the
    entity types each side may have."""

    launch_verbs: frozenset[str]
    service_heads: tuple[str, ...]
    venue_launch_verbs: frozenset[str]
    business_verbs: frozenset[str]
    business_heads: tuple[str, ...]
    trade_heads: tuple[str, ...]
    settle_verbs: frozenset[str]
    set_up_verbs: frozenset[str]
    unit_heads: tuple[str, ...]
    operator_types: frozenset[str]
    operated_types: frozenset[str]
    launched_types: frozenset[str]
    located_types: frozenset[str]
    traded_types: frozenset[str]
    venue_types: frozenset[str]


@dataclass(frozen=True)
class FigureWords:
    """The ``figures`` section and the figure words of ``grammar.figures``."""

    units: tuple[str, ...]
    qualifiers_before: tuple[str, ...]
    qualifiers_after: tuple[str, ...]
    subject_verbs: tuple[str, ...]
    change_words: tuple[str, ...]
    rank_unit: str
    target_words: tuple[str, ...]
    past_words: tuple[str, ...]
    planned_units: frozenset[str]
    target_sections: tuple[str, ...]
    compared: tuple[str, ...]
    change_compared: tuple[str, ...]
    year_suffix_target: tuple[str, ...]
    year_suffix_past: tuple[str, ...]
    year_suffix_skip: tuple[str, ...]
    period_dashes: str
    year_dashes: str
    ordinal_blockers: str
    counters: frozenset[str]
    counter_durations: str
    count_verbs: frozenset[str]
    noun_ends: tuple[str, ...]
    rank_verbs: tuple[str, ...]
    rank_scope: int
    rank_tails: tuple[str, ...]
    rank_adverbs: tuple[str, ...]
    time_prefixes: tuple[str, ...]


@dataclass(frozen=True)
class Windows:
    """How far the rules look (characters, unless said)."""

    list_modifier: int
    frame: int
    comparison: int
    place_phrase: int
    actor_place_phrase: int
    with_phrase: int  # tokens
    etc_phrase: int
    business_list: int


@dataclass(frozen=True)
class Grammar:
    """The ``grammar`` section: the function words and punctuation the rules read."""

    adverb_verbs: dict[str, str]
    with_words: frozenset[str]
    list_partner_words: frozenset[str]
    nominal_followers: frozenset[str]
    etc: str
    possessive: str
    place_marker: str
    clause_openers: str
    clause_closers: str
    figure_clause_openers: str
    figure_clause_closers: str
    indent: str
    object_strip: str
    not_modifier_starts: str
    windows: Windows


@dataclass(frozen=True)
class Vocabulary:
    """data/relations.yaml, compiled."""

    clause_ends: frozenset[str]
    words: dict[str, tuple[TokenKind, str]]  # word -> (kind, payload)
    word_lengths: dict[str, tuple[int, ...]]  # first character -> the lengths of its words, longest first
    word_starts: re.Pattern[str]  # a character that starts a word
    creation: frozenset[str]
    nominal_verbs: frozenset[str]
    instruments: frozenset[str]
    frames: tuple[str, ...]
    place_phrase_ends: tuple[str, ...]
    attribute_nouns: tuple[str, ...]
    generic_heads: tuple[str, ...]
    subunit_heads: tuple[str, ...]
    duty_markers: tuple[str, ...]
    comparison_words: tuple[str, ...]
    relations: RelationPatterns
    figures: FigureWords
    grammar: Grammar
    actions: tuple[str, ...]


PIVOT_ACTIONS = frozenset({"support", "encourage", "guide", "promote", "attract", "cultivate", "cooperate",
                           "leverage", "apply"})
# Entity types that are never the agent of a verb: as its subject they are what it acts on.
PASSIVE_TYPES = frozenset({"product", "benchmark", "programme"})
# ...except for actions only an agent can take: 合格境外投资者（QFI）参与… (a programme of investors).
AGENT_ACTIONS = frozenset({"participate", "apply", "cooperate", "take-charge"})


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """data/relations.yaml, read and compiled once."""
    data = data_yaml("plankg.extract", _SOURCE)
    grammar = _grammar(data["grammar"])
    words = _words(data, data["grammar"])
    word_lengths = lengths_by(words)
    return Vocabulary(
        clause_ends=frozenset(data["clause_ends"]),
        words=words,
        word_lengths=word_lengths,
        word_starts=char_class(word_lengths),
        creation=frozenset(data["creation"]),
        nominal_verbs=frozenset(data["nominal_verbs"]),
        instruments=frozenset(data["instruments"]),
        frames=tuple(data["frames"]),
        place_phrase_ends=tuple(data["place_phrase_ends"]),
        attribute_nouns=tuple(sorted(data["attribute_nouns"], key=len, reverse=True)),
        generic_heads=tuple(sorted(data["generic_heads"], key=len, reverse=True)),
        subunit_heads=tuple(data["subunit_heads"]),
        duty_markers=tuple(data["duty_markers"]),
        comparison_words=tuple(data["comparison_words"]),
        relations=typed_record(RelationPatterns, data["relations"], _SOURCE),
        figures=typed_record(FigureWords, {**data["figures"], **data["grammar"]["figures"]}, _SOURCE),
        grammar=grammar,
        actions=tuple(data["actions"]),
    )


def _words(data: dict[str, Any], grammar: dict[str, Any]) -> dict[str, tuple[TokenKind, str]]:
    """Every vocabulary word with its token kind; a word listed under several kinds keeps
    the first: shadows (nouns) first, then verbs."""
    words: dict[str, tuple[TokenKind, str]] = {}

    def put(items: Iterable[str], kind: TokenKind, payload: str = "") -> None:
        for item in items:
            words.setdefault(str(item), (kind, payload))

    put(data["shadows"], TokenKind.SHADOW)
    put(data["duty_markers"], TokenKind.SHADOW)
    for marker, mode in data["place_markers"].items():
        if mode not in ("next", "left"):  # 落户: a marker that is itself the action (settle)
            words.setdefault(marker, (TokenKind.PLACE, str(mode)))
    for action, verbs in data["actions"].items():
        put(verbs, TokenKind.VERB, action)
    for marker, mode in data["place_markers"].items():
        words.setdefault(marker, (TokenKind.PLACE, str(mode)))
    put(data["blockers"], TokenKind.BLOCK)
    put(data["disposal"], TokenKind.DISPOSAL)
    put(data["partner_markers"], TokenKind.PARTNER)
    put(data["transparent"], TokenKind.TRANSPARENT)
    put(data["adverbs"], TokenKind.ADVERB)
    put(grammar["connectors"], TokenKind.CONNECTOR)
    put([grammar["etc"]], TokenKind.ETC)
    put([w for w in data["instruments"] if w not in words], TokenKind.INSTRUMENT)
    put(grammar["quotes"], TokenKind.QUOTE)
    put(grammar["opening_brackets"], TokenKind.OPEN)
    put(grammar["closing_brackets"], TokenKind.CLOSE)
    return words


def _grammar(section: dict[str, Any]) -> Grammar:
    plain = {key: value for key, value in section.items()
             if key not in ("windows", "figures", "connectors", "quotes", "opening_brackets", "closing_brackets")}
    return typed_record(Grammar, {**plain, "windows": typed_record(Windows, section["windows"], _SOURCE)}, _SOURCE)


