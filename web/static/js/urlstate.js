// urlstate.js: the view lives in the URL's hash, so a link reproduces it:
//
//   #layer=deepstate&date=2022-09-13&map=7.2/49.61/36.55&place=UA63…
//   #layer=deepstate&compare=2022-09-06..2022-09-13&map=…
//   &overlay=OTHER adds a second layer; &report=ID&claim=N opens a report
//   (at one of its claims).

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parse(hash) {
  const p = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const s = {};
  const layer = p.get("layer");
  if (layer) s.layer = layer;
  const overlay = p.get("overlay");
  if (overlay) s.overlay = overlay;
  const date = p.get("date");
  if (date && DAY.test(date)) s.date = date;
  const cmp = p.get("compare");
  if (cmp) {
    const [from, to] = cmp.split("..");
    if (DAY.test(from || "") && DAY.test(to || "")) {
      s.mode = "compare";
      s.from = from;
      s.to = to;
    }
  }
  const map = p.get("map");
  if (map) {
    const [z, lat, lon] = map.split("/").map(Number);
    if ([z, lat, lon].every(Number.isFinite) && z >= 0 && z <= 22 && Math.abs(lat) <= 85 && Math.abs(lon) <= 180) {
      s.view = { zoom: z, lat, lon };
    }
  }
  const place = p.get("place");
  if (place && place.length < 100) s.place = place;
  const report = p.get("report");
  if (report && /^\d{1,15}$/.test(report)) {
    s.report = report;
    const claim = p.get("claim");
    if (claim && /^\d{1,6}$/.test(claim)) s.reportClaim = claim;
  }
  return s;
}

export function format(s) {
  const p = new URLSearchParams();
  if (s.layer) p.set("layer", s.layer);
  if (s.overlay) p.set("overlay", s.overlay);
  if (s.mode === "compare" && s.from && s.to) p.set("compare", `${s.from}..${s.to}`);
  else if (s.date) p.set("date", s.date);
  if (s.view) p.set("map", `${s.view.zoom.toFixed(2)}/${s.view.lat.toFixed(4)}/${s.view.lon.toFixed(4)}`);
  if (s.place) p.set("place", s.place);
  if (s.report) {
    p.set("report", s.report);
    if (s.reportClaim !== undefined) p.set("claim", s.reportClaim);
  }
  // URLSearchParams escapes "/" and ":"; both are safe in a fragment.
  return "#" + p.toString().replace(/%2F/g, "/").replace(/%3A/g, ":");
}
