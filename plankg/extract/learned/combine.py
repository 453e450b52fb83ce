"""Rules and model together: the model fills what the rules miss.

The rules' mentions stand as they are: each rests on evidence (a lexicon entry, a head word, a
bracketed definition, a quoted name, a duty note). A name the model finds is kept only where no
rule mention overlaps it and the rules' word lists do not call it a category (金融机构,
县级人民政府: ``DiscoveryRules.is_generic``); it is a mention with ``rule`` ``model``, keyed to
the entity whose name or alias it is when the rules know one, else to its own text, typed by the
model (the most frequent type among its mentions when the model hesitates between types).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..discovery import Candidate, Discoverer, RuleName
from ..model import EntityType, entity_type
from ..resolve import Resolved, key_of

MODEL_RULE: RuleName = "model"


def with_model_names(text: str, resolved: Resolved, found: Iterable[tuple[int, int, str]],
                     discoverer: Discoverer | None = None) -> Resolved:
    """``resolved`` plus the model's names ``found`` ((start, end, type) spans of ``text``) that
    no rule mention overlaps and that ``discoverer``'s rules do not call generic."""
    added = _in_gaps(text, resolved, found, discoverer)
    if not added:
        return resolved
    types = _types(resolved, added)
    added = [c._replace(type=types[key_of(c)]) for c in added]
    return Resolved(mentions=sorted(resolved.mentions + added), types=types, candidates=resolved.candidates,
                    aliases=resolved.aliases, lexicon_ids=resolved.lexicon_ids, from_lexicon=resolved.from_lexicon)


def _in_gaps(text: str, resolved: Resolved, found: Iterable[tuple[int, int, str]],
             discoverer: Discoverer | None) -> list[Candidate]:
    """The model's names where no rule mention is, keyed to the entity a known name stands for."""
    occupied = bytearray(len(text) + 1)
    for m in resolved.mentions:
        occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
    known = {alias: key for key, aliases in resolved.aliases.items() for alias in aliases}
    known.update((key, key) for key in resolved.types)
    added = []
    for start, end, kind in sorted(found):
        name = text[start:end]
        if occupied.find(1, start, end) != -1 or not name.strip() or (
                discoverer is not None and discoverer.rules.is_generic(name)):
            continue
        key = known.get(name, name)
        added.append(Candidate(start, end, resolved.types.get(key, entity_type(kind)), MODEL_RULE, key))
    return added


def _types(resolved: Resolved, added: list[Candidate]) -> dict[str, EntityType]:
    """The rules' types, and for each new name the type most of its mentions have (ties: the
    first in alphabetical order)."""
    votes: dict[str, Counter[EntityType]] = {}
    for c in added:
        key = key_of(c)
        if key not in resolved.types:
            votes.setdefault(key, Counter())[c.type] += 1
    return {**resolved.types, **{key: max(sorted(tally), key=tally.__getitem__) for key, tally in votes.items()}}
