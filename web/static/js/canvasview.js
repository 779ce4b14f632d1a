// canvasview.js: the map drawn with the 2D canvas, for browsers whose
// WebGL is missing or software-rendered (SwiftShader, llvmpipe: virtual
// machines, remote desktops, headless test browsers). There MapLibre's
// start-up alone costs seconds of CPU; this draws the same map — the
// offline basemap, the day's polygons, the change, the overlay, the
// watched sites and the settlement labels — in a few milliseconds.
//
// CanvasView has MapView's methods (mapview.js): app.js uses either
// through the same small interface. Three stacked canvases: the basemap
// (sea, neighbours, Ukraine's land), the data (control polygons, change,
// overlay) and the top (oblast and state borders, sites, labels). Each is
// redrawn in an animation frame only when what it shows changed: a slider
// step refills the data canvas alone. Paths are built in pixels of a zoom
// rounded to half a level (fewer vertices than a pixel apart are dropped)
// and cached per zoom: a pan only moves them, a zoom within the half level
// scales them.
//
// The view is MapLibre's: Web Mercator of 512-pixel tiles, the same
// zoom, centre, colours, opacities, hatches and line widths, the same
// label classes, order and collision rules (text-padding 3, no overlap,
// nothing under the legend, the credit or the controls).

import { STATUS_COLOUR, CHANGE_KIND, LAND_COLOUR, FADED_OPACITY } from "./format.js";
import { logEvent, DEBUG } from "./debug.js";
import { fetchEarly } from "./api.js";
import { LABEL_CLASSES, OBSTACLES, DISAGREE_COLOUR, hatch } from "./mapstyle.js";

const TILE = 512;
const MIN_ZOOM = 3, MAX_ZOOM = 13;
const BOUNDS = [[5, 35], [60, 63]]; // lon/lat: the view stays within
const START_HOLD_MS = 8000;
const CONTEXT = DEBUG.has("sync") ? {} : { desynchronized: true };
const FONT = '"Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif';

