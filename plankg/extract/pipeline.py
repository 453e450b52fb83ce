"""The spaCy pipeline: ``spacy.blank("zh")`` plus plankg's components, built from config.

Components are registered as factories, so ``nlp.add_pipe("plan_entities")``
works in any pipeline; their results live on the ``Doc``:

- ``doc._.sentences``: (start, end) character spans of the sentences;
- ``doc.spans["plan_candidates"]``: every candidate any rule found (unless the
  component's ``keep_candidates`` is false, as in ``build_pipeline``, for speed);
- ``doc.spans["plan_entities"]``: the chosen mentions, each with ``span._.entity``
  (the entity's canonical name) and ``span._.rule``; ``span.label_`` is its type;
- ``doc._.entity_info``: the ``Resolved`` record (types, aliases, lexicon ids).
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from . import wordtables
from .entities import cached_discoverer, long_lived
from .resolve import resolve
from .sentences import doc_text, sentence_spans

for _name, _default in (("sentences", None), ("entity_info", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
# A span keeps its entity's canonical name in kb_id_ and the rule that found it in id_
# (plain attributes, cheaper than custom ones); the extensions name them.
if not Span.has_extension("entity"):
    Span.set_extension("entity", getter=lambda span: span.kb_id_ or None)
if not Span.has_extension("rule"):
    Span.set_extension("rule", getter=lambda span: span.id_ or None)


class PlanSentences:
    """Sentence boundaries as character spans (cheaper than flagging every character token)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.sentences = sentence_spans(doc_text(doc))
        return doc


class PlanEntities:
    """Find, choose and resolve entity names; results on ``doc.spans`` (see module docstring)."""

    def __init__(self, lexicons: list[str], shipped_lexicon: bool, part_of_speech: bool,
                 keep_candidates: bool, noun_chunks: bool = False):
        # noun_chunks: names from part-of-speech noun chunks as well (rule ``chunk``): see chunks.py
        self.discoverer = cached_discoverer(tuple(lexicons), shipped_lexicon, part_of_speech, noun_chunks)
        self.keep_candidates = keep_candidates

    def __call__(self, doc: Doc) -> Doc:
        resolved = resolve(doc_text(doc), self.discoverer)
        if doc.ents:  # names a learned recogniser found (build_pipeline's model): it fills what the rules miss
            from .learned.combine import with_model_names

            resolved = with_model_names(doc_text(doc), resolved, ((e.start_char, e.end_char, e.label_.lower())
                                                                  for e in doc.ents), self.discoverer)
        if self.keep_candidates:
            doc.spans["plan_candidates"] = _spans(doc, resolved.candidates)
        doc.spans["plan_entities"] = _spans(doc, resolved.mentions)
        doc._.entity_info = resolved
        return doc


def _spans(doc: Doc, candidates) -> list[Span]:
    """Spans for character ranges, mapped to tokens in one vectorised step (char_span, one
    at a time, cost more than finding the names)."""
    if not candidates:
        return []
    if len(doc) == len(doc_text(doc)):  # as many tokens as characters: offsets are token indices
        return [Span(doc, c.start, c.end, label=c.type, kb_id=c.key or "", span_id=c.rule)
                for c in candidates]
    starts = doc.to_array("IDX")  # the tokens' character offsets, searched all at once
    firsts = (numpy.searchsorted(starts, [c.start for c in candidates], "right") - 1).tolist()
    stops = numpy.searchsorted(starts, [c.end for c in candidates], "left").tolist()
    return [Span(doc, first, stop, label=c.type, kb_id=c.key or "", span_id=c.rule)
            for first, stop, c in zip(firsts, stops, candidates, strict=True)]


@Language.factory("plan_sentences")
def make_plan_sentences(nlp: Language, name: str) -> PlanSentences:
    return PlanSentences()


@Language.factory(
    "plan_entities",
    default_config={"lexicons": [], "shipped_lexicon": True, "part_of_speech": True, "keep_candidates": True,
                    "noun_chunks": False},
)
def make_plan_entities(nlp: Language, name: str, lexicons: list[str], shipped_lexicon: bool,
                       part_of_speech: bool, keep_candidates: bool, noun_chunks: bool) -> PlanEntities:
    """``noun_chunks``: add the names of part-of-speech noun chunks (chunks.py; off by default)."""
    return PlanEntities(lexicons, shipped_lexicon, part_of_speech, keep_candidates, noun_chunks)


