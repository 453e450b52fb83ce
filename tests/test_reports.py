"""Output people can use: `plankg validate` fast, with its report as text, Turtle (a SHACL
validation report) or JSON; `plankg evaluate --details` as tables (and JSON), with a warning
when the gold is for another document; `plankg show` naming each task's plan in a corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS

from plankg.ontology import PLAN

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def broken_graph(plan_graph_path, tmp_path_factory) -> tuple[Path, str, str]:
    """The bundled plan's graph with a task's notation and a relation's direct triple removed."""
    graph = Graph().parse(plan_graph_path, format="nt")
    task = next(t for t in graph.subjects(RDF.type, PLAN.Task) if str(graph.value(t, SKOS.notation)) == "3")
    graph.remove((task, SKOS.notation, None))
    statement = sorted(graph.subjects(RDF.type, PLAN.RelationStatement))[0]
    graph.remove((graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                  graph.value(statement, RDF.object)))
    path = tmp_path_factory.mktemp("broken") / "broken.nt"
    path.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return path, str(task), str(statement)


def test_validate_passes_the_bundled_plan(plan_graph_path, run_plankg):
    """The bundled plan's graph conforms to the shapes. (Its time is no test's business: a bound on
    CPU seconds failed now and then in a fresh clone, where the first run also compiles bytecode.)"""
    result = run_plankg("validate", plan_graph_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[:2] == ["Validation Report", "Conforms: True"]


def test_validate_text_names_each_finding(broken_graph, run_plankg):
    path, task, statement = broken_graph
    result = run_plankg("validate", path, timeout=300)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Validation Report", "Conforms: False", "Results (2):"]
    assert "Violation in plansh:UnitNotation (MinCountConstraintComponent)" in lines
    assert f"  focus:   <{task}>" in lines and "  path:    skos:notation" in lines
    assert "Violation in plansh:RelationStatementShape (plansh:RelationStatementHasItsTriple)" in lines
    assert f"  focus:   <{statement}>" in lines


def test_validate_turtle_is_a_shacl_report_and_deterministic(broken_graph, run_plankg):
    path, task, statement = broken_graph
    first = run_plankg("validate", path, "--format", "turtle", timeout=300)
    again = run_plankg("validate", path, "--format", "turtle", timeout=300)
    assert first.returncode == 1 and first.stdout == again.stdout
    report = Graph().parse(data=first.stdout, format="turtle")
    node = next(report.subjects(RDF.type, SH.ValidationReport))
    assert report.value(node, SH.conforms) == Literal(False)
    focus = {report.value(r, SH.focusNode) for r in report.objects(node, SH.result)}
    assert focus == {URIRef(task), URIRef(statement)}
    shapes = {report.value(r, SH.sourceShape) for r in report.objects(node, SH.result)}
    assert URIRef("https://w3id.org/plankg/shapes#UnitNotation") in shapes


def test_validate_json(broken_graph, run_plankg):
    path, task, _statement = broken_graph
    result = run_plankg("validate", path, "-f", "json", timeout=300)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["conforms"] is False and data["offsets"]["problems"] == []
    notation = next(r for r in data["results"] if r["sourceShape"].endswith("#UnitNotation"))
    assert notation["focusNode"] == f"<{task}>"
    assert notation["resultPath"] == str(SKOS.notation) and notation["severity"] == "Violation"


def test_evaluate_details_are_tables(run_plankg):
    result = run_plankg("evaluate", GOLD / "runon_plan.yaml", "--details", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "[(" not in result.stdout and "('" not in result.stdout  # no Python reprs
    lines = result.stdout.splitlines()
    for title in ("false positives (found, not in the gold): ", "false negatives (in the gold, not found): ",
                  "missed task links: ", "extra task links: "):
        assert any(line.startswith(title) for line in lines), title
    at = next(i for i, line in enumerate(lines) if line.startswith("false positives"))
    if not lines[at].endswith("none"):
        assert lines[at + 1].split() == ["name", "type"] and set(lines[at + 2]) <= {"-", " "}


def test_evaluate_json(run_plankg):
    result = run_plankg("evaluate", GOLD / "relations" / "runon_plan.yaml", "-f", "json", "--details",
                        timeout=300)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    roles = data["relations"]["scores"]["roles/actions"]
    assert 0 <= roles["precision"] <= 1 and roles["gold"] > 0
    for row in data["relations"]["details"]["missed_roles"]:
        assert set(row) == {"unit", "entity", "action", "role"}


def test_evaluate_warns_when_the_gold_is_for_another_document(run_plankg, fixtures_dir):
    result = run_plankg("evaluate", GOLD / "shanghai-ifc.yaml", fixtures_dir / "gbk_plan.txt", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "plankg: warning: " in result.stderr and "is the gold for another document?" in result.stderr
    right = run_plankg("evaluate", GOLD / "runon_plan.yaml", timeout=300)
    assert "another document" not in right.stderr


def test_show_in_a_corpus_names_the_plan_of_each_task(run_plankg, fixtures_dir, tmp_path):
    built = run_plankg("build", fixtures_dir / "gbk_plan.txt", fixtures_dir / "govcn_notice.html",
                       "-o", "corpus.trig", cwd=tmp_path, timeout=300)
    assert built.returncode == 0, built.stderr
    found = run_plankg("query", """SELECT ?name ?title WHERE {
        ?t a plan:Task ; plan:mentions ?e ; plan:inPlan ?p . ?e skos:prefLabel ?name . ?p dcterms:title ?title
        } ORDER BY ?name LIMIT 1""", "-f", "csv", cwd=tmp_path)
    name, title = found.stdout.splitlines()[1].split(",")[:2]
    number = run_plankg("query", "SELECT ?n WHERE { ?p plan:documentNumber ?n ; dcterms:title ?t . "
                                 f"FILTER (STR(?t) = \"{title}\") }}", "-f", "csv", cwd=tmp_path)
    plan_name = (number.stdout.splitlines()[1:] or [title])[0]
    shown = run_plankg("show", name, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    named = next(line for line in shown.stdout.splitlines() if line.startswith("  named   in "))
    assert f": {plan_name} " in named or f"; {plan_name} " in named, named


def test_rdf_xml_output_holds_the_graph_and_is_read_back(fixtures_dir, tmp_path, run_plankg):
    """.rdf and .owl write RDF/XML (deterministic, the same triples as Turtle); every command reads it."""
    from click.testing import CliRunner
    from rdflib.compare import isomorphic

    from plankg.cli import main

    outputs = [tmp_path / name for name in ("g.rdf", "g.owl", "g.ttl")]
    built = CliRunner().invoke(main, ["build", str(fixtures_dir / "gbk_plan.txt"),
                                      *[arg for out in outputs for arg in ("-o", str(out))]])
    assert built.exit_code == 0, built.output
    rdf_xml, owl, turtle = (path.read_bytes() for path in outputs)
    assert rdf_xml == owl and rdf_xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF')
    assert isomorphic(Graph().parse(data=rdf_xml, format="xml"), Graph().parse(data=turtle, format="turtle"))
    again = tmp_path / "again.rdf"
    assert CliRunner().invoke(main, ["build", str(fixtures_dir / "gbk_plan.txt"), "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == rdf_xml
    counted = CliRunner().invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph",
                                        str(outputs[0]), "-f", "csv"])
    assert counted.stdout.split()[1] == str(len(Graph().parse(data=turtle, format="turtle")))
