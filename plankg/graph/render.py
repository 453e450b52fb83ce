"""The interactive entity network: a self-contained HTML page built with pyvis.

pyvis builds the nodes, edges and vis-network options of each view; the page
itself comes from plankg's own template (``templates/network.html``), because
every pyvis template links Bootstrap (and ``local`` mode vis-network) from a CDN,
switches tooltips to ``innerHTML`` popups when a title contains ``href``, and
writes node ids unescaped into its select menu. So:

* nothing is fetched: vis-network's JS and CSS are inlined from the pyvis
  package, there is no Bootstrap, and a Content-Security-Policy (``default-src
  'none'``; scripts allowed only by their SHA-256 hashes) stops any request or
  injected script even if something slipped through;
* document text never becomes markup: all of it travels as JSON in a
  ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written
  as ``\\u003c`` … (so ``</script>`` cannot close it), node titles are plain
  strings (vis-network shows them with ``innerText``), and the page's own controls
  (legend, type filter, search, details panel) are built with ``textContent``.

Two views: the entity–task network (tasks as grey diamonds) and the entity
co-occurrence network (networkx projection, edges weighted by shared tasks).
Layouts are precomputed with networkx (seeded); small networks then settle with
vis-network physics, which is switched off once stabilised; large ones are
drawn at the precomputed positions with physics off. Smooth edges are off.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network

from .analytics import SEED, NetworkData, cooccurrence_graph, network_data, task_graph
from .serialize import write_atomic

VIEWS = ("tasks", "cooccurrence")
VIEW_NAMES = {"tasks": ("实体—任务网络", "entities and tasks"),
              "cooccurrence": ("实体共现网络", "entity co-occurrence")}
#: Type key -> (Chinese name, English name, colour). Colours: Tableau 10.
TYPES: dict[str, tuple[str, str, str]] = {
    "institution": ("机构", "institution", "#4e79a7"),
    "market": ("市场", "market", "#f28e2b"),
    "product": ("金融产品", "product", "#59a14f"),
    "place": ("地点", "place", "#e15759"),
    "benchmark": ("基准价格与指数", "benchmark", "#b07aa1"),
    "programme": ("项目与机制", "programme", "#edc948"),
    "task": ("任务", "task", "#9d9d9d"),
}
FONT_FACE = "'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"
#: Views with more nodes or edges than this are drawn at their networkx layout with physics off.
PHYSICS_MAX_NODES = 600
PHYSICS_MAX_EDGES = 2500
#: Graphs up to this size get networkx's exact spring layout; larger ones the sampled one.
EXACT_LAYOUT_MAX = 500
#: The co-occurrence view keeps at most this many edges (the heaviest); the page says when it cut.
MAX_COOCCURRENCE_EDGES = 20_000
#: Tooltips list at most this many tasks (the details panel lists them all).
TOOLTIP_TASKS = 15
EDGE_COLOR = {"color": "#c4c4c4", "highlight": "#555555", "hover": "#7f7f7f"}

_TEMPLATES = "templates"


# ----------------------------------------------------------------------------- the pyvis side


class PlanNetwork(Network):
    """A pyvis ``Network`` of a plan graph that writes plankg's self-contained page.

    Its own nodes, edges and options are those of the shown view (``view``); the
    page holds both views. ``write_html``, ``save_graph``, ``show`` and
    ``generate_html`` all produce the offline page; in Jupyter the object shows
    itself inline (``_repr_html_``: the page in an ``<iframe srcdoc>``).
    """

    def __init__(self, data: NetworkData, view: str = "tasks", height: str = "720px"):
        if view not in VIEWS:
            raise ValueError(f"view must be one of {', '.join(VIEWS)}")
        super().__init__(height=height, width="100%", cdn_resources="in_line", heading="")
        self.data = data
        self.view = view
        self.views: dict[str, Network] = {}
        self.notes: dict[str, str | None] = {}
        # short node ids keep the page small (the IRIs travel once, in the page's entity data)
        self.ids = {iri: f"e{i}" for i, iri in enumerate(data.entities)}
        self.ids.update({iri: f"t{i}" for i, iri in enumerate(data.tasks)})
        if data.entities:
            for name in VIEWS:
                self.views[name], self.notes[name] = _build_view(data, name, self.ids)
            shown = self.views[view]
            self.nodes, self.edges, self.node_ids, self.node_map = (shown.nodes, shown.edges, shown.node_ids,
                                                                    shown.node_map)
            self.options = shown.options

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        self.html = page_html(self)
        return self.html

    def write_html(self, name, local: bool = True, notebook: bool = False, open_browser: bool = False) -> None:
        write_atomic(name, self.generate_html().encode("utf-8"))
        if open_browser:  # pragma: no cover - interactive only
            import webbrowser

            webbrowser.open(Path(name).resolve().as_uri())

    def save_graph(self, name) -> None:
        self.write_html(name)

    def show(self, name: str = "network.html", local: bool = True, notebook: bool = True):
        """Write the page to ``name``; in a notebook return self (displayed inline)."""
        self.write_html(name, open_browser=not notebook)
        return self if notebook else None

    def _repr_html_(self) -> str:
        page = html.escape(self.generate_html(), quote=True)
        height = _css_length(self.height, 720) + 150
        return (f'<iframe srcdoc="{page}" style="width: 100%; height: {height}px; border: 0" '
                f'sandbox="allow-scripts"></iframe>')


def _css_length(value, default: int) -> int:
    try:
        return int(str(value).removesuffix("px"))
    except ValueError:
        return default


def _build_view(data: NetworkData, view: str, ids: dict[str, str]) -> tuple[Network, str | None]:
    """One view as a pyvis Network with seeded networkx positions (and its note, if cut)."""
    note = None
    if view == "tasks":
        g = task_graph(data)
    else:
        g = cooccurrence_graph(data)
        if g.number_of_edges() > MAX_COOCCURRENCE_EDGES:
            total = g.number_of_edges()
            ranked = sorted(g.edges(data="weight"), key=lambda e: (-e[2], e[0], e[1]))
            g.remove_edges_from([(a, b) for a, b, _ in ranked[MAX_COOCCURRENCE_EDGES:]])
            note = (f"共 {total} 条共现边，仅显示权重最高的 {MAX_COOCCURRENCE_EDGES} 条 / "
                    f"showing the {MAX_COOCCURRENCE_EDGES} heaviest of {total} co-occurrence edges")
    positions = layout(g)
    physics = len(g) <= PHYSICS_MAX_NODES and g.number_of_edges() <= PHYSICS_MAX_EDGES
    net = Network(height="720px", width="100%", cdn_resources="in_line")
    label = {e.id: e.label for e in data.entities.values()}
    for node_id, attrs in g.nodes(data=True):
        x, y = positions[node_id]
        if attrs["kind"] == "task":
            task = data.tasks[node_id]
            net.add_node(ids[node_id], label=_short(data.task_label(task), 16), shape="diamond", size=9,
                         color=_colour("task"), title=_task_title(data, task, g, label),
                         font={"size": 11, "color": "#595959", "face": FONT_FACE}, x=x, y=y, ptype="task")
        else:
            entity = data.entities[node_id]
            net.add_node(ids[node_id], label=entity.label, shape="dot", size=_size(len(entity.tasks)),
                         color=_colour(entity.type), title=_entity_title(data, entity),
                         font={"size": 14, "color": "#1f1f1f", "face": FONT_FACE}, x=x, y=y, ptype=entity.type)
    # pyvis's add_edge checks every existing edge (quadratic); the graph has no duplicates
    for number, (a, b, attrs) in enumerate(g.edges(data=True)):
        weight = attrs.get("weight", 1)
        options = {"id": f"e{number}", "value": weight}
        if view == "tasks":
            entity, task = (a, b) if g.nodes[b]["kind"] == "task" else (b, a)
            options["title"] = (f"{label[entity]} — 任务 {data.tasks[task].number}"
                                f"（提及 {weight} 次 / {weight} mention{'s' if weight != 1 else ''}）")
            asked = data.actions.get((entity, task), [])
            if asked:  # what the plan asks of the entity in this task (issue 7), as plain text
                options["title"] += "\n" + "\n".join(asked)
                options["label"] = "、".join(dict.fromkeys(a.split(" ", 1)[0] for a in asked))
                options["font"] = {"size": 9, "color": "#8a8a8a", "face": FONT_FACE, "strokeWidth": 0}
        else:
            numbers = [data.tasks[t].number for t in attrs.get("tasks", "").split()]
            options["title"] = (f"{label[a]} — {label[b]}\n共同出现于 {weight} 项任务 / shared tasks: "
                                + _short(", ".join(numbers), 120))
        net.edges.append(Edge(ids[a], ids[b], **options).options)
    net.options = _options(physics, len(g))
    return net, note


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded positions in vis-network pixels (rounded, so pages are stable).

    Up to ``EXACT_LAYOUT_MAX`` nodes: networkx's ``spring_layout``. Larger graphs:
    :func:`sampled_spring_layout`, the same Fruchterman–Reingold forces with the
    repulsion estimated from a seeded sample of nodes each step (networkx's exact
    layout takes 8–10 s for 2,000 nodes on a 2-core machine; this takes well under 1 s).
    """
    if len(g) == 0:
        return {}
    scale = max(250.0, 40.0 * math.sqrt(len(g)))
    if len(g) <= EXACT_LAYOUT_MAX:
        k = 1.6 / math.sqrt(len(g))  # a little more room than networkx's default 1/sqrt(n)
        positions = nx.spring_layout(g, k=k, iterations=60, seed=SEED, weight=None, scale=scale, method="force")
    else:
        positions = sampled_spring_layout(g, scale=scale)
    return {n: (round(float(p[0]), 1), round(float(p[1]), 1)) for n, p in positions.items()}


