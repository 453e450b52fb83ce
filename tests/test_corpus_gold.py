"""Every corpus gold file is well formed: the checks of ../shared/corpus/gold/verify.py.

For each gold file (ours in tests/gold/corpus and the shared ones, which need ../shared, and the
blind test documents' in tests/gold/blind, whose texts are in tests/blind): the fields; the title is in
the text; every name, alias and link blocker occurs verbatim in the prepared text; no surface
form is listed twice; the task labels are found in order; and the stored task links and
required_outside_tasks are what the linking rule computes (leftmost-longest, non-overlapping
matching of every surface form in each task's text).
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from corpus_paths import BLIND_DOCS, BLIND_GOLD, DOCS, OUR_GOLD, SHARED_GOLD, needs_corpus

TYPES = {"Institution", "Market", "Product", "Place", "Benchmark", "Programme"}
FIELDS = {"title": str, "source": str, "task_count": int, "tasks": list, "task_stops": list,
          "non_task_items": list, "entities": dict, "link_blockers": list,
          "required_outside_tasks": list, "task_links": dict}


def _gold_files() -> list:
    """(gold file, folder of its text) for every gold file; the corpus's skip without ../shared."""
    corpus = [pytest.param((g, DOCS), id=g.stem, marks=needs_corpus)
              for g in sorted(OUR_GOLD.glob("*.json")) + sorted(SHARED_GOLD.glob("*.json"))]
    return corpus + [pytest.param((g, BLIND_DOCS), id=g.stem) for g in sorted(BLIND_GOLD.glob("*.json"))]


def _prepared(source: Path) -> str:
    """The text the gold refers to: HTML with </p> and <br> as newlines, tags removed, entities unescaped."""
    raw = source.read_text(encoding="utf-8")
    if source.suffix != ".html":
        return raw
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"(?i)<br\s*/?>|</p>", "\n", raw)))


def _find_label(text: str, label: str, pos: int) -> int:
    if label.isascii() and label.isdigit():  # a table row's 序号 fills its line
        m = re.compile(rf"(?m)^[^\S\n]*{label}[^\S\n]*$").search(text, pos)
        return m.start() + m.group(0).index(label) if m else -1
    return text.find(label, pos)


def _segments(text: str, labels: list[str], stops: list[str]) -> dict[str, str]:
    starts, pos = [], 0
    for label in labels:
        at = _find_label(text, label, pos)
        assert at >= 0, f"task label {label!r} not found after offset {pos}"
        starts.append(at)
        pos = at + len(label)
    segments = {}
    for k, (label, at) in enumerate(zip(labels, starts)):
        ends = [len(text)] + ([starts[k + 1]] if k + 1 < len(starts) else [])
        ends += [j for j in (text.find(stop, at + len(label)) for stop in stops) if j >= 0]
        segments[label] = text[at:min(ends)]
    return segments


def _named(segment: str, forms: dict[str, str | None]) -> set[str]:
    """Leftmost-longest, non-overlapping: the entities whose forms a segment holds (an
    alternation tried longest first finds, at each position, the longest form)."""
    pattern = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    return {forms[m.group()] for m in pattern.finditer(segment)} - {None}


@pytest.fixture(scope="module", params=_gold_files())
def gold(request) -> tuple[dict, str]:
    path, docs = request.param
    data = json.loads(path.read_text(encoding="utf-8"))
    return data, _prepared(docs / data["source"])


def test_fields_and_title(gold):
    data, text = gold
    assert all(isinstance(data.get(f), t) for f, t in FIELDS.items())
    assert re.sub(r"\s+", "", data["title"]) in re.sub(r"\s+", "", text)
    assert data["task_count"] == len(data["tasks"]) == len(set(data["tasks"]))


def test_entities_are_verbatim_and_unique(gold):
    data, text = gold
    forms = []
    for name, entity in data["entities"].items():
        assert set(entity) == {"type", "aliases", "required"} and entity["type"] in TYPES, name
        forms += [name, *entity["aliases"]]
    forms += data["link_blockers"]
    assert len(forms) == len(set(forms)), [f for f in forms if forms.count(f) > 1]
    assert [f for f in forms if f not in text] == []
    assert not [f for f in forms if f[0] in "“”\"《》「」" or f[-1] in "“”\"《》「」"]  # never at the edges


def test_task_links_are_what_the_linking_rule_gives(gold):
    data, text = gold
    forms: dict[str, str | None] = {form: name for name, e in data["entities"].items()
                                    for form in (name, *e["aliases"])}
    forms.update({blocker: None for blocker in data["link_blockers"]})
    segments = _segments(text, data["tasks"], data["task_stops"])
    required = [name for name, e in data["entities"].items() if e["required"]]
    links = {name: [label for label in data["tasks"] if name in _named(segments[label], forms)]
             for name in required}
    assert links == {name: data["task_links"].get(name) for name in required}
    assert sorted(n for n, labels in links.items() if not labels) == sorted(data["required_outside_tasks"])
