/* plankg network page.
 * Reads its data from the JSON block #plankg-data and builds every control with
 * textContent (band labels are drawn on the canvas): text from documents never
 * becomes markup. window.plankgNetwork is the page's API (used by the tests and
 * the benchmark). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("plankg-data").textContent);
  var api = window.plankgNetwork = {
    ready: false, empty: !!data.empty, view: null, network: null, views: {}, data: data,
    timings: {script: performance.now()}
  };
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };
  document.title = data.title;
  $("title").textContent = data.title;

  if (data.empty) {
    $("app").hidden = true;
    $("controls").hidden = true;
    $("empty").hidden = false;
    $("empty").textContent = data.emptyMessage;
    api.counts = function () { return {nodes: 0, edges: 0}; };
    api.ready = true;
    return;
  }

  var DIM_ALPHA = 0.22;
  function faded(hex, alpha) {
    var n = parseInt(String(hex).slice(1), 16);
    return "rgba(" + (n >> 16 & 255) + "," + (n >> 8 & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  function dimColour(color) {
    // the node's own colour, faint: the picture stays readable around a highlighted neighbourhood
    var bg = faded(color.background, DIM_ALPHA), border = faded(color.border, DIM_ALPHA + 0.1);
    return {background: bg, border: border, highlight: {background: bg, border: border},
            hover: {background: faded(color.background, 0.5), border: border}};
  }
  var DIM_FONT = "rgba(60,60,60,0.25)";
  var DIM_EDGE = {color: "rgba(200,200,200,0.12)", highlight: "rgba(200,200,200,0.12)", hover: "rgba(200,200,200,0.3)"};
  var NEAR_EDGE = {color: "rgba(40,40,40,0.75)", highlight: "#222222", hover: "#222222"};
  var MATRIX_ROWS = 300;
  var MATRIX_COLOURS = ["#ffffff", "#deebf7", "#9ecae1", "#4292c6", "#08519c"];
  var entities = data.entities, units = data.units, groups = data.groups, plans = data.plans;
  var multi = plans.length > 1;
  var state = {types: {}, units: true, plan: null, matrixBy: "section", selected: null, cell: null};
  var network = null, current = null, fitScale = 1;
  data.types.forEach(function (t) { state.types[t.key] = true; });

  // ---------------------------------------------------------------- small helpers
  function plural(n, zh, en) { return n + " " + zh + " " + en; }
  function unitName(u) {
    var kind = data.unitKinds[u.kind];
    if (u.kind === "title") return kind[0] + " " + kind[1];
    if (u.kind === "section" || u.kind === "part") return u.short + " " + kind[0] + " " + kind[1];
    return kind[0] + " " + kind[1] + " " + u.number;
  }
  function unitLine(id) { var u = units[id]; return unitName(u) + "  " + u.title; }
  function linkOf(unitId, entityId) { return data.links[unitId + "|" + entityId] || [0, [], null]; }
  function askedShort(actions) {
    var seen = {}, out = [];
    actions.forEach(function (a) { var w = a.split(" ")[0]; if (!seen[w]) { seen[w] = true; out.push(w); } });
    return out.join("、");
  }
  function namesOf(id) {
    var e = entities[id];
    if (e) return [e.label].concat(e.aliases);
    var u = units[id];
    return u ? [u.number, u.short, u.title, unitName(u)] : [];
  }

  // ---------------------------------------------------------------- views and visibility
  Object.keys(data.views).forEach(function (name) {
    var v = data.views[name];
    var base = {}, edgeBase = {};
    v.fonts = {};
    v.nodes.forEach(function (n) { base[n.id] = {color: n.color, font: n.font}; if (n.font) v.fonts[n.id] = n.font.size; });
    v.edges.forEach(function (e) { edgeBase[e.id] = e.color; });
    api.views[name] = {name: name, spec: v, base: base, edgeBase: edgeBase,
                       nodes: new vis.DataSet(v.nodes), edges: new vis.DataSet(v.edges)};
  });

  function entityShown(id) {
    var e = entities[id];
    return state.types[e.type] && (state.plan === null || e.plans.indexOf(state.plan) >= 0);
  }
  function unitShown(id) { return state.units && (state.plan === null || units[id].plan === state.plan); }
  function nodeShown(id) { return entities[id] ? entityShown(id) : unitShown(id); }
  function edgeShown(edge) {
    if (state.plan === null || !edge.tasks) return true;
    return edge.tasks.some(function (t) { return units[t] && units[t].plan === state.plan; });
  }

  function applyFilter(view) {
    var nodes = [], edges = [];
    view.nodes.forEach(function (n) {
      var hide = !nodeShown(n.id);
      if (!!n.hidden !== hide) nodes.push({id: n.id, hidden: hide});
    });
    if (nodes.length) view.nodes.update(nodes);
    view.edges.forEach(function (e) {
      var hide = !edgeShown(e);
      if (!!e.hidden !== hide) edges.push({id: e.id, hidden: hide});
    });
    if (edges.length) view.edges.update(edges);
  }

  // ---------------------------------------------------------------- the ring: bands, band labels, unit numbers
  var ring = data.ring;
  function drawBands(ctx) {
    if (!current || current.name === "matrix") return;
    var scale = network.getScale(), inner = ring.radius - 26, outer = ring.outer + 10;
    ring.arcs.forEach(function (arc, i) {
      var g = groups[arc[0]], other = state.plan !== null && g.plan !== state.plan;
      ctx.beginPath();
      ctx.ellipse(0, 0, outer, outer * stretch, 0, arc[1] - Math.PI / 2, arc[2] - Math.PI / 2);
      ctx.ellipse(0, 0, inner, inner * stretch, 0, arc[2] - Math.PI / 2, arc[1] - Math.PI / 2, true);
      ctx.closePath();
      ctx.fillStyle = other ? "rgba(240,240,240,0.35)" : (i % 2 ? "#f1f4f8" : "#e8edf3");
      ctx.fill();
    });
    if (multi) {
      ring.plans.forEach(function (arc) {
        ctx.beginPath();
        var r = outer + 5 / scale;
        ctx.ellipse(0, 0, r, r * stretch, 0, arc[1] - Math.PI / 2, arc[2] - Math.PI / 2);
        ctx.lineWidth = 6 / scale;
        ctx.strokeStyle = state.plan === null || state.plan === arc[0] ? plans[arc[0]].colour : "#dddddd";
        ctx.stroke();
      });
    }
  }

  function bandLabels() {
    // plan labels first (corpora), then the bands by length: a label that would overlap one placed is skipped
    var labels = [], face = data.views.tasks.options.nodes.font.face;
    var measure = document.createElement("canvas").getContext("2d");
    var add = function (text, arc, colour, bold, plan) {
      text = text.length > 15 ? text.slice(0, 14) + "…" : text;
      measure.font = (bold ? "bold " : "") + "13px " + face;
      labels.push({text: text, a: (arc[1] + arc[2]) / 2, size: arc[2] - arc[1], colour: colour, bold: bold,
                   plan: plan, width: measure.measureText(text).width});
    };
    if (multi) ring.plans.forEach(function (arc) { add("《" + plans[arc[0]].short + "》", arc, plans[arc[0]].colour, true, arc[0]); });
    ring.arcs.forEach(function (arc) {
      var g = groups[arc[0]];
      if (!(multi && g.kind === "plan")) add(g.label, arc, "#333333", false, g.plan);  // a corpus names its plans already
    });
    labels.sort(function (x, y) { return (y.bold ? 10 : 0) + y.size - (x.bold ? 10 : 0) - x.size; });
    return labels;
  }
  var BAND_LABELS = null;

  function labelBox(label, r, scale) {
    // where a band label goes, in canvas units: outside the ring, aligned away from it
    var w = label.width / scale, h = 16 / scale, x = r * Math.sin(label.a), y = -r * stretch * Math.cos(label.a);
    var sx = Math.sin(label.a), left, top;
    if (Math.abs(sx) < 0.25) { left = x - w / 2; top = -Math.cos(label.a) > 0 ? y : y - h; }
    else { left = sx > 0 ? x : x - w; top = y - h / 2; }
    return [left, top, left + w, top + h];
  }

  function drawLabels(ctx) {
    if (!current) return;
    var scale = network.getScale(), placed = [];
    var fits = function (box) {
      for (var i = 0; i < placed.length; i++) {
        var p = placed[i];
        if (box[0] < p[2] && p[0] < box[2] && box[1] < p[3] && p[1] < box[3]) return false;
      }
      placed.push(box);
      return true;
    };
    var px = 13 / scale, r = ring.outer + 20 / scale, face = data.views.tasks.options.nodes.font.face;
    BAND_LABELS = BAND_LABELS || bandLabels();
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    BAND_LABELS.forEach(function (label) {
      var box = labelBox(label, r, scale);
      if (!fits(box)) return;
      ctx.font = (label.bold ? "bold " : "") + px + "px " + face;
      ctx.fillStyle = state.plan !== null && label.plan !== state.plan ? "#bbbbbb" : label.colour;
      ctx.fillText(label.text, box[0], box[1] + 1.5 / scale);
    });
    if (current.name !== "tasks" || !state.units) return;
    var near = highlightSet();
    ctx.font = 10.5 / scale + "px " + data.views.tasks.options.nodes.font.face;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    var ru = ring.radius - 17 / scale, positions = network.getPositions(Object.keys(units));
    // (units lie on the ring, stretched by `stretch` vertically: their numbers just inside it)
    Object.keys(units).forEach(function (id) {
      if (!unitShown(id)) return;
      var p = positions[id], x = p.x * ru / ring.radius, y = p.y * ru / ring.radius;
      var w = ctx.measureText(units[id].short).width, h = 12 / scale;
      if (!fits([x - w / 2, y - h / 2, x + w / 2, y + h / 2])) return;
      ctx.fillStyle = near && !near[id] ? "#cccccc" : "#333333";
      ctx.fillText(units[id].short, x, y);
    });
  }

  // ---------------------------------------------------------------- fitting and label sizes
  function extent(scale, k) {
    // the drawing's bounding box on screen (px, from the ring's centre) at a zoom and a vertical stretch
    var keep = stretch, reach = (ring.outer + 12) * scale, box = [-reach, -reach * k, reach, reach * k];
    stretch = k;
    BAND_LABELS = BAND_LABELS || bandLabels();
    BAND_LABELS.forEach(function (label) {
      var b = labelBox(label, ring.outer + 20 / scale, scale);
      box = [Math.min(box[0], b[0] * scale), Math.min(box[1], b[1] * scale),
             Math.max(box[2], b[2] * scale), Math.max(box[3], b[3] * scale)];
    });
    stretch = keep;
    return box;
  }

  function largest(test, low, high) {
    for (var i = 0; i < 30; i++) { var mid = (low + high) / 2; if (test(mid)) low = mid; else high = mid; }
    return low;
  }

  function fitAll() {
    // the largest zoom at which the ring and its band labels fit the canvas; then, if the canvas is
    // taller than that drawing, the ring is stretched into an ellipse (up to 1.4) to fill it.
    // With one plan of a corpus chosen: that plan's nodes, filling the canvas.
    var stage = $("network").getBoundingClientRect();
    var fits = function (b) { return b[2] - b[0] <= stage.width - 16 && b[3] - b[1] <= stage.height - 16; };
    var scale = largest(function (s) { return fits(extent(s, 1)); }, 0.01, 8);
    var k = largest(function (k) { return fits(extent(scale, k)); }, 1, 1.4);
    setStretch(k);
    var box = extent(scale, k);
    network.moveTo({position: {x: (box[0] + box[2]) / 2 / scale, y: (box[1] + box[3]) / 2 / scale}, scale: scale,
                    animation: false});
    if (state.plan !== null) {
      var shown = current.nodes.getIds().filter(nodeShown);
      if (shown.length) {
        network.fit({nodes: shown, animation: false});
        network.moveTo({scale: Math.min(network.getScale() * 0.8, 4 * scale), animation: false});
      }
    }
    fitScale = network.getScale();
    sizeLabels();
  }

  var stretch = 1;
  function setStretch(k) {
    // every node's y is its layout y times k (both network views share the layout)
    if (Math.abs(k - stretch) < 1e-3) return;
    stretch = k;
    ["tasks", "cooccurrence"].forEach(function (name) {
      var v = api.views[name], updates = [];
      v.spec.nodes.forEach(function (n) { updates.push({id: n.id, y: n.y * k}); });
      v.nodes.update(updates);
    });
  }

  function topEntities(want) {
    // the most central shown entities whose labels (at font size `want`) do not overlap a more central one's
    var shown = Object.keys(entities).filter(function (id) { return entityShown(id); });
    shown.sort(function (a, b) { return entities[a].rank - entities[b].rank; });
    var view = current.nodes ? current : api.views.tasks, positions = network.getPositions(shown.slice(0, 3 * data.topLabels));
    var measure = document.createElement("canvas").getContext("2d"), taken = [], chosen = [];
    measure.font = want + "px " + data.views.tasks.options.nodes.font.face;
    for (var i = 0; i < shown.length && i < 3 * data.topLabels && chosen.length < data.topLabels; i++) {
      var id = shown[i], p = positions[id], node = view.nodes.get(id);
      if (!p || !node) continue;
      var w = measure.measureText(entities[id].label).width, top = p.y + node.size + 2;
      var box = [p.x - w / 2, top, p.x + w / 2, top + want * 1.25];
      var free = taken.every(function (b) { return box[2] <= b[0] || b[2] <= box[0] || box[3] <= b[1] || b[3] <= box[1]; });
      if (!free) continue;
      taken.push(box);
      chosen.push(id);
    }
    return chosen;
  }

  function sizeLabels() {
    // the most central shown entities are labelled at the fitted zoom, at least labelPx on screen
    // (at least labelPx on screen); every other label stays hidden (under 12 px) until the user zooms in
    var top = {}, want = (data.labelPx + 0.5) / fitScale, hidden = 10.5 / fitScale;
    topEntities(want).forEach(function (id) { top[id] = true; });
    [api.views.tasks, api.views.cooccurrence].forEach(function (v) {
      var updates = [];
      v.nodes.forEach(function (n) {
        if (!entities[n.id]) return;
        var base = v.spec.fonts[n.id], size = top[n.id] ? Math.max(base, want) : Math.min(base, hidden);
        if (n.font.size !== size) {
          var font = Object.assign({}, v.base[n.id].font, {size: size});
          v.base[n.id] = {color: v.base[n.id].color, font: font};
          updates.push({id: n.id, font: font});
        }
      });
      if (updates.length) v.nodes.update(updates);
    });
    api.topIds = Object.keys(top);
  }

  // ---------------------------------------------------------------- highlight, tooltip, details
  var highlighted = null;
  function highlightSet() {
    if (highlighted === null) return null;
    var keep = {};
    keep[highlighted] = true;
    network.getConnectedNodes(highlighted).forEach(function (n) { keep[n] = true; });
    return keep;
  }

  function edgeLabel(view, e) {
    if (view.name === "tasks") {
      var unit = units[e.from] ? e.from : e.to, entity = unit === e.from ? e.to : e.from;
      return askedShort(linkOf(unit, entity)[1]) || null;
    }
    return e.value > 1 ? e.value + " 项任务" : null;
  }

  var labelled = [];  // edges given a label by the highlight
  function highlight(id) {
    clearHighlight();
    var view = current;
    highlighted = id;
    var keep = highlightSet(), nodes = [], edges = [];
    view.nodes.forEach(function (n) {
      var base = view.base[n.id];
      if (keep[n.id]) nodes.push({id: n.id, color: base.color, font: base.font});
      else nodes.push({id: n.id, color: dimColour(base.color), font: {color: DIM_FONT}});
    });
    view.nodes.update(nodes);
    view.edges.forEach(function (e) {
      var near = e.from === id || e.to === id, label = near ? edgeLabel(view, e) : null;
      var change = {id: e.id, color: near ? NEAR_EDGE : DIM_EDGE};
      if (label) {
        change.label = label;
        change.font = {size: Math.max(11, 12.5 / network.getScale())};  // at least 12.5 px where it is drawn
        labelled.push(e.id);
      }
      edges.push(change);
    });
    view.edges.update(edges);
  }

  function clearHighlight() {
    if (highlighted === null || !current || !current.nodes) { highlighted = null; return; }
    var view = current, nodes = [], edges = [];
    view.nodes.forEach(function (n) { var b = view.base[n.id]; nodes.push({id: n.id, color: b.color, font: b.font}); });
    view.nodes.update(nodes);
    view.edges.forEach(function (e) { edges.push({id: e.id, color: view.edgeBase[e.id]}); });
    view.edges.update(edges);
    if (labelled.length) {
      // vis-network keeps an edge's label through updates: put those edges back as they were
      var again = view.edges.get(labelled).map(function (e) {
        var copy = Object.assign({}, e, {color: view.edgeBase[e.id]});
        delete copy.label;
        delete copy.font;
        return copy;
      });
      view.edges.remove(labelled);
      view.edges.add(again);
      labelled = [];
    }
    highlighted = null;
  }

  function hideTip() { $("tip").hidden = true; }
  function showTip(text, pointer) {
    var tip = $("tip"), stage = $("stage").getBoundingClientRect();
    tip.textContent = text;
    tip.hidden = false;
    var x = pointer.x + 14, y = pointer.y + 14;
    if (x + tip.offsetWidth > stage.width - 4) x = Math.max(4, pointer.x - tip.offsetWidth - 14);
    if (y + tip.offsetHeight > stage.height - 4) y = Math.max(4, pointer.y - tip.offsetHeight - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function entityTip(id) {
    var e = entities[id], lines = [e.label, "类型 type: " + data.typeNames[e.type].join(" ")];
    if (e.aliases.length) lines.push("别名 aliases: " + e.aliases.join(" | "));
    if (multi) lines.push("规划 plans (" + e.plans.length + "): " + e.plans.map(function (p) {
      return "《" + plans[p].title + "》"; }).join(""));
    lines.push("提及 mentions: " + e.mentions + " · " + plural(e.units.length, "个单元", "units") + " · "
               + plural(e.tasks, "项任务", "tasks"));
    e.units.slice(0, 12).forEach(function (u) {
      var asked = askedShort(linkOf(u, id)[1]);
      lines.push("  " + unitLine(u).slice(0, 40) + (asked ? "  [" + asked + "]" : ""));
    });
    if (e.units.length > 12) lines.push("  …另有 " + (e.units.length - 12) + " 个 / more");
    if (e.evidence) lines.push("证据 evidence: " + e.evidence.slice(0, 160));
    return lines.join("\n");
  }

  function unitTip(id) {
    var u = units[id], g = groups[u.group], named = current.name === "tasks" ? network.getConnectedNodes(id) : [];
    var lines = [unitName(u), u.title];
    if (g && g.kind !== "plan") lines.push(g.label);
    if (multi) lines.push("《" + plans[u.plan].title + "》");
    lines.push("提及实体 entities (" + named.length + "): " + named.map(function (n) {
      return entities[n] ? entities[n].label : n; }).join("、").slice(0, 240));
    return lines.join("\n");
  }

  function edgeTip(edgeId) {
    var e = current.edges.get(edgeId);
    if (!e) return "";
    if (current.name === "tasks") {
      var unit = units[e.from] ? e.from : e.to, entity = unit === e.from ? e.to : e.from, link = linkOf(unit, entity);
      var lines = [entities[entity].label + " — " + unitName(units[unit]),
                   "提及 " + link[0] + " 次 / " + link[0] + " mention" + (link[0] === 1 ? "" : "s")];
      return lines.concat(link[1]).join("\n");
    }
    return entities[e.from].label + " — " + entities[e.to].label + "\n共同出现于 " + e.value + " 项任务 / shared tasks: "
      + e.tasks.map(function (t) { return units[t] ? units[t].number : t; }).join(", ").slice(0, 160);
  }

  var EVIDENCE_CHARS = 160;
  function marked(text, names) {
    // the sentence with every name of the entity marked (text nodes and <mark>, never markup); a long
    // sentence is cut to EVIDENCE_CHARS around the first name
    var box = el("blockquote"), hits = [], find = function () {
      hits = [];
      names.forEach(function (n) {
        if (!n) return;
        var at = text.indexOf(n);
        while (at >= 0) { hits.push([at, at + n.length]); at = text.indexOf(n, at + n.length); }
      });
    };
    find();
    if (text.length > EVIDENCE_CHARS) {
      var first = hits.length ? Math.min.apply(null, hits.map(function (h) { return h[0]; })) : 0;
      var start = Math.max(0, Math.min(first - 50, text.length - EVIDENCE_CHARS));
      text = (start > 0 ? "…" : "") + text.slice(start, start + EVIDENCE_CHARS) + (start + EVIDENCE_CHARS < text.length ? "…" : "");
      box.title = "全句 whole sentence";
      find();
    }
    hits.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var pos = 0;
    hits.forEach(function (h) {
      if (h[0] < pos) return;
      box.appendChild(document.createTextNode(text.slice(pos, h[0])));
      box.appendChild(el("mark", text.slice(h[0], h[1])));
      pos = h[1];
    });
    box.appendChild(document.createTextNode(text.slice(pos)));
    return box;
  }

  function linkTo(id, text) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", function () { select(id, true); });
    return b;
  }

  function swatch(colour, cls) {
    var s = el("span", null, "swatch" + (cls ? " " + cls : ""));
    s.style.background = colour;
    return s;
  }

  function showHint() {
    var box = $("details");
    box.textContent = "";
    box.appendChild(el("h2", current && current.name === "matrix" ? "矩阵 matrix" : "图例 how to read"));
    var lines = current && current.name === "matrix" ? [
      "每行一个实体，每列一节（或一部分）；格中数字为该节中提及该实体的单元（任务、专栏、目标、原则或正文）数，颜色越深越多。",
      "Rows are entities, columns sections (or parts); a cell counts the units there (tasks, columns, goals, principles, text) naming the entity. Click a name or a cell for details."
    ] : [
      "圆环上是规划的单元（◆任务 ■专栏 ▲目标 ▼原则 ⬢正文），按文中顺序排列，每段底色为一节。只被一个单元提及的实体在圆环外侧，被多处提及的实体越靠近中心。",
      "The ring holds the plan's units in document order (◆ task ■ column ▲ goal ▼ principle ⬢ text), one band per section. Entities named by one unit sit outside it; the more widely an entity is named, the nearer the centre.",
      "悬停查看详情，点击突出相邻节点并在此列出；滚轮缩放显示更多名称。Hover for details; click to highlight and list here; zoom for more names."
    ];
    lines.forEach(function (t) { box.appendChild(el("p", t, "hint")); });
  }

  function showEntity(id) {
    var box = $("details"), e = entities[id];
    box.textContent = "";
    box.appendChild(el("h2", e.label));
    var type = el("p", null, "meta");
    type.appendChild(swatch(data.types.filter(function (t) { return t.key === e.type; })[0].color));
    type.appendChild(document.createTextNode(" " + data.typeNames[e.type].join(" ") + " · 提及 " + e.mentions
                                             + " 次 mentions"));
    box.appendChild(type);
    if (e.aliases.length) box.appendChild(el("p", "别名 aliases: " + e.aliases.join(" | "), "meta"));
    if (multi) {
      box.appendChild(el("h3", "规划 plans (" + e.plans.length + ")"));
      var list = el("ul");
      e.plans.forEach(function (p) {
        var li = el("li");
        li.appendChild(swatch(plans[p].colour, "plan"));
        li.appendChild(document.createTextNode(" 《" + plans[p].title + "》"));
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    box.appendChild(el("h3", "各单元的要求与证据 what each unit asks of it, with evidence (" + e.units.length + ")"));
    e.units.forEach(function (u) {
      if (state.plan !== null && units[u].plan !== state.plan) return;
      box.appendChild(unitBlock(u, id));
    });
  }

  function unitBlock(u, entityId) {
    var block = el("div", null, "unit"), link = linkOf(u, entityId);
    block.appendChild(linkTo(u, unitLine(u)));
    if (multi) block.appendChild(el("div", "《" + plans[units[u].plan].title + "》", "meta"));
    if (link[1].length) {
      var asked = el("div", null, "asked");
      link[1].forEach(function (a) { asked.appendChild(el("span", a)); });
      block.appendChild(asked);
    }
    if (link[2]) block.appendChild(marked(link[2], namesOf(entityId)));
    return block;
  }

  function showUnit(id) {
    var box = $("details"), u = units[id], g = groups[u.group];
    box.textContent = "";
    box.appendChild(el("h2", unitName(u)));
    box.appendChild(el("p", u.title));
    if (g && g.kind !== "plan") box.appendChild(el("p", g.label, "meta"));
    if (multi) box.appendChild(el("p", "《" + plans[u.plan].title + "》", "meta"));
    var named = Object.keys(entities).filter(function (e) { return data.links[id + "|" + e]; });
    box.appendChild(el("h3", "提及实体 entities (" + named.length + ")"));
    data.types.forEach(function (t) {
      var ofType = named.filter(function (e) { return entities[e].type === t.key; });
      if (!ofType.length) return;
      var head = el("h3");
      head.appendChild(swatch(t.color));
      head.appendChild(document.createTextNode(t.zh + " " + t.en + " (" + ofType.length + ")"));
      box.appendChild(head);
      var list = el("ul");
      ofType.sort(function (a, b) { return entities[a].label < entities[b].label ? -1 : 1; });
      ofType.forEach(function (e) {
        var li = el("li");
        li.appendChild(linkTo(e, entities[e].label));
        var asked = askedShort(linkOf(id, e)[1]);
        if (asked) li.appendChild(el("span", "  " + asked, "meta"));
        list.appendChild(li);
      });
      box.appendChild(list);
    });
  }

  function showCell(entityId, groupId) {
    var box = $("details"), g = groups[groupId];
    showEntity(entityId);
    box.insertBefore(el("p", "在 / in: " + (g.kind === "plan" ? "《" + plans[g.plan].title + "》" : g.label), "meta"),
                     box.children[1]);
    // only the units of that cell
    box.querySelectorAll(".unit").forEach(function (block) { block.remove(); });
    entities[entityId].units.forEach(function (u) {
      if (units[u].kind !== "title" && matrixGroup(u) === groupId) box.appendChild(unitBlock(u, entityId));
    });
  }

  function select(id, focus) {
    if (current.name === "matrix") {
      state.selected = id;
      if (entities[id]) { showEntity(id); markMatrixRow(id); return true; }
      if (units[id]) { showUnit(id); return true; }
      return false;
    }
    if (!current.nodes.get(id)) return false;
    state.selected = id;
    highlight(id);
    network.selectNodes([id]);
    if (focus) {
      var p = network.getPositions([id])[id];
      network.moveTo({position: p, scale: Math.max(network.getScale(), fitScale * 1.6), animation: false});
    }
    if (entities[id]) showEntity(id); else showUnit(id);
    return true;
  }

  function unselect() {
    state.selected = null;
    state.cell = null;
    clearHighlight();
    if (network) network.unselectAll();
    showHint();
  }

  // ---------------------------------------------------------------- the matrix
  function matrixGroup(unitId) {
    var g = units[unitId].group;
    if (state.matrixBy === "part" && groups[g].kind === "section") {
      return groups[g].part || planGroup(groups[g].plan);
    }
    return g;
  }
  var planGroups = {};
  function planGroup(plan) {
    // the plan as a column (units outside any part), made on first need
    if (planGroups[plan]) return planGroups[plan];
    var found = Object.keys(groups).filter(function (g) { return groups[g].kind === "plan" && groups[g].plan === plan; })[0];
    if (!found) {
      found = "p" + plan;
      groups[found] = {iri: plans[plan].iri, kind: "plan", number: "", title: plans[plan].title, plan: plan, part: null,
                       label: "《" + plans[plan].title + "》", short: ""};
    }
    planGroups[plan] = found;
    return found;
  }

  function matrixCounts() {
    // entity -> group -> the units there naming it (the title is not a unit of the text)
    var counts = {};
    Object.keys(entities).forEach(function (e) {
      if (!entityShown(e)) return;
      var row = null;
      entities[e].units.forEach(function (u) {
        if (units[u].kind === "title" || (state.plan !== null && units[u].plan !== state.plan)) return;
        var g = matrixGroup(u);
        row = row || (counts[e] = {});
        row[g] = (row[g] || 0) + 1;
      });
    });
    return counts;
  }

  function matrixColumns(counts) {
    var used = {};
    Object.keys(counts).forEach(function (e) { Object.keys(counts[e]).forEach(function (g) { used[g] = true; }); });
    var order = [];
    Object.keys(units).forEach(function (u) {
      if (units[u].kind === "title") return;
      var g = matrixGroup(u);
      if (used[g] && order.indexOf(g) < 0) order.push(g);
    });
    return order;
  }

  function cellColour(n) { return MATRIX_COLOURS[Math.min(n, MATRIX_COLOURS.length - 1)]; }

  function buildMatrix() {
    var box = $("matrix"), counts = matrixCounts(), columns = matrixColumns(counts);
    box.textContent = "";
    box.appendChild(matrixToolbar());
    var rows = Object.keys(counts).map(function (e) {
      var total = 0;
      Object.keys(counts[e]).forEach(function (g) { total += counts[e][g]; });
      return [e, total];
    });
    rows.sort(function (a, b) { return b[1] - a[1] || entities[a[0]].rank - entities[b[0]].rank; });
    var table = el("table"), head = el("thead"), body = el("tbody");
    if (multi) head.appendChild(matrixPlanRow(columns));
    var row = el("tr", null, "groups"), corner = el("th", rows.length + " 实体 entities × " + columns.length
                                                         + (state.matrixBy === "part" ? " 部分 parts" : " 节 sections"), "corner");
    row.appendChild(corner);
    var lastPart = null;
    columns.forEach(function (g) {
      var group = groups[g], th = el("th", null, "group");
      th.appendChild(el("div", group.kind === "plan" ? "《》" : group.numbers, "num"));
      th.appendChild(el("div", (group.kind === "plan" ? plans[group.plan].short : group.name).slice(0, 9), "name"));
      var part = group.kind === "section" ? group.part : g;
      if (part !== lastPart && lastPart !== null) th.classList.add("part-start");
      th.dataset.part = part;
      lastPart = part;
      th.title = (group.kind === "plan" ? "《" + group.title + "》" : group.short + " " + group.title)
        + (multi ? "\n《" + plans[group.plan].title + "》" : "");
      row.appendChild(th);
    });
    head.appendChild(row);
    rows.slice(0, MATRIX_ROWS).forEach(function (pair) { body.appendChild(matrixRow(pair[0], pair[1], counts, columns, row)); });
    table.appendChild(head);
    table.appendChild(body);
    box.appendChild(table);
    if (rows.length > MATRIX_ROWS) box.appendChild(el("div", "仅显示前 " + MATRIX_ROWS + " 行（共 " + rows.length
      + "）；用类型或规划筛选缩小范围。/ Showing the first " + MATRIX_ROWS + " of " + rows.length + " rows.", "more"));
    api.matrix = {rows: rows.length, columns: columns.length};
    if (multi) box.style.setProperty("--plans-height", "20px");
  }

  function matrixPlanRow(columns) {
    var row = el("tr", null, "plans"), spans = [];
    row.appendChild(el("th", "", "corner"));
    columns.forEach(function (g) {
      var p = groups[g].plan;
      if (spans.length && spans[spans.length - 1][0] === p) spans[spans.length - 1][1] += 1;
      else spans.push([p, 1]);
    });
    spans.forEach(function (s) {
      var th = el("th", "《" + plans[s[0]].short + "》");
      th.colSpan = s[1];
      th.style.background = plans[s[0]].colour;
      th.title = plans[s[0]].title;
      row.appendChild(th);
    });
    return row;
  }

  function matrixRow(e, total, counts, columns, headRow) {
    var tr = el("tr"), th = el("th"), name = linkTo(e, "");
    tr.dataset.entity = e;
    name.appendChild(swatch(data.types.filter(function (t) { return t.key === entities[e].type; })[0].color));
    name.appendChild(document.createTextNode(entities[e].label));
    th.appendChild(name);
    th.appendChild(el("span", total, "total"));
    th.title = entities[e].label + " — " + total + " 个单元 units";
    tr.appendChild(th);
    var lastPart = null;
    columns.forEach(function (g, i) {
      var n = counts[e][g] || 0, td = el("td", n || "");
      var part = headRow.children[i + 1].dataset.part;
      if (part !== lastPart && lastPart !== null) td.classList.add("part-start");
      lastPart = part;
      td.dataset.group = g;
      if (n) {
        td.classList.add("on");
        td.style.background = cellColour(n);
        td.style.color = n >= 3 ? "#ffffff" : "#1f1f1f";
        td.title = entities[e].label + " — " + groups[g].label + ": " + n + " 个单元 units";
        td.addEventListener("click", function () { state.selected = e; state.cell = g; markMatrixRow(e); showCell(e, g); });
      }
      tr.appendChild(td);
    });
    return tr;
  }

  function matrixToolbar() {
    var bar = el("div", null, "toolbar");
    [["section", "按节 by section"], ["part", "按部分 by part"]].forEach(function (mode) {
      var label = el("label"), input = el("input");
      input.type = "radio";
      input.name = "matrix-by";
      input.value = mode[0];
      input.checked = state.matrixBy === mode[0];
      input.addEventListener("change", function () { state.matrixBy = mode[0]; buildMatrix(); summarise(); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + mode[1]));
      bar.appendChild(label);
    });
    var scale = el("span", "单元数 units:", "scale");
    [1, 2, 3, 4].forEach(function (n) {
      var i = el("i", n === 4 ? "4+" : n);
      i.style.background = cellColour(n);
      i.style.color = n >= 3 ? "#fff" : "#1f1f1f";
      scale.appendChild(i);
    });
    bar.appendChild(scale);
    return bar;
  }

  function markMatrixRow(e) {
    document.querySelectorAll("#matrix tr.selected").forEach(function (tr) { tr.classList.remove("selected"); });
    var row = document.querySelector('#matrix tr[data-entity="' + e + '"]');
    if (row) { row.classList.add("selected"); row.scrollIntoView({block: "nearest"}); }
  }

  // ---------------------------------------------------------------- switching views
  function setView(name) {
    if (name !== "matrix" && !api.views[name]) throw new Error("no view " + name);
    api.ready = false;
    hideTip();
    clearHighlight();
    state.selected = null;
    state.cell = null;
    api.view = name;
    document.querySelectorAll("#views input").forEach(function (input) {
      input.checked = input.value === name;
      input.parentNode.classList.toggle("on", input.checked);
    });
    if (name === "matrix") {
      current = {name: "matrix"};
      $("network").style.visibility = "hidden";
      $("matrix").hidden = false;
      buildMatrix();
      finish();
      api.ready = true;
      return;
    }
    var view = current = api.views[name];
    $("matrix").hidden = true;
    $("network").style.visibility = "visible";
    applyFilter(view);
    if (!network) {
      network = api.network = new vis.Network($("network"), {}, view.spec.options);
      network.on("beforeDrawing", drawBands);
      network.on("afterDrawing", drawLabels);
      network.on("click", onClick);
      network.on("hoverNode", function (p) { showTip(entities[p.node] ? entityTip(p.node) : unitTip(p.node), p.pointer.DOM); });
      network.on("hoverEdge", function (p) { if (highlighted !== null) showTip(edgeTip(p.edge), p.pointer.DOM); });
      network.on("blurNode", hideTip);
      network.on("blurEdge", hideTip);
      network.on("dragStart", hideTip);
      network.on("zoom", hideTip);
      network.on("resize", function () { if (current.name !== "matrix") fitAll(); });
      $("network").addEventListener("mouseleave", hideTip);
    }
    network.setData({nodes: view.nodes, edges: view.edges});
    fitAll();
    finish();
    network.once("afterDrawing", function () {
      api.timings.drawn = performance.now();
      api.ready = true;
    });
    network.redraw();
  }

  function finish() {
    buildLegend();
    summarise();
    $("note").hidden = !(current.spec && current.spec.note);
    $("note").textContent = (current.spec && current.spec.note) || "";
    showHint();
  }

  function summarise() {
    var shownEntities = Object.keys(entities).filter(entityShown).length, text;
    var shownUnits = Object.keys(units).filter(unitShown).length;
    if (current.name === "tasks") {
      text = plural(shownEntities, "个实体", "entities") + " · " + plural(shownUnits, "个单元", "units") + " · "
        + plural(network.body.edgeIndices.length, "条提及", "entity–unit links");
    } else if (current.name === "cooccurrence") {
      text = plural(shownEntities, "个实体", "entities") + " · "
        + plural(network.body.edgeIndices.length, "条共现边", "co-occurrence edges (two entities in one task)");
    } else {
      text = plural(api.matrix.rows, "个实体", "entities") + " × "
        + plural(api.matrix.columns, state.matrixBy === "part" ? "个部分" : "节", state.matrixBy === "part" ? "parts" : "sections")
        + " · 格中为单元数 cells count units";
    }
    if (multi) text = plural(state.plan === null ? plans.length : 1, "份规划", "plans") + " · " + text;
    $("summary").textContent = text;
  }

  function onClick(params) {
    if (params.nodes.length) select(params.nodes[0]);
    else { hideTip(); if (!params.edges.length) unselect(); }
  }

  // ---------------------------------------------------------------- controls
  function buildViews() {
    var box = $("views");
    ["tasks", "cooccurrence", "matrix"].forEach(function (name) {
      var label = el("label"), input = el("input");
      input.type = "radio";
      input.name = "view";
      input.value = name;
      input.addEventListener("change", function () { if (input.checked) setView(name); });
      label.appendChild(input);
      label.appendChild(el("span", data.viewNames[name][0] + " " + data.viewNames[name][1]));
      box.appendChild(label);
    });
  }

  function buildLegend() {
    var box = $("legend");
    box.textContent = "";
    data.types.forEach(function (t) {
      box.appendChild(legendItem(t.key, swatch(t.color), t.short, t.zh + " " + t.en, t.count, state.types[t.key], function (on) {
        setTypeVisible(t.key, on); }));
    });
    if (current.name === "tasks") {
      box.appendChild(legendItem("unit", swatch("#3d3d3d", "unit"), "单元", "单元 units (tasks, columns, goals, principles, text)",
                                 Object.keys(units).length, state.units, function (on) { setUnitsVisible(on); }));
    }
  }

  function legendItem(key, mark, name, title, count, checked, onChange) {
    var label = el("label"), input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.value = key;
    input.addEventListener("change", function () { onChange(input.checked); });
    label.title = title;
    label.appendChild(input);
    label.appendChild(mark);
    label.appendChild(el("span", name));
    label.appendChild(el("span", count, "count"));
    return label;
  }

  function buildPlans() {
    var select = $("plan");
    if (!multi) return;
    select.hidden = false;
    var all = el("option", "全部规划 all plans (" + plans.length + ")");
    all.value = "";
    select.appendChild(all);
    plans.forEach(function (p, i) {
      var option = el("option", "《" + (p.short.length > 24 ? p.short.slice(0, 23) + "…" : p.short) + "》");
      option.value = String(i);
      option.title = p.title;
      option.style.color = p.colour;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { setPlan(select.value === "" ? null : Number(select.value)); });
  }

  function refilter() {
    hideTip();
    if (current.name === "matrix") { buildMatrix(); summarise(); showHint(); return; }
    applyFilter(current);
    fitAll();
    if (state.selected !== null && !nodeShown(state.selected)) unselect();
    summarise();
    network.redraw();
  }

  function setTypeVisible(key, shown) {
    state.types[key] = !!shown;
    document.querySelectorAll("#legend input").forEach(function (input) { if (input.value === key) input.checked = !!shown; });
    refilter();
  }

  function setUnitsVisible(shown) { state.units = !!shown; refilter(); }

  function setPlan(plan) {
    state.plan = plan === null || plan === undefined ? null : Number(plan);
    $("plan").value = state.plan === null ? "" : String(state.plan);
    refilter();
  }

  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) { reset(); return []; }
    var exact = [], partial = [], hidden = 0;
    var ids = current.name === "matrix" ? Object.keys(entities) : current.nodes.getIds();
    ids.forEach(function (id) {
      var names = namesOf(id).map(function (s) { return String(s).toLowerCase(); });
      var isExact = names.indexOf(q) >= 0;
      var isPartial = isExact || names.some(function (s) { return s.indexOf(q) >= 0; });
      if (!isPartial) return;
      if (!nodeShown(id)) { hidden += 1; return; }
      (isExact ? exact : partial).push(id);
    });
    var found = (exact.length ? exact : partial).sort(function (a, b) {
      return (entities[a] ? 0 : 1) - (entities[b] ? 0 : 1);  // entities before units
    });
    var status = found.length ? "找到 " + found.length + " 个 / " + found.length + " found" : "未找到 / not found";
    if (hidden) status += "（" + hidden + " 个被筛选隐藏 / hidden by the filter）";
    $("status").textContent = status;
    if (found.length) {
      select(found[0], true);
      if (network && current.name !== "matrix") network.selectNodes([found[0]]);
    }
    return found;
  }

  function reset() {
    $("search").value = "";
    $("status").textContent = "";
    unselect();
    if (current.name === "matrix") { document.querySelectorAll("#matrix tr.selected").forEach(function (tr) {
      tr.classList.remove("selected"); }); return; }
    fitAll();
  }

  function buildSearch() {
    var names = {};
    Object.keys(entities).forEach(function (id) { namesOf(id).forEach(function (n) { names[n] = true; }); });
    var list = $("names");
    Object.keys(names).sort().forEach(function (n) {
      var option = document.createElement("option");
      option.value = n;
      list.appendChild(option);
    });
    var input = $("search");
    input.addEventListener("change", function () { search(input.value); });
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") search(input.value); });
    $("reset").addEventListener("click", reset);
  }

  // ---------------------------------------------------------------- copy as SPARQL
  var SAFE_IRI = /^[^\s<>"{}|\\^`]+$/;
  function iri(value) {
    if (!SAFE_IRI.test(value)) throw new Error("not an IRI: " + value);
    return "<" + value + ">";
  }

  function currentQuery() {
    // the query answering what is on screen: the selection, else the view (restricted to the chosen plan)
    var shownPlans = state.plan === null ? plans : [plans[state.plan]];
    var fill = function (name, what) {
      return {what: what, text: data.sparql[name]
        .replace("{ PLANS }", "{ " + shownPlans.map(function (p) { return iri(p.iri); }).join(" ") + " }")
        .replace("{ ENTITY }", state.selected && entities[state.selected] ? "{ " + iri(entities[state.selected].iri) + " }" : "{ }")
        .replace("{ UNIT }", state.selected && units[state.selected] ? "{ " + iri(units[state.selected].iri) + " }" : "{ }")};
    };
    if (state.selected !== null && entities[state.selected]) {
      return fill("entity-units", "提及「" + entities[state.selected].label + "」的单元 / the units naming it");
    }
    if (state.selected !== null && units[state.selected]) {
      return fill(units[state.selected].kind === "title" ? "title-entities" : "unit-entities",
                  unitName(units[state.selected]) + " 提及的实体 / the entities it names");
    }
    if (current.name === "matrix") {
      return fill(state.matrixBy === "part" ? "matrix-by-part" : "matrix-by-section", "矩阵 / the matrix");
    }
    return fill(current.name === "cooccurrence" ? "cooccurrence" : "network",
                current.name === "cooccurrence" ? "共现边 / co-occurrence edges" : "单元与实体 / units and entities");
  }

  function copyQuery() {
    var query = currentQuery(), text = $("query-text");
    $("query").hidden = false;
    $("query-what").textContent = query.what;
    text.value = query.text;
    text.focus();
    text.select();
    var done = function (ok) { $("query-status").textContent = ok ? "已复制 copied" : "已选中，按 Ctrl+C 复制 / selected: press Ctrl+C"; };
    try {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(query.text).then(function () { done(true); }, function () { done(document.execCommand("copy")); });
      } else {
        done(document.execCommand("copy"));
      }
    } catch (err) { done(false); }
    return query.text;
  }

  // ---------------------------------------------------------------- start
  api.setView = setView;
  api.setTypeVisible = setTypeVisible;
  api.setPlan = setPlan;
  api.search = search;
  api.select = function (id) { return select(id, true); };
  api.reset = reset;
  api.sparql = function () { return currentQuery().text; };
  api.fit = fitAll;
  api.counts = function () {
    // what vis-network draws: visible nodes and the edges between visible nodes
    if (current.name === "matrix") return {nodes: 0, edges: 0};
    var body = network.body;
    return {nodes: body.nodeIndices.length, edges: body.edgeIndices.length};
  };
  api.dataCounts = function () { return {nodes: current.nodes.length, edges: current.edges.length}; };
  api.labelSizes = function () {
    // for each entity drawn with a label: its label's font size on screen (px), and whether vis draws it
    var scale = network.getScale(), out = {};
    network.body.nodeIndices.forEach(function (id) {
      var node = network.body.nodes[id];
      if (!entities[id] || !node.labelModule) return;
      out[id] = {px: node.labelModule.fontOptions.size * scale, drawn: node.labelModule.visible()};
    });
    return out;
  };
  api.edgeLabels = function () {
    // the edges that vis would draw with a label
    return network.body.edgeIndices.filter(function (id) {
      var edge = network.body.edges[id];
      return !!edge.options.label;
    });
  };
  api.matrixCells = function () {
    var counts = matrixCounts(), out = {};
    Object.keys(counts).forEach(function (e) {
      Object.keys(counts[e]).forEach(function (g) { out[groups[g].iri + " " + entities[e].iri] = counts[e][g]; });
    });
    return out;
  };
  buildViews();
  buildPlans();
  buildSearch();
  $("sparql").addEventListener("click", copyQuery);
  $("query-close").addEventListener("click", function () { $("query").hidden = true; });
  setView(data.initialView === "matrix" || data.views[data.initialView] ? data.initialView : "tasks");
})();
