/* plankg network page.
 * Reads its data from the JSON block #plankg-data and builds every control with
 * textContent: text from documents never becomes markup. window.plankgNetwork is
 * the page's API (used by the tests and the benchmark). */
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
  $("summary").textContent = data.summary;

  if (data.empty) {
    $("app").hidden = true;
    $("empty").hidden = false;
    $("empty").textContent = data.emptyMessage;
    api.counts = function () { return {nodes: 0, edges: 0}; };
    api.ready = true;
    return;
  }

  var DIM_NODE = {background: "rgba(215,215,215,0.45)", border: "rgba(190,190,190,0.5)",
                  highlight: {background: "rgba(215,215,215,0.45)", border: "rgba(190,190,190,0.5)"},
                  hover: {background: "rgba(215,215,215,0.6)", border: "rgba(190,190,190,0.7)"}};
  var DIM_FONT_COLOR = "rgba(60,60,60,0.25)";
  var DIM_EDGE = {color: "rgba(200,200,200,0.18)", highlight: "rgba(200,200,200,0.18)",
                  hover: "rgba(200,200,200,0.3)"};
  var visible = {};          // type key -> shown
  var highlighted = null;    // node id whose neighbourhood is highlighted
  var network = null;
  var current = null;        // the shown view

  data.types.forEach(function (t) { visible[t.key] = true; });

  // ---------------------------------------------------------------- views
  Object.keys(data.views).forEach(function (name) {
    var v = data.views[name];
    var base = {};
    v.nodes.forEach(function (n) { base[n.id] = {color: n.color, font: n.font}; });
    api.views[name] = {
      name: name, spec: v, base: base, settled: false,
      nodes: new vis.DataSet(v.nodes), edges: new vis.DataSet(v.edges)
    };
  });

  function applyFilter(view) {
    var updates = [];
    view.nodes.forEach(function (n) {
      var hide = !visible[n.ptype];
      if (!!n.hidden !== hide) updates.push({id: n.id, hidden: hide});
    });
    if (updates.length) view.nodes.update(updates);
  }

  function finishDrawing(view) {
    // physics has settled (or was off): stop it, then count the first full drawing as "drawn"
    view.settled = true;
    network.setOptions({physics: {enabled: false}});
    api.timings.stabilized = performance.now();
    network.once("afterDrawing", function () {
      api.timings.drawn = performance.now();
      api.ready = true;
    });
    network.redraw();
  }

  function setView(name) {
    var view = api.views[name];
    if (!view) throw new Error("no view " + name);
    api.ready = false;
    clearHighlight();
    if (current && network) network.storePositions();  // keep the settled layout for switching back
    current = view;
    api.view = name;
    applyFilter(view);
    var physics = view.spec.physics && !view.settled;
    if (!network) {
      var options = view.spec.options;
      options.physics = physics ? view.spec.options.physics : {enabled: false};
      network = api.network = new vis.Network($("network"), {}, options);
      network.on("click", onClick);
    } else {
      network.setOptions({physics: physics ? view.spec.options.physics : {enabled: false}});
    }
    if (physics) {
      network.once("stabilizationIterationsDone", function () { finishDrawing(view); });
      network.setData({nodes: view.nodes, edges: view.edges});
    } else {
      network.setData({nodes: view.nodes, edges: view.edges});
      finishDrawing(view);
    }
    document.querySelectorAll("#views input").forEach(function (input) { input.checked = input.value === name; });
    buildLegend();
    $("note").hidden = !view.spec.note;
    $("note").textContent = view.spec.note || "";
    showHint();
  }

  // ---------------------------------------------------------------- highlight and details
  function highlight(id) {
    var view = current;
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    var nodes = [];
    view.nodes.forEach(function (n) {
      var base = view.base[n.id];
      if (keep[n.id]) nodes.push({id: n.id, color: base.color, font: base.font});
      else nodes.push({id: n.id, color: DIM_NODE, font: {color: DIM_FONT_COLOR}});
    });
    view.nodes.update(nodes);
    var edges = [];
    view.edges.forEach(function (e) {
      var near = e.from === id || e.to === id;
      edges.push({id: e.id, color: near ? view.spec.options.edges.color : DIM_EDGE});
    });
    view.edges.update(edges);
    highlighted = id;
  }

  function clearHighlight() {
    if (highlighted === null || !current) return;
    var view = current;
    var nodes = [];
    view.nodes.forEach(function (n) { var b = view.base[n.id]; nodes.push({id: n.id, color: b.color, font: b.font}); });
    view.nodes.update(nodes);
    var edges = [];
    view.edges.forEach(function (e) { edges.push({id: e.id, color: view.spec.options.edges.color}); });
    view.edges.update(edges);
    highlighted = null;
  }

  function onClick(params) {
    if (params.nodes.length) select(params.nodes[0]);
    else if (!params.edges.length) { clearHighlight(); showHint(); }
  }

  function select(id, focus) {
    if (!current.nodes.get(id)) return false;
    highlight(id);
    network.selectNodes([id]);
    if (focus) network.focus(id, {scale: Math.max(network.getScale(), 0.9), animation: false});
    showDetails(id);
    return true;
  }

  function showHint() {
    var box = $("details");
    box.textContent = "";
    box.appendChild(el("p", "悬停节点查看详情，点击节点突出其相邻节点。", "hint"));
    box.appendChild(el("p", "Hover a node for details; click one to highlight its neighbours.", "hint"));
  }

  function taskLine(taskId) {
    var t = data.tasks[taskId];
    return t ? t.number + " " + t.title : taskId;
  }

  function linkTo(id, text) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", function () { select(id, true); });
    return b;
  }

  function showDetails(id) {
    var box = $("details");
    box.textContent = "";
    var e = data.entities[id];
    var list;
    if (e) {
      box.appendChild(el("h2", e.label));
      box.appendChild(el("p", data.typeNames[e.type].join(" ")));
      if (e.aliases.length) {
        box.appendChild(el("h3", "别名 aliases"));
        list = el("ul");
        e.aliases.forEach(function (a) { list.appendChild(el("li", a)); });
        box.appendChild(list);
      }
      box.appendChild(el("h3", "提及 mentions: " + e.mentions));
      box.appendChild(el("h3", "任务 tasks (" + e.tasks.length + ")"));
      list = el("ul");
      e.tasks.forEach(function (t) {
        var li = el("li");
        li.appendChild(current.nodes.get(t) ? linkTo(t, taskLine(t)) : el("span", taskLine(t)));
        list.appendChild(li);
      });
      if (!e.tasks.length) list.appendChild(el("li", "无 none"));
      box.appendChild(list);
      if (e.evidence) {
        box.appendChild(el("h3", "证据 evidence"));
        box.appendChild(el("blockquote", e.evidence));
      }
      return;
    }
    var t = data.tasks[id];
    if (!t) return;
    box.appendChild(el("h2", "任务 task " + t.number));
    box.appendChild(el("p", t.title));
    if (data.plans.length > 1) box.appendChild(el("p", "《" + t.plan + "》"));
    var named = network.getConnectedNodes(id).map(function (n) { return [data.entities[n] ? data.entities[n].label : n, n]; });
    named.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    box.appendChild(el("h3", "提及实体 entities (" + named.length + ")"));
    list = el("ul");
    named.forEach(function (pair) { var li = el("li"); li.appendChild(linkTo(pair[1], pair[0])); list.appendChild(li); });
    box.appendChild(list);
  }

  // ---------------------------------------------------------------- controls
  function buildViews() {
    var box = $("views");
    Object.keys(api.views).forEach(function (name) {
      var spec = api.views[name].spec;
      var label = el("label");
      var input = el("input");
      input.type = "radio";
      input.name = "view";
      input.value = name;
      input.addEventListener("change", function () { if (input.checked) setView(name); });
      label.appendChild(input);
      label.appendChild(el("span", spec.zh + " " + spec.en));
      box.appendChild(label);
    });
  }

  function buildLegend() {
    var box = $("legend");
    box.textContent = "";
    var present = {};
    current.nodes.forEach(function (n) { present[n.ptype] = (present[n.ptype] || 0) + 1; });
    data.types.forEach(function (t) {
      if (!present[t.key]) return;
      var label = el("label");
      var input = el("input");
      input.type = "checkbox";
      input.checked = visible[t.key];
      input.value = t.key;
      input.addEventListener("change", function () { setTypeVisible(t.key, input.checked); });
      var swatch = el("span", null, "swatch" + (t.key === "task" ? " task" : ""));
      swatch.style.background = t.color;
      label.appendChild(input);
      label.appendChild(swatch);
      label.appendChild(el("span", t.zh + " " + t.en));
      label.appendChild(el("span", "(" + present[t.key] + ")", "count"));
      box.appendChild(label);
    });
  }

  function setTypeVisible(key, shown) {
    visible[key] = !!shown;
    applyFilter(current);
    document.querySelectorAll("#legend input").forEach(function (input) {
      if (input.value === key) input.checked = !!shown;
    });
    if (highlighted !== null && !visible[current.nodes.get(highlighted).ptype]) { clearHighlight(); showHint(); }
  }

  function namesOf(id) {
    var e = data.entities[id];
    if (e) return [e.label].concat(e.aliases);
    var t = data.tasks[id];
    return t ? [t.number, t.number + " " + t.title, t.title] : [];
  }

  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) { reset(); return []; }
    var exact = [], partial = [], hidden = 0;
    current.nodes.forEach(function (n) {
      var names = namesOf(n.id).map(function (s) { return String(s).toLowerCase(); });
      var isExact = names.indexOf(q) >= 0;
      var isPartial = isExact || names.some(function (s) { return s.indexOf(q) >= 0; });
      if (!isPartial) return;
      if (n.hidden) { hidden += 1; return; }
      (isExact ? exact : partial).push(n.id);
    });
    var found = exact.length ? exact : partial;
    var status = found.length ? "找到 " + found.length + " 个 / " + found.length + " found" : "未找到 / not found";
    if (hidden) status += "（" + hidden + " 个被筛选隐藏 / hidden by the filter）";
    $("status").textContent = status;
    if (found.length) {
      select(found[0], true);
      network.selectNodes(found);
    }
    return found;
  }

  function reset() {
    $("search").value = "";
    $("status").textContent = "";
    clearHighlight();
    network.unselectAll();
    network.fit({animation: false});
    showHint();
  }

  function buildSearch() {
    var names = {};
    Object.keys(data.entities).forEach(function (id) {
      namesOf(id).forEach(function (n) { names[n] = true; });
    });
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

  // ---------------------------------------------------------------- start
  api.setView = setView;
  api.setTypeVisible = setTypeVisible;
  api.search = search;
  api.select = function (id) { return select(id, true); };
  api.reset = reset;
  api.counts = function () {
    // what vis-network draws: visible nodes and the edges between visible nodes
    var body = network.body;
    return {nodes: body.nodeIndices.length, edges: body.edgeIndices.length};
  };
  api.dataCounts = function () { return {nodes: current.nodes.length, edges: current.edges.length}; };
  buildViews();
  buildSearch();
  setView(data.views[data.initialView] ? data.initialView : Object.keys(data.views)[0]);
})();
