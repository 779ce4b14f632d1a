package control_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
)

// TestWarmLayer: a process that warms a layer first (while a check reads
// its document) gives the same change, timeline, front distance and
// gained ground as one that does not, warmed concurrently with the
// questions or before them; a layer that is not stored is warmed without
// harm.
func TestWarmLayer(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t)
	store, bounds := svc.Store, svc.Bounds
	files, err := filepath.Glob(filepath.Join(dailyDir(t), "*.geojson"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d daily maps: %v", len(files), err)
	}
	for _, f := range files[:24] {
		importFile(t, svc, "deepstate", f)
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	// The stored transitions, as after the first change of a daily import.
	if _, err := svc.LocatePlaces(ctx, "deepstate"); err != nil {
		t.Fatal(err)
	}
	var balakliia *frontline.Place
	for i := range places {
		if places[i].Name == "Balakliia" && places[i].OblastISO == "UA-63" {
			balakliia = &places[i]
		}
	}
	if balakliia == nil {
		t.Fatal("no Balakliia in the gazetteer")
	}
	from, to := day(t, "2022-08-23"), day(t, "2022-09-09")
	answers := func(s *control.Service) string {
		ch, err := s.Change(ctx, "deepstate", from, to, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		tl, err := s.PlaceTimeline(ctx, "deepstate", balakliia, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		fd, err := s.FrontDistance(ctx, "deepstate", balakliia.Lon, balakliia.Lat, to, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		gained, err := s.GainedVertices(ctx, "deepstate", frontline.StatusUkraine, from, to, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal([]any{ch.Transitions, ch.Settlements, tl, fd, gained})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	fresh := func() *control.Service {
		s := control.NewService(store, bounds)
		s.SetPlaces(places)
		return s
	}
	want := answers(fresh())
	before := fresh()
	before.WarmLayer(ctx, "deepstate")
	if got := answers(before); got != want {
		t.Errorf("warmed first: answers differ")
	}
	during := fresh()
	done := make(chan struct{})
	go func() { during.WarmLayer(ctx, "deepstate"); close(done) }()
	got := answers(during)
	<-done
	if got != want {
		t.Errorf("warmed while answering: answers differ")
	}
	other := fresh()
	other.WarmLayer(ctx, "nosuchlayer")
	if got := answers(other); got != want {
		t.Errorf("another layer warmed: answers differ")
	}
}
