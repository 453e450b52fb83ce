"""The network page (plankg viz, and plankg build beside its default output).

The page is checked as a file (nothing linked, every document string escaped,
deterministic) and in headless Chromium driven by Playwright, for the bundled plan
and for a corpus of ten short plans the tests write themselves (sharing some
entity names):

* safe: no console errors, no request but the page itself, the XSS payloads shown
  as text and never run (with the page's CSP, and without it);
* structure: every entity and unit drawn, no node without an edge, units on the
  ring in document order, type and plan filters, the view switch;
* legible: the ten most central entities labelled at the fitted zoom in at least
  12 px (measured as vis-network draws them), other labels only once zoomed in, no
  edge label with nothing selected, the controls on one line at 1280 px, the canvas
  filling the window, the tooltip gone once the pointer leaves;
* answers: the side panels (what each unit asks of an entity with its evidence; a
  unit's entities by type), the matrix's counts equal to the answer of the SPARQL
  query the page copies (run with ``plankg query``), likewise the panels;
* fast: a 2,000-node graph drawn in under 10 s.

Screenshots of both views of both graphs go to $PLANKG_SCREENSHOT_DIR (default:
a temporary directory); ``PLANKG_SCREENSHOT_DIR=docs`` renews the README's.

The browser tests need /usr/bin/chromium (Debian package ``chromium``, with
``fonts-wqy-zenhei`` for Chinese text; .ci/run installs both) and are skipped,
with that reason, only when it is missing.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyvis.network import Network
from rdflib import Graph
from rdflib.namespace import DCTERMS

from plankg.cli import main
from plankg.graph.analytics import cooccurrence_graph, network_data
from plankg.graph.load import load_graph
from plankg.graph.render import (
    LABEL_PX, TOP_LABELS, VIEWPORT, PlanNetwork, central_entities, fit_scale, network, node_size, script_json,
    structure_layout)

FIXTURES = Path(__file__).parent / "fixtures"
BENCH = Path(__file__).parent.parent / "bench" / "network.py"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
XSS_PLAN = f"""临江市金融开放行动方案{IMG}
一、主要任务
1．支持“{IMG}”发展{SCRIPT}。支持上海清算所与“{SCRIPT}”合作，推动上海证券交易所建设。
2．推进人民币跨境支付系统（CIPS）建设。上海清算所开展<b>加粗</b>业务，“{IMG}”参与。
"""
# the payloads as names: a lexicon makes them entities wherever the text names them
XSS_LEXICON = f"\tinstitution\t{IMG}\t\n\tprogramme\t{SCRIPT}\t\n"
EMPTY_GRAPH = """@prefix plan: <https://w3id.org/plankg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/plankg/id/plan/empty> a plan:Plan ; dcterms:title "没有实体的规划"@zh .
<https://w3id.org/plankg/id/plan/empty/task-1> a plan:Task ; plan:inPlan <https://w3id.org/plankg/id/plan/empty> ;
    skos:notation "1" ; rdfs:label "加强组织领导"@zh .
