"""Relation stage (after link): what the plan wants done with each entity it names.

Input: an ``Extraction`` (text, units, sentences and linked mentions). Output, on
``Extraction.statements`` (see ``extract()``):

- ``ActionRole``: for one mention, the policy action of its clause (support, build,
  launch … — the concepts of plan:ActionScheme) and the mention's role in it:
  ``target`` (acted on: 支持上海清算所…), ``actor`` (上海证券交易所推出…), ``place``
  (在临港新片区开展…), ``object`` (the thing built or launched: 推出ETF产品) or
  ``partner`` (研究与新加坡交易所开展…合作);
- ``Relation``: a typed relation the text states between two entities (operates,
  launches, locatedIn, partOf, tradedOn), with its evidence sentence and rule;
- ``Figure``: a quantified statement (2020年…成交总额2274.8万亿元) or a dated target
  (到2035年建成…), with value, unit, year, subject text, kind and evidence.

Everything is deterministic rules over clauses (sentences split at ，；： outside
brackets and quotes, and at unit starts; 、-lists stay together and share their
verb). The words — verbs of each action, role markers, nouns that look like verbs,
relation patterns and units — are data: ``data/relations.yaml``.

The rules work on a token sequence per clause: entity mentions (from the link
stage) and, between them, the vocabulary words matched leftmost-longest; any other
text is plain text. Mentions joined by 、/和/及/quotes form a *group* (a list);
a mention directly followed by another (上海期货交易所上期标准仓单交易平台) is its
*modifier* (possessor). A group then gets its roles:

1. a marker before it: 在/于/来 (place; the action is the next verb), 落户 (place of
   settle), 立足 (place of the verb governing the phrase), 将/把 (target of the next
   verb), 与 after a verb (partner); 在X基础上/领导下 frames give no role;
2. the nearest verb to its left in the clause (adverbs, prepositions and other
   text are passed over): an action gives target, or object when the action makes
   things (build, launch, establish, develop) and the group heads the object; a
   place that only modifies a noun gets place; a non-action verb (购买, 实现 …)
   gives nothing;
3. a verb right after it (adverbs, 等+a generic noun, 在…/与… phrases passed over),
   when the group is the clause's subject or the object of a steering verb
   (支持/鼓励/推动/引导/吸引/发挥/配合): actor of that verb — but products, benchmarks
   and programmes do not act: as subjects they are its object or target (支持永续债…
   在前海发行); X建设/X发展 ending a clause make X the object of build/develop;
4. a duty note （负责单位：X、Y）: actors of take-charge.

Instruments (依托X…, 以X…) are never actors; names in 《…》 (cited documents) and
names in brackets inside a longer name (中国（广州）…博览会) get no role or relation.

Relations come from the same groups: a name directly before another (possessor:
institution + market/product/index → operates; place + place → partOf), X推出Y
(launches), 在X推出Y / 在X开展Y交易 / X开展Y业务 (operates, tradedOn), X…落户Y /
X在Y设立。/ 落户Y的X (locatedIn), and names themselves: a name beginning with the name
of a place the text names (locatedIn) or of an institution plus a unit head such as
中心, 局, 委员会 (partOf). Figures: amounts with a unit, changes against a base year,
world ranks (位居全球第三位) and dated targets without a number (到2035年建成…); the
year is the nearest year expression before the figure in its paragraph and unit.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

import yaml

from .model import Mention

if TYPE_CHECKING:
    from .link import Extraction

ROLES: tuple[str, ...] = ("target", "actor", "place", "object", "partner")
PREDICATES: tuple[str, ...] = ("operates", "launches", "locatedIn", "partOf", "tradedOn")
FIGURE_KINDS: tuple[str, ...] = ("baseline", "target")


# ----------------------------------------------------------------------------- the model

@dataclass(frozen=True)
class ActionRole:
    """One mention in one action: ``mention`` plays ``role`` in ``action`` (an action id of
    data/relations.yaml), whose verb ``verb`` stands at ``text[verb_start:verb_start+len(verb)]``
    (``verb_start`` is -1 when the role comes from a marker alone). The clause
    ``text[clause_start:clause_end]`` is the evidence; ``object_text`` is, for an actor,
    what its verb acts on (the rest of the clause)."""

    mention: Mention
    action: str
    role: str
    verb: str
    verb_start: int
    clause_start: int
    clause_end: int
    rule: str  # marker | left-verb | actor | nominal | disposal | partner | duty
    object_text: str | None = None


@dataclass(frozen=True)
class Relation:
    """``subject`` ``predicate`` ``object`` (entity keys), stated by ``text[start:end]``
    (the sentence), found by ``rule``; ``unit`` is the innermost unit of the evidence."""

    subject: str
    predicate: str
    object: str
    start: int
    end: int
    rule: str
    unit: str | None = None


@dataclass(frozen=True)
class Figure:
    """A quantified statement: ``value`` ``unit`` for ``year`` (both None for a dated target
    without a number), about ``subject`` (text), a ``baseline`` or a ``target``. The figure's
    own words are ``text[start:end]`` (``surface``) in the sentence ``text[sentence_start:
    sentence_end]``. ``qualifier``: 约, 超过, 以上 …; ``base_year``: the year compared with."""

    value: Decimal | None
    unit: str | None
    year: int | None
    subject: str
    kind: str
    start: int
    end: int
    surface: str
    sentence_start: int
    sentence_end: int
    rule: str  # amount | change | rank | dated-target
    qualifier: str | None = None
    base_year: int | None = None
    in_unit: str | None = None


@dataclass
class Statements:
    """What the relation stage found in one document."""

    roles: list[ActionRole] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


# ----------------------------------------------------------------------------- the vocabulary

@dataclass(frozen=True)
class Vocabulary:
    """data/relations.yaml, compiled."""

    clause_ends: frozenset[str]
    words: dict[str, tuple[str, str]]  # word -> (kind, payload)
    max_word: int
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
    relations: dict
    figures: dict
    actions: tuple[str, ...]


PIVOT_ACTIONS = frozenset({"support", "encourage", "guide", "promote", "attract", "cultivate", "cooperate",
                           "leverage", "apply"})
# Entity types that are never the agent of a verb: as its subject they are what it acts on.
PASSIVE_TYPES = frozenset({"product", "benchmark", "programme"})
# ...except for actions only an agent can take: 合格境外投资者（QFI）参与… (a programme of investors).
AGENT_ACTIONS = frozenset({"participate", "apply", "cooperate", "take-charge"})
# 加快 before a verb is an adverb (加快建设); before anything else it is the verb itself.
ADVERB_VERBS = {"加快": "promote"}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    text = resources.files("plankg.extract").joinpath("data/relations.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    words: dict[str, tuple[str, str]] = {}

    def put(items: Iterable[str], kind: str, payload: str = "") -> None:
        for item in items:
            words.setdefault(str(item), (kind, payload))

    # later kinds never override earlier ones: shadows (nouns) first, then verbs
    put(data["shadows"], "shadow")
    for marker in data["duty_markers"]:
        words.setdefault(marker, ("shadow", ""))
    for marker, mode in data["place_markers"].items():
        if mode not in ("next", "left"):  # 落户: a marker that is itself the action
            words.setdefault(marker, ("loc", str(mode)))
    for action, verbs in data["actions"].items():
        put(verbs, "verb", action)
    for marker, mode in data["place_markers"].items():
        words.setdefault(marker, ("loc", str(mode)))
    put(data["blockers"], "block")
    put(data["disposal"], "disp")
    put(data["partner_markers"], "partner")
    put(data["transparent"], "trans")
    put(data["adverbs"], "adv")
    put(["、", "及", "以及", "或", "—", "－", "/", "和", "并", "并且"], "conn")
    put(["等"], "deng")
    put([w for w in data["instruments"] if w not in words], "instr")
    put(["“", "”", "‘", "’", "「", "」", "《", "》", "\""], "quote")
    put(["（", "("], "bra")
    put(["）", ")"], "ket")
    return Vocabulary(
        clause_ends=frozenset(data["clause_ends"]),
        words=words,
        max_word=max(len(w) for w in words),
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
        relations=data["relations"],
        figures=data["figures"],
        actions=tuple(data["actions"]),
    )


# ----------------------------------------------------------------------------- tokens

@dataclass
class Token:
    # ent | verb | block | shadow | loc | disp | partner | trans | instr | adv | conn | deng | quote | bra | ket | text
    kind: str
    start: int
    end: int
    text: str
    payload: str = ""
    mention: Mention | None = None


def _tokens(text: str, start: int, end: int, mentions: list[Mention], vocab: Vocabulary) -> list[Token]:
    """The clause ``text[start:end]`` as tokens: mentions, vocabulary words and plain text."""
    tokens: list[Token] = []
    position = start
    for mention in mentions + [None]:
        stop = mention.start if mention is not None else end
        _scan(text, position, stop, vocab, tokens)
        if mention is not None:
            tokens.append(Token("ent", mention.start, mention.end, mention.surface, mention=mention))
            position = mention.end
    # 加快 is a verb unless a verb follows it
    for i, token in enumerate(tokens):
        if token.kind == "adv" and token.text in ADVERB_VERBS:
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is None or following.kind not in ("verb", "block", "adv"):
                token.kind, token.payload = "verb", ADVERB_VERBS[token.text]
    # a one-character adverb (要, 已, 将 …) only before a verb: 重要, 已有 are not adverbs
    for i, token in enumerate(tokens):
        if token.kind == "adv" and len(token.text) == 1:
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is None or following.kind not in ("verb", "block", "adv", "loc"):
                token.kind = "text"
    # 以 only marks an instrument before an entity (以科创板推动…): 以上, 以人民币为主 are text
    for i, token in enumerate(tokens):
        if token.kind == "instr":
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is None or following.kind not in ("ent", "quote"):
                token.kind = "text"
    # 将/把 only mark a disposal before an entity; otherwise 将 is "will"
    for i, token in enumerate(tokens):
        if token.kind == "disp":
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is None or following.kind not in ("ent", "quote"):
                token.kind = "adv"
    # 与/同 after a verb introduce a partner; between names they join a list
    for i, token in enumerate(tokens):
        if token.kind == "partner":
            previous = tokens[i - 1] if i else None
            if previous is None or previous.kind not in ("verb", "block", "adv"):
                token.kind = "conn" if token.text in ("与", "同", "和") else "text"
    return tokens


def _scan(text: str, start: int, end: int, vocab: Vocabulary, out: list[Token]) -> None:
    i, plain = start, start
    while i < end:
        match = None
        for length in range(min(vocab.max_word, end - i), 0, -1):
            word = text[i:i + length]
            if word in vocab.words:
                match = word
                break
        if match is None:
            i += 1
            continue
        if plain < i:
            out.append(Token("text", plain, i, text[plain:i]))
        kind, payload = vocab.words[match]
        out.append(Token(kind, i, i + len(match), match, payload))
        i += len(match)
        plain = i
    if plain < end:
        out.append(Token("text", plain, end, text[plain:end]))


# ----------------------------------------------------------------------------- clauses

def _clauses(extraction: Extraction, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Clauses: sentences split at clause ends outside brackets and quotes, and at unit starts."""
    text = extraction.document.text
    unit_starts = sorted({u.start for u in extraction.structure.units})
    clauses = []
    for s_start, s_end in extraction.sentences:
        cuts = [s_start]
        cuts += [i + 1 for i in _top_level(text, s_start, s_end, vocab.clause_ends, "（(“「《", "）)”」》")]
        cuts += [i for i in range(s_start, s_end - 1) if text[i] == "　" and text[i + 1] == "　"]
        lo = bisect_right(unit_starts, s_start)
        for u in unit_starts[lo:]:
            if u >= s_end:
                break
            cuts.append(u)
        cuts.append(s_end)
        cuts = sorted(set(cuts))
        for a, b in zip(cuts, cuts[1:]):
            while a < b and text[a] in " 　\t\n":
                a += 1
            while b > a and (text[b - 1] in vocab.clause_ends or text[b - 1] in " 　"):
                b -= 1
            if b > a:
                clauses.append((a, b))
    return clauses


