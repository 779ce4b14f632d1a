package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestClaimsEnglishKinds: kinds of English miss in claims-dev5's tune
// split (claims10), in sentences written here for the kind: a trigger
// whose words are quoted ("have \"advanced significantly\" around"); a
// list item followed by an appositive that locates it (", near the town of
// X that …, and Y"). The first five cases fail with the rules before this change (a9a151c; ef43039 reads them alike);
// the guards pass at both.
func TestClaimsEnglishKinds(t *testing.T) {
	type want = wantClaim
	r := frontline.SideRussia
	cases := []claimCase{
		{`Russian forces have "advanced significantly" around the village of Pankivka, Russian-installed officials said.`, "2025-08-21",
			[]want{{"Pankivka", frontline.AssertAdvancedTowards, r}}},
		{"Russian forces have “advanced” near Sukhetske.", "2025-08-21",
			[]want{{"Sukhetske", frontline.AssertAdvancedTowards, r}}},
		{"Russian forces also captured the villages of Sukhetske, near the town of Pokrovsk that Russia sees as a target, and Pankivka.", "2025-08-21",
			[]want{{"Sukhetske", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertCaptured, r}}},
		{"Russian forces captured Sukhetske, 10 km south of Pokrovsk, and Pankivka.", "2025-08-21",
			[]want{{"Sukhetske", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertCaptured, r}}},
		{"Russian troops took Sukhetske, near the virtually destroyed town of Pokrovsk that Moscow sees as a target in its drive westward, and Pankivka, just inside the border.", "2025-08-21",
			[]want{{"Sukhetske", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertCaptured, r}}},
		// Guards: the place of the appositive is no item; a new verb
		// after it ends the list.
		{"Russian forces captured Sukhetske, near Pokrovsk, and advanced towards Pankivka.", "2025-08-21",
			[]want{{"Sukhetske", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertAdvancedTowards, r}}},
		{"Russian forces advanced significantly around the village of Pankivka.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertAdvancedTowards, r}}},
	}
	checkClaimCases(t, cases)
}

// TestClaimsEnglishDenials: English denials of kinds the tune splits
// showed (claims-dev2's headline "Russia claims capture of Niu-York; Kyiv
// denies", claims-dev6's "a claim that … was rejected by Kyiv") and one
// found by probing that gave the opposite side (", which Kyiv denied":
// the denial given to Russia). Sentences written here. The first five
// cases fail with the rules of 33c34af; the guards pass at both.
func TestClaimsEnglishDenials(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	cases := []claimCase{
		{"Russia claims capture of Pankivka; Kyiv denies", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
		{"Russia claimed the capture of Pankivka, but Kyiv denied it.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
		{"Russia said it had captured Pankivka, a claim rejected by Kyiv.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
		{"Russian forces say they now control Sukhetske, a claim that was rejected by Kyiv, which said fighting continued.", "2025-08-21",
			[]want{{"Sukhetske", frontline.AssertUnderControl, r}, {"Sukhetske", frontline.AssertDenied, u}}},
		{"Russia claimed the capture of Pankivka, which Kyiv denied.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
		// Guards: a contrast that denies nothing; "claims" a noun.
		{"Russia says it took Pankivka; Ukraine says fighting goes on", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertCaptured, r}}},
		// (misses: the claims a verb of saying names are Russia's,
		// stored beside their denial; was the denial alone.)
		{"Ukrainian officials said claims of the capture of Pankivka were false.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
	}
	checkClaimCases(t, cases)
}

// TestClaimsEnglishRelativeObject: a place named as a reference point
// ("lies southwest of X") that a relative clause then makes the object of
// a trigger (", which Russian troops captured"): claims-dev5's tune kind
// ("southwest of Kurakhove, which Russian troops have stormed"), in
// sentences written here. The first two fail with the rules of 1cb9207.
func TestClaimsEnglishRelativeObject(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	cases := []claimCase{
		{"The village lies southwest of Pokrovsk, which Russian troops captured last week.", "2025-08-21",
			[]want{{"Pokrovsk", frontline.AssertCaptured, r}}},
		{"The village lies near Pokrovsk, which Ukrainian forces recaptured in May.", "2025-08-21",
			[]want{{"Pokrovsk", frontline.AssertLiberated, u}}},
		// Guard: a reference point with no relative clause of a side.
		{"Towns near Kharkiv that had been liberated were shelled.", "2025-08-21", nil},
	}
	checkClaimCases(t, cases)
}

// TestClaimsEnglishRejectedClaim: "a claim that would represent a
// significant advance but was rejected by Kyiv" (claims-dev6 tune's kind),
// in a sentence written here; fails with the rules of 0e4e7d9.
func TestClaimsEnglishRejectedClaim(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Russian forces say they now effectively control Pankivka, a claim that would mark a big gain but was rejected by Kyiv.", "2025-08-21",
			[]want{{"Pankivka", frontline.AssertUnderControl, r}, {"Pankivka", frontline.AssertDenied, u}}},
	})
}
