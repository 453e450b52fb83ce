"""The learned recogniser as spaCy components, and loading a trained one.

``plan_ner`` is spaCy's span categoriser (``SpanCategorizer``) under plankg's name: it scores
candidate spans with a model that reads the characters and the features ``plan_features``
writes (``config.cfg`` holds the shipped architecture), keeps the best-scored spans that do not
overlap (at least ``threshold``) in ``doc.spans["plan_model"]`` with their scores, and sets them
as ``doc.ents``; the entity component takes the names the rules did not find from there
(``combine.py``). The candidates are the spans of jieba's words (``plankg.word_suggester.v1``):
a name begins where a word begins and ends where a word ends (true of 98.6% of the names of the
shipped gold), which leaves about a quarter of the candidates of every n-gram.

The training reader ``plankg.annotated_texts.v1`` turns a doccano JSONL file of annotated
texts into one spaCy ``Example`` per sentence.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from pathlib import Path
from typing import cast

import numpy
from spacy.language import Language
from spacy.pipeline import SpanCategorizer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import load_model, registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ints2d, Ragged

from ..model import PlanError
from ..sentences import sentence_spans
from . import check_model_folder, features, model_path  # noqa: F401  (features registers plan_features)
from .annotations import AnnotatedText, Annotation, read_doccano, sentences

#: Where the model's spans are kept (with their scores in ``.attrs["scores"]``).
SPANS_KEY = "plan_model"


class PlanRecogniser(SpanCategorizer):
    """A span categoriser that also sets its spans (one label each, no overlaps) as ``doc.ents``."""

    def set_annotations(self, docs: Iterable[Doc], indices_scores) -> None:
        docs = list(docs)
        super().set_annotations(docs, indices_scores)
        for doc in docs:
            doc.ents = sorted(doc.spans[self.key], key=lambda span: span.start)


@Language.factory(
    "plan_ner",
    assigns=["doc.spans", "doc.ents"],
    default_config={"spans_key": SPANS_KEY, "threshold": 0.9, "scorer": {"@scorers": "spacy.spancat_scorer.v1"},
                    "suggester": {"@misc": "plankg.word_suggester.v1", "max_length": 16}},
    default_score_weights={f"spans_{SPANS_KEY}_f": 1.0, f"spans_{SPANS_KEY}_p": 0.0, f"spans_{SPANS_KEY}_r": 0.0},
)
def make_plan_ner(nlp: Language, name: str, model, suggester, spans_key: str, threshold: float,
                  scorer: Callable | None) -> PlanRecogniser:
    """spaCy's span categoriser, one label per span, no overlaps; the model comes from the config."""
    return PlanRecogniser(nlp.vocab, model=model, suggester=suggester, name=name, spans_key=spans_key,
                          negative_weight=None, allow_overlap=False, max_positive=1, threshold=threshold,
                          scorer=scorer, add_negative_label=False)


@registry.misc("plankg.word_suggester.v1")
def build_word_suggester(max_length: int) -> Callable[[Iterable[Doc], Ops | None], Ragged]:
    """Config: ``@misc = "plankg.word_suggester.v1"``, ``max_length`` in characters."""
    return partial(word_spans, max_length=max_length)


def word_spans(docs: Iterable[Doc], ops: Ops | None = None, *, max_length: int) -> Ragged:
    """Candidate names: every span of two to ``max_length`` tokens that starts where a word
    starts and ends where a word ends (``plan_features``' ``plan_words``), crossing no white
    space or clause punctuation."""
    ops = ops or get_current_ops()
    found, lengths = [], []
    for doc in docs:
        pairs = _word_pairs(doc, max_length)
        found.append(pairs)
        lengths.append(len(pairs))
    data = numpy.concatenate(found) if found else numpy.zeros((0, 2), dtype="i")
    # thinc types its arrays by its own classes (Ints2d), which numpy's arrays are not declared as
    return Ragged(ops.asarray2i(cast(Ints2d, data.astype("i"))), ops.asarray1i(lengths))


def _word_pairs(doc: Doc, max_length: int) -> numpy.ndarray:
    """(start, end) token pairs of one Doc, by start then end."""
    words = doc.user_data.get("plan_words")
    if words is None or len(words) != len(doc):  # no features: every token is a word, nothing breaks
        words = numpy.tile([True, True, False], (len(doc), 1))
    starts = numpy.flatnonzero(words[:, 0] & ~words[:, 2])
    ends = numpy.flatnonzero(words[:, 1] & ~words[:, 2]) + 1
    low = numpy.searchsorted(ends, starts + 2)
    high = numpy.searchsorted(ends, starts + max_length, side="right")
    counts = high - low
    first = numpy.repeat(starts, counts)
    offsets = numpy.arange(counts.sum()) - numpy.repeat(numpy.cumsum(counts) - counts, counts)
    last = ends[numpy.repeat(low, counts) + offsets]
    crossed = numpy.concatenate([[0], numpy.cumsum(words[:, 2])])
    keep = crossed[last] == crossed[first]
    return numpy.stack([first[keep], last[keep]], axis=1)


@lru_cache(maxsize=2)
def load_recogniser(where: str) -> Language:
    """A trained model (``plankg train``'s output folder, or ``shipped``); a folder that does not
    hold one is a PlanError."""
    nlp = load_model(model_path(check_model_folder(where)))
    nlp.max_length = 50_000_000
    if nlp.pipe_names != ["plan_features", "plan_ner"]:
        raise PlanError(f"{where}: the model's pipeline is {nlp.pipe_names}, not plan_features + plan_ner")
    return nlp


@registry.readers("plankg.annotated_texts.v1")
def annotated_texts(path: Path, limit: int = 0) -> Callable[[Language], Iterator[Example]]:
    """Training examples from a doccano JSONL file: one per sentence (at most ``limit``, 0 for all)."""
    documents = read_doccano(path)

    def examples(nlp: Language) -> Iterator[Example]:
        produced = 0
        for document in documents:
            for piece in sentences(document, iter(sentence_spans(document.text))):
                if limit and produced >= limit:
                    return
                produced += 1
                yield example(nlp, piece)

    return examples


def example(nlp: Language, document: AnnotatedText) -> Example:
    """A spaCy Example: the tokenizer's Doc against the same Doc with the annotations as entities."""
    predicted = nlp.make_doc(document.text)
    reference = nlp.make_doc(document.text)
    reference.ents = [_annotated_span(reference, a) for a in document.annotations]
    reference.spans[SPANS_KEY] = list(reference.ents)
    return Example(predicted, reference)


def _annotated_span(doc: Doc, annotation: Annotation) -> Span:
    """The tokens an annotation covers (widened to whole tokens), labelled with its type."""
    span = doc.char_span(annotation.start, annotation.end, label=annotation.type.capitalize(), alignment_mode="expand")
    if span is None:
        raise PlanError(f"annotation {annotation.start}-{annotation.end} lies outside the text")
    return span