def sampled_spring_layout(g: nx.Graph, scale: float = 1.0, iterations: int = 60, sample: int = 150,
                          seed: int = SEED) -> dict:
    """Fruchterman–Reingold with sampled repulsion (numpy; O(n·sample) a step), seeded,
    centred on 0 and scaled so the farthest node lies at ``scale``."""
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in g.edges() if a != b], dtype=np.int64).reshape(-1, 2)
    k = 1.6 / math.sqrt(n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        others = pos if sample >= n else pos[rng.choice(n, sample, replace=False)]
        delta = pos[:, None, :] - others[None, :, :]
        distance2 = np.maximum((delta ** 2).sum(axis=2), 1e-4)
        displacement = (delta * (k * k / distance2)[:, :, None]).sum(axis=1) * (n / len(others))
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.maximum(np.sqrt((d ** 2).sum(axis=1)), 1e-2)
            pull = d * (length / k)[:, None]
            np.subtract.at(displacement, edges[:, 0], pull)
            np.add.at(displacement, edges[:, 1], pull)
        displacement -= (pos - pos.mean(axis=0)) * (n * k)  # gentle gravity: isolated nodes stay near
        length = np.maximum(np.sqrt((displacement ** 2).sum(axis=1)), 1e-9)
        pos += displacement * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    pos *= scale / max(np.abs(pos).max(), 1e-9)
    return dict(zip(nodes, pos))


def _options(physics: bool, size: int) -> dict:
    options = {
        "nodes": {"borderWidth": 1, "font": {"face": FONT_FACE}},
        "edges": {"smooth": False, "color": EDGE_COLOR, "scaling": {"min": 1, "max": 6},
                  "selectionWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": size > 300,
                        "hideEdgesOnZoom": size > 1000, "navigationButtons": False, "keyboard": False},
        "layout": {"randomSeed": SEED, "improvedLayout": False},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -1500, "centralGravity": 0.6, "springLength": 70,
                          "springConstant": 0.05, "damping": 0.4, "avoidOverlap": 0.3},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 250, "updateInterval": 50, "fit": True},
        }
    else:
        options["physics"] = {"enabled": False}
    return options


