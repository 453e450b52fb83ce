"""The named query library, its runner, ``plankg queries`` / ``plankg query`` and the graph cache."""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from wcwidth import wcswidth

from plankg.cli import main
from plankg.extract.model import PlanError
from plankg.queries import (
    Query,
    check_syntax,
    list_queries,
    load_query,
    open_target,
    parse_query,
    resolve_query,
    run_query,
)
from plankg.build import bundled as query_cache
from plankg.queries.output import render, table

REQUIRED = {
    "tasks-naming",           # tasks that name an entity, by any of its names
    "task-entities",          # entities a task names, by type
    "institutions-by-tasks",  # institutions ranked by tasks naming them
    "co-mentioned",           # entities sharing tasks with an entity, with counts
    "places",                 # places and what is planned there
    "aliases",                # acronym / alias table
    "section-entities",       # entities per section
    "column-entities",        # columns and their entities
}
INJECTION = 'x" } DROP ALL #'


def _tasks(result) -> set[int]:
    return {int(str(t)) for t in result.column("task")}


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# ----------------------------------------------------------------------------- the library


def test_library_has_the_required_queries():
    names = {q.name for q in list_queries()}
    assert REQUIRED <= names
    assert [q.name for q in list_queries()] == sorted(names)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_library_query_is_documented_and_parses(query: Query):
    assert query.description, f"{query.origin} has no description"
    assert query.text.lstrip().startswith("# name: "), "header comment first"
    check_syntax(query)
    for param in query.params:
        assert param.description
        assert query.examples, f"{query.name} declares parameters but gives no example"
    for example in query.examples:
        assert set(example) == {p.name for p in query.params}


@pytest.mark.parametrize("query", [q for q in list_queries() if q.params], ids=lambda q: q.name)
def test_parameters_are_projected(query: Query, plan_oxigraph):
    """pyoxigraph substitutes only projected variables (SEP-0007): every parameter is a column."""
    result = run_query(query, plan_oxigraph, query.examples[0])
    assert {p.name for p in query.params} <= set(result.variables)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_library_query_answers_on_the_bundled_plan(query: Query, plan_oxigraph):
    params = query.examples[0] if query.examples else {}
    assert len(run_query(query, plan_oxigraph, params).rows) > 0


def test_load_query_unknown_name_lists_the_known_ones():
    with pytest.raises(PlanError) as err:
        load_query("no-such-query")
    message = str(err.value)
    assert "no-such-query" in message and "tasks-naming" in message and "\n" not in message


def test_resolve_query_takes_a_name_a_file_or_text(tmp_path: Path):
    assert resolve_query("aliases") is load_query("aliases")
    path = tmp_path / "mine.rq"
    path.write_text("# param: n (integer) a number\nSELECT ?n WHERE {}\n", encoding="utf-8")
    from_file = resolve_query(str(path))
    assert from_file.name == "mine" and [p.name for p in from_file.params] == ["n"]
    assert resolve_query("SELECT * WHERE { ?s ?p ?o }").origin == "<text>"
    with pytest.raises(PlanError, match="no such query file"):
        resolve_query(str(tmp_path / "missing.rq"))


def test_parameters_are_checked_and_typed():
    query = parse_query("# param: n (integer) a number\n# param: who (iri) somebody\n"
                        "# param: s (string, default=x) text\nSELECT ?n ?who ?s WHERE {}")
    bound = query.bindings({"n": "12", "who": "https://example.org/a"})
    assert bound == {"n": Literal(12), "who": URIRef("https://example.org/a"), "s": Literal("x")}
    with pytest.raises(PlanError, match="missing parameter n"):
        query.bindings({"who": "https://example.org/a"})
    with pytest.raises(PlanError, match="unknown parameter m"):
        query.bindings({"n": "1", "who": "https://example.org/a", "m": "1"})
    with pytest.raises(PlanError, match="not an integer"):
        query.bindings({"n": "twelve", "who": "https://example.org/a"})
    with pytest.raises(PlanError, match="not an absolute IRI"):
        query.bindings({"n": "1", "who": "a> <b"})


# ----------------------------------------------------------------------------- answers on the bundled plan


