// claims.js: a place's claims (who says what, how far to trust it) and
// where the accounts contradict each other, in the place panel. Every
// string from the API goes in as text, never as HTML.

import { el, swatch, codeText, $ } from "./dom.js";
import { STATUS_LABEL, SIDE_LABEL, CREDIBILITY, CONTRADICTION_KIND, assertion, speakerName, dayOf, pct } from "./format.js";

const ADD_HINT = "Add reports with `frontline report add FILE` (text, HTML, RSS/Atom, claims JSON lines, evidence); their claims appear here as they are read.";

// badge is a claim's credibility, with its reasons behind a disclosure.
export function badge(credibility, reasons) {
  const n = Number(credibility) || 0;
  const label = n ? `${n} · ${CREDIBILITY[n] || "?"}` : "not graded";
  const title = n ? `Credibility ${n} of 6 (1 confirmed … 5 improbable, 6 cannot be judged): ${CREDIBILITY[n] || ""}` : "Not graded";
  if (!reasons || !reasons.length) return el("span", { class: `cred cred-${n}`, title, dataset: { credibility: String(n) } }, label);
  return el("details", { class: "reasons" },
    el("summary", { title: title + " — show why" }, el("span", { class: `cred cred-${n}`, dataset: { credibility: String(n) } }, label), el("span", { class: "why" }, "why?")),
    el("ul", {}, reasons.map((r) => el("li", {}, r))));
}

function sideBadge(side) {
  if (!side) return null;
  return el("span", { class: `side side-${side}`, title: `speaker's side: ${SIDE_LABEL[side] || side}` }, SIDE_LABEL[side] || side);
}

// who names the speaker (with the side badge), else the publisher.
function who(c) {
  if (c.speaker) {
    const name = speakerName(c.speaker);
    return el("span", { class: "who", title: c.speaker }, el("strong", { class: "speaker" }, name), " ", sideBadge(c.speaker_side));
  }
  if (c.evidence) return el("span", { class: "who" }, el("strong", {}, `footage (${c.evidence})`), c.source ? ` in ${c.source}` : "");
  return el("span", { class: "who" }, el("strong", {}, c.source || "The report itself"), " ", sideBadge(c.source_side));
}

function quote(text) {
  return el("blockquote", { class: "quote" }, text || "");
}

function reportLink(reportID, index, onReport, label = "open report") {
  if (!reportID) return null;
  return el("button", { type: "button", class: "link open-report", dataset: { report: String(reportID), index: String(index ?? "") },
    onclick: () => onReport(reportID, index) }, label);
}

// byNewest orders claims by the day they refer to, then the report's
// time, newest first.
function byNewest(a, b) {
  const da = String(a.refers_to || ""), db = String(b.refers_to || "");
  const ea = da.includes("/") ? da.split("/")[1] : da, eb = db.includes("/") ? db.split("/")[1] : db;
  if (ea !== eb) return ea < eb ? 1 : -1;
  const pa = a.published_at || a.recorded_at || "", pb = b.published_at || b.recorded_at || "";
  if (pa !== pb) return pa < pb ? 1 : -1;
  return (a.report_id - b.report_id) || (a.index - b.index);
}

export function loading(name) {
  $("place-claims").replaceChildren(el("p", { class: "note" }, `Reading the claims about ${name}…`));
  $("place-contradictions").replaceChildren();
  $("place-assessed").replaceChildren();
}

// claimsList draws the place's claims. body is the /claims answer, or an
// Error.
export function claimsList(placeName, body, onReport) {
  const box = $("place-claims");
  if (body instanceof Error) {
    box.replaceChildren(el("p", { class: "note" }, body.status === 404 && body.code === "not_found" && /route|report/i.test(body.message)
      ? "This server keeps no reports, so no claims." : codeText(`Claims: ${body.message}`)));
    return;
  }
  const list = ((body && body.claims) || []).slice().sort(byNewest);
  if (!list.length) {
    box.replaceChildren(el("p", { class: "empty" }, `No report names ${placeName} yet. `, codeText(ADD_HINT)));
    return;
  }
  box.replaceChildren(el("ol", { class: "claims", id: "claims-list" }, list.map((c) => el("li", {
    class: "claim",
    dataset: { report: String(c.report_id), index: String(c.index), credibility: String(c.credibility || 0), speakerSide: c.speaker_side || "", side: c.side || "" },
  },
  el("div", { class: "claim-head" },
    el("time", { datetime: dayOf(c.refers_to || "") , title: c.refers_to_phrase ? `“${c.refers_to_phrase}”` : "the report's date" }, c.refers_to || "undated"),
    badge(c.credibility, c.reasons)),
  el("p", { class: "claim-what" }, who(c), " ", el("span", { class: "assertion" }, assertion(c)),
    c.hedges && c.hedges.length ? el("span", { class: "hedges", title: "hedged" }, ` (hedged: ${c.hedges.join(", ")})`) : null),
  quote(c.quote),
  el("p", { class: "claim-meta" },
    c.evidence ? el("span", { class: "evidence" }, `cites ${c.evidence} · `) : null,
    el("span", { class: "in-report" }, `${c.source || "unknown publisher"}${c.source_reliability ? ` (${c.source_reliability})` : ""}${c.published_at ? ", " + dayOf(c.published_at) : ""} · `),
    reportLink(c.report_id, c.index, onReport))))));
}

