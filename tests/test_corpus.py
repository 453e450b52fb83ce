"""Corpus builds — folders of plans in one graph, entities shared across documents,
cross-plan queries, ``plankg diff`` and bulk loading the N-Quads into Oxigraph.

The corpus is ``tests/corpus`` (three small plans of our own, 2022–2024, naming some of the
same entities in different words; see tests/fixtures/README.md), the bundled plan (2021) and
the ``gbk_plan.txt`` fixture (2024). Builds run in this process through CliRunner (the
spaCy pipeline loads once); ``PLANKG_CACHE_DIR`` points at a session temp dir (conftest).
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from plankg.cli import main
from plankg.extract import extract
from plankg.extract.read import read_document
from plankg.graph import build_dataset, serialize
from plankg.build.corpus import SUPPORTED_SUFFIXES, shard_path, walk
from plankg.ontology import DEFAULT_BASE, PLAN
from plankg.queries import load_query, run_query

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus"
FIXTURES = TESTS / "fixtures"
BUNDLED = Path(str(resources.files("plankg.extract").joinpath("data/seed/000_3caac22b84fb63e1.txt")))
ENTITIES = URIRef(f"{DEFAULT_BASE}graph/entities")

A = CORPUS / "2022" / "linjiang_fintech.txt"   # 临府办发〔2022〕8号, 2022-03-15
B = CORPUS / "2023" / "binhai_notice.html"     # 滨管发〔2023〕12号, 2023-06-01
C = CORPUS / "2024" / "binhai_opinion.md"      # 2024-09-10
PLAN_A = f"{DEFAULT_BASE}plan/lin-fu-ban-fa-2022-8"
PLAN_B = f"{DEFAULT_BASE}plan/bin-guan-fa-2023-12"
PBOC = f"{DEFAULT_BASE}entity/pboc"
SHCH = f"{DEFAULT_BASE}entity/shang-hai-qing-suan-suo"
FTZ = f"{DEFAULT_BASE}entity/zi-you-mao-yi-shi-yan-qu"


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)), prog_name="plankg", catch_exceptions=False)


def totals(result) -> str:
    return next(line for line in result.stderr.splitlines() if line.startswith("plankg: ") and " documents: " in line)


def warnings(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("plankg: warning:")]


def quads(path: Path, fmt: str = "nq") -> set[tuple]:
    formats = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
    return {tuple(_value(t) for t in q) for q in ox.parse(path=str(path), format=formats[fmt])}


def _value(term) -> str:
    """An IRI's or literal's lexical value (a literal's tag or datatype is not compared)."""
    return getattr(term, "value", str(term))


def dataset(path: Path) -> Dataset:
    data = Dataset()
    data.parse(path, format="nquads" if path.suffix == ".nq" else "trig")
    return data


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    """tests/corpus + the bundled plan + one fixture, as one folder tree."""
    root = tmp_path_factory.mktemp("plans")
    shutil.copytree(CORPUS, root / "corpus", ignore=shutil.ignore_patterns("README.md"))
    shutil.copyfile(BUNDLED, root / "2021-shanghai-ifc.txt")
    shutil.copyfile(FIXTURES / "gbk_plan.txt", root / "corpus" / "2024" / "gbk_plan.txt")
    (root / "corpus" / "notes.csv").write_text("not,a,plan\n", "utf-8")  # other types are not read
    return root


@pytest.fixture(scope="module")
def built(corpus_dir, tmp_path_factory) -> dict:
    """The corpus built once with --jobs 1 (no cache) into N-Quads and TriG."""
    out = tmp_path_factory.mktemp("built")
    result = invoke("build", corpus_dir, "-o", out / "g.nq", "-o", out / "g.trig", "--no-cache")
    assert result.exit_code == 0, result.output
    return {"out": out, "result": result, "nq": out / "g.nq", "trig": out / "g.trig"}


@pytest.fixture(scope="module")
def store(built) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(built["nq"]), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="module")
def union(built):
    from plankg.graph.load import load_graph

    return load_graph(built["nq"])


# ----------------------------------------------------------------------------- walking


