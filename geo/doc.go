// Package geo measures and repairs lon/lat geometry on the WGS84 ellipsoid: geodesic area, distance and bearing, and validation and repair of polygons as trackers publish them.
//
// Geometry is simplefeatures' geom, with X = longitude and Y = latitude in
// degrees, 2D.
//
// Measurement is geodesic: AreaM2 uses GeographicLib's polygon area (the Go
// port github.com/tidwall/geodesic), the algorithm PostGIS uses for
// ST_Area(geography), and agrees with it on the shared test data to 3e-11
// relative for polygons over 1 km² and to a few 1e-5 m² for smaller ones
// (see TestAgreesWithPostGIS). Edges are geodesics between their vertices.
//
// Topology is planar in lon/lat degrees, as in PostGIS geometry and in
// simplefeatures' overlay: Repair and overlays split edges at points of the
// straight lon/lat segment, which lie off the geodesic between the edge's
// ends. Splitting a long edge therefore changes its geodesic area slightly
// (1e-8 to 1e-5 relative for edges of kilometres to tens of kilometres);
// densify long edges before overlay where that matters. Repair keeps the
// published vertices, and leaves out points it added on straight edges.
//
// Display is separate from both: Simplify thins polygons for drawing
// (Douglas–Peucker in Web Mercator to a tolerance from ToleranceAtZoom,
// keeping boundaries shared between polygons shared). Its output is for
// drawing, not measuring.
package geo

// The files by concern:
//
//   - geodesic measures: area.go (AreaM2, RingAreaM2), distance.go
//     (DistanceM, Bearing);
//   - planar validation and repair: repair.go (Repair, Valid, Clean) and its
//     engine planar.go (fill rules, region), noding.go (noding, snap
//     rounding), graph.go (planar graph, winding numbers, polygons),
//     rings.go (ring orientation, area and containment), robust.go (exact
//     predicates and intersections), sweep.go (box overlap pairs);
//   - display simplification: simplify.go (Simplify, ToleranceAtZoom).