@pytest.mark.parametrize("name", ["上海保险交易所"])
def test_tasks_naming_shanghai_insurance_exchange(plan_oxigraph, name):
    result = run_query(load_query("tasks-naming"), plan_oxigraph, {"name": name})
    assert {4, 8, 19} <= _tasks(result)
    assert {str(e) for e in result.column("entity")} == {"上海保险交易所"}


@pytest.mark.parametrize("name", ["CIPS", "cips", "人民币跨境支付系统"])
def test_tasks_naming_cips_by_any_of_its_names(plan_oxigraph, name):
    result = run_query(load_query("tasks-naming"), plan_oxigraph, {"name": name})
    assert 12 in _tasks(result)
    assert {str(e) for e in result.column("entity")} == {"人民币跨境支付系统"}


def test_task_entities_by_type(plan_oxigraph):
    result = run_query(load_query("task-entities"), plan_oxigraph, {"task": "12"})
    rows = {(str(r["type"]), str(r["entity"])) for r in result.records()}
    assert ("Institution", "人民币跨境支付系统") in rows
    assert {t for t, _ in rows} <= {"Institution", "Market", "Product", "Place", "Benchmark", "Programme"}


def test_institutions_ranked_by_tasks(plan_oxigraph):
    result = run_query(load_query("institutions-by-tasks"), plan_oxigraph)
    counts = [int(c) for c in result.column("tasks")]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    names = {str(n) for n in result.column("institution")}
    assert {"上海保险交易所", "人民币跨境支付系统"} <= names
    by_name = {str(r["institution"]): int(r["tasks"]) for r in result.records()}
    assert by_name["上海保险交易所"] >= 3


def test_co_mentioned_counts_shared_tasks(plan_oxigraph):
    result = run_query(load_query("co-mentioned"), plan_oxigraph, {"name": "上海保险交易所"})
    assert result.rows
    assert "上海保险交易所" not in {str(o) for o in result.column("other")}
    assert all(1 <= int(n) <= 3 for n in result.column("tasks"))  # it is named in 3 tasks


def test_places_and_what_is_planned_there(plan_oxigraph):
    result = run_query(load_query("places"), plan_oxigraph)
    places = {str(p) for p in result.column("place")}
    assert places & {"上海市", "浦东新区", "长江三角洲", "陆家嘴", "中国（上海）自由贸易试验区临港新片区"}
    assert {str(u) for u in result.column("unit")} <= {"task", "column"}


def test_alias_table(plan_oxigraph):
    result = run_query(load_query("aliases"), plan_oxigraph)
    rows = {(str(r["entity"]), str(r["alias"]), str(r["lang"])) for r in result.records()}
    assert ("人民币跨境支付系统", "CIPS", "en") in rows
    assert ("上海银行间同业拆放利率", "Shibor", "en") in rows


def test_section_entities_cover_the_sections(plan_oxigraph):
    result = run_query(load_query("section-entities"), plan_oxigraph)
    sections = {(str(r.get("part")), str(r["section"])) for r in result.records()}
    assert len(sections) >= 10  # the plan has 14 sections
    assert all(int(n) >= 1 for n in result.column("units"))


def test_column_entities(plan_oxigraph):
    result = run_query(load_query("column-entities"), plan_oxigraph)
    assert len({str(c) for c in result.column("column")}) >= 3


# ----------------------------------------------------------------------------- injection


@pytest.mark.parametrize("query_name", ["tasks-naming", "co-mentioned", "entity-mentions"])
def test_a_hostile_parameter_is_just_a_string(plan_graph_path, query_name):
    target = open_target(plan_graph_path, "oxigraph")
    before = len(target)
    query = load_query(query_name)
    text = query.text
    result = run_query(query, target, {"name": INJECTION})
    assert result.rows == ()
    assert len(target) == before
    assert query.text == text  # nothing was pasted into the query


