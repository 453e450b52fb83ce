"""plankg.scoring on tiny graphs and gold files written here: how tasks are matched for links."""
from __future__ import annotations

import json

import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace

from plankg import scoring

EX = Namespace("https://example.org/")


@pytest.mark.parametrize("label, key", [
    ("（三）", 3), ("12.", 12), ("二十一、", 21), ("第十二条", 12), (7, 7),
    ("2.1.1", "2.1.1"), ("４．２", "4.2"), ("3.1.", "3.1"),   # a level inside a level keeps its whole number
    ("2.1.1　粮食储备", "2.1.1"),
])
def test_a_task_is_matched_by_its_number_or_its_whole_dotted_label(label, key):
    assert scoring.task_key(label) == key


def _graph(notations: list[str], links: dict[str, list[int]]) -> Graph:
    """Tasks with these notations; each entity linked to tasks (by index) through a mention node."""
    graph = Graph()
    for i, notation in enumerate(notations):
        graph.add((EX[f"task{i}"], RDF.type, EX.Task))
        graph.add((EX[f"task{i}"], SKOS.notation, Literal(notation)))
    for j, (name, tasks) in enumerate(links.items()):
        graph.add((EX[f"entity{j}"], RDF.type, EX.Institution))
        graph.add((EX[f"entity{j}"], SKOS.prefLabel, Literal(name)))
        for i in tasks:
            mention = EX[f"mention{j}-{i}"]
            graph.add((mention, EX.mentions, EX[f"entity{j}"]))
            graph.add((mention, EX.inTask, EX[f"task{i}"]))
    return graph


def _gold(tmp_path, tasks: list[str], links: dict[str, list[str]]) -> scoring.CorpusGold:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({
        "title": "t", "source": "t.txt", "tasks": tasks,
        "entities": {name: {"type": "Institution"} for name in links}, "task_links": links,
    }, ensure_ascii=False), encoding="utf-8")
    return scoring.CorpusGold.load(path)


def test_links_to_tasks_numbered_level_in_level_are_scored(tmp_path):
    gold = _gold(tmp_path, ["2.1.1", "2.1.2", "2.2"], {"甲办公室": ["2.1.1", "2.2"], "乙局": ["2.1.2"]})
    graph = _graph(["2.1.1", "2.1.2", "2.2"], {"甲办公室": [0, 2], "乙局": [0]})
    score = scoring.score_graph(gold, graph)
    assert (score.link_tp, score.link_fp, score.link_fn) == (2, 1, 1)
    assert "乙局: expected ['2.1.2'] got ['2.1.1']" in score.link_differences
