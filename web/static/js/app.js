// app.js: Frontline's web map. It holds the view's state (layer, day or
// two days compared, map view, selected place), mirrors it in the URL, and
// draws it with the map (mapview.js) and the side panels (panels.js).
//
// For the browser tests and benchmarks, window.frontline exposes the state
// and whether the page is idle (no request, render or animation pending).

import * as api from "./api.js";
import * as urlstate from "./urlstate.js";
import { CanvasView } from "./canvasview.js";
import { chooseRenderer, loadScript } from "./renderer.js";
import { debugLog, logEvent } from "./debug.js";
import * as panels from "./panels.js";
import * as claimsPanel from "./claims.js";
import { $ } from "./dom.js";
import * as live from "./live.js";
import { longDate } from "./format.js";

// The first view a newcomer sees: the Kharkiv counteroffensive.
const DEFAULT = { layer: "deepstate", date: "2022-09-13", view: { zoom: 6.9, lat: 49.35, lon: 37.0 } };
const PLAY_MS = 650;

const app = {
  state: { mode: "day" },
  layers: [],
  days: [],          // the layer's days: {date, snapshot_id, carried}; areas_km2, change_km2 once read (monthFigures)
  dayIndex: new Map(),
  mapCache: new Map(), // "layer/id/zoom" → Promise<FeatureCollection>
  dayCache: new Map(), // "area|sites/layer/date" → Promise<answer>
  shown: null,        // {key, features, snapshot_id, zoom} of the drawn day
  busy: 0,
  seq: 0,             // bumps on each draw; stale answers are dropped
  playing: null,
  sites: [],
  view: null,
  first: {},          // resolvers of what the first frame waits for (see MapView.holdStart)
};

// given tells the first frame that a part of the first view is on the
// map (or will not be): "control", "labels", "sites".
function given(part) {
  const f = app.first[part];
  if (f) { delete app.first[part]; f(); }
}

window.frontline = {
  get state() { return structuredClone(app.state); },
  get shown() { return app.shown && { key: app.shown.key, features: app.shown.features, snapshot_id: app.shown.snapshot_id, zoom: app.shown.zoom }; },
  get days() { return app.days.map((d) => d.date); },
  idle() {
    const v = app.view;
    return app.busy === 0 && urlTimer === 0 && !!v && v.loaded() && !v.isMoving() && !app.playing;
  },
  get renderer() { return app.renderer; },
  loaded: () => !!app.view && app.view.loaded(),
  project: (lon, lat) => app.view.project(lon, lat),
  jumpTo: (view) => app.view.jumpTo(view),
  labelRules: () => app.view.labelRules(),
  renderedControl: () => app.view.renderedControl(),
  renderedChange: () => app.view.renderedChange(),
  renderedOverlay: () => app.view.renderedOverlay(),
  renderedLabels: (box) => app.view.renderedLabels(box),
  view: () => app.view.view(),
  // map is MapLibre's map, or the canvas view (for debugging).
  map: () => app.view && (app.view.map || app.view),
  errors: [],
  debug() {
    const v = app.view;
    return { renderer: app.renderer, frames: v && v.frames, busy: app.busy, map: !!v, ...(v ? v.debugState() : {}), moving: v && v.isMoving(),
      playing: !!app.playing, status: document.getElementById("status").textContent, errors: this.errors, state: app.state, log: debugLog };
  },
};

function track(promise) {
  app.busy++;
  return promise.finally(() => { if (--app.busy === 0) logEvent("busy 0"); });
}

function toast(text, isError) {
  const s = $("status");
  s.textContent = text || "";
  s.classList.toggle("show", !!text);
  s.classList.toggle("error", !!isError);
  if (isError) window.frontline.errors.push(text);
}

function fail(e) {
  if (e && e.name === "AbortError") return;
  console.error(e);
  toast(e && e.message ? e.message : String(e), true);
}

// urlTimer is the pending write of the URL (0 when none): the page is not
// idle until its URL says what it shows.
let urlTimer = 0;
function saveURL() {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => {
    urlTimer = 0;
    if (app.view) app.state.view = app.view.view();
    const h = urlstate.format(app.state);
    if (h !== location.hash) history.replaceState(null, "", h);
  }, 120);
}

