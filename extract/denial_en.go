package extract

import "strings"

// English denials beside denialPattern's ("denied", "fake", "untrue"):
// "to speak of the complete capture of Marinka would be 'incorrect'",
// "Russian disinformation". A claim trigger in the sentence names the
// claim denied (denial.go). Words with other readings are left out:
// "lies" (the village lies south of …), "false" (a false flag),
// "rejected", "dismissed" (peace talks, an official).
//
// "Rejected" and "dismissed" are denials only with the claim as their
// object ("rejected Russia's claim that …"), "false" only as what a claim
// is said to be ("claims … were false").
var enDenialPattern = newWordPattern(
	[]string{"inc", "not", "dis", "mis", "bas", "gro", "no ", "reject", "false", "call", "claim", "report", "statement"},
	`(?:claims?|reports?|statements?) (?:that (?:[a-z'’-]+ ){0,6}?(?:but )?(?:was|were|has been|have been|had been) )?(?:rejected|dismissed|denied) by|incorrect|not correct|disinformation|misinformation|baseless|groundless|not the case|no truth|(?:rejected|rejects|dismissed|dismisses) (?:the |a )?(?:[\w'’-]+ ){0,2}(?:claims?|reports?|statements?)|false|(?:called|calls|call) (?:the|this|that|such|these|those|moscow's|russia's|kyiv's|ukraine's) (?:claims?|reports?|statements?) (?:propaganda|a lie|lies|a fabrication|fabricated|fiction|a fake|fake)`)

// namesItsClaim reports whether a denial's own words name the claim it
// denies ("called the claim propaganda"): it answers the claim of the
// clause before, across a contrast ("Russia claimed the capture of X, but
// Ukraine's military … called the claim propaganda").
func namesItsClaim(denial string) bool {
	return strings.HasPrefix(denial, "call")
}

// copulaFalse reports whether the denial word "false" at [a, b) of lower
// is what a claim is said to be ("claims … were false"), not "a false
// flag".
func copulaFalse(lower string, a, b int) bool {
	if lower[a:b] != "false" {
		return true
	}
	// "spreading false information about the capture", "false reports
	// of": a claim called false before it.
	if after := lower[b:]; strings.HasPrefix(after, " information") || strings.HasPrefix(after, " report") || strings.HasPrefix(after, " claim") || strings.HasPrefix(after, " statement") || strings.HasPrefix(after, " news") {
		return true
	}
	pre := lower[:a]
	for _, c := range []string{" was ", " were ", " is ", " are ", " be ", " been "} {
		if strings.HasSuffix(pre, c) {
			return true
		}
	}
	return false
}

// enDenierDenies reports whether the clause after a contrast before a
// denial names only who denies, and the denial has no object but the claim
// ("Russia claims capture of X; Kyiv denies", ", but Ukraine denied it"):
// it denies the claim before.
func enDenierDenies(between, after string) bool {
	i := strings.LastIndex(between, "; ")
	n := 2
	if j := strings.LastIndex(between, ", but "); j > i {
		i, n = j, 6
	}
	if i < 0 {
		return false
	}
	if f := strings.Fields(between[i+n:]); len(f) < 1 || len(f) > 3 {
		return false
	}
	rest := after
	if k := strings.IndexAny(rest, ".;,!?\n"); k >= 0 {
		rest = rest[:k]
	}
	switch strings.TrimSpace(rest) {
	case "", "it", "this", "that", "the claim", "the claims", "the report", "the reports":
		return true
	}
	return false
}
