// boot.js: inlined into index.html's head by web.go (allowed by its hash
// in the Content-Security-Policy), it runs while the page is parsed, before
// the ES modules have even arrived. It asks for the first view's answers
// and the basemap at once, reads each answer's JSON as it comes (on the
// page's main thread, which is otherwise waiting for the modules), and
// then finds out whether WebGL is drawn by a GPU (renderer.js). Without
// it the requests went out only once app.js had run, a few hundred ms
// later under load. api.js takes these answers instead of asking again
// (window.frontlineBoot); a request boot.js made that the page does not
// use is only wasted, never wrong, and the browser tests check that the
// first view uses every one (the URLs below must be app.js's).
(() => {
  "use strict";
  // app.js's DEFAULT, zoomFor and LABEL_STEPS, and urlstate.js's parse of
  // layer, date, compare and map.
  const DEFAULT = { layer: "deepstate", date: "2022-09-13", zoom: 6.9 };
  const DAY = /^\d{4}-\d{2}-\d{2}$/;
  const h = new URLSearchParams(location.hash.replace(/^#/, ""));
  const layer = h.get("layer") || DEFAULT.layer;
  const compare = /^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/.test(h.get("compare") || "");
  const date = h.get("date") && DAY.test(h.get("date")) ? h.get("date") : DEFAULT.date;
  let zoom = DEFAULT.zoom;
  const [z, lat, lon] = (h.get("map") || "").split("/").map(Number);
  if (h.get("map") && [z, lat, lon].every(Number.isFinite) && z >= 0 && z <= 22 && Math.abs(lat) <= 85 && Math.abs(lon) <= 180) zoom = z;
  const minPopulation = zoom >= 8 ? 800 : zoom >= 7 ? 5000 : 25000;

  const boot = { answers: new Map(), fetches: new Map(), used: [], gl: undefined };
  window.frontlineBoot = boot;
  const enc = encodeURIComponent;
  const q = (params) => "?" + new URLSearchParams(params);
  const api = (path) => {
    const url = "/api/v1" + path;
    boot.answers.set(url, fetch(url, { headers: { Accept: "application/json" } }).then((resp) =>
      resp.json().catch(() => null).then((body) => ({ ok: resp.ok, status: resp.status, statusText: resp.statusText, body }))));
  };
  const L = enc(layer);
  api(`/layers/${L}/days`);
  api("/layers");
  if (!compare) {
    api(`/layers/${L}/map` + q({ at: date, zoom: Math.max(4, Math.min(11, Math.round(zoom))) }));
    api(`/layers/${L}/area` + q({ at: date }));
    api("/sites" + q({ layer, at: date }));
    const before = new Date(Date.parse(date + "T00:00:00Z") - 86400000).toISOString().slice(0, 10);
    api(`/layers/${L}/series` + q({ from: before, to: date }));
  }
  api("/places/labels" + q({ min_population: minPopulation }));
  api("/sources/status");
  const meta = document.querySelector('meta[name="frontline-basemap"]');
  if (meta) {
    for (const p of [meta.dataset.countries, meta.dataset.ukraine]) {
      const url = new URL(p, location.href).href;
      boot.fetches.set(url, fetch(url));
    }
  }
  for (const p of boot.answers.values()) p.catch(() => {});
  for (const p of boot.fetches.values()) p.catch(() => {});

  // The WebGL renderer's name ("" if it will not say; null: no WebGL), as
  // renderer.js reads it; in a task of its own, so the page is parsed first.
  // A software renderer (renderer.js's SOFTWARE) or none is remembered for
  // this browser (its user agent): the next visits skip the probe, which
  // costs tens of ms of the page's main thread and more of the GPU
  // process's there. A GPU is probed every time (a stale answer would give
  // MapLibre a context it cannot have; a stale "software" only the canvas).
  const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver/i, KEY = "frontline.softwareWebGL";
  try {
    const known = JSON.parse(localStorage.getItem(KEY) || "null");
    if (known && known.ua === navigator.userAgent && (known.gl === null || SOFTWARE.test(known.gl))) boot.gl = known.gl;
  } catch {
    // No storage (private mode, blocked): probe.
  }
  if (boot.gl === undefined) setTimeout(() => {
    if (new URLSearchParams(location.search).get("renderer")) return;
    let gl = null;
    try {
      const c = document.createElement("canvas");
      gl = c.getContext("webgl2") || c.getContext("webgl");
    } catch {
      gl = null;
    }
    if (gl) {
      const info = gl.getExtension("WEBGL_debug_renderer_info");
      boot.gl = String((info && gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) || gl.getParameter(gl.RENDERER) || "");
      const lose = gl.getExtension("WEBGL_lose_context");
      if (lose) lose.loseContext();
    } else {
      boot.gl = null;
    }
    if (boot.gl === null || SOFTWARE.test(boot.gl)) {
      try {
        localStorage.setItem(KEY, JSON.stringify({ ua: navigator.userAgent, gl: boot.gl }));
      } catch {
        // Not remembered: probed again next time.
      }
    }
  }, 0);
})();
