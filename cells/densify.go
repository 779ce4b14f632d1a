package cells

import "github.com/peterstace/simplefeatures/geom"

// DensifyGeodesic returns g with the points the cells add along the
// geodesic of its edges before an overlay (geodesic.go): every edge whose
// chord strays from its geodesic by more than geodesicTolM gets points on
// it at equal distances. Overlays elsewhere (control's change without
// cells, the PostGIS baseline's pieces) call it so that they cut edges
// where the cells do; g's geodesic area is unchanged.
func DensifyGeodesic(g geom.MultiPolygon) geom.MultiPolygon {
	return densifyGeodesic(g)
}
