"""Clauses as tokens: entity mentions, vocabulary words and plain text; mentions joined into
groups (lists and possessors); the searches over a clause that the rules share."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from ...cjk import is_han
from ...patterns import char_class, escaped
from ..model import Mention
from .vocabulary import TokenKind, Vocabulary

if TYPE_CHECKING:
    from ..link import Extraction

K = TokenKind
VERBS = (K.VERB, K.BLOCK)  # an action's verb, or a verb of no action
MARKERS = (K.PLACE, K.DISPOSAL, K.PARTNER)
Join = Literal["list", "mod", "with", ""]  # how a member joins the next: a list, a possessor, 与, apart
_SPACES = " 　\t\n"


@dataclass
class Token:
    """One token of a clause: ``text[start:end]`` of ``kind``; ``payload`` is a verb's action
    id or a place marker's mode; ``mention`` an entity token's mention."""

    kind: TokenKind
    start: int
    end: int
    text: str
    payload: str = ""
    mention: Mention | None = None


def tokenize(text: str, start: int, end: int, mentions: list[Mention], vocab: Vocabulary) -> list[Token]:
    """The clause ``text[start:end]`` as tokens: mentions, vocabulary words and plain text."""
    tokens: list[Token] = []
    position = start
    for mention in [*mentions, None]:
        stop = mention.start if mention is not None else end
        _scan(text, position, stop, vocab, tokens)
        if mention is not None:
            tokens.append(Token(K.ENTITY, mention.start, mention.end, mention.surface, mention=mention))
            position = mention.end
    for reading in (_adverb_verb, _one_character_adverb, _instrument, _disposal, _partner):
        for i, token in enumerate(tokens):
            reading(tokens, i, token, vocab)
    return tokens


def _next_kind(tokens: list[Token], i: int) -> TokenKind | None:
    return tokens[i + 1].kind if i + 1 < len(tokens) else None


def _adverb_verb(tokens: list[Token], i: int, token: Token, vocab: Vocabulary) -> None:
    """加快 is a verb unless a verb follows it."""
    verbs = vocab.grammar.adverb_verbs
    if token.kind is K.ADVERB and token.text in verbs and _next_kind(tokens, i) not in (K.VERB, K.BLOCK, K.ADVERB):
        token.kind, token.payload = K.VERB, verbs[token.text]


def _one_character_adverb(tokens: list[Token], i: int, token: Token, vocab: Vocabulary) -> None:
    """A one-character adverb (要, 已, 将 …) only before a verb: 重要, 已有 are not adverbs."""
    if token.kind is K.ADVERB and len(token.text) == 1 \
            and _next_kind(tokens, i) not in (K.VERB, K.BLOCK, K.ADVERB, K.PLACE):
        token.kind = K.TEXT


def _instrument(tokens: list[Token], i: int, token: Token, vocab: Vocabulary) -> None:
    """以 only marks an instrument before an entity (以科创板推动…): 以上, 以人民币为主 are text."""
    if token.kind is K.INSTRUMENT and _next_kind(tokens, i) not in (K.ENTITY, K.QUOTE):
        token.kind = K.TEXT


def _disposal(tokens: list[Token], i: int, token: Token, vocab: Vocabulary) -> None:
    """将/把 only mark a disposal before an entity; otherwise 将 is "will"."""
    if token.kind is K.DISPOSAL and _next_kind(tokens, i) not in (K.ENTITY, K.QUOTE):
        token.kind = K.ADVERB


def _partner(tokens: list[Token], i: int, token: Token, vocab: Vocabulary) -> None:
    """与/同 after a verb introduce a partner; between names they join a list."""
    if token.kind is K.PARTNER and (i == 0 or tokens[i - 1].kind not in (K.VERB, K.BLOCK, K.ADVERB)):
        token.kind = K.CONNECTOR if token.text in vocab.grammar.list_partner_words else K.TEXT


def _scan(text: str, start: int, end: int, vocab: Vocabulary, out: list[Token]) -> None:
    """Vocabulary words (leftmost-longest) and the plain text between them; only positions
    whose character starts a word are tried, each with the lengths of its words."""
    i, plain = start, start
    while (found := vocab.word_starts.search(text, i, end)) is not None:
        i = found.start()
        match = next((text[i:i + n] for n in vocab.word_lengths[text[i]]
                      if i + n <= end and text[i:i + n] in vocab.words), None)
        if match is None:
            i += 1
            continue
        if plain < i:
            out.append(Token(K.TEXT, plain, i, text[plain:i]))
        kind, payload = vocab.words[match]
        out.append(Token(kind, i, i + len(match), match, payload))
        i += len(match)
        plain = i
    if plain < end:
        out.append(Token(K.TEXT, plain, end, text[plain:end]))


# ----------------------------------------------------------------------------- clauses

def top_level(text: str, start: int, end: int, ends, opening: str, closing: str) -> list[int]:
    """Positions in text[start:end] of the characters in ``ends`` outside brackets and quotes."""
    found, depth = [], 0
    for match in _marks(frozenset(ends), opening, closing).finditer(text, start, end):
        i, ch = match.start(), match.group()
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(0, depth - 1)
        elif ch in ends and depth == 0:
            found.append(i)
    return found


@lru_cache(maxsize=16)
def _marks(ends: frozenset[str], opening: str, closing: str) -> re.Pattern[str]:
    """A character of ``ends``, ``opening`` or ``closing`` (what ``top_level`` reads)."""
    return char_class(ends | set(opening) | set(closing))


def clause_spans(extraction: Extraction, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Clauses: sentences split at clause ends outside brackets and quotes, at two full-width
    spaces (a run-on indented paragraph) and at unit starts."""
    text, grammar = extraction.document.text, vocab.grammar
    unit_starts = sorted({u.start for u in extraction.structure.units})
    clauses: list[tuple[int, int]] = []
    for s_start, s_end in extraction.sentences:
        cuts = {s_start, s_end}
        cuts.update(i + 1 for i in top_level(text, s_start, s_end, vocab.clause_ends, grammar.clause_openers,
                                              grammar.clause_closers))
        cuts.update(_occurrences(text, grammar.indent, s_start, s_end))
        cuts.update(u for u in unit_starts[bisect_right(unit_starts, s_start):] if u < s_end)
        ordered = sorted(cuts)
        clauses.extend(span for a, b in pairwise(ordered)
                       if (span := _trimmed(text, a, b, vocab.clause_ends)) is not None)
    return clauses