def test_walk_is_recursive_sorted_and_reads_supported_files_only(corpus_dir):
    found = walk([str(corpus_dir)])
    names = [Path(s.path).relative_to(corpus_dir).as_posix() for s in found.sources]
    assert names == ["2021-shanghai-ifc.txt", "corpus/2022/linjiang_fintech.txt", "corpus/2023/binhai_notice.html",
                     "corpus/2024/binhai_opinion.md", "corpus/2024/gbk_plan.txt"]
    assert all(Path(n).suffix in SUPPORTED_SUFFIXES for n in names)
    assert found.ignored == Counter({".csv": 1}) and found.warnings == []


def test_walk_survives_symlink_loops_and_links_twice_to_one_file(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copyfile(A, tmp_path / "a" / "b" / "plan.txt")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")  # a/b/loop -> a
    os.symlink(tmp_path, tmp_path / "a" / "up")  # a/up -> the root
    os.symlink(tmp_path / "a" / "b" / "plan.txt", tmp_path / "a" / "same.txt")
    (tmp_path / ".hidden").mkdir()
    shutil.copyfile(A, tmp_path / ".hidden" / "x.txt")
    found = walk([str(tmp_path)])
    assert [Path(s.path).relative_to(tmp_path).as_posix() for s in found.sources] == ["a/b/plan.txt"]
    assert len(found.warnings) == 3  # two links back to folders walked, one to a file taken
    assert any("a/b/loop" in w and "already walked" in w for w in found.warnings)


def _bad_folder(root: Path) -> dict[str, str]:
    """Good plans beside bad files; returns bad file -> words of its warning."""
    (root / "good").mkdir(parents=True)
    shutil.copyfile(A, root / "good" / "a.txt")
    shutil.copyfile(B, root / "good" / "b.html")
    rng = random.Random(20240515)  # as in test_bad_input: neither UTF-8 nor GB18030 nor Big5
    (root / "bad").mkdir()
    (root / "bad" / "empty.md").write_bytes(b"")
    (root / "bad" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (root / "bad" / "noise.htm").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    os.symlink(root / "nowhere.txt", root / "bad" / "gone.txt")
    bad = {"empty.md": "empty", "image.txt": "PNG", "noise.htm": "decode", "gone.txt": "broken symbolic link"}
    if os.geteuid() != 0:  # root reads anything
        shutil.copyfile(A, root / "bad" / "locked.txt")
        (root / "bad" / "locked.txt").chmod(0)
        bad["locked.txt"] = "cannot read"
    return bad


def test_bad_files_in_a_folder_are_skipped_with_one_warning_each(tmp_path):
    bad = _bad_folder(tmp_path / "plans")
    out = tmp_path / "out.nq"
    result = invoke("build", tmp_path / "plans", "-o", out, "--no-cache")
    assert result.exit_code == 1, result.output
    lines = warnings(result)
    assert len(lines) == len(bad), lines
    for name, words in bad.items():
        assert sum(1 for line in lines if name in line and words in line) == 1, (name, lines)
    # the good documents are written, the summary says what failed
    assert {q[3] for q in quads(out)} >= {PLAN_A, PLAN_B}
    assert result.stdout.splitlines()[-1] == f"wrote {out}"
    # the broken link is a walk warning, the others failed documents
    assert f"2 built (0 from cache), {len(bad) - 1} failed" in totals(result)
    assert sum(1 for line in result.stderr.splitlines() if line.rstrip().endswith("FAILED")) == len(bad) - 1


def test_a_folder_with_nothing_readable_is_an_error_and_writes_nothing(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "empty.txt").write_bytes(b"")
    result = invoke("build", tmp_path / "plans", "-o", tmp_path / "out.nq")
    assert result.exit_code == 2
    assert "no document could be built" in result.stderr.splitlines()[-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]


def test_a_named_bad_file_stops_the_build_unless_keep_going(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    strict = invoke("build", A, tmp_path / "empty.txt", "-o", tmp_path / "out.nq")
    assert strict.exit_code == 2 and len(strict.stderr.splitlines()) == 1 and "empty" in strict.stderr
    assert not (tmp_path / "out.nq").exists()
    lenient = invoke("build", A, tmp_path / "empty.txt", "-o", tmp_path / "out.nq", "--keep-going")
    assert lenient.exit_code == 1 and (tmp_path / "out.nq").exists()


# ----------------------------------------------------------------------------- determinism, cache


def test_jobs_2_writes_the_same_bytes_as_jobs_1(built, corpus_dir, tmp_path):
    result = invoke("build", corpus_dir, "-o", tmp_path / "g.nq", "-o", tmp_path / "g.trig", "--jobs", "2",
                    "--no-cache")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.nq").read_bytes() == built["nq"].read_bytes()
    assert (tmp_path / "g.trig").read_bytes() == built["trig"].read_bytes()
    assert result.stdout == built["result"].stdout.replace(str(built["out"]), str(tmp_path))
    # TriG and N-Quads hold the same quads
    assert quads(built["trig"], "trig") == quads(built["nq"])


def test_the_output_does_not_depend_on_the_hash_seed_or_the_workers(tmp_path):
    """Fresh processes under different string hash seeds, one with two workers: the same bytes.
    (These two fixtures have spans that two rules of equal priority propose.)"""
    names = [FIXTURES / "discovery" / "runon_plan.txt", FIXTURES / "discovery" / "opinion_crossborder.txt"]
    runs = {"1": [], "2": [], "3": ["--jobs", "2"]}
    processes = {}
    for seed, extra in runs.items():
        processes[seed] = subprocess.Popen(
            [sys.executable, "-m", "plankg", "build", *map(str, names), "-o", str(tmp_path / f"{seed}.nq"),
             "--no-cache", *extra], env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for seed, process in processes.items():
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    data = {seed: (tmp_path / f"{seed}.nq").read_bytes() for seed in runs}
    assert data["1"] == data["2"] == data["3"]


def test_a_rerun_reuses_the_cached_results(built, corpus_dir, tmp_path):
    first = invoke("build", corpus_dir, "-o", tmp_path / "g.nq")
    assert first.exit_code == 0 and " (0 from cache)" in totals(first)
    again = invoke("build", corpus_dir, "-o", tmp_path / "again.nq", "--jobs", "2")
    assert again.exit_code == 0 and "5 built (5 from cache)" in totals(again)
    assert (tmp_path / "again.nq").read_bytes() == (tmp_path / "g.nq").read_bytes() == built["nq"].read_bytes()
    # a changed document is built again, the others come from the cache
    changed = tmp_path / "changed"
    shutil.copytree(corpus_dir, changed)
    first_copy = invoke("build", changed, "-o", tmp_path / "c1.nq")  # paths are part of the key
    assert " (0 from cache)" in totals(first_copy)
    target = changed / "corpus" / "2022" / "linjiang_fintech.txt"
    target.write_text(target.read_text("utf-8").replace("定期开展评估", "每年开展评估"), "utf-8")
    second = invoke("build", changed, "-o", tmp_path / "c2.nq")
    assert "5 built (4 from cache)" in totals(second)
    assert second.stderr.count("  cached") == 4


def test_the_entity_graph_may_be_written_in_pieces(built, corpus_dir, tmp_path, monkeypatch):
    import plankg.graph.build

    monkeypatch.setattr(plankg.graph.build, "ENTITY_CHUNK", 7)
    result = invoke("build", corpus_dir, "-o", tmp_path / "g.nq", "-o", tmp_path / "g.trig", "--no-cache")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.nq").read_bytes() == built["nq"].read_bytes()  # sorted by IRI either way
    assert (tmp_path / "g.trig").read_text("utf-8").count(f"<{ENTITIES}> {{") > 10
    assert quads(tmp_path / "g.trig", "trig") == quads(built["nq"])


def test_streaming_build_holds_the_same_quads_as_the_in_memory_dataset(built, corpus_dir):
    sources = [s.path for s in walk([str(corpus_dir)]).sources]
    data = build_dataset([extract(read_document(p)) for p in sources])
    in_memory = set(ox.parse(serialize(data, "nquads"), format=ox.RdfFormat.N_QUADS))
    assert in_memory == set(ox.parse(path=str(built["nq"]), format=ox.RdfFormat.N_QUADS))


def test_the_corpus_conforms_to_the_shapes(union):
    from plankg.ontology import validate

    conforms, report = validate(union)
    assert conforms, report


# ----------------------------------------------------------------------------- one entity across documents


def test_the_same_entity_has_one_iri_in_every_plan(built):
    data = dataset(built["nq"])
    mentioned = {str(g.identifier): {str(o) for o in g.objects(URIRef(str(g.identifier)), PLAN.mentions)}
                 for g in data.graphs() if str(g.identifier).startswith(f"{DEFAULT_BASE}plan/")}
    assert len(mentioned) == 5
    a, b = mentioned[PLAN_A], mentioned[PLAN_B]
    # 上海清算所 in every plan of the corpus; 中国人民银行 / 人民银行 and 自由贸易试验区 / 自贸试验区 join
    assert SHCH in a and SHCH in b and PBOC in a and PBOC in b and FTZ in a and FTZ in b
    assert sum(SHCH in names for names in mentioned.values()) == 4  # all but gbk_plan.txt
    entities = data.graph(ENTITIES)
    assert {str(o) for o in entities.objects(URIRef(PBOC), SKOS.prefLabel)} == {"中国人民银行"}
    assert Literal("人民银行", lang="zh") in set(entities.objects(URIRef(PBOC), SKOS.altLabel))
    assert Literal("自贸试验区", lang="zh") in set(entities.objects(URIRef(FTZ), SKOS.altLabel))
    # each entity: one prefLabel and one type, in the entity graph only
    for subject in set(entities.subjects(SKOS.prefLabel)):
        assert len(set(entities.objects(subject, SKOS.prefLabel))) == 1


def _entity_iris(path: Path) -> set[str]:
    return {q[2] for q in quads(path) if q[1] == str(PLAN.entity)}


def test_entity_iris_do_not_depend_on_the_other_documents(tmp_path):
    """Discovered names (临江市, 临江数字金融研究院) and homophone place names (苏州市 / 宿州市)
    get IRIs from their own names: built alone or with others, a plan's entities keep them."""
    homophones = tmp_path / "homophones.txt"
    homophones.write_text("苏州市与宿州市金融合作方案\n一、主要任务\n1．支持苏州市与宿州市共建产业基金。\n"
                          "2．推动宿州市企业对接临江数字金融研究院。\n", "utf-8")
    suzhou = tmp_path / "suzhou.txt"
    suzhou.write_text("苏州市普惠金融工作要点\n一、主要任务\n1．推动苏州市普惠金融发展。\n", "utf-8")
    alone = {}
    for path in (A, homophones, suzhou):
        assert invoke("build", path, "-o", tmp_path / f"{path.stem}.nq").exit_code == 0
        alone[path.stem] = _entity_iris(tmp_path / f"{path.stem}.nq")
    together = tmp_path / "together.nq"
    assert invoke("build", A, homophones, suzhou, "-o", together).exit_code == 0
    by_plan: dict[str, set[str]] = {}
    for s, p, o, g in quads(together):
        if p == str(PLAN.entity):
            by_plan.setdefault(g, set()).add(o)
    assert sorted(map(frozenset, by_plan.values()), key=len) == sorted(map(frozenset, alone.values()), key=len)
    iris = set().union(*alone.values())
    su = [i for i in iris if "/entity/su-zhou-shi" in i]
    assert len(su) == 2 and all(i.rsplit("-", 1)[-1].isalnum() and len(i.rsplit("-", 1)[-1]) == 6 for i in su)
    institute = [i for i in iris if "/entity/lin-jiang-shu-zi-jin-rong-yan-jiu-yuan-" in i]
    assert len(institute) == 1  # one IRI in both plans naming it


def test_names_a_document_defines_stay_in_its_own_graph(built):
    """Plan A defines 临江数字金融研究院（以下简称数金院）; plan B writes 数金院 without defining it."""
    data = dataset(built["nq"])
    label = Literal("数金院", lang="zh")
    holders = {str(g.identifier) for g in data.graphs() if (None, SKOS.altLabel, label) in g}
    assert holders == {PLAN_A}
    institute = next(data.graph(URIRef(PLAN_A)).subjects(SKOS.altLabel, label))
    assert (institute, SKOS.prefLabel, Literal("临江数字金融研究院", lang="zh")) in data.graph(ENTITIES)
    assert (None, None, institute) not in data.graph(URIRef(PLAN_B))
    assert "数金院" in B.read_text("utf-8")


def test_plans_with_one_title_are_both_kept(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    shutil.copyfile(C, tmp_path / "x" / "plan.md")
    text = C.read_text("utf-8").replace("百分之十五", "百分之二十")
    (tmp_path / "y" / "plan.md").write_text(text, "utf-8")
    out = tmp_path / "g.nq"
    result = invoke("build", tmp_path / "x", tmp_path / "y", "-o", out)
    assert result.exit_code == 0, result.output
    slug = f"{DEFAULT_BASE}plan/bin-hai-xin-qu-guan-yu-zhi-chi-lv-se-jin-rong-gao-zhi-liang-fa-zhan-de-ruo-gan-y"
    plans = {q[0]: q[3] for q in quads(out) if q[1] == str(PLAN.inPlan)}
    assert set(plans.values()) == {slug, f"{slug}-2"}
    sources = {q[3]: q[2] for q in quads(out) if q[1] == "http://purl.org/dc/terms/source"}
    assert sources == {slug: str(tmp_path / "x" / "plan.md"), f"{slug}-2": str(tmp_path / "y" / "plan.md")}
    # the second plan is built again under its own slug; by a worker with --jobs 2, to the same bytes
    parallel = invoke("build", tmp_path / "x", tmp_path / "y", "-o", tmp_path / "j2.nq", "--jobs", "2", "--no-cache")
    assert parallel.exit_code == 0 and (tmp_path / "j2.nq").read_bytes() == out.read_bytes()


def test_each_plan_carries_its_date_and_issuer(store):
    rows = run_query(load_query("plans"), store).records()
    assert [(str(r["issued"]), str(r.get("publisher", ""))) for r in rows] == [
        ("2021-08-24", "上海市人民政府"), ("2022-03-15", "临江市人民政府办公厅"), ("2023-06-01", "滨海新区管理委员会"),
        ("2024-02-01", "临江市人民政府办公厅"), ("2024-09-10", "滨海新区管理委员会")]


# ----------------------------------------------------------------------------- cross-plan queries


@pytest.fixture(params=["rdflib", "oxigraph"])
def target(request, store, union):
    return union if request.param == "rdflib" else store


def _column(result, name: str) -> list[str]:
    return [str(v) for v in result.column(name)]


def test_shared_entities_of_two_plans(target, corpus_dir):
    result = run_query(load_query("shared-entities"), target,
                       {"a": "lin-fu-ban-fa-2022-8", "b": "滨海新区关于推进跨境金融服务创新的通知"})
    assert _column(result, "entity") == ["上海清算所", "中国人民银行", "自由贸易试验区"]
    assert _column(result, "type") == ["Institution", "Institution", "Place"]
    c = corpus_dir / "corpus" / "2024" / "binhai_opinion.md"  # as read: the source path is in the graph
    by_path = run_query(load_query("shared-entities"), target, {"a": PLAN_A, "b": str(c)})
    assert set(_column(by_path, "entity")) == {"上海清算所", "中国人民银行", "全国银行间债券市场", "绿色债券",
                                               "自由贸易试验区"}


def test_entity_timeline_in_date_order(target):
    result = run_query(load_query("entity-timeline"), target, {"name": "人民银行"})
    assert set(_column(result, "entity")) == {"中国人民银行"}
    dates = _column(result, "issued")
    assert dates == sorted(dates) and dates[0] == "2021-08-24" and dates[-1] == "2024-09-10"
    assert ("2022-03-15", "2") in set(zip(dates, _column(result, "task")))  # task 2 of plan A
    assert {"上海市人民政府", "临江市人民政府办公厅", "滨海新区管理委员会"} <= set(_column(result, "publisher"))
    shch = run_query(load_query("entity-timeline"), target, {"name": "上海清算所"})
    assert len(set(_column(shch, "plan"))) == 4  # all but gbk_plan.txt


def test_entities_new_in_a_plan(target, corpus_dir):
    b = {(t, e) for t, e in zip(*(_column(run_query(load_query("new-entities"), target, {"plan": PLAN_B}), c)
                                  for c in ("type", "entity")))}
    assert ("Market", "科创板") not in b  # the 2021 plan names it already
    assert ("Place", "滨海新区") in b and ("Institution", "中国人民银行") not in b
    a = corpus_dir / "corpus" / "2022" / "linjiang_fintech.txt"
    first = _column(run_query(load_query("new-entities"), target, {"plan": str(a)}), "entity")
    assert "临江数字金融研究院" in first and "上海清算所" not in first
    oldest = run_query(load_query("new-entities"), target, {"plan": "上海国际金融中心建设“十四五”规划"})
    assert len(oldest) > 100  # nothing is earlier than 2021


def test_places_each_plan_targets(target):
    result = run_query(load_query("plan-places"), target)
    titled = {(str(r["plan"]), str(r["place"])) for r in result.records() if r["in_title"].toPython() is True}
    assert (PLAN_A, "临江市") in titled and (PLAN_B, "滨海新区") in titled
    first = result.records()[0]
    assert str(first["issued"]) == "2021-08-24" and str(first["place"]) == "上海市"


# ----------------------------------------------------------------------------- plankg diff


def _listing(text: str) -> set[tuple[str, ...]]:
    """The (sign, type, entity) rows of ``plankg diff``'s output."""
    rows = {tuple(line.split()) for line in text.splitlines()}
    return {row for row in rows if len(row) == 3 and row[0] in ("+", "-", "=") and not row[1].startswith("--")}


def test_diff_of_two_plans_in_a_graph(built, corpus_dir):
    b = corpus_dir / "corpus" / "2023" / "binhai_notice.html"  # a plan by its source path, another by slug
    result = invoke("diff", "lin-fu-ban-fa-2022-8", b, "--graph", built["nq"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("A: 临江市金融科技发展三年行动方案") and PLAN_A in lines[0]
    assert lines[1].startswith("B: 滨海新区关于推进跨境金融服务创新的通知")
    listing = _listing(result.stdout)
    assert {("+", "institution", "人民币跨境支付系统"), ("+", "market", "科创板"),
            ("-", "institution", "临江数字金融研究院"), ("-", "product", "数字人民币"),
            ("=", "institution", "上海清算所"), ("=", "institution", "中国人民银行"),
            ("=", "place", "自由贸易试验区")} <= listing
    total = next(line.split() for line in lines if line.startswith("total"))
    assert total[1:] == [str(sum(1 for s, *_ in listing if s == sign)) for sign in "+-="]


def test_diff_of_two_document_files():
    result = invoke("diff", A, B)
    assert result.exit_code == 0, result.output
    assert ("=", "institution", "中国人民银行") in _listing(result.stdout)


def test_diff_names_an_ambiguous_or_unknown_plan(built):
    ambiguous = invoke("diff", "滨海新区", "lin-fu-ban-fa-2022-8", "--graph", built["nq"])
    assert ambiguous.exit_code == 2 and "ambiguous" in ambiguous.stderr
    unknown = invoke("diff", "no-such-plan", "lin-fu-ban-fa-2022-8", "--graph", built["nq"])
    assert unknown.exit_code == 2 and "no plan 'no-such-plan'" in unknown.stderr


# ----------------------------------------------------------------------------- shards and bulk loading


def test_shards_load_into_oxigraph_with_its_bulk_loader(built, corpus_dir, tmp_path):
    out = tmp_path / "corpus.nq"
    (tmp_path / "corpus-00099.nq").write_text("stale\n")  # from an earlier, longer build
    result = invoke("build", corpus_dir, "-o", out, "--shard-size", "300")
    assert result.exit_code == 0, result.output
    shards = sorted(tmp_path.glob("corpus-*.nq"))
    assert len(shards) >= 3 and not out.exists() and shards[0] == shard_path(out, 1)
    assert [line.split()[1] for line in result.stdout.splitlines() if line.startswith("wrote")] == list(map(str, shards))
    written = sum(len(p.read_bytes().splitlines()) for p in shards)
    assert b"".join(sorted(line for p in shards for line in p.read_bytes().splitlines(keepends=True))) == \
        b"".join(sorted(built["nq"].read_bytes().splitlines(keepends=True)))
    # documents are never split across shards
    graphs = [{q[3] for q in quads(p)} - {str(ENTITIES)} for p in shards]
    assert sum(len(g) for g in graphs) == 5
    oxigraph = shutil.which("oxigraph")
    assert oxigraph, "the oxigraph server package (test extras) provides the bulk loader"
    location = tmp_path / "store"
    subprocess.run([oxigraph, "load", "--location", location, "--file", *shards], check=True,
                   capture_output=True, timeout=120)
    counted = subprocess.run([oxigraph, "query", "--location", location, "--results-format", "tsv", "--query",
                              "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"],
                             check=True, capture_output=True, text=True, timeout=120)
    assert int(counted.stdout.splitlines()[1].split("^^")[0].strip('"')) == written
    assert "quads" in totals(result) and f"{written:,} quads" in totals(result)
