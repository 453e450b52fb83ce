"""Regular expressions made from word lists: one home for the two shapes every stage builds."""
from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """``words`` as a regex alternation, longest first (so that a longer word wins over its
    prefix; words of one length keep their order), each escaped."""
    return escaped(sorted(words, key=len, reverse=True))


def escaped(words: Iterable[str]) -> str:
    """``words`` as a regex alternation in their own order, each escaped (where the order is the
    list's choice, or no word is a prefix of another)."""
    return "|".join(map(re.escape, words))


def char_class(chars: Iterable[str]) -> re.Pattern[str]:
    """A pattern of one character, any of ``chars``."""
    return re.compile("[" + "".join(map(re.escape, sorted(set(chars)))) + "]")
