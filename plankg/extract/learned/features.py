"""What the learned recogniser sees of each character besides the character itself.

The component ``plan_features`` writes, onto every (one-character) token, before the model runs:

- ``TAG``: the token's place in jieba's word segmentation, B(egin) / I(nside) / E(nd) / S(ingle
  character word), with jieba's part of speech when ``part_of_speech`` is on (``B-ns``: the first
  character of a place name jieba knows); the word boundaries also go to
  ``doc.user_data["plan_words"]`` (booleans per token: starts a word, ends a word, is white space
  or clause punctuation that no name crosses), where the recogniser's span suggester finds them;
- ``LEMMA``: the same position in a place name of the gazetteer (``B-place`` … ``O``): geography
  the model cannot learn from a hundred thousand characters of gold;
- ``MORPH``: the position in a head word of the discovery rules (局, 委员会, 试点, 交易所 …) with the
  type it heads (``Head=Einstitution``), the way a name's last word tells its kind;
- ``NORM``: the character and the next one (a bigram), when ``bigrams`` is on.

The model embeds ``ORTH`` (the character), ``SHAPE`` and these attributes (``config.cfg``). The
domain lexicon is deliberately not a feature: its names were collected from the very documents
the gold annotates, and a model leaning on it would learn to trust a list rather than to read.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, cast

import ahocorasick
import numpy
from spacy.attrs import LEMMA, MORPH, NORM, TAG
from spacy.language import Language
from spacy.tokens import Doc

from ...cjk import CLAUSE_ENDS, CLAUSE_ENDS_HALF, LIST_MARK, SENTENCE_ENDS, SENTENCE_ENDS_HALF
from .. import wordtables
from ..discovery import discovery_rules
from ..lexicon import gazetteer
from ..sentences import doc_text

if TYPE_CHECKING:
    from thinc.types import Ints2d

#: Characters no name crosses (besides white space).
_BREAKS = frozenset(CLAUSE_ENDS + SENTENCE_ENDS + LIST_MARK + CLAUSE_ENDS_HALF + SENTENCE_ENDS_HALF)

class PlanFeatures:
    """Writes the features above onto a Doc of plankg's character tokenizer."""

    #: At most this many texts' features are kept when ``remember`` is on (training, which reads
    #: the same sentences every epoch, turns it on).
    REMEMBERED = 20_000

    def __init__(self, part_of_speech: bool, bigrams: bool):
        self.part_of_speech = part_of_speech
        self.bigrams = bigrams
        self.columns = [TAG, LEMMA, MORPH] + ([NORM] if bigrams else [])
        self.remember = False
        self._remembered: dict[str, tuple[numpy.ndarray, numpy.ndarray]] = {}

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if text:
            found = self._remembered.get(text)
            if found is None:
                found = self._features(doc, text)
                if self.remember and len(self._remembered) < self.REMEMBERED:
                    self._remembered[text] = found
            table, doc.user_data["plan_words"] = found
            # spaCy types the array by thinc's Ints2d class, which numpy's arrays are not declared as
            doc.from_array(self.columns, cast("Ints2d", table))
        return doc

    def _features(self, doc: Doc, text: str) -> tuple[numpy.ndarray, numpy.ndarray]:
        """One row per token, one column per feature: the string ids of the features; and the
        word boundaries (a row per token: starts a word, ends a word)."""
        strings = doc.vocab.strings
        words = self._words(text)
        values = [words, _marks(text, _places(), "{position}-place", "O"),
                  _marks(text, _heads(), "Head={position}{kind}", "Head=none")]
        if self.bigrams:
            values.append([text[i:i + 2] for i in range(len(text))])
        starts = doc.to_array("IDX")
        table = numpy.empty((len(doc), len(self.columns)), dtype="uint64")
        for j, column in enumerate(values):
            ids = {value: strings.add(value) for value in set(column)}
            table[:, j] = numpy.fromiter((ids[column[i]] for i in starts), dtype="uint64", count=len(doc))
        positions = numpy.array([words[i][0] for i in starts])
        breaks = numpy.fromiter((text[i] in _BREAKS or text[i].isspace() for i in starts), dtype=bool, count=len(doc))
        boundaries = [numpy.isin(positions, ("B", "S")), numpy.isin(positions, ("E", "S")), breaks]
        return table, numpy.stack(boundaries, axis=1)

    def _words(self, text: str) -> list[str]:
        """Each character's position in jieba's word (and the word's part of speech)."""
        tags = [""] * len(text)
        at = 0
        for word, flag in _segment(text, self.part_of_speech):
            suffix = f"-{flag}" if flag else ""
            if len(word) == 1:
                tags[at] = "S" + suffix
            else:
                tags[at:at + len(word)] = ["B" + suffix] + ["I" + suffix] * (len(word) - 2) + ["E" + suffix]
            at += len(word)
        return tags


def _segment(text: str, part_of_speech: bool):
    """(word, part of speech or "") pairs covering ``text``, jieba without its HMM for new words
    (the tagger, whose tag table takes half a second to read, only when tags are asked for)."""
    if part_of_speech:
        return ((pair.word, pair.flag) for pair in wordtables.pos_tagger().cut(text, HMM=False))
    return ((word, "") for word in _plain_segmenter().cut(text, HMM=False))


@lru_cache(maxsize=1)
def _plain_segmenter() -> wordtables.WordSegmenter:
    """jieba's cuts on the shipped word counts, without importing jieba (``WordSegmenter``)."""
    return wordtables.WordSegmenter((), 0)


@lru_cache(maxsize=1)
def _places():
    """An automaton over the gazetteer's place names and aliases."""
    automaton = ahocorasick.Automaton()
    for entry in gazetteer()[0]:
        for surface in entry.surfaces:
            if len(surface) >= 2:
                automaton.add_word(surface, (len(surface), "place"))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _heads():
    """An automaton over the discovery rules' head words, each with the first type it heads."""
    automaton = ahocorasick.Automaton()
    for head, kinds in sorted(discovery_rules().heads.items()):
        automaton.add_word(head, (len(head), kinds[0]))
    automaton.make_automaton()
    return automaton


def _marks(text: str, automaton, template: str, outside: str) -> list[str]:
    """Each character's position (B/I/E/S) in the longest automaton word over it, leftmost
    first, formatted by ``template`` with the word's kind; ``outside`` outside every word."""
    longest: dict[int, tuple[int, str]] = {}
    for end, (length, kind) in automaton.iter(text):
        start = end + 1 - length
        if length > longest.get(start, (0, ""))[0]:
            longest[start] = (length, kind)
    marks = [outside] * len(text)
    reached = 0
    for start in sorted(longest):
        length, kind = longest[start]
        if start < reached:
            continue
        if length == 1:
            marks[start] = template.format(position="S", kind=kind)
        else:
            marks[start] = template.format(position="B", kind=kind)
            for i in range(start + 1, start + length - 1):
                marks[i] = template.format(position="I", kind=kind)
            marks[start + length - 1] = template.format(position="E", kind=kind)
        reached = start + length
    return marks


@Language.factory("plan_features", default_config={"part_of_speech": True, "bigrams": True})
def make_plan_features(nlp: Language, name: str, part_of_speech: bool, bigrams: bool) -> PlanFeatures:
    """The feature writer; it must run before ``plan_ner`` (and be an annotating component in training)."""
    return PlanFeatures(part_of_speech, bigrams)