// fetchZoom is the zoom the map's geometry is asked for: the view's,
// rounded, within what the data is worth.
function fetchZoom() {
  return zoomFor(app.view.zoom());
}

function zoomFor(z) {
  return Math.max(4, Math.min(11, Math.round(z)));
}

function mapOf(layer, snapshotID, zoom) {
  const key = `${layer}/${snapshotID}/${zoom}`;
  let p = app.mapCache.get(key);
  if (!p) {
    p = api.snapshotMap(layer, snapshotID, zoom);
    p.catch(() => app.mapCache.delete(key));
    app.mapCache.set(key, p);
    if (app.mapCache.size > 60) app.mapCache.delete(app.mapCache.keys().next().value);
  }
  return p;
}

// dayAnswer asks for a day's area figures or watched sites once: a step
// to a prefetched day then waits for no request.
function dayAnswer(kind, layer, date) {
  const key = `${kind}/${layer}/${date}`;
  let p = app.dayCache.get(key);
  if (!p) {
    p = kind === "area" ? api.area(layer, date) : api.sites(layer, date);
    p.catch(() => app.dayCache.delete(key));
    app.dayCache.set(key, p);
    if (app.dayCache.size > 120) app.dayCache.delete(app.dayCache.keys().next().value);
  }
  return p;
}

// monthFigures reads the series of the month of date (and the day before
// it, for the first day's change) once: the day's areas and change from
// the day before. The whole series is not read: its cost grows with the
// layer's history, and the slider needs only the days (/days).
function monthFigures(layer, date) {
  const month = date.slice(0, 7), key = `series/${layer}/${month}`;
  let p = app.dayCache.get(key);
  if (!p) {
    const first = new Date(month + "-01T00:00:00Z");
    const before = new Date(first.getTime() - 86400000).toISOString().slice(0, 10);
    let to = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    const last = app.days.length ? app.days[app.days.length - 1].date : to;
    if (to > last) to = last;
    p = api.series(layer, before, to).then((s) => new Map((s.days || []).map((d) => [d.date, d])));
    p.catch(() => app.dayCache.delete(key));
    app.dayCache.set(key, p);
  }
  return p;
}

// dayFigures shows day i's figures, reading its month's first if need be.
function dayFigures(i, seq) {
  const day = app.days[i], layer = app.state.layer;
  panels.dayFigures(app.days, i);
  if (day.areas_km2) return;
  // The first day's figures were asked for at start-up, with its map.
  const e = app.earlyFigures;
  app.earlyFigures = null;
  const figures = e && e.layer === layer && e.date === day.date ? e.figures.catch(() => monthFigures(layer, day.date)) : monthFigures(layer, day.date);
  track(figures).then((m) => {
    const f = m.get(day.date);
    if (!f || layer !== app.state.layer) return;
    day.areas_km2 = f.areas_km2;
    day.change_km2 = f.change_km2;
    if (seq === app.seq) panels.dayFigures(app.days, i);
  }).catch(() => {});
}

// nearestDay gives the index of the layer's day on or before date (or the
// first day).
function nearestDay(date) {
  if (app.dayIndex.has(date)) return app.dayIndex.get(date);
  let i = 0;
  while (i + 1 < app.days.length && app.days[i + 1].date <= date) i++;
  return i;
}

// ---- layers and days -------------------------------------------------

async function loadLayers(early) {
  const body = await track(early || api.layers());
  app.layers = api.list(body, "layers");
  panels.layerPicker(app.layers, app.state.layer, app.state.overlay);
}

// loadDays reads the layer's days: every day from its first map to its
// last, each with its map's ID. early is the days already asked for at
// start-up, if any.
async function loadDays(early) {
  const layer = app.layers.find((l) => l.name === app.state.layer);
  if (!layer) throw new Error(`no layer "${app.state.layer}" on this server`);
  panels.layerSource(layer);
  const s = await track(early && early.layer === layer.name ? early.days : api.days(layer.name));
  performance.mark("frontline:days");
  app.days = (s.days || []).filter((d) => d.snapshot_id);
  app.dayIndex = new Map(app.days.map((d, i) => [d.date, i]));
  panels.days(app.days);
}

// ---- one day ---------------------------------------------------------

