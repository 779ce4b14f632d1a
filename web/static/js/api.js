// api.js: the few calls the map makes to Frontline's API (same origin).

import { logEvent } from "./debug.js";

export class APIError extends Error {
  constructor(status, code, message, param) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

// get fetches a JSON (or GeoJSON) answer; errors become APIError with the
// server's message. An AbortSignal may be passed in opts.signal.
export async function get(path, params = {}, opts = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const url = "/api/v1" + path + (q.toString() ? "?" + q : "");
  logEvent("get " + url);
  let resp = takeAnswer(url), body = null;
  if (resp) {
    resp = await resp;
    body = resp.body;
  } else {
    resp = await fetch(url, { signal: opts.signal, headers: { Accept: "application/json" } });
    try {
      body = await resp.json();
    } catch {
      body = null;
    }
  }
  logEvent("got " + url);
  if (!resp.ok) {
    const e = (body && body.error) || {};
    throw new APIError(resp.status, e.code || "", e.message || `${resp.status} ${resp.statusText} for ${path}`, e.param || "");
  }
  return body;
}

// takeAnswer gives the answer to url that index.html's inline boot script
// asked for before the modules ran ({ok, status, statusText, body}), once;
// undefined if it did not.
function takeAnswer(url) {
  const boot = window.frontlineBoot, p = boot && boot.answers.get(url);
  if (!p) return undefined;
  boot.answers.delete(url);
  boot.used.push(url);
  return p;
}

// fetchEarly fetches url (absolute), taking the boot script's request for
// it if there was one (the basemap).
export function fetchEarly(url) {
  const boot = window.frontlineBoot, p = boot && boot.fetches.get(url);
  if (!p) return fetch(url);
  boot.fetches.delete(url);
  boot.used.push(url);
  return p;
}

const enc = encodeURIComponent;

export const layers = () => get("/layers");
export const series = (layer, from, to) => get(`/layers/${enc(layer)}/series`, { from, to });
export const days = (layer) => get(`/layers/${enc(layer)}/days`);
export const snapshots = (layer) => get(`/layers/${enc(layer)}/snapshots`);
export const area = (layer, at) => get(`/layers/${enc(layer)}/area`, { at });
export const snapshotMap = (layer, id, zoom, opts) => get(`/layers/${enc(layer)}/snapshots/${enc(id)}/map`, { zoom }, opts);
export const dayMap = (layer, at, zoom, opts) => get(`/layers/${enc(layer)}/map`, { at, zoom }, opts);
export const change = (layer, from, to) => get(`/layers/${enc(layer)}/change`, { from, to });
export const changeGeoJSON = (layer, from, to) => get(`/layers/${enc(layer)}/change`, { from, to, format: "geojson" });
export const searchPlaces = (q, limit = 8, opts) => get("/places", { q, limit }, opts);
export const place = (id) => get(`/places/${enc(id)}`);
export const timeline = (id, layer) => get(`/places/${enc(id)}/timeline`, { layer });
export const front = (id, layer, at) => get(`/places/${enc(id)}/front`, { layer, at });
export const sites = (layer, at) => get("/sites", { layer, at });
export const labels = (minPopulation) => get("/places/labels", { min_population: minPopulation });
export const disagree = (layer, other, at, opts) => get(`/layers/${enc(layer)}/disagree`, { with: other, at }, opts);
export const disagreeGeoJSON = (layer, other, at, opts) => get(`/layers/${enc(layer)}/disagree`, { with: other, at, format: "geojson" }, opts);
export const claims = (params, opts) => get("/claims", params, opts);
export const contradictions = (place, opts) => get("/contradictions", { place }, opts);
export const assessed = (place, opts) => get("/assessed", { place }, opts);
export const report = (id, opts) => get(`/reports/${enc(id)}`, {}, opts);

// list picks the array out of an answer whether it is bare or wrapped
// ({"labels": [...]}, {"sites": [...]}).
export function list(body, ...keys) {
  if (Array.isArray(body)) return body;
  for (const k of keys) if (body && Array.isArray(body[k])) return body[k];
  return [];
}
