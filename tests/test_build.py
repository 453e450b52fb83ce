"""``plankg build`` end to end: outputs, formats, determinism, IRIs, SHACL and offsets.

The bundled plan is built by two real ``python -m plankg build`` subprocesses at
once (module fixture ``seeded``), each with its own PYTHONHASHSEED and each
writing every format (``-o graph.ttl -o graph.nt …``, in opposite orders).
Everything else runs in this process through ``click.testing.CliRunner``.
"""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from plankg import __version__
from plankg.cli import main
from plankg.extract import extract
from plankg.extract.read import read_document
from plankg.graph import build_dataset, build_graph
from plankg.ontology import DEFAULT_BASE, NIF, PLAN, validate
from plankg.ontology.namespace import ENTITY_CLASSES, UNIT_CLASSES

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_NAMES = sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*")
                       if p.is_file() and p.name != "README.md")
BUNDLED_FILE = resources.files("plankg.extract").joinpath("data/seed/000_3caac22b84fb63e1.txt")

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}
OX_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
             "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
FORMATS = ["ttl", "nt", "jsonld", "trig", "nq"]
DATASET_FORMATS = {"trig", "nq"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """Two concurrent ``python -m plankg build`` runs of the bundled plan under different hash seeds."""
    runs = {"a": ("1", FORMATS), "b": ("4242", FORMATS[::-1])}
    dirs = {name: tmp_path_factory.mktemp(name) for name in runs}
    running = {}
    for name, (seed, formats) in runs.items():
        outputs = [arg for ext in formats for arg in ("-o", f"graph.{ext}")]
        running[name] = subprocess.Popen(
            [sys.executable, "-m", "plankg", "build", *outputs], cwd=dirs[name],
            env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=300)
        results[name] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
        assert process.returncode == 0, (name, err)
    return dirs, results


@pytest.fixture(scope="module")
def bundled_graph(seeded) -> Graph:
    dirs, _ = seeded
    graph = Graph()
    graph.parse(dirs["a"] / "graph.ttl", format="turtle")
    return graph


def union(data: Dataset) -> Graph:
    """All triples of a dataset (rdflib's Dataset answers triple patterns from its default graph only)."""
    graph = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def count_types(graph: Graph, classes) -> dict[str, int]:
    return {name: len(set(graph.subjects(RDF.type, cls))) for name, cls in classes.items()}


# ================================================================ the real subprocess build


def test_subprocess_writes_every_output(seeded):
    dirs, results = seeded
    for name, formats in (("a", FORMATS), ("b", FORMATS[::-1])):
        run = results[name]
        # plankg-out/ holds the record of the last build (its first output: the current graph)
        assert sorted(p.name for p in dirs[name].iterdir()) == sorted([f"graph.{ext}" for ext in FORMATS]
                                                                      + ["plankg-out"])
        assert [p.name for p in (dirs[name] / "plankg-out").iterdir()] == ["record.json"]
        assert json.loads((dirs[name] / "plankg-out" / "record.json").read_text())["build"] == f"graph.{formats[0]}"
        assert run.stdout.splitlines()[1:] == [f"wrote graph.{ext}" for ext in formats]
        assert "Traceback" not in run.stderr
        assert all((dirs[name] / f"graph.{ext}").stat().st_size > 100_000 for ext in FORMATS)


SUMMARY = re.compile(r"^(?P<title>.+): (?P<units>[^;]+); (?P<entities>\d+) entit(?:y|ies) \((?P<types>[^)]*)\), "
                     r"(?P<mentions>\d+) mentions?$")


def parse_summary(line: str) -> dict:
    match = SUMMARY.match(line)
    assert match, line
    units = {}
    for part in match["units"].split(", "):
        n, kind = part.split(" ")
        units[kind.rstrip("s")] = int(n)
    types = {}
    for part in match["types"].split(", "):
        n, kind = part.split(" ")
        types[kind] = int(n)
    return {"title": match["title"], "units": units, "entities": int(match["entities"]), "types": types,
            "mentions": int(match["mentions"])}


def test_summary_counts_match_the_graph(seeded, bundled_graph):
    _, results = seeded
    line = results["a"].stdout.splitlines()[0]
    assert results["b"].stdout.splitlines()[0] == line
    summary = parse_summary(line)
    assert summary["title"] == "上海国际金融中心建设“十四五”规划"
    assert summary["units"] == {"part": 4, "section": 14, "task": 44, "column": 5, "item": 19, "goal": 6,
                                "principle": 5}
    assert count_types(bundled_graph, UNIT_CLASSES) == summary["units"]
    in_graph = {k: v for k, v in count_types(bundled_graph, ENTITY_CLASSES).items() if v}
    assert in_graph == summary["types"]
    assert sum(in_graph.values()) == summary["entities"] > 50
    assert len(set(bundled_graph.subjects(RDF.type, PLAN.Mention))) == summary["mentions"]


@pytest.mark.parametrize("ext", FORMATS)
def test_rebuild_is_byte_identical_across_hash_seeds(seeded, ext):
    dirs, _ = seeded
    first = (dirs["a"] / f"graph.{ext}").read_bytes()
    second = (dirs["b"] / f"graph.{ext}").read_bytes()
    assert len(first) > 100_000
    assert first == second


def ox_quads(path: Path, ext: str) -> list:
    return list(ox.parse(path=str(path), format=OX_FORMAT[ext]))


def assert_parses_alike(path: Path, ext: str, *, dataset: bool) -> int:
    """rdflib and pyoxigraph (parser and store) read the same number of triples or quads."""
    quads = ox_quads(path, ext)
    store = ox.Store()
    store.load(path=str(path), format=OX_FORMAT[ext])
    assert len(store) == len(set(quads)) == len(quads)
    if dataset:
        data = Dataset()
        data.parse(path, format=RDFLIB_FORMAT[ext])
        rdflib_quads = [(s, p, o, g) for s, p, o, g in data.quads((None, None, None, None))]
        assert len(rdflib_quads) == len(quads)
        named = {str(g) for *_, g in rdflib_quads if str(g) != "urn:x-rdflib:default"}
        assert named == {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
        assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
        subjects = {str(q[0]) for q in rdflib_quads}
    else:
        graph = Graph()
        graph.parse(path, format=RDFLIB_FORMAT[ext])
        assert len(graph) == len(quads)
        assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
        subjects = {str(s) for s in graph.subjects()}
    assert subjects == {q.subject.value for q in quads}
    return len(quads)


def test_every_bundled_file_parses_in_rdflib_and_pyoxigraph(seeded, bundled_graph):
    dirs, _ = seeded
    counts = {ext: assert_parses_alike(dirs["a"] / f"graph.{ext}", ext, dataset=ext in DATASET_FORMATS)
              for ext in FORMATS}
    # every format holds the same triples: the datasets add none, only graph names
    assert len(set(counts.values())) == 1
    assert counts["ttl"] == len(bundled_graph)


def test_bundled_graph_conforms(bundled_graph):
    conforms, report = validate(bundled_graph)
    assert conforms, report


def test_bundled_dataset_has_plan_and_entity_graphs(seeded):
    dirs, _ = seeded
    data = Dataset()
    data.parse(dirs["a"] / "graph.trig", format="trig")
    names = {str(g.identifier) for g in data.graphs() if len(g)}
    plan = f"{DEFAULT_BASE}plan/shang-hai-guo-ji-jin-rong-zhong-xin-jian-she-shi-si-wu-gui-hua"
    assert names == {plan, f"{DEFAULT_BASE}graph/entities"}
    plan_graph = data.graph(URIRef(plan))
    assert (URIRef(plan), RDF.type, PLAN.Plan) in plan_graph
    assert len(set(plan_graph.subjects(RDF.type, PLAN.Task))) == 44
    entities = data.graph(URIRef(f"{DEFAULT_BASE}graph/entities"))
    assert not set(entities.subjects(RDF.type, PLAN.Task))
    assert set(entities.subjects(SKOS.prefLabel)) == set(plan_graph.objects(None, PLAN.entity))


# ---------------------------------------------------------------- offsets of mentions


def test_mention_offsets_in_the_text(bundled_graph):
    plan = next(bundled_graph.subjects(RDF.type, PLAN.Plan))
    text = str(bundled_graph.value(plan, NIF.isString))
    mentions = set(bundled_graph.subjects(RDF.type, PLAN.Mention))
    assert len(mentions) > 200
    for mention in mentions:
        anchor = str(bundled_graph.value(mention, NIF.anchorOf))
        begin = int(bundled_graph.value(mention, NIF.beginIndex))
        end = int(bundled_graph.value(mention, NIF.endIndex))
        assert text[begin:end] == anchor, mention
        sentence = str(bundled_graph.value(mention, PLAN.sentence))
        assert anchor in sentence, mention
        sentence_begin = int(bundled_graph.value(mention, PLAN.sentenceBeginIndex))
        assert text[sentence_begin:sentence_begin + len(sentence)] == sentence
        assert sentence_begin <= begin and end <= sentence_begin + len(sentence)
        assert bundled_graph.value(mention, NIF.referenceContext) == plan


def test_mention_offsets_in_the_source_file(bundled_graph):
    raw = BUNDLED_FILE.read_bytes().decode("utf-8")
    mentions = set(bundled_graph.subjects(RDF.type, PLAN.Mention))
    for mention in mentions:
        anchor = str(bundled_graph.value(mention, NIF.anchorOf))
        begin = int(bundled_graph.value(mention, PLAN.sourceBeginIndex))
        end = int(bundled_graph.value(mention, PLAN.sourceEndIndex))
        assert 0 <= begin < end <= len(raw)
        assert html.unescape(re.sub(r"<[^>]*>", "", raw[begin:end])) == anchor, (mention, raw[begin:end])


def test_units_link_the_entities_their_mentions_name(bundled_graph):
    linked = {(u, e) for u, e in bundled_graph.subject_objects(PLAN.mentions)}
    for mention in bundled_graph.subjects(RDF.type, PLAN.Mention):
        unit = bundled_graph.value(mention, PLAN.inUnit)
        entity = bundled_graph.value(mention, PLAN.entity)
        assert (unit, entity) in linked
    task12 = next(t for t in bundled_graph.subjects(RDF.type, PLAN.Task)
                  if str(bundled_graph.value(t, SKOS.notation)) == "12")
    assert str(bundled_graph.value(task12, RDFS.label)) == "加强金融基础设施体系建设"
    names = {str(bundled_graph.value(e, SKOS.prefLabel)) for e in bundled_graph.objects(task12, PLAN.mentions)}
    assert "上海清算所" in names


def test_a_box_printed_in_a_task_counts_for_the_task():
    # tasks are the sections 第X节; the box 专栏1 stands in the second; the text runs on after it
    text = "\n".join([
        "临江市金融发展规划", "第一章　主要任务", "第一节　发展绿色金融", "推动银行发行绿色债券。",
        "第二节　服务实体经济", "扩大信用贷款投放。", "专栏1　重点平台", "（一）信用平台。建设上海市公共信用信息服务平台。",
        "（二）结算系统。推广人民币跨境支付系统。", "完善融资担保体系。", "第三节　防范风险", "加强监测。"])
    graph = build_graph(extract(read_document(text.encode(), name="plan.txt")))
    task = next(t for t in graph.subjects(RDF.type, PLAN.Task) if str(graph.value(t, RDFS.label)) == "服务实体经济")
    named = {str(graph.value(e, SKOS.prefLabel)) for e in graph.objects(task, PLAN.mentions)}
    assert {"信用贷款", "上海市公共信用信息服务平台", "人民币跨境支付系统"} <= named


# ================================================================ in-process builds (CliRunner)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, list(map(str, args)), prog_name="plankg")


def test_cli_default_output_under_working_directory(runner, tmp_path, monkeypatch, seeded):
    dirs, results = seeded
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "build")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plankg-out"]
    out = tmp_path / "plankg-out" / "graph.ttl"
    # no temporary file left; network.html is the network page, written beside the default output
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.ttl", "network.html", "record.json"]
    assert result.stdout.splitlines() == [results["a"].stdout.splitlines()[0],
                                          f"wrote {Path('plankg-out') / 'graph.ttl'}",
                                          f"wrote {Path('plankg-out') / 'network.html'}"]
    # the same bytes as the subprocess wrote (another process, another hash seed)
    assert out.read_bytes() == (dirs["a"] / "graph.ttl").read_bytes()
    # an ordinary new file: permissions follow the umask, not mkstemp's private 0600
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_cli_several_inputs_default_to_trig(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "build", FIXTURES / "gbk_plan.txt", FIXTURES / "utf16_notice.txt")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "plankg-out").iterdir()) == ["graph.trig", "record.json"]
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and lines[-1] == f"wrote {Path('plankg-out') / 'graph.trig'}"
    gbk, utf16 = map(parse_summary, lines[:2])
    assert gbk["title"] == "临江市促进金融业高质量发展三年行动计划（2024—2026年）"
    assert gbk["units"] == {"part": 3, "section": 2, "task": 4, "column": 2, "item": 4}
    assert utf16["units"] == {"part": 2, "task": 3}