async function showDay(date, opts = {}) {
  if (!app.days.length) { given("control"); given("sites"); return; }
  const i = nearestDay(date);
  const day = app.days[i];
  app.state.date = day.date;
  const seq = ++app.seq;
  dayFigures(i, seq);
  saveURL();
  const zoom = fetchZoom();
  const layer = app.state.layer;
  const first = !app.shown;
  try {
    const fc = await track(mapOf(layer, day.snapshot_id, zoom));
    if (seq !== app.seq) return;
    if (app.state.mode === "day" || opts.underCompare) {
      app.view.setControl(fc);
      app.view.setControlFaded(app.state.mode === "compare");
      given("control");
      if (!performance.getEntriesByName("frontline:drawn").length) app.view.once("idle", () => performance.mark("frontline:drawn"));
      const area = (fc.features || []).reduce((a, f) => a + (f.properties.area_km2 || 0), 0);
      app.shown = { key: `${layer}/${day.snapshot_id}/${zoom}/${fc.features.length}/${area.toFixed(1)}`, features: fc.features.length, snapshot_id: day.snapshot_id, zoom };
      document.body.dataset.shown = app.shown.key;
    }
    toast("");
  } catch (e) {
    given("control");
    if (seq === app.seq) fail(e);
    return;
  }
  if (opts.quick) return; // playing: leave the slow panels for the stop
  // At start-up the day's figures and sites were asked for with its map:
  // the sites are drawn in the same frames as the polygons.
  if (first) afterDay(seq);
  // Otherwise the other panels and the prefetch wait until the polygons
  // are drawn: on two cores they would compete with the drawing.
  await track(new Promise((resolve) => app.view.once("idle", resolve)));
  if (seq !== app.seq) return;
  if (!first) afterDay(seq);
  // The neighbours once this day is on screen (the next frame): sooner,
  // the server and the worker would compete with drawing it.
  requestAnimationFrame(() => { if (seq === app.seq) prefetch(); });
}

// afterDay refreshes what depends on the day but not the polygons.
function afterDay(seq) {
  const layer = app.state.layer, date = app.state.date;
  track(dayAnswer("area", layer, date)).then((a) => { if (seq === app.seq) panels.settlements(a); }).catch(() => panels.settlements(null));
  refreshSites(seq);
  if (app.state.place) refreshPlaceDay(seq);
  if (app.state.overlay) refreshOverlay(seq);
}

function prefetch() {
  const i = app.dayIndex.get(app.state.date);
  if (i === undefined) return;
  const zoom = fetchZoom();
  for (const j of [i + 1, i - 1, i + 2]) {
    const d = app.days[j];
    if (!d) continue;
    mapOf(app.state.layer, d.snapshot_id, zoom).catch(() => {});
    if (!d.areas_km2) monthFigures(app.state.layer, d.date).catch(() => {});
    dayAnswer("area", app.state.layer, d.date).catch(() => {});
    dayAnswer("sites", app.state.layer, d.date).catch(() => {});
  }
}

function step(delta) {
  if (!app.days.length) return;
  if (app.state.mode === "compare") return;
  const i = nearestDay(app.state.date);
  const j = Math.max(0, Math.min(app.days.length - 1, i + delta));
  if (j !== i) showDay(app.days[j].date);
}

function togglePlay() {
  if (app.playing) {
    clearTimeout(app.playing);
    app.playing = null;
    panels.playing(false);
    showDay(app.state.date);
    return;
  }
  if (app.state.mode === "compare") setMode("day");
  let i = nearestDay(app.state.date);
  if (i >= app.days.length - 1) i = -1;
  panels.playing(true);
  const tick = async () => {
    i++;
    if (i >= app.days.length) {
      app.playing = null;
      panels.playing(false);
      showDay(app.state.date);
      return;
    }
    await showDay(app.days[i].date, { quick: true });
    if (app.playing) app.playing = setTimeout(tick, PLAY_MS);
  };
  app.playing = setTimeout(tick, 0);
}

// ---- compare ---------------------------------------------------------

