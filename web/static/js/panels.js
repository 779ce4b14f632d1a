// panels.js: the sidebar's sections, drawn from API answers. Every string
// from the API goes in as text (dom.js), never as HTML.

import { el, swatch, setText, codeText, $ } from "./dom.js";
import * as api from "./api.js";
import { STATUSES, STATUS_LABEL, CHANGE_KIND, SIDE_LABEL, NET_CHANGE_UKRAINE, STATUS_COLOUR, FADED_OPACITY, blend, km2, signedKm2, pct, count, distance, longDate, assertion } from "./format.js";
import { badge } from "./claims.js";

// ---- layers ----------------------------------------------------------

export function layerPicker(layers, current, overlay) {
  const sel = $("layer");
  sel.replaceChildren(...layers.map((l) => el("option", { value: l.name, selected: l.name === current }, l.title ? `${l.title} (${l.name})` : l.name)));
  const others = layers.filter((l) => l.name !== current);
  const ov = $("overlay");
  ov.replaceChildren(el("option", { value: "" }, "none"), ...others.map((l) => el("option", { value: l.name, selected: l.name === overlay }, l.title || l.name)));
  ov.disabled = others.length === 0;
  setText("overlay-note", others.length === 0
    ? `Only one polygon layer (${current}) is loaded. Import a second layer to overlay it and see where the two disagree.`
    : overlay ? "" : "Overlay a second layer to see where the two disagree.");
  if (!overlay) $("overlay-result").replaceChildren();
}

export function layerSource(layer) {
  const parts = [];
  if (layer.source) parts.push(layer.source);
  if (layer.licence) parts.push(layer.licence);
  setText("layer-source", parts.join(" · "));
  setText("credits", `Control data: ${layer.source || layer.name}${layer.licence ? " — " + layer.licence : ""}`);
  // The credit the data's licence asks for, on the map itself.
  const credit = /©[^;()]*(\([^)]*\))?/.exec(`${layer.licence || ""} ${layer.source || ""}`);
  setText("map-credit", "Control data: " + (credit ? credit[0].trim() : layer.title || layer.name));
}

// overlayFigures draws where two layers disagree on the shown day: the
// km² in all, per transition (this layer's status → the other's), per
// oblast, and the settlements the two read differently. res is the
// /disagree answer; a message instead when there is nothing to show.
export function overlayFigures(layer, other, res, message, onPlace) {
  const box = $("overlay-result");
  if (!other) { box.replaceChildren(); delete box.dataset.disagreeKm2; legend("day"); return; }
  legend("day", other);
  setText("overlay-note", "");
  if (!res) {
    box.replaceChildren(el("p", { class: "note" }, message || `Reading where ${layer} and ${other} disagree…`));
    delete box.dataset.disagreeKm2;
    return;
  }
  box.dataset.disagreeKm2 = String(res.disagree_km2);
  const out = [];
  const when = (sn) => (sn && sn.valid_at ? sn.valid_at.slice(0, 16).replace("T", " ") : "—");
  out.push(el("p", { class: "compare-summary" }, el("strong", { id: "disagree-km2" }, km2(res.disagree_km2) + " km²"),
    ` where ${layer} and ${other} disagree on ${res.at}`,
    el("span", { class: "note" }, ` (maps of ${when(res.snapshot)} and ${when(res.other_snapshot)} UTC)`)));
  const ra = res.snapshot && res.snapshot.areas_km2, rb = res.other_snapshot && res.other_snapshot.areas_km2;
  if (ra && rb) {
    out.push(el("p", { class: "note", id: "overlay-russia" }, `Russian-held: ${layer} ${km2(ra.russia || 0)} km², ${other} ${km2(rb.russia || 0)} km² ` +
      `(difference ${signedKm2((rb.russia || 0) - (ra.russia || 0))} km²).`));
  }
  const tr = (res.transitions || []).filter((t) => t.from !== t.to && t.area_km2 >= 0.05).sort((a, b) => b.area_km2 - a.area_km2);
  out.push(el("table", { class: "figures", id: "disagree-transitions" },
    el("thead", {}, el("tr", {}, el("th", {}, `${layer} says → ${other} says`), el("th", { class: "num" }, "km²"))),
    el("tbody", {}, tr.length ? tr.map((t) => el("tr", { dataset: { from: t.from, to: t.to, km2: String(t.area_km2) } },
      el("td", {}, swatch("dis-" + t.to), `${STATUS_LABEL[t.from] || t.from} → ${STATUS_LABEL[t.to] || t.to}`),
      el("td", { class: "num" }, km2(t.area_km2)))) : el("tr", {}, el("td", { colspan: "2" }, "They agree everywhere.")))));
  const ob = (res.by_oblast || []).map((o) => ({ ...o, km2: (o.transitions || []).filter((t) => t.from !== t.to).reduce((a, t) => a + t.area_km2, 0) }))
    .filter((o) => o.km2 >= 0.05).sort((a, b) => b.km2 - a.km2);
  if (ob.length) {
    out.push(el("table", { class: "figures", id: "disagree-oblasts" },
      el("thead", {}, el("tr", {}, el("th", {}, "Oblast"), el("th", { class: "num" }, "km² read differently"))),
      el("tbody", {}, ob.map((o) => el("tr", { dataset: { iso: o.iso, km2: String(o.km2) } }, el("td", {}, o.oblast), el("td", { class: "num" }, km2(o.km2)))))));
  }
  const st = res.settlements || [];
  if (st.length) {
    out.push(el("details", { class: "disagree-settlements" }, el("summary", {}, `Settlements read differently (${st.length})`),
      el("ul", { class: "settlements", id: "disagree-settlements" }, st.slice(0, 300).map((p) =>
        el("li", { dataset: { id: p.id } },
          el("button", { type: "button", onclick: () => onPlace(p.id) }, p.name),
          el("span", { class: "sub" }, `${layer}: ${(STATUS_LABEL[p.from] || p.from).replace("-held", "")}, ${other}: ${(STATUS_LABEL[p.to] || p.to).replace("-held", "")}`)))),
      st.length > 300 ? el("p", { class: "note" }, `and ${st.length - 300} more`) : null));
  } else if (res.settlements) {
    out.push(el("p", { class: "note" }, "No settlement is read differently."));
  }
  box.replaceChildren(...out);
}

