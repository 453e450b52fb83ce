"""What the discovery rules propose: a ``Candidate`` span, and the rules' priorities."""
from __future__ import annotations

from typing import Literal, NamedTuple

from ..model import EntityType

# The rules that propose names (a mention's ``span._.rule``); "model" is the learned recogniser's.
RuleName = Literal["lexicon", "alias", "acronym", "quoted", "head", "duty", "chunk", "enumeration", "paired", "jieba",
                   "model"]

# Rule priority when candidates compete for the same characters (higher wins).
PRIORITY: dict[RuleName, int] = {"lexicon": 6, "alias": 5, "acronym": 5, "quoted": 4, "head": 3, "duty": 3, "chunk": 3,
            "enumeration": 2, "paired": 2, "jieba": 1}


class Candidate(NamedTuple):
    """A proposed name at text[start:end] (a tuple: cheap to make, hash and sort by the thousand)."""

    start: int
    end: int
    type: EntityType
    rule: RuleName
    key: str | None = None  # canonical name when a lexicon or alias says so