MULTI = ["gbk_plan.txt", "utf16_notice.txt", "runon_opinion.txt"]
MULTI_PLANS = {"lin-fu-ban-fa-2024-3", "hu-fu-ban-fa-2024-5", "guo-fa-2023-21"}


@pytest.fixture(scope="module")
def multi_outputs(tmp_path_factory):
    """Three fixtures built together into every format."""
    out = tmp_path_factory.mktemp("multi")
    outputs = [arg for ext in [*FORMATS, "json"] for arg in ("-o", out / f"graph.{ext}")]
    result = invoke(CliRunner(), "build", *(FIXTURES / n for n in MULTI), *outputs)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[len(MULTI):] == [f"wrote {out / f'graph.{ext}'}"
                                                       for ext in [*FORMATS, "json"]]
    return out


@pytest.mark.parametrize("ext", FORMATS)
def test_several_inputs_every_format_parses_alike(multi_outputs, ext):
    path = multi_outputs / f"graph.{ext}"
    # several plans: TriG, N-Quads and JSON-LD keep one named graph per plan; Turtle and
    # N-Triples hold the union of the plans' triples
    n = assert_parses_alike(path, ext, dataset=ext in DATASET_FORMATS | {"jsonld"})
    reference = ox_quads(multi_outputs / "graph.nq", "nq")
    assert n == len(reference) > 300