function setMode(mode) {
  app.state.mode = mode;
  panels.mode(mode);
  if (mode === "compare") {
    if (!app.state.from || !app.state.to) {
      const i = nearestDay(app.state.date || DEFAULT.date);
      app.state.to = app.days[i].date;
      app.state.from = app.days[Math.max(0, i - 7)].date;
    }
    showCompare();
  } else {
    app.view.setChange(null);
    app.changeShown = false;
    app.view.setControlFaded(false);
    showDay(app.state.date || app.state.to);
  }
  saveURL();
}

async function showCompare() {
  const { layer, from, to } = app.state;
  panels.compareDates(app.days, from, to);
  saveURL();
  const seq = ++app.seq;
  panels.compareLoading();
  try {
    const [res, fc] = await track(Promise.all([api.change(layer, from, to), api.changeGeoJSON(layer, from, to)]));
    if (seq !== app.seq) return;
    app.view.setChange(fc);
    app.changeShown = true;
    if (app.state.overlay) refreshOverlay(seq);
    panels.compareResult(res, selectPlace);
    // Under the change, the later day's polygons, faded.
    app.state.date = to;
    const zoom = fetchZoom();
    const dayFC = await track(mapOf(layer, app.days[nearestDay(to)].snapshot_id, zoom));
    if (seq !== app.seq) return;
    app.view.setControl(dayFC);
    app.view.setControlFaded(true);
    given("control");
    toast(""); // a compare link starts here, with "Loading…" on screen
    refreshSites(seq);
  } catch (e) {
    given("control");
    if (seq === app.seq) { fail(e); panels.compareError(e.message); }
  }
}

// ---- overlay ---------------------------------------------------------

// refreshOverlay shows where the overlaid layer disagrees with the shown
// one on the shown day (day mode only).
async function refreshOverlay(seq) {
  const other = app.state.overlay, layer = app.state.layer, date = app.state.date;
  if (!other || app.state.mode !== "day") {
    app.view.setOverlay(null);
    app.view.setDisagree(null);
    panels.overlayFigures(layer, other, null, other ? "The overlay is drawn in Day mode." : "", selectPlace);
    return;
  }
  panels.overlayFigures(layer, other, null, "", selectPlace);
  try {
    const [res, fc, edge] = await track(Promise.all([
      api.disagree(layer, other, date),
      api.disagreeGeoJSON(layer, other, date),
      api.dayMap(other, date, fetchZoom()).catch(() => null),
    ]));
    if (seq !== app.seq || app.state.overlay !== other || app.state.mode !== "day") return;
    app.view.setDisagree(fc);
    app.view.setOverlay(edge);
    panels.overlayFigures(layer, other, res, "", selectPlace);
  } catch (e) {
    if (seq !== app.seq) return;
    app.view.setOverlay(null);
    app.view.setDisagree(null);
    panels.overlayFigures(layer, other, null, `Overlay ${other} on ${date}: ${e.message}`, selectPlace);
  }
}

// ---- places ----------------------------------------------------------

async function selectPlace(id, opts = { fly: true }) {
  app.state.place = id;
  saveURL();
  try {
    const p = await track(api.place(id));
    if (app.state.place !== id) return;
    app.view.setSelected(p);
    app.placeName = p.name;
    panels.placeHead(p, clearPlace);
    if (opts.fly) app.view.flyTo(p.lon, p.lat, p.kind === "village" ? 9.5 : 8.5);
    const tl = await track(api.timeline(id, app.state.layer));
    if (app.state.place !== id) return;
    const t = api.list(tl, "timelines").find((x) => x.layer === app.state.layer) || null;
    app.placeTimeline = t;
    panels.placeTimeline(t, app.days, app.state.date);
    refreshPlaceDay(app.seq);
    loadPlaceClaims(id, p.name);
  } catch (e) {
    fail(e);
  }
}

// loadPlaceClaims lists what reports say about the place, the
// contradictions among them, and the control they add up to.
async function loadPlaceClaims(id, name, quiet) {
  if (!quiet) claimsPanel.loading(name);
  const settle = (p) => p.then((v) => v, (e) => e);
  const [cl, co] = await track(Promise.all([settle(api.claims({ place: id, limit: 5000 })), settle(api.contradictions(id))]));
  if (app.state.place !== id) return;
  claimsPanel.claimsList(name, cl, openReport);
  claimsPanel.contradictionsList(name, co, openReport);
  // The assessed control only where there are claims (else it is a 404).
  const as = cl && !(cl instanceof Error) && (cl.claims || []).length ? await track(settle(api.assessed(id))) : null;
  if (app.state.place !== id) return;
  claimsPanel.assessedLine(as);
  $("place-panel").dataset.claimsLoaded = String(Date.now());
}

