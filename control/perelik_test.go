package control_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/sqlite"
)

func perelikPath(t testing.TB) string {
	return filepath.Join(dataDir(t), "gazetteer", "perelik-occupied-territories-2025-05-07.csv")
}

func TestParsePerelik(t *testing.T) {
	data, err := os.ReadFile(perelikPath(t))
	if err != nil {
		t.Fatal(err)
	}
	if !control.IsPerelik(data) {
		t.Fatal("IsPerelik: false for the perelik CSV")
	}
	entries, warnings, err := control.ParsePerelikReport("perelik.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d entries, %d warnings: %v", len(entries), len(warnings), warnings)
	// 3,018 rows, one malformed code (20 digits) skipped; rows with
	// several periods give several entries.
	if len(warnings) != 1 || !strings.Contains(warnings[0], "UA140201100200772055") {
		t.Errorf("warnings: %v", warnings)
	}
	if len(entries) < 3017 {
		t.Errorf("%d entries, want at least 3,017", len(entries))
	}
	ix := control.NewListIndex(entries)
	for _, c := range []struct {
		code, name, day string
		want            frontline.Status
		section         string
	}{
		// м. Балаклія: active hostilities 24.02–02.03.2022, occupied
		// 02.03–11.09.2022, possible hostilities from 11.09.2022.
		{"UA63040010010039074", "Балаклія", "2022-02-25", frontline.StatusContested, "2"},
		{"UA63040010010039074", "Балаклія", "2022-09-05", frontline.StatusRussia, "II"},
		{"UA63040010010039074", "Балаклія", "2022-09-11", frontline.StatusUkraine, "1"},
		// Асіївка has no rows: the hromada's row of active hostilities
		// (24.02–12.09.2022) holds, then possible hostilities.
		{"UA63040010020071209", "Асіївка", "2022-09-05", frontline.StatusContested, "2"},
		{"UA63040010020071209", "Асіївка", "2022-09-13", frontline.StatusUkraine, "1"},
		// Бригадирівка's own rows: occupied 05.03–11.09.2022.
		{"UA63040010060028474", "Бригадирівка", "2022-03-04", frontline.StatusContested, "2"},
		{"UA63040010060028474", "Бригадирівка", "2022-09-10", frontline.StatusRussia, "II"},
		// Куп’янськ: occupied 24.02–09.09.2022, then active hostilities.
		{"UA63080090010026457", "Куп’янськ", "2022-09-08", frontline.StatusRussia, "II"},
		{"UA63080090010026457", "Куп’янськ", "2022-09-13", frontline.StatusContested, "2"},
		// Crimea, by its oblast row, since 20.02.2014.
		{"UA01160330010074014", "Сімферополь", "2022-09-05", frontline.StatusRussia, "II"},
		// Lviv: not listed.
		{"UA46060250010015970", "Львів", "2022-09-05", frontline.StatusUkraine, ""},
	} {
		st, e := ix.Status(c.code, c.name, c.day)
		sec := ""
		if e != nil {
			sec = e.Section
		}
		if st != c.want || sec != c.section {
			t.Errorf("%s %s on %s: %s (section %q, %+v), want %s (section %q)", c.code, c.name, c.day, st, sec, e, c.want, c.section)
		}
	}
}