"""
# ten short plans: each names a few entities of its own and some that others name too
CITIES = ["临江市", "滨海市", "云州市", "青川市", "江宁市", "海门市", "南陵市", "北岸市", "东港市", "西山市"]
SHARED = ["上海清算所", "中国人民银行", "上海证券交易所", "人民币跨境支付系统", "中国外汇交易中心"]
OWN = [("临港新片区", "绿色债券"), ("浦东新区", "国债期货"), ("陆家嘴", "熊猫债"), ("前海", "数字人民币"),
       ("粤港澳大湾区", "债券通"), ("长三角", "沪港通"), ("临港新片区", "跨境理财通"), ("浦东新区", "上海金"),
       ("陆家嘴", "科创板"), ("前海", "绿色债券")]
PLAN_TEXT = """{city}促进金融开放发展行动方案
一、总体要求
（一）基本原则
坚持开放引领，发挥{a}作用。
（二）发展目标
到2027年，{place}金融开放水平明显提升。
二、主要任务
（一）完善金融市场体系
1．支持{a}与{b}开展合作，推动{place}建设。
2．推进{c}建设，发展{product}业务。
（二）扩大跨境金融合作
3．支持{b}在{place}设立分支机构。
4．鼓励金融机构推出{product}，支持{d}发展。
专栏1：重点项目
一是推动{c}在{place}发展。二是支持{a}开展{product}业务。
三、保障措施
5．加强组织领导，{city}人民政府统筹推进。
"""


def plan_texts() -> dict[str, str]:
    """File name -> text of the ten plans."""
    texts = {}
    for i, city in enumerate(CITIES):
        a, b, c, d = (SHARED[(i + k) % len(SHARED)] for k in range(4))
        place, product = OWN[i]
        texts[f"plan{i:02d}.txt"] = PLAN_TEXT.format(city=city, a=a, b=b, c=c, d=d, place=place, product=product)
    return texts


# ---------------------------------------------------------------- pages written once per module


@pytest.fixture(scope="module")
def bundled_page(run_plankg, plan_graph_path, tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("viz")
    result = run_plankg("viz", "--graph", plan_graph_path, "-o", "network.html", cwd=directory)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote network.html (")
    return directory / "network.html"


@pytest.fixture(scope="module")
def bundled_data(plan_rdflib):
    return network_data(plan_rdflib)


@pytest.fixture(scope="module")
def corpus(run_plankg, tmp_path_factory) -> Path:
    """Ten plans built into one dataset (N-Quads) and its page: the directory holding both."""
    directory = tmp_path_factory.mktemp("corpus")
    (directory / "plans").mkdir()
    for name, text in plan_texts().items():
        (directory / "plans" / name).write_text(text, encoding="utf-8")
    built = run_plankg("build", "plans", "-o", "corpus.nq", cwd=directory, timeout=300)
    assert built.returncode == 0, built.stderr
    result = run_plankg("viz", "--graph", "corpus.nq", "-o", "network.html", cwd=directory)
    assert result.returncode == 0, result.stderr
    return directory


@pytest.fixture(scope="module")
def corpus_data(corpus):
    return network_data(load_graph(corpus / "corpus.nq"))


@pytest.fixture(scope="module")
def xss_page(run_plankg, tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("xss")
    (directory / "plan.txt").write_text(XSS_PLAN, encoding="utf-8")
    (directory / "lexicon.tsv").write_text(XSS_LEXICON, encoding="utf-8")
    built = run_plankg("build", "plan.txt", "--lexicon", "lexicon.tsv", "-o", "graph.ttl", cwd=directory)
    assert built.returncode == 0, built.stderr
    result = run_plankg("viz", "--graph", "graph.ttl", "-o", "network.html", cwd=directory)
    assert result.returncode == 0, result.stderr
    return directory / "network.html"


@pytest.fixture(scope="module")
def xss_graph(xss_page) -> Graph:
    return Graph().parse(xss_page.parent / "graph.ttl")


@pytest.fixture(scope="module")
def empty_page(run_plankg, tmp_path_factory) -> tuple[Path, object]:
    directory = tmp_path_factory.mktemp("empty")
    (directory / "graph.ttl").write_text(EMPTY_GRAPH, encoding="utf-8")
    result = run_plankg("viz", "--graph", "graph.ttl", "-o", "network.html", cwd=directory)
    return directory / "network.html", result


# ---------------------------------------------------------------- the file itself


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path: Path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def test_page_links_nothing(bundled_page):
    found = tags(bundled_page)
    assert not [t for t, a in found if t in ("link", "img", "iframe", "object", "embed", "base")]
    assert not [a for _, a in found if "src" in a or "href" in a]
    assert [t for t, _ in found].count("script") == 3  # the data block, vis-network, the page's own
    csp = next(a["content"] for t, a in found if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none'") and "'unsafe-inline'" not in csp.split("style-src")[0]
    text = bundled_page.read_text(encoding="utf-8")
    assert "bootstrap" not in text.lower() and "cdnjs" not in text and "jsdelivr" not in text


def test_page_data_block_has_no_markup(bundled_page):
    text = bundled_page.read_text(encoding="utf-8")
    block = re.search(r'<script id="plankg-data" type="application/json">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block


def test_script_json_escapes_what_could_end_a_script():
    text = script_json({"a": f"{SCRIPT}<!-- & \u2028\u2029"})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"a": f"{SCRIPT}<!-- & \u2028\u2029"}


def test_xss_payloads_never_appear_as_markup(xss_page, xss_graph):
    from plankg.graph.render import _vis_assets

    text = xss_page.read_text(encoding="utf-8")
    assert _vis_assets()[0] in text
    text = text.replace(_vis_assets()[0], "")  # vis-network's own code (it parses <b> in labels)
    labels = {str(o) for o in xss_graph.objects(None, None)}
    assert IMG in labels and SCRIPT in labels  # the payloads did reach the graph as names
    assert IMG not in text and "<img" not in text and "<b>" not in text
    assert "</script><script>alert" not in text
    assert [t for t, _ in tags(xss_page)].count("script") == 3
    assert "&lt;img src=x onerror=alert(1)&gt;" in text  # the <title>, escaped by the template


def test_page_is_deterministic(bundled_data, corpus_data, tmp_path):
    for name, data in (("bundled", bundled_data), ("corpus", corpus_data)):
        first, second = tmp_path / f"{name}-a.html", tmp_path / f"{name}-b.html"
        PlanNetwork(data).write_html(str(first))
        PlanNetwork(data).write_html(str(second))
        assert first.read_bytes() == second.read_bytes(), name


def test_notebook_network(plan_rdflib, bundled_data, tmp_path):
    net = network(plan_rdflib)
    assert isinstance(net, Network)  # a pyvis Network: the usual pyvis calls work on it
    assert net.num_nodes() == len(bundled_data.entities) + len(bundled_data.units)
    assert net.num_edges() == len(bundled_data.unit_links)
    shown = net._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and "<script" not in shown and "&lt;script" in shown
    assert net.show(str(tmp_path / "nb.html")) is net
    assert (tmp_path / "nb.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    co = network(plan_rdflib, view="cooccurrence")
    assert co.num_edges() == cooccurrence_graph(bundled_data).number_of_edges()
    with pytest.raises(ValueError):
        PlanNetwork(bundled_data, view="nope")


def test_every_entity_is_named_by_a_unit(bundled_data, corpus_data):
    """Columns, goals, principles and the text of parts and sections are units too: no entity
    is left without one (the page then has no node without an edge)."""
    for data in (bundled_data, corpus_data):
        assert all(data.entity_units[e] for e in data.entities)
    kinds = {u.kind for u in bundled_data.units.values()}
    assert {"task", "column", "goal", "principle"} <= kinds
    assert len([u for u in bundled_data.units.values() if u.kind == "task"]) <= len(bundled_data.tasks)


def test_units_follow_document_order(bundled_data):
    orders = [u.order for u in bundled_data.units.values()]
    assert orders == sorted(orders)
    numbers = [int(u.number) for u in bundled_data.units.values() if u.kind == "task"]
    assert numbers == sorted(numbers)


# ---------------------------------------------------------------- bad input


def test_empty_graph_gives_a_page_that_says_so(empty_page):
    path, result = empty_page
    assert result.returncode == 0, result.stderr
    assert "no entities" in result.stderr and path.exists()
    assert "没有实体" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("content, message", [
    ("this is not turtle {", "does not parse"),
    ("", "no plan:Plan"),
])
def test_bad_graph_exits_2_and_writes_no_page(run_plankg, tmp_path, content, message):
    (tmp_path / "bad.ttl").write_text(content, encoding="utf-8")
    result = run_plankg("viz", "--graph", "bad.ttl", "-o", "network.html", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert result.stderr.startswith("plankg: error: bad.ttl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl"]


def test_viz_refuses_a_page_name_that_is_not_html(tmp_path):
    result = CliRunner().invoke(main, ["viz", "-o", str(tmp_path / "page.png")], prog_name="plankg")
    assert result.exit_code == 2 and ".html" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_missing_graph_file(tmp_path):
    result = CliRunner().invoke(main, ["viz", "--graph", str(tmp_path / "nope.ttl"), "-o", str(tmp_path / "n.html")],
                                prog_name="plankg")
    assert result.exit_code == 2 and "no such graph file" in result.stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- plankg build writes the page


def test_build_writes_the_page_beside_its_default_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "gbk_plan.txt")], prog_name="plankg")
    assert result.exit_code == 0, result.output
    out = tmp_path / "plankg-out"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "network.html", "record.json"]
    assert result.stdout.splitlines()[-2:] == [f"wrote {Path('plankg-out') / 'graph.ttl'}",
                                               f"wrote {Path('plankg-out') / 'network.html'}"]
    data = network_data(Graph().parse(out / "graph.ttl"))
    page = (out / "network.html").read_text(encoding="utf-8")
    assert all(f'"iri":"{e}"' in page for e in data.entities)


def test_build_keeps_the_graph_when_the_page_fails(tmp_path, monkeypatch):
    import plankg.graph.render as render

    def broken(*_args, **_kwargs):
        raise RuntimeError("no page today")

    monkeypatch.setattr(render, "write_page", broken)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "gbk_plan.txt")], prog_name="plankg")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "plankg-out").iterdir()) == ["graph.ttl", "record.json"]
    assert "network page not written (no page today)" in result.stderr


def test_build_with_an_output_elsewhere_writes_no_page(tmp_path):
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "gbk_plan.txt"), "-o", str(out)],
                                prog_name="plankg")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]


# ---------------------------------------------------------------- in headless Chromium


class Opened:
    """A page opened from a file, with everything it logged, requested or tried to pop up."""

    def __init__(self, browser, path: Path, bypass_csp: bool = False, size: tuple[int, int] = (1400, 1000)):
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.wait_ready()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_ready(self):
        self.page.wait_for_function("() => window.plankgNetwork && window.plankgNetwork.ready", timeout=60_000)

    def js(self, expression: str, arg=None):
        # a function, not a string to evaluate: the page's CSP forbids eval
        return self.page.evaluate(expression, arg)

    def counts(self) -> dict:
        return self.js("() => window.plankgNetwork.counts()")

    def node_id(self, label: str) -> str:
        return self.js("""(label) => Object.entries(window.plankgNetwork.data.entities)
                              .find(([id, e]) => e.label === label)[0]""", label)

    def unit_id(self, number: str, kind: str = "task") -> str:
        return self.js("""([number, kind]) => Object.entries(window.plankgNetwork.data.units)
                              .find(([id, u]) => u.number === number && u.kind === kind)[0]""", [number, kind])

    def node_position(self, node: str) -> tuple[float, float]:
        point = self.js("""(id) => {
            const n = window.plankgNetwork.network;
            const p = n.canvasToDOM(n.getPositions([id])[id]);
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", node)
        return point[0], point[1]

    def copied_query(self) -> str:
        """Click "SPARQL" and read the query the page shows (and copies)."""
        self.page.click("#sparql")
        text = self.page.locator("#query-text").input_value()
        self.page.click("#query-close")
        return text

    def close(self):
        self.context.close()


def sparql(run_plankg, query: str, graph: Path, cwd: Path) -> list[dict]:
    """Run a query with ``plankg query`` (as a user pastes it) and return its JSON result rows."""
    result = run_plankg("query", query, "--graph", graph, "-f", "json", cwd=cwd, timeout=300)
    assert result.returncode == 0, result.stderr
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(result.stdout)["results"]["bindings"]]


