"""Issue 5: the network page (plankg viz, and plankg build beside its default output).

The page is checked as a file (nothing linked, every document string escaped) and
in headless Chromium driven by Playwright: no console errors, no request but the
page itself, as many nodes and edges drawn as the graph has, the type filter,
the view switch, search, click-to-highlight, tooltips, the XSS payloads shown as
text and never run, the empty-graph page. A screenshot of the bundled plan's page
is written to $PLANKG_SCREENSHOT_DIR (default: the test's temporary directory).

The browser tests need /usr/bin/chromium (Debian package ``chromium``, with
``fonts-wqy-zenhei`` for Chinese text; .ci/run installs both) and are skipped,
with that reason, only when it is missing.
"""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyvis.network import Network
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS

from plankg.cli import main
from plankg.graph.analytics import cooccurrence_graph, network_data, task_graph
from plankg.graph.render import PlanNetwork, network, script_json
from plankg.ontology.namespace import ENTITY_CLASSES

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
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
    import json

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


def test_page_is_deterministic(bundled_data, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    PlanNetwork(bundled_data).write_html(str(first))
    PlanNetwork(bundled_data).write_html(str(second))
    assert first.read_bytes() == second.read_bytes()


def test_notebook_network(plan_rdflib, bundled_data, tmp_path):
    net = network(plan_rdflib)
    assert isinstance(net, Network)  # a pyvis Network: the usual pyvis calls work on it
    assert net.num_nodes() == len(bundled_data.entities) + len(bundled_data.tasks)
    assert net.num_edges() == len(bundled_data.links)
    shown = net._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and "<script" not in shown and "&lt;script" in shown
    assert net.show(str(tmp_path / "nb.html")) is net
    assert (tmp_path / "nb.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    co = network(plan_rdflib, view="cooccurrence")
    assert co.num_edges() == cooccurrence_graph(bundled_data).number_of_edges()
    with pytest.raises(ValueError):
        PlanNetwork(bundled_data, view="nope")


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
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "network.html"]
    assert result.stdout.splitlines()[-2:] == [f"wrote {Path('plankg-out') / 'graph.ttl'}",
                                               f"wrote {Path('plankg-out') / 'network.html'}"]
    data = network_data(Graph().parse(out / "graph.ttl"))
    assert f'"summary":"{len(data.entities)} 个实体' in (out / "network.html").read_text(encoding="utf-8")


def test_build_keeps_the_graph_when_the_page_fails(tmp_path, monkeypatch):
    import plankg.graph.render as render

    def broken(*_args, **_kwargs):
        raise RuntimeError("no page today")

    monkeypatch.setattr(render, "write_page", broken)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "gbk_plan.txt")], prog_name="plankg")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "plankg-out").iterdir()) == ["graph.ttl"]
    assert "network page not written (no page today)" in result.stderr


def test_build_with_an_output_elsewhere_writes_no_page(tmp_path):
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "gbk_plan.txt"), "-o", str(out)],
                                prog_name="plankg")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]