def _occurrences(text: str, word: str, start: int, end: int) -> Iterator[int]:
    """Where ``word`` starts in ``text[start:end]`` (overlapping occurrences too), before ``end - 1``."""
    i = text.find(word, start, end - 1 + len(word) - 1)
    while i >= 0:
        yield i
        i = text.find(word, i + 1, end - 1 + len(word) - 1)


def _trimmed(text: str, a: int, b: int, clause_ends: frozenset[str]) -> tuple[int, int] | None:
    """``(a, b)`` without leading spaces and trailing spaces and clause ends; None if empty."""
    while a < b and text[a] in _SPACES:
        a += 1
    while b > a and (text[b - 1] in clause_ends or text[b - 1] in " 　"):
        b -= 1
    return (a, b) if b > a else None


def duty_spans(text: str, vocab: Vocabulary) -> list[tuple[int, int]]:
    """（负责单位：…） notes: spans of their content after the colon."""
    return [match.span(1) for match in _duty_note(vocab.duty_markers).finditer(text)]


@lru_cache(maxsize=4)
def _duty_note(markers: tuple[str, ...]) -> re.Pattern[str]:
    """A （负责单位：…） note of one of ``markers``, compiled once per word list."""
    return re.compile(r"[（(](?:" + escaped(markers) + r")[：:]([^（）()]*)[）)]")


def inserted(text: str, mention: Mention, ends: frozenset[int] | set[int]) -> bool:
    """A name in brackets inside a longer name: 中国（广州）国际金融交易·博览会 — but not an
    alias in brackets after the name it stands for: 全球清算对手方协会（CCP12）等."""
    before = text[mention.start - 2:mention.start] if mention.start >= 2 else ""
    after = text[mention.end:mention.end + 2]
    return len(before) == 2 and len(after) == 2 and before[1] in "（(" and after[0] in "）)" \
        and is_han(before[0]) and is_han(after[1]) and (mention.start - 1) not in ends


def uncited_mentions(extraction: Extraction) -> tuple[list[Mention], frozenset[int]]:
    """Mentions outside the titles of cited documents (《…》), in order, and the set of their ends."""
    uncited = _outside([m.span() for m in re.finditer(r"《[^《》]*》", extraction.document.text)])
    mentions = sorted((m for m in extraction.mentions if uncited(m)), key=lambda m: (m.start, m.end))
    return mentions, frozenset(m.end for m in mentions)


def _outside(spans: list[tuple[int, int]]) -> Callable[[Mention], bool]:
    starts = [a for a, _ in spans]

    def outside(mention: Mention) -> bool:
        i = bisect_right(starts, mention.start) - 1
        return not (i >= 0 and mention.end <= spans[i][1])
    return outside