def _duty_spans(text: str, vocab: Vocabulary) -> list[tuple[int, int]]:
    """（负责单位：…） notes: spans of their content after the colon."""
    spans = []
    pattern = re.compile(r"[（(](?:" + "|".join(map(re.escape, vocab.duty_markers)) + r")[：:]([^（）()]*)[）)]")
    for match in pattern.finditer(text):
        spans.append(match.span(1))
    return spans


# ----------------------------------------------------------------------------- groups

@dataclass
class Member:
    mentions: list[Mention]  # the mention and any alias in brackets right after it
    first: int  # token index of the first token of the member
    last: int  # token index of the last token (the closing bracket of an alias)
    join: str = ""  # how it joins the NEXT member: list | mod | with (与) | ""
    quoted: bool = False

    @property
    def main(self) -> Mention:
        return self.mentions[0]


@dataclass
class Group:
    members: list[Member]

    @property
    def first(self) -> int:
        return self.members[0].first

    @property
    def last(self) -> int:
        return self.members[-1].last

    def heads(self) -> list[Member]:
        return [m for m in self.members if m.join != "mod"]


def _groups(tokens: list[Token]) -> list[Group]:
    members: list[Member] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind != "ent":
            i += 1
            continue
        member = Member([token.mention], i, i)
        # an alias in brackets right after: 人民币跨境支付系统（CIPS）
        if i + 3 < len(tokens) and tokens[i + 1].kind == "bra" and tokens[i + 2].kind == "ent" \
                and tokens[i + 3].kind == "ket":
            member.mentions.append(tokens[i + 2].mention)
            member.last = i + 3
        quoted_before = i > 0 and tokens[i - 1].kind == "quote"
        quoted_after = member.last + 1 < len(tokens) and tokens[member.last + 1].kind == "quote"
        member.quoted = quoted_before and quoted_after
        members.append(member)
        i = member.last + 1
    groups: list[Group] = []
    for member in members:
        if groups:
            previous = groups[-1].members[-1]
            join = _join(tokens, previous, member)
            if join:
                previous.join = join
                groups[-1].members.append(member)
                continue
        groups.append(Group([member]))
    return groups


