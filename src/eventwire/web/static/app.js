// eventwire dashboard: plain JS, no dependencies. Map (SVG, equirectangular), timeline with brushing, filters,
// events table, event panel with evidence, and a "paste an article" box. Data is only ever inserted as text.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const COLOURS = {
  ATTACK: "#d7301f", ASSAULT: "#b2182b", COERCE: "#e6550d", MOBILIZE: "#fd8d3c", THREATEN: "#f16913",
  PROTEST: "#6a51a3", DEMAND: "#807dba", ACCUSE: "#9e9ac8", REJECT: "#8c6d31", CONSULT: "#3182bd",
  SUPPORT: "#31a354", COOPERATE: "#41ab5d", AID: "#74c476", YIELD: "#1b9e77", RETREAT: "#636363",
};
const state = { features: [], view: null, selected: null, brush: null, basemap: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, text) {
  const isSvg = ["svg", "g", "path", "circle", "rect", "text", "line"].includes(tag);
  const node = isSvg ? document.createElementNS(SVGNS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
const colour = (type) => COLOURS[type] || "#444";

async function getJSON(url, options) {
  const res = await fetch(url, options);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : res.statusText);
  return body;
}

// ---- filters ---------------------------------------------------------------------------------------------------
function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("filters")).entries()) if (v) params.set(k, v);
  return params;
}

async function loadEvents() {
  const params = filterParams();
  params.set("limit", "10000");
  $("status").textContent = "loading…";
  const t0 = performance.now();
  const data = await getJSON("/events.geojson?" + params.toString());
  performance.mark("events-fetched");
  state.features = data.features.filter((f) => f.geometry);
  state.all = data.features;
  drawDots();
  drawTimeline();
  drawTable();
  performance.mark("events-drawn");
  $("status").textContent = `${data.features.length} events (${data.total} matching)`;
  document.body.dataset.rendered = String(Math.round(performance.now() - t0));
}

async function loadTypes() {
  const stats = await getJSON("/stats");
  const select = $("f-type");
  for (const type of Object.keys(stats.by_type || {}).sort()) select.append(el("option", { value: type }, type));
}

// ---- map ------------------------------------------------------------------------------------------------------
const project = ([lon, lat]) => [lon + 180, 90 - lat];

function drawBasemap(basemap) {
  const layer = el("g", { id: "land" });
  for (const country of basemap.countries) {
    const path = el("path", { class: "land", d: country.d });
    path.append(el("title", {}, country.name));
    layer.append(path);
  }
  $("map").prepend(layer);
}

function mapSize() {
  const box = $("map").getBoundingClientRect();
  return [box.width || 800, box.height || 400];
}

function fitView() {
  const pts = state.features.map((f) => project(f.geometry.coordinates));
  const [w, h] = mapSize();
  let [x0, y0, x1, y1] = [0, 0, 360, 180];
  if (pts.length) {
    x0 = Math.min(...pts.map((p) => p[0])); x1 = Math.max(...pts.map((p) => p[0]));
    y0 = Math.min(...pts.map((p) => p[1])); y1 = Math.max(...pts.map((p) => p[1]));
    const pad = Math.max(3, (x1 - x0) * 0.15, (y1 - y0) * 0.15);
    [x0, y0, x1, y1] = [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
  }
  const s = Math.min(w / (x1 - x0), h / (y1 - y0));
  state.view = { s, tx: w / 2 - s * (x0 + x1) / 2, ty: h / 2 - s * (y0 + y1) / 2 };
  applyView();
}

function applyView() {
  const { s, tx, ty } = state.view;
  $("land")?.setAttribute("transform", `translate(${tx},${ty}) scale(${s})`);
  drawDots();
}

function zoom(factor, cx, cy) {
  const [w, h] = mapSize();
  cx = cx ?? w / 2; cy = cy ?? h / 2;
  const v = state.view;
  const s = Math.max(1, Math.min(4000, v.s * factor));
  v.tx = cx - (cx - v.tx) * (s / v.s); v.ty = cy - (cy - v.ty) * (s / v.s); v.s = s;
  applyView();
}

function clusters() {
  const { s, tx, ty } = state.view;
  const cell = 26, cells = new Map();
  for (const f of state.features) {
    const [x, y] = project(f.geometry.coordinates);
    const sx = x * s + tx, sy = y * s + ty;
    const key = Math.floor(sx / cell) + ":" + Math.floor(sy / cell);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { x: 0, y: 0, items: [], killed: 0, types: {} }));
    c.x += sx; c.y += sy; c.items.push(f);
    c.killed += f.properties.fatalities || 0;
    c.types[f.properties.type] = (c.types[f.properties.type] || 0) + 1;
  }
  return [...cells.values()].map((c) => ({ ...c, x: c.x / c.items.length, y: c.y / c.items.length }));
}