def clauses_with_mentions(extraction: Extraction, vocab: Vocabulary) -> Iterator[Clause]:
    """Each clause that holds mentions (outside cited titles and bracketed insertions)."""
    text = extraction.document.text
    mentions, ends = uncited_mentions(extraction)
    starts = [m.start for m in mentions]
    for start, end in clause_spans(extraction, vocab):
        lo, hi = bisect_right(starts, start - 1), bisect_right(starts, end - 1)
        inside = [m for m in mentions[lo:hi] if m.end <= end and not inserted(text, m, ends)]
        if inside:
            yield Clause(extraction, start, end, inside, vocab)


# ----------------------------------------------------------------------------- groups

@dataclass
class Member:
    """One name of a group: the mention and any alias in brackets right after it."""

    mentions: list[Mention]
    first: int  # token index of the first token of the member
    last: int  # token index of the last token (the closing bracket of an alias)
    join: Join = ""  # how it joins the NEXT member
    quoted: bool = False

    @property
    def main(self) -> Mention:
        return self.mentions[0]


@dataclass
class Group:
    """Names joined by 、/和/及/quotes (a list) or side by side (a possessor and what it has)."""

    members: list[Member]

    @property
    def first(self) -> int:
        return self.members[0].first

    @property
    def last(self) -> int:
        return self.members[-1].last

    def heads(self) -> list[Member]:
        """The members that are not possessors of the next one."""
        return [m for m in self.members if m.join != "mod"]


def groups_of(tokens: list[Token], vocab: Vocabulary) -> list[Group]:
    """The clause's groups of names, in order."""
    groups: list[Group] = []
    for member in _members(tokens):
        join = _join(tokens, groups[-1].members[-1], member, vocab) if groups else ""
        if join:
            groups[-1].members[-1].join = join
            groups[-1].members.append(member)
        else:
            groups.append(Group([member]))
    return groups


def _members(tokens: list[Token]) -> list[Member]:
    members: list[Member] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind is not K.ENTITY:
            i += 1
            continue
        member = Member([tokens[i].mention], i, i)  # type: ignore[list-item]
        # an alias in brackets right after: 人民币跨境支付系统（CIPS）
        if [t.kind for t in tokens[i + 1:i + 4]] == [K.OPEN, K.ENTITY, K.CLOSE]:
            member.mentions.append(tokens[i + 2].mention)  # type: ignore[arg-type]
            member.last = i + 3
        quoted_before = i > 0 and tokens[i - 1].kind is K.QUOTE
        quoted_after = member.last + 1 < len(tokens) and tokens[member.last + 1].kind is K.QUOTE
        member.quoted = quoted_before and quoted_after
        members.append(member)
        i = member.last + 1
    return members


def _join(tokens: list[Token], a: Member, b: Member, vocab: Vocabulary) -> Join:
    """How member ``a`` joins the following member ``b`` (list, mod, with), or "" when apart."""
    between = tokens[a.last + 1:b.first]
    if not between:
        return "mod"
    if all(t.kind is K.QUOTE for t in between):
        # “上海金”“上海油”: a list of quoted names; 上海票据交易所“供应链票据”: a possessor
        return "list" if a.quoted else "mod"
    if between[-1].kind is K.QUOTE:
        between = between[:-1]
    if between and between[0].kind is K.QUOTE:
        between = between[1:]
    kinds = [t.kind for t in between]
    if not kinds:
        return "list" if a.quoted else "mod"
    with_or_list: Join = "with" if between[0].text in vocab.grammar.with_words else "list"
    if kinds in ([K.CONNECTOR], [K.ETC]):
        return with_or_list
    # 、代表性市场股指期货 / 和跨境ETF期权: a short modifier after the connector
    if kinds[0] is K.CONNECTOR and all(k in (K.TEXT, K.QUOTE) for k in kinds[1:]) \
            and sum(t.end - t.start for t in between[1:]) <= vocab.grammar.windows.list_modifier:
        return with_or_list
    return ""


def is_head_tail(tail: str, vocab: Vocabulary) -> bool:
    """Whether what follows a listed object leaves it the head: nothing, 等, or a generic head."""
    grammar = vocab.grammar
    rest = tail.strip("“”\"")
    rest = rest.removeprefix(grammar.etc)
    if not rest:
        return True
    if rest.startswith(grammar.possessive):
        return False
    return rest in vocab.generic_heads


# ----------------------------------------------------------------------------- a clause

