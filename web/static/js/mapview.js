// mapview.js: the MapLibre map — an offline basemap (neighbours, Ukraine's
// oblasts), the control polygons, the change between two dates, an overlay
// layer, watched sites, and settlement labels as symbol layers. The style
// has no "glyphs" URL: MapLibre then draws every glyph in the browser
// (TinySDF, from the system's sans-serif), so nothing is fetched. Labels
// are placed by MapLibre's collision detection, largest places first, and
// kept clear of the legend and the credit (invisible obstacles under them,
// see setObstacles).
//
// Fills are drawn without their antialiasing outline pass: a line layer
// draws each edge anyway, and in software WebGL (SwiftShader, as in the
// browser tests) the extra pass costs about a third of a frame.

import { STATUS_COLOUR, CHANGE_KIND, LAND_COLOUR, FADED_OPACITY } from "./format.js";
import { DEBUG, logEvent } from "./debug.js";
import { hatch, hex, DISAGREE_COLOUR, LABEL_CLASSES, OBSTACLES } from "./mapstyle.js";

const EMPTY = { type: "FeatureCollection", features: [] };
// HOLD_MS caps how long the map waits for a new day's polygons before it
// draws anyway (see holdFrames).
// 250 ms was too short on a loaded machine: the worker had not cut the
// day when the hold ran out, and up to three stale frames were painted,
// each slowing the worker further.
const HOLD_MS = 1000;
// START_HOLD_MS caps how long the map waits, at start-up, for the first
// day's polygons, labels and sites before it draws anyway (see holdStart).
const START_HOLD_MS = 8000;

const statusColour = ["match", ["get", "status"],
  "russia", STATUS_COLOUR.russia, "contested", STATUS_COLOUR.contested,
  "unknown", STATUS_COLOUR.unknown, "ukraine", STATUS_COLOUR.ukraine, "#777777"];

const changeColour = ["match", ["get", "to"],
  "ukraine", CHANGE_KIND.ukraine.colour, "russia", CHANGE_KIND.russia.colour,
  "contested", CHANGE_KIND.contested.colour, CHANGE_KIND.unknown.colour];

const disagreeColour = ["match", ["get", "to"],
  "russia", DISAGREE_COLOUR.russia, "ukraine", DISAGREE_COLOUR.ukraine, "contested", DISAGREE_COLOUR.contested, DISAGREE_COLOUR.unknown];

export const LABEL_LAYERS = [...LABEL_CLASSES.map((c) => "label-" + c.name), "label-site", "label-selected"];
const REGULAR = ["Noto Sans Regular"], BOLD = ["Noto Sans Bold"];
const LABEL_LAYOUT = {
  "icon-image": "dot", "text-field": ["get", "name"], "text-anchor": "left", "text-offset": [0.55, 0], "text-justify": "left",
  "text-padding": 3, "text-max-width": 14, "text-allow-overlap": false, "icon-allow-overlap": false, "text-optional": false,
};
const LABEL_PAINT = { "text-color": "#27323b", "text-halo-color": "#ffffff", "text-halo-width": 1.6, "text-halo-blur": 0.3 };

function labelLayer(c) {
  return {
    id: "label-" + c.name, type: "symbol", source: "places", minzoom: c.minzoom,
    filter: ["all", [">=", ["get", "population"], c.min], ["<", ["get", "population"], c.max]],
    layout: { ...LABEL_LAYOUT, "text-font": c.big ? BOLD : REGULAR, "text-size": c.big ? 13 : 11,
      "symbol-sort-key": ["-", 0, ["get", "population"]] },
    paint: LABEL_PAINT,
  };
}


// dot draws a round label marker.
function dot(r, fill, stroke) {
  const size = 2 * r + 4, data = new Uint8Array(size * size * 4), c = hex(fill), b = stroke ? hex(stroke) : null;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2), i = (y * size + x) * 4;
      const px = d <= r ? c : b && d <= r + 2 ? b : null;
      if (px) { data[i] = px[0]; data[i + 1] = px[1]; data[i + 2] = px[2]; data[i + 3] = 255; }
    }
  }
  return { width: size, height: size, data };
}