func TestParsePerelikErrors(t *testing.T) {
	const header = "table_index,section,oblast,raion,katottg_code,name,date_start,date_end\n"
	for _, c := range []struct{ data, want string }{
		{"a,b\n1,2\n", `x.csv: not a perelik CSV: no "section" column`},
		{header + "0,ІІ. Т,o,r,UA63040010010039074,м. Б,02.03.2022,31.02.2022\n", `x.csv:2: date_end: no such date "31.02.2022"`},
		{header + "0,ІІ. Т,o,r,UA63040010010039074,м. Б,02.03.2022,soon\n", `x.csv:2: date_end: cannot read "soon"`},
		{header + "0,ІІ. Т,o,r,UA63040010010039074,м. Б,,\n", `x.csv:2: UA63040010010039074 has no start date`},
		{header + "0,9. X,o,r,UA63040010010039074,м. Б,02.03.2022,\n", `x.csv:2: unknown section "9. X"`},
		{header + "0,1. X,o,r,UA63040010010039074,м. Б,02.03.2022,01.03.2022\n", `x.csv:2: period 1 ends (01.03.2022) before it starts`},
		{header + "0,1. X,o,r,UA63040010010039074,м. Б,02.03.2022,01.04.2022 01.05.2022\n", `x.csv:2: 2 end dates for 1 start dates`},
		{header + "0,1. X,o,\"r\n", `x.csv: parse error on line 2`},
	} {
		_, err := control.ParsePerelik("x.csv", []byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.data, err, c.want)
		}
	}
	// Several periods in one row; an open last period; exceptions.
	es, err := control.ParsePerelik("x.csv", []byte(header+
		"0,2. A,o,r,UA63040010000010092,\"Балаклійська громада за винятком м. Балаклія,  с.\u00a0Байрак та с-ще Гостре\",23.07.2022 04.06.2023,23.10.2022\n"))
	if err != nil || len(es) != 2 {
		t.Fatalf("%+v %v", es, err)
	}
	if es[0].To.Format("2006-01-02") != "2022-10-23" || !es[1].To.IsZero() || es[1].From.Format("2006-01-02") != "2023-06-04" ||
		es[0].Name != "Балаклійська громада" || strings.Join(es[0].Except, "|") != "балаклія|байрак|гостре" || es[0].Status != frontline.StatusContested || es[0].Line != 2 {
		t.Fatalf("%+v", es)
	}
	// A hromada row applies to its settlements unless it excepts them by
	// name; a settlement's own rows in a section override its hromada's.
	ix := control.NewListIndex(es)
	for _, c := range []struct {
		code, name string
		want       frontline.Status
	}{
		{"UA63040010020071209", "Асіївка", frontline.StatusContested},
		{"UA63040010030034693", "Байрак", frontline.StatusUkraine},
		{"UA63040010990000000", "Гостре", frontline.StatusUkraine},
		{"UA63040010990000000", "Гостре Друге", frontline.StatusContested},
	} {
		if st, _ := ix.Status(c.code, c.name, "2022-08-01"); st != c.want {
			t.Errorf("%s on 2022-08-01: %s, want %s", c.name, st, c.want)
		}
	}
	if st, _ := ix.Status("UA63040010020071209", "Асіївка", "2022-11-01"); st != frontline.StatusUkraine {
		t.Errorf("Асіївка between periods: %s", st)
	}
}

func FuzzParsePerelik(f *testing.F) {
	f.Add([]byte("table_index,section,oblast,raion,katottg_code,name,date_start,date_end\n0,ІІ. Т,o,r,UA63040010010039074,м. Б за винятком с. В,02.03.2022 1.1 2023,11.09.2022\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		control.ParsePerelik("f.csv", data)
	})
}

func TestImportList(t *testing.T) {
	svc, _ := newService(t)
	data, err := os.ReadFile(perelikPath(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	req := control.ListImportRequest{Layer: "perelik", SourceName: "perelik.csv", Data: data}
	if _, err := svc.ImportList(ctx, req); err == nil || !strings.Contains(err.Error(), "does not hold lists") {
		t.Fatalf("without a list store: %v", err)
	}

	db := sqlite.NewDB(filepath.Join(t.TempDir(), "lists.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc.Store, svc.Lists = sqlite.NewSnapshotStore(db), sqlite.NewListStore(db)
	res, err := svc.ImportList(ctx, req)
	if err != nil || !res.Added || res.Entries != 3195 || res.BySection["II"] == 0 || res.Hromadas == 0 || res.Settlements == 0 {
		t.Fatalf("import: %+v %v", res, err)
	}
	if res, err := svc.ImportList(ctx, req); err != nil || res.Added {
		t.Fatalf("again: %+v %v", res, err)
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	svc.SetPlaces(places)
	if _, err := svc.CompareList(ctx, "deepstate", "perelik", day(t, "2022-09-05"), time.Time{}); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("no polygon layer: %v", err)
	}
	importFile(t, svc, "deepstate", filepath.Join(dailyDir(t), "2022-09-05T210107Z.geojson"))
	if _, err := svc.ImportList(ctx, control.ListImportRequest{Layer: "deepstate", SourceName: "p.csv", Data: data}); frontline.ErrorCode(err) != frontline.ECONFLICT {
		t.Fatalf("list into a polygon layer: %v", err)
	}
	cmp, err := svc.CompareList(ctx, "deepstate", "perelik", day(t, "2022-09-05"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("2022-09-05: %d hromadas, %d agree (%d both occupied), %d list only, %d polygons only",
		cmp.Hromadas, cmp.Agree, cmp.BothOccupied, cmp.ListOnly, cmp.PolygonsOnly)
	if cmp.Hromadas < 1000 || cmp.Agree+cmp.ListOnly+cmp.PolygonsOnly != cmp.Hromadas || cmp.BothOccupied < 100 {
		t.Fatalf("totals: %+v", cmp)
	}
	// Balakliia's hromada on 2022-09-05: the list calls 13 of its 37
	// settlements occupied (the city and the villages it names); DeepState
	// has 10 of them on Russian-held ground, each at its own point (with
	// hromada centroids it had nearly all 37). Neither has half: it agrees.
	for _, d := range cmp.Disagreements {
		t.Logf("%+v", d)
		if d.Hromada == "UA6304001" {
			t.Errorf("Balakliia's hromada disagrees: %+v", d)
		}
	}
}
