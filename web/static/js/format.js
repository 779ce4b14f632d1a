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

// LAND_COLOUR is Ukraine's land on the map (Ukrainian-held, under no
// polygon); FADED_OPACITY the day's polygons' opacity under a comparison.
export const LAND_COLOUR = "#eaf4fb";
export const FADED_OPACITY = 0.12;

// blend gives the colour a fill of colour at opacity draws over ground
// (all "#rrggbb"): what a legend swatch must show to match the map.
export function blend(colour, opacity, ground = LAND_COLOUR) {
  const c = parseInt(colour.slice(1, 7), 16), g = parseInt(ground.slice(1, 7), 16);
  let out = "#";
  for (const shift of [16, 8, 0]) {
    const v = Math.round(opacity * ((c >> shift) & 255) + (1 - opacity) * ((g >> shift) & 255));
    out += v.toString(16).padStart(2, "0");
  }
  return out;
}

// The kinds of change in compare mode, by the status the ground went to.
export const CHANGE_KIND = {
  ukraine: { label: "Gained by Ukraine", colour: "#0072B2" },
  russia: { label: "Gained by Russia", colour: "#D55E00" },
  contested: { label: "Became contested", colour: "#F0E442" },
  unknown: { label: "Became unknown", colour: "#999999" },
};

// NET_CHANGE names the one "net" figure of a comparison: for a status, the
// area it holds on the later day minus the area it held on the earlier
// day (all its gains minus all its losses, whichever status the ground
// came from or went to). The API's net_km2 and `frontline change` give
// the same figure under the same name.
export const NET_CHANGE = "Net change in held area";
export const NET_CHANGE_UKRAINE = "Net change in Ukrainian-held area";

// grouped writes v with digits decimals and its thousands grouped by
// commas, as Intl.NumberFormat("en-GB") does ("-" for a negative value,
// halves rounded away from zero). Written out: Intl's first use costs the
// page tens of milliseconds at start-up (ICU's locale data).
function grouped(v, digits) {
  // Rounded from the shortest decimal that reads back as v, as Intl does
  // (0.15 gives 0.2, where (0.15).toFixed(1) gives 0.1).
  const a = String(Math.abs(v));
  const r = a.includes("e") ? Math.abs(v).toFixed(digits) : Number(Math.round(Number(a + "e" + digits)) + "e-" + digits).toFixed(digits);
  const [int, frac] = r.split(".");
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (v < 0 || Object.is(v, -0) ? "-" : "") + g + (frac ? "." + frac : "");
}

export function km2(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return "—";
  return grouped(v, Math.abs(v) < 100 ? 1 : 0);
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
  return grouped(v || 0, 0);
}

export function distance(m) {
  if (m === undefined || m === null) return "—";
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(m < 10000 ? 1 : 0)} km`;
}

// dayOf gives the UTC calendar day of an RFC 3339 time.
export function dayOf(t) {
  return String(t).slice(0, 10);
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

// longDate writes a day as "Tue, 13 Sept 2022" (what Intl's en-GB gives).
export function longDate(day) {
  const d = new Date(day + "T12:00:00Z");
  if (Number.isNaN(d.getTime())) return day;
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// ---- claims ----------------------------------------------------------

export const SIDE_LABEL = { ukraine: "Ukraine", russia: "Russia", neutral: "neutral" };

// Credibility of a claim, 1 (confirmed) … 6 (cannot be judged).
export const CREDIBILITY = {
  1: "confirmed",
  2: "probably true",
  3: "possibly true",
  4: "doubtful",
  5: "improbable",
  6: "cannot be judged",
};

export const CONTRADICTION_KIND = {
  claim_claim: "claim vs claim",
  claim_evidence: "claim vs evidence",
  claim_layer: "claim vs map",
};

// assertion says in words what a claim asserts about its place:
// "says Russia holds it", "says Ukraine retook it".
export function assertion(c) {
  const side = SIDE_LABEL[c.side] || "";
  const other = c.side === "ukraine" ? "Russian" : c.side === "russia" ? "Ukrainian" : "";
  switch (c.assertion) {
    case "captured": return side ? `says ${side} captured it` : "says it was captured";
    case "liberated": return side ? `says ${side} retook it` : "says it was retaken";
    case "under_control": return side ? `says ${side} holds it` : "says it is held";
    case "contested": return "says it is contested (fighting there)";
    case "attacked": return side ? `says it was attacked (favours ${side})` : "says it was attacked";
    case "withdrawn": return other ? `says ${other} forces withdrew from it` : "says forces withdrew from it";
    case "advanced_towards": return side ? `says ${side} advanced towards it` : "says forces advanced towards it";
    case "at_outskirts": return side ? `says ${side} is at its outskirts` : "says fighting is at its outskirts";
    default: return `says: ${String(c.assertion || "").replace(/_/g, " ")}`;
  }
}

// speakerName is the speaker's name without the title that follows it
// ("Vitaly Ganchev, the Russian-appointed head …" → "Vitaly Ganchev").
export function speakerName(s) {
  const i = String(s || "").indexOf(",");
  return i > 0 ? s.slice(0, i) : String(s || "");
}

// byteOffsets maps byte offsets into the UTF-8 encoding of text to
// indices into the JavaScript (UTF-16) string. An offset inside a
// character maps to the index after it; one past the end to text.length.
export function byteOffsets(text, offsets) {
  const want = [...new Set(offsets.filter((o) => Number.isInteger(o) && o >= 0))].sort((a, b) => a - b);
  const out = new Map();
  let b = 0, i = 0, k = 0;
  while (k < want.length) {
    while (k < want.length && want[k] <= b) out.set(want[k++], i);
    if (i >= text.length) break;
    const cp = text.codePointAt(i);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp >= 0x10000 ? 2 : 1;
  }
  while (k < want.length) out.set(want[k++], text.length);
  return out;
}
