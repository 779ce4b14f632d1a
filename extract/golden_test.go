package extract_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

var (
	goldenCheck  = flag.Bool("golden", false, "compare every extraction of ../shared/data with testdata/golden-extract.txt")
	goldenUpdate = flag.Bool("golden-update", false, "rewrite testdata/golden-extract.txt from the current rules")
)

const goldenPath = "testdata/golden-extract.txt"

// TestExtractGolden guards refactoring for speed: it extracts every text
// of ../shared/data/articles (all sets, tuning and held-out alike: the
// results are only compared, never scored) and every DeepState note (both
// languages, with and without its links), and compares a hash of each
// extraction's full JSON with testdata/golden-extract.txt.
//
// It runs only with -golden, since any intended change of the rules
// changes the hashes: regenerate them with -golden-update from the code
// whose output is the reference, then check a refactoring with -golden.
func TestExtractGolden(t *testing.T) {
	if !*goldenCheck && !*goldenUpdate {
		t.Skip("run with -golden (compare) or -golden-update (rewrite)")
	}
	testExtractor(t) // the gazetteer's load is not timed
	cpu0 := cpuSeconds()
	got, size := goldenHashes(t)
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		t.Logf("%d texts, %.2f MB in %.2f CPU-s: %.2f MB/cpu-s", len(got), float64(size)/1e6, cpu, float64(size)/1e6/cpu)
	}
	if *goldenUpdate {
		var b strings.Builder
		names := make([]string, 0, len(got))
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(&b, "%s %s\n", got[n], n)
		}
		if err := os.WriteFile(goldenPath, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d hashes to %s", len(got), goldenPath)
		return
	}
	f, err := os.Open(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		hash, name, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("%s: bad line %q", goldenPath, sc.Text())
		}
		want[name] = hash
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for n, h := range want {
		g, ok := got[n]
		switch {
		case !ok:
			t.Errorf("%s: no longer extracted", n)
		case g != h:
			bad++
			if bad <= 20 {
				t.Errorf("%s: extraction changed", n)
			}
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s: not in %s", n, goldenPath)
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d extractions changed", bad, len(want))
	}
	t.Logf("%d extractions compared", len(want))
}

// goldenHashes extracts every text and returns name → sha256 of the JSON,
// and the bytes extracted.
func goldenHashes(t *testing.T) (map[string]string, int) {
	e := testExtractor(t)
	out := map[string]string{}
	size := 0
	add := func(name string, text string, x *frontline.Extraction, err error) {
		size += len(text)
		if err != nil {
			out[name] = "error:" + strings.ReplaceAll(err.Error(), " ", "_")
			return
		}
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		out[name] = hex.EncodeToString(sum[:])
	}
	root := articlesDir(t)
	err := filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(path, ".txt") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		published := day("2022-09-30")
		base := filepath.Base(path)
		if len(base) >= 10 {
			if p, err := time.Parse("2006-01-02", base[:10]); err == nil {
				published = p
			}
		}
		rel, _ := filepath.Rel(root, path)
		x, xerr := e.Extract(string(b), published)
		add("articles/"+rel, string(b), x, xerr)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	versions, _ := readDeepStateNotes(t)
	for _, v := range versions {
		published, _ := time.Parse(time.RFC3339, *v.CreatedAt)
		for lang, note := range map[string]*string{"uk": v.Description, "en": v.DescriptionEn} {
			if note == nil || *note == "" {
				continue
			}
			text, links, _ := stripNoteLinks(*note)
			name := fmt.Sprintf("notes/%d/%s", *v.ID, lang)
			x, xerr := e.Extract(text, published)
			add(name, text, x, xerr)
			x, xerr = e.ExtractLinked(text, published, links)
			add(name+"/linked", text, x, xerr)
		}
	}
	return out, size
}