def test_several_inputs_one_named_graph_per_plan(multi_outputs):
    data = Dataset()
    data.parse(multi_outputs / "graph.trig", format="trig")
    names = {str(g.identifier) for g in data.graphs() if len(g)}
    assert names == {f"{DEFAULT_BASE}plan/{slug}" for slug in MULTI_PLANS} | {f"{DEFAULT_BASE}graph/entities"}
    for slug in MULTI_PLANS:
        iri = URIRef(f"{DEFAULT_BASE}plan/{slug}")
        graph = data.graph(iri)
        assert set(graph.subjects(RDF.type, PLAN.Plan)) == {iri}
        # every unit and mention of a plan lives in that plan's graph
        for unit in graph.subjects(PLAN.inPlan, iri):
            assert str(unit).startswith(f"{iri}/")
    tasks = {slug: len(set(data.graph(URIRef(f"{DEFAULT_BASE}plan/{slug}")).subjects(RDF.type, PLAN.Task)))
             for slug in MULTI_PLANS}
    assert tasks == {"lin-fu-ban-fa-2024-3": 4, "hu-fu-ban-fa-2024-5": 3, "guo-fa-2023-21": 4}
    # JSON-LD keeps the named graphs too (pyoxigraph reads them back)
    jsonld = {q.graph_name.value for q in ox_quads(multi_outputs / "graph.jsonld", "jsonld")}
    assert jsonld == names
    assert (multi_outputs / "graph.json").read_bytes() == (multi_outputs / "graph.jsonld").read_bytes()