// ---- legend ----------------------------------------------------------

export function legend(mode, overlay) {
  const rows = [];
  if (mode === "compare") {
    rows.push(el("div", { class: "title" }, "What changed hands"));
    for (const k of ["ukraine", "russia", "contested", "unknown"]) {
      rows.push(el("div", {}, swatch("to-" + k), CHANGE_KIND[k].label));
    }
    // The colour the faded polygons draw over the land, not the full one.
    rows.push(el("div", {}, el("span", { class: "swatch sw-russia-faded", id: "legend-russia-faded", "aria-hidden": "true",
      style: `background:${blend(STATUS_COLOUR.russia, FADED_OPACITY)}` }), "Russian-held on the later day (faded)"));
  } else {
    rows.push(el("div", { class: "title" }, "Control"));
    for (const s of ["russia", "contested", "unknown"]) rows.push(el("div", {}, swatch(s), STATUS_LABEL[s]));
    rows.push(el("div", {}, swatch("ukraine"), "Ukrainian-held (rest of Ukraine)"));
    if (overlay) {
      rows.push(el("div", { class: "title" }, `Where ${overlay} differs, it says`));
      for (const k of ["russia", "ukraine", "contested", "unknown"]) rows.push(el("div", {}, swatch("dis-" + k), STATUS_LABEL[k]));
      rows.push(el("div", {}, el("span", { class: "swatch sw-overlay-edge", "aria-hidden": "true" }), `${overlay}'s Russian-held edge`));
    }
  }
  rows.push(el("div", {}, el("span", { class: "swatch", style: "background:#CC79A7;border-radius:50%" }), "Watched site"));
  $("legend").replaceChildren(...rows);
}

// ---- the day ---------------------------------------------------------

export function days(list) {
  const s = $("slider");
  s.max = String(Math.max(0, list.length - 1));
  s.disabled = list.length < 2;
  setText("first-day", list.length ? list[0].date : "");
  setText("last-day", list.length ? list[list.length - 1].date : "");
}

export function dayFigures(list, i) {
  const d = list[i];
  $("slider").value = String(i);
  $("slider").setAttribute("aria-valuetext", d.date);
  setText("date", longDate(d.date)).dataset.date = d.date;
  setText("date-note", d.carried ? "no new map that day: the previous one" : "");
  const areas = d.areas_km2 || {};
  const total = STATUSES.reduce((a, s) => a + (areas[s] || 0), 0);
  const rows = [];
  for (const s of STATUSES) {
    if (areas[s] === undefined) continue;
    const ch = d.change_km2 ? d.change_km2[s] : undefined;
    rows.push(el("tr", { dataset: { status: s, km2: String(areas[s]) } },
      el("td", {}, swatch(s), STATUS_LABEL[s]),
      el("td", { class: "num km2" }, km2(areas[s])),
      el("td", { class: "num" }, total ? pct(areas[s] / total) : "—"),
      el("td", { class: "num change" }, i === 0 || ch === undefined ? "—" : signedKm2(ch))));
  }
  $("area-table").tBodies[0].replaceChildren(...rows);
}

