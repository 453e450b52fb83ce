"""Typed relations between entities (operates, launches, locatedIn, partOf, tradedOn): from
the groups of each clause, and from the names themselves."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ...patterns import escaped
from ..model import Mention
from .model import Predicate, Relation, RelationRule
from .tokens import (
    Clause,
    Group,
    Member,
    inserted,
    is_head_tail,
    uncited_mentions,
)
from .vocabulary import RelationPatterns, TokenKind, Vocabulary

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..link import Extraction
    from ..model import EntityType

K = TokenKind


def find_relations(extraction: Extraction, vocab: Vocabulary, clauses: list[Clause]) -> list[Relation]:
    """Every typed relation the text states (``clauses``: the document's ``clauses_with_mentions``),
    once per sentence, in text order."""
    found = _Found(extraction)
    types = {key: e.type for key, e in extraction.entities.items()}
    for clause in clauses:
        _ClauseRelations(clause, types, found).run()
    _name_relations(extraction, vocab.relations, types, found)
    return sorted(found.relations.values(), key=lambda r: (r.start, r.predicate, r.subject, r.object))


class _Found:
    """The relations found so far, keyed by what they state and their sentence."""

    def __init__(self, extraction: Extraction):
        self.extraction = extraction
        self.relations: dict[tuple, Relation] = {}

    def add(self, subject: str, predicate: Predicate, obj: str, mention: Mention, rule: RelationRule) -> None:
        """``subject predicate obj``, stated in the sentence of ``mention`` (the first rule wins)."""
        if subject == obj:
            return
        start, end = self.extraction.sentence_of(mention)
        self.relations.setdefault((subject, predicate, obj, start, end),
                                  Relation(subject, predicate, obj, start, end, rule, mention.unit))


class _ClauseRelations:
    """The relation patterns over one clause's groups."""

    def __init__(self, clause: Clause, types: Mapping[str, EntityType], found: _Found):
        self.clause, self.tokens, self.vocab = clause, clause.tokens, clause.vocab
        self.spec: RelationPatterns = clause.vocab.relations
        self.types, self.found = types, found

    def type_of(self, member: Member) -> str:
        """The entity type of a member's main mention ("" when unknown)."""
        return self.types.get(member.main.entity, "")

    def run(self) -> None:
        """Every pattern on every group of the clause."""
        for group in self.clause.groups:
            self._adjacent(group)
            _, marker = self.clause.marker_before(group)
            actor_verb = self.clause.actor_verb(group)
            if actor_verb is not None and self.tokens[actor_verb].kind is K.VERB \
                    and (marker is None or marker.kind is not K.PLACE):
                self._subject_verb_object(group, actor_verb)
            if marker is not None and marker.kind is K.PLACE and marker.text == self.vocab.grammar.place_marker:
                self._at_venue(group)
            self._settled(group)

    # -- 上海期货交易所上期标准仓单交易平台; 上海票据交易所“供应链票据”“票付通”; 天津市滨海新区

    def _adjacent(self, group: Group) -> None:
        """A name right before another: an operator and what it operates; a place and a place in it."""
        members = group.members
        for k, member in enumerate(members[:-1]):
            if member.join != "mod":
                continue
            for other in self._possessed(members, k):
                if self.type_of(member) in self.spec.operator_types and self.type_of(other) in self.spec.operated_types:
                    self.found.add(member.main.entity, "operates", other.main.entity, other.main, "adjacent")
                elif self.type_of(member) == "place" and self.type_of(other) == "place":
                    self.found.add(other.main.entity, "partOf", member.main.entity, other.main, "adjacent")

    @staticmethod
    def _possessed(members: list[Member], k: int) -> list[Member]:
        """What member ``k`` possesses: the next member, and a list of quoted names after it."""
        following, n = [members[k + 1]], k + 1
        while n < len(members) - 1 and members[n].join == "list" and members[n].quoted and members[n + 1].quoted:
            following.append(members[n + 1])
            n += 1
        return following

    # -- X推出Y: launches; X开展Y业务: operates / tradedOn ----------------------------------

    def _subject_verb_object(self, group: Group, verb_index: int) -> None:
        obj = self.clause.object_group(verb_index)
        if obj is None:
            return
        verb = self.tokens[verb_index]
        full_tail = self.clause.tail_text(obj, past_connectors=True)
        if verb.text in self.spec.launch_verbs and is_head_tail(self.clause.tail_text(obj), self.vocab) \
                and not any(w in full_tail for w in self.spec.service_heads):  # 推出Y等产品的清算业务
            self._launches(group.heads(), obj.heads())
        if verb.text in self.spec.business_verbs and self._business_tail(full_tail, self.spec.business_heads):
            self._business(group.heads(), obj.heads())

    def _launches(self, subjects: list[Member], things: list[Member]) -> None:
        for subject in subjects:
            if self.type_of(subject) not in self.spec.operator_types:
                continue
            for thing in things:
                if self.type_of(thing) in self.spec.launched_types:
                    self.found.add(subject.main.entity, "launches", thing.main.entity, thing.main, "launch")

    def _business(self, subjects: list[Member], things: list[Member]) -> None:
        for subject in subjects:
            for thing in (t for t in things if self.type_of(t) in self.spec.traded_types):
                if self.type_of(subject) == "institution":
                    self.found.add(subject.main.entity, "operates", thing.main.entity, thing.main, "business")
                elif self.type_of(subject) == "market":
                    self.found.add(thing.main.entity, "tradedOn", subject.main.entity, thing.main, "business")

    def _business_tail(self, tail: str, heads: tuple[str, ...]) -> bool:
        """Y业务 / Y、Z以及场外衍生品业务 / Y交易试点: the object ends in one of ``heads``."""
        tail = tail.strip("“”")
        if not tail:
            return False
        if any(tail.startswith(h) for h in heads):
            return True
        # a short list of other items before the head
        return _listed_tail(heads, self.vocab.grammar.windows.business_list).fullmatch(tail) is not None

    # -- 在X推出Y: X operates Y; 在X开展Y交易: Y tradedOn X ---------------------------------

    def _at_venue(self, group: Group) -> None:
        tokens = self.tokens
        verb_index = self.clause.next_verb(group.last)
        if verb_index is None:
            return
        between = "".join(t.text for t in tokens[group.last + 1:verb_index])
        obj = self.clause.object_group(verb_index)
        if between.strip(self.vocab.grammar.etc) != "" or obj is None:
            return
        verb = tokens[verb_index]
        launched = verb.text in self.spec.venue_launch_verbs and is_head_tail(self.clause.tail_text(obj), self.vocab)
        traded = verb.text in self.spec.business_verbs \
            and self._business_tail(self.clause.tail_text(obj, past_connectors=True), self.spec.trade_heads)
        for venue in group.heads():
            for thing in obj.heads():
                self._venue_pair(venue, thing, launched, traded)

    def _venue_pair(self, venue: Member, thing: Member, launched: bool, traded: bool) -> None:
        venue_type, thing_type = self.type_of(venue), self.type_of(thing)
        if launched and venue_type in self.spec.operator_types and thing_type == "market":
            self.found.add(venue.main.entity, "operates", thing.main.entity, thing.main, "venue")
        elif launched and venue_type in self.spec.venue_types and thing_type in self.spec.traded_types:
            self.found.add(thing.main.entity, "tradedOn", venue.main.entity, thing.main, "venue")
        if traded and venue_type in self.spec.venue_types and thing_type in self.spec.traded_types:
            self.found.add(thing.main.entity, "tradedOn", venue.main.entity, thing.main, "venue")

    # -- X…落户Y / X在Y设立。 / 落户Y的X: locatedIn ---------------------------------------

    def _settled(self, group: Group) -> None:
        heads = [m for m in group.heads() if self.types.get(m.main.entity) in self.spec.located_types]
        if not heads:
            return
        j = self.clause.skip_generic(group.last + 1)
        while j < len(self.tokens) and self.tokens[j].kind is K.ADVERB:
            j += 1
        places = (self._settles_in(j), self._set_up_in(j), self._settled_before(group))
        for place in (p for p in places if p is not None):
            for member in heads:
                self.found.add(member.main.entity, "locatedIn", place.entity, member.main, "settle")

    def _place_at(self, index: int) -> Mention | None:
        """The mention at token ``index`` when it names a place."""
        tokens = self.tokens
        if 0 <= index < len(tokens) and tokens[index].kind is K.ENTITY \
                and self.types.get(tokens[index].mention.entity) == "place":  # type: ignore[union-attr]
            return tokens[index].mention
        return None

    def _settles_in(self, j: int) -> Mention | None:
        """X…等…落户Y (Y the end of the clause or of a list item)."""
        tokens = self.tokens
        place = self._place_at(j + 1) if j + 1 < len(tokens) and tokens[j].text in self.spec.settle_verbs else None
        after = tokens[j + 2:]
        ends = not after or after[0].kind is K.CONNECTOR or after[0].text.startswith(("，", "。"))
        return place if ends else None

    def _set_up_in(self, j: int) -> Mention | None:
        """X在Y设立。 (nothing after the verb: X itself was set up there)."""
        tokens = self.tokens
        if j + 3 == len(tokens) and tokens[j].text == self.vocab.grammar.place_marker \
                and tokens[j + 2].text in self.spec.set_up_verbs:
            return self._place_at(j + 1)
        return None

    def _settled_before(self, group: Group) -> Mention | None:
        """落户Y的X."""
        tokens, k = self.tokens, group.first - 1
        if k >= 2 and tokens[k].text == self.vocab.grammar.possessive and tokens[k - 2].text in self.spec.settle_verbs:
            return self._place_at(k - 1)
        return None


# -- stated by names: 上海证券交易所 → 上海市; 中国人民银行征信中心 → 中国人民银行 ------------

def _name_relations(extraction: Extraction, spec: RelationPatterns, types: Mapping[str, EntityType],
                    found: _Found) -> None:
    """A name that begins with a place the text names (locatedIn), or with an institution's name
    and ends with a unit head (partOf). Only the names the text itself uses count (not a
    lexicon's canonical name the text never writes), and a place counts only where the text
    names it on its own (not 广州 in 中国（广州）…博览会)."""
    surfaces, first_mention = _surfaces(extraction)
    places = _names_of(surfaces, types, "place", 2)
    institutions = _names_of(surfaces, types, "institution", 3)
    for key in sorted(surfaces):
        kind = extraction.entities[key].type
        labels = sorted(surfaces[key], key=lambda label: (-len(label), label))
        if kind in spec.located_types:
            place = _starting_with(labels, places, key)
            if place is not None:
                found.add(key, "locatedIn", place, first_mention[key], "name")
        if kind == "institution":
            parent = _starting_with([lb for lb in labels if lb.endswith(spec.unit_heads)], institutions, key)
            if parent is not None:
                found.add(key, "partOf", parent, first_mention[key], "name")


def _surfaces(extraction: Extraction) -> tuple[dict[str, set[str]], dict[str, Mention]]:
    """Entity key -> the names the text uses for it, and its first mention."""
    text = extraction.document.text
    mentions, ends = uncited_mentions(extraction)
    surfaces: dict[str, set[str]] = {}
    first_mention: dict[str, Mention] = {}
    for mention in (m for m in mentions if not inserted(text, m, ends)):
        surfaces.setdefault(mention.entity, set()).add(mention.surface)
        first_mention.setdefault(mention.entity, mention)
    return surfaces, first_mention


def _names_of(surfaces: dict[str, set[str]], types: Mapping[str, EntityType], kind: str,
              shortest: int) -> list[tuple[str, str]]:
    """(name, key) of the entities of ``kind``, longest names first."""
    return sorted(((n, k) for k, names in surfaces.items() if types.get(k) == kind for n in names
                   if len(n) >= shortest), key=lambda item: (-len(item[0]), item))


def _starting_with(labels: list[str], names: list[tuple[str, str]], key: str) -> str | None:
    """The key of the first (longest) of ``names`` that one of ``labels`` begins with and runs past."""
    for label in labels:
        found = next((k for n, k in names if label.startswith(n) and len(label) > len(n) and k != key), None)
        if found is not None:
            return found
    return None


@lru_cache(maxsize=16)
def _listed_tail(heads: tuple[str, ...], window: int) -> re.Pattern[str]:
    """Other items listed before one of ``heads`` (、Z以及场外衍生品业务), compiled once per head list."""
    return re.compile(r"(?:[、和及与]|以及|或)[^，。；]{0," + str(window) + r"}?(" + escaped(heads) + r")")