def _join(tokens: list[Token], a: Member, b: Member) -> str:
    """How member ``a`` joins the following member ``b`` (list, mod, with), or "" when apart."""
    between = tokens[a.last + 1:b.first]
    kinds = [t.kind for t in between]
    if not between:
        return "mod"
    if all(k == "quote" for k in kinds):
        # “上海金”“上海油”: a list of quoted names; 上海票据交易所“供应链票据”: a possessor
        return "list" if a.quoted else "mod"
    if kinds and kinds[-1] == "quote":
        kinds, between = kinds[:-1], between[:-1]
    if kinds and kinds[0] == "quote":
        kinds, between = kinds[1:], between[1:]
    if not kinds:
        return "list" if a.quoted else "mod"
    if kinds == ["conn"] or kinds == ["deng"]:
        return "with" if between[0].text in ("与", "同") else "list"
    # 、代表性市场股指期货 / 和跨境ETF期权: a short modifier after the connector
    if kinds[0] == "conn" and all(k in ("text", "quote") for k in kinds[1:]) \
            and sum(t.end - t.start for t in between[1:]) <= 6:
        return "with" if between[0].text in ("与", "同") else "list"
    return ""


# ----------------------------------------------------------------------------- roles

class _Clause:
    """One clause's tokens and groups, with the searches the rules share."""

    def __init__(self, extraction: Extraction, start: int, end: int, mentions: list[Mention],
                 vocab: Vocabulary):
        self.text = extraction.document.text
        self.start, self.end = start, end
        self.vocab = vocab
        self.tokens = _tokens(self.text, start, end, mentions, vocab)
        self.groups = _groups(self.tokens)

    def left_verb(self, index: int) -> int | None:
        """Index of the nearest verb or non-action verb left of token ``index``; None if a marker
        or the clause start comes first."""
        for j in range(index - 1, -1, -1):
            kind = self.tokens[j].kind
            if kind in ("verb", "block"):
                return j
            if kind in ("loc", "disp", "partner"):
                return None
        return None

    def tail(self, group: Group, past_connectors: bool = False) -> list[Token]:
        """Tokens after the group up to the next verb, marker, connector (并, 和, 、) or the
        clause end; with ``past_connectors``, up to the next verb or marker only."""
        out = []
        for token in self.tokens[group.last + 1:]:
            if token.kind in ("verb", "block", "loc", "disp", "partner", "adv"):
                break
            if token.kind in ("conn", "trans") and not past_connectors and token.text != "等":
                break
            out.append(token)
        return out

    def tail_text(self, group: Group, past_connectors: bool = False) -> str:
        return "".join(t.text for t in self.tail(group, past_connectors))

    def next_verb(self, index: int) -> int | None:
        for j in range(index + 1, len(self.tokens)):
            if self.tokens[j].kind in ("verb", "block"):
                return j
        return None


def _is_head_tail(tail: str, vocab: Vocabulary) -> bool:
    """Whether what follows a listed object leaves it the head: nothing, 等, or a generic head."""
    rest = tail.strip("“”\"")
    if rest.startswith("等"):
        rest = rest[1:]
    if not rest:
        return True
    if rest.startswith("的"):
        return False
    return rest in vocab.generic_heads


def _place_modifier(tail: str, vocab: Vocabulary) -> bool:
    """A place followed by a noun that is not its own attribute modifies that noun."""
    rest = tail.lstrip("“”\"")
    if not rest or rest[0] in "在等":
        return False
    if rest.startswith("的"):
        return True
    if any(rest.startswith(a) for a in vocab.attribute_nouns):
        return False
    return True