function style(basemap) {
  const st = {
    version: 8,
    sources: {
      countries: { type: "geojson", data: basemap.countries, maxzoom: 8, tolerance: 0.6 },
      ukraine: { type: "geojson", data: basemap.ukraine, maxzoom: 10 },
      control: { type: "geojson", data: EMPTY, maxzoom: 12, buffer: 32, tolerance: 0.5 },
      overlay: { type: "geojson", data: EMPTY, maxzoom: 12 },
      disagree: { type: "geojson", data: EMPTY, maxzoom: 12, buffer: 32, tolerance: 0.3 },
      change: { type: "geojson", data: EMPTY, maxzoom: 12, buffer: 32, tolerance: 0.5 },
      sites: { type: "geojson", data: EMPTY },
      places: { type: "geojson", data: EMPTY, buffer: 64 },
      selected: { type: "geojson", data: EMPTY },
      obstacles: { type: "geojson", data: EMPTY, buffer: 128 },
    },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": "#d6e2ea" } },
      { id: "countries-fill", type: "fill", source: "countries", paint: { "fill-color": "#f1f0ec", "fill-antialias": false } },
      { id: "countries-line", type: "line", source: "countries", paint: { "line-color": "#b4b4b0", "line-width": 0.8 } },
      { id: "ukraine-fill", type: "fill", source: "ukraine", filter: ["==", ["get", "kind"], "land"], paint: { "fill-color": LAND_COLOUR, "fill-antialias": false } },
      { id: "control-fill", type: "fill", source: "control",
        filter: ["in", ["get", "status"], ["literal", ["russia", "unknown", "ukraine", "contested"]]],
        paint: { "fill-color": statusColour, "fill-antialias": false,
          "fill-opacity": ["match", ["get", "status"], "ukraine", 0.12, "contested", 0.28, 0.5] } },
      { id: "control-hatch", type: "fill", source: "control", filter: ["==", ["get", "status"], "contested"],
        paint: { "fill-pattern": "hatch-contested" } },
      { id: "control-line", type: "line", source: "control", filter: ["in", ["get", "status"], ["literal", ["russia", "contested"]]],
        paint: { "line-color": ["match", ["get", "status"], "contested", "#9a6a00", "#8a3300"], "line-width": 0.9, "line-opacity": 0.8 } },
      // Where the overlaid layer disagrees with the shown one, shaded by
      // what the overlaid layer says (its status is "to"); the other
      // layer's Russian-held outline dashed.
      { id: "disagree-fill", type: "fill", source: "disagree", layout: { visibility: "none" },
        paint: { "fill-color": disagreeColour, "fill-antialias": false, "fill-opacity": 0.72 } },
      { id: "disagree-hatch", type: "fill", source: "disagree", layout: { visibility: "none" }, filter: ["==", ["get", "to"], "russia"],
        paint: { "fill-pattern": "hatch-overlay" } },
      { id: "disagree-line", type: "line", source: "disagree", layout: { visibility: "none" },
        paint: { "line-color": "#3b1030", "line-width": ["interpolate", ["linear"], ["zoom"], 5, 1.4, 10, 0.8], "line-opacity": 0.9 } },
      { id: "overlay-line", type: "line", source: "overlay", layout: { visibility: "none" }, filter: ["==", ["get", "status"], "russia"],
        paint: { "line-color": "#6b2d5c", "line-width": 1.2, "line-dasharray": [3, 2] } },
      { id: "change-fill", type: "fill", source: "change", layout: { visibility: "none" },
        paint: { "fill-color": changeColour, "fill-antialias": false, "fill-opacity": ["match", ["get", "to"], "contested", 0.55, 0.75] } },
      { id: "change-hatch", type: "fill", source: "change", layout: { visibility: "none" }, filter: ["==", ["get", "to"], "contested"],
        paint: { "fill-pattern": "hatch-change-contested" } },
      { id: "change-line", type: "line", source: "change", layout: { visibility: "none" }, paint: { "line-color": "#1d2730", "line-width": 0.6, "line-opacity": 0.7 } },
      { id: "oblast-line", type: "line", source: "ukraine", filter: ["==", ["get", "kind"], "oblast"],
        paint: { "line-color": "#8797a3", "line-width": ["interpolate", ["linear"], ["zoom"], 5, 0.5, 9, 1.2] } },
      { id: "ukraine-line", type: "line", source: "ukraine", filter: ["==", ["get", "kind"], "land"],
        paint: { "line-color": "#33424e", "line-width": ["interpolate", ["linear"], ["zoom"], 5, 1.2, 9, 2.2] } },
      { id: "sites-circle", type: "circle", source: "sites",
        paint: { "circle-radius": 6, "circle-color": "#CC79A7", "circle-stroke-color": "#5b1e7a", "circle-stroke-width": 1.5 } },
      // Labels. MapLibre places the layers higher in this list first: the
      // obstacles, the selected place, the sites, then settlements by size.
      ...LABEL_CLASSES.slice(1).reverse().map(labelLayer),
      // A site's label goes on whichever side of it is free.
      { id: "label-site", type: "symbol", source: "sites",
        layout: { "text-field": ["get", "name"], "text-variable-anchor": ["left", "right", "top", "bottom"], "text-radial-offset": 0.9,
          "text-justify": "auto", "text-padding": 3, "text-max-width": 14, "text-font": BOLD, "text-size": 11 },
        paint: { ...LABEL_PAINT, "text-color": "#5b1e7a" } },
      // Cities before the sites: a site's label makes way for Dnipro.
      labelLayer(LABEL_CLASSES[0]),
      // Hidden while no place is selected: an empty source's tiles still
      // cost a round trip to the worker each.
      { id: "label-selected", type: "symbol", source: "selected",
        layout: { ...LABEL_LAYOUT, visibility: "none", "icon-image": "dot-selected", "text-font": BOLD, "text-size": 13,
          "icon-allow-overlap": true, "text-allow-overlap": true },
        paint: { ...LABEL_PAINT, "text-color": "#000000" } },
      { id: "obstacles", type: "symbol", source: "obstacles",
        layout: { "icon-image": ["get", "icon"], "icon-allow-overlap": true, "icon-ignore-placement": false, "icon-padding": 0,
          "icon-pitch-alignment": "viewport", "icon-rotation-alignment": "viewport" },
        paint: { "icon-opacity": 0 } },
    ],
  };
  if (DEBUG.has("nolabels")) st.layers = st.layers.filter((l) => !l.id.startsWith("label-") && l.id !== "obstacles");
  if (DEBUG.has("noobstacles")) st.layers = st.layers.filter((l) => l.id !== "obstacles");
  if (DEBUG.has("nosettlements")) st.layers = st.layers.filter((l) => !l.id.startsWith("label-") || l.id === "label-site");
  if (DEBUG.has("nobasemap")) st.layers = st.layers.filter((l) => !/^(countries|ukraine|oblast)/.test(l.id));
  if (DEBUG.has("nocontrol")) st.layers = st.layers.filter((l) => !/^control/.test(l.id));
  return st;
}

