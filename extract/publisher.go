package extract

import (
	"time"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

// ExtractAs is Extract for a text whose publisher is known to speak for
// publisherSide (ukraine, russia; anything else is no side): a sentence
// that names no speaker speaks for the publisher, so its "ворог", "the
// enemy" and "наші" are read against that side. DeepState's notes
// ("Ворог просунувся біля …") are Ukraine's voice: the enemy is Russia.
// The side is not stored as the claims' speaker side: the claims pipeline
// shows the publisher's side from the source registry.
func (e *Extractor) ExtractAs(text string, published time.Time, publisherSide frontline.Side) (*frontline.Extraction, error) {
	return e.ExtractLinkedAs(text, published, nil, publisherSide)
}

// ExtractLinkedAs is ExtractLinked (names the publisher linked to points)
// with the publisher's side, as ExtractAs.
func (e *Extractor) ExtractLinkedAs(text string, published time.Time, links []frontline.Link, publisherSide frontline.Side) (*frontline.Extraction, error) {
	d, ss, err := e.read(text, published, links, publisherSide, e.claimModelOn())
	if err != nil {
		return nil, err
	}
	if e.claimModelOn() {
		d.applyClaimModel(ss)
	}
	out := d.extraction()
	d.release()
	return out, nil
}

// read finds the places, claims and numbers of a text by the rules; with
// keep it also returns the sentences read, for the claim model.
func (e *Extractor) read(text string, published time.Time, links []frontline.Link, publisherSide frontline.Side, keep bool) (*doc, []modelSentence, error) {
	if len(text) > maxTextBytes {
		return nil, nil, frontline.Errorf(frontline.EINVALID, "text is %d bytes; at most %d can be extracted at once", len(text), maxTextBytes)
	}
	if !utf8.ValidString(text) {
		return nil, nil, frontline.Errorf(frontline.EINVALID, "text is not valid UTF-8")
	}
	d := &doc{text: text, published: published, e: e, scratch: getScratch()}
	d.words = appendWords(d.scratch.words[:0], text)
	d.sentences = splitSentences(text)
	d.links = validLinks(text, links)
	d.findPlaces()
	ss := d.readSentences(sideOf(string(publisherSide)), keep)
	d.takeUpSidelessDenials()
	return d, ss, nil
}

// extraction is what the doc found.
func (d *doc) extraction() *frontline.Extraction {
	out := &frontline.Extraction{Places: d.mentions}
	if out.Places == nil {
		out.Places = []frontline.Mention{}
	}
	out.Claims = dedupeClaims(d.claims)
	if out.Claims == nil {
		out.Claims = []frontline.Claim{}
	}
	out.Numbers = d.numbers
	if out.Numbers == nil {
		out.Numbers = []frontline.NumberClaim{}
	}
	return out
}

// dedupeClaims drops a claim that repeats an earlier one word for word:
// the same place, assertion, side, speaker, time and quote (two triggers
// of one sentence, "The Battle of X was the first battle of …", read the
// same claim twice).
func dedupeClaims(cs []frontline.Claim) []frontline.Claim {
	type key struct {
		place, assertion, side, speaker, refersTo string
		start, end                                int
	}
	seen := make(map[key]bool, len(cs))
	out := cs[:0]
	for _, c := range cs {
		k := key{c.PlaceID, c.Assertion, string(c.Side), c.Speaker, c.RefersTo, c.Start, c.End}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	return out
}