// openReport shows a report with its extracted spans highlighted; claim
// is the index of the claim to scroll to.
function openReport(id, claim) {
  app.state.report = String(id);
  app.state.reportClaim = claim === undefined || claim === null || claim === "" ? undefined : String(claim);
  saveURL();
  track(reportView()).then((r) => r.open(id, app.state.reportClaim, {
    track,
    onPlace: (pid) => selectPlace(pid),
    onClose: () => { app.state.report = undefined; app.state.reportClaim = undefined; saveURL(); },
  })).catch(fail);
}

// The report view's module is loaded when a report is first opened: the
// first view does not need it.
let reportModule = null;
const reportView = () => (reportModule ||= import("./reportview.js"));

function clearPlace() {
  app.state.place = undefined;
  app.placeName = undefined;
  app.placeTimeline = null;
  app.view.setSelected(null);
  panels.placeHide();
  saveURL();
}

async function refreshPlaceDay(seq) {
  const id = app.state.place, date = app.state.date;
  if (!id) return;
  panels.placeTimeline(app.placeTimeline, app.days, date);
  try {
    const f = await track(api.front(id, app.state.layer, date));
    if (seq === app.seq && app.state.place === id) panels.placeFront(f);
  } catch (e) {
    panels.placeFront(null, e.message);
  }
}

async function refreshSites(seq) {
  const date = app.state.date, layer = app.state.layer;
  try {
    const body = await track(dayAnswer("sites", layer, date));
    if (seq !== app.seq) { given("sites"); return; }
    const list = api.list(body, "sites");
    if (!app.sites.length && list.length) app.view.setSites(list);
    given("sites");
    app.sites = list;
    panels.sites(list, list.map((s) => s.front || { error: "no distance" }), date, selectPlace);
  } catch (e) {
    given("sites");
    panels.sites([], [], date, selectPlace);
  }
}

// settlementsOnly drops the watched sites from the labels: the map draws
// them itself.
function settlementsOnly(body) {
  return api.list(body, "labels", "places").filter((p) => !String(p.id).startsWith("site:"));
}

// LABEL_STEPS: from which zoom (half a level before the label class
// shows, see mapview.js) the labels of places of at least how many people
// are asked for. The first view asks only for what it shows: at the
// opening zoom (6.9) the towns of 25,000 and more, 190 labels, not 831
// (placing, shaping and drawing them costs in software WebGL).
const LABEL_STEPS = [[8, 800], [7, 5000], [-Infinity, 25000]];
let labelMin = Infinity; // the smallest population asked for so far

function labelMinFor(zoom) {
  return LABEL_STEPS.find(([from]) => zoom >= from)[1];
}

// moreLabels asks for the labels the zoom shows, if not asked for yet.
function moreLabels(zoom) {
  const min = labelMinFor(zoom), was = labelMin;
  if (min >= labelMin) return;
  labelMin = min;
  track(api.labels(min)).then((b) => app.view.addLabels(settlementsOnly(b))).catch(() => { labelMin = was; });
}

async function loadLabels(early) {
  try {
    app.view.addLabels(settlementsOnly(await track(early.body)));
    labelMin = early.min;
  } catch (e) {
    console.warn("labels:", e.message);
  } finally {
    given("labels");
  }
  // Smaller places as someone zooms in.
  app.view.on("zoom", () => moreLabels(app.view.zoom()));
  moreLabels(app.view.zoom());
}

// ---- live updates ----------------------------------------------------

// caughtUp shows a map of the shown layer stored since its layers were
// read (read: each layer's revision then), as if its event had come.
async function caughtUp(read) {
  const l = api.list(await track(api.layers()), "layers").find((x) => x.name === app.state.layer);
  if (l && l.revision !== read.get(l.name)) await newMap({ layer: l.name });
}

