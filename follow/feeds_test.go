package follow_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/follow"
)

const press = "../../shared/data/articles/press-2022-09"

// pressItems reads the press folder's *-rss-* texts: title (first line),
// date (from the name) and body.
func pressItems(t *testing.T) []struct{ date, title, body string } {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(press, "*-rss-*.txt"))
	if len(names) < 4 {
		t.Skipf("no press items in %s", press)
	}
	var out []struct{ date, title, body string }
	for _, n := range names {
		buf, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(strings.TrimSpace(string(buf)), "\n")
		out = append(out, struct{ date, title, body string }{filepath.Base(n)[:10], title, strings.TrimSpace(body)})
	}
	return out
}

// content serves bytes that a test changes, with an ETag and 304s.
type content struct {
	mu    sync.Mutex
	body  []byte
	ctype string
	hits  int
	full  int
}

func (c *content) set(b []byte) {
	c.mu.Lock()
	c.body = b
	c.mu.Unlock()
}

func (c *content) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hits++
	etag := `"` + strconv.Itoa(len(c.body)) + "-" + fmt.Sprintf("%x", c.body[:min(8, len(c.body))]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	c.full++
	w.Header().Set("Content-Type", c.ctype)
	w.Write(c.body)
}

func rssOf(items []struct{ date, title, body string }) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Press &amp; wires</title><link>https://example.org/</link>`)
	for i, it := range items {
		d, _ := time.Parse("2006-01-02", it.date)
		fmt.Fprintf(&b, "<item><title>%s</title><link>https://example.org/%d</link><guid>https://example.org/%d</guid><pubDate>%s</pubDate><description>%s</description></item>",
			html.EscapeString(it.title), i, i, d.Add(9*time.Hour).Format(time.RFC1123Z), html.EscapeString(it.body))
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// RSS items from the press folder: a feed that grows stores each item
// once; an unchanged feed is a 304.
func TestRSSFeed(t *testing.T) {
	e := newEnv(t)
	items := pressItems(t)
	c := &content{ctype: "application/rss+xml", body: rssOf(items[:3])}
	src := &frontline.SourceConfig{Name: "wires", Kind: frontline.SourceRSS, URL: serve(t, c).URL + "/feed.xml"}
	if err := src.Validate(true); err != nil {
		t.Fatal(err)
	}
	f := e.follower()
	if r := e.poll(f, src); r.Reports != 3 {
		t.Fatalf("first poll: %+v", r)
	}
	if r := e.poll(f, src); r.Outcome != "not-modified" {
		t.Fatalf("unchanged feed: %+v", r)
	}
	c.set(rssOf(items))
	if r := e.poll(f, src); r.Reports != len(items)-3 {
		t.Fatalf("grown feed: %+v, want %d new", r, len(items)-3)
	}
	if n := e.reportCount("wires"); n != len(items) {
		t.Errorf("%d reports, want %d", n, len(items))
	}
	// HTML where the feed was.
	c.set([]byte("<!DOCTYPE html><html><body>blocked</body></html>"))
	c.ctype = "text/html"
	if r := e.poll(f, src); r.Outcome != "failed" || !strings.Contains(r.Error, "HTML") {
		t.Errorf("HTML instead of the feed: %+v", r)
	}
}

func telegramPage(channel string, items []struct{ date, title, body string }, first int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><title>` + channel + `</title></head><body><section class="tgme_channel_history js-message_history">`)
	for i, it := range items {
		d, _ := time.Parse("2006-01-02", it.date)
		fmt.Fprintf(&b, `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="%s/%d" data-view="x">`+
			`<div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto"><b>%s</b><br/>%s</div>`+
			`<div class="tgme_widget_message_footer"><a class="tgme_widget_message_date" href="https://t.me/%s/%d"><time datetime="%s" class="time">09:00</time></a></div></div></div></div>`,
			channel, first+i, html.EscapeString(it.title), html.EscapeString(it.body), channel, first+i, d.Add(9*time.Hour).Format(time.RFC3339))
	}
	b.WriteString(`</section></body></html>`)
	return []byte(b.String())
}

// A Telegram channel's preview page: one report per post, with the post's
// time; a page that scrolls on (older posts drop off, new ones appear)
// adds only the new posts.
func TestTelegramPreview(t *testing.T) {
	e := newEnv(t)
	items := pressItems(t)
	c := &content{ctype: "text/html; charset=utf-8", body: telegramPage("wartracker", items[:4], 100)}
	src := &frontline.SourceConfig{Name: "tg-wartracker", Kind: frontline.SourceTelegram, URL: serve(t, c).URL + "/s/wartracker"}
	if err := src.Validate(true); err != nil {
		t.Fatal(err)
	}
	f := e.follower()
	if r := e.poll(f, src); r.Reports != 4 {
		t.Fatalf("first poll: %+v", r)
	}
	c.set(telegramPage("wartracker", items[2:6], 102))
	if r := e.poll(f, src); r.Reports != 2 {
		t.Fatalf("scrolled page: %+v, want 2 new posts", r)
	}
	reports, err := e.reports.Reports.FindReports(context.Background(), frontline.ReportFilter{Source: "tg-wartracker"})
	if err != nil || len(reports) != 6 {
		t.Fatalf("%d reports, %v", len(reports), err)
	}
	for _, r := range reports {
		if r.PublishedAt == nil || r.PublishedAt.Hour() != 9 || !strings.Contains(r.Text, "\n") {
			t.Errorf("report %d: published %v, text %.60q", r.ID, r.PublishedAt, r.Text)
		}
	}
	posts, err := follow.ParseTelegramPreview(c.body)
	if err != nil || len(posts) != 4 || posts[0].ID != "102" || posts[0].Channel != "wartracker" {
		t.Errorf("parsed %+v %v", posts, err)
	}
}

