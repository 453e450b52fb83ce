"""Link stage: attribute each mention to the innermost unit and make one Entity per key."""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import Lexicon, gazetteer
from .model import Document, Entity, Mention, Unit, entity_type
from .relations import Statements
from .structure import Structure
from .wordtables import pinyin_slug

if TYPE_CHECKING:  # spaCy takes most of a second to import; the graph stage needs only the types
    from spacy.tokens import Doc

    from .resolve import Resolved


@dataclass
class Extraction:
    """Everything the graph stage needs about one document."""

    document: Document
    structure: Structure
    mentions: list[Mention]
    entities: dict[str, Entity]
    sentences: list[tuple[int, int]]
    warnings: list[str] = field(default_factory=list)
    # Roles and actions, typed relations and figures (relations.py), set by extract()
    statements: Statements = field(default_factory=Statements)
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _starts_of: list | None = field(default=None, init=False, repr=False, compare=False)

    def sentence_of(self, mention: Mention) -> tuple[int, int]:
        """The sentence holding ``mention`` (the mention's own span when none holds it whole)."""
        i = bisect_right(self._sentence_starts(), mention.start) - 1
        if i >= 0 and self.sentences[i][1] >= mention.end:
            return self.sentences[i]
        return mention.start, mention.end

    def sentences_in(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The sentences that overlap ``start``–``end``, each cut to it (the sentences are in
        order and do not overlap): a binary search finds the first."""
        for i in range(max(bisect_right(self._sentence_starts(), start) - 1, 0), len(self.sentences)):
            s_start, s_end = self.sentences[i]
            if s_start >= end:
                break
            if s_end > start:
                yield max(s_start, start), min(s_end, end)

    def _sentence_starts(self) -> list[int]:
        """The sentence starts, for binary searches: listed once per sentence list."""
        if self._starts_of is not self.sentences:
            self._starts, self._starts_of = [s for s, _ in self.sentences], self.sentences
        return self._starts


def link(document: Document, structure: Structure, doc: Doc, lexicon: Lexicon | None = None) -> Extraction:
    """The document's mentions and entities from a Doc of the spaCy pipeline (its
    ``plan_entities`` spans and sentences; each mention's characters the document's, as the Doc
    may read the text with other punctuation); see ``link_resolved``."""
    resolved: Resolved = doc._.entity_info
    found = [(span.start_char, span.end_char, span._.entity, span._.rule) for span in doc.spans["plan_entities"]]
    return _linked(document, structure, resolved, found, doc._.sentences, lexicon)


def link_resolved(document: Document, structure: Structure, resolved: Resolved, sentences: list[tuple[int, int]],
                  lexicon: Lexicon | None = None) -> Extraction:
    """The document's mentions and entities from the resolved names of its text and its
    sentence spans. ``lexicon`` (the rules') decides entity slugs that two lexicon names would
    share and which other names are the document's own (see ``slug_for`` and
    ``Entity.local_labels``)."""
    from .resolve import key_of

    found = [(c.start, c.end, key_of(c), c.rule) for c in resolved.mentions]
    return _linked(document, structure, resolved, found, sentences, lexicon)


def _linked(document: Document, structure: Structure, resolved: Resolved, found: Sequence[tuple[int, int, str, str]],
            sentences: list[tuple[int, int]], lexicon: Lexicon | None) -> Extraction:
    """``found``: (start, end, entity key, rule) of each mention, in order; its surface is the
    document's own characters there."""
    outside = _outside_plan(document)
    text = document.text
    mentions = [Mention(start=start, end=end, surface=text[start:end], type=entity_type(resolved.types[key]), rule=rule,
                        entity=key)
                for start, end, key, rule in found if not outside(start)]
    mentions = _attribute(mentions, structure)
    keys = sorted({m.entity for m in mentions})
    entities = {key: _entity(key, resolved, lexicon) for key in keys}
    warnings = list(document.warnings) + list(structure.warnings)
    if not entities:
        warnings.append(f"{document.source}: no named entities found")
    return Extraction(document, structure, mentions, entities, sentences, warnings)


