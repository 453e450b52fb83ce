"""Small text helpers of the discovery rules: name characters, spans, common words across an
edge, and the automaton that finds the lexicon's names and head words."""
from __future__ import annotations

import re
from collections.abc import Mapping

import ahocorasick
import numpy

from ...cjk import cn_int, is_han
from .. import wordtables

# A dictionary word this common is a common word: across a name's edge it means the name is not there;
# after a name inside one jieba word it makes the name that word's modifier (东盟|国家).
COMMON_WORD_FREQ = 300


def is_name_char(ch: str) -> bool:
    """A character a name is made of: a CJK ideograph, an ASCII letter or digit."""
    return is_han(ch) or (ch.isascii() and ch.isalnum())


def skip_words(text: str, start: int, end: int, words: tuple[str, ...]) -> int:
    """Where ``text[start:end]`` starts once the ``words`` that open it are skipped (加快|建设|…).
    A one-character word that opens a common word is that word's (的|在线监管系统: 在 stays)."""
    freq = wordtables.word_counts()
    moved = True
    while moved:
        moved = False
        for word in words:
            if text.startswith(word, start) and start + len(word) < end and not (
                    len(word) == 1 and freq[text[start:start + 2]] >= COMMON_WORD_FREQ):
                start += len(word)
                moved = True
                break
    return start


def chanted(name: str) -> bool:
    """A slogan built on one repeated character: “补链固链强链”, “稳字当头、稳中求进”."""
    return any(name.count(ch) >= 3 for ch in set(name) if ch != "、")


def crossed(text: str, start: int, end: int, continued: bool = False) -> bool:
    """A common word crosses an edge of text[start:end]: 上海金|融 is 上海+金融, 我|国债 is 我国+债.
    ``continued``: a word that only continues a name (农业保险|业务) follows it, so words running
    into that one (保险业务) do not cross the right edge."""
    freq = wordtables.word_counts()
    if not continued:
        for inside in range(max(start + 1, end - 2), end):
            for outside in range(end + 1, min(end + 2, len(text)) + 1):
                if freq[text[inside:outside]] >= COMMON_WORD_FREQ:
                    return True
    for inside in range(start + 1, min(end, start + 3)):
        for outside in range(max(0, start - 2), start):
            if freq[text[outside:inside]] >= COMMON_WORD_FREQ:
                return True
    return False


def final(word: str) -> str:
    """A word's last character."""
    return word[-1]


def final_pair(word: str) -> str:
    """A word's last two characters."""
    return word[-2:]


def split_spans(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """The non-empty spans of ``text`` between matches of ``separator``."""
    spans, start = [], 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def bracketed_place(text: str, close: int) -> int | None:
    """Jump left over a bracketed place inside a name, as in 中国（上海）自由贸易试验区 (not over a
    numbered item's label run into the text: …保障（二十）压实银行…)."""
    open_at = text.rfind("（", max(0, close - 6), close - 1)
    inside = text[open_at + 1:close - 1] if open_at != -1 else ""
    if 2 <= len(inside) <= 4 and all(is_han(c) for c in inside) and open_at > 0 and is_han(text[open_at - 1]) \
            and cn_int(inside) is None:
        return open_at
    return None


def ascii_glued(text: str, start: int, end: int, any_after: bool = False) -> bool:
    """An ASCII name must not be part of a longer ASCII word (ETF in ETFs is fine, in NETFLIX not).
    ``any_after``: any ASCII letter or digit after it glues (ETFs, ETF2), not only a letter other
    than a plural s."""
    if not text[start].isascii():
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    glues_after = after.isalnum() if any_after else after.isalpha() and after != "s"
    return (before.isascii() and before.isalnum()) or (after.isascii() and glues_after)


class Matcher:
    """An Aho-Corasick automaton over words; yields (end, (word, *value)) like pyahocorasick
    (a tuple value is spread into the payload), ``end`` the index of the word's last character.

    The automaton runs over UTF-8 bytes (spelt as Latin-1 characters): pyahocorasick looks a
    node's children up one by one, and over characters the root has a child for every first
    character of a word (over a thousand with the gazetteer's counties), over bytes at most
    256. A word's bytes match only at a character boundary: UTF-8 lead bytes never occur
    inside a character."""

    def __init__(self, words: Mapping[str, object]):
        self._automaton = None
        if words:
            automaton = ahocorasick.Automaton()
            for word, value in words.items():
                automaton.add_word(_as_bytes(word), (word, *value) if isinstance(value, tuple) else (word, value))
            automaton.make_automaton()
            self._automaton = automaton

    def iter(self, text: str):
        """The words found in ``text``: (index of the word's last character, payload)."""
        if self._automaton is None:
            return iter(())
        encoded = text.encode("utf-8", "surrogatepass")
        if len(encoded) == len(text):  # ASCII: byte and character offsets agree
            return self._automaton.iter(text)
        hits = list(self._automaton.iter(encoded.decode("latin-1")))
        if not hits:
            return hits
        starts = (numpy.frombuffer(encoded, numpy.uint8) & 0xC0) != 0x80
        ends = numpy.fromiter((end for end, _ in hits), numpy.int64, len(hits))
        characters = (numpy.cumsum(starts)[ends] - 1).tolist()  # the hits' byte offsets -> characters
        return zip(characters, (value for _, value in hits), strict=True)


def _as_bytes(word: str) -> str:
    """A word's UTF-8 bytes as a Latin-1 string, the form the automaton matches."""
    return word.encode("utf-8", "surrogatepass").decode("latin-1")