def _roles_in_clause(clause: _Clause, duty: list[tuple[int, int]], types: dict[str, str],
                     out: list[ActionRole]) -> None:
    vocab, tokens = clause.vocab, clause.tokens

    def add(member: Member, action: str, role: str, verb_index: int | None, rule: str,
            object_text: str | None = None) -> None:
        verb = tokens[verb_index] if verb_index is not None else None
        for mention in member.mentions:
            out.append(ActionRole(mention, action, role, verb.text if verb else "", verb.start if verb else -1,
                                  clause.start, clause.end, rule, object_text))

    for group in clause.groups:
        first = tokens[group.first]
        # duty notes: （负责单位：X、Y按职责分工负责）
        if any(a <= first.start < b for a, b in duty):
            for member in group.members:
                add(member, "take-charge", "actor", None, "duty")
            continue
        before = _before(tokens, group.first)
        marker = tokens[before] if before is not None else None
        tail = clause.tail(group)
        tail_text = "".join(t.text for t in tail)

        # 1. markers
        if marker is not None and marker.kind == "instr":
            continue  # 以科创板推动…: an instrument plays none of the roles
        if marker is not None and marker.kind == "loc":
            if any(tail_text.lstrip("等").startswith(f) or f in tail_text[:8] for f in vocab.frames):
                continue  # 在X基础上 / 在党中央领导下: a frame
            _place_role(clause, group, before, marker, add)
            continue
        if marker is not None and marker.kind == "disp":
            verb = clause.next_verb(group.last)
            if verb is not None and tokens[verb].kind == "verb":
                for member in group.members:
                    add(member, tokens[verb].payload, "target", verb, "disposal")
            continue
        if marker is not None and marker.kind == "partner":
            rest = clause.text[tokens[group.last].end:clause.end]
            if any(word in rest[:24] for word in vocab.comparison_words):
                continue  # 建立与X相适应的…: a comparison, not a partner
            verb = clause.next_verb(group.last)
            action_index = verb if verb is not None and tokens[verb].kind == "verb" else clause.left_verb(before)
            if action_index is not None and tokens[action_index].kind == "verb":
                for member in group.members:
                    add(member, tokens[action_index].payload, "partner", action_index, "partner")
            continue

        # A与B合作: B is a partner of the cooperation, A its actor
        actor_verb = _actor_verb(clause, group)
        partners: set[int] = set()
        if actor_verb is not None and tokens[actor_verb].payload == "cooperate":
            after_with = False
            for k, member in enumerate(group.members):
                if after_with:
                    partners.add(k)
                if member.join == "with":
                    after_with = True

        # 2. the verb that governs the group from the left
        left = clause.left_verb(group.first)
        pivot = False
        if left is not None and tokens[left].kind == "verb":
            verb = tokens[left]
            action = verb.payload
            pivot = action in PIVOT_ACTIONS and verb.text not in vocab.instruments
            for k, member in enumerate(group.members):
                if k in partners:
                    continue
                role = "target"
                is_head = member.join != "mod"
                if types.get(member.main.entity) == "place" and not member.main.surface.isascii():
                    if member.join == "mod":
                        role = "place"  # 天津市滨海新区, 中央结算公司上海总部
                    elif group.members[-1].join != "mod" and _place_modifier(tail_text, vocab):
                        role = "place"  # 提升上海金融市场…, 自贸试验区及临港新片区金融开放…
                if role == "target" and action in vocab.creation and is_head and _is_head_tail(tail_text, vocab) \
                        and _ends_noun_phrase(clause, group):
                    role = "object"
                add(member, action, role, left, "left-verb")
        elif left is None:
            pivot = True  # the clause's subject

        # 3. a verb right after the group: actor, or X建设 / X发展 as a nominal object
        if actor_verb is not None:
            verb = tokens[actor_verb]
            if _nominal(clause, group, actor_verb):
                for member in group.heads():
                    add(member, verb.payload, "object", actor_verb, "nominal")
            elif pivot and verb.kind == "verb":
                object_text = _object_text(clause, actor_verb)
                heads = group.heads()
                subject = _subunit_subject(clause, group)
                if subject is not None:
                    heads = [subject]
                for k, member in enumerate(group.members):
                    if member in heads:
                        role = "partner" if k in partners else "actor"
                        if role == "actor" and types.get(member.main.entity) in PASSIVE_TYPES \
                                and verb.payload not in AGENT_ACTIONS:
                            # 支持永续债…在前海发行, “一网通办”深入推进: products, benchmarks and
                            # programmes do not act; they are made (object) or acted on (target)
                            add(member, verb.payload, "object" if verb.payload in vocab.creation else "target",
                                actor_verb, "passive")
                            continue
                        add(member, verb.payload, role, actor_verb, "actor", object_text if role == "actor" else None)


def _ends_noun_phrase(clause: _Clause, group: Group) -> bool:
    """Whether the noun phrase ends after the group and its generic tail: at the clause end, a
    connector or a verb (发行债券和资产支持证券等方式融资), not at 在/与 (发展上海与港澳台地区在…关系)."""
    tail = clause.tail(group)
    index = (tail[-1] if tail else clause.tokens[group.last])
    position = clause.tokens.index(index) + 1
    if position >= len(clause.tokens):
        return True
    return clause.tokens[position].kind in ("conn", "trans", "verb", "block")


def _before(tokens: list[Token], index: int) -> int | None:
    """The token before ``index``, skipping quotes."""
    j = index - 1
    while j >= 0 and tokens[j].kind == "quote":
        j -= 1
    return j if j >= 0 else None


def _place_role(clause: _Clause, group: Group, marker_index: int, marker: Token, add) -> None:
    tokens, mode = clause.tokens, marker.payload
    if mode == "next":
        verb = _verb_after_place(clause, group)
        if verb is None or tokens[verb].kind != "verb":
            verb = clause.left_verb(marker_index)
        if verb is None or tokens[verb].kind != "verb":
            return
        for member in group.members:
            add(member, tokens[verb].payload, "place", verb, "marker")
    elif mode == "left":
        verb = clause.left_verb(marker_index)
        if verb is None or tokens[verb].kind != "verb":
            return
        for member in group.members:
            add(member, tokens[verb].payload, "place", verb, "marker")
    else:  # the marker is the action itself (落户 → settle)
        for member in group.members:
            add(member, mode, "place", marker_index, "marker")


def _verb_after_place(clause: _Clause, group: Group) -> int | None:
    """The first verb after a place phrase 在X…: the phrase may run on to 中/方面 (在…合作中发挥)."""
    tokens = clause.tokens
    rest = "".join(t.text for t in tokens[group.last + 1:])
    for end_word in clause.vocab.place_phrase_ends:
        at = rest.find(end_word)
        if 0 <= at <= 14:
            # jump to the token after the phrase end, if no verb comes before it is reached
            offset = tokens[group.last].end + at + len(end_word)
            for j in range(group.last + 1, len(tokens)):
                if tokens[j].start >= offset:
                    return clause.next_verb(j - 1)
    return clause.next_verb(group.last)


def _actor_verb(clause: _Clause, group: Group) -> int | None:
    """The verb the group is the subject of: next after 等+generic, adverbs, 在…/与… phrases."""
    tokens = clause.tokens
    j = group.last + 1
    # 等机构 / 等一批重要清算机构或组织: a generic head after the list
    if j < len(tokens) and tokens[j].kind == "deng":
        j = _skip_generic(tokens, j)
    # 中央结算公司上海总部: a sub-unit
    elif j < len(tokens) and tokens[j].kind == "text" and tokens[j].text in clause.vocab.subunit_heads:
        j += 1
    while j < len(tokens):
        token = tokens[j]
        if token.kind == "adv" or (token.kind == "quote"):
            j += 1
            continue
        if token.kind == "loc" and token.payload == "next":
            # skip the place phrase up to its verb: 在沪设立, 在产业生态链中发挥, 在…等领域率先探索
            rest = clause.text[token.end:clause.end]
            k = j + 1
            for end_word in clause.vocab.place_phrase_ends:
                at = rest.find(end_word)
                if 0 <= at <= 24:
                    offset = token.end + at + len(end_word)
                    while k < len(tokens) and tokens[k].start < offset:
                        k += 1
                    break
            while k < len(tokens) and tokens[k].kind not in ("verb", "block"):
                k += 1
            return k if k < len(tokens) else None
        if token.kind == "conn" and token.text in ("与", "同"):
            k = j + 1
            while k < len(tokens) and tokens[k].kind not in ("verb", "block") and k - j <= 8:
                k += 1
            return k if k < len(tokens) and tokens[k].kind in ("verb", "block") else None
        if token.kind in ("verb", "block"):
            return j
        return None
    return None


