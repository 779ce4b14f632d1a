package assess_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/extract"
)

// TestStatedWindow: an area with a stated window is measured over it —
// the map of the day before its first day to the map of its last — and
// the reason names the window.
func TestStatedWindow(t *testing.T) {
	svc, g := fixture(t)
	c := &assess.Checker{Measures: assess.FromLayers(svc, "deepstate", time.Time{}, g)}
	n := frontline.NumberClaim{Kind: frontline.NumberArea, Value: 2500, Bound: frontline.BoundMoreThan, Side: frontline.SideUkraine,
		RefersTo: "2022-09-06/2022-09-10", RefersToPhrase: "from Sept. 6 to Sept. 10"}
	if err := c.CheckNumber(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	ch, err := svc.Change(context.Background(), "deepstate", day("2022-09-05"), day("2022-09-10"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	gained := 0.0
	for _, tr := range ch.Transitions {
		if tr.To == frontline.StatusUkraine && tr.From != tr.To {
			gained += tr.AreaKm2
		}
	}
	if n.Measured == nil || *n.Measured-gained > 1 || gained-*n.Measured > 1 || !strings.Contains(n.Reason, "from 2022-09-05 to 2022-09-10") {
		t.Fatalf("measured %v, change %v: %s", n.Measured, gained, n.Reason)
	}
	if (gained >= 2500*0.85) != (n.Verdict == frontline.VerdictConsistent) {
		t.Errorf("more than 2,500 against %v: %s", gained, n.Verdict)
	}
}

// TestOutsideLayer: an area in Kursk oblast is not checked against
// Ukraine's map, whether the sentence says so (Country) or its places lie
// in Russia (Place.Country); a distance between two places still is.
func TestOutsideLayer(t *testing.T) {
	svc, g := fixture(t)
	m := assess.FromLayers(svc, "deepstate", time.Time{}, g)
	// The gazetteer of this branch has no places across the border yet:
	// one is added at the edge, as the gazetteer will give it.
	sudzha := &frontline.Place{ID: "ru:sudzha", Name: "Sudzha", Country: "RU", Lon: 35.27, Lat: 51.19, PointSource: "geonames"}
	m.Place = func(ctx context.Context, id string) (*frontline.Place, error) {
		if id == sudzha.ID {
			return sudzha, nil
		}
		return g.FindPlace(ctx, id)
	}
	c := &assess.Checker{Measures: m}
	ns := []frontline.NumberClaim{
		{Quote: "1,150 square km", Kind: frontline.NumberArea, Value: 1150, Bound: frontline.BoundExact, Country: "RU", RefersTo: "2022-09-01/2022-09-10"},
		{Quote: "100 square km", Kind: frontline.NumberArea, Value: 100, Bound: frontline.BoundExact, PlaceIDs: []string{sudzha.ID}, RefersTo: "2022-09-01/2022-09-10"},
		{Quote: "10 km", Kind: frontline.NumberDistance, Value: 10, Bound: frontline.BoundExact, ReferenceID: sudzha.ID, RefersTo: "2022-09-10"},
		// Sudzha–Kharkiv: about 110 km; a distance between places needs no map.
		{Quote: "110 km", Kind: frontline.NumberDistance, Value: 110, Bound: frontline.BoundAbout, PlaceID: sudzha.ID, ReferenceID: "UA63120270010096107", RefersTo: "2022-09-10"},
		// Mixed: a Ukrainian place among them is checked.
		{Quote: "200 square km", Kind: frontline.NumberArea, Value: 200, Bound: frontline.BoundExact, PlaceIDs: []string{sudzha.ID, "UA63040010010039074"}, RefersTo: "2022-09-01/2022-09-10"},
	}
	if err := c.CheckNumbers(context.Background(), ns); err != nil {
		t.Fatal(err)
	}
	want := []string{frontline.VerdictOutsideLayer, frontline.VerdictOutsideLayer, frontline.VerdictOutsideLayer, "", ""}
	for i, n := range ns {
		if want[i] != "" && (n.Verdict != want[i] || !strings.Contains(n.Reason, "outside")) {
			t.Errorf("%s: %s %q, want %s", n.Quote, n.Verdict, n.Reason, want[i])
		}
		if want[i] == "" && n.Verdict == frontline.VerdictOutsideLayer {
			t.Errorf("%s: outside the layer (%s)", n.Quote, n.Reason)
		}
	}
	if ns[3].Measured == nil {
		t.Errorf("Sudzha–Kharkiv unmeasured: %s", ns[3].Reason)
	}
}

// TestPlaceToPlaceDistance: "Krasnohorivka … lies 20 kilometers west of
// Donetsk" is the distance between the two places, not Krasnohorivka's
// or Donetsk's distance to the front.
func TestPlaceToPlaceDistance(t *testing.T) {
	svc, g := fixture(t)
	x, err := extract.New(g).Extract("Krasnohorivka, a town of 16,000 people before the war, lies 20 kilometers west of Donetsk.", time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Numbers) != 1 {
		t.Fatalf("%+v", x.Numbers)
	}
	c := &assess.Checker{Measures: assess.FromLayers(svc, "deepstate", time.Time{}, g)}
	n := &x.Numbers[0]
	if err := c.CheckNumber(context.Background(), n); err != nil {
		t.Fatal(err)
	}
	if n.Measured == nil || !strings.Contains(n.Reason, "in a straight line") || !strings.Contains(n.Reason, "Krasnohorivka") {
		t.Fatalf("%s %v %s", n.Verdict, n.Measured, n.Reason)
	}
	// Krasnohorivka lies about 25 km west of Donetsk's centre.
	if *n.Measured < 15 || *n.Measured > 35 {
		t.Errorf("measured %v km", *n.Measured)
	}
	t.Logf("%s: %s", n.Verdict, n.Reason)
}

// TestShareUnchecked: a share of a place is not an area.
func TestShareUnchecked(t *testing.T) {
	var c assess.Checker
	n := frontline.NumberClaim{Kind: frontline.NumberShare, Value: 70, Unit: "percent", Bound: frontline.BoundExact, RefersTo: "2025-11-27"}
	if err := c.CheckNumber(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	if n.Verdict != frontline.VerdictUnchecked || !strings.Contains(n.Reason, "share") {
		t.Errorf("%s %s", n.Verdict, n.Reason)
	}
}
