package control_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

// compareSettlementPeriods checks Settlements over windows of days: the
// cells' answer equals the pieces' (ref), the periods of each settlement
// tile the window day after day with a new status each, the filters keep
// what they name, and a day in another time zone is refused.
func compareSettlementPeriods(t *testing.T, svc, ref *control.Service, days []string) {
	t.Helper()
	ctx := context.Background()
	windows := [][2]string{{"", ""}, {days[1], days[len(days)-2]}, {days[2], days[2]}}
	for _, w := range windows {
		from, to := frontline.Day{Start: time.Time{}.In(time.UTC)}, frontline.Day{Start: time.Time{}.In(time.UTC)}
		if w[0] != "" {
			from, to = day(t, w[0]), day(t, w[1])
		}
		got, err := svc.Settlements(ctx, "deepstate", from, to, time.Time{}, frontline.SettlementFilter{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := ref.Settlements(ctx, "deepstate", from, to, time.Time{}, frontline.SettlementFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !got.FromCells || want.FromCells {
			t.Fatalf("window %v: from cells %v, reference %v", w, got.FromCells, want.FromCells)
		}
		got.FromCells = false
		if !reflect.DeepEqual(got, want) {
			t.Errorf("window %v: cells and pieces give different periods (%d/%d changed)", w, got.Changed, want.Changed)
		}
		if got.Days == 0 || len(got.Settlements) != got.Located {
			t.Fatalf("window %v: %d days, %d settlements of %d located", w, got.Days, len(got.Settlements), got.Located)
		}
		changed := 0
		for _, s := range got.Settlements {
			ps := s.Periods
			if ps[0].From != got.From || ps[len(ps)-1].To != got.To {
				t.Fatalf("window %v: %s's periods %v do not span %s–%s", w, s.Name, ps, got.From, got.To)
			}
			for k := 1; k < len(ps); k++ {
				end, _ := time.Parse(time.DateOnly, ps[k-1].To)
				if ps[k].From != end.AddDate(0, 0, 1).Format(time.DateOnly) || ps[k].Status == ps[k-1].Status {
					t.Fatalf("window %v: %s's periods %v are not consecutive runs of a new status", w, s.Name, ps)
				}
			}
			if len(ps) > 1 {
				changed++
			}
		}
		if changed != got.Changed {
			t.Errorf("window %v: %d settlements with more than one period, Changed says %d", w, changed, got.Changed)
		}
		if w[0] == days[2] && changed != 0 {
			t.Errorf("one day: %d settlements changed", changed)
		}
		only, err := svc.Settlements(ctx, "deepstate", from, to, time.Time{}, frontline.SettlementFilter{OblastISO: "UA-63", Changed: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range only.Settlements {
			if s.OblastISO != "UA-63" || len(s.Periods) < 2 {
				t.Fatalf("window %v: filtered to UA-63 and changed, got %s (%s, %d periods)", w, s.Name, s.OblastISO, len(s.Periods))
			}
		}
		if w[0] == "" && len(only.Settlements) == 0 {
			t.Errorf("the demo's whole window: no settlement of Kharkiv oblast changed hands")
		}
	}
	kyiv, _ := time.LoadLocation("Europe/Kyiv")
	d, err := frontline.ParseDay(days[1], kyiv)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Settlements(ctx, "deepstate", d, d, time.Time{}, frontline.SettlementFilter{}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Errorf("a day in Kyiv's time: %v, want an invalid-input error", err)
	}
}
