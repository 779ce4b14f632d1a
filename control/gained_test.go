package control_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// TestGainedVerticesMatchGeoJSON checks that the vertices of the ground a
// status gained, overlaid alone (of the pieces cut to where the maps
// differ), give the same deepest advance to the last bit as those of
// ChangeGeoJSON's features going to it (a check's advance reads them), on
// demo maps around the Kharkiv counteroffensive.
func TestGainedVerticesMatchGeoJSON(t *testing.T) {
	svc, _ := newService(t)
	for _, name := range []string{"2022-08-25T102845Z", "2022-09-07T093611Z", "2022-09-10T092907Z"} {
		importFile(t, svc, "deepstate", filepath.Join(dailyDir(t), name+".geojson"))
	}
	ctx := context.Background()
	pairs := [][2]string{{"2022-09-07", "2022-09-10"}, {"2022-08-25", "2022-09-10"}, {"2022-09-10", "2022-08-25"}, {"2022-09-07", "2022-09-07"}}
	seen := 0
	for _, pr := range pairs {
		data, err := svc.ChangeGeoJSON(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var fc struct {
			Features []struct {
				Properties struct{ From, To string }
				Geometry   struct {
					Type        string
					Coordinates json.RawMessage
				}
			}
		}
		if err := json.Unmarshal(data, &fc); err != nil {
			t.Fatal(err)
		}
		for _, side := range frontline.Statuses {
			var want [][2]float64
			for _, f := range fc.Features {
				if f.Properties.To != string(side) || f.Properties.From == f.Properties.To {
					continue
				}
				var polys [][][][2]float64
				if f.Geometry.Type == "Polygon" {
					var p [][][2]float64
					if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
						t.Fatal(err)
					}
					polys = append(polys, p)
				} else if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
					t.Fatal(err)
				}
				for _, p := range polys {
					for _, ring := range p {
						want = append(want, ring...)
					}
				}
			}
			got, err := svc.GainedVertices(ctx, "deepstate", side, day(t, pr[0]), day(t, pr[1]), time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			seen += len(want)
			if a, b := farthestKm(t, svc, day(t, pr[0]), got), farthestKm(t, svc, day(t, pr[0]), want); a != b {
				t.Fatalf("%s→%s, to %s: advance %.12f km from %d vertices, from the GeoJSON's %d %.12f km", pr[0], pr[1], side, a, len(got), len(want), b)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no ground changed hands: nothing compared")
	}
	t.Logf("%d vertices compared", seen)
}
