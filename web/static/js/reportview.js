// reportview.js: one report in a dialog — title, source and its grade,
// times, and the text with what was extracted from it highlighted: claims,
// place names and numbers, each in its own style (and named in a legend).
//
// The text is built from text nodes and <mark> elements only: a report is
// never rendered as HTML. Extraction offsets are bytes into the UTF-8
// text; JavaScript strings are UTF-16, so they are converted first.

import { el, $ } from "./dom.js";
import * as api from "./api.js";
import { SIDE_LABEL, CREDIBILITY, assertion, speakerName, byteOffsets } from "./format.js";

const RANK = { claim: 0, number: 1, place: 2 };
const VERDICT = { consistent: "consistent", inconsistent: "inconsistent", impossible: "impossible", unchecked: "not checked" };

// spanTree nests the spans ({start, end, kind}, UTF-16 indices) into a
// tree; a span that crosses the end of the one it starts in is cut there
// and carried on after it (both pieces keep the span's data).
export function spanTree(spans, length) {
  const todo = spans.filter((s) => s.start < s.end && s.start >= 0 && s.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind]);
  const root = { start: 0, end: length, children: [] };
  const stack = [root];
  for (let i = 0; i < todo.length; i++) {
    const s = todo[i];
    while (s.start >= stack[stack.length - 1].end) stack.pop();
    const parent = stack[stack.length - 1];
    const node = { ...s, children: [] };
    if (s.end > parent.end) {
      node.end = parent.end;
      node.cut = true;
      const rest = { ...s, start: parent.end };
      // Carry on in order.
      let j = i + 1;
      while (j < todo.length && (todo[j].start < rest.start || (todo[j].start === rest.start && todo[j].end > rest.end))) j++;
      todo.splice(j, 0, rest);
    }
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function render(text, node, make) {
  const out = [];
  let at = node.start;
  for (const c of node.children) {
    if (c.start > at) out.push(document.createTextNode(text.slice(at, c.start)));
    const m = make(c);
    m.append(...render(text, c, make));
    out.push(m);
    at = c.end;
  }
  if (node.end > at) out.push(document.createTextNode(text.slice(at, node.end)));
  return out;
}

// spans gathers the extraction's spans, merging those of one kind over
// the same words (a sentence that makes claims about two places).
function spans(text, x, graded) {
  const places = (x && x.places) || [], claims = (x && x.claims) || [], numbers = (x && x.numbers) || [];
  const offs = byteOffsets(text, [...places, ...claims, ...numbers].flatMap((s) => [s.start, s.end]));
  const merged = new Map();
  const add = (kind, s, i) => {
    const start = offs.get(s.start), end = offs.get(s.end);
    const key = `${kind}/${start}/${end}`;
    const m = merged.get(key);
    if (m) m.items.push({ i, ...s });
    else merged.set(key, { kind, start, end, items: [{ i, ...s }] });
  };
  claims.forEach((c, i) => add("claim", graded.get(i) || c, i));
  numbers.forEach((n, i) => add("number", n, i));
  places.forEach((p, i) => add("place", p, i));
  return [...merged.values()];
}

function claimText(c) {
  const who = c.speaker ? speakerName(c.speaker) + (c.speaker_side ? ` (${SIDE_LABEL[c.speaker_side] || c.speaker_side})` : "") : "The report";
  const cred = c.credibility ? ` — credibility ${c.credibility}: ${CREDIBILITY[c.credibility]}` : "";
  return `${who} ${assertion(c)} [${c.place_name || c.place_id}, ${c.refers_to || "undated"}]${c.hedges && c.hedges.length ? ` hedged: ${c.hedges.join(", ")}` : ""}${cred}`;
}

function numberText(n) {
  const bound = { more_than: "more than ", less_than: "less than ", about: "about ", exact: "" }[n.bound] ?? "";
  const measured = n.measured !== undefined && n.measured !== null ? `; measured ${Math.round(n.measured * 10) / 10} ${n.unit}` : "";
  return `${n.kind}: ${bound}${n.value} ${n.unit} — ${VERDICT[n.verdict] || n.verdict || "not checked"}${measured}${n.reason ? ` (${n.reason})` : ""}`;
}

function placeText(p) {
  const pl = p.place || {};
  return `${pl.name || p.mention}${pl.oblast ? ", " + pl.oblast : ""} (${p.kind}${p.reason && p.reason !== "exact" ? `, ${p.reason} match` : ""}${p.alternatives ? `, ${p.alternatives} other readings` : ""})`;
}

function makeMark(sp) {
  const items = sp.items;
  const m = el("mark", { class: `x-${sp.kind}` + (sp.cut ? " cut" : "") });
  if (sp.kind === "claim") {
    m.dataset.claim = items.map((c) => c.i).join(" ");
    const worst = Math.max(...items.map((c) => c.credibility || 0));
    if (worst) m.dataset.credibility = String(worst);
    m.title = items.map(claimText).join("\n");
  } else if (sp.kind === "number") {
    m.dataset.number = items.map((n) => n.i).join(" ");
    m.dataset.verdict = items[0].verdict || "unchecked";
    m.title = items.map(numberText).join("\n");
  } else {
    m.dataset.place = items.map((p) => (p.place && p.place.id) || "").join(" ");
    m.dataset.placeKind = items[0].kind || "";
    m.title = items.map(placeText).join("\n");
  }
  m.tabIndex = 0;
  return m;
}

function legend() {
  return el("div", { class: "report-legend", "aria-label": "What the highlights mean" },
    el("span", {}, el("mark", { class: "x-claim", dataset: { credibility: "2" } }, "claim"), " ", el("mark", { class: "x-claim" }, "claim"), " ",
      el("mark", { class: "x-claim", dataset: { credibility: "5" } }, "claim"),
      " a claim about a place: credible (1–2), possible or not judged (3, 6), doubtful or improbable (4–5); select one for who says it"),
    el("span", {}, el("mark", { class: "x-place" }, "place"), " a place name, as resolved"),
    el("span", {}, el("mark", { class: "x-number", dataset: { verdict: "consistent" } }, "number"), " a number, with its check: ✓ consistent, ✗ inconsistent, ‼ impossible, ? not checked"));
}

let current = null;

// open shows report id; focus is the index of a claim to scroll to.
// onPlace opens a place on the map; onClose is told when it closes.
export async function open(id, focus, { onPlace, onClose, track = (p) => p }) {
  const dlg = $("report-view");
  const body = $("report-body");
  current = id;
  $("report-title").textContent = `Report ${id}`;
  body.replaceChildren(el("p", { class: "note" }, "Loading the report…"));
  dlg.dataset.report = String(id);
  delete dlg.dataset.ready;
  $("report-close").onclick = () => dlg.close();
  dlg.onclose = () => { if (current === id) { current = null; onClose && onClose(); } };
  if (!dlg.open) dlg.showModal();
  let rep, graded = new Map();
  try {
    const [r, cl] = await track(Promise.all([api.report(id), api.claims({ report: id, limit: 5000 }).catch(() => null)]));
    rep = r;
    for (const c of (cl && cl.claims) || []) graded.set(c.index, c);
  } catch (e) {
    if (current !== id) return;
    body.replaceChildren(el("p", { class: "note" }, `Report ${id}: ${e.message}`));
    dlg.dataset.ready = "error";
    return;
  }
  if (current !== id) return;
  const r = rep.report || {};
  const src = rep.source_info;
  const text = r.text || "";
  $("report-title").textContent = r.title || r.file_name || `Report ${id}`;
  const meta = [];
  meta.push(el("span", {}, "Source: ", el("strong", {}, r.source || "unknown publisher"),
    src ? ` (${src.reliability}${src.kind ? ", " + src.kind : ""}${src.side ? ", " + src.side : ""})` : " (not a known source: ungraded)"));
  if (r.published_at) meta.push(el("span", {}, "Published ", el("time", { datetime: r.published_at }, r.published_at.replace("T", " ").replace(/:00Z$|Z$/, " UTC"))));
  if (r.recorded_at) meta.push(el("span", {}, "Stored ", el("time", { datetime: r.recorded_at }, r.recorded_at.slice(0, 16).replace("T", " ") + " UTC")));
  meta.push(el("span", {}, `${r.kind || "report"}${r.lang ? ", " + r.lang : ""}`));
  if (r.url) meta.push(el("span", {}, r.url));
  const x = rep.extraction && rep.extraction.extraction;
  const n = (k, one, many) => { const c = ((x && x[k]) || []).length; return `${c} ${c === 1 ? one : many}`; };
  const counts = x ? `${n("claims", "claim", "claims")}, ${n("places", "place name", "place names")}, ${n("numbers", "number", "numbers")} (extractor ${rep.extraction.version})` : "Not read yet: no highlights.";
  const detail = el("p", { class: "report-detail", id: "report-detail", "aria-live": "polite" }, "Select a highlight for what was read from it.");
  const tree = spanTree(x ? spans(text, x, graded) : [], text.length);
  const article = el("div", { class: "report-text", id: "report-text", lang: r.lang || undefined });
  article.append(...render(text, tree, makeMark));
  const show = (e) => {
    const m = e.target.closest && e.target.closest("mark");
    if (!m || !article.contains(m)) return;
    detail.replaceChildren(...m.title.split("\n").flatMap((line, i) => (i ? [el("br"), line] : [line])));
    if (m.dataset.place && onPlace) {
      const pid = m.dataset.place.split(" ")[0];
      if (pid && m.dataset.placeKind !== "oblast") detail.append(" ", el("button", { type: "button", class: "link", onclick: () => { dlg.close(); onPlace(pid); } }, "show on the map"));
    }
  };
  article.addEventListener("click", show);
  article.addEventListener("focusin", show);
  body.replaceChildren(el("p", { class: "report-meta" }, meta.flatMap((m, i) => (i ? [" · ", m] : [m]))),
    el("p", { class: "note" }, counts), legend(), detail, article);
  if (focus !== undefined && focus !== null && focus !== "") {
    const m = [...article.querySelectorAll("mark.x-claim")].find((k) => k.dataset.claim.split(" ").includes(String(focus)));
    if (m) {
      m.classList.add("focus");
      m.scrollIntoView({ block: "center" });
      show({ target: m });
    }
  }
  dlg.dataset.ready = "true";
}

export function close() {
  const dlg = $("report-view");
  if (dlg.open) dlg.close();
}
