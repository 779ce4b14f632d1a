package extract

// SetSideTrace sets the hook told which rule decided each claim's side
// (claimSideBy), for the tests of package extract_test; nil unsets it.
func SetSideTrace(f func(sentenceStart int, trigger, side, path string)) {
	sideTrace = f
}
