"""The interactive network page: one self-contained HTML file built with pyvis.

Three views of one graph (of one plan or many):

* **structure** (``tasks``): the units that name entities — tasks, 专栏 columns,
  goals, principles, parts and sections by their own text — on a ring in
  document order, one band per part or section (``plankg.graph.layout``), and
  every entity placed by the units naming it: outside its unit when only one
  names it, towards the centre the more widely it is named. Every entity has an
  edge. In a corpus each plan takes a run of bands in its own colour.
* **co-occurrence**: the same entities at the same places, an edge where two are
  named by one task (networkx projection, as thick as the tasks they share).
* **matrix**: entities × sections (or parts), each cell the number of units there
  naming the entity — the question "who appears where".

Labels: the ten most central entities (betweenness, then degree centrality of the
co-occurrence network, as ``plankg stats`` computes them) are labelled at the
fitted zoom in at least 12 px; every other label appears once the zoom leaves it
room (its font is set from the distance to its nearest neighbour). Edge labels
(what the plan asks of the entity) are drawn only for the selected node's edges.

pyvis builds the nodes, edges and vis-network options; the page itself comes from
plankg's own template (``templates/network.html``), because every pyvis template
links Bootstrap (and ``local`` mode vis-network) from a CDN, switches tooltips to
``innerHTML`` popups when a title contains ``href``, and writes node ids unescaped
into its select menu. So:

* nothing is fetched: vis-network's JS and CSS are inlined from the pyvis
  package, there is no Bootstrap, and a Content-Security-Policy (``default-src
  'none'``; scripts allowed only by their SHA-256 hashes) stops any request or
  injected script even if something slipped through;
* document text never becomes markup: all of it travels as JSON in a
  ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written
  as ``\\u003c`` … (so ``</script>`` cannot close it); the page's tooltip, legend,
  panels and matrix are built with ``textContent``, and the band labels are drawn
  on the canvas.

Positions are computed here (deterministic), so the page never runs physics.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network

from ..cjk import HAN
from ..datafiles import data_text
from .analytics import SEED, TITLE, NetworkData, centralities, cooccurrence_graph, network_data
from .layout import INNER_MARGIN, RingInput, RingLayout, ring_layout
from .serialize import write_atomic

#: The network views (``plankg viz --view``, ``plankg export --view``); the page also has the matrix.
VIEWS = ("tasks", "cooccurrence")
PAGE_VIEWS = (*VIEWS, "matrix")
VIEW_NAMES = {"tasks": ("结构", "structure"), "cooccurrence": ("共现", "co-occurrence"),
              "matrix": ("矩阵", "matrix")}
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
#: The legend's short names (the full ones are its tooltips), so the controls stay on one line.
LEGEND_NAMES = {"product": "产品", "benchmark": "基准", "programme": "项目"}
#: Unit kind -> (Chinese name, English name, vis-network shape).
UNIT_KINDS: dict[str, tuple[str, str, str]] = {
    "task": ("任务", "task", "diamond"),
    "column": ("专栏", "column", "square"),
    "goal": ("目标", "goal", "triangle"),
    "principle": ("原则", "principle", "triangleDown"),
    "section": ("节", "section text", "hexagon"),
    "part": ("部分", "part text", "hexagon"),
    TITLE: ("标题", "title", "star"),
}
#: Units of a single plan; the plans of a corpus (ColorBrewer Dark2, then darker tones).
UNIT_COLOUR = "#3d3d3d"
UNIT_SIZE = 8.0
PLAN_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#1f78b4", "#666666",
                "#b15928", "#6a3d9a", "#e6ab02", "#33a02c")
FONT_FACE = "'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"
#: Labels are shown this big (screen pixels) when they appear; the central ones at the fitted zoom.
LABEL_PX = 14
#: How many of the most central entities are labelled at the fitted zoom.
TOP_LABELS = 10
#: The structure layout assumes a canvas about this big (pixels) to reserve room for the central labels;
#: the page fits the ring into its canvas leaving this much room (pixels) beside it for the band labels.
VIEWPORT = (900.0, 720.0)
BAND_LABEL_ROOM = 200
#: Graphs up to this size get networkx's exact spring layout (``layout``, used by the GEXF export).
EXACT_LAYOUT_MAX = 500
#: Above this many entities the page ranks them by betweenness estimated from this many sources
#: (exact below, as ``plankg stats``; 100 sources take about 4 s for 1,600 entities and 65,000 edges).
RANK_SAMPLES = 100
#: The co-occurrence view keeps at most this many edges (the heaviest); the page says when it cut.
MAX_COOCCURRENCE_EDGES = 20_000
EDGE_GREY = "rgba(120,120,120,0.35)"

_TEMPLATES = "templates"
_CHINESE_DIGITS = "〇一二三四五六七八九"


# ----------------------------------------------------------------------------- the pyvis side


class PlanNetwork(Network):
    """A pyvis ``Network`` of a plan graph that writes plankg's self-contained page.

    Its own nodes, edges and options are those of the shown network view (``view``;
    the structure view when the page opens on its matrix); the page holds every view.
    ``write_html``, ``save_graph``, ``show`` and ``generate_html`` all produce the
    offline page; in Jupyter the object shows itself inline (``_repr_html_``: the page
    in an ``<iframe srcdoc>``).
    """

    def __init__(self, data: NetworkData, view: str = "tasks", height: str = "720px"):
        if view not in PAGE_VIEWS:
            raise ValueError(f"view must be one of {', '.join(PAGE_VIEWS)}")
        super().__init__(height=height, width="100%", cdn_resources="in_line", heading="")
        self.data = data
        self.view = view
        self.views: dict[str, Network] = {}
        self.notes: dict[str, str | None] = {}
        # short node ids keep the page small (the IRIs travel once, in the page's data)
        self.ids = {iri: f"e{i}" for i, iri in enumerate(data.entities)}
        self.ids.update({iri: f"u{i}" for i, iri in enumerate(data.units)})
        self.ring: RingLayout | None = None
        self.rank: list[str] = []
        if data.entities:
            co = cooccurrence_graph(data)
            self.rank = central_entities(data, co)
            self.ring = structure_layout(data, self.rank[:TOP_LABELS])
            self.views["tasks"] = _structure_view(data, self.ids, self.ring)
            self.views["cooccurrence"], self.notes["cooccurrence"] = _cooccurrence_view(data, self.ids, self.ring, co)
            shown = self.views["cooccurrence" if view == "cooccurrence" else "tasks"]
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


def central_entities(data: NetworkData, cooccurrence: nx.Graph | None = None) -> list[str]:
    """Every entity, most central first: betweenness, then degree centrality of the co-occurrence
    network (as ``plankg stats`` computes them; above RANK_SAMPLES entities betweenness is estimated
    from that many seeded sources), then how many units name it, then IRI."""
    degree, betweenness = centralities(data, cooccurrence, samples=RANK_SAMPLES)
    units = data.entity_units
    return sorted(data.entities, key=lambda e: (-round(betweenness.get(e, 0.0), 9), -round(degree.get(e, 0.0), 9),
                                                -len(units[e]), e))


def structure_layout(data: NetworkData, labelled: list[str]) -> RingLayout:
    """The ring of units and the entities around it (``plankg.graph.layout``); ``labelled``
    entities get room for a label shown at the fitted zoom."""
    spec = RingInput(units=[(u.id, u.group, u.plan) for u in data.units.values()],
                     groups={g.id: g.part for g in data.groups.values()},
                     named=data.entity_units, sizes={**{e: node_size(len(us)) for e, us in data.entity_units.items()},
                                                     **dict.fromkeys(data.units, UNIT_SIZE)})
    first = ring_layout(spec)
    # the central labels, as wide as they will be at the fitted zoom of the first layout (a little more)
    scale = 0.9 * fit_scale(first.outer, VIEWPORT)
    boxes = {e: ((_text_width(data.entities[e].label) + 1) * (LABEL_PX + 1) / scale, 1.4 * (LABEL_PX + 1) / scale)
             for e in labelled}
    # the units' numbers are drawn 17 px inside the circle, 12 px high
    clearance = max(INNER_MARGIN, 26 / scale)
    return ring_layout(RingInput(spec.units, spec.groups, spec.named, spec.sizes, boxes, clearance))


def fit_scale(outer: float, viewport: tuple[float, float]) -> float:
    """The zoom at which the page fits a ring reaching ``outer`` into a canvas of ``viewport`` pixels
    (the page's fitAll does the same)."""
    reach = outer + 20
    return max(0.05, min((viewport[0] / 2 - BAND_LABEL_ROOM) / reach, (viewport[1] / 2 - 24) / reach))


def node_size(units: int) -> float:
    """An entity's radius by how many units (or tasks) name it."""
    return round(5 + 3 * math.sqrt(max(units, 1)), 1)


def _text_width(text: str) -> float:
    """Width in ems: CJK and other wide characters one em, the rest about 0.6."""
    return sum(1.0 if ord(c) > 0x2E80 else 0.6 for c in text)


def _structure_view(data: NetworkData, ids: dict[str, str], ring: RingLayout) -> Network:
    """Entities and units at their ring positions, an edge per unit naming an entity."""
    net = Network(height="720px", width="100%", cdn_resources="in_line")
    plan_index = {p: i for i, p in enumerate(data.plans)}
    fonts = _label_fonts(data, ring)
    for unit in data.units.values():
        x, y = ring.positions[unit.id]
        colour = _unit_colour(plan_index[unit.plan], len(data.plans))
        _add_node(net, {"id": ids[unit.id], "shape": UNIT_KINDS[unit.kind][2], "size": UNIT_SIZE,
                        "color": _colour(colour, "#ffffff"), "borderWidth": 1.5, "x": x, "y": y,
                        "ptype": "unit"})
    for entity in data.entities.values():
        _add_node(net, _entity_node(entity, ids, ring, fonts, len(data.entity_units[entity.id])))
    for number, ((unit_id, entity_id), weight) in enumerate(data.unit_links.items()):
        colour = EDGE_GREY if len(data.plans) == 1 else _alpha(
            _unit_colour(plan_index[data.units[unit_id].plan], len(data.plans)), 0.4)
        net.edges.append(Edge(ids[unit_id], ids[entity_id], id=f"l{number}", value=weight,
                              color={"color": colour, "highlight": "#333333", "hover": "#555555"}).options)
    net.options = _options()
    return net


def _cooccurrence_view(data: NetworkData, ids: dict[str, str], ring: RingLayout,
                       co: nx.Graph) -> tuple[Network, str | None]:
    """The entities at the same places, an edge where two share a task (the heaviest edges only
    beyond MAX_COOCCURRENCE_EDGES; the note says so)."""
    g = co.copy()
    note = None
    if g.number_of_edges() > MAX_COOCCURRENCE_EDGES:
        total = g.number_of_edges()
        ranked = sorted(g.edges(data="weight"), key=lambda e: (-e[2], e[0], e[1]))
        g.remove_edges_from([(a, b) for a, b, _ in ranked[MAX_COOCCURRENCE_EDGES:]])
        note = (f"共 {total} 条共现边，仅显示权重最高的 {MAX_COOCCURRENCE_EDGES} 条 / "
                f"showing the {MAX_COOCCURRENCE_EDGES} heaviest of {total} co-occurrence edges")
    net = Network(height="720px", width="100%", cdn_resources="in_line")
    fonts = _label_fonts(data, ring)
    for entity in data.entities.values():
        _add_node(net, _entity_node(entity, ids, ring, fonts, len(data.entity_units[entity.id])))
    for number, (a, b, attrs) in enumerate(g.edges(data=True)):
        weight = attrs.get("weight", 1)
        net.edges.append(Edge(ids[a], ids[b], id=f"c{number}", value=weight, tasks=attrs.get("tasks", ""),
                              color={"color": f"rgba(90,90,90,{min(0.15 + 0.1 * weight, 0.6):.2f})",
                                     "highlight": "#333333", "hover": "#555555"}).options)
    for edge in net.edges:  # the shared tasks as page ids
        edge["tasks"] = [ids[t] for t in edge["tasks"].split()]
    net.options = _options()
    return net, note


def _add_node(net: Network, node: dict) -> None:
    net.nodes.append(node)
    net.node_ids.append(node["id"])
    net.node_map[node["id"]] = node


def _entity_node(entity, ids: dict[str, str], ring: RingLayout, fonts: dict[str, float], units: int) -> dict:
    x, y = ring.positions[entity.id]
    return {"id": ids[entity.id], "label": entity.label, "shape": "dot", "size": node_size(units),
            "color": _colour(TYPES[entity.type][2]), "borderWidth": 1, "x": x, "y": y, "ptype": entity.type,
            "font": {"size": fonts[entity.id], "color": "#1a1a1a", "face": FONT_FACE, "strokeWidth": 3,
                     "strokeColor": "#ffffff"}}


def _label_fonts(data: NetworkData, ring: RingLayout) -> dict[str, float]:
    """Each entity's font size in canvas units, so that its label (LABEL_PX on screen) appears once
    the zoom gives it room: the nearer its nearest neighbour and the longer its name, the later."""
    from scipy.spatial import cKDTree

    entities = list(data.entities)
    if len(entities) < 2:
        return {e: float(LABEL_PX) for e in entities}
    points = [ring.positions[e] for e in entities]
    distance, _ = cKDTree(points).query(points, k=2)
    fonts = {}
    for entity, nearest in zip(entities, distance[:, 1], strict=True):
        width = _text_width(data.entities[entity].label) * LABEL_PX
        zoom = min(max(0.85 * width / max(nearest, 1.0), 0.25), 8.0)
        fonts[entity] = round(LABEL_PX / zoom, 2)
    return fonts


def _options() -> dict:
    return {
        "nodes": {"font": {"face": FONT_FACE},
                  # a label is drawn only when at least 12 px on screen, and never above 24 px
                  "scaling": {"label": {"enabled": False, "drawThreshold": 13, "maxVisible": 24}}},
        "edges": {"smooth": False, "scaling": {"min": 0.6, "max": 4, "label": {"enabled": False}},
                  "selectionWidth": 1.5,
                  "font": {"size": 11, "face": FONT_FACE, "color": "#333333", "strokeWidth": 4,
                           "strokeColor": "#ffffff", "align": "horizontal"}},
        "interaction": {"hover": True, "tooltipDelay": 80, "hideEdgesOnDrag": False, "hideEdgesOnZoom": False,
                        "navigationButtons": False, "keyboard": False, "multiselect": False},
        "layout": {"randomSeed": SEED, "improvedLayout": False},
        "physics": {"enabled": False},
    }


def _colour(colour: str, border: str | None = None) -> dict:
    edge = border or _darker(colour)
    return {"background": colour, "border": edge, "highlight": {"background": colour, "border": "#111111"},
            "hover": {"background": colour, "border": "#111111"}}


def _unit_colour(plan: int, plans: int) -> str:
    return UNIT_COLOUR if plans == 1 else PLAN_COLOURS[plan % len(PLAN_COLOURS)]


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def _alpha(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ----------------------------------------------------------------------------- networkx layout (exports)


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions (rounded, so files are stable), for the GraphML/GEXF export.

    Up to ``EXACT_LAYOUT_MAX`` nodes: networkx's ``spring_layout``; larger graphs
    :func:`sampled_spring_layout`, the same forces with sampled repulsion.
    """
    if len(g) == 0:
        return {}
    scale = max(250.0, 40.0 * math.sqrt(len(g)))
    if len(g) <= EXACT_LAYOUT_MAX:
        k = 1.6 / math.sqrt(len(g))
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
        displacement -= (pos - pos.mean(axis=0)) * (n * k)
        length = np.maximum(np.sqrt((displacement ** 2).sum(axis=1)), 1e-9)
        pos += displacement * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    pos *= scale / max(np.abs(pos).max(), 1e-9)
    return dict(zip(nodes, pos, strict=True))


# ----------------------------------------------------------------------------- the page's data


def page_data(net: PlanNetwork) -> dict:
    """Everything the page's script needs, as JSON-able data (document text included)."""
    data = net.data
    payload: dict = {
        "title": data.title,
        "empty": not data.entities,
        "emptyMessage": "这份图谱中没有实体，无可显示的网络。/ "
                        "This graph has no entities: there is no network to show.",
        "initialView": net.view,
        "plans": [{"iri": iri, "title": title, "short": short_title(title), "colour": _unit_colour(i, len(data.plans))}
                  for i, (iri, title) in enumerate(data.plans.items())],
        "types": [{"key": key, "zh": zh, "en": en, "short": LEGEND_NAMES.get(key, zh), "color": colour,
                   "count": data.type_counts[key]}
                  for key, (zh, en, colour) in TYPES.items() if key != "task" and data.type_counts[key]],
        "unitKinds": {key: [zh, en, shape] for key, (zh, en, shape) in UNIT_KINDS.items()},
        "typeNames": {key: [zh, en] for key, (zh, en, _) in TYPES.items()},
        "labelPx": LABEL_PX,
        "bandLabelRoom": BAND_LABEL_ROOM,
        "topLabels": TOP_LABELS,
        "viewNames": {key: list(names) for key, names in VIEW_NAMES.items()},
        "sparql": {path.stem: path.read_text(encoding="utf-8") for path in _sparql_templates()},
        "views": {},
    }
    if not data.entities:
        return payload
    payload.update(_entity_payload(net))
    payload.update(_structure_payload(net))
    for name, view in net.views.items():
        nodes, edges, _heading, _height, _width, options = view.get_network_data()
        options = json.loads(options) if isinstance(options, str) else options
        payload["views"][name] = {"nodes": nodes, "edges": edges, "options": options, "note": net.notes.get(name)}
    return payload


def _entity_payload(net: PlanNetwork) -> dict:
    data, ids = net.data, net.ids
    rank = {e: i for i, e in enumerate(net.rank)}
    plan_index = {p: i for i, p in enumerate(data.plans)}
    entities = {}
    for e in data.entities.values():
        units = data.entity_units[e.id]
        entities[ids[e.id]] = {"iri": e.id, "label": e.label, "type": e.type, "aliases": list(e.aliases),
                               "mentions": e.mention_count, "evidence": e.evidence, "rank": rank[e.id],
                               "units": [ids[u] for u in units], "tasks": len(e.tasks),
                               "plans": [plan_index[p] for p in data.entity_plans(e.id)]}
    links = {}
    for (unit, entity), count in data.unit_links.items():
        links[f"{ids[unit]}|{ids[entity]}"] = [count, data.actions.get((entity, unit), []),
                                              data.evidence.get((entity, unit))]
    return {"entities": entities, "links": links}


def _structure_payload(net: PlanNetwork) -> dict:
    data, ids, ring = net.data, net.ids, net.ring
    assert ring is not None, "a network with entities is always laid out"
    plan_index = {p: i for i, p in enumerate(data.plans)}
    group_ids = {g: f"g{i}" for i, g in enumerate(data.groups)}
    units = {ids[u.id]: {"iri": u.id, "kind": u.kind, "number": u.number, "title": u.title,
                         "plan": plan_index[u.plan], "group": group_ids[u.group], "short": _unit_short(u)}
             for u in data.units.values()}
    groups = {}
    for g in data.groups.values():
        groups[group_ids[g.id]] = {"iri": g.id, "kind": g.kind, "number": g.number, "title": g.title,
                                   "plan": plan_index[g.plan], "part": group_ids.get(g.part) if g.part else None,
                                   "label": _group_label(g, data), "short": _group_short(g, data),
                                   "name": _group_name(g),
                                   "numbers": _group_numbers(g, data)}
    arcs = [[group_ids[a.key], round(a.start, 5), round(a.end, 5)] for a in ring.groups]
    plan_arcs = [[plan_index[a.key], round(a.start, 5), round(a.end, 5)] for a in ring.plans]
    return {"units": units, "groups": groups,
            "ring": {"radius": ring.radius, "outer": ring.outer, "arcs": arcs, "plans": plan_arcs}}


def _chinese(number: str) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (numbers up to 99; others as they are)."""
    if not number.isdigit() or not 0 < int(number) < 100:
        return number
    tens, ones = divmod(int(number), 10)
    text = ("" if tens < 2 else _CHINESE_DIGITS[tens]) + ("十" if tens else "")
    return text + (_CHINESE_DIGITS[ones] if ones else "")


def _unit_short(unit) -> str:
    """What the ring shows beside a unit: 12, 专栏3, 目标2, 原则1, （二）, 一、, 标题."""
    if unit.kind == "task":
        return unit.number
    if unit.kind in ("column", "goal", "principle"):
        return UNIT_KINDS[unit.kind][0] + unit.number
    if unit.kind == "section":
        return f"（{_chinese(unit.number)}）"
    if unit.kind == "part":
        return f"{_chinese(unit.number)}、"
    return UNIT_KINDS[TITLE][0]


def _group_short(group, data: NetworkData) -> str:
    """The numbering of a part or section: 三、 or 三（二）."""
    if group.kind == "plan":
        return ""
    if group.kind == "part":
        return f"{_chinese(group.number)}、"
    part = data.groups.get(group.part) if group.part else None
    return (f"{_chinese(part.number)}" if part else "") + f"（{_chinese(group.number)}）"


def _group_numbers(group, data: NetworkData) -> str:
    """The numbering in digits, for narrow places: 3 for a part, 3.2 for a section."""
    if group.kind != "section":
        return group.number
    part = data.groups.get(group.part) if group.part else None
    return f"{part.number}.{group.number}" if part else group.number


def _group_label(group, data: NetworkData) -> str:
    """A band's label: its numbering and its title up to the first comma (at most 12 characters)."""
    if group.kind == "plan":
        return "《" + _short(short_title(group.title), 16) + "》"
    return _group_short(group, data) + _short(_group_name(group), 12)


def _group_name(group) -> str:
    """A part's or section's title up to its first comma (完善金融服务体系，增强… → 完善金融服务体系)."""
    return re.split("[，,；;。]", group.title, maxsplit=1)[0] if group.kind != "plan" else short_title(group.title)


def short_title(title: str) -> str:
    """A plan's title without its issuer and document type, to tell plans apart in a small space:
    国务院办公厅关于加强铁路沿线安全环境治理工作的意见 → 加强铁路沿线安全环境治理工作. The part after the
    first 关于 ("concerning"), without a closing 的 + up to four characters (的通知, 的实施意见)."""
    short = title.split("关于", 1)[1] if "关于" in title[:20] else title
    short = re.sub(f"的{HAN}{{1,4}}$", "", short)
    return short or title


def _sparql_templates() -> list:
    folder = resources.files(__package__).joinpath(f"{_TEMPLATES}/sparql")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".rq")), key=lambda p: p.name)


