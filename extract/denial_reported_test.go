package extract_test

import (
	"slices"
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestDenialKeepsReportedClaim: a denial that names the claim it denies
// ("the Russian fake about", "заяву окупантів про", "заявления ВСУ об")
// also stores that claim as its claimant made it, before the denial
// (claims10; the sentences are written here for the kind). A bare denial
// ("спростував захоплення", "denied that X had fallen") reports no one's
// claim and stays the denial alone; so does a denial of an encirclement.
// The first four cases fail with the rules of ef43039 (the denial alone).
func TestDenialKeepsReportedClaim(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	cases := []claimCase{
		{"Трегубов спростував фейк окупантів про захоплення Сухецького.", "2025-08-21",
			[]want{{"Sukhetske", frontline.AssertCaptured, r}, {"Sukhetske", frontline.AssertDenied, u}}},
		{"ЗСУ спростували заяву окупантів про захоплення Панківки.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
		{"Минобороны России опровергло заявления ВСУ об освобождении Панковки.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertLiberated, u}, {"Pankivka", frontline.AssertDenied, r}}},
		{"A Ukrainian spokesman dismissed Russian claims that Pankivka had been captured.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
		// Guards (the denial alone at ef43039 and now).
		{"Трегубов спростував захоплення Сухецького.", "2025-08-21",
			[]want{{"Sukhetske", frontline.AssertDenied, u}}},
		{"Ukraine's General Staff denied that Pankivka had fallen.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertDenied, u}}},
	}
	checkClaimCases(t, cases)

	// The reported claim is its claimant's: not spoken by the one who
	// denies it, hedged by the denial word; the denial names it.
	e := testExtractor(t)
	x, err := e.Extract("Трегубов спростував фейк окупантів про захоплення Сухецького.", day("2025-08-21"))
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Claims) != 2 {
		t.Fatalf("claims %+v", x.Claims)
	}
	rep, den := x.Claims[0], x.Claims[1]
	if rep.Speaker == den.Speaker && den.Speaker != "" || rep.SpeakerSide != r || !slices.Contains(rep.Hedges, "спростував") {
		t.Errorf("reported claim: speaker %q (%s), hedges %q; denial's speaker %q", rep.Speaker, rep.SpeakerSide, rep.Hedges, den.Speaker)
	}
	if den.Denied == nil || den.Denied.Assertion != rep.Assertion || den.Denied.Side != rep.Side {
		t.Errorf("denial names %+v, reported claim %s %s", den.Denied, rep.Assertion, rep.Side)
	}
}
