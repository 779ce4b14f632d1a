package control_test

import (
	"bytes"
	"math"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/mapfile"
)

// Maps resolved oblast by oblast, each from the features in the oblast's
// envelope, and recalled where an oblast's features repeat an earlier
// map's, give the pieces of the whole map resolved at once: the same
// pieces, each within 1e-9 km², on the first 40 daily maps of
// ../shared/data in order (consecutive maps of the Kharkiv
// counteroffensive, as an archive's import meets them). A map
// processed alone (nothing recalled) gives the same pieces, byte for byte,
// as in the sequence.
func TestProcessPerOblastSamePieces(t *testing.T) {
	if testing.Short() {
		t.Skip("processes 40 maps twice")
	}
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dailyDir(t), "*.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	if len(files) < 40 {
		t.Fatalf("%d daily maps, want 40", len(files))
	}
	files = files[:40]
	m := control.DeepStateMapping()
	each, whole := control.NewClipper(bounds), control.NewClipper(bounds)
	worst, pieces, oblasts := 0.0, 0, 0
	same, alonePieces := 0, 0
	for i, path := range files {
		f, err := mapfile.ReadFile(path, mapfile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		at, ok := control.TimeFromName(path)
		if !ok {
			t.Fatalf("%s: no time in the name", path)
		}
		got, err := control.Process(each, f, at, m, "")
		if err != nil {
			t.Fatal(err)
		}
		prev := control.SetPerOblast(false)
		want, err := control.Process(whole, f, at, m, "")
		control.SetPerOblast(prev)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		if len(got.Pieces) != len(want.Pieces) {
			t.Fatalf("%s: %d pieces oblast by oblast, %d whole", name, len(got.Pieces), len(want.Pieces))
		}
		for k, w := range want.Pieces {
			g := got.Pieces[k]
			if g.Oblast != w.Oblast || g.Status != w.Status || (g.WKB == nil) != (w.WKB == nil) {
				t.Fatalf("%s: piece %d is %s %s oblast by oblast, %s %s whole", name, k, g.Oblast, g.Status, w.Oblast, w.Status)
			}
			d := math.Abs(g.AreaKm2 - w.AreaKm2)
			worst = max(worst, d)
			if d > 1e-9 {
				t.Errorf("%s: %s %s: %.12f km² oblast by oblast, %.12f km² whole", name, g.Oblast, g.Status, g.AreaKm2, w.AreaKm2)
			}
		}
		pieces += len(got.Pieces)
		if i%10 == 0 {
			alone, err := control.Process(control.NewClipper(bounds), f, at, m, "")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(alone.Repairs, got.Repairs) || !reflect.DeepEqual(alone.Categories, got.Categories) {
				t.Errorf("%s: repairs or categories differ in the sequence (features recalled) from the map alone:\n%q\n%q", name, got.Repairs, alone.Repairs)
			}
			for k, a := range alone.Pieces {
				g := got.Pieces[k]
				if bytes.Equal(a.WKB, g.WKB) {
					same++
				}
				if a.Oblast != g.Oblast || a.Status != g.Status || math.Abs(a.AreaKm2-g.AreaKm2) > 1e-9 {
					t.Errorf("%s: %s %s: %.12f km² in the sequence, %s %s %.12f km² computed alone", name, g.Oblast, g.Status, g.AreaKm2, a.Oblast, a.Status, a.AreaKm2)
				}
				alonePieces++
			}
		}
		for _, pc := range got.Pieces {
			if pc.WKB != nil {
				oblasts++ // counts pieces with geometry: an upper bound of the oblasts computed
			}
		}
	}
	t.Logf("%d maps, %d pieces: largest gap %.3g km²; %d oblasts computed, %d pieces with geometry; %d of %d pieces computed alone byte for byte as in the sequence", len(files), pieces, worst, each.Computed(), oblasts, same, alonePieces)
	if each.Computed() >= oblasts/2 {
		t.Errorf("%d oblasts computed for %d pieces with geometry: consecutive maps' oblasts were not recalled", each.Computed(), oblasts)
	}
}
