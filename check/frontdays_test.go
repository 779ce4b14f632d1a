package check

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/internal/shareddata"
	"github.com/frontline-osint/frontline/report"
)

// TestFrontDays: the fronts a check builds ahead are those of the days
// the numbers' checks measure a place's distance from the front on, in
// every article of ../shared/data (each checked at its own date, the seed
// article at 2022-09-13): the days asked, each once, in the order asked.
func TestFrontDays(t *testing.T) {
	g, err := gazetteer.OpenEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(shareddata.Dir(t), "articles")
	var files []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".txt" {
			files = append(files, path)
		}
		return nil
	})
	if len(files) < 10 {
		t.Fatalf("%d articles under %s", len(files), dir)
	}
	ctx := context.Background()
	withFront := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pub := time.Date(2022, 9, 13, 0, 0, 0, 0, time.UTC)
		if d, ok := report.DateFromName(path); ok {
			pub = d
		}
		x, err := extract.New(g).Extract(string(data), pub)
		if err != nil {
			t.Fatal(err)
		}
		var asked []string
		c := &assess.Checker{Measures: assess.Measures{
			Place: g.FindPlace,
			FrontDistanceKm: func(ctx context.Context, lon, lat float64, at frontline.Day) (float64, error) {
				if !slices.Contains(asked, at.Label) {
					asked = append(asked, at.Label)
				}
				return 1, nil
			},
		}}
		for i := range x.Numbers {
			c.CheckNumber(ctx, &x.Numbers[i])
		}
		var built []string
		for _, d := range frontDays(x.Numbers) {
			built = append(built, d.Label)
		}
		if !slices.Equal(built, asked) {
			t.Errorf("%s: fronts built ahead %v, asked for %v", filepath.Base(path), built, asked)
		}
		if len(asked) > 0 {
			withFront++
		}
	}
	if withFront == 0 {
		t.Fatal("no article measures a place against the front: nothing compared")
	}
	t.Logf("%d articles, %d measure places against a front", len(files), withFront)
}