function drawDots() {
  if (!state.view) return;
  $("dots")?.remove();
  const layer = el("g", { id: "dots" });
  for (const c of clusters()) {
    const top = Object.entries(c.types).sort((a, b) => b[1] - a[1])[0][0];
    const r = Math.min(40, 4 + 2.2 * Math.sqrt(c.killed) + (c.items.length > 1 ? 3 * Math.log2(c.items.length) : 0));
    const one = c.items.length === 1 ? c.items[0] : null;
    const dot = el("circle", { class: "dot", cx: c.x.toFixed(1), cy: c.y.toFixed(1), r: r.toFixed(1),
      fill: colour(top), "data-count": c.items.length });
    if (one) {
      dot.dataset.id = one.properties.id;
      if (one.properties.id === state.selected) dot.classList.add("selected");
      dot.append(el("title", {}, `${one.properties.type} — ${one.properties.place_name || ""} ${one.properties.date || ""}`));
      dot.addEventListener("click", () => showEvent(one.properties.id));
    } else {
      const spot = c.items[0].geometry.coordinates.join();
      const together = c.items.every((f) => f.geometry.coordinates.join() === spot);
      const worst = c.items.reduce((m, f) => ((f.properties.fatalities || 0) > (m.properties.fatalities || 0) ? f : m));
      dot.append(el("title", {}, `${c.items.length} events, ${c.killed} killed — ` +
        (together ? "same place: click for the deadliest" : "click to zoom")));
      dot.addEventListener("click", () => (together ? showEvent(worst.properties.id) : zoom(3, c.x, c.y)));
    }
    layer.append(dot);
    if (!one) layer.append(el("text", { class: "count", x: c.x.toFixed(1), y: (c.y + 3.5).toFixed(1) }, c.items.length));
    const place = c.items[0].properties.place_name;
    if (place && c.items.every((f) => f.properties.place_name === place)) {
      layer.append(el("text", { class: "place", x: (c.x + r + 3).toFixed(1), y: (c.y + 4).toFixed(1) }, place));
    }
  }
  $("map").append(layer);
}

function drawLegend() {
  const legend = $("legend");
  for (const type of ["ATTACK", "ASSAULT", "COERCE", "PROTEST", "THREATEN", "CONSULT", "SUPPORT", "AID"]) {
    const span = el("span");
    const dot = el("i"); dot.style.background = colour(type);
    span.append(dot, document.createTextNode(type.toLowerCase()));
    legend.append(span);
  }
  legend.append(el("span", {}, "size: killed"));
}

function wireMap() {
  const svg = $("map");
  let drag = null;
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });
  svg.addEventListener("mousedown", (e) => { drag = { x: e.clientX, y: e.clientY, tx: state.view.tx, ty: state.view.ty }; });
  window.addEventListener("mousemove", (e) => {
    if (!drag) return;
    state.view.tx = drag.tx + e.clientX - drag.x; state.view.ty = drag.ty + e.clientY - drag.y;
    applyView();
  });
  window.addEventListener("mouseup", () => { drag = null; });
  $("zoom-in").addEventListener("click", () => zoom(1.5));
  $("zoom-out").addEventListener("click", () => zoom(1 / 1.5));
  $("zoom-fit").addEventListener("click", fitView);
}

// ---- timeline -------------------------------------------------------------------------------------------------
const DAY = 86400000;