class Clause:
    """One clause's tokens and groups, with the searches the rules share."""

    def __init__(self, extraction: Extraction, start: int, end: int, mentions: list[Mention],
                 vocab: Vocabulary):
        self.text = extraction.document.text
        self.start, self.end = start, end
        self.vocab = vocab
        self.tokens = tokenize(self.text, start, end, mentions, vocab)
        self.groups = groups_of(self.tokens, vocab)

    def left_verb(self, index: int) -> int | None:
        """Index of the nearest verb or non-action verb left of token ``index``; None if a marker
        or the clause start comes first."""
        for j in range(index - 1, -1, -1):
            kind = self.tokens[j].kind
            if kind in VERBS:
                return j
            if kind in MARKERS:
                return None
        return None

    def next_verb(self, index: int) -> int | None:
        """Index of the first verb or non-action verb after token ``index``."""
        return next((j for j in range(index + 1, len(self.tokens)) if self.tokens[j].kind in VERBS), None)

    def before(self, index: int) -> int | None:
        """The token before ``index``, skipping quotes."""
        j = index - 1
        while j >= 0 and self.tokens[j].kind is K.QUOTE:
            j -= 1
        return j if j >= 0 else None

    def marker_before(self, group: Group) -> tuple[int | None, Token | None]:
        """The token before the group (quotes skipped) and its index."""
        before = self.before(group.first)
        return before, (self.tokens[before] if before is not None else None)

    def tail(self, group: Group, past_connectors: bool = False) -> list[Token]:
        """Tokens after the group up to the next verb, marker, connector (并, 和, 、) or the
        clause end; with ``past_connectors``, up to the next verb or marker only."""
        out = []
        for token in self.tokens[group.last + 1:]:
            if token.kind in (*VERBS, *MARKERS, K.ADVERB):
                break
            if token.kind in (K.CONNECTOR, K.TRANSPARENT) and not past_connectors \
                    and token.text != self.vocab.grammar.etc:
                break
            out.append(token)
        return out

    def tail_text(self, group: Group, past_connectors: bool = False) -> str:
        """The text of ``tail``."""
        return "".join(t.text for t in self.tail(group, past_connectors))

    def skip_generic(self, j: int) -> int:
        """Past 等 and a short generic noun phrase after it (等一批重要清算机构或组织)."""
        tokens = self.tokens
        if j >= len(tokens) or tokens[j].kind is not K.ETC:
            return j
        k, length = j + 1, 0
        while k < len(tokens) and tokens[k].kind in (K.TEXT, K.SHADOW, K.CONNECTOR) \
                and length + len(tokens[k].text) <= self.vocab.grammar.windows.etc_phrase:
            length += len(tokens[k].text)
            k += 1
        return k

    def actor_verb(self, group: Group) -> int | None:
        """The verb the group is the subject of: next after 等+generic, adverbs, 在…/与… phrases."""
        tokens = self.tokens
        j = group.last + 1
        if j < len(tokens) and tokens[j].kind is K.ETC:  # 等机构 / 等一批重要清算机构或组织
            j = self.skip_generic(j)
        elif j < len(tokens) and tokens[j].kind is K.TEXT and tokens[j].text in self.vocab.subunit_heads:
            j += 1  # 中央结算公司上海总部: a sub-unit
        while j < len(tokens) and tokens[j].kind in (K.ADVERB, K.QUOTE):
            j += 1
        if j >= len(tokens):
            return None
        token = tokens[j]
        if token.kind is K.PLACE and token.payload == "next":
            return self._verb_past_place_phrase(j)
        if token.kind is K.CONNECTOR and token.text in self.vocab.grammar.with_words:
            return self._verb_past_with_phrase(j)
        return j if token.kind in VERBS else None

    def _verb_past_place_phrase(self, j: int) -> int | None:
        """The verb after the place phrase opened at token ``j``: 在沪设立, 在产业生态链中发挥,
        在…等领域率先探索."""
        tokens, token = self.tokens, self.tokens[j]
        rest = self.text[token.end:self.end]
        k = j + 1
        window = self.vocab.grammar.windows.actor_place_phrase
        at, end_word = next(((rest.find(w), w) for w in self.vocab.place_phrase_ends if 0 <= rest.find(w) <= window),
                            (-1, ""))
        if at >= 0:
            offset = token.end + at + len(end_word)
            while k < len(tokens) and tokens[k].start < offset:
                k += 1
        while k < len(tokens) and tokens[k].kind not in VERBS:
            k += 1
        return k if k < len(tokens) else None

    def _verb_past_with_phrase(self, j: int) -> int | None:
        """The verb after 与X… opened at token ``j`` (A与X合作), within a few tokens."""
        tokens = self.tokens
        k = j + 1
        while k < len(tokens) and tokens[k].kind not in VERBS and k - j <= self.vocab.grammar.windows.with_phrase:
            k += 1
        return k if k < len(tokens) and tokens[k].kind in VERBS else None

    def object_group(self, verb_index: int) -> Group | None:
        """The group a verb governs: the first group after it with no other verb in between."""
        following = next((group for group in self.groups if group.first > verb_index), None)
        if following is not None and self.left_verb(following.first) == verb_index:
            return following
        return None
