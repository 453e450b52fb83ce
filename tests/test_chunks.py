"""Noun-chunk candidates (plankg/extract/chunks.py, the ``noun_chunks`` option of plan_entities):
exact chunk spans, what a chunk never starts with or crosses, and the ``chunk`` rule on spans.

The sentences are ours (written in the style of State Council documents), not from the corpus.
"""
from __future__ import annotations

from itertools import pairwise

import pytest

from plankg.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(noun_chunks=True)


@pytest.fixture(scope="module")
def chunker(nlp):
    return nlp.get_pipe("plan_entities").discoverer.chunker


def _chunks(chunker, text: str) -> list[str]:
    return [text[c.start:c.end] for c in chunker.chunks(text)]


def _names(chunker, text: str) -> dict[str, str]:
    return {text[c.start:c.end]: c.type for c in chunker.candidates(text)}


def test_tokens_tile_the_text(chunker):
    text = "（一）支持杭州市数据交易中心发展，3家银行参与。"
    tokens = chunker.tokens(text)
    assert tokens[0].start == 0 and tokens[-1].end == len(text)
    assert all(a.end == b.start for a, b in pairwise(tokens))


def test_a_chunk_starts_after_a_label_and_a_verb(chunker):
    text = "（一）支持杭州市数据交易中心发展。"
    assert _chunks(chunker, text) == ["杭州市数据交易中心发展"]
    assert _names(chunker, text) == {"杭州市": "place", "杭州市数据交易中心": "institution"}


def test_a_chunk_never_starts_with_a_sentence_label(chunker):
    assert _chunks(chunker, "一是鼓励绿色金融改革试验区，南京市政府负责。") == ["绿色金融改革试验区", "南京市政府"]


def test_a_chunk_never_starts_with_a_number(chunker):
    assert _names(chunker, "3家杭州科技银行") == {"杭州科技银行": "institution"}


def test_a_chunk_never_crosses_punctuation(chunker):
    text = "南京市政府、杭州市政府负责。"
    assert _chunks(chunker, text) == ["南京市政府", "杭州市政府"]


def test_a_conjunction_joins_a_noun_to_a_body(chunker):
    assert _names(chunker, "由文化和旅游部牵头。") == {"文化和旅游部": "institution"}


def test_a_chunk_without_a_head_or_a_modifier_names_nothing(chunker):
    assert _names(chunker, "他在西湖边。") == {}
    assert _names(chunker, "由部牵头。") == {}  # a single character is never a chunk name


def test_chunk_names_are_traceable(nlp):
    doc = nlp("设立江南纺织产业转型投资基金。")  # the head walk stops at the verb 转型 (no opener beyond it)
    assert [(span.text, span._.rule) for span in doc.spans["plan_entities"]] == [
        ("江南纺织产业转型投资基金", "chunk")]


def test_the_option_is_off_by_default():
    assert build_pipeline().get_pipe("plan_entities").discoverer.chunker is None