def _skip_generic(tokens: list[Token], j: int) -> int:
    """Past 等 and a short generic noun phrase after it (等一批重要清算机构或组织)."""
    if j >= len(tokens) or tokens[j].kind != "deng":
        return j
    k, length = j + 1, 0
    while k < len(tokens) and tokens[k].kind in ("text", "shadow", "conn") and length + len(tokens[k].text) <= 14:
        length += len(tokens[k].text)
        k += 1
    return k


def _nominal(clause: _Clause, group: Group, verb_index: int) -> bool:
    """X建设 / X发展 / X等产品研发上市 ending the clause: a nominal action on X."""
    tokens = clause.tokens
    verb = tokens[verb_index]
    if verb.text not in clause.vocab.nominal_verbs:
        return False
    between = "".join(t.text for t in tokens[group.last + 1:verb_index])
    if between and not _is_head_tail(between, clause.vocab):
        return False
    after = tokens[verb_index + 1:]
    # X建设。 / X建设并… / X建设启动 (the building of X started)
    return not after or after[0].kind in ("conn", "verb", "block") or after[0].text in ("并", "和")


def _subunit_subject(clause: _Clause, group: Group) -> Member | None:
    """中央结算公司上海总部…: the organisation, not the place, is the subject."""
    tokens = clause.tokens
    j = group.last + 1
    if len(group.members) >= 2 and j < len(tokens) and tokens[j].kind == "text" \
            and tokens[j].text in clause.vocab.subunit_heads and group.members[-2].join == "mod":
        return group.members[-2]
    return None


def _object_text(clause: _Clause, verb_index: int) -> str | None:
    verb = clause.tokens[verb_index]
    rest = clause.text[verb.end:clause.end].strip("，,；;：:。 　了")
    return rest or None


def _cited(text: str) -> list[tuple[int, int]]:
    """《…》 titles of cited documents: names in them are not what the plan acts on."""
    return [m.span() for m in re.finditer(r"《[^《》]*》", text)]


def _outside(spans: list[tuple[int, int]]):
    starts = [a for a, _ in spans]

    def outside(mention: Mention) -> bool:
        i = bisect_right(starts, mention.start) - 1
        return not (i >= 0 and mention.end <= spans[i][1])
    return outside


def _roles(extraction: Extraction, vocab: Vocabulary) -> list[ActionRole]:
    text = extraction.document.text
    duty = _duty_spans(text, vocab)
    types = {key: entity.type for key, entity in extraction.entities.items()}
    out: list[ActionRole] = []
    for clause in _clauses_with_mentions(extraction, vocab):
        _roles_in_clause(clause, duty, types, out)
    seen, unique = set(), []
    for role in out:
        key = (role.mention.start, role.mention.end, role.action, role.role)
        if key not in seen:
            seen.add(key)
            unique.append(role)
    return sorted(unique, key=lambda r: (r.mention.start, r.mention.end, r.verb_start, r.action, r.role))


def _uncited_mentions(extraction: Extraction) -> tuple[list[Mention], frozenset[int]]:
    """Mentions outside cited titles (《…》), in order, and the set of their ends."""
    uncited = _outside(_cited(extraction.document.text))
    mentions = sorted((m for m in extraction.mentions if uncited(m)), key=lambda m: (m.start, m.end))
    return mentions, frozenset(m.end for m in mentions)


def _clauses_with_mentions(extraction: Extraction, vocab: Vocabulary):
    """Each clause that holds mentions (outside cited titles and bracketed insertions)."""
    text = extraction.document.text
    mentions, ends = _uncited_mentions(extraction)
    starts = [m.start for m in mentions]
    for start, end in _clauses(extraction, vocab):
        lo, hi = bisect_right(starts, start - 1), bisect_right(starts, end - 1)
        inside = [m for m in mentions[lo:hi] if m.end <= end and not _inserted(text, m, ends)]
        if inside:
            yield _Clause(extraction, start, end, inside, vocab)


# ----------------------------------------------------------------------------- relations

def _relations(extraction: Extraction, vocab: Vocabulary) -> list[Relation]:
    text = extraction.document.text
    entities = extraction.entities
    types = {key: e.type for key, e in entities.items()}
    spec = vocab.relations
    found: dict[tuple, Relation] = {}

    def add(subject: str, predicate: str, obj: str, mention: Mention, rule: str) -> None:
        if subject == obj:
            return
        start, end = extraction.sentence_of(mention)
        relation = Relation(subject, predicate, obj, start, end, rule, mention.unit)
        found.setdefault((subject, predicate, obj, start, end), relation)

    for clause in _clauses_with_mentions(extraction, vocab):
        _clause_relations(clause, types, spec, add)
    mentions, ends = _uncited_mentions(extraction)

    # stated by names: 上海证券交易所 → 上海市; 中国人民银行征信中心 → 中国人民银行. Only the names
    # the text itself uses count (not a lexicon's canonical name the text never writes), and a
    # place counts only where the text names it on its own (not 广州 in 中国（广州）…博览会).
    surfaces: dict[str, set[str]] = {}
    first_mention: dict[str, Mention] = {}
    for mention in mentions:
        if _inserted(text, mention, ends):
            continue
        surfaces.setdefault(mention.entity, set()).add(mention.surface)
        first_mention.setdefault(mention.entity, mention)
    place_names = sorted(((n, k) for k, names in surfaces.items() if types.get(k) == "place"
                          for n in names if len(n) >= 2), key=lambda item: (-len(item[0]), item))
    institution_names = sorted(((n, k) for k, names in surfaces.items() if types.get(k) == "institution"
                                for n in names if len(n) >= 3), key=lambda item: (-len(item[0]), item))
    for key in sorted(surfaces):
        entity = entities[key]
        labels = sorted(surfaces[key], key=lambda label: (-len(label), label))
        if entity.type in spec["located_types"]:
            for label in labels:
                place = next((k for n, k in place_names if label.startswith(n) and len(label) > len(n)
                              and k != key), None)
                if place is not None:
                    add(key, "locatedIn", place, first_mention[key], "name")
                    break
        if entity.type == "institution":
            for label in labels:
                parent = next((k for n, k in institution_names if label.startswith(n) and len(label) > len(n)
                               and k != key and label.endswith(tuple(spec["unit_heads"]))), None)
                if parent is not None:
                    add(key, "partOf", parent, first_mention[key], "name")
                    break
    return sorted(found.values(), key=lambda r: (r.start, r.predicate, r.subject, r.object))