// newMap follows a new map of a layer (data: the snapshot event's, or
// just its layer): the slider grows to it, and a view that was on the
// last day (following the news) moves on to the new one.
async function newMap(data) {
  if (data.layer && data.layer !== app.state.layer) {
    loadLayers().catch(fail);
    return;
  }
  const wasLast = app.days.length > 0 && app.state.date === app.days[app.days.length - 1].date;
  app.dayCache.clear(); // a day's figures may have changed
  try {
    await track(loadLayers());
    await track(loadDays());
    const last = app.days.length ? app.days[app.days.length - 1].date : "";
    if (app.state.mode === "compare") showCompare();
    else if (wasLast && !app.playing && last !== app.state.date) showDay(last);
    else showDay(app.state.date);
    live.notice({ id: "snapshot-" + (data.snapshot_id || last), kind: "snapshot",
      title: `New map of ${app.state.layer}${last ? ": " + longDate(last) : ""}`,
      text: wasLast || app.state.mode === "compare" ? "" : "On the slider's last day.", at: data.recorded_at });
  } catch (e) { fail(e); }
}

function listen() {
  if (!window.EventSource) return;
  const es = new EventSource("/api/v1/events");
  // The page is not idle until its stream is open (or has failed): the
  // server sends a new stream only what is published after it subscribed,
  // and a map published in between would never reach the page.
  // A map published after the page read its layers and before the
  // stream opened is in no event: once open, the page compares the
  // layer's revision with the one it read, and shows a map it missed.
  const read = new Map(app.layers.map((l) => [l.name, l.revision]));
  track(new Promise((resolve) => {
    es.addEventListener("open", () => caughtUp(read).catch(fail).finally(resolve), { once: true });
    es.addEventListener("error", resolve, { once: true });
  }));
  // New claims about the open place: read its claims again.
  es.addEventListener("claims", (ev) => {
    let data = {};
    try { data = JSON.parse(ev.data); } catch { return; }
    const id = app.state.place;
    if (id && (data.place_ids || []).includes(id)) loadPlaceClaims(id, app.placeName || id, true).catch(fail);
  });
  es.addEventListener("snapshot", (ev) => {
    let data = {};
    try { data = JSON.parse(ev.data) || {}; } catch { /* a bare notice */ }
    newMap(data.snapshot || data); // wrapped, as {"snapshot": {...}}
  });
  // An alert (a watch that fired): a notice on the map. Tolerant of its
  // shape: {"alert": {id, title, text, …}} or the alert itself.
  es.addEventListener("alert", (ev) => {
    let data = null;
    try { data = JSON.parse(ev.data); } catch { data = { text: String(ev.data || "") }; }
    const a = live.alertOf(data);
    if (a) live.notice({ ...a, kind: "alert" });
  });
  // A source read (or failed): its health again.
  for (const name of ["source", "source_status", "gap"]) es.addEventListener(name, () => live.refreshSources());
  // Events were missed (the server's replay window passed): read again
  // what is shown.
  es.addEventListener("resync", async () => {
    app.dayCache.clear();
    try {
      await track(loadLayers());
      await track(loadDays());
      if (app.state.mode === "compare") showCompare(); else showDay(app.state.date);
      if (app.state.place) loadPlaceClaims(app.state.place, app.placeName || app.state.place, true).catch(fail);
    } catch (e) { fail(e); }
    live.refreshSources();
  });
}

// ---- start -----------------------------------------------------------

