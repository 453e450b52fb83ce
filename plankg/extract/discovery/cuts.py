"""Where jieba cuts the few characters around a name, knowing the lexicon's names: asked by
the rules to see whether a word runs on across an edge, remembered per window."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import wordtables

if TYPE_CHECKING:
    from ..lexicon import Lexicon

MEMO_LIMIT = 200_000  # entries a memory of local contexts holds before it starts afresh
HEAD_WINDOW = 4  # characters either side of a head that jieba is shown to see whether it cuts it
_LEXICON_WORD_FREQ = 10  # low, so 上海金融 still cuts 上海|金融 but “上海金” stays whole


def window_around(text: str, start: int, end: int) -> tuple[int, str]:
    """The left edge and the text of the window jieba is shown around [start, end)."""
    left = start - HEAD_WINDOW if start > HEAD_WINDOW else 0
    return left, text[left:end + HEAD_WINDOW]


class Cuts:
    """jieba's cuts of short windows of text, for one lexicon."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._jieba = None  # built on first need: loading jieba's dictionary takes a second
        self._cuts: wordtables.Bounded[str, frozenset[int]] = wordtables.Bounded(MEMO_LIMIT)  # a window's cuts

    def forget(self) -> None:
        """Drop the remembered cuts."""
        self._cuts.clear()

    def runs_on(self, text: str, position: int) -> bool:
        """Does a word run on across ``position``, as jieba (knowing the lexicon) cuts the text?"""
        left, cuts = self.around(text, position, position)
        return position - left not in cuts

    def around(self, text: str, start: int, end: int) -> tuple[int, frozenset[int]]:
        """jieba's cuts of the text a few characters either side of [start, end), relative to
        the returned left edge of that window."""
        left, window = window_around(text, start, end)
        cuts = self._cuts.get(window)
        return left, self.positions(window) if cuts is None else cuts

    def segmented_at(self, text: str, start: int, end: int) -> bool:
        """Does jieba, knowing the lexicon, cut the text around [start, end) at both edges?"""
        left, cuts = self.around(text, start, end)
        return start - left in cuts and end - left in cuts

    def positions(self, window: str) -> frozenset[int]:
        """Where jieba cuts a window, remembered per window (the same few characters around a
        name recur: the walk asks about them again for every head that reaches them)."""
        cuts, position = {0}, 0
        for token in self.segmenter().cut(window, HMM=False):
            position += len(token)
            cuts.add(position)
        found = frozenset(cuts)
        self._cuts.keep(window, found)
        return found

    def segmenter(self):
        """jieba's segmenter on the shipped word counts, knowing the lexicon's names (built once)."""
        if self._jieba is None:
            self._jieba = wordtables.WordSegmenter((s for s in self.lexicon.by_surface if not s.isascii()),
                                                   _LEXICON_WORD_FREQ)
        return self._jieba