@pytest.mark.parametrize("ext", ["trig", "nq", "jsonld", "ttl"])
def test_validate_reads_every_plan_of_a_dataset(runner, multi_outputs, ext):
    result = invoke(runner, "validate", multi_outputs / f"graph.{ext}")
    assert result.exit_code == 0, result.output
    assert "Conforms: True" in result.stdout


def test_building_a_dataset_leaves_the_extractions_alone(extraction_of):
    extractions = [extraction_of(name) for name in FIXTURE_NAMES]
    before = [{k: dict(e.alt_labels) for k, e in x.entities.items()} for x in extractions]
    build_dataset(extractions)
    assert [{k: dict(e.alt_labels) for k, e in x.entities.items()} for x in extractions] == before


def test_several_inputs_dataset_conforms(multi_outputs):
    data = Dataset()
    data.parse(multi_outputs / "graph.trig", format="trig")
    conforms, report = validate(data)
    assert conforms, report


def test_same_plan_twice_stays_apart(runner, tmp_path):
    out = tmp_path / "twice.trig"
    result = invoke(runner, "build", FIXTURES / "utf16_notice.txt", FIXTURES / "utf16_notice.txt", "-o", out)
    assert result.exit_code == 0, result.output
    data = Dataset()
    data.parse(out, format="trig")
    plans = {str(p) for p in union(data).subjects(RDF.type, PLAN.Plan)}
    assert plans == {f"{DEFAULT_BASE}plan/hu-fu-ban-fa-2024-5", f"{DEFAULT_BASE}plan/hu-fu-ban-fa-2024-5-2"}