async function applyState(s, first, early) {
  const layerChanged = s.layer && s.layer !== app.state.layer;
  app.state = { ...app.state, ...s };
  if (!app.layers.some((l) => l.name === app.state.layer)) {
    const fallback = app.layers[0];
    if (!fallback) throw new Error("this server has no layers yet: import one (frontline layer import)");
    app.state.layer = fallback.name;
  }
  if (layerChanged || first) {
    if (layerChanged) {
      app.mapCache.clear();
      app.dayCache.clear();
    }
    await loadDays(early);
  }
  if (first) {
    // Ask for the day's map now; draw it once the map has loaded.
    const d = app.days[nearestDay(app.state.mode === "compare" ? app.state.to || DEFAULT.date : app.state.date || DEFAULT.date)];
    const e = early && early.dayMap;
    if (d && e && e.layer === app.state.layer && e.date === d.date && e.zoom === fetchZoom()) {
      // The map of the day asked for by date at start-up is this day's.
      app.mapCache.set(`${e.layer}/${d.snapshot_id}/${e.zoom}`, e.fc.catch(() => api.snapshotMap(e.layer, d.snapshot_id, e.zoom)));
    }
    if (d) mapOf(app.state.layer, d.snapshot_id, fetchZoom()).then(() => performance.mark("frontline:day-map"), () => {});
    await track(app.view.ready);
    performance.mark("frontline:map-ready");
  }
  panels.layerPicker(app.layers, app.state.layer, app.state.overlay);
  if (s.view && !first) app.view.jumpTo(s.view);
  if (app.state.mode === "compare") {
    panels.mode("compare");
    await showCompare();
  } else {
    panels.mode("day");
    // A link from a comparison to a day: the change goes.
    if (app.changeShown) { app.view.setChange(null); app.changeShown = false; }
    await showDay(app.state.date || app.days[app.days.length - 1].date);
  }
  if (app.state.place) selectPlace(app.state.place, { fly: false });
  else { app.view.setSelected(null); panels.placeHide(); }
  if (app.state.report) openReport(app.state.report, app.state.reportClaim);
  else if (reportModule) reportModule.then((r) => r.close(), () => {});
}

function wire() {
  $("slider").addEventListener("input", (e) => {
    const d = app.days[Number(e.target.value)];
    if (d) showDay(d.date);
  });
  $("prev").addEventListener("click", () => step(-1));
  $("next").addEventListener("click", () => step(1));
  $("play").addEventListener("click", togglePlay);
  $("tab-day").addEventListener("click", () => setMode("day"));
  $("tab-compare").addEventListener("click", () => setMode("compare"));
  $("from").addEventListener("change", (e) => { app.state.from = e.target.value; showCompare(); });
  $("to").addEventListener("change", (e) => { app.state.to = e.target.value; showCompare(); });
  $("layer").addEventListener("change", (e) => {
    if (app.state.overlay === e.target.value) app.state.overlay = undefined;
    applyState({ layer: e.target.value }).catch(fail);
  });
  $("overlay").addEventListener("change", (e) => {
    app.state.overlay = e.target.value || undefined;
    saveURL();
    refreshOverlay(app.seq);
  });
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
    // Not while a report is open, nor on a disclosure or a highlight.
    if ($("report-view").open || (t instanceof Element && t.closest("summary, mark, dialog"))) return;
    if (e.key === "ArrowLeft") { step(-1); e.preventDefault(); }
    else if (e.key === "ArrowRight") { step(1); e.preventDefault(); }
    else if (e.key === " " && !(t instanceof HTMLButtonElement)) { togglePlay(); e.preventDefault(); }
  });
  panels.searchBox((id) => selectPlace(id));
  $("sheet-handle").addEventListener("click", () => {
    const s = $("sidebar");
    const open = s.classList.toggle("expanded");
    $("sheet-handle").setAttribute("aria-expanded", String(open));
    setTimeout(() => app.view.resize(), 250);
  });
  app.view.onPlace((id) => selectPlace(id));
  app.view.on("moveend", () => {
    saveURL();
    // Sharper geometry once zoomed in beyond what was fetched.
    if (app.shown && app.state.mode === "day" && fetchZoom() > app.shown.zoom) showDay(app.state.date);
  });
  window.addEventListener("hashchange", () => {
    const s = urlstate.parse(location.hash);
    // A link that changes only the map's view moves the map too.
    if (urlstate.format({ ...app.state, view: app.view.view(), ...s }) === urlstate.format({ ...app.state, view: app.view.view() })) return;
    applyState({ mode: "day", ...s }).catch(fail);
  });
}

