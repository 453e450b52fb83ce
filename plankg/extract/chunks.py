"""Noun-chunk candidates: names found the way a linguist would, from segmentation with part of speech.

The text is segmented and tagged by ``jieba.posseg`` (on the shipped word counts, without
the hidden Markov model). A chunk is a maximal run of tokens whose tags build names
(``inside`` in data/chunks.yaml); it never crosses punctuation (tag ``x``) or a particle,
preposition, conjunction, adverb or pronoun, and its leading verbs, prepositions, numbers,
labels ((一), 一是) and listed words are dropped (``never_start``). A conjunction such as
和 joins two parts into one chunk only as in 工业和信息化部: a short bare noun before it, a
name ending in a head after it. A chunk that ends in a type head of discovery.yaml's
``heads`` is proposed as a name of that type (rule ``chunk``), if the head-word rules'
checks (generic names, false heads, qualifiers, specificity) let it stand. Single
characters are never chunk names: a chunk holds a modifier and a head.

``NounChunker.refine`` is the discovery hook: it adds chunk names, which compete with the
head-word names in resolve (the longer wins; replacing a head-word name that ends where a
chunk name ends but starts before it lost more than it won).

Off by default (``noun_chunks`` of the plan_entities factory and of
``entities.cached_discoverer``; ``bench/chunks.py`` scores a corpus with it on). Measured on
the 27 development documents: micro recall 0.780 -> 0.796, precision 0.880 -> 0.863,
task-link F1 0.901 -> 0.907 (entity F1 0.827 -> 0.828); on the
bundled plan entity precision falls 0.951 -> 0.903, below its 0.95 floor; and extraction is
3.4 times slower (bench/extract.py: 2.5x -> 8.3x bare tokenisation; jieba.posseg alone
tags about 340,000 characters a second).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..datafiles import data_yaml, typed_record
from . import wordtables
from .discovery import Candidate, Discoverer

_JOINED = "joined"  # the tag a joining conjunction takes inside a chunk


class Token(NamedTuple):
    """A word jieba cut at text[start:end], with its part-of-speech tag."""

    start: int
    end: int
    tag: str


class Chunk(NamedTuple):
    """A noun chunk at text[start:end], and the tokens it is made of."""

    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class ChunkRules:
    """data/chunks.yaml: the tags that build chunks, what may not start one, labels, joining words."""

    inside: frozenset[str]
    never_start: frozenset[str]
    never_start_words: frozenset[str]
    label: re.Pattern[str]
    joining: frozenset[str]
    joining_left_max: int
    never_start_digits: bool


@lru_cache(maxsize=1)
def chunk_rules() -> ChunkRules:
    """The rules of data/chunks.yaml, read once."""
    return typed_record(ChunkRules, data_yaml("plankg.extract", "data/chunks.yaml"), "data/chunks.yaml")


class NounChunker:
    """Noun chunks of a text and the names they propose (see the module docstring)."""

    def __init__(self, discoverer: Discoverer):
        self.discoverer = discoverer
        self.rules = chunk_rules()
        heads = discoverer.rules.heads
        self._heads = heads
        # jieba tags many verbs n, vn or nz (充分发挥/n, 委托/n, 发展/vn): the discovery rules'
        # stop words and jieba's dictionary verbs end a chunk too, and its soft stops do not start one
        self._hard_stops = discoverer.rules.stop_words | frozenset(wordtables.verbs())
        self._soft_stops = discoverer.rules.soft_stops
        self._head_lengths = sorted({len(h) for h in heads}, reverse=True)

    def tokens(self, text: str) -> list[Token]:
        """The text cut into tagged words, with their character offsets (they tile the text)."""
        tokens, position = [], 0
        for pair in wordtables.pos_tagger().cut(text, HMM=False):
            end = position + len(pair.word)
            tokens.append(Token(position, end, pair.flag))
            position = end
        return tokens

    def chunks(self, text: str) -> list[Chunk]:
        """The noun chunks of ``text``, leading tokens that may not start a chunk dropped."""
        runs = self._runs(text, self.tokens(text))
        trimmed = (self._trimmed(text, run) for run in runs)
        return [Chunk(run[0].start, run[-1].end, tuple(run)) for run in trimmed if run]

    def candidates(self, text: str) -> list[Candidate]:
        """A ``chunk`` candidate for each chunk, or leading part of one up to a token's end
        (杭州市数据交易中心|发展), that ends in a type head and passes the head-word rules' checks."""
        found = []
        for chunk in self.chunks(text):
            for end in range(1, len(chunk.tokens) + 1):
                candidate = self._named(text, Chunk(chunk.start, chunk.tokens[end - 1].end, chunk.tokens[:end]))
                if candidate is not None:
                    found.append(candidate)
        return found

    def refine(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """The discovery hook: ``found`` plus the chunk names."""
        return found + self.candidates(text)

    # -- chunks --------------------------------------------------------------------------

    def _runs(self, text: str, tokens: list[Token]) -> list[list[Token]]:
        """Maximal runs of tokens with tags in ``inside``; a joining word between a short
        noun and what follows keeps them in one run (decided in ``_joined``)."""
        runs: list[list[Token]] = []
        run: list[Token] = []
        for i, token in enumerate(tokens):
            if token.tag in self.rules.inside and not text[token.start:token.end].isspace():
                run.append(token)
                continue
            if run and self._joins(text, tokens, i, run):
                run.append(Token(token.start, token.end, _JOINED))
                continue
            if run:
                runs.append(run)
            run = []
        if run:
            runs.append(run)
        return runs

    def _joins(self, text: str, tokens: list[Token], i: int, run: list[Token]) -> bool:
        """Does the conjunction tokens[i] join the noun before it to a name after it
        (工业|和|信息化部)? The noun is the run's only token, short, and no head."""
        rules = self.rules
        if text[tokens[i].start:tokens[i].end] not in rules.joining or len(run) != 1:
            return False
        noun = text[run[0].start:run[0].end]
        if len(noun) > rules.joining_left_max or run[0].tag not in ("n", "vn", "nz", "j", "l") \
                or self._head_of(noun) is not None:
            return False
        after = i + 1
        while after < len(tokens) and tokens[after].tag in rules.inside:
            after += 1
        return after > i + 1 and self._head_of(text[tokens[i + 1].start:tokens[after - 1].end]) is not None

    def _trimmed(self, text: str, run: list[Token]) -> list[Token]:
        """The run without its leading label, and without the leading tokens that may not
        start a chunk."""
        label = self.rules.label.match(text, run[0].start, run[-1].end)
        if label is not None:
            run = [t for t in run if t.start >= label.end()]
        stops = [i for i, t in enumerate(run[:-1]) if self._is_stop(text[t.start:t.end])
                 and t.tag != _JOINED]
        if stops:
            run = run[stops[-1] + 1:]
        at = 0
        while at < len(run) and self._never_starts(text, run[at]):
            at += 1
        return run[at:]

    def _is_stop(self, word: str) -> bool:
        """A stop word, or a stop word and another run together into one token (充分|发挥, 大力|发展)."""
        return word in self._hard_stops or any(
            word[:n] in self._hard_stops and (word[n:] in self._hard_stops or word[n:] in self._soft_stops)
            for n in range(1, len(word)))

    def _never_starts(self, text: str, token: Token) -> bool:
        word = text[token.start:token.end]
        return token.tag in self.rules.never_start or word in self.rules.never_start_words \
            or word in self._soft_stops or (
            self.rules.never_start_digits and word[0].isdigit())

    # -- names ---------------------------------------------------------------------------

    def _head_of(self, name: str) -> str | None:
        """The longest type head ``name`` ends with, if it is longer than the head."""
        for n in self._head_lengths:
            if len(name) > n and name[-n:] in self._heads:
                return name[-n:]
        return None

    def _named(self, text: str, chunk: Chunk) -> Candidate | None:
        head = self._head_of(text[chunk.start:chunk.end])
        if head is None or self.discoverer.heads.blocked_right(text, head, chunk.end, self._heads[head]):
            return None
        head_start = chunk.end - len(head)
        if head_start - chunk.start > self.discoverer.rules.max_modifier:
            return None
        found = self.discoverer.heads.head_name(text, chunk.start, head_start, chunk.end, head, self._heads[head])
        if found is None or found.rule != "head":
            return None
        return Candidate(found.start, found.end, found.type, "chunk", found.key)
