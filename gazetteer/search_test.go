package gazetteer_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/geo"
)

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

func testGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	gazOnce.Do(func() {
		var places []frontline.Place
		if places, gazErr = gazetteer.LoadEmbedded(); gazErr == nil {
			gaz = gazetteer.New(places)
		}
	})
	if gazErr != nil {
		t.Fatal(gazErr)
	}
	return gaz
}

// Codes from the KATOTTG codifier (../shared/data/gazetteer).
const (
	balakliia    = "UA63040010010039074"
	izium        = "UA63040090010029555"
	kupiansk     = "UA63080090010026457"
	kharkiv      = "UA63120270010096107"
	kyiv         = "UA80000000000093317"
	kherson      = "UA65100150010064384"
	enerhodar    = "UA23040110010044100"
	zaporizhzhia = "UA23060070010069526"
	mykolaiv     = "UA48060150010035747"
	volokhivYar  = "UA63040010130019033"
	vovchyiYar   = "UA63040010100085586"
	kalynivkaKh  = "UA63040010160063311" // in Balakliia hromada
	semenivkaKh  = "UA63080150460071742" // in Shevchenkove hromada, Kupiansk raion
	bakhmut      = "UA14020010010059145"
	lyman        = "UA14120110010088407"
	shevchenkove = "UA63080150010082504"
	chuhuiv      = "UA63140170010036104"
)

// pressCases are spellings from the articles in ../shared/data/articles,
// official Ukrainian and Russian names, and common press forms, with the
// context a reader has (the oblast, or places named nearby).
var pressCases = []struct {
	q, want, oblast string
	near            string // a place named in the same text
}{
	{"Balakliia", balakliia, "", ""}, {"Balakliya", balakliia, "", ""}, {"Balakliiya", balakliia, "", ""},
	{"Balakleya", balakliia, "", ""}, {"Balakleia", balakliia, "Kharkiv", ""}, {"Балаклія", balakliia, "", ""},
	{"Балаклея", balakliia, "", ""}, {"balakliia", balakliia, "", ""}, {"BALAKLIIA", balakliia, "", ""}, {"Balaklija", balakliia, "", ""},
	{"Izium", izium, "", ""}, {"Izyum", izium, "", ""}, {"Izjum", izium, "", ""}, {"Ізюм", izium, "", ""}, {"Изюм", izium, "", ""},
	{"Kupiansk", kupiansk, "", ""}, {"Kupyansk", kupiansk, "", ""}, {"Kup'yansk", kupiansk, "", ""}, {"Kup’iansk", kupiansk, "", ""},
	{"Куп'янськ", kupiansk, "", ""}, {"Купʼянськ", kupiansk, "", ""}, {"Купянск", kupiansk, "", ""}, {"Kupjansk", kupiansk, "", ""},
	{"Kharkiv", kharkiv, "", ""}, {"Kharkov", kharkiv, "", ""}, {"Харків", kharkiv, "", ""}, {"Харьков", kharkiv, "", ""}, {"kharkiv", kharkiv, "", ""},
	{"Kyiv", kyiv, "", ""}, {"kyiv", kyiv, "", ""}, {"Kiev", kyiv, "", ""}, {"Київ", kyiv, "", ""}, {"Киев", kyiv, "", ""},
	{"Kherson", kherson, "", ""}, {"Херсон", kherson, "", ""},
	{"Enerhodar", enerhodar, "", ""}, {"Energodar", enerhodar, "", ""}, {"Енергодар", enerhodar, "", ""}, {"Энергодар", enerhodar, "", ""},
	{"Zaporizhzhia", zaporizhzhia, "", ""}, {"Zaporizhia", zaporizhzhia, "", ""}, {"Zaporozhye", zaporizhzhia, "", ""}, {"Запоріжжя", zaporizhzhia, "", ""},
	{"Mykolaiv", mykolaiv, "", ""}, {"Nikolaev", mykolaiv, "", ""}, {"Николаев", mykolaiv, "", ""},
	{"Volokhiv Yar", volokhivYar, "", "Balakliia"}, {"Волохів Яр", volokhivYar, "", "Balakliia"},
	{"Vovchyi Yar", vovchyiYar, "", "Balakliia"}, {"Vovchiy Yar", vovchyiYar, "", "Balakliia"}, {"Вовчий Яр", vovchyiYar, "", "Balakliia"},
	{"Kalynivka", kalynivkaKh, "", "Balakliia"}, {"Kalinovka", kalynivkaKh, "", "Balakliia"}, {"Калинівка", kalynivkaKh, "", "Balakliia"},
	{"Semenivka", semenivkaKh, "", "Shevchenkove"}, {"Semenovka", semenivkaKh, "", "Shevchenkove"},
	{"Bakhmut", bakhmut, "", ""}, {"Artemovsk", bakhmut, "", ""}, {"Бахмут", bakhmut, "", ""},
	{"Lyman", lyman, "Donetsk", ""}, {"Liman", lyman, "Donetsk", ""},
	{"Shevchenkove", shevchenkove, "Kharkiv", ""}, {"Shevchenkovo", shevchenkove, "Kharkiv", ""},
	{"Chuhuiv", chuhuiv, "", ""}, {"Chuguev", chuhuiv, "", ""}, {"Чугуев", chuhuiv, "", ""},
	// Typos.
	{"Balakliua", balakliia, "", ""}, {"Izuim", izium, "", ""}, {"Kupiansl", kupiansk, "", ""}, {"Kharkic", kharkiv, "", ""}, {"Enerhodr", enerhodar, "", ""},
}