function drawTimeline() {
  const svg = $("timeline");
  svg.replaceChildren();
  const dates = state.all.map((f) => f.properties.date).filter(Boolean).map((d) => Date.parse(d));
  if (!dates.length) return;
  const box = svg.getBoundingClientRect();
  const w = box.width || 800, h = box.height || 100, pad = 16;
  let t0 = Math.min(...dates), t1 = Math.max(...dates) + DAY;
  if (t1 - t0 < 7 * DAY) { t0 -= 3 * DAY; t1 += 3 * DAY; }
  const days = Math.round((t1 - t0) / DAY);
  const binDays = Math.max(1, Math.ceil(days / 120));
  const bins = new Array(Math.ceil(days / binDays)).fill(0);
  for (const t of dates) bins[Math.min(bins.length - 1, Math.floor((t - t0) / DAY / binDays))]++;
  const max = Math.max(...bins), bw = (w - 2 * pad) / bins.length;
  bins.forEach((n, i) => {
    const bh = n ? Math.max(2, (h - 2 * pad) * n / max) : 0;
    svg.append(el("rect", { class: "bar", x: pad + i * bw, y: h - pad - bh, width: Math.max(1, bw - 1), height: bh }));
  });
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  svg.append(el("text", { class: "axis", x: pad, y: h - 3 }, iso(t0)));
  svg.append(el("text", { class: "axis", x: w - pad - 60, y: h - 3 }, iso(t1 - DAY)));
  state.scale = { t0, t1, pad, w, toTime: (x) => t0 + (t1 - t0) * Math.max(0, Math.min(1, (x - pad) / (w - 2 * pad))) };
}

function wireTimeline() {
  const svg = $("timeline");
  let start = null, rect = null;
  svg.addEventListener("mousedown", (e) => {
    start = e.clientX - svg.getBoundingClientRect().left;
    rect = el("rect", { class: "brush", x: start, y: 0, width: 0, height: "100%" });
    svg.append(rect);
  });
  svg.addEventListener("mousemove", (e) => {
    if (start === null) return;
    const x = e.clientX - svg.getBoundingClientRect().left;
    rect.setAttribute("x", Math.min(x, start)); rect.setAttribute("width", Math.abs(x - start));
  });
  svg.addEventListener("mouseup", (e) => {
    if (start === null || !state.scale) { start = null; return; }
    const x = e.clientX - svg.getBoundingClientRect().left;
    const [a, b] = [Math.min(x, start), Math.max(x, start)];
    start = null;
    if (b - a < 3) { rect.remove(); return; }
    const iso = (t) => new Date(t).toISOString().slice(0, 10);
    $("f-since").value = iso(state.scale.toTime(a));
    $("f-until").value = iso(state.scale.toTime(b));
    loadEvents().catch(showError);
  });
}

// ---- table and event panel --------------------------------------------------------------------------------------
function drawTable() {
  const body = $("events").tBodies[0];
  const rows = state.all.slice(0, 500).map((f) => {
    const p = f.properties;
    const tr = el("tr", { "data-id": p.id });
    for (const v of [p.date, p.acled_event_type || p.type, p.actors, p.targets, p.place_name, p.fatalities, p.source]) {
      tr.append(el("td", {}, v ?? ""));
    }
    tr.addEventListener("click", () => showEvent(p.id));
    return tr;
  });
  body.replaceChildren(...rows);
}

function highlighted(text, start, end) {
  const box = el("div", { class: "sentence" });
  if (start === null || start === undefined || start < 0 || end > text.length || start >= end) {
    box.textContent = text;
    return box;
  }
  box.append(document.createTextNode(text.slice(0, start)), el("mark", { class: "evidence" }, text.slice(start, end)),
    document.createTextNode(text.slice(end)));
  return box;
}