export function settlements(a) {
  const line = $("settlements-line");
  if (!a || !a.settlements) { line.textContent = ""; return; }
  const parts = [];
  for (const s of ["russia", "contested", "unknown"]) {
    const c = a.settlements[s];
    if (c && c.settlements) parts.push(`${STATUS_LABEL[s].toLowerCase()} ${count(c.settlements)} (${count(c.population)} people)`);
  }
  line.textContent = parts.length ? "Settlements " + parts.join(", ") + "." : "";
}

export function playing(on) {
  const b = $("play");
  b.textContent = on ? "❚❚" : "▶";
  b.setAttribute("aria-label", on ? "Pause" : "Play");
  b.setAttribute("aria-pressed", String(on));
}

export function mode(m) {
  $("tab-day").setAttribute("aria-selected", String(m === "day"));
  $("tab-compare").setAttribute("aria-selected", String(m === "compare"));
  $("day-panel").hidden = m !== "day";
  $("compare-panel").hidden = m !== "compare";
  legend(m);
}

// ---- compare ---------------------------------------------------------

export function compareDates(list, from, to) {
  for (const [id, v] of [["from", from], ["to", to]]) {
    $(id).replaceChildren(...list.map((d) => el("option", { value: d.date, selected: d.date === v }, d.date)));
  }
}

export function compareLoading() {
  $("compare-result").replaceChildren(el("p", { class: "note" }, "Computing what changed…"));
}

export function compareError(msg) {
  $("compare-result").replaceChildren(el("p", { class: "note" }, msg));
}

function gainOf(transitions, to) {
  return (transitions || []).filter((t) => t.to === to && t.from !== to).reduce((a, t) => a + t.area_km2, 0);
}

// netUA is the net change in Ukrainian-held area of a comparison or of
// one of its oblasts: the server's net_km2.ukraine (the later day's
// Ukrainian-held area minus the earlier day's), the figure `frontline
// change` prints. Gained by Ukraine minus gained by Russia is not it: it
// leaves out ground that went between contested or unknown and Ukraine.
function netUA(r) {
  const n = r && r.net_km2 ? r.net_km2.ukraine : undefined;
  return typeof n === "number" ? n : 0;
}

export function compareResult(res, onPlace) {
  const out = [];
  const toUA = gainOf(res.transitions, "ukraine"), toRU = gainOf(res.transitions, "russia");
  out.push(el("p", { class: "compare-summary" },
    swatch("to-ukraine"), "Ukraine gained ", el("strong", {}, km2(toUA) + " km²"), el("br"),
    swatch("to-russia"), "Russia gained ", el("strong", {}, km2(toRU) + " km²"), el("br"),
    el("span", { id: "net-label" }, NET_CHANGE_UKRAINE), ": ",
    el("strong", { id: "net-ukraine", dataset: { km2: String(netUA(res)) } }, signedKm2(netUA(res)) + " km²"),
    el("span", { class: "note" }, ` (maps of ${res.from_snapshot ? res.from_snapshot.valid_at.slice(0, 16).replace("T", " ") : res.from} and ${res.to_snapshot ? res.to_snapshot.valid_at.slice(0, 16).replace("T", " ") : res.to} UTC)`)));

  out.push(el("h3", {}, "Transitions"));
  out.push(el("table", { class: "figures", id: "transitions" },
    el("thead", {}, el("tr", {}, el("th", {}, "from → to"), el("th", { class: "num" }, "km²"))),
    el("tbody", {}, (res.transitions || []).filter((t) => t.from !== t.to && t.area_km2 >= 0.05).map((t) =>
      el("tr", {}, el("td", {}, swatch("to-" + t.to), `${STATUS_LABEL[t.from] || t.from} → ${STATUS_LABEL[t.to] || t.to}`),
        el("td", { class: "num" }, km2(t.area_km2)))))));

  out.push(el("h3", {}, "By oblast"));
  const rows = (res.by_oblast || []).map((o) => {
    const ua = gainOf(o.transitions, "ukraine"), ru = gainOf(o.transitions, "russia"), net = netUA(o);
    return el("tr", { dataset: { iso: o.iso, ukraineGainKm2: ua.toFixed(1), russiaGainKm2: ru.toFixed(1), netUkraineKm2: String(net) } },
      el("td", {}, o.oblast),
      el("td", { class: "num" }, km2(ua)),
      el("td", { class: "num" }, km2(ru)),
      el("td", { class: "num " + (net > 0.05 ? "down" : net < -0.05 ? "up" : "") }, signedKm2(net)));
  });
  out.push(el("table", { class: "figures", id: "by-oblast" },
    el("thead", {}, el("tr", {}, el("th", {}, "Oblast"), el("th", { class: "num" }, "to Ukraine"), el("th", { class: "num" }, "to Russia"),
      el("th", { class: "num", title: NET_CHANGE_UKRAINE + ": the Ukrainian-held area on the later day minus that on the earlier day" }, "net UA-held"))),
    el("tbody", {}, rows)));

  const st = res.settlements || [];
  out.push(el("h3", {}, `Settlements that changed hands (${st.length})`));
  if (!st.length) {
    out.push(el("p", { class: "note" }, res.settlements ? "None." : "No gazetteer on this server."));
  } else {
    out.push(el("ul", { class: "settlements", id: "changed-settlements" }, st.slice(0, 300).map((s) =>
      el("li", { dataset: { id: s.id } },
        el("button", { type: "button", onclick: () => onPlace(s.id) }, s.name),
        el("span", { class: "sub" }, `${(STATUS_LABEL[s.from] || s.from).replace("-held", "")} → ${(STATUS_LABEL[s.to] || s.to).replace("-held", "")}${s.population ? " · " + count(s.population) : ""}`),
        res.explained ? explanations(s) : null))));
    if (st.length > 300) out.push(el("p", { class: "note" }, `and ${st.length - 300} more`));
  }
  $("compare-result").replaceChildren(...out);
}