def screenshot(opened: Opened, name: str, tmp_path_factory) -> Path:
    directory = Path(os.environ.get("PLANKG_SCREENSHOT_DIR") or tmp_path_factory.mktemp("screenshots"))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    opened.page.screenshot(path=str(path))
    assert 20_000 < path.stat().st_size < 900_000
    print(f"screenshot: {path}")
    return path


@pytest.fixture(scope="module")
def opened(browser, bundled_page):
    page = Opened(browser, bundled_page)
    yield page
    page.close()


@pytest.fixture(scope="module")
def opened_corpus(browser, corpus):
    page = Opened(browser, corpus / "network.html")
    yield page
    page.close()


def test_browser_no_errors_and_no_requests(opened):
    assert opened.errors == []
    assert opened.requests == [opened.url]  # the document itself, nothing else
    assert opened.js("() => document.title") == "上海国际金融中心建设“十四五”规划"


def test_browser_draws_every_entity_and_unit(opened, bundled_data):
    assert opened.js("() => window.plankgNetwork.view") == "tasks"
    assert opened.counts() == {"nodes": len(bundled_data.entities) + len(bundled_data.units),
                               "edges": len(bundled_data.unit_links)}
    assert opened.js("() => window.plankgNetwork.network.physics.physicsEnabled") is False
    assert opened.js("() => window.plankgNetwork.timings.drawn") > 0


