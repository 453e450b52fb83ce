"""Extraction quality on the blind test documents stays above floors set from measured figures.

The documents (tests/blind, gold in tests/gold/blind; see tests/fixtures/README.md) were written
and annotated in the eighth to eighteenth rounds by readers who never ran plankg, in the styles of
central-bank, regulator, ministry and State Council documents. They are not real texts, but they are in the
repository, so these floors hold in a user's clone too. Sets blind-a to blind-d were tuned on;
blind-e was scored at first sight late in the tenth round and opened in the eleventh; blind-f and
blind-g were written for the eleventh and twelfth rounds, scored at first sight early in them and
then tuned on; blind-h (health, transport, agriculture, education, environment, a regulation and a
division table) was written for the thirteenth, scored at first sight at the round's starting
outputs and then tuned on; blind-i (finance and State Council documents, some names made up) was
written for the fourteenth, scored at first sight after the round's rule changes and then tuned on;
blind-j (ministry, State Council and regulator documents of new shapes: a table inside a measure,
run-on text, 一、 measures with sub-points) was written for the fifteenth, scored at first sight
after the round's first rule change and then tuned on; blind-k (finance, State Council and ministry
documents, a plan with boxes in its sections, a notice with a list of pilot regions attached) was
written for the sixteenth, scored at first sight after the round's first structure change and then
tuned on; blind-l (an IP opinion, a recycling opinion (HTML), an employment notice, a run-on AI
plan, a land-restoration plan of sections numbered straight through, an ocean-finance opinion
numbered 1.–35., a long-term-funds plan with an attached index table, a smart-port opinion (HTML))
was written for the seventeenth, scored at first sight at the round's starting commit and then
tuned on; blind-m (a safety opinion, a culture-and-tourism page (HTML), a health-insurance opinion,
a western-development plan with a division table, a run-on digital-renminbi notice, a services
notice with an attached list of pilot measures, a grain-security opinion, a CSRC opinion in parts
第一部分…) was written for the eighteenth, scored at first sight at the round's starting commit and
then tuned on; blind-n (a finance opinion (HTML), a cross-border renminbi notice, a run-on leasing
opinion, a rules document in articles, a trade measures page (HTML), an agricultural-insurance notice
with a table of pilot provinces, a consumption opinion, a run-on rural-finance opinion) was written
during the eighteenth and scored once at first sight at its final extraction commit, never tuned on;
blind-o (a housing-finance opinion (HTML), a fintech plan with boxes, an insurance-funds notice
numbered 1.–22., a run-on CSRC opinion with half-width labels, a foreign-exchange notice (HTML) with a
list of pilot areas, a bonds notice, a regional plan whose sections are the tasks, a coastal-waters
action plan) was written for the nineteenth, scored at first sight at the round's starting commit and
then tuned on; blind-p (a technology-finance plan, a private-investment page (HTML), a rules document
in articles, a run-on fund plan numbered across its parts, a foreign-exchange market notice, an FTZ
notice numbered 1.–39., a pension page (HTML), a run-on green-finance opinion) was written during the
nineteenth and scored once at first sight at its final extraction commit; blind-q (a Xinjiang opinion, a
marine-industry page (HTML), a rules document in articles, an energy-market plan with its title and 文号 on
one line, a run-on e-commerce notice, a skills-training page (HTML) numbered 一、 only, a corridor plan with
boxes, a grain-finance opinion with sub-measures) was written for the twentieth, scored at first sight at
the round's starting commit and then tuned on; blind-r (a procurement page (HTML), a cross-strait opinion,
a run-on green-insurance opinion, a listed-company opinion, a low-altitude-economy opinion, a rivers-and-
lakes page (HTML), a social-credit page (HTML), a run-on Qianhai opinion numbered across its parts) was
written during the twentieth and scored once at first sight at its final extraction commit, then opened in the
twenty-first; blind-s (a
regional plan outline whose sections are the tasks, a tax page (HTML) numbered 一、 only, a notice on foreign
investors, a run-on seed-industry opinion, a culture-and-tourism page (HTML) with a table of projects, a
border-zones notice with its title and 文号 on one line and a box, a Guangxi opinion, an auto-finance notice)
was written for the twenty-first, scored at first sight at the round's starting commit and then tuned on;
blind-t (an Inner Mongolia opinion, an inclusive-insurance page (HTML), a run-on brokers-and-funds opinion,
an emissions-trading page (HTML) with a division table, an urban-renewal notice with a box, a winter-sports
page (HTML), an RCEP opinion, a Guizhou opinion with a division table) was written during the twenty-first,
scored once at first sight after the round's first changes, its one structure error mended after;
blind-u (a soil action plan with a box, an elderly-care page (HTML), a hydrogen plan in chapters, a run-on
supply-chain notice, a middle-Yangtze reply with its title and 文号 on one line, an exhibition page (HTML)
numbered 一、 only, a transport division table read one cell per line, a catastrophe-insurance opinion with
points restarting under each 一、) was written for the twenty-second, scored at first sight at the round's
starting commit and then tuned on; blind-v (a materials plan with boxes, a childcare page (HTML), a run-on
derivatives opinion, a Tibet opinion, a Yellow River plan in chapters, a science-funds page (HTML), a
digital-trade opinion with a list of zones attached, a hospitals opinion with restarting points) was written
during the twenty-second and scored once at first sight after the round's first changes, never opened;
blind-w (a transition-finance guidance, a rental-housing page (HTML), a run-on pension-insurance notice, a
Gansu opinion, a vehicles plan with boxes, a REITs page (HTML), a key-sea-areas plan with a division table
attached, a county-commerce notice with sub-measures) was written during the twenty-second and scored once
at first sight after all the round's changes, never opened; blind-x (a futures opinion in chapters, a
cross-border renminbi page (HTML), a run-on small-firms notice, a rural-funds notice with sub-measures, a
culture-and-tourism page (HTML) whose title runs over four lines, a Yangtze plan with boxes, a corridor plan
whose points restart in every part, a Chengdu-Chongqing opinion with its title and 文号 on one line) was
written for the twenty-third, scored at first sight at the round's starting commit and never opened;
blind-y (a market-infrastructure plan page (HTML), a regional-equity opinion whose points restart in every
part, a 雄安新区 opinion, a desert-bases notice with a box laid out as a table, an inland-waterways page (HTML)
numbered 一、 only, a development-zones opinion with sub-points (1)(2), a manufacturing-clusters notice with a
box of clusters, a technology-insurance notice numbered 一、…二十、) was written for the twenty-fourth, scored
at first sight at the round's starting commit and never opened; blind-z (a computing-network plan with a box
laid out as a table, a market-connectivity page (HTML), a medical-procurement notice with its title and 文号 on
one line, a cross-border e-commerce opinion with sub-points, a water-diversion opinion whose points restart in
every part, a 横琴 plan page (HTML), an 人工智能+ opinion, a consumer-protection rules document in articles) was
written for the twenty-fifth, scored at first sight at the round's starting commit, its errors opened and
tuned on in the twenty-sixth (docs/quality-first-sight.json, docs/quality.md).
"""
from __future__ import annotations