def _inserted(text: str, mention: Mention, ends: frozenset[int] | set[int]) -> bool:
    """A name in brackets inside a longer name: 中国（广州）国际金融交易·博览会 — but not an
    alias in brackets after the name it stands for: 全球清算对手方协会（CCP12）等."""
    before = text[mention.start - 2:mention.start] if mention.start >= 2 else ""
    after = text[mention.end:mention.end + 2]
    return len(before) == 2 and len(after) == 2 and before[1] in "（(" and after[0] in "）)" \
        and _is_cjk(before[0]) and _is_cjk(after[1]) and (mention.start - 1) not in ends


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _clause_relations(clause: _Clause, types: dict[str, str], spec: dict, add) -> None:
    tokens = clause.tokens
    operator_types = set(spec["operator_types"])
    operated, launched = set(spec["operated_types"]), set(spec["launched_types"])
    traded, venues = set(spec["traded_types"]), set(spec["venue_types"])

    def type_of(member: Member) -> str:
        return types.get(member.main.entity, "")

    for gi, group in enumerate(clause.groups):
        members = group.members
        # adjacency: 上海期货交易所上期标准仓单交易平台; 上海票据交易所“供应链票据”“票付通”; 天津市滨海新区
        for k, member in enumerate(members[:-1]):
            if member.join != "mod":
                continue
            following = [members[k + 1]]
            n = k + 1
            while n < len(members) - 1 and members[n].join == "list" and members[n].quoted \
                    and members[n + 1].quoted:
                following.append(members[n + 1])
                n += 1
            for other in following:
                if type_of(member) in operator_types and type_of(other) in operated:
                    add(member.main.entity, "operates", other.main.entity, other.main, "adjacent")
                elif type_of(member) == "place" and type_of(other) == "place":
                    add(other.main.entity, "partOf", member.main.entity, other.main, "adjacent")

        actor_verb = _actor_verb(clause, group)
        before = _before(tokens, group.first)
        marker = tokens[before] if before is not None else None
        heads = group.heads()
        # X推出Y: launches; X开展Y业务: operates / tradedOn
        if actor_verb is not None and tokens[actor_verb].kind == "verb" and (marker is None or marker.kind != "loc"):
            verb = tokens[actor_verb]
            obj = _object_group(clause, actor_verb)
            if obj is not None:
                obj_heads = [m for m in obj.heads()]
                tail = clause.tail_text(obj)
                full_tail = clause.tail_text(obj, past_connectors=True)
                if verb.text in spec["launch_verbs"] and _is_head_tail(tail, clause.vocab) \
                        and not any(w in full_tail for w in spec["service_heads"]):  # 推出Y等产品的清算业务
                    for subject in heads:
                        if type_of(subject) in operator_types:
                            for thing in obj_heads:
                                if type_of(thing) in launched:
                                    add(subject.main.entity, "launches", thing.main.entity, thing.main, "launch")
                if verb.text in spec["business_verbs"] and _business_tail(full_tail, spec["business_heads"]):
                    for subject in heads:
                        for thing in obj_heads:
                            if type_of(thing) not in traded:
                                continue
                            if type_of(subject) == "institution":
                                add(subject.main.entity, "operates", thing.main.entity, thing.main, "business")
                            elif type_of(subject) == "market":
                                add(thing.main.entity, "tradedOn", subject.main.entity, thing.main, "business")
        # 在X推出Y: X operates Y; 在X开展Y交易: Y tradedOn X
        if marker is not None and marker.kind == "loc" and marker.text == "在":
            verb_index = clause.next_verb(group.last)
            if verb_index is not None:
                between = "".join(t.text for t in tokens[group.last + 1:verb_index])
                if between.strip("等") == "":
                    verb = tokens[verb_index]
                    obj = _object_group(clause, verb_index)
                    if obj is not None:
                        tail = clause.tail_text(obj)
                        full_tail = clause.tail_text(obj, past_connectors=True)
                        for venue in heads:
                            for thing in obj.heads():
                                if verb.text in spec["venue_launch_verbs"] and _is_head_tail(tail, clause.vocab):
                                    if type_of(venue) in operator_types and type_of(thing) == "market":
                                        add(venue.main.entity, "operates", thing.main.entity, thing.main, "venue")
                                    elif type_of(venue) in venues and type_of(thing) in traded:
                                        add(thing.main.entity, "tradedOn", venue.main.entity, thing.main, "venue")
                                if verb.text in spec["business_verbs"] and type_of(venue) in venues \
                                        and type_of(thing) in traded and _business_tail(full_tail, spec["trade_heads"]):
                                    add(thing.main.entity, "tradedOn", venue.main.entity, thing.main, "venue")
        # X…落户Y / X在Y设立。 / 落户Y的X: locatedIn
        _settle_relations(clause, group, types, spec, add)


def _settle_relations(clause: _Clause, group: Group, types: dict[str, str], spec: dict, add) -> None:
    tokens = clause.tokens
    located = set(spec["located_types"])
    heads = [m for m in group.heads() if types.get(m.main.entity) in located]
    if not heads:
        return
    # X…等…落户Y
    j = group.last + 1
    j = _skip_generic(tokens, j)
    while j < len(tokens) and tokens[j].kind == "adv":
        j += 1
    if j + 1 < len(tokens) and tokens[j].text in spec["settle_verbs"] and tokens[j + 1].kind == "ent" \
            and types.get(tokens[j + 1].mention.entity) == "place":
        place = tokens[j + 1].mention
        after = tokens[j + 2:]
        if not after or after[0].kind in ("conn",) or after[0].text.startswith(("，", "。")):
            for member in heads:
                add(member.main.entity, "locatedIn", place.entity, member.main, "settle")
    # X在Y设立。 (nothing after the verb: X itself was set up there)
    if j + 3 == len(tokens) and tokens[j].text == "在" and tokens[j + 1].kind == "ent" \
            and types.get(tokens[j + 1].mention.entity) == "place" and tokens[j + 2].text in spec["set_up_verbs"]:
        place = tokens[j + 1].mention
        for member in heads:
            add(member.main.entity, "locatedIn", place.entity, member.main, "settle")
    # 落户Y的X
    k = group.first - 1
    if k >= 2 and tokens[k].text == "的" and tokens[k - 1].kind == "ent" \
            and types.get(tokens[k - 1].mention.entity) == "place" and tokens[k - 2].text in spec["settle_verbs"]:
        place = tokens[k - 1].mention
        for member in heads:
            add(member.main.entity, "locatedIn", place.entity, member.main, "settle")


