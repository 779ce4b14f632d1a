package check

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
)

func service(t *testing.T) *Service {
	t.Helper()
	g, err := gazetteer.OpenEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2022, 9, 14, 8, 0, 0, 0, time.UTC)
	return &Service{Places: g, Now: func() time.Time { return now }}
}

const doc = "Ukrainian troops liberated Balakliia on Thursday.\nRussian forces withdrew from Izium, the Russian Ministry of Defense said.\n"

// TestCheckWithoutStore: with no store the document is weighed alone; the
// publication day comes from the request, else the name, else now with a
// note; the layer note says why no layer was used.
func TestCheckWithoutStore(t *testing.T) {
	s := service(t)
	ctx := context.Background()
	pub := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	res, err := s.Check(ctx, frontline.CheckRequest{Name: "x.txt", Data: []byte(doc), Published: &pub, Layer: "deepstate"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2022-09-10T00:00:00Z" || res.PublishedNote != "" || res.Layer != "" || !strings.Contains(res.LayerNote, "not loaded") || res.StoredClaims != 0 {
		t.Errorf("published %s (%q), layer %q (%q), stored %d", res.Published, res.PublishedNote, res.Layer, res.LayerNote, res.StoredClaims)
	}
	if len(res.Claims) < 2 || len(res.Places) < 2 {
		t.Fatalf("%d claims, %d places", len(res.Claims), len(res.Places))
	}
	for _, c := range res.Claims {
		if res.Text[c.Start:c.End] != c.Quote || c.Credibility < 1 || c.Credibility > 6 || c.Reasons == nil {
			t.Errorf("claim %+v", c)
		}
	}
	// "Thursday" before a Saturday publication is 2022-09-08.
	found := false
	for _, c := range res.Claims {
		found = found || strings.Contains(c.Quote, "Balakliia") && strings.HasPrefix(c.RefersTo, "2022-09-08")
	}
	if !found {
		t.Errorf("Balakliia on Thursday not dated 2022-09-08: %+v", res.Claims)
	}

	res, err = s.Check(ctx, frontline.CheckRequest{Name: "2022-09-09-report.txt", Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2022-09-09T12:00:00Z" || res.PublishedNote != "" || res.LayerNote != "no layer asked for" {
		t.Errorf("from the name: %s %q %q", res.Published, res.PublishedNote, res.LayerNote)
	}
	res, err = s.Check(ctx, frontline.CheckRequest{Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2022-09-14T08:00:00Z" || !strings.Contains(res.PublishedNote, "no publication time") {
		t.Errorf("no time: %s %q", res.Published, res.PublishedNote)
	}
}

func TestCheckBadInput(t *testing.T) {
	s := service(t)
	for _, data := range [][]byte{nil, []byte("   \n"), {0, 1, 2, 0xff, 0xfe, 0, 0, 7}} {
		if _, err := s.Check(context.Background(), frontline.CheckRequest{Data: data}); frontline.ErrorCode(err) != frontline.EINVALID {
			t.Errorf("%q: %v", data, err)
		}
	}
	if _, err := (&Service{}).Check(context.Background(), frontline.CheckRequest{Data: []byte(doc)}); err == nil {
		t.Error("no gazetteer: no error")
	}
}
