"""Link stage: attribute each mention to the innermost unit and make one Entity per key."""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from .model import Document, Entity, Mention
from .resolve import Resolved
from .structure import Structure


@dataclass
class Extraction:
    """Everything the graph stage needs about one document."""

    document: Document
    structure: Structure
    mentions: list[Mention]
    entities: dict[str, Entity]
    sentences: list[tuple[int, int]]
    warnings: list[str] = field(default_factory=list)

    def sentence_of(self, mention: Mention) -> tuple[int, int]:
        starts = [s for s, _ in self.sentences]
        i = bisect_right(starts, mention.start) - 1
        if i >= 0 and self.sentences[i][1] >= mention.end:
            return self.sentences[i]
        return mention.start, mention.end


def link(document: Document, structure: Structure, doc: Doc) -> Extraction:
    resolved: Resolved = doc._.entity_info
    outside = _outside_plan(document)
    mentions = [
        Mention(start=span.start_char, end=span.end_char, surface=span.text, type=resolved.types[span._.entity],
                rule=span._.rule, entity=span._.entity)
        for span in doc.spans["plan_entities"] if not outside(span.start_char)
    ]
    mentions = _attribute(mentions, structure)
    keys = sorted({m.entity for m in mentions})
    entities = {key: _entity(key, resolved) for key in keys}
    warnings = list(document.warnings) + list(structure.warnings)
    if not entities:
        warnings.append(f"{document.source}: no named entities found")
    return Extraction(document, structure, mentions, entities, doc._.sentences, warnings)


def _outside_plan(document: Document):
    """The news lead, document number, addressee and signature lines are not the plan."""
    spans = sorted((p.start, p.end) for p in document.lead)
    starts = [s for s, _ in spans]

    def outside(position: int) -> bool:
        i = bisect_right(starts, position) - 1
        return i >= 0 and position < spans[i][1]
    return outside


def _attribute(mentions: list[Mention], structure: Structure) -> list[Mention]:
    """Sweep mentions and units in document order, keeping a stack of the open units."""
    units = sorted(structure.units, key=lambda u: (u.start, -(u.end - u.start)))
    result, stack, i = [], [], 0
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


def _entity(key: str, resolved: Resolved) -> Entity:
    aliases = dict(sorted(resolved.aliases.get(key, {}).items()))
    return Entity(key=key, type=resolved.types[key], pref_label=key,
                  slug=slug_for(key, aliases, resolved.lexicon_ids.get(key)),
                  alt_labels=aliases, from_lexicon=key in resolved.from_lexicon)


_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9]{1,11}$")


def slug_for(name: str, aliases: dict[str, str], lexicon_id: str | None = None) -> str:
    """The lexicon's id, else an acronym the text gives, else hyphenated toneless pinyin."""
    if lexicon_id:
        return lexicon_id
    acronyms = sorted(a for a in aliases if _ACRONYM.match(a))
    if acronyms:
        return acronyms[0].lower()
    return pinyin_slug(name)


def pinyin_slug(name: str) -> str:
    from pypinyin import lazy_pinyin

    _load_phrases()
    syllables = lazy_pinyin(name, errors="default")
    slug = "-".join(s.strip().lower() for s in syllables if s.strip())
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    return slug or "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def collision_slug(slug: str, name: str) -> str:
    """The rule for two different names with one slug: add the name's SHA-1 prefix."""
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}"


@lru_cache(maxsize=1)
def _load_phrases() -> None:
    from pypinyin import load_phrases_dict

    text = resources.files("plankg.extract").joinpath("data/pinyin-phrases.tsv").read_text("utf-8")
    phrases = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, reading = line.split("\t")
            phrases[phrase] = [[s] for s in reading.split()]
    load_phrases_dict(phrases)
