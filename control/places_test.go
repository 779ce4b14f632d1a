package control_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// Points from GeoNames cities500 (../shared/data/gazetteer).
var testPlaces = []frontline.Place{
	{ID: "balakliia", Name: "Balakliia", OblastISO: "UA-63", Lon: 36.84433, Lat: 49.45595, Population: 26921, PointSource: "geonames"},
	{ID: "izium", Name: "Izium", OblastISO: "UA-63", Lon: 37.27679, Lat: 49.20697, Population: 45884, PointSource: "geonames"},
	{ID: "kupiansk", Name: "Kupiansk", OblastISO: "UA-63", Lon: 37.61581, Lat: 49.71003, Population: 27169, PointSource: "geonames"},
	{ID: "kharkiv", Name: "Kharkiv", OblastISO: "UA-63", Lon: 36.25272, Lat: 49.98081, Population: 1433886, PointSource: "geonames"},
	{ID: "enerhodar", Name: "Enerhodar", OblastISO: "UA-23", Lon: 34.66199, Lat: 47.49048, Population: 52887, PointSource: "geonames"},
	{ID: "nopoint", Name: "Nowhere"},
}

func TestSettlementsChangeHands(t *testing.T) {
	dir := dailyDir(t)
	svc, _ := newService(t)
	svc.SetPlaces(testPlaces)
	ctx := context.Background()
	for _, name := range []string{"2022-09-06T220510Z.geojson", "2022-09-08T213756Z.geojson", "2022-09-13T130124Z.geojson"} {
		importFile(t, svc, "deepstate", filepath.Join(dir, name))
	}
	ch, err := svc.Change(ctx, "deepstate", day(t, "2022-09-06"), day(t, "2022-09-13"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]frontline.SettlementChange{}
	for _, s := range ch.Settlements {
		got[s.ID] = s
	}
	// Izium (pop. 45,884) was retaken on 10 September, Kupiansk and
	// Balakliia on 8–10 September; Kharkiv and Enerhodar did not change.
	for _, id := range []string{"izium", "kupiansk", "balakliia"} {
		if s, ok := got[id]; !ok || s.From != frontline.StatusRussia || s.To != frontline.StatusUkraine {
			t.Errorf("%s: %+v, want russia → ukraine", id, s)
		}
	}
	if len(ch.Settlements) != 3 || ch.Settlements[0].ID != "izium" {
		t.Errorf("settlements = %+v, want 3, Izium (largest) first", ch.Settlements)
	}

	area, err := svc.Area(ctx, "deepstate", day(t, "2022-09-13"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if c := area.Settlements[frontline.StatusRussia]; c.Settlements != 1 || c.Population != 52887 {
		t.Errorf("russia holds %+v on 2022-09-13, want Enerhodar only", c)
	}

	tl, err := svc.PlaceTimeline(ctx, "deepstate", &testPlaces[0], time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Periods) != 2 || tl.Periods[0].Status != frontline.StatusRussia || tl.Periods[1].Status != frontline.StatusUkraine || tl.Periods[1].From != "2022-09-08" {
		t.Errorf("Balakliia timeline = %+v", tl.Periods)
	}
	if _, err := svc.PlaceTimeline(ctx, "deepstate", &testPlaces[5], time.Time{}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Errorf("timeline of a place without a point: %v", err)
	}
}

func TestFrontDistance(t *testing.T) {
	dir := dailyDir(t)
	svc, _ := newService(t)
	importFile(t, svc, "deepstate", filepath.Join(dir, "2022-09-13T130124Z.geojson"))
	ctx := context.Background()
	// Zaporizhzhia NPP (47.5119 N, 34.5858 E): occupied since March 2022,
	// across the Kakhovka reservoir from Ukrainian-held Nikopol.
	znpp, err := svc.FrontDistance(ctx, "deepstate", 34.5858, 47.5119, day(t, "2022-09-13"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if znpp.Side != frontline.StatusRussia || znpp.Across != frontline.StatusUkraine || znpp.DistanceM < 1000 || znpp.DistanceM > 15000 {
		t.Errorf("ZNPP: %+v", znpp)
	}
	// Kharkiv city: Ukrainian, tens of km from the front on 13 September.
	kh, err := svc.FrontDistance(ctx, "deepstate", 36.25272, 49.98081, day(t, "2022-09-13"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if kh.Side != frontline.StatusUkraine || kh.DistanceM < 10000 || kh.DistanceM > 150000 {
		t.Errorf("Kharkiv: %+v", kh)
	}
	t.Logf("ZNPP %.1f km from the front (%s side, across %s) at %.5f,%.5f; Kharkiv %.1f km", znpp.DistanceM/1000, znpp.Side, znpp.Across, znpp.NearestLon, znpp.NearestLat, kh.DistanceM/1000)
	// Coastal towns deep in occupied ground: the strips of land the
	// tracker's coarse coastline leaves between its polygon and the sea are
	// not a front (Berdiansk read 1.0 km and Yalta 2.2 km before slivers
	// were dropped).
	for _, c := range []struct {
		name     string
		lon, lat float64
	}{{"Berdiansk", 36.7845, 46.7553}, {"Yalta", 34.1596, 44.4952}, {"Mariupol", 37.5498, 47.0958}} {
		d, err := svc.FrontDistance(ctx, "deepstate", c.lon, c.lat, day(t, "2022-09-13"), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Side != frontline.StatusRussia || d.DistanceM < 50000 {
			t.Errorf("%s: %.1f km from the front (%s side): a coastal sliver read as front", c.name, d.DistanceM/1000, d.Side)
		}
	}
	// Nikopol faces the plant across the reservoir: water between two
	// sides is a front.
	nk, err := svc.FrontDistance(ctx, "deepstate", 34.3958, 47.5712, day(t, "2022-09-13"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if nk.Side != frontline.StatusUkraine || nk.Across != frontline.StatusRussia || nk.DistanceM > 15000 {
		t.Errorf("Nikopol: %+v", nk)
	}
	if _, err := svc.FrontDistance(ctx, "deepstate", 200, 47, day(t, "2022-09-13"), time.Time{}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Errorf("bad point: %v", err)
	}
}

// A day inside a layer without a map of its own carries the previous map;
// a day after the last map is outside the layer.
func TestDayWithoutMap(t *testing.T) {
	dir := dailyDir(t)
	svc, _ := newService(t)
	importFile(t, svc, "deepstate", filepath.Join(dir, "2022-09-06T220510Z.geojson"))
	importFile(t, svc, "deepstate", filepath.Join(dir, "2022-09-13T130124Z.geojson"))
	ctx := context.Background()
	a, err := svc.Area(ctx, "deepstate", day(t, "2022-09-10"), time.Time{})
	if err != nil {
		t.Fatalf("a skipped day inside the layer: %v", err)
	}
	if got := a.Snapshot.ValidAt.Format("2006-01-02"); got != "2022-09-06" {
		t.Errorf("2022-09-10 answered with the map of %s, want 2022-09-06's", got)
	}
	if _, err := svc.Area(ctx, "deepstate", day(t, "2022-09-14"), time.Time{}); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Errorf("a day after the last map: %v", err)
	}
}