func TestPressSpellings(t *testing.T) {
	g := testGazetteer(t)
	ok := 0
	for _, c := range pressCases {
		q := gazetteer.Query{Text: c.q, Oblast: c.oblast, Limit: 3}
		if c.near != "" {
			anchor, err := g.Search(gazetteer.Query{Text: c.near, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			q.Mentions = [][2]float64{{anchor[0].Lon, anchor[0].Lat}}
		}
		cs, err := g.Search(q)
		if err != nil {
			t.Errorf("%q: %v", c.q, err)
			continue
		}
		if cs[0].KATOTTG != c.want {
			t.Errorf("%q → %s %s (%s, %s), want %s", c.q, cs[0].Name, cs[0].KATOTTG, cs[0].Oblast, cs[0].Reason, c.want)
			continue
		}
		ok++
	}
	t.Logf("press spellings: %d/%d resolved top-1", ok, len(pressCases))
}

// TestGeoNamesVariants resolves every Latin and Cyrillic alternate name
// GeoNames lists for Ukraine's 120 largest places, each with the place's
// oblast as context (as a reader knows it), and checks the top candidate
// lies within 5 km of the GeoNames point — a check independent of how the
// gazetteer joined the rows.
func TestGeoNamesVariants(t *testing.T) {
	g := testGazetteer(t)
	path := filepath.Join("..", "..", "shared", "data", "gazetteer", "geonames-cities500-UA.tsv")
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	defer f.Close()
	type row struct {
		name     string
		alts     []string
		lon, lat float64
		pop      int
	}
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 || c[10] == "11" || c[10] == "20" { // Crimea and Sevastopol: the codifier's names differ
			continue
		}
		lat, _ := strconv.ParseFloat(c[4], 64)
		lon, _ := strconv.ParseFloat(c[5], 64)
		pop, _ := strconv.Atoi(c[14])
		rows = append(rows, row{c[1], strings.Split(c[3], ","), lon, lat, pop})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].pop > rows[j].pop })
	rows = rows[:120]
	total, ok := 0, 0
	var misses []string
	for _, r := range rows {
		// The oblast the place is in, from the gazetteer's nearest city.
		seen := map[string]bool{}
		for _, alt := range append([]string{r.name}, r.alts...) {
			alt = strings.TrimSpace(alt)
			if alt == "" || seen[alt] || !spelling(alt) {
				continue
			}
			seen[alt] = true
			total++
			cs, err := g.Search(gazetteer.Query{Text: alt, Near: &[2]float64{r.lon, r.lat}, Limit: 1})
			if err == nil && geo.DistanceM(cs[0].Lon, cs[0].Lat, r.lon, r.lat) < 5000 {
				ok++
				continue
			}
			got := "error"
			if err == nil {
				got = cs[0].Name + " " + cs[0].Oblast
			}
			misses = append(misses, alt+" ("+r.name+") → "+got)
		}
	}
	acc := float64(ok) / float64(total)
	t.Logf("GeoNames variants: %d/%d resolved to the right place (%.1f%%)", ok, total, 100*acc)
	for i, m := range misses {
		if i == 30 {
			break
		}
		t.Logf("  miss: %s", m)
	}
	if total < 200 || acc < 0.97 {
		t.Errorf("accuracy %.1f%% over %d variants; want ≥ 97%% over ≥ 200", 100*acc, total)
	}
}

// spelling keeps the alternates that are spellings of the name in
// Cyrillic or Latin script. It leaves out other scripts; airport and
// station codes (all capitals, up to 4 letters); and the all-lower-case
// Latin forms GeoNames lists as romanisations of Chinese, Korean, Arabic or
// Persian names ("ha er ke fu", "kiyebha"), which no one writes for a
// Ukrainian place.
func spelling(s string) bool {
	upper, lower, letters := 0, 0, 0
	cyr := false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if !unicode.Is(unicode.Latin, r) && !unicode.Is(unicode.Cyrillic, r) {
			return false
		}
		if unicode.Is(unicode.Cyrillic, r) {
			cyr = true
		}
		if unicode.IsUpper(r) {
			upper++
		} else {
			lower++
		}
	}
	if letters <= 4 && lower == 0 {
		return false
	}
	return cyr || upper > 0
}