def _colour(kind: str) -> dict:
    colour = TYPES[kind][2]
    return {"background": colour, "border": _darker(colour), "highlight": {"background": colour, "border": "#222222"},
            "hover": {"background": colour, "border": "#222222"}}


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def _size(tasks: int) -> float:
    return round(8 + 5 * math.sqrt(tasks), 1)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _type_name(kind: str) -> str:
    zh, en, _ = TYPES[kind]
    return f"{zh} {en}"


def _entity_title(data: NetworkData, entity) -> str:
    """The tooltip: plain text (vis-network shows a string title with innerText)."""
    lines = [entity.label, f"类型 type: {_type_name(entity.type)}"]
    if entity.aliases:
        lines.append("别名 aliases: " + " | ".join(entity.aliases))
    lines.append(f"提及 mentions: {entity.mention_count}")
    if entity.tasks:
        lines.append(f"任务 tasks ({len(entity.tasks)}):")
        for task in entity.tasks[:TOOLTIP_TASKS]:
            lines.append("  " + _short(data.task_label(data.tasks[task]), 60))
        if len(entity.tasks) > TOOLTIP_TASKS:
            lines.append(f"  …另有 {len(entity.tasks) - TOOLTIP_TASKS} 项 / {len(entity.tasks) - TOOLTIP_TASKS} more")
    else:
        lines.append("任务 tasks: 无 none")
    if entity.evidence:
        lines.append("证据 evidence: " + _short(entity.evidence, 200))
    return "\n".join(lines)


def _task_title(data: NetworkData, task, g: nx.Graph, label: dict[str, str]) -> str:
    named = sorted((label[n] for n in g.neighbors(task.id)))
    lines = [f"任务 task {task.number}", task.title]
    if len(data.plans) > 1:
        lines.append("《" + data.plans.get(task.plan, task.plan) + "》")
    lines.append(f"提及实体 entities ({len(named)}): " + _short("、".join(named), 300))
    return "\n".join(lines)


# ----------------------------------------------------------------------------- the page