def test_a_hostile_parameter_through_the_cli_matches_nothing():
    result = _invoke("query", "tasks-naming", "--param", f"name={INJECTION}", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["name,task,title,entity"]


# ----------------------------------------------------------------------------- output


def test_table_aligns_chinese_text():
    text = table(("名称", "n"), [["上海保险交易所", "3"], ["CIPS", "12"]])
    assert text.splitlines() == [
        "名称             n",
        "--------------  --",
        "上海保险交易所   3",
        "CIPS            12",
    ]
    # every line ends at the same display column (the numbers are right-aligned)
    assert len({wcswidth(line) for line in text.splitlines()}) == 1


def test_table_cuts_long_cells_by_display_width():
    text = table(("t",), [["一二三四五六七八九十"]], max_width=9)
    assert text.splitlines()[2] == "一二三四…"


def test_results_formats_follow_sparql(plan_oxigraph):
    result = run_query(load_query("tasks-naming"), plan_oxigraph, {"name": "CIPS"})
    data = json.loads(render(result, "json"))
    assert data["head"]["vars"] == ["name", "task", "title", "entity"]
    binding = data["results"]["bindings"][0]
    assert binding["entity"] == {"type": "literal", "value": "人民币跨境支付系统", "xml:lang": "zh"}
    rows = list(csv.reader(io.StringIO(render(result, "csv"), newline="")))
    assert rows[0] == ["name", "task", "title", "entity"] and rows[1][1] == "12"
    assert render(result, "csv").endswith("\r\n")  # SPARQL CSV uses CRLF
    tsv = render(result, "tsv").splitlines()
    assert tsv[0] == "?name\t?task\t?title\t?entity"
    assert tsv[1].split("\t")[3] == '"人民币跨境支付系统"@zh'
    assert "<sparql" in render(result, "xml")


def test_tsv_escapes_tabs_and_line_breaks():
    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:p"), Literal("a\tb\nc")))
    result = run_query("SELECT ?o WHERE { ?s ?p ?o }", graph)
    assert render(result, "tsv") == '?o\n"a\\tb\\nc"\n'


def test_ask_and_construct(plan_rdflib, plan_oxigraph):
    for target in (plan_rdflib, plan_oxigraph):  # an rdflib graph is copied into a store first
        assert run_query("ASK { ?t a plan:Task }", target).boolean is True
        built = run_query("CONSTRUCT { ?t a plan:Task } WHERE { ?t a plan:Task }", target)
        assert len(built) == 44
    with pytest.raises(PlanError, match="ASK"):
        run_query("ASK {}", plan_oxigraph).serialize("csv")


# ----------------------------------------------------------------------------- the command line


def test_cli_queries_lists_names_and_descriptions():
    result = _invoke("queries")
    assert result.exit_code == 0
    for query in list_queries():
        assert query.name in result.output
    assert "name=STRING" in result.output


def test_cli_query_table(plan_graph_path):
    result = _invoke("query", "tasks-naming", "--param", "name=上海保险交易所")
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "task", "title", "entity"]
    numbers = [int(line.split()[1]) for line in lines[2:-1]]
    assert {4, 8, 19} <= set(numbers)
    assert lines[-1].endswith("rows)")
    # the title column starts at the same display column on every row
    starts = {wcswidth(line[: line.index(line.split()[2])]) for line in lines[2:-1]}
    assert len(starts) == 1