def test_single_input_as_dataset(runner, tmp_path):
    out = tmp_path / "one.nq"
    result = invoke(runner, "build", FIXTURES / "gbk_plan.txt", "-o", out)
    assert result.exit_code == 0, result.output
    graphs = {q.graph_name.value for q in ox_quads(out, "nq")}
    assert graphs == {f"{DEFAULT_BASE}plan/lin-fu-ban-fa-2024-3", f"{DEFAULT_BASE}graph/entities"}


# ---------------------------------------------------------------- SHACL per fixture


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_graph_conforms(extraction_of, name):
    graph = build_graph(extraction_of(name))
    conforms, report = validate(graph)
    assert conforms, report
    assert len(set(graph.subjects(RDF.type, PLAN.Task))) == len(extraction_of(name).structure.of_kind("task"))


# ---------------------------------------------------------------- --base


BASE = "https://example.org/kg/"


def instance_iris(graph) -> set[str]:
    """IRIs of every plan, unit, mention and entity (and graph names of a dataset)."""
    classes = [PLAN.Plan, PLAN.Mention, *UNIT_CLASSES.values(), *ENTITY_CLASSES.values()]
    iris = {str(s) for cls in classes for s in graph.subjects(RDF.type, cls)}
    iris |= {str(o) for o in graph.objects(None, PLAN.mentions)}
    return iris


@pytest.mark.parametrize("ext", ["ttl", "trig"])
def test_base_puts_every_iri_under_it(runner, tmp_path, ext):
    out = tmp_path / f"based.{ext}"
    inputs = [FIXTURES / "gbk_plan.txt"] + ([FIXTURES / "utf16_notice.txt"] if ext == "trig" else [])
    result = invoke(runner, "build", *inputs, "--base", BASE, "-o", out)
    assert result.exit_code == 0, result.output
    data = Dataset() if ext == "trig" else Graph()
    data.parse(out, format=RDFLIB_FORMAT[ext])
    graph = union(data) if ext == "trig" else data
    iris = instance_iris(graph)
    assert len(iris) > 20
    assert all(iri.startswith(BASE) for iri in iris), sorted(i for i in iris if not i.startswith(BASE))[:5]
    assert f"{BASE}plan/lin-fu-ban-fa-2024-3" in iris
    assert not any(str(term).startswith(DEFAULT_BASE) for triple in graph.triples((None, None, None))
                   for term in triple)
    if ext == "trig":
        names = {str(g.identifier) for g in data.graphs() if len(g)}
        assert names == {f"{BASE}plan/lin-fu-ban-fa-2024-3", f"{BASE}plan/hu-fu-ban-fa-2024-5",
                         f"{BASE}graph/entities"}
    conforms, report = validate(graph)
    assert conforms, report


def test_base_without_trailing_slash_gets_one(runner, tmp_path):
    out = tmp_path / "g.nt"
    result = invoke(runner, "build", FIXTURES / "utf16_notice.txt", "--base", "https://example.org/kg", "-o", out)
    assert result.exit_code == 0, result.output
    assert "<https://example.org/kg/plan/hu-fu-ban-fa-2024-5>" in out.read_text("utf-8")


@pytest.mark.parametrize("base", ["ftp://example.org/kg/", "example.org/kg/", "", "https://", "https:///kg/",
                                  "https://example.org/k g/", "https://example.org/kg?x=1", "urn:",
                                  "https://example.org:port/", "https://example.org/<kg>/"])