// How an explanation bears on the change (ChangeExplanation.fits).
const FITS = { agrees: "agrees", disagrees: "disagrees", fighting: "fighting", neutral: "mentions" };
const FITS_TITLE = {
  agrees: "says the side the settlement went to holds or took it",
  disagrees: "says the side it went from still holds it, or denies the change",
  fighting: "says there is fighting, an advance or the outskirts: the change under way",
  neutral: "names the place without saying who holds it",
};

// explanations lists, under a settlement that changed hands, the claims,
// tracker's notes and observations of the change's window (best first), or
// says that nothing explains it.
function explanations(s) {
  const es = s.explained_by || [];
  if (!es.length) return el("div", { class: "explained none" }, "nothing explains it: no claim or observation in the window");
  const best = es[0];
  return el("details", { class: "explained", dataset: { count: String(es.length), fits: best.fits } },
    el("summary", {}, `${es.length} ${es.length === 1 ? "account" : "accounts"} · best ${FITS[best.fits] || best.fits}: ${best.source || "unknown source"}`),
    el("ol", {}, es.slice(0, 20).map((e) => el("li", { class: "explanation", dataset: { fits: e.fits, kind: e.kind, reportId: String(e.report_id) } },
      el("div", { class: "claim-head" },
        el("span", {}, el("span", { class: `fits fits-${e.fits}`, title: FITS_TITLE[e.fits] || "" }, FITS[e.fits] || e.fits), " ",
          el("time", {}, (e.refers_to || "").slice(0, 10))),
        badge(e.credibility, null)),
      el("div", { class: "claim-what" },
        el("strong", {}, e.source || "unknown source"), e.source_reliability ? ` [${e.source_reliability}]` : "", " ",
        e.kind === "claim" ? assertion(e) : `observation${e.distance_km ? ` ${e.distance_km} km away` : ""}`, " ",
        e.side ? el("span", { class: `side side-${e.side}` }, SIDE_LABEL[e.side] || e.side) : null),
      el("blockquote", { class: "quote" }, e.quote || "")))),
    es.length > 20 ? el("p", { class: "note" }, `and ${es.length - 20} more (the API lists all)`) : null);
}

// ---- places ----------------------------------------------------------

const KIND = { city: "city", town: "town", village: "village", city_district: "city district", npp: "nuclear power plant", dam: "dam", hpp: "hydroelectric plant" };

export function placeHead(p, onClose) {
  $("place-panel").hidden = false;
  $("place-panel").dataset.id = p.id;
  setText("place-name", p.name);
  const meta = [p.name_uk && p.name_uk !== p.name ? p.name_uk : "", KIND[p.kind] || p.kind, [p.raion && p.raion + " raion", p.oblast].filter(Boolean).join(", "),
    p.population ? count(p.population) + " people" : ""].filter(Boolean);
  setText("place-meta", meta.join(" · "));
  $("place-close").onclick = onClose;
  $("place-periods").replaceChildren();
  $("place-strip").replaceChildren();
  setText("place-status", "");
  setText("place-front", "");
}

