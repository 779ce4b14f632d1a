package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestReviewClaims: "под" means near only right before the place
// ("позиции под натиском противника в Панковке" left Pankivka, which
// Russia holds); "the
// ministry" takes no side from "Russian military bloggers" (review of
// claims10).
func TestReviewClaims(t *testing.T) {
	type want = wantClaim
	cases := []claimCase{
		{"ВСУ оставили позиции под натиском противника в Панковке.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Russian military bloggers wrote that fighting went on near Sukhetske. “The liberation of Pankivka was a success,” the ministry said.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertLiberated, ""}}},
	}
	checkClaimCases(t, cases)
}