NO_NODE_WITHOUT_EDGE = """() => { const n = window.plankgNetwork.network;
    return n.body.nodeIndices.filter(id => n.getConnectedEdges(id).length === 0); }"""


@pytest.mark.parametrize("which", ["bundled", "corpus"])
def test_browser_no_node_without_an_edge(opened, opened_corpus, which):
    page = opened if which == "bundled" else opened_corpus
    page.js("() => window.plankgNetwork.reset()")
    assert page.counts()["nodes"] > 40
    assert page.js(NO_NODE_WITHOUT_EDGE) == []


LABELS_AT_FIT = """() => { const api = window.plankgNetwork; api.reset();
    const sizes = api.labelSizes();
    return {top: api.topIds, sizes: sizes}; }"""


def _label_boxes(data, ring) -> list[tuple[float, float, float, float]]:
    """The central labels' boxes at the fitted zoom, as the page measures them (a wide character one
    em of the label size, the rest 0.6; under the node)."""
    want = (LABEL_PX + 0.5) / fit_scale(ring.outer, VIEWPORT)
    boxes = []
    for entity in central_entities(data)[:TOP_LABELS]:
        x, y = ring.positions[entity]
        width = sum(1.0 if ord(c) > 0x2E80 else 0.6 for c in data.entities[entity].label) * want
        top = y + node_size(len(data.entity_units[entity])) + 2
        boxes.append((x - width / 2, top, x + width / 2, top + want * 1.25))
    return boxes


def test_the_layout_leaves_the_central_labels_apart(bundled_data, corpus_data):
    """However the central entities crowd (several at one edge of the ring), their labels do not overlap."""
    for data in (bundled_data, corpus_data):
        boxes = _label_boxes(data, structure_layout(data, central_entities(data)[:TOP_LABELS]))
        overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                       if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
        assert not overlapping