// arcgisLayer serves a snapshot's features as an ArcGIS FeatureServer
// layer whose maxRecordCount is 7, so the follower must page.
type arcgisLayer struct {
	mu       sync.Mutex
	features []json.RawMessage
	queries  int
}

func (a *arcgisLayer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	q := r.URL.Query()
	if !strings.HasSuffix(r.URL.Path, "/FeatureServer/0/query") || q.Get("f") != "geojson" || q.Get("where") != "1=1" {
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(`{"error":{"code":400,"message":"Invalid or missing input parameters."}}`))
		return
	}
	a.queries++
	off, _ := strconv.Atoi(q.Get("resultOffset"))
	n, _ := strconv.Atoi(q.Get("resultRecordCount"))
	n = min(n, 7)
	end := min(off+n, len(a.features))
	page := a.features[min(off, len(a.features)):end]
	out, _ := json.Marshal(map[string]any{"type": "FeatureCollection", "features": page, "properties": map[string]any{"exceededTransferLimit": end < len(a.features)}})
	w.Header().Set("Content-Type", "application/geo+json")
	w.Write(out)
}

// An ArcGIS layer built from a real snapshot: paged with resultOffset
// into one snapshot with every feature; the same layer again adds
// nothing.
func TestArcGISLayer(t *testing.T) {
	e := newEnv(t)
	v := archiveVersions(t, 1)[0]
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(v.GeoJSON, &fc); err != nil {
		t.Fatal(err)
	}
	layer := &arcgisLayer{features: fc.Features}
	src := &frontline.SourceConfig{Name: "isw", Kind: frontline.SourceArcGIS, URL: serve(t, layer).URL + "/arcgis/rest/services/Control/FeatureServer/0", Layer: "isw"}
	if err := src.Validate(true); err != nil {
		t.Fatal(err)
	}
	f := e.follower()
	r := e.poll(f, src)
	if len(r.Snapshots) != 1 {
		t.Fatalf("%+v", r)
	}
	if want := (len(fc.Features) + 6) / 7; layer.queries < want {
		t.Errorf("%d queries for %d features, want ≥ %d pages", layer.queries, len(fc.Features), want)
	}
	snaps := e.snapshots("isw")
	var total int
	for _, c := range snaps[0].Categories {
		total += c.Count
	}
	for _, c := range snaps[0].Unclassified {
		total += c.Count
	}
	if total+snaps[0].Points < len(fc.Features)/2 {
		t.Errorf("snapshot counts %d features of %d", total, len(fc.Features))
	}
	if r := e.poll(f, src); len(r.Snapshots) != 0 || r.Outcome == "failed" {
		t.Errorf("same layer again: %+v", r)
	}
}

// A map file at a URL that changes in place: a new snapshot per change,
// nothing for a 304 or the same bytes.
func TestMapURLChangesInPlace(t *testing.T) {
	e := newEnv(t)
	vs := archiveVersions(t, 2)
	c := &content{ctype: "application/geo+json", body: vs[0].GeoJSON}
	src := &frontline.SourceConfig{Name: "export", Kind: frontline.SourceGeoJSON, URL: serve(t, c).URL + "/export.geojson"}
	if err := src.Validate(true); err != nil {
		t.Fatal(err)
	}
	f := e.follower()
	if r := e.poll(f, src); len(r.Snapshots) != 1 {
		t.Fatalf("%+v", r)
	}
	if r := e.poll(f, src); r.Outcome != "not-modified" {
		t.Fatalf("%+v", r)
	}
	e.clock.Sleep(context.Background(), time.Hour)
	c.set(vs[1].GeoJSON)
	if r := e.poll(f, src); len(r.Snapshots) != 1 {
		t.Fatalf("changed in place: %+v", r)
	}
	if n := len(e.snapshots("export")); n != 2 {
		t.Errorf("%d snapshots, want 2", n)
	}
}

// A watched folder: map files become snapshots (valid time from the
// name), other files reports; a file is read once, also after a restart.
func TestWatchedFolder(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	vs := archiveVersions(t, 2)
	old := time.Now().Add(-time.Minute)
	put := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	put(vs[0].CreatedAt.Format("2006-01-02T150405Z")+".geojson", vs[0].GeoJSON)
	items := pressItems(t)
	put("note.txt", []byte(items[0].title+"\n\n"+items[0].body))
	src := &frontline.SourceConfig{Name: "inbox", Kind: frontline.SourceFolder, Path: dir, Layer: "deepstate"}
	if err := src.Validate(false); err != nil {
		t.Fatal(err)
	}
	f := e.follower()
	if r := e.poll(f, src); len(r.Snapshots) != 1 || r.Reports != 1 {
		t.Fatalf("%+v", r)
	}
	put(vs[1].CreatedAt.Format("2006-01-02T150405Z")+".geojson", vs[1].GeoJSON)
	e.open()
	f = e.follower()
	if r := e.poll(f, src); len(r.Snapshots) != 1 || r.Reports != 0 {
		t.Fatalf("after a new file and a restart: %+v", r)
	}
	snaps := e.snapshots("deepstate")
	if len(snaps) != 2 || !snaps[1].ValidAt.Equal(vs[1].CreatedAt) {
		t.Errorf("snapshots %+v", snaps)
	}
}