async function main() {
  performance.mark("frontline:start");
  logEvent("start");
  const fromURL = urlstate.parse(location.hash);
  app.state = { mode: "day", layer: DEFAULT.layer, date: DEFAULT.date, ...fromURL };
  // The layer's days are asked for with the layers, not after them; so is
  // the day's map, by date: one round trip fewer before it is drawn. They
  // go out before the map is made (its WebGL context takes a while).
  const view = fromURL.view || DEFAULT.view;
  const early = { layer: app.state.layer, days: api.days(app.state.layer) };
  early.days.catch(() => {});
  const layers = api.layers();
  layers.catch(() => {});
  if (app.state.mode === "day" && app.state.date) {
    const zoom = zoomFor(view.zoom);
    early.dayMap = { layer: app.state.layer, date: app.state.date, zoom, fc: api.dayMap(app.state.layer, app.state.date, zoom) };
    early.dayMap.fc.catch(() => {});
    // And the day's figures, watched sites and the labels: all drawn with
    // the polygons, not after them.
    dayAnswer("area", app.state.layer, app.state.date).catch(() => {});
    dayAnswer("sites", app.state.layer, app.state.date).catch(() => {});
    // And its figures (the day and the day before it): its month's are
    // read once the layer's days are known, a round trip later.
    const t = Date.parse(app.state.date + "T00:00:00Z");
    if (Number.isFinite(t)) {
      const before = new Date(t - 86400000).toISOString().slice(0, 10);
      app.earlyFigures = { layer: app.state.layer, date: app.state.date,
        figures: api.series(app.state.layer, before, app.state.date).then((s) => new Map((s.days || []).map((d) => [d.date, d]))) };
      app.earlyFigures.figures.catch(() => {});
    }
  }
  const labels = { min: labelMinFor(view.zoom) };
  labels.body = api.labels(labels.min);
  labels.body.catch(() => {});
  // MapLibre where WebGL is drawn by a GPU; the 2D canvas where it is
  // drawn in software or missing (renderer.js), found out while the first
  // requests are out (a WebGL context takes tens of ms). MapLibre's bundle
  // is loaded only when it is used.
  const renderer = chooseRenderer();
  app.renderer = renderer.name;
  document.body.dataset.renderer = renderer.name;
  const maplibre = renderer.name === "webgl" && !window.maplibregl
    ? loadScript(document.querySelector('meta[name="frontline-maplibre"]').content) : Promise.resolve();
  maplibre.catch(() => {});
  // MapLibre's view (mapview.js) too: the canvas map does not load it.
  const mapview = renderer.name === "webgl" ? import("./mapview.js") : null;
  if (mapview) mapview.catch(() => {});
  logEvent("renderer " + renderer.name + " (" + renderer.why + ")");
  toast("Loading…");
  // The sources' health is asked for with the rest, not after the map is
  // drawn (where it kept the page from idle by a round trip).
  live.startSources(track);
  // The map starts at once (MapLibre's worker fetches the basemap by its
  // hashed, cacheable URL) while the layer's days and the day's map load.
  const meta = document.querySelector('meta[name="frontline-basemap"]').dataset;
  const abs = (p) => new URL(p, location.href).href;
  const basemap = { countries: abs(meta.countries), ukraine: abs(meta.ukraine) };
  if (app.renderer === "webgl") {
    try {
      await maplibre;
    } catch (e) {
      console.warn(e.message);
    }
    if (!window.maplibregl) {
      // A build without MapLibre: the canvas map, and a word on how to build.
      console.warn("MapLibre is missing from this build (scripts/build-web.sh): drawing the map with the 2D canvas.");
      app.renderer = document.body.dataset.renderer = "canvas";
    }
  }
  if (app.renderer === "webgl") {
    // MapLibre's worker from its own hashed, cacheable file (the CSP build).
    if (maplibregl.setWorkerUrl) maplibregl.setWorkerUrl(abs(document.querySelector('meta[name="frontline-maplibre-worker"]').content));
    const { MapView } = await mapview;
    app.view = new MapView($("map"), basemap, view);
  } else {
    app.view = new CanvasView($("map"), basemap, view);
  }
  // The first view is drawn once, when its polygons, labels and sites are
  // all on the map: not once per part and tile as they arrive.
  app.view.holdStart(["control", "labels", "sites"].map((part) => new Promise((resolve) => { app.first[part] = resolve; })));
  panels.legend("day");
  await track(loadLayers(layers));
  wire();
  loadLabels(labels);
  await applyState(app.state, true, early);
  listen();
}

// Whatever happened, the first view waits for nothing more.
track(main()).catch(fail).finally(() => Object.keys(app.first).forEach(given));