def test_bad_base_is_one_line_exit_2(runner, tmp_path, base):
    out = tmp_path / "g.ttl"
    result = invoke(runner, "build", FIXTURES / "utf16_notice.txt", "--base", base, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("plankg: error: --base "), result.stderr
    assert result.stdout == ""
    assert not out.exists()


# ---------------------------------------------------------------- --help and --version


COMMANDS = sorted(main.commands)


def test_commands_are_known():
    assert {"build", "validate", "evaluate"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("flag", ["--help", "-h", "--version"])
def test_help_and_version_on_every_command(runner, command, flag):
    args = [flag] if command is None else [command, flag]
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    if flag == "--version":
        assert result.stdout == f"plankg, version {__version__}\n"
    else:
        usage = "plankg" if command is None else f"plankg {command}"
        assert result.stdout.startswith(f"Usage: {usage} ")


def test_version_and_help_in_a_subprocess(run_plankg, tmp_path):
    version = run_plankg("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip().endswith(__version__)
    helped = run_plankg("build", "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "--base" in helped.stdout and "--lexicon" in helped.stdout


# ---------------------------------------------------------------- plankg validate


@pytest.fixture(scope="module")
def small_ttl(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("validate") / "gbk.ttl"
    result = invoke(CliRunner(), "build", FIXTURES / "gbk_plan.txt", "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_validate_good_file(runner, small_ttl):
    result = invoke(runner, "validate", small_ttl)
    assert result.exit_code == 0, result.output
    assert "Conforms: True" in result.stdout


def test_validate_broken_file(runner, small_ttl, tmp_path):
    graph = Graph()
    graph.parse(small_ttl, format="turtle")
    task = next(t for t in graph.subjects(RDF.type, PLAN.Task) if str(graph.value(t, SKOS.notation)) == "3")
    graph.remove((task, SKOS.notation, None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    result = invoke(runner, "validate", broken)
    assert result.exit_code == 1
    assert "Conforms: False" in result.stdout
    assert str(task) in result.stdout and "notation" in result.stdout
    assert result.stderr == ""


def test_validate_wrong_notation_type(runner, small_ttl, tmp_path):
    graph = Graph()
    graph.parse(small_ttl, format="turtle")
    task = next(graph.subjects(RDF.type, PLAN.Task))
    graph.set((task, SKOS.notation, Literal("第三")))
    broken = tmp_path / "broken.nt"
    graph.serialize(broken, format="nt", encoding="utf-8")
    result = invoke(runner, "validate", broken)
    assert result.exit_code == 1 and "Conforms: False" in result.stdout


# ---------------------------------------------------------------- output errors found late


def test_output_is_an_existing_directory(runner, tmp_path):
    out = tmp_path / "graph.ttl"
    out.mkdir()
    result = invoke(runner, "build", FIXTURES / "utf16_notice.txt", "-o", out)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "is a directory" in result.stderr
    assert list(out.iterdir()) == []


def test_output_under_a_file(runner, tmp_path):
    (tmp_path / "file").write_text("x")
    result = invoke(runner, "build", FIXTURES / "utf16_notice.txt", "-o", tmp_path / "file" / "g.ttl")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "cannot write" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_numbering_gap_warns_and_builds(runner, tmp_path):
    source = tmp_path / "gap.txt"
    source.write_text("临江市金融工作方案\n一、主要任务\n1．加强金融监管协调。\n2．推进普惠金融发展。\n"
                      "4．完善地方金融组织体系。\n", encoding="utf-8")
    out = tmp_path / "gap.ttl"
    result = invoke(runner, "build", source, "-o", out)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("plankg: warning:")]
    assert len(warnings) == 1 and "jumps from 2 to 4" in warnings[0] and str(source) in warnings[0]
    graph = Graph()
    graph.parse(out, format="turtle")
    notations = sorted(int(graph.value(t, SKOS.notation)) for t in graph.subjects(RDF.type, PLAN.Task))
    assert notations == [1, 2, 4]
    assert validate(graph)[0]
    assert Counter(parse_summary(result.stdout.splitlines()[0])["units"]) == Counter(part=1, task=3)


def test_a_dataset_of_no_documents_is_empty():
    assert len(build_dataset([])) == 0
