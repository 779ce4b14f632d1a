package http_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

// TestSeriesWindowAsComputed: a window cut from the whole series' encoded
// days (series.go) is byte for byte the answer Series computes for it
// (asked with tz=UTC, which takes the computing path): windows inside,
// across and beyond the maps, one day, from only, to only; after a map
// is added, the windows follow it.
func TestSeriesWindowAsComputed(t *testing.T) {
	s := MustOpenServer(t)
	svc := s.LayerService.(*control.Service)
	dir := filepath.Join("..", "..", "shared", "data", "control", "deepstate", "daily-2022-08-20_2022-10-20")
	windows := []string{
		"from=2022-09-06&to=2022-09-13", "from=2022-09-07&to=2022-09-12", "from=2022-09-01&to=2022-09-09",
		"from=2022-09-10&to=2022-09-10", "from=2022-09-13&to=2022-09-13", "from=2022-09-08", "to=2022-09-09",
		"from=2022-09-11&to=2022-09-12", "from=2021-01-01&to=2022-09-13", "from=2022-09-09&to=2022-09-08",
		"from=2022-09-14", "to=2022-09-05", "from=1800-01-01&to=2022-09-10",
		// Instants are computed (their maps end at the instant, their days
		// are in their offset): the same either way.
		"from=2022-09-08T12:00:00Z&to=2022-09-10T10:00:00Z", "from=2022-09-07T23:30:00%2B03:00&to=2022-09-11",
		"from=2022-09-07&to=2022-09-10T12:00:00Z",
	}
	check := func(stage string) {
		t.Helper()
		for _, w := range windows {
			u := s.URL() + "/api/v1/layers/deepstate/series?" + w
			r1, cut := fetch(t, u)
			r2, computed := fetch(t, u+"&tz=UTC")
			if r1.StatusCode != r2.StatusCode || !bytes.Equal(cut, computed) {
				t.Errorf("%s: %s: %d %s\nwant (computed) %d %s", stage, w, r1.StatusCode, cut, r2.StatusCode, computed)
			}
			if r2.StatusCode == 200 && !bytes.Contains(computed, []byte(`"snapshot_id"`)) {
				t.Errorf("%s: %s: no day in %s: the test compares nothing", stage, w, computed)
			}
		}
	}
	check("two maps")
	for _, name := range []string{"2022-09-10T092907Z.geojson", "2022-09-10T214947Z.geojson", "2022-09-11T130919Z.geojson"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: name, Data: data}); err != nil {
			t.Fatal(err)
		}
		check("after " + name)
	}
}
