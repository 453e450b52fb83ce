"""Extraction quality on the real gold documents stays above floors set from measured figures.

The floors sit a little under what plankg measured when they were set (docs/quality.md): a change
that loses names on real documents fails here. The fourth round's held-out documents
(docs/quality-first-sight.json, set "unseen-4") were not tuned on through the eighth round; in the
ninth their error lists were read and tuned on, so no real document is held out any more (the clean
measures are the first-sight figures of the blind sets, tests/test_blind_quality.py; blind-v to blind-y
were never opened).
"""
from __future__ import annotations

import pytest

from corpus_paths import DOCS, HELD_OUT, OUR_GOLD, SHARED_GOLD, STRUCTURE_MISSES, assert_above, build, needs_corpus
from plankg import scoring

pytestmark = needs_corpus

# (micro recall, micro precision, micro task-link F1) floors, a little under what was measured at
# the end of the seventeenth round: 0.917/0.952/0.935 (development, 41 documents) and 0.803/0.874/0.898
# (the fourth round's seven; first sight 0.604/0.800/0.470, 0.683/0.821/0.620 at the end of the
# eighth round, when their figures had been consulted and three of their error lists read; tuned on
# since the ninth; their link F1 rose from 0.667 in the sixteenth, when boxes printed in a section
# task were linked to it)
FLOORS = {"development": (0.90, 0.94, 0.92), "held out": (0.78, 0.86, 0.88)}


def _group(name: str) -> str:
    return "held out" if name in HELD_OUT else "development"


@pytest.fixture(scope="module")
def scores() -> dict[str, scoring.DocumentScore]:
    gold = sorted(SHARED_GOLD.glob("*.json")) + sorted(OUR_GOLD.glob("*.json"))
    return {s.name: s for s in scoring.score_corpus(gold, DOCS, build)}


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_micro_figures_stay_above_their_floor(scores, group):
    assert_above([s for name, s in scores.items() if _group(name) == group], FLOORS[group])


def test_every_gold_document_gets_its_task_count(scores):
    # tests/test_corpus_structure.py holds the documents whose task labels are still wrong
    assert {name for name, s in scores.items() if not s.tasks_right} <= set(STRUCTURE_MISSES)