# ---------------------------------------------------------------- in headless Chromium


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium fonts-wqy-zenhei (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Opened:
    """A page opened from a file, with everything it logged, requested or tried to pop up."""

    def __init__(self, browser, path: Path, bypass_csp: bool = False):
        self.context = browser.new_context(viewport={"width": 1400, "height": 950}, bypass_csp=bypass_csp)
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
        self.page.wait_for_function("() => window.plankgNetwork && window.plankgNetwork.ready", timeout=30_000)

    def js(self, expression: str, arg=None):
        # a function, not a string to evaluate: the page's CSP forbids eval
        return self.page.evaluate(expression, arg)

    def counts(self) -> dict:
        return self.js("() => window.plankgNetwork.counts()")

    def node_id(self, label: str) -> str:
        return self.js("""(label) => Object.entries(window.plankgNetwork.data.entities)
                              .find(([id, e]) => e.label === label)[0]""", label)

    def node_position(self, node: str) -> tuple[float, float]:
        point = self.js("""(id) => {
            const n = window.plankgNetwork.network;
            const p = n.canvasToDOM(n.getPositions([id])[id]);
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", node)
        return point[0], point[1]

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def opened(browser, bundled_page):
    page = Opened(browser, bundled_page)
    yield page
    page.close()


def test_browser_no_errors_and_no_requests(opened):
    assert opened.errors == []
    assert opened.requests == [opened.url]  # the document itself, nothing else
    assert opened.js("() => document.title") == "上海国际金融中心建设“十四五”规划"


def test_browser_draws_every_node_and_edge(opened, bundled_data, plan_rdflib):
    entities = {s for cls in ENTITY_CLASSES.values() for s in plan_rdflib.subjects(RDF.type, cls)}
    tasks = task_graph(bundled_data)
    assert tasks.number_of_nodes() == len(entities) + 44
    assert opened.js("() => window.plankgNetwork.view") == "tasks"
    assert opened.counts() == {"nodes": tasks.number_of_nodes(), "edges": tasks.number_of_edges()}
    # physics settled and stopped
    assert opened.js("() => window.plankgNetwork.network.physics.physicsEnabled") is False
    timings = opened.js("() => window.plankgNetwork.timings")
    assert timings["drawn"] >= timings["stabilized"] > 0


def test_browser_type_filter_hides_and_shows(opened, bundled_data):
    institutions = {e.id for e in bundled_data.entities.values() if e.type == "institution"}
    g = task_graph(bundled_data)
    institution_edges = sum(1 for a, b in g.edges if a in institutions or b in institutions)
    full = opened.counts()
    checkbox = opened.page.locator("#legend input[value=institution]")
    checkbox.uncheck()
    assert opened.counts() == {"nodes": full["nodes"] - len(institutions),
                               "edges": full["edges"] - institution_edges}
    checkbox.check()
    assert opened.counts() == full


def test_browser_click_highlights_neighbours_and_hover_shows_tooltip(opened, bundled_data):
    opened.js("() => window.plankgNetwork.reset()")
    node = opened.node_id("上海清算所")
    x, y = opened.node_position(node)
    opened.page.mouse.click(x, y)
    assert opened.page.locator("#details h2").inner_text() == "上海清算所"
    details = opened.page.locator("#details").inner_text()
    assert "12 " in details and "证据 evidence" in details
    colours = opened.js("""(id) => {
        const api = window.plankgNetwork, view = api.views[api.view];
        const near = new Set(api.network.getConnectedNodes(id).concat([id]));
        const dim = view.nodes.get().filter(n => !near.has(n.id));
        return [dim.every(n => n.color.background.startsWith('rgba(215')),
                [...near].every(n => !String(view.nodes.get(n).color.background).startsWith('rgba(215'))];
    }""", node)
    assert colours == [True, True]
    opened.page.mouse.move(x + 1, y + 1)
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert text.startswith("上海清算所") and "类型 type: 机构 institution" in text and "任务 tasks" in text
    opened.page.mouse.click(5, 5)  # outside the network: nothing highlighted any more
    opened.js("() => window.plankgNetwork.reset()")


def test_browser_search_finds_by_alias(opened):
    opened.page.fill("#search", "CIPS")
    opened.page.press("#search", "Enter")
    assert opened.page.locator("#details h2").inner_text() == "人民币跨境支付系统"
    assert "1 found" in opened.page.locator("#status").inner_text()
    opened.page.click("#reset")
    assert opened.page.locator("#status").inner_text() == ""


def test_browser_screenshot(opened, tmp_path_factory):
    directory = Path(os.environ.get("PLANKG_SCREENSHOT_DIR") or tmp_path_factory.mktemp("screenshots"))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "network.png"
    # task 12 selected: its entities highlighted, its details in the side panel
    task = opened.js("""() => Object.entries(window.plankgNetwork.data.tasks)
                                  .find(([id, t]) => t.number === '12')[0]""")
    assert opened.js("(id) => window.plankgNetwork.select(id)", task) is True
    opened.js("() => window.plankgNetwork.network.moveTo({scale: 0.8})")
    opened.page.wait_for_timeout(100)
    opened.page.screenshot(path=str(path))
    assert 20_000 < path.stat().st_size < 600_000
    assert opened.page.locator("#details h2").inner_text() == "任务 task 12"
    print(f"screenshot: {path}")
    opened.js("() => window.plankgNetwork.reset()")


def test_browser_cooccurrence_view(opened, bundled_data):
    opened.page.locator("#views input[value=cooccurrence]").check()
    opened.wait_ready()
    co = cooccurrence_graph(bundled_data)
    assert opened.counts() == {"nodes": co.number_of_nodes(), "edges": co.number_of_edges()}
    assert opened.page.locator("#legend input[value=task]").count() == 0
    opened.page.locator("#views input[value=tasks]").check()
    opened.wait_ready()
    assert opened.counts()["nodes"] == co.number_of_nodes() + len(bundled_data.tasks)
    assert opened.errors == [] and opened.requests == [opened.url]


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
            tooltip = page.locator("div.vis-tooltip")
            tooltip.wait_for(state="visible", timeout=5000)
            assert tooltip.inner_text().startswith(payload)
            assert page.evaluate("() => document.querySelectorAll('.vis-tooltip img, .vis-tooltip script').length") == 0
        page.fill("#search", "<img")
        page.press("#search", "Enter")
        assert page.locator("#details h2").inner_text() == IMG
        evidence = page.locator("#details blockquote").inner_text()
        assert IMG in evidence
        assert page.evaluate("() => document.querySelectorAll('img, svg, b').length") == 0
        page.wait_for_timeout(200)
        assert opened.dialogs == [] and opened.errors == []
        assert opened.counts() == {"nodes": len(network_data(xss_graph).entities) + 2,
                                   "edges": len(network_data(xss_graph).links)}
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


def test_task_edges_say_what_the_plan_asks(plan_rdflib, bundled_data):
    """Issue 7 on the page: the edge 上海保险交易所 — task 19 is labelled with its actions."""
    net = network(plan_rdflib)
    entity = next(e for e in bundled_data.entities.values() if e.label == "上海保险交易所")
    task = next(t for t in bundled_data.tasks.values() if str(t.number) == "19")
    assert "支持 support · target" in bundled_data.actions[(entity.id, task.id)]
    ids = {node["label"]: node["id"] for node in net.nodes}
    edge = next(e for e in net.edges if {e["from"], e["to"]} == {ids["上海保险交易所"], ids[_label_of(net, task)]})
    assert "支持 support · target" in edge["title"] and edge["label"].startswith("支持")


def _label_of(net, task) -> str:
    return next(n["label"] for n in net.nodes if n.get("ptype") == "task" and n["label"].startswith(f"{task.number} "))