_WHITESPACE = re.compile(r"\s+")


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The words and spaces spaCy's Chinese character segmenter makes of ``text``, in linear
    time (spacy.util.get_words_and_spaces aligns each character with ``str.index`` on the
    rest of the text): one token per character, a single space after a token is its
    trailing space, any other whitespace run is a token of its own."""
    words: list[str] = []
    trailing: list[int] = []  # the words a single space follows
    done = 0
    for run in _WHITESPACE.finditer(text):
        start, end = run.span()
        words.extend(text[done:start])
        if start > 0 and text[start] == " ":
            trailing.append(len(words) - 1)
            start += 1
        if start < end:
            words.append(text[start:end])
        done = end
    words.extend(text[done:])
    spaces = [False] * len(words)
    for word in trailing:
        spaces[word] = True
    return words, spaces


class PlanCharTokenizer:
    """The Doc of spaCy's ``zh`` character segmenter, built in linear time, keeping the
    input string so that components need not rebuild ``doc.text`` from every token."""

    def __init__(self, vocab):
        self.vocab = vocab
        # each word's lexeme id: a Doc made of ids skips hashing every character's string
        # again (a third of the Doc's cost); the lexemes are the ones the strings name
        self._orths = wordtables.Remembered(lambda word: vocab[word].orth)

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words_and_spaces(text)
        doc = Doc(self.vocab, words=self._lexeme_ids(words), spaces=spaces)
        doc.user_data["plan_text"] = text
        return doc

    def _lexeme_ids(self, words: list[str]) -> list:
        """The words' lexeme ids, remembered; the words themselves inside a memory zone, whose
        lexemes are forgotten when it ends. (Doc takes ids or strings, as its documentation
        says; spaCy's type stub names only strings, hence the bare ``list``. Memory zones came in
        spaCy 3.8; 3.7, which the project allows, has none.)"""
        if getattr(self.vocab, "in_memory_zone", False):
            return words
        return list(map(self._orths.__getitem__, words))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> PlanCharTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> PlanCharTokenizer:
        return self


@registry.tokenizers("plankg.char_tokenizer.v1")
def make_char_tokenizer():
    """Config: ``[nlp.tokenizer] @tokenizers = "plankg.char_tokenizer.v1"``."""
    return lambda nlp: PlanCharTokenizer(nlp.vocab)


def build_pipeline(lexicons: tuple[str, ...] = (), *, shipped_lexicon: bool = True,
                   part_of_speech: bool = True, model: str | None = None, noun_chunks: bool = False) -> Language:
    """``model``: a learned recogniser (a folder ``plankg train`` wrote, or ``shipped``) whose
    components run before ``plan_entities``, which adds the names they find to the rules';
    ``noun_chunks``: names from part-of-speech noun chunks as well (chunks.py)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "plankg.char_tokenizer.v1"}}})
    nlp.max_length = 50_000_000
    nlp.add_pipe("plan_sentences")
    if model is not None:
        from .learned.recogniser import load_recogniser

        for name in ("plan_features", "plan_ner"):
            nlp.add_pipe(name, source=load_recogniser(model))
    nlp.add_pipe("plan_entities", config={"lexicons": list(lexicons), "shipped_lexicon": shipped_lexicon,
                                          "part_of_speech": part_of_speech, "keep_candidates": False,
                                          "noun_chunks": noun_chunks})
    return nlp


@lru_cache(maxsize=4)
def cached_pipeline(lexicons: tuple[str, ...] = (), shipped_lexicon: bool = True,
                    part_of_speech: bool = True, model: str | None = None) -> Language:
    """``build_pipeline``, once per process for each set of options (see ``entities.long_lived``)."""
    with long_lived():
        return build_pipeline(lexicons, shipped_lexicon=shipped_lexicon, part_of_speech=part_of_speech, model=model)