def _outside_plan(document: Document):
    """The news lead, document number and signature lines are not the plan. The addressee line
    is: the bodies a notice is sent to by name (中国人民银行上海总部，…，中国邮政储蓄银行：) are named
    in it, though in no task."""
    spans = sorted((p.start, p.end) for p in document.lead if "addressee" not in p.hints)
    starts = [s for s, _ in spans]

    def outside(position: int) -> bool:
        i = bisect_right(starts, position) - 1
        return i >= 0 and position < spans[i][1]
    return outside


def _attribute(mentions: list[Mention], structure: Structure) -> list[Mention]:
    """Sweep mentions and units in document order, keeping a stack of the open units."""
    units = sorted(structure.units, key=lambda u: (u.start, -(u.end - u.start)))
    result: list[Mention] = []
    stack: list[Unit] = []
    i = 0
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        while i < len(units) and units[i].start <= mention.start:
            while stack and stack[-1].end <= units[i].start:
                stack.pop()
            stack.append(units[i])
            i += 1
        while stack and stack[-1].end < mention.end:
            stack.pop()
        unit = stack[-1].key if stack else None
        result.append(Mention(**{**mention.__dict__, "unit": unit}))
    return result


def _entity(key: str, resolved: Resolved, lexicon: Lexicon | None) -> Entity:
    aliases = dict(sorted(resolved.aliases.get(key, {}).items()))
    entry = lexicon.entries.get(key) if lexicon is not None else None
    known = {*entry.surfaces, *_abbreviations().get(key, ())} if entry is not None else set()
    local = tuple(a for a in aliases if a not in known) if lexicon is not None else ()
    ambiguous = lexicon is not None and key in ambiguous_lexicon_names(lexicon)
    return Entity(key=key, type=entity_type(resolved.types[key]), pref_label=key,
                  slug=slug_for(key, resolved.lexicon_ids.get(key), from_lexicon=key in resolved.from_lexicon,
                                ambiguous=ambiguous),
                  alt_labels=aliases, from_lexicon=key in resolved.from_lexicon, local_labels=local)


def slug_for(name: str, lexicon_id: str | None = None, *, from_lexicon: bool = False,
             ambiguous: bool = False) -> str:
    """An entity's IRI slug: a function of its canonical name and the lexicon only, never of the
    document or of the other documents built with it, so every plan naming it gets the same IRI.

    * a lexicon name with an id: the id (人民币跨境支付系统 → cips);
    * another lexicon name: the hyphenated toneless pinyin (上海清算所 → shang-hai-qing-suan-suo),
      extended by ``collision_slug`` when another lexicon name reads the same (苏州市 / 宿州市);
    * a name the lexicon does not know (found by the discovery rules): its pinyin extended by
      ``collision_slug``, always — whether another such name reads the same depends on which
      documents are built together, so the rule cannot wait for a collision to happen. An
      acronym the text gives stays an ``altLabel``: another document may not give it.
    """
    if lexicon_id:
        return lexicon_id
    slug = pinyin_slug(name)
    if from_lexicon and not ambiguous:
        return slug
    return collision_slug(slug, name)


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, ...]]:
    """Place name -> its one-character abbreviations in the gazetteer (上海市 → 沪)."""
    by_name: dict[str, list[str]] = {}
    for abbreviation, name in gazetteer()[1].items():
        by_name.setdefault(name, []).append(abbreviation)
    return {name: tuple(sorted(abbreviations)) for name, abbreviations in by_name.items()}


_AMBIGUOUS: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def ambiguous_lexicon_names(lexicon: Lexicon) -> frozenset[str]:
    """Lexicon names without an id whose pinyin slug another lexicon entry shares (its id or its
    name's pinyin). Computed once per lexicon (pypinyin over every name, a fraction of a second)."""
    cached = _AMBIGUOUS.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    by_slug: dict[str, list[str]] = {}
    for name, entry in lexicon.entries.items():
        by_slug.setdefault(entry.id or pinyin_slug(name), []).append(name)
    names = frozenset(name for slug, group in by_slug.items() if len(group) > 1 for name in group
                      if not lexicon.entries[name].id)
    if len(_AMBIGUOUS) >= 8:
        _AMBIGUOUS.clear()
    _AMBIGUOUS[id(lexicon)] = (lexicon, names)
    return names


def collision_slug(slug: str, name: str, digits: int = 6) -> str:
    """The rule for names that may share a slug: add the first hex digits of the SHA-1 of the
    name (UTF-8)."""
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:digits]}"