import pytest

from corpus_paths import BLIND_DOCS, BLIND_GOLD, FIRST_SIGHT_SETS, assert_above, build
from plankg import scoring

pytestmark = pytest.mark.slow

# (micro recall, micro precision, micro task-link F1) floors, a little under what was measured at
# the end of the twenty-first round: blind-a 0.909/0.950/0.945, blind-b 0.930/0.956/0.954, blind-c
# 0.932/0.937/0.959, blind-d 0.950/0.960/0.967, blind-e 0.912/0.935/0.945, blind-f 0.936/0.908/0.958
# (all tuned on; first sight: blind-e 0.888/0.889/0.755 at 005b4ed, blind-f 0.902/0.861/0.851 at
# 62417cf), blind-g 0.900/0.898/0.926 (scored at first sight at 172853f: 0.867/0.873/0.797, then
# tuned on), blind-h 0.902/0.935/0.943 (at first sight, 2cb527a: macro 0.856/0.908/0.911, then tuned on),
# blind-i 0.874/0.931/0.921 (at first sight, 37bc082: micro 0.832/0.906/0.902, macro 0.831/0.904/0.902;
# then tuned on), blind-j 0.891/0.925/0.922 (at first sight, 86f9339: micro 0.845/0.905/0.873,
# macro 0.851/0.907/0.855; then tuned on), blind-k 0.899/0.908/0.940 (at first sight, a77acfe:
# micro 0.874/0.898/0.875, macro 0.873/0.897/0.816; then tuned on), blind-l 0.884/0.922/0.935 (at
# first sight, 85deff8: micro 0.854/0.902/0.916, macro 0.855/0.903/0.918; then tuned on), blind-m
# 0.879/0.919/0.928 (at first sight, 613eb8c: micro 0.854/0.909/0.730, macro 0.860/0.906/0.705; then
# tuned on), blind-n 0.901/0.929/0.944 (at first sight at e63db12: macro 0.888/0.910/0.936; opened in
# no round), blind-o 0.876/0.920/0.919 (at first sight, f615666: micro 0.854/0.898/0.912, macro
# 0.862/0.897/0.915; then tuned on), blind-p 0.893/0.902/0.931 (at first sight at 47839b3: micro
# 0.888/0.900/0.839, macro 0.876/0.890/0.819; its run-on fund plan's structure mended after), blind-q
# 0.859/0.895/0.918 (at first sight, 93dc24e: micro 0.840/0.883/0.911, macro 0.845/0.882/0.909; then
# tuned on), blind-r 0.883/0.914/0.929 (at first sight at a575f16: macro 0.865/0.909/0.923; opened in the twenty-first),
# blind-s 0.864/0.898/0.919 (at first sight, 6f2ae3d: micro 0.837/0.888/0.906, macro 0.849/0.887/0.911; then
# tuned on), blind-t 0.846/0.911/0.924 (at first sight at 1b5b978: macro 0.852/0.909/0.926; its entity
# errors never opened); at the end of the twenty-second: blind-u 0.891/0.932/0.930 (at first sight, 7bebce4:
# micro 0.885/0.926/0.837, macro 0.887/0.926/0.828; then tuned on), blind-v 0.853/0.924/0.916 (at first
# sight at 862d10a, after the round's first changes: micro 0.850/0.923/0.914, macro 0.862/0.924/0.923; its
# errors never opened) and blind-w 0.882/0.925/0.929 (at first sight at d718479, after all the round's
# changes: macro 0.898/0.924/0.935; its errors never opened); at the end of the twenty-third: blind-x
# 0.865/0.917/0.897 (at first sight at b516f8e, before any change: micro 0.863/0.918/0.896, macro
# 0.873/0.919/0.904; its errors never opened); at the start of the twenty-fourth: blind-y 0.856/0.914/0.901
# (at first sight at ad879ab, before any change: macro 0.863/0.916/0.904; its errors never opened); at the
# start of the twenty-fifth: blind-z 0.839/0.895/0.874 (at first sight at 720a886, before any change: macro
# 0.836/0.886/0.867; its errors opened in the twenty-sixth, at whose end it is 0.846/0.906/0.877)
FLOORS = {"blind-a": (0.86, 0.94, 0.92), "blind-b": (0.89, 0.94, 0.93), "blind-c": (0.91, 0.93, 0.94),
          "blind-d": (0.92, 0.94, 0.95), "blind-e": (0.89, 0.91, 0.93), "blind-f": (0.91, 0.89, 0.94),
          "blind-g": (0.87, 0.87, 0.91), "blind-h": (0.86, 0.91, 0.92), "blind-i": (0.84, 0.90, 0.90),
          "blind-j": (0.85, 0.90, 0.90), "blind-k": (0.87, 0.89, 0.92),
          "blind-l": (0.85, 0.89, 0.91), "blind-m": (0.85, 0.90, 0.91), "blind-n": (0.87, 0.90, 0.92),
          "blind-o": (0.85, 0.90, 0.90), "blind-p": (0.87, 0.88, 0.91), "blind-q": (0.83, 0.87, 0.89),
          "blind-r": (0.85, 0.89, 0.90), "blind-s": (0.85, 0.88, 0.90), "blind-t": (0.83, 0.89, 0.91),
          "blind-u": (0.87, 0.91, 0.91), "blind-v": (0.83, 0.90, 0.89), "blind-w": (0.86, 0.90, 0.91),
          "blind-x": (0.84, 0.89, 0.87), "blind-y": (0.83, 0.89, 0.87),
          "blind-z": (0.83, 0.89, 0.86)}


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
