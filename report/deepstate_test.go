package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// The version list of 2022-04 … 2024-12: every version is read, its links'
// spans wrap names and their points lie in or near Ukraine.
func TestDeepStateVersionList(t *testing.T) {
	path := filepath.Join(dataDir(t), "control", "deepstate", "history-public-2022-04_2024-12.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	p, err := Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, data, p)
	if p.Kind != frontline.ReportDeepStateVersion || !p.Container || len(p.Reports) != 1143 || len(p.Refused) != 0 {
		t.Fatalf("kind %s, %d versions, %d refused", p.Kind, len(p.Reports), len(p.Refused))
	}
	links := 0
	for _, r := range p.Reports {
		if r.Source != DeepStateSource || r.PublishedAt == nil || !strings.HasPrefix(r.URL, "https://deepstatemap.live/api/history/") {
			t.Fatalf("version %d: %+v", r.Item, r)
		}
		if strings.Contains(r.Text, "<a") || strings.Contains(r.Text, "</") || strings.Contains(r.Text, "&nbsp;") {
			t.Fatalf("version %d: markup left in the text: %q", r.Item, r.Text)
		}
		for _, l := range r.Links {
			name := r.Text[l.Start:l.End]
			if strings.TrimSpace(name) != name || l.Lat < 43 || l.Lat > 53.5 || l.Lon < 21 || l.Lon > 41 {
				t.Fatalf("version %d: link %q at %.4f, %.4f", r.Item, name, l.Lat, l.Lon)
			}
		}
		links += len(r.Links)
	}
	if links < 4000 {
		t.Fatalf("%d links, want the ~5,400 of the notes in both languages", links)
	}
	// Snake Island, 2022-07-04: the point is lat 45.2552, lon 30.2227; the
	// link's trailing full stop is not part of the name.
	var snake *frontline.Report
	for _, r := range p.Reports {
		if strings.HasSuffix(r.URL, "/1656935338") {
			snake = r
		}
	}
	if snake == nil || len(snake.Links) != 2 {
		t.Fatalf("Snake Island version: %+v", snake)
	}
	uk, en := snake.Links[0], snake.Links[1]
	if got := snake.Text[uk.Start:uk.End]; got != "острів Зміїний" || uk.Lat != 45.2552 || uk.Lon != 30.2227 {
		t.Fatalf("uk link %q %+v", got, uk)
	}
	if got := snake.Text[en.Start:en.End]; got != "Snake Island" {
		t.Fatalf("en link %q", got)
	}
	if !snake.PublishedAt.Equal(snake.PublishedAt.UTC()) || snake.PublishedAt.Format("2006-01-02T15:04:05") != "2022-07-04T11:48:58" ||
		!strings.Contains(snake.Note, "occupied 81,377 km²") || !strings.Contains(snake.Title, "Snake Island") {
		t.Fatalf("Snake Island: %s %q %q", snake.PublishedAt, snake.Note, snake.Title)
	}
}

// Versions with missing or malformed fields are each read or refused with
// a reason; the file's other versions are read.
func TestDeepStateBadVersions(t *testing.T) {
	data := []byte(`[
 {"id": 1662802147, "createdAt": "2022-09-10T09:29:07.000Z", "description": "Звільнено <a href=\"https://deepstatemap.live/#12/49.46/36.84\">Балаклію</a>&nbsp;!", "descriptionEn": ""},
 {"createdAt": "2022-09-10T09:29:07.000Z", "description": "no id"},
 {"id": "1662817875", "description": "createdAt missing: the id's time", "descriptionEn": null},
 {"id": 1662823401, "createdAt": "2022-09-10", "description": ["not", "a string"]},
 {"id": 1662846587, "createdAt": "soon", "description": "<a href=\"https://deepstatemap.live/#x\">Ізюм</a> <b>bold</b>", "occupied": "lots"},
 {"id": -5, "createdAt": "2022-09-10T09:29:07Z", "description": "negative id"}
]`)
	p, err := Parse("history.json", data)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, data, p)
	if len(p.Reports) != 3 || len(p.Refused) != 3 {
		t.Fatalf("%d read, refused %+v", len(p.Reports), p.Refused)
	}
	for i, want := range []string{"id is missing", "description is not a string", "not a unix time"} {
		if !strings.Contains(p.Refused[i].Reason, want) {
			t.Fatalf("refused %d: %q, want %q", i, p.Refused[i].Reason, want)
		}
	}
	a := p.Reports[0]
	if a.Text != "Звільнено Балаклію !" || len(a.Links) != 1 || a.Text[a.Links[0].Start:a.Links[0].End] != "Балаклію" || a.Links[0].Lon != 36.84 {
		t.Fatalf("version 1: %q %+v", a.Text, a.Links)
	}
	if b := p.Reports[1]; b.PublishedAt == nil || b.PublishedAt.Unix() != 1662817875 || !strings.Contains(b.Note, "createdAt missing") {
		t.Fatalf("version 3: %+v", b)
	}
	if c := p.Reports[2]; len(c.Links) != 0 || !strings.Contains(c.Note, "1 link without a #zoom/lat/lon point") ||
		!strings.Contains(c.Note, "occupied \"lots\"") && !strings.Contains(c.Note, "not a number") || c.PublishedAt.Unix() != 1662846587 {
		t.Fatalf("version 5: %+v", c)
	}
	// A list none of whose versions can be read is refused whole.
	refusedWith(t, "h.json", []byte(`[{"id": "x", "createdAt": "2022-09-10", "description": "a"}]`), "no version", "not a whole number")
	// Broken JSON refuses the file, naming the version.
	refusedWith(t, "h.json", []byte(`[{"id": 1, "createdAt": "2022-09-10", "description": "a"}, {"id": 2,`), "record 2")
}