def test_cli_query_formats_and_stores(tmp_path: Path, plan_graph_path):
    as_json = _invoke("query", "task-entities", "-p", "task=12", "-f", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["head"]["vars"] == ["task", "type", "entity"]
    store = f"oxigraph:{tmp_path / 'store'}"
    on_disk = _invoke("query", "task-entities", "-p", "task=12", "-f", "json", "--store", store)
    in_memory = _invoke("query", "task-entities", "-p", "task=12", "-f", "json", "--store", "oxigraph")
    key = lambda out: sorted(json.dumps(b, sort_keys=True) for b in json.loads(out)["results"]["bindings"])  # noqa: E731
    assert key(on_disk.stdout) == key(in_memory.stdout) == key(as_json.stdout)
    tsv = _invoke("query", "counts", "--graph", str(plan_graph_path), "-f", "tsv")
    assert tsv.stdout.startswith("?class\t?count\n")


def test_cli_query_from_file_and_text(tmp_path: Path):
    path = tmp_path / "tasks.rq"
    path.write_text("SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }\n", encoding="utf-8")
    assert _invoke("query", str(path), "-f", "csv").stdout == "n\n44\n"  # CliRunner turns CRLF into LF
    text = _invoke("query", "SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }", "-f", "csv")
    assert text.stdout == "n\n44\n"


@pytest.mark.parametrize("args, expected", [
    (["query", "SELECT ?x WHERE {\n  ?x a plan:Task"], "syntax error at line 2, column"),
    (["query", "no-such-query"], "known queries: aliases"),
    (["query", "tasks-naming"], "missing parameter name"),
    (["query", "tasks-naming", "-p", "name=CIPS", "-p", "colour=red"], "unknown parameter colour"),
    (["query", "tasks-naming", "-p", "nameCIPS"], "write NAME=VALUE"),
    (["query", "counts", "--graph", "no/such/graph.ttl"], "no such graph file"),
    (["query", "counts", "--store", "postgres"], "--store 'postgres'"),
    (["query", "counts", "--store", "rdflib"], "Oxigraph"),
    (["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "updates are not supported"),
    (["query", "PREFIX ex: <urn:ex:>\n# a comment\nDELETE WHERE { ?s ?p ?o }"], "updates are not supported"),
])
def test_cli_bad_input_is_one_line_exit_2(args, expected):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_syntax_error_has_line_and_column_and_no_grammar_internals():
    result = CliRunner().invoke(main, ["query", "SELECT ?x WHERE {\n  ?x a plan:Task"])
    assert result.exit_code == 2
    assert "syntax error at line 2, column 17 (at the end of the query): expected one of" in result.output
    undeclared = CliRunner().invoke(main, ["query", "SELECT ?x WHERE {\n  ?x a ex:Thing }"])
    assert undeclared.exit_code == 2
    assert "line 2" in undeclared.output and "ex: is not declared" in undeclared.output
    assert "\\u{" not in undeclared.output and "['" not in undeclared.output


def test_cli_graph_that_does_not_parse_names_its_line(tmp_path: Path, run_plankg):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"open .\n",
                   encoding="utf-8")
    for command in (["query", "counts", "--graph", bad], ["viz", "-o", tmp_path / "page.html", "--graph", bad],
                    ["validate", bad]):
        result = run_plankg(*command, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"plankg: error: {bad}:3:11: ") and len(result.stderr.splitlines()) == 1
        assert "b'" not in result.stderr


# ----------------------------------------------------------------------------- the cache


def test_cache_is_keyed_and_reused(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PLANKG_CACHE_DIR", str(tmp_path))
    built = []

    def fake_build():
        built.append(1)
        graph = Graph()
        graph.add((URIRef("urn:a"), URIRef("urn:p"), Literal(len(built))))
        return graph

    monkeypatch.setattr(query_cache, "build_bundled_graph", fake_build)
    for age in range(4):  # four older builds, the oldest first
        stale = tmp_path / f"bundled-old{age}.nt"
        stale.write_text("stale\n", encoding="utf-8")
        os.utime(stale, (1_000_000 + age, 1_000_000 + age))
    first = query_cache.bundled_graph_path()
    assert first.parent == tmp_path and query_cache.build_key() in first.name
    # the two most recent older builds are kept, the others removed
    assert sorted(p.name for p in tmp_path.glob("bundled-old*.nt")) == ["bundled-old2.nt", "bundled-old3.nt"]
    assert query_cache.bundled_graph_path() == first and built == [1]  # reused, not rebuilt
    monkeypatch.setattr(query_cache, "build_key", lambda: "other")
    second = query_cache.bundled_graph_path()
    assert second.name == "bundled-other.nt" and built == [1, 1] and first.exists()
    assert not list(tmp_path.glob("*.part"))


def test_cache_key_covers_the_build_code_and_data():
    from plankg import caching

    files = {p.relative_to(caching.PACKAGE_DIR).as_posix() for p in caching.build_files()}
    assert "graph/build.py" in files and "ontology/plan.ttl" in files and "cjk.py" in files
    assert "extract/data/precomputed/jieba-words.marisa" in files
    assert any(f.startswith("extract/data/") for f in files)
    assert not any(f.startswith("queries/") for f in files)


def test_cli_query_uses_the_cache(run_plankg, tmp_path: Path, plan_graph_path):
    """Without --graph a subprocess finds the graph the session built (same key), in a
    second or two, not the several seconds a build takes."""
    result = run_plankg("query", "tasks-naming", "--param", "name=CIPS", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].split(",")[:2] == ["CIPS", "12"]
    assert (query_cache.cache_dir() / f"bundled-{query_cache.build_key()}.nt").is_file()