export function placeHide() {
  $("place-panel").hidden = true;
  delete $("place-panel").dataset.id;
}

function statusOn(t, date) {
  if (!t) return null;
  for (const p of t.periods || []) if (p.from <= date && date <= p.to) return p.status;
  return null;
}

export function placeTimeline(t, layerDays, date) {
  if (!t) {
    setText("place-status", "No control timeline on this layer.");
    return;
  }
  const now = statusOn(t, date);
  $("place-status").replaceChildren(now ? el("span", {}, swatch(now), `${STATUS_LABEL[now]} on ${date}`) : `Not on the map of ${date}`);
  const strip = $("place-strip");
  strip.setAttribute("aria-label", `Control of ${t.place ? t.place.name : "the place"} day by day`);
  strip.replaceChildren(...layerDays.map((d) => {
    const s = statusOn(t, d.date) || "ukraine";
    return el("span", { class: "sw-" + s + (d.date === date ? " current" : ""), title: `${d.date}: ${STATUS_LABEL[s]}` });
  }));
  $("place-periods").replaceChildren(...(t.periods || []).map((p) =>
    el("li", { dataset: { status: p.status } }, swatch(p.status), `${STATUS_LABEL[p.status] || p.status}: ${p.from} – ${p.to}`)));
}

export function placeFront(f, error) {
  if (!f) { $("place-front").replaceChildren(...(error ? codeText(`Distance to the front: ${error}`) : [])); return; }
  setText("place-front", frontText(f));
}

function frontText(f) {
  if (f.distance_m === undefined) return "";
  const st = f.status || f.side;
  const side = STATUS_LABEL[st] || st;
  const across = STATUS_LABEL[f.across] || f.across;
  return `${distance(f.distance_m)} from the front (${side} ground; nearest ${across} ground ${bearing(f.bearing)})`;
}

function bearing(deg) {
  if (deg === undefined || deg === null) return "";
  const dirs = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
  return "to the " + dirs[Math.round(((deg % 360) + 360) % 360 / 45) % 8];
}

export function sites(list, fronts, date, onPlace) {
  const ul = $("sites");
  if (!list.length) {
    ul.replaceChildren(el("li", { class: "note" }, "No watched sites on this server."));
    return;
  }
  ul.replaceChildren(...list.map((s, i) => {
    const f = fronts[i];
    const text = !f ? "…" : f.error ? "—" : distance(f.distance_m);
    return el("li", { dataset: { id: s.id, distanceM: f && !f.error ? String(f.distance_m) : "" } },
      el("button", { type: "button", class: "link", onclick: () => onPlace(s.id) }, s.name),
      el("span", { class: "dist", title: f && !f.error ? frontText(f) + ` on ${date}` : f && f.error ? f.error : "" },
        f && !f.error ? [swatch(f.status || f.side), text + " to front"] : text));
  }));
}

// ---- search ----------------------------------------------------------

export function searchBox(onPick) {
  const input = $("search"), list = $("search-results");
  let timer = 0, ctrl = null, items = [], active = -1;
  const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
  const pick = (c) => { close(); input.value = c.name; input.blur(); onPick(c.id); };
  const draw = () => {
    list.replaceChildren(...items.map((c, i) => el("li", {
      role: "option", id: "opt-" + i, "aria-selected": String(i === active),
      onmousedown: (e) => { e.preventDefault(); pick(c); },
    }, el("span", {}, c.name), el("span", { class: "sub" }, [c.oblast, c.population ? count(c.population) : ""].filter(Boolean).join(" · ")))));
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  };
  const run = async () => {
    const q = input.value.trim();
    if (ctrl) ctrl.abort();
    if (q.length < 2) { items = []; draw(); return; }
    ctrl = new AbortController();
    try {
      const body = await api.searchPlaces(q, 8, { signal: ctrl.signal });
      items = api.list(body, "candidates");
      active = items.length ? 0 : -1;
      draw();
      if (!items.length) {
        list.replaceChildren(el("li", { class: "note" }, `No place called “${q}”.`));
        list.hidden = false;
      }
    } catch (e) {
      if (e.name !== "AbortError") { items = []; list.replaceChildren(el("li", { class: "note" }, e.message)); list.hidden = false; }
    }
  };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  input.addEventListener("keydown", async (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      draw();
      e.preventDefault();
    } else if (e.key === "Enter") {
      e.preventDefault();
      clearTimeout(timer);
      if (!items.length || list.hidden) await run();
      if (items.length) pick(items[Math.max(0, active)]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}
