"""The entity network as networkx graphs, its analytics (plankg stats), their RDF
write-back, and the GraphML / GEXF exports (plankg export). No browser here: see test_viz.py."""
from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, XSD, Graph, Literal, URIRef

from plankg.cli import main
from plankg.extract.model import PlanError
from plankg.graph.analytics import (
    add_analytics,
    analyse,
    central_institutions,
    cooccurrence_graph,
    network_data,
    stats_report,
    task_graph,
)
from plankg.graph.export import export_bytes, export_graph
from plankg.ontology import PLAN, ontology_graph, validate
from plankg.ontology.namespace import ENTITY_CLASSES
from plankg.queries import load_query, run_query

ENTITY_TYPES_SPARQL = " ".join(f"plan:{c.split('#')[1]}" for c in ENTITY_CLASSES.values())
PREFIXES = """
PREFIX plan: <https://w3id.org/plankg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def data(plan_rdflib):
    return network_data(plan_rdflib)


@pytest.fixture(scope="module")
def co(data):
    return cooccurrence_graph(data)


@pytest.fixture(scope="module")
def analytics(data, co):
    return analyse(data, co)


@pytest.fixture(scope="module")
def sparql_links(plan_rdflib) -> set[tuple[str, str]]:
    """(task, entity) pairs of plan:mentions, read with SPARQL rather than by analytics.py."""
    query = PREFIXES + f"""
    SELECT DISTINCT ?t ?e WHERE {{
      ?t a plan:Task ; plan:mentions ?e . ?e a ?c . VALUES ?c {{ {ENTITY_TYPES_SPARQL} }}
    }}"""
    return {(str(r.t), str(r.e)) for r in plan_rdflib.query(query)}


def label_index(data) -> dict[str, str]:
    return {e.label: e.id for e in data.entities.values()}


# ---------------------------------------------------------------- reading the graph


def test_network_data_counts_match_the_graph(plan_rdflib, data, sparql_links):
    entities = {str(s) for cls in ENTITY_CLASSES.values() for s in plan_rdflib.subjects(RDF.type, cls)}
    tasks = {str(s) for s in plan_rdflib.subjects(RDF.type, PLAN.Task)}
    assert set(data.entities) == entities and len(entities) > 150
    assert set(data.tasks) == tasks and len(tasks) == 44
    assert set(data.links) == sparql_links
    assert all(weight >= 1 for weight in data.links.values())
    assert list(data.plans.values()) == ["上海国际金融中心建设“十四五”规划"]
    assert [t.number for t in data.tasks.values()] == [str(n) for n in range(1, 45)]


def test_entity_details(data):
    cips = data.entities[label_index(data)["人民币跨境支付系统"]]
    assert cips.type == "institution"
    assert "CIPS" in cips.aliases
    task_numbers = [data.tasks[t].number for t in cips.tasks]
    assert "12" in task_numbers and task_numbers == sorted(task_numbers, key=int)
    assert cips.evidence and ("人民币跨境支付系统" in cips.evidence or "CIPS" in cips.evidence)
    assert cips.mention_count >= len(cips.tasks)


def test_task_graph_is_the_bipartite_network(data, sparql_links):
    g = task_graph(data)
    assert g.number_of_nodes() == len(data.entities) + len(data.tasks)
    assert g.number_of_edges() == len(sparql_links)
    assert nx.is_bipartite(g)
    kinds = nx.get_node_attributes(g, "kind")
    assert all({kinds[a], kinds[b]} == {"entity", "task"} for a, b in g.edges)
    task12 = next(t for t in data.tasks.values() if t.number == "12")
    assert g.nodes[task12.id]["label"] == f"12 {task12.title}"


def test_cooccurrence_is_the_weighted_projection(data, co, sparql_links):
    by_task: dict[str, set[str]] = {}
    for task, entity in sparql_links:
        by_task.setdefault(task, set()).add(entity)
    expected: dict[frozenset, int] = {}
    for named in by_task.values():
        for a, b in combinations(sorted(named), 2):
            expected[frozenset((a, b))] = expected.get(frozenset((a, b)), 0) + 1
    assert co.number_of_nodes() == len(data.entities)
    assert {frozenset(e): w for *e, w in co.edges(data="weight")} == expected


def test_cooccurrence_edge_of_task_12(data, co):
    ids = label_index(data)
    shch, cips = ids["上海清算所"], ids["人民币跨境支付系统"]
    assert co.has_edge(shch, cips)
    edge = co.edges[shch, cips]
    assert edge["weight"] >= 1
    assert "12" in {data.tasks[t].number for t in edge["tasks"].split()}


@pytest.mark.parametrize("name", ["上海保险交易所", "上海清算所"])
def test_cooccurrence_agrees_with_the_co_mentioned_query(plan_rdflib, data, co, name):
    result = run_query(load_query("co-mentioned"), plan_rdflib, {"name": name})
    from_query = {str(r["other"]): int(r["tasks"]) for r in result.records()}
    entity = label_index(data)[name]
    labels = {e.id: e.label for e in data.entities.values()}
    from_network = {labels[other]: co.edges[entity, other]["weight"] for other in co.neighbors(entity)}
    assert from_network == from_query and from_network


def test_dataset_of_several_plans_is_read_as_one_network(extraction_of):
    from plankg.graph import build_dataset

    dataset = build_dataset([extraction_of("gbk_plan.txt"), extraction_of("utf16_notice.txt")])
    data = network_data(dataset)
    assert len(data.plans) == 2 and data.title == "2 plans"
    assert {t.plan for t in data.tasks.values()} <= set(data.plans)
    assert task_graph(data).number_of_nodes() == len(data.entities) + len(data.tasks)


def test_graph_without_a_plan_is_refused():
    with pytest.raises(PlanError, match="no plan:Plan"):
        network_data(Graph())


def test_plan_without_entities(tmp_path):
    g = Graph()
    plan = URIRef("https://w3id.org/plankg/id/plan/empty")
    g.add((plan, RDF.type, PLAN.Plan))
    data = network_data(g)
    assert not data.entities and not data.links
    analytics = analyse(data)
    assert analytics.communities == [] and central_institutions(data, analytics) == []
    assert "no entities" in stats_report(data, analytics)


# ---------------------------------------------------------------- analytics


def test_degree_centrality_is_share_of_neighbours(data, co, analytics):
    n = co.number_of_nodes()
    for entity in list(data.entities)[:20] + [label_index(data)["上海市"]]:
        assert analytics.degree[entity] == pytest.approx(co.degree(entity) / (n - 1))


def test_betweenness_is_normalised_and_the_hub_leads(data, analytics):
    assert all(0.0 <= v <= 1.0 for v in analytics.betweenness.values())
    top = max(analytics.betweenness, key=analytics.betweenness.get)
    assert data.entities[top].label == "上海市"  # named by about half the tasks


def test_communities_partition_the_entities(data, analytics):
    members = [m for community in analytics.communities for m in community]
    assert sorted(members) == sorted(data.entities)
    sizes = [len(c) for c in analytics.communities]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 1
    assert all(analytics.community[m] == i for i, c in enumerate(analytics.communities) for m in c)


def test_analytics_are_deterministic(data, analytics):
    again = analyse(network_data_copy(data))
    assert again.community == analytics.community
    assert again.betweenness == analytics.betweenness


def network_data_copy(data):
    from dataclasses import replace

    return replace(data, entities=dict(reversed(list(data.entities.items()))), links=dict(data.links))


def test_most_central_institutions_are_ordered(data, analytics):
    top = central_institutions(data, analytics, 10)
    assert len(top) == 10
    assert all(data.entities[e].type == "institution" for e in top)
    keys = [(analytics.degree[e], analytics.betweenness[e]) for e in top]
    assert keys == sorted(keys, reverse=True)
    rest = [e.id for e in data.entities.values() if e.type == "institution" and e.id not in top]
    assert all(analytics.degree[e] <= keys[-1][0] for e in rest)


def test_analytics_written_back_into_rdf(plan_rdflib, analytics, data):
    g = Graph()
    for triple in plan_rdflib:
        g.add(triple)
    before = len(g)
    add_analytics(g, analytics)
    assert len(g) == before + 3 * len(data.entities)
    shanghai = URIRef(label_index(data)["上海市"])
    degree = g.value(shanghai, PLAN.degreeCentrality)
    assert degree.datatype == XSD.double and float(degree) == round(analytics.degree[str(shanghai)], 6)
    assert g.value(shanghai, PLAN.community).datatype == XSD.integer
    add_analytics(g, analytics)  # again: values replaced, not added
    assert len(g) == before + 3 * len(data.entities)
    ontology = ontology_graph()
    for term in (PLAN.degreeCentrality, PLAN.betweennessCentrality, PLAN.community):
        assert (term, RDF.type, None) in ontology
    conforms, report = validate(g)
    assert conforms, report


def test_shapes_catch_a_bad_centrality(plan_rdflib, analytics, data):
    g = Graph()
    for triple in plan_rdflib:
        g.add(triple)
    add_analytics(g, analytics)
    g.set((URIRef(next(iter(data.entities))), PLAN.degreeCentrality, Literal(1.5)))
    conforms, report = validate(g)
    assert not conforms and "EntityDegreeCentrality" in report


# ---------------------------------------------------------------- exports


@pytest.mark.parametrize("view", ["tasks", "cooccurrence"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_parses_back_with_the_same_counts(tmp_path, data, view, fmt):
    path = tmp_path / f"network.{fmt}"
    path.write_bytes(export_bytes(data, fmt, view))
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    expected = task_graph(data) if view == "tasks" else cooccurrence_graph(data)
    assert read.number_of_nodes() == expected.number_of_nodes()
    assert read.number_of_edges() == expected.number_of_edges()
    ids = label_index(data)
    node = read.nodes[ids["人民币跨境支付系统"]]
    assert node["label"] == "人民币跨境支付系统" and node["type"] == "institution"
    assert "CIPS" in node["aliases"] and node["tasks"] >= 1 and 0 <= node["degree"] <= 1
    weights = [w for _, _, w in read.edges(data="weight")]
    assert all(w >= 1 for w in weights)
    if view == "cooccurrence":
        assert read.edges[ids["上海清算所"], ids["人民币跨境支付系统"]]["weight"] >= 1
    else:
        types = {attrs["type"] for _, attrs in read.nodes(data=True)}
        assert "task" in types and "institution" in types


def test_export_strips_characters_xml_cannot_hold(data):
    from dataclasses import replace

    entity = next(iter(data.entities.values()))
    bad = replace(data, entities={**data.entities, entity.id: replace(entity, label="A\x01B\x0b")})
    g = export_graph(bad, "tasks", positions=False)
    assert g.nodes[entity.id]["label"] == "AB"
    nx.parse_graphml(export_bytes(bad, "graphml").decode("utf-8"))


# ---------------------------------------------------------------- the commands


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(main, [str(a) for a in args], prog_name="plankg")


def test_stats_prints_centralities(runner, plan_graph_path):
    result = invoke(runner, "stats", "--graph", plan_graph_path, "--top", "5")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "most central entities" in out and "most central institutions" in out and "communities" in out
    assert "1. 上海市 (place)" in out
    institutions = out.split("most central institutions:")[1].split("\n\n")[0].strip().splitlines()
    assert len(institutions) == 5 and all("(institution)" in line for line in institutions)


def test_stats_json_and_write_back(runner, plan_graph_path, tmp_path):
    out = tmp_path / "enriched.ttl"
    result = invoke(runner, "stats", "--graph", plan_graph_path, "--format", "json", "--write", out)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["tasks"] == 44 and payload["most_central_institutions"]
    degrees = [e["degree"] for e in payload["most_central_institutions"]]
    assert degrees == sorted(degrees, reverse=True)
    g = Graph().parse(out)
    assert len(set(g.subjects(PLAN.community, None))) == payload["entities"]


@pytest.mark.parametrize("args, message", [
    (["stats", "--write", "x.trig"], "triples format"),
    (["stats", "--write", "x.n3"], "unknown output format"),
    (["export", "-o", "x.csv"], "unknown export format"),
    (["export", "-o", "x.gexf", "--format", "graphml"], "the extension says gexf"),
])
def test_bad_options_fail_in_one_line(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_command_default_output(runner, plan_graph_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "export", "--graph", plan_graph_path, "--format", "gexf", "--view", "cooccurrence")
    assert result.exit_code == 0, result.output
    path = Path("plankg-out") / "network.gexf"
    assert result.stdout.strip() == f"wrote {path}"
    assert nx.read_gexf(tmp_path / path).number_of_edges() > 400


def test_stats_on_a_graph_that_does_not_parse(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle {", encoding="utf-8")
    result = invoke(runner, "stats", "--graph", bad)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "does not parse" in result.stderr
