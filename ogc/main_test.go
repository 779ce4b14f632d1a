package ogc_test

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/sqlite"
)

// svc is a real service over a real SQLite file holding the bundled demo
// (DeepState, 2022-08-20 – 2022-10-20), shared by the package's tests:
// importing it takes most of the package's test time.
var svc *control.Service

func TestMain(m *testing.M) {
	flag.Parse()
	if fuzzWorker() {
		os.Exit(m.Run()) // runs only the fuzz targets, which need no store
	}
	dir, err := os.MkdirTemp("", "frontline-ogc-test")
	if err != nil {
		log.Fatal(err)
	}
	code, err := run(m, dir)
	os.RemoveAll(dir)
	if err != nil {
		log.Fatal(err)
	}
	os.Exit(code)
}

// fuzzWorker reports whether this process is a worker of go test -fuzz.
func fuzzWorker() bool {
	f := flag.Lookup("test.fuzzworker")
	return f != nil && f.Value.String() == "true"
}

func run(m *testing.M, dir string) (int, error) {
	bounds, err := boundaries.Load()
	if err != nil {
		return 0, err
	}
	db := sqlite.NewDB(filepath.Join(dir, "f.db"))
	if err := db.Open(); err != nil {
		return 0, err
	}
	defer db.Close()
	svc = control.NewService(sqlite.NewSnapshotStore(db), bounds)
	start := time.Now()
	if err := loadDemo(context.Background(), svc); err != nil {
		return 0, err
	}
	if testing.Verbose() {
		log.Printf("demo loaded in %s", time.Since(start).Round(time.Millisecond))
	}
	return m.Run(), nil
}

// loadDemo imports the bundled demo as `frontline serve` does on first
// start. With -short (the race detector's run) it imports only the maps of
// 2022-09-05 – 2022-09-20, which the tests' dates fall in.
func loadDemo(ctx context.Context, svc *control.Service) error {
	b, err := demo.Load()
	if err != nil {
		return err
	}
	if testing.Short() {
		var keep []demo.Snapshot
		for _, sn := range b.Snapshots {
			if d := sn.ValidAt.UTC().Format("2006-01-02"); d >= "2022-09-05" && d <= "2022-09-20" {
				keep = append(keep, sn)
			}
		}
		b.Snapshots = keep
	}
	if err := svc.CreateLayer(ctx, &frontline.Layer{Name: b.Layer, Title: b.Title, Source: b.Source, Licence: b.Licence}); err != nil {
		return err
	}
	var failed error
	err = svc.ImportMany(ctx, len(b.Snapshots), func(i int) (frontline.ImportRequest, error) {
		sn := b.Snapshots[i]
		return frontline.ImportRequest{Layer: b.Layer, SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}, nil
	}, func(i int, _ *frontline.ImportResult, err error) {
		if err != nil && failed == nil {
			failed = fmt.Errorf("demo snapshot %s: %w", b.Snapshots[i].Name, err)
		}
	})
	if err != nil {
		return err
	}
	return failed
}
