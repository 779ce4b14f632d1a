package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestScornedEnemyClaim: a denial that names no place and takes up the
// enemy's claim of the sentence before by a word of scorn ("Чергову
// маячню противника спростували") denies Russia's claim there; it does
// not deny a Ukrainian claim before it. Sentences written here for the
// kind claims-dev8's tune text showed (claims11); the first case fails
// with the rules of a172cda, the second is a guard.
func TestScornedEnemyClaim(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Російська пропаганда заявляла про окупацію села Панківка. Чергову маячню противника спростували у Центрі протидії дезінформації.", "2026-02-20",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
		{"ЗСУ звільнили Панківку. Вигадки окупантів про оточення спростували у ЗСУ.", "2026-02-20",
			[]want{{"Pankivka", frontline.AssertLiberated, u}}},
	})
}
