"""Extraction quality on the blind test documents stays above floors set from measured figures.

The documents (tests/blind, gold in tests/gold/blind; see tests/fixtures/README.md) were written
and annotated in the eighth and ninth rounds by readers who never ran plankg, in the styles of
central-bank, regulator and State Council notices. They are not real texts, but they are in the
repository, so these floors hold in a user's clone too. Sets blind-a and blind-b were tuned on;
blind-c was scored at the ninth round's start and its errors never looked at
(docs/quality-first-sight.json, docs/quality.md).
"""
from __future__ import annotations

import pytest

from corpus_paths import BLIND_DOCS, BLIND_GOLD, FIRST_SIGHT_SETS, assert_above, build
from plankg import scoring

pytestmark = pytest.mark.slow

# (micro recall, micro precision, micro task-link F1) floors, a little under what was measured at
# the end of the ninth round: 0.802/0.917/0.845 (blind-a, tuned on), 0.853/0.924/0.920 (blind-b,
# held out through the eighth round, tuned on in the ninth) and 0.850/0.885/0.924 (blind-c, held
# out: 0.838/0.876/0.919 at first sight)
FLOORS = {"blind-a": (0.79, 0.90, 0.83), "blind-b": (0.82, 0.90, 0.90), "blind-c": (0.83, 0.87, 0.91),
          "blind-d": (0.88, 0.91, 0.93)}


@pytest.fixture(scope="module")
def scored() -> tuple[dict[str, scoring.DocumentScore], list[str]]:
    """The scores, and the warnings of gold files whose title is not the document's as plankg reads it."""
    warnings: list[str] = []
    found = scoring.score_corpus(scoring.gold_files(BLIND_GOLD), BLIND_DOCS, build, warn=warnings.append)
    return {s.name: s for s in found}, warnings


@pytest.fixture(scope="module")
def scores(scored) -> dict[str, scoring.DocumentScore]:
    return scored[0]


def test_every_blind_document_has_its_first_sight_figures(scores):
    assert set(scores) == {name for name, group in FIRST_SIGHT_SETS.items() if group in FLOORS}


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_micro_figures_stay_above_their_floor(scores, group):
    assert_above([s for name, s in scores.items() if FIRST_SIGHT_SETS[name] == group], FLOORS[group])


def test_their_titles_are_read_whole(scored):
    # each gold title is the document's title as plankg reads it (a title with its 文号 in
    # brackets on its line lost its end before the eighth round)
    assert scored[1] == []