func TestBadQueries(t *testing.T) {
	g := testGazetteer(t)
	for _, c := range []struct {
		q    string
		code string
	}{
		{"", frontline.EINVALID}, {"   ", frontline.EINVALID}, {"12345", frontline.EINVALID},
		{strings.Repeat("a", 200), frontline.EINVALID}, {"Xyzzy", frontline.ENOTFOUND},
		{"東京", frontline.ENOTFOUND}, {"Springfield", frontline.ENOTFOUND}, {"\xff\xfe", frontline.EINVALID},
	} {
		_, err := g.Search(gazetteer.Query{Text: c.q})
		if frontline.ErrorCode(err) != c.code {
			t.Errorf("%q: %v, want %s", c.q, err, c.code)
		}
		// Without suggestions, the same code and no closest names.
		_, err = g.Search(gazetteer.Query{Text: c.q, NoSuggestions: true})
		if frontline.ErrorCode(err) != c.code || strings.Contains(frontline.ErrorMessage(err), "closest") {
			t.Errorf("%q without suggestions: %v, want %s", c.q, err, c.code)
		}
	}
	_, err := g.Search(gazetteer.Query{Text: "Balakliia", Oblast: "Atlantis"})
	if frontline.ErrorCode(err) != frontline.EINVALID {
		t.Errorf("unknown oblast: %v", err)
	}
	_, err = g.Search(gazetteer.Query{Text: "Xyzzyville"})
	if err == nil || !strings.Contains(err.Error(), "no settlement matches") {
		t.Errorf("no-match message: %v", err)
	}
}

func TestResolveMentions(t *testing.T) {
	g := testGazetteer(t)
	// The seed article's list of villages "near Kharkiv".
	ms := g.ResolveMentions([]string{"Balakliia", "Izium", "Kupiansk", "Volokhiv Yar", "Vovchyi Yar", "Kalynivka"}, gazetteer.Query{})
	want := []string{balakliia, izium, kupiansk, volokhivYar, vovchyiYar, kalynivkaKh}
	for i, m := range ms {
		if m.Err != nil || m.Candidates[0].KATOTTG != want[i] {
			t.Errorf("%s → %+v %v, want %s", m.Text, m.Candidates[:1], m.Err, want[i])
		}
	}
}

func BenchmarkSearchExact(b *testing.B) {
	g := testGazetteer(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Search(gazetteer.Query{Text: "Balakliia"})
	}
}

func BenchmarkSearchTransliterated(b *testing.B) {
	g := testGazetteer(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Search(gazetteer.Query{Text: "Kupyansk"})
	}
}

func BenchmarkSearchFuzzy(b *testing.B) {
	g := testGazetteer(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Search(gazetteer.Query{Text: "Kupiansl"})
	}
}

func BenchmarkNew(b *testing.B) {
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		gazetteer.New(append([]frontline.Place(nil), places...))
	}
}

// TestOpenEmbeddedLazyParts: the parts of the shipped gazetteer built on
// first use (the #loose keys, the ID table) answer as New's, also when
// first used by many goroutines at once.
func TestOpenEmbeddedLazyParts(t *testing.T) {
	opened, err := gazetteer.OpenEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	indexed := testGazetteer(t)
	queries := []string{"Bakhmoot", "Vovchansck", "Kharkov", "Pokrofsk"}
	var wg sync.WaitGroup
	got := make([][]string, 8)
	for w := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, q := range queries {
				cs, err := opened.Search(gazetteer.Query{Text: q, Limit: 3})
				if err != nil {
					got[w] = append(got[w], err.Error())
					continue
				}
				for _, c := range cs {
					got[w] = append(got[w], c.Reason+" "+c.Place.ID)
				}
			}
			for _, id := range []string{"UA14020010010059145", "site:zaporizhzhia-npp", "UA-none"} {
				p, ok := opened.Place(id)
				got[w] = append(got[w], fmt.Sprint(ok, p != nil && p.ID == id))
			}
		}()
	}
	wg.Wait()
	var want []string
	for _, q := range queries {
		cs, err := indexed.Search(gazetteer.Query{Text: q, Limit: 3})
		if err != nil {
			want = append(want, err.Error())
			continue
		}
		for _, c := range cs {
			want = append(want, c.Reason+" "+c.Place.ID)
		}
	}
	want = append(want, "true true", "true true", "false false")
	for w := range got {
		if !slices.Equal(got[w], want) {
			t.Fatalf("goroutine %d:\n got %q\nwant %q", w, got[w], want)
		}
	}
	if !slices.Contains(want, "loose "+bakhmut) {
		t.Fatalf("no loose match among %q", want)
	}
}
