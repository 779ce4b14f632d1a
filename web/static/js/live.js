// live.js: what the event stream brings while the page is open — notices
// on the map (a new map, an alert that fired) — and the sources' health
// (GET /api/v1/sources/status; the panel stays hidden where the server
// has no such route, 404, or follows no source). Every string from the
// server goes in as text.

import { el, $ } from "./dom.js";
import { APIError, get } from "./api.js";

const MAX_NOTICES = 5;
const SOURCES_EVERY_MS = 60000;
const seen = new Set();

function str(v) {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

// alertOf reads an alert event's data whatever its shape: {"alert": {…}}
// or the alert itself, with a title or a rule's name, a text or message,
// links as a list or a map. null when it holds nothing to show.
export function alertOf(data) {
  if (data === null || data === undefined) return null;
  if (typeof data !== "object") data = { text: str(data) };
  const a = data.alert && typeof data.alert === "object" ? data.alert : data;
  const title = str(a.title) || str(a.rule_name) || str(a.rule) || str(a.kind) || "Alert";
  const text = str(a.text) || str(a.message) || str(a.summary) || str(a.body);
  const at = str(a.at) || str(a.fired_at) || str(a.created_at) || str(a.recorded_at);
  let link = "";
  const links = a.links || a.link || a.url;
  if (typeof links === "string") link = links;
  else if (Array.isArray(links)) {
    // [{rel, href}] (the map's deep link first), or bare strings.
    const l = links.find((x) => x && x.rel === "map") || links.find((x) => typeof x === "string") || links[0];
    link = typeof l === "string" ? l : str(l && (l.href || l.url));
  }
  else if (links && typeof links === "object") link = str(links.map || links.href || links.url || Object.values(links).find((v) => typeof v === "string"));
  if (!title && !text) return null;
  return { id: str(a.id) || `${title}|${text}|${at}`, title, text, at, link };
}

// safeLink keeps a link only if it stays on this site (a map deep link,
// an API path) or is plain http(s): never javascript: or data:.
function safeLink(href) {
  if (!href) return "";
  try {
    const u = new URL(href, location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : "";
  } catch {
    return "";
  }
}

// notice shows one notice (once per id) at the top of the list.
export function notice(n) {
  if (!n || seen.has(n.id)) return;
  seen.add(n.id);
  const box = $("notices");
  const when = n.at ? new Date(n.at) : null;
  const link = safeLink(n.link);
  const item = el("li", { class: "notice notice-" + (n.kind || "info"), dataset: { id: n.id, kind: n.kind || "info" }, role: n.kind === "alert" ? "alert" : "status" },
    el("div", { class: "notice-head" },
      el("strong", { class: "notice-title" }, n.title),
      el("button", { type: "button", class: "notice-close", "aria-label": "Dismiss", onclick: () => item.remove() }, "✕")),
    n.text ? el("p", { class: "notice-text" }, n.text) : null,
    when && !Number.isNaN(when.getTime()) ? el("time", { datetime: when.toISOString() }, when.toISOString().slice(0, 16).replace("T", " ") + " UTC") : null,
    link ? el("a", { href: link, class: "notice-link" }, "details") : null);
  box.prepend(item);
  while (box.children.length > MAX_NOTICES) box.lastElementChild.remove();
  // A new map's notice goes by itself; an alert stays until dismissed.
  if (n.kind !== "alert") setTimeout(() => item.remove(), 12000);
}

// ---- sources' health ---------------------------------------------------

let track = (p) => p;
let timer = 0;

export function startSources(tracker) {
  if (tracker) track = tracker;
  refreshSources();
}

function ago(t) {
  const d = new Date(t);
  if (!t || Number.isNaN(d.getTime())) return "";
  const s = Math.max(0, (Date.now() - d.getTime()) / 1000);
  if (s < 90) return `${Math.round(s)} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 129600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

// lastError reads last_error as a string or {at, message|error}.
function lastError(s) {
  const e = s.last_error;
  if (!e) return { text: "", at: str(s.last_error_at) };
  if (typeof e === "string") return { text: e, at: str(s.last_error_at) };
  return { text: str(e.message) || str(e.error) || str(e.reason), at: str(e.at) || str(e.time) || str(s.last_error_at) };
}

function gapCount(g) {
  if (Array.isArray(g)) return g.length;
  if (typeof g === "number") return g;
  return 0;
}

// health says a source's state: ok (last read worked), failing (its last
// error is newer than its last success; or the server's healthy: false),
// never (not read yet).
export function health(s) {
  const ok = str(s.last_success), err = lastError(s);
  if (s.healthy === false && (err.text || s.open_gap || s.failures)) return "failing";
  if (s.healthy === true) return ok ? "ok" : "never";
  if (err.text && (!ok || !err.at || err.at > ok)) return "failing";
  return ok ? "ok" : "never";
}

export async function refreshSources() {
  clearTimeout(timer);
  const block = $("sources-block");
  let body;
  try {
    body = await track(get("/sources/status"));
  } catch (e) {
    // No follower on this server: no panel.
    if (e instanceof APIError && (e.status === 404 || e.status === 405 || e.status === 501)) {
      block.hidden = true;
      return;
    }
    block.hidden = false;
    $("sources").replaceChildren(el("li", { class: "note" }, `Sources: ${e.message}`));
    timer = setTimeout(refreshSources, SOURCES_EVERY_MS);
    return;
  }
  const list = Array.isArray(body) ? body : (body && (body.sources || body.status || body.items)) || [];
  // A server that follows nothing says so ({"following": false}): no panel.
  if (!list.length && body && body.following === false) {
    block.hidden = true;
    timer = setTimeout(refreshSources, SOURCES_EVERY_MS);
    return;
  }
  block.hidden = false;
  $("sources").replaceChildren(...(list.length ? list.map((s) => {
    const h = health(s), err = lastError(s), gaps = gapCount(s.gaps);
    const bits = [];
    if (s.last_success) bits.push(`read ${ago(s.last_success)}`);
    else bits.push("not read yet");
    if (s.open_gap && s.open_gap.from) bits.push(`down since ${ago(s.open_gap.from)}`);
    else if (gaps) bits.push(`${gaps} ${gaps === 1 ? "gap" : "gaps"}`);
    return el("li", { class: "source-row", dataset: { name: str(s.name), health: h, gaps: String(gaps) } },
      el("span", { class: "dot dot-" + h, title: h, "aria-hidden": "true" }),
      el("span", { class: "source-name" }, str(s.name) || "?"),
      s.kind ? el("span", { class: "sub" }, ` ${str(s.kind)}`) : null,
      el("span", { class: "source-when" }, bits.join(" · ")),
      h === "failing" && err.text ? el("div", { class: "source-error", title: err.at ? `since ${err.at}` : "" }, err.text) : null);
  }) : [el("li", { class: "note" }, "No sources are followed (frontline follow, or serve --follow).")]));
  timer = setTimeout(refreshSources, SOURCES_EVERY_MS);
}
