"""The network page in headless Chromium: time to draw, switch views and label.

    python bench/network.py [--repeat 3] [--nodes 2000] [--edges 8000] [--plans 10]

Measures, for the bundled plan's graph and for a synthetic corpus-shaped graph of
``--nodes`` nodes (four entities to every task; ``--plans`` plans of 4 parts × 3
sections) and ``--edges`` entity–task links (entities drawn with a Zipf-like skew,
so a few are named by many tasks):

* Python: reading the graph into the network data, and building and writing the
  page (networkx layout, pyvis, template);
* Chromium (``/usr/bin/chromium``, driven by Playwright): from navigation to the
  network being drawn (the page's ``window.plankgNetwork.timings.drawn``,
  milliseconds since navigation start; the layout is precomputed, the page runs no
  physics), wall time until the page reports ready, switching to the co-occurrence
  view and to the matrix, and the label size of the ten most central entities at
  the fitted zoom.

Prints the median of ``--repeat`` page loads (each in a new page), the drawn node
and edge counts, and the network requests made besides the page itself (must be
none). Target: under 10 s for the 2,000-node graph. The pages are written to
``bench/out/`` (ignored by git).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from plankg.build import bundled_graph_path
from plankg.graph.analytics import network_data
from plankg.graph.build import bind_prefixes
from plankg.graph.load import load_graph
from plankg.graph.render import PlanNetwork
from plankg.ontology import DEFAULT_BASE, NIF, PLAN
from plankg.ontology.namespace import ENTITY_CLASSES

OUT = Path(__file__).resolve().parent / "out"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SYLLABLES = "金融市场交易清算中心银行保险证券基金期货债券科技绿色跨境支付数据服务平台创新开放"


def synthetic_graph(nodes: int, links: int, plans: int = 10, seed: int = 7) -> Graph:
    """A corpus-shaped graph: ``plans`` plans of 4 parts × 3 sections each, nodes/5 tasks spread
    over the sections, the rest entities, ``links`` plan:mentions (each backed by one plan:Mention
    with a sentence)."""
    rng = random.Random(seed)
    base = Namespace(DEFAULT_BASE)
    g = Graph()
    bind_prefixes(g)
    task_count = max(plans, nodes // 5)
    entity_count = nodes - task_count
    types = list(ENTITY_CLASSES.values())
    entities = []
    for i in range(entity_count):
        entity = base[f"entity/synthetic-{i}"]
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 8))) + str(i)
        g.add((entity, RDF.type, types[i % len(types)]))
        g.add((entity, SKOS.prefLabel, Literal(name, lang="zh")))
        if i % 4 == 0:
            g.add((entity, SKOS.altLabel, Literal(f"E{i}", lang="en")))
        entities.append(entity)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(entity_count)]
    tasks = []
    for p in range(plans):
        tasks += _synthetic_plan(g, base, p, task_count // plans + (p < task_count % plans))
    pairs: set[tuple[int, int]] = set()
    for t in range(task_count):  # every task names at least one entity, every entity is reachable
        pairs.add((t, rng.randrange(entity_count)))
    for e in range(entity_count):
        if len(pairs) < links:
            pairs.add((rng.randrange(task_count), e))
    while len(pairs) < links:
        pairs.add((rng.randrange(task_count), rng.choices(range(entity_count), weights)[0]))
    for n, (t, e) in enumerate(sorted(pairs)):
        task, plan = tasks[t]
        g.add((task, PLAN.mentions, entities[e]))
        mention = URIRef(f"{plan}/mention/{n}")
        g.add((mention, RDF.type, PLAN.Mention))
        g.add((mention, PLAN.entity, entities[e]))
        g.add((mention, PLAN.inUnit, task))
        g.add((mention, NIF.referenceContext, plan))
        g.add((mention, NIF.beginIndex, Literal(n * 10, datatype=XSD.integer)))
        g.add((mention, PLAN.sentence, Literal(f"第{t + 1}项任务提及第{e}个实体。")))
    return g


def _synthetic_plan(g: Graph, base: Namespace, number: int, tasks: int) -> list[tuple[URIRef, URIRef]]:
    """One plan of 4 parts × 3 sections holding ``tasks`` tasks; returns (task, plan) pairs."""
    plan = base[f"plan/synthetic-{number}"]
    g.add((plan, RDF.type, PLAN.Plan))
    g.add((plan, DCTERMS.title, Literal(f"合成规划之{number + 1}", lang="zh")))
    order = 0

    def unit(iri: URIRef, cls, parent: URIRef, notation: int, title: str) -> URIRef:
        nonlocal order
        g.add((iri, RDF.type, cls))
        g.add((iri, DCTERMS.isPartOf, parent))
        g.add((iri, PLAN.inPlan, plan))
        g.add((iri, SKOS.notation, Literal(str(notation))))
        g.add((iri, RDFS.label, Literal(title, lang="zh")))
        g.add((iri, PLAN.order, Literal(order, datatype=XSD.integer)))
        order += 1
        return iri

    made = []
    sections = [(p, s) for p in range(4) for s in range(3)]
    for p in range(4):
        part = unit(URIRef(f"{plan}/part-{p + 1}"), PLAN.Part, plan, p + 1, f"第{p + 1}部分")
        for s in range(3):
            section = unit(URIRef(f"{part}/section-{s + 1}"), PLAN.Section, part, s + 1, f"第{p + 1}.{s + 1}节")
            index = sections.index((p, s))
            for t in range(tasks * index // 12, tasks * (index + 1) // 12):
                made.append((unit(URIRef(f"{section}/task-{t + 1}"), PLAN.Task, section, t + 1,
                                  f"推进第{t + 1}项合成任务"), plan))
    return made


def write_page(graph: Graph, path: Path) -> tuple[float, float, PlanNetwork]:
    started = time.perf_counter()
    data = network_data(graph)
    read = time.perf_counter() - started
    started = time.perf_counter()
    net = PlanNetwork(data)
    net.write_html(str(path))
    return read, time.perf_counter() - started, net


def measure(browser, path: Path, repeat: int) -> dict:
    drawn, wall, switch, matrix, requests = [], [], [], [], []
    counts = co_counts = labels = None
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1400, "height": 950})
        seen: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r, seen=seen: seen.append(r.url))
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("() => window.plankgNetwork && window.plankgNetwork.ready", timeout=300_000)
        wall.append(time.perf_counter() - started)
        drawn.append(page.evaluate("() => window.plankgNetwork.timings.drawn") / 1000)
        counts = page.evaluate("() => window.plankgNetwork.counts()")
        labels = page.evaluate("""() => { const api = window.plankgNetwork, sizes = api.labelSizes();
                                          return api.topIds.map(id => sizes[id].px); }""")
        started = time.perf_counter()
        page.evaluate("() => window.plankgNetwork.setView('cooccurrence')")
        page.wait_for_function("() => window.plankgNetwork.ready", timeout=300_000)
        switch.append(time.perf_counter() - started)
        co_counts = page.evaluate("() => window.plankgNetwork.counts()")
        started = time.perf_counter()
        page.evaluate("() => window.plankgNetwork.setView('matrix')")
        matrix.append(time.perf_counter() - started)
        requests.append([url for url in seen if url != path.as_uri()])
        if errors:
            print(f"  console errors: {errors[:3]}", file=sys.stderr)
        page.close()
    return {"drawn": statistics.median(drawn), "wall": statistics.median(wall),
            "switch": statistics.median(switch), "matrix": statistics.median(matrix), "counts": counts,
            "co_counts": co_counts, "labels": labels, "requests": sorted({u for r in requests for u in r})}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=8000)
    parser.add_argument("--plans", type=int, default=10)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install chromium fonts-wqy-zenhei", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    bundled = load_graph(bundled_graph_path())
    print(f"bundled graph read in {time.perf_counter() - started:.2f} s ({len(bundled)} triples)")
    started = time.perf_counter()
    synthetic = synthetic_graph(args.nodes, args.edges, args.plans)
    print(f"synthetic graph made in {time.perf_counter() - started:.2f} s ({len(synthetic)} triples)")
    cases = [("bundled plan", bundled, OUT / "network-bundled.html"),
             (f"synthetic {args.nodes} nodes / {args.edges} links / {args.plans} plans", synthetic,
              OUT / "network-synthetic.html")]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, graph, path in cases:
            read, build, net = write_page(graph, path)
            views = {v: (len(n.nodes), len(n.edges)) for v, n in net.views.items()}
            print(f"\n{name}: network data {read:.2f} s, page built and written {build:.2f} s, "
                  f"{path.stat().st_size / 1e6:.1f} MB")
            for view, (nodes, edges) in views.items():
                print(f"  view {view}: {nodes} nodes, {edges} edges"
                      + (f" ({net.notes[view]})" if net.notes.get(view) else ""))
            result = measure(browser, path, args.repeat)
            print(f"  Chromium, median of {args.repeat}: drawn {result['drawn']:.2f} s after navigation "
                  f"(ready seen at {result['wall']:.2f} s wall); co-occurrence view {result['switch']:.2f} s, "
                  f"matrix {result['matrix']:.2f} s")
            sizes = result["labels"] or []
            print(f"  labels at the fitted zoom: {len(sizes)} central entities, "
                  f"{min(sizes, default=0):.1f}–{max(sizes, default=0):.1f} px")
            print(f"  drawn: {result['counts']} (tasks view), {result['co_counts']} (co-occurrence view)")
            print(f"  requests besides the page: {result['requests'] or 'none'}")
            if "synthetic" in name:
                verdict = "meets" if result["drawn"] < 10 else "MISSES"
                print(f"  target < 10 s: {verdict}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
