// basemap.mjs writes the offline basemap the web map draws under the
// control polygons, into static/basemap/:
//
//   countries.geojson  Natural Earth 1:50m countries (npm world-atlas,
//                      public domain), Ukraine left out, clipped to a box
//                      around Ukraine;
//   ukraine.geojson    Ukraine's land and oblasts from the repository's
//                      boundaries/ukraine.geojson, simplified for drawing.
//
// Run by scripts/build-web.sh (node tools/basemap.mjs, from web/). The output
// is deterministic: the same inputs give the same bytes.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import * as topojson from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, "..");
const out = process.argv[2] || join(web, "static", "basemap"); // a folder may be named (the drift test)
const require = createRequire(import.meta.url);

// The box around Ukraine kept of the neighbours: lon 12..50, lat 38..60.
const BOX = [12, 38, 50, 60];
// Douglas–Peucker tolerance for Ukraine's outline, in degrees (about
// 400 m): invisible at the zooms the map opens at, a tenth of the bytes.
// The oblasts' borders, thin grey lines, take one and a half times that
// (about 600 m, 2 px at the opening zoom): they were two thirds of the
// basemap's vertices, which MapLibre's single worker (on two cores) cuts
// into tiles before the first frame. (At 0.008° the page loaded ~10%
// faster, but zoomed in on the Dnipro delta the grey lines strayed across
// the islands.)
const TOLERANCE = 0.004, OBLAST_TOLERANCE = 0.006;

const round = (n, d) => Math.round(n * 10 ** d) / 10 ** d;

// clipRing clips a closed ring to BOX (Sutherland–Hodgman). Good enough for
// filled background shapes; the result may run along the box's edge.
function clipRing(ring) {
  const [x0, y0, x1, y1] = BOX;
  const edges = [
    [(p) => p[0] >= x0, (a, b) => cut(a, b, 0, x0)],
    [(p) => p[0] <= x1, (a, b) => cut(a, b, 0, x1)],
    [(p) => p[1] >= y0, (a, b) => cut(a, b, 1, y0)],
    [(p) => p[1] <= y1, (a, b) => cut(a, b, 1, y1)],
  ];
  let pts = ring.slice(0, -1);
  for (const [inside, inter] of edges) {
    const next = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i], prev = pts[(i + pts.length - 1) % pts.length];
      if (inside(cur)) {
        if (!inside(prev)) next.push(inter(prev, cur));
        next.push(cur);
      } else if (inside(prev)) {
        next.push(inter(prev, cur));
      }
    }
    pts = next;
    if (pts.length === 0) return null;
  }
  if (pts.length < 3) return null;
  pts.push(pts[0]);
  return pts;
}

function cut(a, b, axis, v) {
  const t = (v - a[axis]) / (b[axis] - a[axis]);
  const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  p[axis] = v;
  return p;
}

// simplify is Douglas–Peucker on an open or closed line, in degrees.
function simplify(pts, tol) {
  if (pts.length <= 4) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    let max = 0, idx = -1;
    const [ax, ay] = pts[a], [bx, by] = pts[b];
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i];
      let t = len2 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
      t = Math.max(0, Math.min(1, t));
      const ex = ax + t * dx - px, ey = ay + t * dy - py;
      const d = ex * ex + ey * ey;
      if (d > max) { max = d; idx = i; }
    }
    if (idx >= 0 && max > tol * tol) {
      keep[idx] = 1;
      stack.push([a, idx], [idx, b]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

function mapPolygons(geom, fn) {
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
  const outPolys = [];
  for (const poly of polys) {
    const rings = [];
    for (let i = 0; i < poly.length; i++) {
      const r = fn(poly[i]);
      if (r) rings.push(r.map((p) => [round(p[0], 3), round(p[1], 3)]));
      else if (i === 0) break; // no outer ring: drop the polygon
    }
    if (rings.length) outPolys.push(rings);
  }
  return outPolys.length ? { type: "MultiPolygon", coordinates: outPolys } : null;
}

function write(name, features) {
  const text = JSON.stringify({ type: "FeatureCollection", features });
  writeFileSync(join(out, name), text + "\n");
  console.log(`basemap: ${name} ${features.length} features, ${(text.length / 1024).toFixed(0)} KB`);
}

mkdirSync(out, { recursive: true });

// Neighbours.
const world = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));
const countries = topojson.feature(world, world.objects.countries).features;
const neighbours = [];
for (const f of countries) {
  if (f.id === "804" || !f.geometry) continue; // Ukraine: drawn from boundaries/
  const geometry = mapPolygons(f.geometry, (ring) => clipRing(ring));
  if (!geometry) continue;
  neighbours.push({ type: "Feature", properties: { name: f.properties.name }, geometry });
}
neighbours.sort((a, b) => a.properties.name.localeCompare(b.properties.name));
write("countries.geojson", neighbours);

// Ukraine: land and oblasts.
const ua = JSON.parse(readFileSync(join(web, "..", "boundaries", "ukraine.geojson"), "utf8"));
const ukraine = [];
for (const f of ua.features) {
  const geometry = mapPolygons(f.geometry, (ring) => {
    const s = simplify(ring, f.properties.kind === "oblast" ? OBLAST_TOLERANCE : TOLERANCE);
    return s.length >= 4 ? s : null;
  });
  if (!geometry) continue;
  const p = f.properties;
  ukraine.push({ type: "Feature", properties: { kind: p.kind, iso: p.iso, name: p.name || "Ukraine" }, geometry });
}
write("ukraine.geojson", ukraine);
