package extract_test

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// TestNoteClaimsAsPublisher scores the claims of DeepState's notes (tune
// versions only, id%3 != 0) read as the tracker's voice: with its links
// (ExtractLinkedAs) and its side (ukraine), so that "Ворог просунувся",
// "The enemy advanced" are Russia's. It measures the claim rules apart
// from the resolution of names, which TestDeepStateNotes scores. The
// sides expected are noteSide's (the sentence's subject and verb). With
// FRONTLINE_NOTE_MISSES=1 it lists the sentences with a wrong side.
func TestNoteClaimsAsPublisher(t *testing.T) {
	versions, _ := readDeepStateNotes(t)
	show := os.Getenv("FRONTLINE_NOTE_MISSES") == "1"
	// FRONTLINE_NOTE_PLAIN=1: read the notes as Extract does (no links,
	// no publisher's side), as TestDeepStateNotes does.
	plain := os.Getenv("FRONTLINE_NOTE_PLAIN") == "1"
	type tally struct{ want, right, opposite, noClaim, resolved, resolvedRight int }
	groups := map[string]*tally{}
	for _, v := range versions {
		if *v.ID%3 == 0 {
			continue // held out
		}
		published, _ := time.Parse(time.RFC3339, *v.CreatedAt)
		for _, n := range []struct {
			lang string
			html *string
		}{{"uk", v.Description}, {"en", v.DescriptionEn}} {
			if n.html == nil || strings.TrimSpace(*n.html) == "" {
				continue
			}
			text, links, _ := stripNoteLinks(*n.html)
			var x *frontline.Extraction
			var err error
			if plain {
				x, err = testExtractor(t).Extract(text, published)
			} else {
				x, err = testExtractor(t).ExtractLinkedAs(text, published, links, frontline.SideUkraine)
			}
			if err != nil {
				t.Fatal(err)
			}
			g := groups[n.lang]
			if g == nil {
				g = &tally{}
				groups[n.lang] = g
			}
			points := map[string]frontline.MentionPlace{}
			for _, m := range x.Places {
				points[m.Place.ID] = m.Place
			}
			for _, sp := range noteSentences(text) {
				side := noteSide(text[sp[0]:sp[1]])
				// "Ворог відступив у X …, а також просунувся біля Y":
				// the automatic label gives X to the advancing subject;
				// the sentence does not.
				if side == "" || os.Getenv("FRONTLINE_NOTE_ALL") != "1" && noteContainsAny(strings.ToLower(text[sp[0]:sp[1]]), []string{"відступ", "retreat", "відійш", "withdr", "вибито", "knocked out"}) {
					continue
				}
				for _, l := range links {
					if l.Start < sp[0] || l.End > sp[1] {
						continue
					}
					g.want++
					resolved := false
					for _, m := range x.Places {
						if m.Start < l.End && l.Start < m.End && m.Place.HasPoint() && pressDistanceKm(l.Lon, l.Lat, m.Place.Lon, m.Place.Lat) <= rightRadiusKm {
							resolved = true
						}
					}
					if resolved {
						g.resolved++
					}
					right, wrong, any := false, false, false
					for _, c := range x.Claims {
						p, ok := points[c.PlaceID]
						if !ok || !p.HasPoint() || c.End <= sp[0] || c.Start >= sp[1] || pressDistanceKm(l.Lon, l.Lat, p.Lon, p.Lat) > rightRadiusKm {
							continue
						}
						any = true
						switch string(c.Side) {
						case side:
							right = true
						case pressOtherSide(side):
							wrong = true
						}
					}
					switch {
					case right:
						g.right++
						if resolved {
							g.resolvedRight++
						}
					case wrong:
						g.opposite++
						if show {
							t.Logf("OPPOSITE %s %q in %q", side, text[l.Start:l.End], text[sp[0]:sp[1]])
						}
					default:
						if !any {
							g.noClaim++
						}
						if show && resolved {
							t.Logf("MISSED %s %q in %q", side, text[l.Start:l.End], text[sp[0]:sp[1]])
						}
					}
				}
			}
		}
	}
	for _, lang := range []string{"uk", "en"} {
		g := groups[lang]
		if g == nil {
			t.Fatalf("%s: no notes", lang)
		}
		recall := float64(g.right) / math.Max(1, float64(g.want))
		t.Logf("tune/%s: %d side-labelled links, claims (place, side) recall %.3f, opposite %d, no claim at the place %d; of the %d links whose name resolved within 5 km, recall %.3f",
			lang, g.want, recall, g.opposite, g.noClaim, g.resolved, float64(g.resolvedRight)/math.Max(1, float64(g.resolved)))
		if g.opposite > 0 {
			t.Errorf("tune/%s: %d claims with the opposite side", lang, g.opposite)
		}
		// The claim rules' own target: the place is found (places and
		// links are scored by TestDeepStateNotes), the side must be.
		if r := float64(g.resolvedRight) / math.Max(1, float64(g.resolved)); r < 0.9 {
			t.Errorf("tune/%s: claims (place, side) recall %.3f over resolved links, want ≥ 0.90", lang, r)
		}
	}
}
