package extract

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
	[]string{"inc", "not", "dis", "mis", "bas", "gro", "no ", "rej", "was", "wer", "is ", "are"},
	`incorrect|not correct|disinformation|misinformation|baseless|groundless|not the case|no truth|(?:rejected|rejects|dismissed|dismisses) (?:the |a )?(?:[\w'’-]+ ){0,2}(?:claims?|reports?|statements?)|(?:was|were|is|are) (?:false|untrue|a lie|lies)`)
