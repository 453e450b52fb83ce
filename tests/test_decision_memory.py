"""The discoverer decides a head word's name once per local context and remembers it: the
context ends at the nearest clause or list mark, and what is remembered is what a fresh
decision gives (on the bundled plan and every fixture text, in one run and one by one)."""
from __future__ import annotations

from pathlib import Path

import pytest

from plankg.extract.pipeline import build_pipeline
from plankg.extract.read import read_bundled, read_document

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def discoverer():
    return build_pipeline().get_pipe("plan_entities").discoverer


def _names(discoverer, text: str) -> list[tuple[int, int, str, str]]:
    return sorted((c.start, c.end, text[c.start:c.end], c.rule) for c in discoverer.candidates(text)
                  if c.rule == "head")


def test_a_clause_repeated_after_other_words_is_decided_from_memory(discoverer):
    discoverer.forget()
    first = _names(discoverer, "按照国务院统一部署和相关工作要求，支持设立长江航运交易中心")
    assert ("长江航运交易中心", "head") in {(name, rule) for _, _, name, rule in first}
    second = _names(discoverer, "为落实年度重点任务清单的有关安排，支持设立长江航运交易中心")
    # the clause after the comma is the same; what stands before the comma is not looked at again
    assert discoverer.memo_hit_rate() > 0
    assert [n[2:] for n in second] == [n[2:] for n in first]


def test_a_list_mark_ends_the_context_but_not_a_bracket(discoverer):
    discoverer.forget()
    _names(discoverer, "推进（试点）长江航运交易中心")
    _names(discoverer, "推进（示范）长江航运交易中心")
    assert discoverer.memo_hit_rate() == 0  # brackets occur inside names: the context runs on over them


def _texts() -> list[str]:
    fixtures = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*")
                      if p.suffix in (".txt", ".html", ".md") and p.name != "README.md")
    return [read_bundled().text] + [read_document(p).text for p in fixtures]


def test_names_from_memory_are_the_names_decided_afresh(discoverer):
    texts = _texts()
    discoverer.forget()
    remembered = [_names(discoverer, text) for text in texts]  # later texts decided from earlier ones
    assert discoverer.memo_hit_rate() > 0  # (distinct texts share few contexts: about one in twenty)
    for text, names in zip(texts, remembered, strict=True):
        discoverer.forget()
        assert _names(discoverer, text) == names
