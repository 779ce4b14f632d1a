package extract

// English denials beside denialPattern's ("denied", "fake", "untrue"):
// "to speak of the complete capture of Marinka would be 'incorrect'",
// "Russian disinformation". A claim trigger in the sentence names the
// claim denied (denial.go). Words with other readings are left out:
// "lies" (the village lies south of …), "false" (a false flag),
// "rejected", "dismissed" (peace talks, an official).
var enDenialPattern = newWordPattern(
	[]string{"inc", "not", "dis", "mis", "bas", "gro", "no "},
	`incorrect|not correct|disinformation|misinformation|baseless|groundless|not the case|no truth`)