function sideCard(s, holds, onReport) {
  const card = el("div", { class: "account" + (holds ? " holds" : ""), dataset: { kind: s.kind, implies: s.implies || "" } });
  if (s.kind === "layer") {
    card.append(el("div", { class: "who" }, el("strong", {}, `map: ${s.layer || s.source}`)));
  } else {
    card.append(el("div", { class: "who" }, s.speaker
      ? [el("strong", { class: "speaker", title: s.speaker }, speakerName(s.speaker)), " ", sideBadge(s.speaker_side)]
      : el("strong", {}, s.evidence ? `footage (${s.evidence})` : s.source || "The report itself")));
  }
  if (s.implies) card.append(el("div", { class: "implies" }, swatch(s.implies), STATUS_LABEL[s.implies] || s.implies));
  card.append(s.kind === "layer" ? el("p", { class: "layer-says" }, s.quote || "") : quote(s.quote));
  const foot = el("div", { class: "account-foot" });
  if (s.kind !== "layer" && s.credibility) foot.append(el("span", { class: `cred cred-${s.credibility}`, dataset: { credibility: String(s.credibility) }, title: `Credibility ${s.credibility}: ${CREDIBILITY[s.credibility] || ""}` }, String(s.credibility)), " ");
  if (s.source && s.speaker) foot.append(el("span", { class: "note-inline" }, s.source + " "));
  if (s.link) foot.append(el("span", { class: "note-inline" }, s.link + " "));
  const link = reportLink(s.report_id, s.index, onReport, "report");
  if (link) foot.append(link);
  if (holds) foot.append(el("span", { class: "holds-mark" }, " ✓ holds"));
  card.append(foot);
  return card;
}

export function contradictionsList(placeName, body, onReport) {
  const box = $("place-contradictions");
  if (body instanceof Error) {
    box.replaceChildren(el("p", { class: "note" }, body.status === 404 ? "This server does not assess claims." : codeText(`Contradictions: ${body.message}`)));
    return;
  }
  const list = (body && body.contradictions) || [];
  if (!list.length) {
    box.replaceChildren(el("p", { class: "empty" }, `No contradictions about ${placeName}: the reports read so far (and the map) do not disagree on the same days.`));
    return;
  }
  list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  box.replaceChildren(el("ol", { class: "contradictions", id: "contradictions-list" }, list.map((c) => {
    const r = c.resolution || {};
    return el("li", { class: "contradiction", dataset: { kind: c.kind, resolved: String(!!r.resolved), favours: r.favours || "", holds: r.holds || "", by: r.by || "" } },
      el("div", { class: "contra-head" }, el("span", {}, c.date), " · ", el("span", {}, CONTRADICTION_KIND[c.kind] || c.kind)),
      el("div", { class: "accounts" }, sideCard(c.a, r.holds === "a", onReport), el("div", { class: "vs", "aria-hidden": "true" }, "vs"), sideCard(c.b, r.holds === "b", onReport)),
      el("p", { class: "resolution " + (r.resolved ? "resolved" : "open") },
        r.resolved
          ? [el("strong", {}, `Resolved for ${SIDE_LABEL[r.favours] || r.favours || "—"}`), r.by ? ` by ${r.by}` : "", r.reason ? `: ${r.reason}` : ""]
          : [el("strong", {}, "Unresolved"), r.reason ? `: ${r.reason}` : ": nothing decides between them yet (load a control layer, or evidence)"]));
  })));
}

// assessedLine is the place's control as the claims tell it.
export function assessedLine(body) {
  const box = $("place-assessed");
  const t = body && !(body instanceof Error) && (body.timelines || [])[0];
  if (!t || !(t.periods || []).length) { box.replaceChildren(); return; }
  box.replaceChildren(el("p", { class: "note" }, "As the claims tell it: "),
    el("ol", { class: "periods assessed" }, t.periods.map((p) => el("li", { dataset: { status: p.status } }, swatch(p.status),
      `${STATUS_LABEL[p.status] || p.status}: ${p.from} – ${p.to || "…"}`,
      p.confidence !== undefined ? el("span", { class: "note-inline" }, ` (confidence ${pct(p.confidence)})`) : ""))));
}
