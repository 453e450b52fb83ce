"""Roles and actions: for each group of names in a clause, what the plan asks of it.

The rules, in order (the package docstring explains them with examples):

0. a duty note （负责单位：X、Y）: actors of take-charge (``_duty_roles``);
1. a marker before the group: 以 (instrument: no role), 在/于/落户/立足 (place),
   将/把 (target of the next verb), 与 after a verb (partner) (``_marker_roles``);
2. the nearest verb to its left: target, object or place (``_left_verb_roles``);
3. a verb right after it: actor, or X建设 as a nominal object (``_right_verb_roles``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .model import ActionRole, Role, RoleRule
from .tokens import (
    Clause,
    Group,
    Member,
    Token,
    duty_spans,
    is_head_tail,
)
from .vocabulary import (
    AGENT_ACTIONS,
    PASSIVE_TYPES,
    PIVOT_ACTIONS,
    TokenKind,
    Vocabulary,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..link import Extraction
    from ..model import EntityType

K = TokenKind


def find_roles(extraction: Extraction, vocab: Vocabulary, clauses: list[Clause]) -> list[ActionRole]:
    """Every mention's roles in the actions of its clause (``clauses``: the document's
    ``clauses_with_mentions``), in text order, without repeats."""
    duty = duty_spans(extraction.document.text, vocab)
    types = {key: entity.type for key, entity in extraction.entities.items()}
    out: list[ActionRole] = []
    for clause in clauses:
        _RoleRules(clause, duty, types, out).run()
    seen, unique = set(), []
    for role in out:
        key = (role.mention.start, role.mention.end, role.action, role.role)
        if key not in seen:
            seen.add(key)
            unique.append(role)
    return sorted(unique, key=lambda r: (r.mention.start, r.mention.end, r.verb_start, r.action, r.role))


class _RoleRules:
    """The rules applied to one clause's groups, writing to ``out``."""

    def __init__(self, clause: Clause, duty: list[tuple[int, int]], types: Mapping[str, EntityType],
                 out: list[ActionRole]):
        self.clause, self.tokens, self.vocab = clause, clause.tokens, clause.vocab
        self.duty, self.types, self.out = duty, types, out

    def run(self) -> None:
        """Every rule on every group of the clause."""
        for group in self.clause.groups:
            if self._duty_roles(group) or self._marker_roles(group):
                continue
            actor_verb = self.clause.actor_verb(group)
            partners = self._cooperation_partners(group, actor_verb)
            pivot = self._left_verb_roles(group, partners)
            if actor_verb is not None:
                self._right_verb_roles(group, actor_verb, pivot, partners)

    def add(self, member: Member, action: str, role: Role, verb_index: int | None, rule: RoleRule,
            object_text: str | None = None) -> None:
        """``member`` (each of its mentions) plays ``role`` in ``action``."""
        verb = self.tokens[verb_index] if verb_index is not None else None
        for mention in member.mentions:
            self.out.append(ActionRole(mention, action, role, verb.text if verb else "",
                                       verb.start if verb else -1, self.clause.start, self.clause.end, rule,
                                       object_text))

    def add_all(self, group: Group, verb_index: int, role: Role, rule: RoleRule) -> None:
        """Every member of ``group`` plays ``role`` in the action of the verb at ``verb_index``."""
        for member in group.members:
            self.add(member, self.tokens[verb_index].payload, role, verb_index, rule)

    def action_verb(self, index: int | None) -> int | None:
        """``index`` when the token there is an action's verb, else None."""
        return index if index is not None and self.tokens[index].kind is K.VERB else None

    # -- rule 0: duty notes ---------------------------------------------------------------

    def _duty_roles(self, group: Group) -> bool:
        """（负责单位：X、Y按职责分工负责）: every member is an actor of take-charge."""
        first = self.tokens[group.first]
        if not any(a <= first.start < b for a, b in self.duty):
            return False
        for member in group.members:
            self.add(member, "take-charge", "actor", None, "duty")
        return True

    # -- rule 1: a marker before the group ------------------------------------------------

    def _marker_roles(self, group: Group) -> bool:
        """Roles a marker before the group gives; True when a marker decided (no other rule)."""
        before, marker = self.clause.marker_before(group)
        if marker is None or before is None:
            return False
        if marker.kind is K.INSTRUMENT:
            return True  # 以科创板推动…: an instrument plays none of the roles
        if marker.kind is K.PLACE:
            self._place_roles(group, before, marker)
            return True
        if marker.kind is K.DISPOSAL:
            verb = self.action_verb(self.clause.next_verb(group.last))
            if verb is not None:
                self.add_all(group, verb, "target", "disposal")
            return True
        if marker.kind is K.PARTNER:
            self._partner_roles(group, before)
            return True
        return False

    def _place_roles(self, group: Group, marker_index: int, marker: Token) -> None:
        """在X开展 (the next verb), 立足X建设 (the governing verb), 落户X (the marker's action)."""
        tail_text = self.clause.tail_text(group)
        window = self.vocab.grammar.windows.frame
        if any(tail_text.lstrip(self.vocab.grammar.etc).startswith(f) or f in tail_text[:window]
               for f in self.vocab.frames):
            return  # 在X基础上 / 在党中央领导下: a frame
        mode = marker.payload
        if mode not in ("next", "left"):  # the marker is the action itself (落户 → settle)
            for member in group.members:
                self.add(member, mode, "place", marker_index, "marker")
            return
        verb = self.action_verb(self._verb_after_place(group)) if mode == "next" else None
        verb = verb if verb is not None else self.action_verb(self.clause.left_verb(marker_index))
        if verb is not None:
            self.add_all(group, verb, "place", "marker")

    def _verb_after_place(self, group: Group) -> int | None:
        """The first verb after a place phrase 在X…: it may run on to 中/方面 (在…合作中发挥)."""
        tokens, clause = self.tokens, self.clause
        rest = "".join(t.text for t in tokens[group.last + 1:])
        window = self.vocab.grammar.windows.place_phrase
        for end_word in self.vocab.place_phrase_ends:
            at = rest.find(end_word)
            if 0 <= at <= window:
                # the token after the phrase end, if no verb comes before it is reached
                offset = tokens[group.last].end + at + len(end_word)
                after = next((j for j in range(group.last + 1, len(tokens)) if tokens[j].start >= offset), None)
                if after is not None:
                    return clause.next_verb(after - 1)
        return clause.next_verb(group.last)

    def _partner_roles(self, group: Group, marker_index: int) -> None:
        """加强与X合作: X is a partner — unless the phrase only compares (建立与X相适应的…)."""
        clause = self.clause
        rest = clause.text[self.tokens[group.last].end:clause.end]
        if any(word in rest[:self.vocab.grammar.windows.comparison] for word in self.vocab.comparison_words):
            return
        verb = self.action_verb(clause.next_verb(group.last))
        verb = verb if verb is not None else self.action_verb(clause.left_verb(marker_index))
        if verb is not None:
            self.add_all(group, verb, "partner", "partner")

    def _cooperation_partners(self, group: Group, actor_verb: int | None) -> set[int]:
        """A与B合作: the members after 与 (by index) are partners of the cooperation, A its actor."""
        if actor_verb is None or self.tokens[actor_verb].payload != "cooperate":
            return set()
        partners, after_with = set(), False
        for k, member in enumerate(group.members):
            if after_with:
                partners.add(k)
            after_with = after_with or member.join == "with"
        return partners

    # -- rule 2: the verb that governs the group from the left ----------------------------

    def _left_verb_roles(self, group: Group, partners: set[int]) -> bool:
        """Target, object (of a creating verb) or place by the nearest verb to the left. Returns
        whether the group may be the subject of the verb after it (no verb to its left, or a
        steering verb: 支持/鼓励/推动 X 做…)."""
        left = self.clause.left_verb(group.first)
        if left is None:
            return True  # the clause's subject
        verb = self.tokens[left]
        if verb.kind is not K.VERB:
            return False
        tail_text = self.clause.tail_text(group)
        for k, member in enumerate(group.members):
            if k not in partners:
                self.add(member, verb.payload, self._left_role(group, member, verb.payload, tail_text), left,
                         "left-verb")
        return verb.payload in PIVOT_ACTIONS and verb.text not in self.vocab.instruments

    def _left_role(self, group: Group, member: Member, action: str, tail_text: str) -> Role:
        """A place that is a possessor or modifies a noun; the object a creating verb makes; else
        the target."""
        if self.types.get(member.main.entity) == "place" and not member.main.surface.isascii():
            if member.join == "mod":
                return "place"  # 天津市滨海新区, 中央结算公司上海总部
            if group.members[-1].join != "mod" and self._place_modifier(tail_text):
                return "place"  # 提升上海金融市场…, 自贸试验区及临港新片区金融开放…
        if action in self.vocab.creation and member.join != "mod" and is_head_tail(tail_text, self.vocab) \
                and self._ends_noun_phrase(group):
            return "object"
        return "target"

    def _place_modifier(self, tail: str) -> bool:
        """A place followed by a noun that is not its own attribute modifies that noun."""
        rest = tail.lstrip("“”\"")
        if not rest or rest[0] in self.vocab.grammar.not_modifier_starts:
            return False
        if rest.startswith(self.vocab.grammar.possessive):
            return True
        return not any(rest.startswith(a) for a in self.vocab.attribute_nouns)

    def _ends_noun_phrase(self, group: Group) -> bool:
        """Whether the noun phrase ends after the group and its generic tail: at the clause end, a
        connector or a verb (发行债券和资产支持证券等方式融资), not at 在/与 (发展上海与港澳台地区在…关系)."""
        tail = self.clause.tail(group)
        last = tail[-1] if tail else self.tokens[group.last]
        position = self.tokens.index(last) + 1
        if position >= len(self.tokens):
            return True
        return self.tokens[position].kind in (K.CONNECTOR, K.TRANSPARENT, K.VERB, K.BLOCK)

    # -- rule 3: a verb right after the group ---------------------------------------------

    def _right_verb_roles(self, group: Group, actor_verb: int, pivot: bool, partners: set[int]) -> None:
        """X建设 / X发展 ending the clause: X is the object; else, when the group may be the
        subject, its heads act (or, for products and programmes, are acted on)."""
        verb = self.tokens[actor_verb]
        if self._nominal(group, actor_verb):
            for member in group.heads():
                self.add(member, verb.payload, "object", actor_verb, "nominal")
        elif pivot and verb.kind is K.VERB:
            self._subject_roles(group, actor_verb, partners)

    def _subject_roles(self, group: Group, actor_verb: int, partners: set[int]) -> None:
        """The group's heads (or the organisation of 中央结算公司上海总部) are the verb's actors,
        partners of a cooperation; products, benchmarks and programmes do not act: 支持永续债…
        在前海发行, “一网通办”深入推进 make them the object or target."""
        verb = self.tokens[actor_verb]
        subject = self._subunit_subject(group)
        heads = [subject] if subject is not None else group.heads()
        object_text = self._object_text(actor_verb)
        for k, member in enumerate(group.members):
            if member not in heads:
                continue
            if k in partners:
                self.add(member, verb.payload, "partner", actor_verb, "actor")
            elif self.types.get(member.main.entity) in PASSIVE_TYPES and verb.payload not in AGENT_ACTIONS:
                role: Role = "object" if verb.payload in self.vocab.creation else "target"
                self.add(member, verb.payload, role, actor_verb, "passive")
            else:
                self.add(member, verb.payload, "actor", actor_verb, "actor", object_text)

    def _nominal(self, group: Group, verb_index: int) -> bool:
        """X建设 / X发展 / X等产品研发上市 ending the clause: a nominal action on X."""
        tokens = self.tokens
        if tokens[verb_index].text not in self.vocab.nominal_verbs:
            return False
        between = "".join(t.text for t in tokens[group.last + 1:verb_index])
        if between and not is_head_tail(between, self.vocab):
            return False
        after = tokens[verb_index + 1:]
        # X建设。 / X建设并… / X建设启动 (the building of X started)
        return not after or after[0].kind in (K.CONNECTOR, K.VERB, K.BLOCK) \
            or after[0].text in self.vocab.grammar.nominal_followers

    def _subunit_subject(self, group: Group) -> Member | None:
        """中央结算公司上海总部…: the organisation, not the place, is the subject."""
        tokens, j = self.tokens, group.last + 1
        if len(group.members) >= 2 and j < len(tokens) and tokens[j].kind is K.TEXT \
                and tokens[j].text in self.vocab.subunit_heads and group.members[-2].join == "mod":
            return group.members[-2]
        return None

    def _object_text(self, verb_index: int) -> str | None:
        """What an actor's verb acts on: the rest of the clause."""
        verb = self.tokens[verb_index]
        rest = self.clause.text[verb.end:self.clause.end].strip(self.vocab.grammar.object_strip)
        return rest or None