@pytest.mark.parametrize("which", ["bundled", "corpus"])
def test_browser_central_labels_are_readable_at_fit(opened, opened_corpus, bundled_data, corpus_data, which):
    """The ten most central entities (betweenness, then degree, as plankg stats computes them)
    are labelled at the fitted zoom in at least 12 px; every other label waits for the zoom."""
    page, data = (opened, bundled_data) if which == "bundled" else (opened_corpus, corpus_data)
    found = page.js(LABELS_AT_FIT)
    ids = {iri: pid for pid, iri in page.js("""() => Object.fromEntries(Object.entries(
        window.plankgNetwork.data.entities).map(([id, e]) => [id, e.iri]))""").items()}
    expected = [ids[e] for e in central_entities(data)[:10]]
    assert sorted(found["top"]) == sorted(expected)
    for node in expected:
        assert found["sizes"][node]["drawn"] and found["sizes"][node]["px"] >= 12, node
    others = [s for node, s in found["sizes"].items() if node not in expected]
    assert others and not any(s["drawn"] for s in others)
    # zoomed in four times, more names appear (still at least 12 px)
    page.js("() => { const n = window.plankgNetwork.network; n.moveTo({scale: n.getScale() * 4}); }")
    zoomed = page.js("() => window.plankgNetwork.labelSizes()")
    drawn = [s["px"] for s in zoomed.values() if s["drawn"]]
    assert len(drawn) > 10 and min(drawn) >= 12
    page.js("() => window.plankgNetwork.reset()")


def test_browser_edge_labels_only_for_the_selected_node(opened, bundled_data):
    opened.js("() => window.plankgNetwork.reset()")
    assert opened.js("() => window.plankgNetwork.edgeLabels()") == []
    node = opened.node_id("上海保险交易所")
    assert opened.js("(id) => window.plankgNetwork.select(id)", node) is True
    labelled = opened.js("() => window.plankgNetwork.edgeLabels()")
    own = opened.js("(id) => window.plankgNetwork.network.getConnectedEdges(id)", node)
    assert labelled and set(labelled) <= set(own)
    labels = opened.js("(ids) => ids.map(id => window.plankgNetwork.network.body.edges[id].options.label)", labelled)
    assert any(label.startswith("支持") for label in labels)
    opened.js("() => window.plankgNetwork.reset()")
    assert opened.js("() => window.plankgNetwork.edgeLabels()") == []


def test_browser_type_filter_hides_and_shows(opened, bundled_data):
    institutions = {e.id for e in bundled_data.entities.values() if e.type == "institution"}
    links = sum(1 for _, e in bundled_data.unit_links if e in institutions)
    full = opened.counts()
    checkbox = opened.page.locator("#legend input[value=institution]")
    checkbox.uncheck()
    assert opened.counts() == {"nodes": full["nodes"] - len(institutions), "edges": full["edges"] - links}
    checkbox.check()
    assert opened.counts() == full