async function showEvent(id) {
  const ev = await getJSON("/events/" + encodeURIComponent(id));
  state.selected = id;
  document.querySelectorAll("tbody tr.selected").forEach((r) => r.classList.remove("selected"));
  document.querySelector(`tbody tr[data-id="${CSS.escape(String(id))}"]`)?.classList.add("selected");
  drawDots();
  $("event-panel").hidden = false;
  $("ev-title").textContent = `${ev.type}${ev.mode ? " / " + ev.mode : ""} — ${ev.place_name || "unknown place"}`;
  const facts = $("ev-facts");
  facts.replaceChildren();
  const add = (k, v) => { if (v !== null && v !== undefined && v !== "") facts.append(el("dt", {}, k), el("dd", {}, v)); };
  const c = ev.cluster || {};
  const contested = [c.contested_toll && "toll", c.contested_perpetrator && "perpetrator", c.contested_target && "target"];
  add("Date", ev.date); add("ACLED", ev.acled_sub_event_type); add("Who", ev.actors); add("Whom", ev.targets);
  add("Killed", ev.fatalities); add("Injured", ev.injured); add("According to", ev.claimed_by);
  add("Where", ev.place_name ? `${ev.place_name}${ev.country ? " (" + ev.country + ")" : ""}` : null);
  add("Reports", c.n_reports ? `${c.n_reports} from ${c.n_sources} sources` : null);
  add("Toll range", c.fatalities_low !== undefined && c.fatalities_low !== null && c.fatalities_high !== c.fatalities_low
    ? `${c.fatalities_low}–${c.fatalities_high} (best ${c.fatalities_best})` : null);
  add("Contested", contested.filter(Boolean).join(", "));
  $("ev-reports").replaceChildren(...(ev.reports || []).map((r) => {
    const li = el("li");
    li.append(el("div", { class: "meta" }, [r.source, r.published, r.title].filter(Boolean).join(" · ")));
    li.append(highlighted(r.sentence || "", r.trigger_start, r.trigger_end));
    return li;
  }));
  $("ev-claims").replaceChildren(...(ev.claims || []).map((cl) =>
    el("li", { class: "claim" }, `${cl.source || "unknown outlet"}: ` + [
      cl.fatalities !== null ? cl.fatalities + " killed" : null, cl.injured !== null ? cl.injured + " injured" : null,
      cl.perpetrators.length ? "by " + cl.perpetrators.join(", ") : null,
      cl.targets.length ? "against " + cl.targets.join(", ") : null].filter(Boolean).join(", ") +
      (cl.according_to ? ` — according to ${cl.according_to}` : " — unattributed"))));
}

// ---- paste an article ---------------------------------------------------------------------------------------------
function annotate(text, spans) {
  const out = $("paste-annotated");
  out.replaceChildren();
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out.append(document.createTextNode(text.slice(at, s.start)));
    out.append(el("span", { class: "sp-" + s.kind, title: `${s.kind}: ${s.label}` }, text.slice(s.start, s.end)));
    at = s.end;
  }
  out.append(document.createTextNode(text.slice(at)));
}

async function runPaste() {
  const text = $("paste-text").value;
  $("paste-error").hidden = true;
  $("paste-run").disabled = true;
  try {
    const data = await getJSON("/extract", { method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + $("paste-token").value },
      body: JSON.stringify({ text }) });
    annotate(text, data.spans);
    $("paste-events").replaceChildren(...data.result.events.map((e) => el("li", { class: "paste-event" },
      `${e.type}${e.mode ? "/" + e.mode : ""}: ${e.actors.map((a) => a.name).join(", ") || "?"} → ` +
      `${e.targets.map((a) => a.name).join(", ") || "?"}` + (e.location ? ` at ${e.location.name}` : "") +
      (e.date && e.date.value ? ` on ${e.date.value}` : "") + (e.fatalities !== null ? `, ${e.fatalities} killed` : "") +
      (e.claimed_by ? ` (according to ${e.claimed_by.name})` : ""))));
    if (!data.result.events.length) $("paste-events").append(el("li", {}, "no events found"));
    for (const err of data.result.errors) $("paste-events").append(el("li", { class: "error" }, `${err.code}: ${err.message}`));
    $("paste-result").hidden = false;
  } catch (err) {
    $("paste-error").textContent = err.message;
    $("paste-error").hidden = false;
  } finally {
    $("paste-run").disabled = false;
  }
}

function showError(err) { $("status").textContent = "error: " + err.message; }

async function main() {
  drawLegend();
  wireMap();
  wireTimeline();
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); loadEvents().catch(showError); });
  $("f-reset").addEventListener("click", () => { $("filters").reset(); loadEvents().catch(showError); });
  $("panel-close").addEventListener("click", () => { $("event-panel").hidden = true; state.selected = null; drawDots(); });
  $("paste-run").addEventListener("click", runPaste);
  const [geo] = await Promise.all([getJSON("/basemap.json"), loadEvents(), loadTypes().catch(() => {})]);
  drawBasemap(geo);
  performance.mark("basemap-drawn");
  fitView();
  performance.mark("view-fitted");
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));  // painted
  document.body.dataset.ready = String(Math.round(performance.now()));  // ms since navigation started
}

main().catch(showError);
