// mapstyle.js: what both renderers draw alike (mapview.js with MapLibre,
// canvasview.js with the 2D canvas): the hatches, the overlay's colours,
// the settlement label classes and what no label may go under. Apart from
// mapview.js, so that the canvas map does not load MapLibre's view.

// hatch draws diagonal stripes as an image for fill-pattern.
export function hatch(colour, background, size = 8, width = 2) {
  const data = new Uint8Array(size * size * 4);
  const c = hex(colour), b = background ? hex(background) : null;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < width;
      const i = (y * size + x) * 4;
      const px = on ? c : b;
      if (px) {
        data[i] = px[0]; data[i + 1] = px[1]; data[i + 2] = px[2]; data[i + 3] = on ? 235 : px[3];
      }
    }
  }
  return { width: size, height: size, data };
}

// hex reads "#rrggbb" or "#rrggbbaa" as [r, g, b, a].
export function hex(s) {
  const n = parseInt(s.slice(1, 7), 16);
  const a = s.length > 7 ? parseInt(s.slice(7, 9), 16) : 255;
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, a];
}

// The overlaid layer's status where it disagrees.
export const DISAGREE_COLOUR = { russia: "#D55E00", ukraine: "#0072B2", contested: "#F0E442", unknown: "#999999" };

// Settlement label classes by population: the zoom from which each shows.
export const LABEL_CLASSES = [
  { name: "city", min: 100000, max: Infinity, minzoom: 0, big: true },
  { name: "town", min: 25000, max: 100000, minzoom: 6.5 },
  { name: "small-town", min: 8000, max: 25000, minzoom: 7.5 },
  { name: "village", min: 2500, max: 8000, minzoom: 8.5 },
  { name: "hamlet", min: 0, max: 2500, minzoom: 9.5 },
].map((c) => ({ ...c, max: c.max === Infinity ? 1e12 : c.max }));

// OBSTACLES are what is drawn over the map: no label goes under them.
export const OBSTACLES = ["#legend", "#map-credit", "#notices", ".maplibregl-ctrl-top-right", ".maplibregl-ctrl-bottom-right"];