def script_json(value) -> str:
    """JSON safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` survives (so neither
    ``</script>`` nor ``<!--`` can end or confuse the element), nor U+2028/U+2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


# ----------------------------------------------------------------------------- the page


@cache
def _asset(package: str, name: str) -> str:
    return data_text(package, name)


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
    )


def _markup(text: str) -> Markup:
    """Text the template must not escape: our own assets, and the JSON made safe by script_json."""
    return Markup(text)


# ----------------------------------------------------------------------------- entry points


def network(graph, view: str = "tasks", height: str = "720px") -> PlanNetwork:
    """The network of ``graph`` for a notebook (shows inline) or a script (``.write_html(path)``).

    ``graph``: an rdflib Graph or Dataset, or a path to a graph file written by
    ``plankg build`` (``plankg.build.network()`` shows the bundled plan's).
    """
    return PlanNetwork(network_data(_graph(graph)), view=view, height=height)


def _graph(graph):
    if isinstance(graph, (str, Path)):
        from .load import load_graph

        return load_graph(graph)
    return graph


def write_page(graph, path: str | Path, view: str = "tasks") -> PlanNetwork:
    """Write the page of ``graph`` (an rdflib graph, or a NetworkData) to ``path`` atomically."""
    data = graph if isinstance(graph, NetworkData) else network_data(graph)
    net = PlanNetwork(data, view=view)
    net.write_html(str(path))
    return net


__all__ = ["PAGE_VIEWS", "TYPES", "UNIT_KINDS", "VIEWS", "PlanNetwork", "central_entities", "layout", "network",
           "page_data", "page_html", "sampled_spring_layout", "script_json", "structure_layout", "write_page"]