def _object_group(clause: _Clause, verb_index: int) -> Group | None:
    """The group a verb governs: the first group after it with no other verb in between."""
    for group in clause.groups:
        if group.first > verb_index:
            if clause.left_verb(group.first) == verb_index:
                return group
            return None
    return None


def _business_tail(tail: str, heads: list[str]) -> bool:
    """Y业务 / Y、Z以及场外衍生品业务 / Y交易试点: the object ends in one of ``heads``."""
    tail = tail.strip("“”")
    if not tail:
        return False
    if any(tail.startswith(h) for h in heads):
        return True
    # a short list of other items before the head
    match = re.fullmatch(r"(?:[、和及与]|以及|或)[^，。；]{0,16}?(" + "|".join(map(re.escape, heads)) + r")", tail)
    return match is not None


# ----------------------------------------------------------------------------- figures

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_int(s: str) -> int | None:
    if not s or any(c not in _CN_DIGITS and c != "十" for c in s):
        return None
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s)) if s else None
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    year: int
    kind: str  # target | past | base | plain


def _time_expressions(text: str, start: int, end: int, spec: dict) -> list[_Time]:
    targets = sorted(spec["target_words"], key=len, reverse=True)
    past = spec["past_words"]
    pattern = re.compile(r"(?P<pre>" + "|".join(map(re.escape, [*targets, *past])) +
                         r"|比|较|相比|同比)?(?P<year>(?:19|20)\d{2})年(?:(?P<month>\d{1,2})月)?(?P<post>末|底|前|以来)?")
    out = []
    for match in pattern.finditer(text, start, end):
        at = match.start()
        if at > 0 and text[at - 1] in "—－-~～至" and not match.group("pre"):
            continue  # （2025—2027年）: a period
        if match.end() < len(text) and text[match.end()] in "—－-":
            continue
        pre, post = match.group("pre") or "", match.group("post") or ""
        if pre in ("比", "较", "相比", "同比"):
            kind = "base"
        elif pre in targets or post == "前":
            kind = "target"
        elif pre in past or post in ("末", "底"):
            kind = "past"
        elif post == "以来":
            continue
        else:
            kind = "plain"
        out.append(_Time(match.start(), match.end(), int(match.group("year")), kind))
    return out


def _figures(extraction: Extraction, vocab: Vocabulary) -> list[Figure]:
    spec = vocab.figures
    text = extraction.document.text
    units = {u.key: u for u in extraction.structure.units}
    unit_list = sorted(extraction.structure.units, key=lambda u: (u.start, -(u.end - u.start)))
    mentions = sorted(extraction.mentions, key=lambda m: m.start)
    mention_spans = [(m.start, m.end) for m in mentions]
    unit_words = sorted(spec["units"], key=len, reverse=True)
    before_q = sorted(spec["qualifiers_before"], key=len, reverse=True)
    after_q = sorted(spec["qualifiers_after"], key=len, reverse=True)
    amount = re.compile(
        r"(?P<qual>" + "|".join(map(re.escape, before_q)) + r")?(?<![\d.A-Za-z第前])(?P<num>\d+(?:\.\d+)?)"
        r"(?P<unit>" + "|".join(map(re.escape, unit_words)) + r")(?P<after>" +
        "|".join(map(re.escape, after_q)) + r")?")
    rank = re.compile(r"(?P<verb>分别位居|位居|居于|成为)(?P<scope>[^第，。；]{0,8}?)第(?P<ns>[一二三四五六七八九十]+"
                      r"(?:、第?[一二三四五六七八九十]+)*)(?P<tail>位|名|大)?")
    clause_ends = vocab.clause_ends

    def innermost(position: int) -> str | None:
        best = None
        for unit in unit_list:
            if unit.start > position:
                break
            if unit.start <= position < unit.end:
                best = unit
        return best.key if best else None

    def in_mention(start: int, end: int) -> bool:
        i = bisect_right(mention_spans, (start, 10 ** 9)) - 1
        return i >= 0 and mention_spans[i][0] <= start and end <= mention_spans[i][1] and \
            (mention_spans[i][0], mention_spans[i][1]) != (start, end)

    def target_unit(key: str | None) -> bool:
        while key is not None:
            unit = units[key]
            if unit.kind == "goal":
                return True
            if any(word in unit.title for word in spec["target_sections"]) and unit.kind in ("part", "section"):
                return True
            key = unit.parent
        return False

    figures: list[Figure] = []
    paragraphs = extraction.document.body or []
    sentences = extraction.sentences
    for paragraph in paragraphs:
        times = _time_expressions(text, paragraph.start, paragraph.end, spec)
        last_subject = ""
        for s_start, s_end in sentences:
            if s_end <= paragraph.start or s_start >= paragraph.end:
                continue
            s_start, s_end = max(s_start, paragraph.start), min(s_end, paragraph.end)
            sentence_figures: list[Figure] = []
            clauses = _split_clauses(text, s_start, s_end, clause_ends)
            for c_start, c_end in clauses:
                # amounts
                for match in amount.finditer(text, c_start, c_end):
                    n_start = match.start("num")
                    if in_mention(n_start, match.end("unit")):
                        continue
                    if match.group("unit") in ("个", "人") and text[match.end("unit"):match.end("unit") + 1] in "月年":
                        continue
                    figure = _amount_figure(text, match, c_start, c_end, s_start, s_end, times, spec,
                                            last_subject, mentions)
                    if figure is None:
                        continue
                    key = innermost(figure.start)
                    kind = _figure_kind(figure.start, times, key, units, spec, target_unit)
                    figure = _replace(figure, kind=kind, in_unit=key)
                    if figure.rule == "amount":
                        last_subject = figure.subject
                    sentence_figures.append(figure)
                # ranks
                for match in rank.finditer(text, c_start, c_end):
                    for figure in _rank_figures(text, match, c_start, s_start, s_end, times, spec):
                        key = innermost(figure.start)
                        sentence_figures.append(_replace(figure, kind="baseline", in_unit=key))
            # dated targets without a number
            numeric = [f for f in sentence_figures if f.rule in ("amount", "change")]
            for time in times:
                if time.kind != "target" or not (s_start <= time.start < s_end):
                    continue
                if any(f.start > time.start for f in numeric):
                    continue
                subject = _dated_subject(text, time, times, clauses)
                if subject:
                    figures.append(Figure(None, None, time.year, subject, "target", time.start, time.end,
                                          text[time.start:time.end], s_start, s_end, "dated-target",
                                          in_unit=innermost(time.start)))
            figures.extend(sentence_figures)
    unique: dict[tuple[int, int], Figure] = {}
    for figure in figures:
        unique.setdefault((figure.start, figure.end), figure)
    return sorted(unique.values(), key=lambda f: (f.start, f.end))


