package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
)

func TestListStore(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	snaps, lists := sqlite.NewSnapshotStore(db), sqlite.NewListStore(db)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	t1, t2 := day("2025-05-08"), day("2025-06-01")

	if _, err := lists.AddListEntries(ctx, "perelik", "a.csv", "h1", nil); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("unknown layer: %v", err)
	}
	if err := snaps.CreateLayer(ctx, &frontline.Layer{Name: "perelik", CreatedAt: t1}); err != nil {
		t.Fatal(err)
	}
	if _, err := lists.FindListEntries(ctx, "perelik", time.Time{}); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("empty layer: %v", err)
	}
	v1 := []frontline.ListEntry{
		{KATOTTG: "UA63040010010039074", Name: "м. Балаклія", Oblast: "ХАРКІВСЬКА", Section: "II", Status: frontline.StatusRussia,
			From: day("2022-03-02"), To: day("2022-09-11"), Line: 7, RecordedAt: t1},
		{KATOTTG: "UA63040010000010092", Name: "Балаклійська міська територіальна громада", Section: "1", Status: frontline.StatusUkraine,
			Except: []string{"Балаклія", "Бригадирівка"}, From: day("2022-09-12"), Line: 9, RecordedAt: t1},
	}
	if added, err := lists.AddListEntries(ctx, "perelik", "a.csv", "h1", v1); err != nil || !added {
		t.Fatalf("add v1: %v %v", added, err)
	}
	if added, err := lists.AddListEntries(ctx, "perelik", "a.csv", "h1", v1); err != nil || added {
		t.Fatalf("same file again: added=%v %v", added, err)
	}
	got, err := lists.FindListEntries(ctx, "perelik", time.Time{})
	if err != nil || len(got) != 2 {
		t.Fatalf("find: %v %v", got, err)
	}
	if g := got[0]; g.KATOTTG != v1[0].KATOTTG || !g.From.Equal(v1[0].From) || !g.To.Equal(v1[0].To) || g.Status != frontline.StatusRussia || g.Line != 7 || !g.RecordedAt.Equal(t1) || g.Layer != "perelik" {
		t.Fatalf("entry 0: %+v", g)
	}
	if g := got[1]; !g.To.IsZero() || len(g.Except) != 2 || g.Except[1] != "Бригадирівка" {
		t.Fatalf("entry 1: %+v", g)
	}

	v2 := []frontline.ListEntry{{KATOTTG: "UA63080150000043734", Name: "x", Section: "II", Status: frontline.StatusRussia, From: day("2022-02-26"), RecordedAt: t2}}
	if added, err := lists.AddListEntries(ctx, "perelik", "b.csv", "h2", v2); err != nil || !added {
		t.Fatalf("add v2: %v %v", added, err)
	}
	if got, _ := lists.FindListEntries(ctx, "perelik", time.Time{}); len(got) != 1 || got[0].KATOTTG != v2[0].KATOTTG {
		t.Fatalf("latest: %+v", got)
	}
	if got, _ := lists.FindListEntries(ctx, "perelik", t2.Add(-time.Hour)); len(got) != 2 {
		t.Fatalf("as known before v2: %+v", got)
	}
	if _, err := lists.FindListEntries(ctx, "perelik", t1.Add(-time.Hour)); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("as known before v1: %v", err)
	}
}