export class MapView {
  // basemap: {countries, ukraine} GeoJSON; view: {lon, lat, zoom}.
  constructor(container, basemap, view) {
    this.renderer = "webgl";
    this.labels = [];   // settlement labels, largest first
    this.sites = [];
    this.selected = null;
    this.selectedShown = null; // the selected place's id on the map (its source starts empty)
    this.pending = 0;
    this.map = new maplibregl.Map({
      container,
      style: style(basemap),
      center: [view.lon, view.lat],
      zoom: view.zoom,
      minZoom: 3,
      maxZoom: 13,
      maxBounds: [[5, 35], [60, 63]],
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disable(); // the arrow keys step days
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
    this.map.addControl(new maplibregl.AttributionControl({ compact: true, customAttribution: "" }), "bottom-right");
    this.map.on("styleimagemissing", () => {});
    if (DEBUG.has("log")) { this.map.on("idle", () => logEvent("map idle")); this.map.on("load", () => logEvent("map load")); }
    // Ready once the style is parsed, not drawn: the day's polygons then go
    // to the worker while it is still cutting the basemap.
    this.ready = new Promise((resolve) => {
      this.map.once("style.load", () => {
        this.map.addImage("hatch-contested", hatch("#B07800", "#F5C76080"));
        this.map.addImage("hatch-overlay", hatch("#3b1030"));
        this.map.addImage("hatch-change-contested", hatch("#6e6400"));
        this.map.addImage("dot", dot(2, "#27323b"));
        this.map.addImage("dot-selected", dot(4, "#000000", "#ffffff"));
        resolve();
      });
    });
    // The obstacles follow the view (and the legend's size).
    let last = 0, timer = 0;
    const follow = () => {
      clearTimeout(timer);
      const now = performance.now();
      if (now - last > 150) { last = now; this.setObstacles(); } else timer = setTimeout(follow, 160);
    };
    this.map.on("move", follow);
    this.map.on("moveend", () => this.setObstacles());
    this.map.on("resize", () => this.setObstacles());
    this.ready.then(() => this.setObstacles());
    if (window.ResizeObserver) {
      const ro = new ResizeObserver(() => this.setObstacles());
      for (const sel of OBSTACLES) { const e = container.parentElement.querySelector(sel); if (e) ro.observe(e); }
    }
    if (!DEBUG.has("nohold")) this.holdFrames();
  }

  // holdStart holds the map's frames from the first (which must be drawn:
  // see holdFrames) until everything promises (the first day's polygons,
  // the labels, the sites, each given to the map) is settled and the map
  // has cut the tiles of every source, up to START_HOLD_MS: the page's
  // first view is then drawn in one frame, not in one per source and tile
  // as each arrives. In SwiftShader each frame costs tens of ms of both
  // cores (and its read-back into the page as much again): the map was
  // drawn 15–20 times before it was complete.
  holdStart(promises) {
    if (!this.holding) return;
    let settled = false;
    Promise.allSettled(promises).then(() => { settled = true; this.map.triggerRepaint(); });
    this.hold = { start: true, until: performance.now() + START_HOLD_MS, ready: () => settled && this.map.loaded() };
  }

  // holdFrames keeps the map from drawing a stale day: after setControl,
  // until the new day's tiles are cut (up to HOLD_MS). MapLibre redraws on
  // every data event; in software WebGL (SwiftShader) each frame costs
  // ~50 ms of both cores, so the frame drawn right after setData, still
  // the old day, starved the worker cutting the new one: the new day
  // reached the screen two or three frames late. Held, the first frame
  // drawn is the new day's. While held MapLibre still runs its frame
  // (style, tiles asked for, events) but its painter does not draw and the
  // map does not go idle. MapLibre 5.24's Map#_render and painter.render
  // are wrapped: the only private names used here; without them nothing
  // is held.
  holdFrames() {
    const view = this, map = this.map, render = map._render;
    if (typeof render !== "function" || !map.painter || typeof map.painter.render !== "function") return;
    const noPaint = () => {};
    this.hold = null;
    this.frames = { painted: 0, held: 0, skipped: 0 }; // for the benchmark (window.frontline.debug())
    map._render = function (ts) {
      const h = view.hold;
      if (h && (performance.now() >= h.until || h.ready())) view.hold = null;
      // The painter learns the style in its first frame, and tiles loaded
      // before that would have no buckets (Tile#loadVectorData reads the
      // layers from painter.style). It is told the style here instead, so
      // that the empty first frame need not be painted: in SwiftShader
      // that paint, read back into the page on its main thread, held up
      // the first view's answers by 0.3-1 s.
      if (view.hold && !map.painter.style && map.style && map.style._loaded && !DEBUG.has("firstpaint")) map.painter.style = map.style;
      if (!view.hold || !map.painter.style) {
        view.heldDone = false;
        view.frames.painted++;
        logEvent("paint");
        return render.call(this, ts);
      }
      view.frames.held++;
      // Nothing new since the last held frame (no data event, no style
      // change): MapLibre's frame would do what it did last time, full
      // label placement included (with fadeDuration 0 every frame places
      // every label afresh). Only ask for the next frame, to see the hold
      // end: of a start-up's 100-120 held frames, 55-75 are skipped.
      const tasks = map._renderTaskQueue && map._renderTaskQueue._queue;
      if (view.heldDone && !map._sourcesDirty && !map._styleDirty && !map._placementDirty && !(tasks && tasks.length) &&
        !map.isMoving() && !DEBUG.has("noskip")) {
        view.frames.skipped++;
        map.triggerRepaint();
        return this;
      }
      view.heldDone = true;
      logEvent("held frame");
      const paint = map.painter.render, repaint = map._repaint;
      map.painter.render = noPaint;
      map._repaint = true; // asks for the next frame: no "idle" while held
      try {
        return render.call(this, ts);
      } finally {
        map.painter.render = paint;
        map._repaint = repaint;
      }
    };
    this.holding = true;
  }

  setControl(fc) {
    // Over a drawn map only (not while loading).
    if (this.holding && this.map.loaded() && !(this.hold && this.hold.start)) {
      this.hold = { until: performance.now() + HOLD_MS, ready: () => this.map.isSourceLoaded("control") };
    }
    logEvent("control");
    this.map.getSource("control").setData(fc || EMPTY);
  }
  setOverlay(fc) { this.setData("overlay", fc, ["overlay-line"]); }
  setDisagree(fc) { this.setData("disagree", fc, ["disagree-fill", "disagree-hatch", "disagree-line"]); }
  setChange(fc) { this.setData("change", fc, ["change-fill", "change-hatch", "change-line"]); }

  // setData fills a source and hides its layers while it is empty: an
  // empty source's tiles still cost a stencil pass per frame.
  setData(id, fc, layers) {
    const empty = !fc || !(fc.features || []).length;
    this.map.getSource(id).setData(empty ? EMPTY : fc);
    for (const l of layers) this.map.setLayoutProperty(l, "visibility", empty ? "none" : "visible");
  }

  // setControlFaded dims the day's polygons while the change is shown.
  setControlFaded(faded) {
    this.map.setPaintProperty("control-fill", "fill-opacity",
      faded ? FADED_OPACITY : ["match", ["get", "status"], "ukraine", 0.12, "contested", 0.28, 0.5]);
    this.map.setLayoutProperty("control-hatch", "visibility", faded ? "none" : "visible");
  }

  setSites(sites) {
    this.sites = sites;
    logEvent("sites");
    this.map.getSource("sites").setData({
      type: "FeatureCollection",
      features: sites.map((s) => ({ type: "Feature", properties: { id: s.id, name: s.name || "" }, geometry: { type: "Point", coordinates: [s.lon, s.lat] } })),
    });
  }

  // addLabels merges settlements ({id, name, lon, lat, population}).
  addLabels(places) {
    const seen = new Set(this.labels.map((p) => p.id));
    for (const p of places) if (!seen.has(p.id) && Number.isFinite(p.lon) && Number.isFinite(p.lat)) this.labels.push(p);
    this.labels.sort((a, b) => (b.population || 0) - (a.population || 0));
    this.drawLabels();
  }

  setSelected(place) {
    const was = this.selected ? this.selected.id : null, now = place ? place.id : null;
    this.selected = place;
    if (!this.map.getSource("selected")) { this.ready.then(() => this.setSelected(this.selected)); return; }
    // The same selection again (none at start-up): its label and the
    // settlements' are as they were. Setting them again would cut and lay
    // out every label's tiles once more, and draw the map again.
    if (was === now && this.selectedShown === now) return;
    this.selectedShown = now;
    if (this.map.getLayer("label-selected")) this.map.setLayoutProperty("label-selected", "visibility", place ? "visible" : "none");
    this.map.getSource("selected").setData(place ? {
      type: "FeatureCollection",
      features: [{ type: "Feature", properties: { id: place.id, name: place.name || "" }, geometry: { type: "Point", coordinates: [place.lon, place.lat] } }],
    } : EMPTY);
    this.drawLabels();
  }

  // drawLabels gives the settlements to the label layers (all but the
  // selected place, labelled on its own).
  drawLabels() {
    const sel = this.selected && this.selected.id;
    if (!this.map.getSource("places")) { this.ready.then(() => this.drawLabels()); return; }
    logEvent("places");
    this.map.getSource("places").setData({
      type: "FeatureCollection",
      features: this.labels.filter((p) => p.id !== sel).map((p) => ({ type: "Feature",
        properties: { id: p.id, name: p.name || "", population: p.population || 0 },
        geometry: { type: "Point", coordinates: [p.lon, p.lat] } })),
    });
  }

  // setObstacles puts an invisible icon the size of each panel drawn over
  // the map (the legend, the credit) where the panel is: labels collide
  // with it, so none is drawn under them.
  setObstacles() {
    const map = this.map;
    if (!map.getSource("obstacles")) return; // before the style
    this.obstacleCalls = (this.obstacleCalls || 0) + 1;
    const canvas = map.getCanvas().getBoundingClientRect(), features = [];
    OBSTACLES.forEach((sel, i) => {
      const e = map.getContainer().parentElement.querySelector(sel);
      if (!e || !e.offsetParent) return;
      const r = e.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return;
      const w = Math.ceil(r.width) + 6, h = Math.ceil(r.height) + 6, name = `obstacle-${i}`, id = sel;
      const img = map.getImage && map.getImage(name);
      if (!img || img.data.width !== w || img.data.height !== h) {
        if (map.hasImage(name)) map.removeImage(name);
        map.addImage(name, { width: w, height: h, data: new Uint8Array(w * h * 4) });
      }
      const c = map.unproject([r.left - canvas.left + r.width / 2, r.top - canvas.top + r.height / 2]);
      features.push({ type: "Feature", properties: { icon: name, id }, geometry: { type: "Point", coordinates: [c.lng, c.lat] } });
    });
    // The same obstacles again (the resize observer's first calls, a move
    // that ends where it began): nothing for the worker to lay out again.
    const key = JSON.stringify(features);
    if (key === this.obstaclesKey) return;
    this.obstaclesKey = key;
    logEvent("obstacles");
    map.getSource("obstacles").setData({ type: "FeatureCollection", features });
  }

  // renderedLabels lists the labels drawn now, with their layer; in a
  // screen box [[x0, y0], [x1, y1]] if given (a symbol is in the box when
  // its placed text or icon is).
  renderedLabels(box) {
    const fs = box ? this.map.queryRenderedFeatures(box, { layers: LABEL_LAYERS }) : this.map.queryRenderedFeatures({ layers: LABEL_LAYERS });
    return fs.map((f) => ({ name: f.properties.name, layer: f.layer.id }));
  }

  // The rest of the interface app.js uses (CanvasView has the same).
  zoom() { return this.map.getZoom(); }
  on(name, fn) { this.map.on(name, fn); }
  once(name, fn) { this.map.once(name, fn); }
  loaded() { return this.map.loaded(); }
  isMoving() { return this.map.isMoving(); }
  resize() { this.map.resize(); }

  // project gives the pixel (in the map's box) of lon, lat.
  project(lon, lat) { return this.map.project([lon, lat]); }

  // onPlace calls fn(id) when a settlement's or a site's label is clicked.
  onPlace(fn) {
    const layers = LABEL_LAYERS.filter((l) => l !== "label-selected");
    this.map.on("click", (e) => {
      const f = this.map.queryRenderedFeatures(e.point, { layers: layers.filter((l) => this.map.getLayer(l)) })[0];
      if (f && f.properties.id) fn(f.properties.id);
    });
  }

  // labelRules: each label layer's collision rule, from the style (for the tests).
  labelRules() {
    return this.map.getStyle().layers.filter((l) => l.id.startsWith("label-") && l.id !== "label-selected")
      .map((l) => ({ layer: l.id, allowOverlap: !!(l.layout || {})["text-allow-overlap"] }));
  }

  debugState() {
    const m = this.map;
    return { renderer: "webgl", frames: this.frames, loaded: m.loaded(), obstacleCalls: this.obstacleCalls,
      unloaded: m.style ? Object.keys(m.style.sourceCaches || {}).filter((id) => !m.isSourceLoaded(id)) : [] };
  }

  view() {
    const c = this.map.getCenter();
    return { zoom: this.map.getZoom(), lat: c.lat, lon: c.lng };
  }

  flyTo(lon, lat, zoom) {
    this.map.flyTo({ center: [lon, lat], zoom: Math.max(zoom, this.map.getZoom()), speed: 2.2, essential: true });
  }

  jumpTo(view) {
    this.map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  }

  // renderedControl counts the control features drawn now (for tests and
  // the status line).
  renderedControl() {
    return this.map.queryRenderedFeatures({ layers: ["control-fill"] }).length;
  }

  // renderedOverlay counts the disagreement features drawn now.
  renderedOverlay() {
    return this.map.queryRenderedFeatures({ layers: ["disagree-fill"] }).length;
  }

  renderedChange() {
    return this.map.queryRenderedFeatures({ layers: ["change-fill"] }).length;
  }
}
