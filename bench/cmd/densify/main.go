// Command densify gives the PostGIS baseline the pieces the cells and
// Frontline's overlays compute on (bench.DensifyPieces): it copies the
// `pieces` table that bench/cmd/compare's import left in a database into a
// schema of its own (default `geodesic`), every piece densified along the
// geodesic of its edges, with a view of `snapshots` beside it. Queries run
// with search_path=geodesic,public then read the densified pieces through
// the same SQL (bench/postgis/change_pieces.sql). bench/cmd/compare does
// the same after its import (-pg-geodesic).
//
// PostGIS's own ST_Segmentize(geography) interpolates on the sphere, not on
// the ellipsoid the areas are measured on: -segmentize M builds that
// variant instead, in SQL, for comparison (docs/benchmarks-journal.md, "… (agree)").
//
//	go run ./bench/cmd/densify -pg postgres://…/frontline_bench
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/frontline-osint/frontline/bench"
)

func main() {
	url := flag.String("pg", "", "PostGIS URL of the database holding bench/cmd/compare's pieces and snapshots")
	schema := flag.String("schema", "geodesic", "schema to (re)create with the densified pieces and a view of snapshots")
	segM := flag.Float64("segmentize", 0, "instead of cells.DensifyGeodesic, ST_Segmentize(geography, M) in SQL (spherical)")
	flag.Parse()
	if err := bench.DensifyPieces(context.Background(), os.Stdout, *url, *schema, *segM); err != nil {
		log.Fatal(err)
	}
}