// Web Mercator in units of the world's width (0..1).
const mercX = (lon) => (lon + 180) / 360;
function mercY(lat) {
  const s = Math.sin(Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}
const lonOf = (x) => x * 360 - 180;
const latOf = (y) => 360 / Math.PI * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - 90;
const worldPx = (zoom) => TILE * Math.pow(2, zoom);

// Paths are in pixels relative to this point (in Ukraine), so that even
// at zoom 13 their coordinates stay small (Path2D keeps float32).
const ORIGIN = [mercX(31.5), mercY(48.5)];

// interpolate is MapLibre's ["interpolate", ["linear"], ["zoom"], z0, v0, z1, v1].
function interpolate(z, z0, v0, z1, v1) {
  if (z <= z0) return v0;
  if (z >= z1) return v1;
  return v0 + (v1 - v0) * (z - z0) / (z1 - z0);
}

const CONTROL_OPACITY = { ukraine: 0.12, contested: 0.28, russia: 0.5, unknown: 0.5 };
const CONTROL_LINE = { russia: "#8a3300", contested: "#9a6a00" };

// Features: each {props, rings: [[Float64Array x,y,...]] per polygon (or
// line), bbox [x0, y0, x1, y1]} in world units, and its paths per zoom.
class Features {
  constructor(fc, keep = () => true) {
    this.list = [];
    this.paths = new Map(); // zoom → [Path2D per feature]
    for (const f of (fc && fc.features) || []) {
      if (!f || !f.geometry || !keep(f.properties || {})) continue;
      const parts = polygonsOf(f.geometry);
      if (!parts.length) continue;
      const bbox = [Infinity, Infinity, -Infinity, -Infinity];
      const rings = parts.map((poly) => poly.map((ring) => {
        const a = new Float64Array(ring.length * 2);
        ring.forEach((p, i) => {
          const x = mercX(p[0]), y = mercY(p[1]);
          a[2 * i] = x; a[2 * i + 1] = y;
          if (x < bbox[0]) bbox[0] = x;
          if (y < bbox[1]) bbox[1] = y;
          if (x > bbox[2]) bbox[2] = x;
          if (y > bbox[3]) bbox[3] = y;
        });
        return a;
      }));
      this.list.push({ props: f.properties || {}, rings, bbox });
    }
  }

  get length() { return this.list.length; }

  // pathsAt gives each feature's path in pixels at zoom (relative to
  // ORIGIN), built once per zoom: a vertex less than half a pixel from
  // the last one kept is dropped.
  pathsAt(zoom) {
    let p = this.paths.get(zoom);
    if (p) return p;
    const k = worldPx(zoom), ox = ORIGIN[0], oy = ORIGIN[1];
    p = this.list.map((f) => {
      const path = new Path2D();
      for (const poly of f.rings) {
        for (const r of poly) {
          const n = r.length / 2;
          let lx = (r[0] - ox) * k, ly = (r[1] - oy) * k;
          path.moveTo(lx, ly);
          for (let i = 1; i < n; i++) {
            const x = (r[2 * i] - ox) * k, y = (r[2 * i + 1] - oy) * k;
            if (i < n - 1 && Math.abs(x - lx) + Math.abs(y - ly) < 0.5) continue;
            path.lineTo(x, y);
            lx = x; ly = y;
          }
          path.closePath();
        }
      }
      return path;
    });
    if (this.paths.size >= 3) this.paths.delete(this.paths.keys().next().value);
    this.paths.set(zoom, p);
    return p;
  }
}

function polygonsOf(g) {
  switch (g.type) {
    case "Polygon": return [g.coordinates];
    case "MultiPolygon": return g.coordinates;
    case "LineString": return [[g.coordinates]];
    case "MultiLineString": return [g.coordinates];
    case "GeometryCollection": return (g.geometries || []).flatMap(polygonsOf);
    default: return [];
  }
}

const EMPTY = new Features(null);

// box helpers: [x0, y0, x1, y1].
const hits = (a, b) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
const pad = (b, p) => [b[0] - p, b[1] - p, b[2] + p, b[3] + p];

export class CanvasView {
  // basemap: {countries, ukraine} URLs of GeoJSON; view: {lon, lat, zoom}.
  constructor(container, basemap, view) {
    this.container = container;
    this.renderer = "canvas";
    this.labels = [];
    this.sites = [];
    this.selected = null;
    this.frames = { painted: 0, held: 0, skipped: 0 };
    this.listeners = new Map();
    this.placed = [];      // labels drawn now: {id, name, layer, boxes}
    this.measured = new Map();
    this.data = { control: EMPTY, overlay: EMPTY, disagree: EMPTY, change: EMPTY };
    this.faded = false;
    this.base = { countries: EMPTY, land: EMPTY, oblasts: EMPTY };
    this.dirty = { base: true, data: true, top: true };
    this.raf = 0;
    this.anim = null;
    this.hold = null;
    this.moving = false;
    this.ready = Promise.resolve();
    this.z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, view.zoom));
    this.cx = mercX(view.lon);
    this.cy = mercY(view.lat);

    container.classList.add("maplibregl-map", "canvas-map");
    const layer = (name) => {
      const c = document.createElement("canvas");
      c.className = "canvas-layer canvas-" + name;
      Object.assign(c.style, { position: "absolute", left: "0", top: "0", width: "100%", height: "100%" });
      container.appendChild(c);
      return c;
    };
    this.canvases = { base: layer("base"), data: layer("data"), top: layer("top") };
    this.canvases.top.setAttribute("role", "img");
    this.canvases.top.setAttribute("aria-label", "Map of territorial control");
    this.controls();
    this.patterns = {};
    this.measure();
    this.interact();
    if (window.ResizeObserver) {
      const ro = new ResizeObserver(() => { if (this.measure()) { this.emit("resize"); this.invalidate(); } });
      ro.observe(container);
      // The legend and the other panels over the map: labels stay clear of them.
      const ob = new ResizeObserver(() => {
        const key = JSON.stringify(this.obstacles());
        if (this.obstaclesKey !== key) { logEvent("obstacles " + key); this.invalidate("top"); }
      });
      for (const sel of OBSTACLES) { const e = container.parentElement.querySelector(sel); if (e) ob.observe(e); }
    }
    this.basemapReady = this.loadBasemap(basemap);
  }

  async loadBasemap(urls) {
    try {
      const [countries, ukraine] = await Promise.all([urls.countries, urls.ukraine].map((u) => fetchEarly(u).then((r) => {
        if (!r.ok) throw new Error(`basemap ${u}: ${r.status}`);
        return r.json();
      })));
      this.base = {
        countries: new Features(countries),
        land: new Features(ukraine, (p) => p.kind === "land"),
        oblasts: new Features(ukraine, (p) => p.kind === "oblast"),
      };
    } catch (e) {
      console.warn("basemap:", e.message);
    }
    this.baseLoaded = true;
    logEvent("basemap");
    this.invalidate();
  }

  // ---- the interface app.js uses (MapView has the same) --------------

  setControl(fc) { logEvent("control"); this.data.control = new Features(fc); this.invalidate("data"); }
  setOverlay(fc) { this.data.overlay = new Features(fc, (p) => p.status === "russia"); this.invalidate("data"); }
  setDisagree(fc) { this.data.disagree = new Features(fc); this.invalidate("data"); }
  setChange(fc) { this.data.change = new Features(fc); this.invalidate("data"); }
  setControlFaded(faded) { if (this.faded !== !!faded) { this.faded = !!faded; this.invalidate("data"); } }

  setSites(sites) {
    this.sites = sites.filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat));
    logEvent("sites");
    this.invalidate("top");
  }

  addLabels(places) {
    const seen = new Set(this.labels.map((p) => p.id));
    for (const p of places) if (!seen.has(p.id) && Number.isFinite(p.lon) && Number.isFinite(p.lat)) this.labels.push(p);
    this.labels.sort((a, b) => (b.population || 0) - (a.population || 0));
    logEvent("places");
    this.invalidate("top");
  }

  setSelected(place) {
    if ((this.selected && this.selected.id) === (place && place.id)) { this.selected = place; return; }
    this.selected = place;
    this.invalidate("top");
  }

  // holdStart draws nothing until the first view's parts (promises) are
  // all there, up to START_HOLD_MS: the first view is drawn once.
  holdStart(promises) {
    const hold = { until: performance.now() + START_HOLD_MS, settled: false };
    this.hold = hold;
    Promise.allSettled(promises).then(() => { hold.settled = true; this.request(); });
    setTimeout(() => this.request(), START_HOLD_MS + 10);
  }

  // onPlace calls fn(id) when a settlement's or a site's label is clicked.
  onPlace(fn) { this.placeClick = fn; }

  view() { return { zoom: this.z, lat: latOf(this.cy), lon: lonOf(this.cx) }; }
  zoom() { return this.z; }
  loaded() { return !!this.baseLoaded && !this.raf && !this.hold; }
  isMoving() { return this.moving || !!this.anim || !!this.drag; }
  resize() { if (this.measure()) this.emit("resize"); this.invalidate(); }

  jumpTo(view) {
    this.anim = null;
    this.setView(mercX(view.lon), mercY(view.lat), view.zoom);
    this.emit("moveend");
  }

  flyTo(lon, lat, zoom) {
    this.easeTo(mercX(lon), mercY(lat), Math.max(zoom, this.z), 900);
  }

  // project gives the pixel (in the map's box) of lon, lat.
  project(lon, lat) {
    const k = worldPx(this.z);
    return { x: this.w / 2 + (mercX(lon) - this.cx) * k, y: this.h / 2 + (mercY(lat) - this.cy) * k };
  }

  unproject(x, y) {
    const k = worldPx(this.z);
    return { lon: lonOf(this.cx + (x - this.w / 2) / k), lat: latOf(this.cy + (y - this.h / 2) / k) };
  }

  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
  }

  // once(name, fn); for "idle", after the next frame (drawn or not).
  once(name, fn) {
    const f = (...a) => { this.listeners.get(name).delete(f); fn(...a); };
    this.on(name, f);
    if (name === "idle") this.request();
  }

  emit(name, ...a) {
    const ls = this.listeners.get(name);
    if (ls) for (const fn of [...ls]) fn(...a);
  }

  // renderedLabels lists the labels drawn now: {name, layer, box}; in a
  // box [[x0, y0], [x1, y1]] of the map's pixels if given.
  renderedLabels(box) {
    const b = box && [box[0][0], box[0][1], box[1][0], box[1][1]];
    return this.placed.filter((p) => !b || p.boxes.some((x) => hits(x, b)))
      .map((p) => ({ name: p.name, layer: p.layer, box: p.boxes.reduce((u, x) => [Math.min(u[0], x[0]), Math.min(u[1], x[1]), Math.max(u[2], x[2]), Math.max(u[3], x[3])]) }));
  }

  renderedControl() { return this.inView(this.data.control, (p) => p.status in CONTROL_OPACITY); }
  renderedOverlay() { return this.inView(this.data.disagree); }
  renderedChange() { return this.inView(this.data.change); }

  // labelRules: the label classes' collision rules (for the tests).
  labelRules() {
    return [...LABEL_CLASSES.map((c) => ({ layer: "label-" + c.name, allowOverlap: false })), { layer: "label-site", allowOverlap: false }];
  }

  debugState() { return { renderer: "canvas", frames: this.frames, hold: !!this.hold, baseLoaded: !!this.baseLoaded, raf: !!this.raf }; }

  // ---- view --------------------------------------------------------

  inView(features, keep = () => true) {
    const k = worldPx(this.z), hw = this.w / 2 / k, hh = this.h / 2 / k;
    const v = [this.cx - hw, this.cy - hh, this.cx + hw, this.cy + hh];
    return features.list.filter((f) => keep(f.props) && hits(f.bbox, v)).length;
  }

  // measure sizes the canvases to the container; true if it changed.
  measure() {
    const r = this.container.getBoundingClientRect();
    const w = Math.max(1, Math.round(r.width)), h = Math.max(1, Math.round(r.height)), dpr = window.devicePixelRatio || 1;
    if (w === this.w && h === this.h && dpr === this.dpr) return false;
    this.w = w; this.h = h; this.dpr = dpr;
    for (const c of Object.values(this.canvases)) { c.width = Math.round(w * dpr); c.height = Math.round(h * dpr); }
    this.clamp();
    return true;
  }

  // clamp keeps the view within BOUNDS (centred where the bounds are
  // narrower than the view) and the zoom within MIN_ZOOM..MAX_ZOOM.
  clamp() {
    this.z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, this.z));
    const k = worldPx(this.z), hw = this.w / 2 / k, hh = this.h / 2 / k;
    const x0 = mercX(BOUNDS[0][0]), x1 = mercX(BOUNDS[1][0]), y0 = mercY(BOUNDS[1][1]), y1 = mercY(BOUNDS[0][1]);
    this.cx = x1 - x0 < 2 * hw ? (x0 + x1) / 2 : Math.max(x0 + hw, Math.min(x1 - hw, this.cx));
    this.cy = y1 - y0 < 2 * hh ? (y0 + y1) / 2 : Math.max(y0 + hh, Math.min(y1 - hh, this.cy));
  }

  setView(cx, cy, z) {
    const z0 = this.z, x0 = this.cx, y0 = this.cy;
    this.cx = cx; this.cy = cy; this.z = z;
    this.clamp();
    if (this.z === z0 && this.cx === x0 && this.cy === y0) return false;
    this.invalidate();
    this.emit("move");
    if (this.z !== z0) this.emit("zoom");
    return true;
  }

  // zoomAround zooms by dz keeping the pixel (x, y) over the same ground.
  zoomAround(dz, x, y) {
    const k0 = worldPx(this.z), z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, this.z + dz)), k1 = worldPx(z);
    const gx = this.cx + (x - this.w / 2) / k0, gy = this.cy + (y - this.h / 2) / k0;
    this.setView(gx - (x - this.w / 2) / k1, gy - (y - this.h / 2) / k1, z);
  }

  easeTo(cx, cy, z, ms) {
    z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    this.anim = { t0: performance.now(), ms, from: [this.cx, this.cy, this.z], to: [cx, cy, z] };
    this.request();
  }

  // ---- drawing -----------------------------------------------------

  invalidate(which) {
    if (which) this.dirty[which] = true;
    else this.dirty.base = this.dirty.data = this.dirty.top = true;
    this.request();
  }

  request() {
    if (!this.raf) this.raf = requestAnimationFrame((t) => this.frame(t));
  }

  frame() {
    this.raf = 0;
    if (this.anim) {
      const a = this.anim, t = Math.min(1, (performance.now() - a.t0) / a.ms), e = t * (2 - t);
      // Zoom linear in its level, the centre linear in pixels of the
      // zoom at each moment (a straight path on the screen).
      const z = a.from[2] + (a.to[2] - a.from[2]) * e;
      this.setView(a.from[0] + (a.to[0] - a.from[0]) * e, a.from[1] + (a.to[1] - a.from[1]) * e, z);
      if (t >= 1) { this.anim = null; this.moving = false; this.emit("moveend"); } else this.request();
    }
    if (this.hold) {
      if (!(this.hold.settled && this.baseLoaded) && performance.now() < this.hold.until) { this.frames.held++; return; }
      this.hold = null;
    }
    if (!this.baseLoaded) return;
    const d = this.dirty;
    if (d.base || d.data || d.top) {
      const t0 = performance.now();
      this.dirty = { base: false, data: false, top: false };
      // The scale bar first: the labels keep clear of it.
      this.updateControls();
      const zb = Math.max(0, Math.min(14, Math.round(this.z * 2) / 2));
      const ms = [];
      const timed = (f) => { const t = performance.now(); f(); ms.push(Math.round(performance.now() - t)); };
      if (d.base) timed(() => this.drawBase(zb));
      if (d.data) timed(() => this.drawData(zb));
      if (d.top) timed(() => this.drawTop(zb));
      this.frames.painted++;
      this.frames.lastMs = performance.now() - t0;
      logEvent(`paint ${["base", "data", "top"].filter((x) => d[x]).join("+")} ${Math.round(this.frames.lastMs)} ms (${ms.join(", ")})`);
      this.emit("render");
    }
    if (!this.raf && !this.isMoving()) this.emit("idle");
  }

  // context readies a canvas for paths built at zoom zb: it returns s,
  // the scale from zb's pixels to the view's.
  context(name, zb) {
    const ctx = this.canvases[name].getContext("2d", CONTEXT);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvases[name].width, this.canvases[name].height);
    const k = worldPx(this.z), s = k / worldPx(zb), dpr = this.dpr;
    ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * (this.w / 2 - (this.cx - ORIGIN[0]) * k), dpr * (this.h / 2 - (this.cy - ORIGIN[1]) * k));
    return { ctx, s };
  }

  // visible gives a test for a feature's bbox against the view.
  visible() {
    const k = worldPx(this.z), hw = this.w / 2 / k + 4 / k, hh = this.h / 2 / k + 4 / k;
    const v = [this.cx - hw, this.cy - hh, this.cx + hw, this.cy + hh];
    return (f) => hits(f.bbox, v);
  }

  fill(ctx, features, zb, style, keep = () => true) {
    const paths = features.pathsAt(zb), vis = this.visible();
    features.list.forEach((f, i) => {
      if (!keep(f.props) || !vis(f)) return;
      const st = style(f.props);
      if (!st) return;
      ctx.globalAlpha = st.alpha === undefined ? 1 : st.alpha;
      ctx.fillStyle = st.fill;
      ctx.fill(paths[i], "evenodd");
    });
    ctx.globalAlpha = 1;
  }

  stroke(ctx, features, zb, s, style, keep = () => true) {
    const paths = features.pathsAt(zb), vis = this.visible();
    // MapLibre's defaults: miter joins, butt caps.
    ctx.lineJoin = "miter";
    ctx.lineCap = "butt";
    features.list.forEach((f, i) => {
      if (!keep(f.props) || !vis(f)) return;
      const st = style(f.props);
      ctx.globalAlpha = st.alpha === undefined ? 1 : st.alpha;
      ctx.strokeStyle = st.colour;
      ctx.lineWidth = st.width / s;
      ctx.setLineDash(st.dash ? st.dash.map((v) => v * st.width / s) : []);
      ctx.stroke(paths[i]);
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }

  // pattern is a hatch (mapview.js's pixels) as a canvas pattern, 8 px on
  // the screen whatever the paths' scale s.
  pattern(ctx, name, colour, background, s) {
    let p = this.patterns[name];
    if (!p) {
      const img = hatch(colour, background), c = document.createElement("canvas");
      c.width = img.width; c.height = img.height;
      c.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(img.data.buffer), img.width, img.height), 0, 0);
      p = this.patterns[name] = c;
    }
    const pat = ctx.createPattern(p, "repeat");
    pat.setTransform(new DOMMatrix().scale(1 / s));
    return pat;
  }

  drawBase(zb) {
    const { ctx, s } = this.context("base", zb);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#d6e2ea";
    ctx.fillRect(0, 0, this.canvases.base.width, this.canvases.base.height);
    ctx.restore();
    this.fill(ctx, this.base.countries, zb, () => ({ fill: "#f1f0ec" }));
    this.stroke(ctx, this.base.countries, zb, s, () => ({ colour: "#b4b4b0", width: 0.8 }));
    this.fill(ctx, this.base.land, zb, () => ({ fill: LAND_COLOUR }));
  }

  drawData(zb) {
    const { ctx, s } = this.context("data", zb), d = this.data;
    this.fill(ctx, d.control, zb, (p) => ({ fill: STATUS_COLOUR[p.status], alpha: this.faded ? FADED_OPACITY : CONTROL_OPACITY[p.status] }),
      (p) => p.status in CONTROL_OPACITY);
    if (!this.faded) {
      const hatchFill = this.pattern(ctx, "contested", "#B07800", "#F5C76080", s);
      this.fill(ctx, d.control, zb, () => ({ fill: hatchFill }), (p) => p.status === "contested");
    }
    this.stroke(ctx, d.control, zb, s, (p) => ({ colour: CONTROL_LINE[p.status], width: 0.9, alpha: 0.8 }), (p) => p.status in CONTROL_LINE);
    if (d.disagree.length) {
      this.fill(ctx, d.disagree, zb, (p) => ({ fill: DISAGREE_COLOUR[p.to] || DISAGREE_COLOUR.unknown, alpha: 0.72 }));
      const h = this.pattern(ctx, "overlay", "#3b1030", null, s);
      this.fill(ctx, d.disagree, zb, () => ({ fill: h }), (p) => p.to === "russia");
      this.stroke(ctx, d.disagree, zb, s, () => ({ colour: "#3b1030", width: interpolate(this.z, 5, 1.4, 10, 0.8), alpha: 0.9 }));
    }
    if (d.overlay.length) this.stroke(ctx, d.overlay, zb, s, () => ({ colour: "#6b2d5c", width: 1.2, dash: [3, 2] }));
    if (d.change.length) {
      this.fill(ctx, d.change, zb, (p) => ({ fill: (CHANGE_KIND[p.to] || CHANGE_KIND.unknown).colour, alpha: p.to === "contested" ? 0.55 : 0.75 }));
      const h = this.pattern(ctx, "change-contested", "#6e6400", null, s);
      this.fill(ctx, d.change, zb, () => ({ fill: h }), (p) => p.to === "contested");
      this.stroke(ctx, d.change, zb, s, () => ({ colour: "#1d2730", width: 0.6, alpha: 0.7 }));
    }
  }

  drawTop(zb) {
    const { ctx, s } = this.context("top", zb);
    this.stroke(ctx, this.base.oblasts, zb, s, () => ({ colour: "#8797a3", width: interpolate(this.z, 5, 0.5, 9, 1.2) }));
    this.stroke(ctx, this.base.land, zb, s, () => ({ colour: "#33424e", width: interpolate(this.z, 5, 1.2, 9, 2.2) }));
    // Sites and labels in screen pixels.
    const dpr = this.dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    for (const site of this.sites) {
      const p = this.project(site.lon, site.lat);
      if (p.x < -10 || p.y < -10 || p.x > this.w + 10 || p.y > this.h + 10) continue;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 6, 0, 2 * Math.PI);
      ctx.fillStyle = "#CC79A7";
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "#5b1e7a";
      ctx.stroke();
    }
    const t = performance.now();
    this.placeLabels(ctx);
    logEvent(`labels ${Math.round(performance.now() - t)} ms`);
  }

  // ---- labels ------------------------------------------------------

  textWidth(ctx, font, text) {
    const key = font + "\n" + text;
    let w = this.measured.get(key);
    if (w === undefined) {
      ctx.font = font;
      w = ctx.measureText(text).width;
      this.measured.set(key, w);
    }
    return w;
  }

  // lines wraps text at maxWidth as MapLibre does (text-max-width): into
  // as few lines as fit, broken between words so that the lines are as
  // even as can be. It gives {lines, width}.
  lines(ctx, font, text, maxWidth) {
    const whole = this.textWidth(ctx, font, text), words = text.split(" ");
    if (whole <= maxWidth || words.length < 2) return { lines: [text], width: whole };
    const n = Math.min(words.length, Math.ceil(whole / maxWidth)), target = whole / n;
    const width = (i, j) => this.textWidth(ctx, font, words.slice(i, j).join(" "));
    // best[k][j]: the least squared deviation of words[0:j] in k lines.
    const best = [[0]], from = [[0]];
    for (let k = 1; k <= n; k++) {
      best[k] = []; from[k] = [];
      for (let j = k; j <= words.length; j++) {
        for (let i = k - 1; i < j; i++) {
          if (best[k - 1][i] === undefined) continue;
          const c = best[k - 1][i] + (width(i, j) - target) ** 2;
          if (best[k][j] === undefined || c < best[k][j]) { best[k][j] = c; from[k][j] = i; }
        }
      }
    }
    const out = [];
    for (let k = n, j = words.length; k > 0; k--) { const i = from[k][j]; out.unshift(words.slice(i, j).join(" ")); j = i; }
    return { lines: out, width: Math.max(...out.map((l) => this.textWidth(ctx, font, l))) };
  }

  // obstacles are the boxes of what is drawn over the map, in its pixels.
  obstacles() {
    const c = this.container.getBoundingClientRect(), out = [];
    for (const sel of OBSTACLES) {
      const e = this.container.parentElement.querySelector(sel);
      if (!e || !e.offsetParent) continue;
      const r = e.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      out.push([r.left - c.left - 3, r.top - c.top - 3, r.right - c.left + 3, r.bottom - c.top + 3]);
    }
    return out;
  }

  // placeLabels places and draws the labels as MapLibre does: the
  // selected place (always), then cities, the watched sites (on whichever
  // side is free), then towns and villages by size, each with its dot;
  // a label goes where its text (padded by 3 px) and its dot collide with
  // nothing placed and no panel over the map.
  placeLabels(ctx) {
    const placed = [], taken = this.obstacles(), z = this.z, w = this.w, h = this.h;
    this.obstaclesKey = JSON.stringify(taken);
    const free = (boxes) => boxes.every((b) => b[2] > -200 && b[0] < w + 200 && !taken.some((t) => hits(t, b)));
    const draws = [];
    const label = (p, layer, font, size, colour, dot, force) => {
      const pt = this.project(p.lon, p.lat);
      if (pt.x < -300 || pt.x > w + 20 || pt.y < -20 || pt.y > h + 20) return;
      const name = p.name || "", wrapped = this.lines(ctx, font, name, 14 * size), tw = wrapped.width;
      const tx = pt.x + 0.55 * size, th = 1.2 * size * wrapped.lines.length;
      const text = [tx, pt.y - th / 2, tx + tw, pt.y + th / 2];
      const icon = [pt.x - dot - 2, pt.y - dot - 2, pt.x + dot + 2, pt.y + dot + 2];
      const boxes = [pad(text, 3), icon];
      if (!force && !free(boxes)) return;
      taken.push(...boxes);
      placed.push({ id: p.id, name, layer, boxes: [text, icon] });
      draws.push({ lines: wrapped.lines, size, font, colour, x: tx, y: pt.y, align: "left", dot: { x: pt.x, y: pt.y, r: dot, selected: force } });
    };
    const sel = this.selected;
    if (sel && Number.isFinite(sel.lon) && Number.isFinite(sel.lat)) label(sel, "label-selected", `bold 13px ${FONT}`, 13, "#000000", 4, true);
    const selID = sel && sel.id;
    const classLabels = (c) => {
      if (z < c.minzoom) return;
      const font = `${c.big ? "bold " : ""}${c.big ? 13 : 11}px ${FONT}`, size = c.big ? 13 : 11;
      for (const p of this.labels) {
        const pop = p.population || 0;
        if (pop < c.min || pop >= c.max || p.id === selID) continue;
        label(p, "label-" + c.name, font, size, "#27323b", 2, false);
      }
    };
    classLabels(LABEL_CLASSES[0]);
    // Sites: the label on whichever side is free (left, right, top,
    // bottom of the point, 0.9 em from it).
    const siteFont = `bold 11px ${FONT}`;
    for (const site of this.sites) {
      const pt = this.project(site.lon, site.lat), name = site.name || "";
      if (!name || pt.x < -300 || pt.x > w + 300 || pt.y < -30 || pt.y > h + 30) continue;
      const wrapped = this.lines(ctx, siteFont, name, 14 * 11), tw = wrapped.width, th = 13.2 * wrapped.lines.length, off = 9.9;
      const options = [
        [pt.x + off, pt.y - th / 2, "left"], [pt.x - off - tw, pt.y - th / 2, "right"],
        [pt.x - tw / 2, pt.y + off, "center"], [pt.x - tw / 2, pt.y - off - th, "center"],
      ];
      for (const [x, y, align] of options) {
        const text = [x, y, x + tw, y + th];
        if (!free([pad(text, 3)])) continue;
        taken.push(pad(text, 3));
        placed.push({ id: site.id, name, layer: "label-site", boxes: [text] });
        draws.push({ lines: wrapped.lines, size: 11, font: siteFont, colour: "#5b1e7a", align,
          x: align === "left" ? x : align === "right" ? x + tw : x + tw / 2, y: y + th / 2 });
        break;
      }
    }
    for (const c of LABEL_CLASSES.slice(1)) classLabels(c);
    // Draw: dots, then text with its halo.
    ctx.lineJoin = "round";
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    for (const d of draws) {
      if (!d.dot) continue;
      ctx.beginPath();
      ctx.arc(d.dot.x, d.dot.y, d.dot.r, 0, 2 * Math.PI);
      ctx.fillStyle = d.dot.selected ? "#000000" : "#27323b";
      ctx.fill();
      if (d.dot.selected) { ctx.lineWidth = 2; ctx.strokeStyle = "#ffffff"; ctx.stroke(); }
    }
    for (const d of draws) {
      ctx.font = d.font;
      ctx.textAlign = d.align;
      ctx.lineWidth = 3.2;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.fillStyle = d.colour;
      const lh = 1.2 * d.size, y0 = d.y - (d.lines.length - 1) * lh / 2;
      d.lines.forEach((line, i) => ctx.strokeText(line, d.x, y0 + i * lh));
      d.lines.forEach((line, i) => ctx.fillText(line, d.x, y0 + i * lh));
    }
    this.placed = placed;
  }

  // ---- controls and input ------------------------------------------

  controls() {
    const corner = (cls) => { const d = document.createElement("div"); d.className = cls; this.container.appendChild(d); return d; };
    const tr = corner("maplibregl-ctrl-top-right"), br = corner("maplibregl-ctrl-bottom-right");
    const group = document.createElement("div");
    group.className = "maplibregl-ctrl maplibregl-ctrl-group";
    const button = (cls, label, dz) => {
      const b = document.createElement("button");
      b.type = "button"; b.className = cls; b.title = label; b.setAttribute("aria-label", label);
      const icon = document.createElement("span");
      icon.className = "maplibregl-ctrl-icon"; icon.setAttribute("aria-hidden", "true");
      b.appendChild(icon);
      b.addEventListener("click", () => this.easeTo(this.cx, this.cy, Math.round(this.z + dz), 250));
      group.appendChild(b);
      return b;
    };
    this.zoomIn = button("maplibregl-ctrl-zoom-in", "Zoom in", 1);
    this.zoomOut = button("maplibregl-ctrl-zoom-out", "Zoom out", -1);
    tr.appendChild(group);
    this.scale = document.createElement("div");
    this.scale.className = "maplibregl-ctrl maplibregl-ctrl-scale";
    br.appendChild(this.scale);
  }

  // updateControls: the scale bar (at most 100 px, a round distance, as
  // MapLibre's) and the zoom buttons' limits.
  updateControls() {
    const mpp = 40075016.686 * Math.cos(latOf(this.cy) * Math.PI / 180) / worldPx(this.z);
    const max = 100 * mpp, p = Math.pow(10, Math.floor(Math.log10(max))), d = max / p;
    const round = p * (d >= 10 ? 10 : d >= 5 ? 5 : d >= 3 ? 3 : d >= 2 ? 2 : 1);
    const text = round >= 1000 ? `${round / 1000} km` : `${round} m`, width = `${Math.round(round / mpp)}px`;
    if (this.scale.textContent !== text) this.scale.textContent = text;
    if (this.scale.style.width !== width) this.scale.style.width = width;
    this.zoomIn.disabled = this.z >= MAX_ZOOM;
    this.zoomOut.disabled = this.z <= MIN_ZOOM;
  }

  interact() {
    const el = this.canvases.top, pointers = new Map();
    el.style.touchAction = "none";
    el.style.cursor = "grab";
    const local = (e) => { const r = this.container.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    let start = null, pinch = null, moveEnd = 0;
    const endSoon = () => {
      clearTimeout(moveEnd);
      moveEnd = setTimeout(() => { this.moving = false; this.emit("moveend"); this.request(); }, 200);
    };
    el.addEventListener("pointerdown", (e) => {
      el.setPointerCapture(e.pointerId);
      pointers.set(e.pointerId, local(e));
      this.anim = null;
      if (pointers.size === 1) {
        const [x, y] = local(e);
        start = { x, y, t: performance.now(), moved: false };
        this.drag = { x, y };
        el.style.cursor = "grabbing";
      } else if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = { d: Math.hypot(a[0] - b[0], a[1] - b[1]), z: this.z };
        start = null;
      }
    });
    el.addEventListener("pointermove", (e) => {
      if (!pointers.has(e.pointerId)) return;
      const [x, y] = local(e);
      pointers.set(e.pointerId, [x, y]);
      if (pinch && pointers.size === 2) {
        const [a, b] = [...pointers.values()], d = Math.hypot(a[0] - b[0], a[1] - b[1]);
        if (d > 0 && pinch.d > 0) this.zoomAround(pinch.z + Math.log2(d / pinch.d) - this.z, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
        this.moving = true;
        return;
      }
      if (!this.drag) return;
      const k = worldPx(this.z), dx = x - this.drag.x, dy = y - this.drag.y;
      if (start && Math.abs(x - start.x) + Math.abs(y - start.y) > 3) start.moved = true;
      if (!start || start.moved) {
        this.drag = { x, y };
        this.moving = true;
        this.setView(this.cx - dx / k, this.cy - dy / k, this.z);
      }
    });
    const up = (e) => {
      if (!pointers.has(e.pointerId)) return;
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = null;
      if (pointers.size > 0) return;
      el.style.cursor = "grab";
      const click = start && !start.moved && e.type === "pointerup";
      this.drag = null;
      start = null;
      if (click) this.click(...local(e));
      if (this.moving) { this.moving = false; this.emit("moveend"); }
      this.request();
    };
    el.addEventListener("pointerup", up);
    el.addEventListener("pointercancel", up);
    el.addEventListener("wheel", (e) => {
      e.preventDefault();
      this.anim = null;
      const unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? 800 : 1;
      const dz = Math.max(-1, Math.min(1, -e.deltaY * unit / 450));
      this.moving = true;
      this.zoomAround(dz, ...local(e));
      endSoon();
    }, { passive: false });
    el.addEventListener("dblclick", (e) => {
      const [x, y] = local(e), k0 = worldPx(this.z), z = Math.min(MAX_ZOOM, this.z + (e.shiftKey ? -1 : 1)), k1 = worldPx(z);
      const gx = this.cx + (x - this.w / 2) / k0, gy = this.cy + (y - this.h / 2) / k0;
      this.easeTo(gx - (x - this.w / 2) / k1, gy - (y - this.h / 2) / k1, z, 250);
    });
  }

  // click opens the place whose label (text or dot, 3 px of slack) is
  // under the pointer.
  click(x, y) {
    const hit = this.placed.find((p) => p.boxes.some((b) => x >= b[0] - 3 && x <= b[2] + 3 && y >= b[1] - 3 && y <= b[3] + 3));
    if (hit && this.placeClick) this.placeClick(hit.id);
  }
}