def page_data(net: PlanNetwork) -> dict:
    """Everything the page's script needs, as JSON-able data (document text included)."""
    data, ids = net.data, net.ids
    summary = (f"{len(data.entities)} 个实体 entities · {len(data.tasks)} 项任务 tasks · "
               f"{len(data.links)} 条实体—任务链接 links")
    payload: dict = {
        "title": data.title,
        "plans": list(data.plans.values()),
        "summary": summary,
        "empty": not data.entities,
        "emptyMessage": "这份图谱中没有实体，无可显示的网络。/ This graph has no entities: there is no network to show.",
        "initialView": net.view,
        "types": [{"key": key, "zh": zh, "en": en, "color": colour,
                   "count": data.type_counts[key] if key != "task" else len(data.tasks)}
                  for key, (zh, en, colour) in TYPES.items() if key == "task" or data.type_counts[key]],
        "views": {},
        "entities": {ids[e.id]: {"iri": e.id, "label": e.label, "type": e.type, "aliases": list(e.aliases),
                                 "tasks": [ids[t] for t in e.tasks], "mentions": e.mention_count,
                                 "evidence": e.evidence}
                     for e in data.entities.values()},
        "tasks": {ids[t.id]: {"iri": t.id, "number": t.number, "title": t.title,
                              "plan": data.plans.get(t.plan, t.plan)}
                  for t in data.tasks.values()},
        "typeNames": {key: [zh, en] for key, (zh, en, _) in TYPES.items()},
    }
    for name, view in net.views.items():
        nodes, edges, _heading, _height, _width, options = view.get_network_data()
        options = json.loads(options) if isinstance(options, str) else options
        payload["views"][name] = {"zh": VIEW_NAMES[name][0], "en": VIEW_NAMES[name][1], "nodes": nodes,
                                  "edges": edges, "options": options, "note": net.notes.get(name),
                                  "physics": bool(options.get("physics", {}).get("enabled"))}
    return payload


def script_json(value) -> str:
    """JSON safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` survives (so neither
    ``</script>`` nor ``<!--`` can end or confuse the element), nor U+2028/U+2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@cache
def _asset(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def _vis_assets() -> tuple[str, str]:
    js = _asset("pyvis", "templates/lib/vis-9.1.2/vis-network.min.js")
    css = _asset("pyvis", "templates/lib/vis-9.1.2/vis-network.css")
    for text in (js, css):  # inlined as they are: they must not end (or confuse) their element
        lowered = text.lower()
        if "</script" in lowered or "</style" in lowered or "<!--" in lowered:
            raise RuntimeError("this pyvis's vis-network files cannot be inlined safely")
    return js, css


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page_html(net: PlanNetwork) -> str:
    """The whole page as a string; it makes no network request and runs no document text."""
    import jinja2

    payload = page_data(net)
    page_js = _asset(__package__, f"{_TEMPLATES}/network.js")
    page_css = _asset(__package__, f"{_TEMPLATES}/network.css")
    vis_js, vis_css = _vis_assets() if not payload["empty"] else ("", "")
    scripts = [page_js] + ([vis_js] if vis_js else [])
    csp = ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts)
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset(__package__, f"{_TEMPLATES}/network.html"))
    return template.render(
        title=payload["title"],
        csp=csp,
        vis_css=_markup(vis_css),
        vis_js=_markup(vis_js),
        page_css=_markup(page_css),
        page_js=_markup(page_js),
        data_json=_markup(script_json(payload)),
        height=_css_length(net.height, 720),
    )


def _markup(text: str) -> Markup:
    """Text the template must not escape: our own assets, and the JSON made safe by script_json."""
    return Markup(text)


# ----------------------------------------------------------------------------- entry points


def network(graph=None, view: str = "tasks", height: str = "720px") -> PlanNetwork:
    """The network of ``graph`` for a notebook (shows inline) or a script (``.write_html(path)``).

    ``graph``: an rdflib Graph or Dataset, a path to a graph file written by
    ``plankg build``, or None for the bundled plan.
    """
    return PlanNetwork(network_data(_graph(graph)), view=view, height=height)


def _graph(graph):
    if graph is None or isinstance(graph, (str, Path)):
        from ..queries.source import graph_file
        from .load import load_graph

        return load_graph(graph_file(graph))
    return graph


def write_page(graph, path: str | Path, view: str = "tasks") -> PlanNetwork:
    """Write the page of ``graph`` (an rdflib graph, or a NetworkData) to ``path`` atomically."""
    data = graph if isinstance(graph, NetworkData) else network_data(graph)
    net = PlanNetwork(data, view=view)
    net.write_html(str(path))
    return net


__all__ = ["PlanNetwork", "TYPES", "VIEWS", "layout", "network", "page_data", "page_html",
           "script_json", "write_page"]
