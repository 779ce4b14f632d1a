// format.js: numbers, dates and the names and colours of statuses.

export const STATUSES = ["russia", "ukraine", "contested", "unknown"];

export const STATUS_LABEL = {
  russia: "Russian-held",
  ukraine: "Ukrainian-held",
  contested: "Contested",
  unknown: "Unknown",
};

// Okabe–Ito colours; contested is also hatched on the map.
export const STATUS_COLOUR = {
  russia: "#D55E00",
  ukraine: "#56B4E9",
  contested: "#E69F00",
  unknown: "#999999",
};

// The kinds of change in compare mode, by the status the ground went to.
export const CHANGE_KIND = {
  ukraine: { label: "Gained by Ukraine", colour: "#0072B2" },
  russia: { label: "Gained by Russia", colour: "#D55E00" },
  contested: { label: "Became contested", colour: "#F0E442" },
  unknown: { label: "Became unknown", colour: "#999999" },
};

const nf0 = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function km2(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return "—";
  return Math.abs(v) < 100 ? nf1.format(v) : nf0.format(v);
}

export function signedKm2(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return "—";
  if (Math.abs(v) < 0.05) return "0";
  return (v > 0 ? "+" : "−") + km2(Math.abs(v));
}

export function pct(v) {
  if (v === undefined || v === null) return "—";
  return (v * 100).toFixed(v < 0.01 ? 2 : 1) + "%";
}

export function count(v) {
  return nf0.format(v || 0);
}

export function distance(m) {
  if (m === undefined || m === null) return "—";
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(m < 10000 ? 1 : 0)} km`;
}

// dayOf gives the UTC calendar day of an RFC 3339 time.
export function dayOf(t) {
  return String(t).slice(0, 10);
}

const dateFmt = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function longDate(day) {
  const d = new Date(day + "T12:00:00Z");
  return Number.isNaN(d.getTime()) ? day : dateFmt.format(d);
}