def _replace(figure: Figure, **changes) -> Figure:
    from dataclasses import replace

    return replace(figure, **changes)


def _top_level(text: str, start: int, end: int, ends, opening: str, closing: str) -> list[int]:
    """Positions in text[start:end] of the characters in ``ends`` outside brackets and quotes."""
    found, depth = [], 0
    for i in range(start, end):
        ch = text[i]
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(0, depth - 1)
        elif ch in ends and depth == 0:
            found.append(i)
    return found


def _split_clauses(text: str, start: int, end: int, ends: frozenset[str]) -> list[tuple[int, int]]:
    out, a = [], start
    for i in _top_level(text, start, end, ends, "（(“", "）)”"):
        out.append((a, i))
        a = i + 1
    if a < end:
        out.append((a, end))
    return [(a, b) for a, b in out if b > a]


def _strip_time(s: str) -> str:
    s = re.sub(r"^(?:截至|截止|到|力争到|至)?(?:19|20)\d{2}年(?:\d{1,2}月)?(?:末|底)?[，,]?", "", s)
    return s.lstrip("，,、 ")


def _amount_figure(text, match, c_start, c_end, s_start, s_end, times, spec, last_subject, mentions):
    value = Decimal(match.group("num"))
    unit = match.group("unit").replace("％", "%")
    qualifier = match.group("qual") or match.group("after")
    if match.group("qual") and match.group("after"):
        qualifier = match.group("qual") + "…" + match.group("after")
    start, end = match.start("num"), match.end()
    pre = text[c_start:match.start()]
    post = text[end:c_end]
    rule = "amount"
    base_year = None
    pre = _strip_time(pre)
    change = re.match(r"^(?:比|较|相比)((?:19|20)\d{2})年(?:末|底)?(" + "|".join(spec["change_words"]) + r")$", pre)
    if change:
        base_year = int(change.group(1))
        subject = (last_subject + pre) if last_subject else pre
        rule = "change"
    else:
        for word in sorted(spec["subject_verbs"], key=len, reverse=True):
            if pre.endswith(word) and word in ("已有", "中有", "有"):
                # 全国33家X中有29家落户上海 / 前20位的X已有17家在沪设立主体
                head = pre[: -len(word)]
                head = re.sub(r"\d+(?:\.\d+)?(?:" + "|".join(map(re.escape, spec["units"])) + r")", "", head)
                subject = head + post.strip("，。；")
                break
        else:
            subject = pre
            for word in sorted(spec["subject_verbs"], key=len, reverse=True):
                if subject.endswith(word):
                    subject = subject[: -len(word)]
                    break
            if (not subject or len(subject) <= 2) and post and post[0] not in "，。；、":
                # 全国33家外资私募证券投资基金管理人（WFOE PFM）中有…: the noun follows the number
                noun = re.split(r"中有|中|，|。", post, maxsplit=1)[0]
                subject = subject + noun
    subject = subject.strip("，,、 的")
    if not subject:
        return None
    if len(subject) <= 4 and rule == "amount":
        # 总市值约4.7万亿元 / 首期规模50亿元: name what it is the figure of
        previous = [m for m in mentions if s_start <= m.start and m.end <= c_start]
        if previous:
            subject = previous[-1].surface + subject
    return Figure(value, unit, _year_for(start, times), subject, "baseline", start, end, text[start:end],
                  s_start, s_end, rule, qualifier, base_year)


def _year_for(position: int, times: list[_Time]) -> int | None:
    year = None
    for time in times:
        if time.start >= position:
            break
        if time.kind != "base":
            year = time.year
    return year


def _figure_kind(position: int, times: list[_Time], unit_key, units, spec, target_unit) -> str:
    last = None
    for time in times:
        if time.start >= position:
            break
        if time.kind != "base":
            last = time
    if last is not None and last.kind == "target":
        return "target"
    if last is not None and last.kind == "past":
        return "baseline"
    if target_unit(unit_key):
        return "target"
    if unit_key is not None and units[unit_key].kind in spec["planned_units"]:
        return "target"
    return "baseline"


def _rank_figures(text, match, c_start, s_start, s_end, times, spec) -> list[Figure]:
    ordinals = list(re.finditer(r"[一二三四五六七八九十]+", text[match.start("ns"):match.end("ns")]))
    numbers = [_cn_int(o.group()) for o in ordinals]
    if not numbers or any(n is None for n in numbers):
        return []
    pre = _strip_time(text[c_start:match.start()])
    pre = re.sub(r"(?:已|已经|均)$", "", pre)
    subjects = _split_list(pre) if len(numbers) > 1 else [pre]
    if len(subjects) != len(numbers):
        return []
    scope = match.group("scope")
    figures = []
    for subject, number, ordinal in zip(subjects, numbers, ordinals):
        subject = subject.strip("，,、 ")
        if not subject:
            continue
        # one figure per ordinal: 位居全球第三位 as a whole, or each of 第一、第五 of 分别位居…
        start, end = (match.start(), match.end()) if len(numbers) == 1 else \
            (match.start("ns") + ordinal.start(), match.start("ns") + ordinal.end())
        if len(numbers) > 1 and text[start - 1] == "第":
            start -= 1  # 第一 / 第五 of 分别位居全球第一、第五位
        figures.append(Figure(Decimal(number), spec["rank_unit"], _year_for(match.start(), times),
                              f"{subject}{scope}排名", "baseline", start, end, text[start:end],
                              s_start, s_end, "rank"))
    return figures


def _split_list(s: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in s:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if ch == "、" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def _dated_subject(text: str, time: _Time, times: list[_Time], clauses: list[tuple[int, int]]) -> str:
    clause = next(((a, b) for a, b in clauses if a <= time.start < b), None)
    if clause is None:
        return ""
    stop = clause[1]
    for other in times:
        if time.end <= other.start < stop:
            stop = other.start
    subject = text[time.end:stop].strip("，,、 ；;。")
    if not subject:
        following = [(a, b) for a, b in clauses if a >= clause[1]]
        if following:
            a, b = following[0]
            subject = text[a:b].strip("，,、 ；;。")
    return subject


# ----------------------------------------------------------------------------- the stage

def extract_statements(extraction: Extraction) -> Statements:
    """Roles and actions, typed relations and figures of one extracted document."""
    vocab = vocabulary()
    roles = _roles(extraction, vocab)
    relations = _relations(extraction, vocab)
    figures = _figures(extraction, vocab)
    return Statements(roles, relations, figures)