def test_browser_click_highlights_and_the_tooltip_leaves_with_the_pointer(opened):
    opened.js("() => window.plankgNetwork.reset()")
    node = opened.node_id("上海清算所")
    x, y = opened.node_position(node)
    opened.page.mouse.click(x, y)
    assert opened.page.locator("#details h2").inner_text() == "上海清算所"
    colours = opened.js(r"""(id) => {
        const api = window.plankgNetwork, view = api.views[api.view];
        const near = new Set(api.network.getConnectedNodes(id).concat([id]));
        const dim = view.nodes.get().filter(n => !near.has(n.id));
        const faint = c => /^rgba\(.*,0\.22\)$/.test(String(c.background));
        return [dim.every(n => faint(n.color)), [...near].every(n => !faint(view.nodes.get(n).color))];
    }""", node)
    assert colours == [True, True]
    opened.page.mouse.move(x + 1, y + 1)
    tip = opened.page.locator("#tip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert text.startswith("上海清算所") and "类型 type: 机构 institution" in text and "任务 task 12" in text
    opened.page.mouse.move(3, 3)  # out of the canvas: the tooltip goes
    tip.wait_for(state="hidden", timeout=5000)
    opened.js("() => window.plankgNetwork.reset()")


def test_browser_entity_panel_says_what_each_unit_asks(opened, run_plankg, plan_graph_path, tmp_path):
    """Per unit naming the entity: the actions the plan asks of it and the evidence sentence,
    the entity marked; the copied query lists the same units."""
    node = opened.node_id("上海保险交易所")
    assert opened.js("(id) => window.plankgNetwork.select(id)", node) is True
    blocks = opened.page.locator("#details .unit")
    titles = [blocks.nth(i).locator("button").inner_text() for i in range(blocks.count())]
    assert any(t.startswith("任务 task 19 ") for t in titles)
    block = blocks.nth(next(i for i, t in enumerate(titles) if t.startswith("任务 task 19 ")))
    assert "支持 support · target" in block.locator(".asked").inner_text()
    assert "上海保险交易所" in block.locator("blockquote mark").all_inner_texts()
    rows = sparql(run_plankg, opened.copied_query(), plan_graph_path, tmp_path)
    assert sorted(f"{r['kind']} {r.get('number', '')}" for r in rows) == sorted(
        opened.js("""(id) => window.plankgNetwork.data.entities[id].units
            .map(u => window.plankgNetwork.data.units[u]).filter(u => u.kind !== 'title')
            .map(u => u.kind[0].toUpperCase() + u.kind.slice(1) + ' ' + u.number)""", node))
    asked = {r["number"]: r.get("actions", "") for r in rows}
    assert "Support" in asked["19"]
    opened.js("() => window.plankgNetwork.reset()")


def test_browser_unit_panel_lists_its_entities_by_type(opened, run_plankg, plan_graph_path, tmp_path):
    unit = opened.unit_id("12")
    assert opened.js("(id) => window.plankgNetwork.select(id)", unit) is True
    assert opened.page.locator("#details h2").inner_text() == "任务 task 12"
    heads = opened.page.locator("#details h3").all_inner_texts()
    assert any(h.startswith("机构 institution (") for h in heads)
    shown = sorted(opened.page.locator("#details ul button").all_inner_texts())
    rows = sparql(run_plankg, opened.copied_query(), plan_graph_path, tmp_path)
    assert sorted(r["name"] for r in rows) == shown and "上海清算所" in shown
    opened.js("() => window.plankgNetwork.reset()")


def test_browser_search_finds_by_alias(opened):
    opened.page.fill("#search", "CIPS")
    opened.page.press("#search", "Enter")
    assert opened.page.locator("#details h2").inner_text() == "人民币跨境支付系统"
    assert "1 found" in opened.page.locator("#status").inner_text()
    opened.page.click("#reset")
    assert opened.page.locator("#status").inner_text() == ""


def matrix_against_sparql(page: Opened, run_plankg, graph: Path, cwd: Path, mode: str) -> dict:
    page.page.locator("#views input[value=matrix]").check()
    page.wait_ready()
    page.page.locator(f"#matrix input[value={mode}]").check()
    cells = page.js("() => window.plankgNetwork.matrixCells()")
    rows = sparql(run_plankg, page.copied_query(), graph, cwd)
    assert {f"{r['group']} {r['entity']}": int(r["units"]) for r in rows} == cells
    # what the table shows is the same
    shown = page.js("""() => Array.from(document.querySelectorAll('#matrix td.on'))
                          .reduce((sum, td) => sum + Number(td.textContent), 0)""")
    assert shown == sum(cells.values()) and shown > 0
    rows = len({key.split()[1] for key in cells})
    assert f"{rows} 个实体 entities × " in page.page.locator("#summary").inner_text()
    return cells


@pytest.mark.parametrize("mode", ["section", "part"])
def test_browser_matrix_counts_equal_the_sparql_answer(opened, run_plankg, plan_graph_path, tmp_path, mode):
    cells = matrix_against_sparql(opened, run_plankg, plan_graph_path, tmp_path, mode)
    shanghai = opened.node_id("上海市")
    row = opened.js("""(id) => Array.from(document.querySelectorAll(`#matrix tr[data-entity="${id}"] td.on`)).length""",
                    shanghai)
    assert row >= (8 if mode == "section" else 3)  # 上海市 appears across the plan
    assert len(cells) > 100
    opened.page.locator("#views input[value=tasks]").check()
    opened.wait_ready()


def test_viz_can_open_on_the_matrix(browser, plan_graph_path, tmp_path):
    result = CliRunner().invoke(main, ["viz", "--graph", str(plan_graph_path), "-o", str(tmp_path / "m.html"),
                                       "--view", "matrix"], prog_name="plankg")
    assert result.exit_code == 0, result.output
    page = Opened(browser, tmp_path / "m.html")
    try:
        assert page.js("() => window.plankgNetwork.view") == "matrix"
        assert page.page.locator("#matrix").is_visible() and page.page.locator("#matrix td.on").count() > 100
        page.page.locator("#views input[value=tasks]").check()
        page.wait_ready()
        assert page.counts()["nodes"] > 200 and page.errors == []
    finally:
        page.close()


def test_browser_cooccurrence_view(opened, bundled_data):
    opened.page.locator("#views input[value=cooccurrence]").check()
    opened.wait_ready()
    co = cooccurrence_graph(bundled_data)
    assert opened.counts() == {"nodes": co.number_of_nodes(), "edges": co.number_of_edges()}
    assert "co-occurrence edges" in opened.page.locator("#summary").inner_text()
    assert opened.page.locator("#legend input[value=unit]").count() == 0
    opened.page.locator("#views input[value=tasks]").check()
    opened.wait_ready()
    assert opened.counts()["nodes"] == co.number_of_nodes() + len(bundled_data.units)
    assert opened.errors == [] and opened.requests == [opened.url]


def test_browser_controls_on_one_line_and_the_canvas_fills_the_window(browser, corpus):
    """At 1280 × 800, with the plan selector of a corpus: one line of controls, none cut off;
    the canvas takes the rest of the window."""
    page = Opened(browser, corpus / "network.html", size=(1280, 800))
    try:
        boxes = page.js("""() => Array.from(document.querySelectorAll(
                '#views, #plan, #legend label, #search, #reset, #sparql')).map(e => {
            const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; })""")
        assert len(boxes) >= 10
        assert max(b[0] for b in boxes) < min(b[1] for b in boxes)  # all on one line
        legend = page.js("() => document.getElementById('legend').getBoundingClientRect().right")
        assert all(b[3] <= legend + 0.5 for b in boxes[2:-3])  # no legend entry cut off
        assert max(b[3] for b in boxes) <= 1280
        canvas = page.js("""() => { const r = document.querySelector('#network canvas').getBoundingClientRect();
                                   return [r.top, r.bottom, r.width]; }""")
        assert canvas[0] < 90 and canvas[1] > 800 - 20 and canvas[2] > 1280 - 420
    finally:
        page.close()


def test_browser_screenshots(opened, tmp_path_factory):
    """The README's pictures: the structure view, 上海保险交易所 selected, and the matrix."""
    opened.js("() => window.plankgNetwork.reset()")
    node = opened.node_id("上海保险交易所")
    opened.js("(id) => window.plankgNetwork.select(id)", node)
    opened.js("() => window.plankgNetwork.fit()")
    opened.page.mouse.move(3, 3)
    opened.page.wait_for_timeout(100)
    screenshot(opened, "network.png", tmp_path_factory)
    assert opened.page.locator("#details h2").inner_text() == "上海保险交易所"
    opened.js("() => window.plankgNetwork.setView('matrix')")
    opened.js("(id) => window.plankgNetwork.select(id)", opened.node_id("上海市"))
    opened.page.wait_for_timeout(100)
    screenshot(opened, "network-matrix.png", tmp_path_factory)
    opened.js("() => window.plankgNetwork.setView('tasks')")
    opened.wait_ready()


# ---------------------------------------------------------------- a corpus of ten plans


def test_corpus_page_has_a_plan_selector(opened_corpus, corpus_data):
    assert len(corpus_data.plans) == 10
    options = opened_corpus.page.locator("#plan option")
    assert options.count() == 11 and options.nth(0).inner_text().startswith("全部规划 all plans (10)")
    assert opened_corpus.errors == [] and opened_corpus.requests == [opened_corpus.url]


def test_corpus_shared_entity_is_one_node_listing_its_plans(opened_corpus, corpus_data):
    opened_corpus.js("() => window.plankgNetwork.reset()")
    node = opened_corpus.node_id("上海清算所")
    iri = next(e for e in corpus_data.entities.values() if e.label == "上海清算所").id
    plans = corpus_data.entity_plans(iri)
    assert len(plans) >= 5
    assert opened_corpus.js("""() => Object.values(window.plankgNetwork.data.entities)
                                 .filter(e => e.label === '上海清算所').length""") == 1
    x, y = opened_corpus.node_position(node)
    opened_corpus.page.mouse.move(x, y)
    tip = opened_corpus.page.locator("#tip")
    tip.wait_for(state="visible", timeout=5000)
    assert f"规划 plans ({len(plans)})" in tip.inner_text()
    opened_corpus.page.mouse.click(x, y)
    assert f"规划 plans ({len(plans)})" in opened_corpus.page.locator("#details").inner_text()
    for title in (corpus_data.plans[p] for p in plans):
        assert title in opened_corpus.page.locator("#details").inner_text()
    opened_corpus.js("() => window.plankgNetwork.reset()")


def test_corpus_plan_filter_hides_the_other_plans_tasks(opened_corpus, corpus_data):
    plan = list(corpus_data.plans)[3]
    opened_corpus.page.select_option("#plan", "3")
    shown = opened_corpus.js("""() => { const api = window.plankgNetwork, n = api.network;
        return n.body.nodeIndices; }""")
    units = {pid for pid, u in opened_corpus.js("() => window.plankgNetwork.data.units").items()}
    shown_units = [n for n in shown if n in units]
    plan_of = opened_corpus.js("() => Object.fromEntries(Object.entries(window.plankgNetwork.data.units).map(([id, u]) => [id, u.plan]))")
    assert shown_units and all(plan_of[u] == 3 for u in shown_units)
    assert len(shown_units) == len([u for u in corpus_data.units.values() if u.plan == plan])
    named = {e for (u, e) in corpus_data.unit_links if corpus_data.units[u].plan == plan}
    assert len(shown) - len(shown_units) == len(named)
    assert opened_corpus.js(NO_NODE_WITHOUT_EDGE) == []
    opened_corpus.page.select_option("#plan", "")
    assert opened_corpus.counts()["nodes"] == len(corpus_data.entities) + len(corpus_data.units)


def test_corpus_matrix_counts_equal_the_sparql_answer(opened_corpus, run_plankg, corpus, tmp_path):
    cells = matrix_against_sparql(opened_corpus, run_plankg, corpus / "corpus.nq", tmp_path, "part")
    assert len({key.split()[0] for key in cells}) >= 20  # parts of ten plans
    opened_corpus.page.select_option("#plan", "2")
    matrix_against_sparql(opened_corpus, run_plankg, corpus / "corpus.nq", tmp_path, "section")
    opened_corpus.page.select_option("#plan", "")
    opened_corpus.page.locator("#views input[value=tasks]").check()
    opened_corpus.wait_ready()


def test_corpus_screenshots(opened_corpus, tmp_path_factory):
    opened_corpus.js("() => window.plankgNetwork.setView('tasks')")
    opened_corpus.wait_ready()
    opened_corpus.js("() => window.plankgNetwork.reset()")
    opened_corpus.js("(id) => window.plankgNetwork.select(id)", opened_corpus.node_id("上海清算所"))
    opened_corpus.js("() => window.plankgNetwork.fit()")
    opened_corpus.page.mouse.move(3, 3)
    opened_corpus.page.wait_for_timeout(100)
    screenshot(opened_corpus, "network-corpus.png", tmp_path_factory)
    opened_corpus.js("() => window.plankgNetwork.setView('matrix')")
    opened_corpus.page.locator("#matrix input[value=part]").check()
    opened_corpus.page.wait_for_timeout(100)
    screenshot(opened_corpus, "network-corpus-matrix.png", tmp_path_factory)
    opened_corpus.js("() => window.plankgNetwork.setView('tasks')")
    opened_corpus.wait_ready()


# ---------------------------------------------------------------- safety and size


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_browser_xss_payloads_run_nothing(browser, xss_page, xss_graph, bypass_csp):
    """With the page's CSP, and without it (so that escaping alone is what is tested)."""
    opened = Opened(browser, xss_page, bypass_csp=bypass_csp)
    try:
        page = opened.page
        assert opened.dialogs == [] and opened.errors == []
        assert opened.requests == [opened.url]
        assert page.evaluate("() => document.querySelectorAll('img, svg, b').length") == 0
        assert page.evaluate("() => document.scripts.length") == 3
        title = str(next(xss_graph.objects(None, DCTERMS.title)))
        assert IMG in title and page.locator("#title").inner_text() == title
        for payload in (IMG, SCRIPT):
            node = opened.node_id(payload)
            assert opened.js("(id) => window.plankgNetwork.select(id)", node) is True
            assert page.locator("#details h2").inner_text() == payload
            x, y = opened.node_position(node)
            page.mouse.move(5, 5)
            page.mouse.move(x, y)
            tip = page.locator("#tip")
            tip.wait_for(state="visible", timeout=5000)
            assert tip.inner_text().startswith(payload)
            assert page.evaluate("() => document.querySelectorAll('#tip *').length") == 0
        page.fill("#search", "<img")
        page.press("#search", "Enter")
        assert page.locator("#details h2").inner_text() == IMG
        evidence = page.locator("#details blockquote").first.inner_text()
        assert IMG in evidence
        page.locator("#views input[value=matrix]").check()
        assert IMG in page.locator("#matrix").inner_text()
        assert page.evaluate("() => document.querySelectorAll('img, svg, b').length") == 0
        page.wait_for_timeout(200)
        assert opened.dialogs == [] and opened.errors == []
        data = network_data(xss_graph)
        page.locator("#views input[value=tasks]").check()
        opened.wait_ready()
        assert opened.counts() == {"nodes": len(data.entities) + len(data.units), "edges": len(data.unit_links)}
    finally:
        opened.close()


def test_browser_empty_page(browser, empty_page):
    path, _ = empty_page
    opened = Opened(browser, path)
    try:
        assert opened.errors == [] and opened.requests == [opened.url]
        assert opened.page.locator("#empty").is_visible()
        assert "没有实体" in opened.page.locator("#empty").inner_text()
        assert opened.page.locator("#app").is_hidden()
        assert opened.counts() == {"nodes": 0, "edges": 0}
    finally:
        opened.close()


def test_browser_draws_2000_nodes_in_under_10_s(browser, tmp_path):
    """The benchmark's synthetic corpus (10 plans, 400 tasks, 1,600 entities, 8,000 links)."""
    spec = importlib.util.spec_from_file_location("bench_network", BENCH)
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_network"] = bench
    spec.loader.exec_module(bench)
    data = network_data(bench.synthetic_graph(2000, 8000, 10))
    PlanNetwork(data).write_html(str(tmp_path / "big.html"))
    opened = Opened(browser, tmp_path / "big.html")
    try:
        assert opened.counts() == {"nodes": 2000, "edges": 8000}
        assert opened.js("() => window.plankgNetwork.timings.drawn") < 10_000
        sizes = opened.js("() => { const api = window.plankgNetwork, s = api.labelSizes(); return api.topIds.map(id => s[id]); }")
        assert len(sizes) == 10 and all(s["drawn"] and s["px"] >= 12 for s in sizes)
        assert opened.errors == [] and opened.requests == [opened.url]
    finally:
        opened.close()
