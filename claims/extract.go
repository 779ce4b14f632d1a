package claims

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/report"
)

// ExtractResult counts what one run of extraction did.
type ExtractResult struct {
	Version string `json:"version"`
	Reports int    `json:"reports"` // reports read
	Places  int    `json:"places"`
	Claims  int    `json:"claims"`
	Numbers int    `json:"numbers"`
	// Failed counts reports whose extraction stored an error (the reason is
	// kept with the extraction).
	Failed int `json:"failed"`
	// TextBytes is the size of the texts the extractor read.
	TextBytes int64 `json:"text_bytes"`
}

// batchSize is how many reports are read and stored per transaction.
const batchSize = 64

// ExtractPending reads every report that has no extraction by the current
// extractor version and stores the results. progress, if not nil, is called
// after each batch with the reports done and the total.
func (s *Service) ExtractPending(ctx context.Context, progress func(done, total int)) (*ExtractResult, error) {
	version := s.ExtractorVersion()
	if version == "" {
		return nil, frontline.Errorf(frontline.EINVALID, "the extractor has no version")
	}
	ids, err := s.Extractions.PendingReports(ctx, version)
	if err != nil {
		return nil, err
	}
	res := &ExtractResult{Version: version}
	reg, err := s.registry(ctx)
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(ids); start += batchSize {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		batch := ids[start:min(start+batchSize, len(ids))]
		xs, err := s.extractBatch(ctx, batch, version, reg, res)
		if err != nil {
			return res, err
		}
		if _, err := s.Extractions.PutExtractions(ctx, xs); err != nil {
			return res, err
		}
		for _, x := range xs {
			res.Reports++
			res.Places += len(x.Extraction.Places)
			res.Claims += len(x.Extraction.Claims)
			res.Numbers += len(x.Extraction.Numbers)
			if x.Error != "" {
				res.Failed++
			}
		}
		if progress != nil {
			progress(start+len(batch), len(ids))
		}
	}
	return res, nil
}

// extractBatch loads and reads reports in parallel, keeping their order.
func (s *Service) extractBatch(ctx context.Context, ids []int64, version string, reg *frontline.SourceRegistry, res *ExtractResult) ([]*frontline.StoredExtraction, error) {
	reports := make([]*frontline.Report, len(ids))
	for i, id := range ids {
		r, err := s.Reports.FindReport(ctx, id)
		if err != nil {
			return nil, err
		}
		reports[i] = r
		if readsText(r.Kind) {
			res.TextBytes += int64(len(r.Text))
		}
	}
	xs := make([]*frontline.StoredExtraction, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, r := range reports {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			xs[i], errs[i] = s.extractReport(ctx, r, version, reg)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return xs, nil
}

// readsText reports whether reports of kind are read by the extractor.
func readsText(k frontline.ReportKind) bool {
	switch k {
	case frontline.ReportText, frontline.ReportHTML, frontline.ReportRSSItem, frontline.ReportAtomEntry, frontline.ReportFeedJSONL,
		frontline.ReportDeepStateVersion:
		return true
	}
	return false
}

// isEvidence reports whether reports of kind are observations.
func isEvidence(k frontline.ReportKind) bool {
	switch k {
	case frontline.ReportEvidenceJSON, frontline.ReportBellingcat, frontline.ReportJPEG, frontline.ReportEventCSV:
		return true
	}
	return false
}

// reportTime is when a report was published, or stored if that is unknown.
func reportTime(r *frontline.Report) time.Time {
	if r.PublishedAt != nil {
		return *r.PublishedAt
	}
	return r.RecordedAt
}

// extractReport reads one report. What the report itself makes unreadable
// (an EINVALID from the extractor, a claim record that does not parse) is
// stored as the extraction's Error; other errors are returned.
func (s *Service) extractReport(ctx context.Context, r *frontline.Report, version string, reg *frontline.SourceRegistry) (*frontline.StoredExtraction, error) {
	x := &frontline.StoredExtraction{ReportID: r.ID, Version: version, RecordedAt: s.now(),
		Extraction: frontline.Extraction{Places: []frontline.Mention{}, Claims: []frontline.Claim{}, Numbers: []frontline.NumberClaim{}}}
	switch {
	case readsText(r.Kind):
		if s.Extractor == nil {
			return nil, frontline.Errorf(frontline.EINTERNAL, "no extractor")
		}
		var e *frontline.Extraction
		var err error
		if lx, ok := s.Extractor.(LinkedExtractor); ok && len(r.Links) > 0 {
			e, err = lx.ExtractLinked(r.Text, reportTime(r), r.Links)
		} else {
			e, err = s.Extractor.Extract(r.Text, reportTime(r))
		}
		if frontline.ErrorCode(err) == frontline.EINVALID {
			x.Error = frontline.ErrorMessage(err)
		} else if err != nil {
			return nil, err
		} else {
			x.Extraction = *e
		}
	case r.Kind == frontline.ReportClaimsJSONL:
		if err := s.readClaimRecord(ctx, r, reg, x); err != nil {
			return nil, err
		}
	case isEvidence(r.Kind):
		if err := s.locateEvidence(ctx, r, x); err != nil {
			return nil, err
		}
	default:
		x.Error = "reports of kind " + string(r.Kind) + " are not read"
	}
	return x, nil
}

// readClaimRecord turns a structured claim record into the claim it states.
func (s *Service) readClaimRecord(ctx context.Context, r *frontline.Report, reg *frontline.SourceRegistry, x *frontline.StoredExtraction) error {
	rec, err := report.ParseClaimRecord(r.Raw)
	if err != nil {
		x.Error = frontline.ErrorMessage(err)
		return nil
	}
	c := frontline.Claim{Quote: r.Text, Start: 0, End: len(r.Text), Mention: rec.Place, Assertion: rec.Assertion, Side: frontline.Side(rec.Side),
		Speaker: rec.Speaker, RefersTo: reportTime(r).UTC().Format("2006-01-02"), Reasons: []string{}}
	if rec.Time != "" {
		c.RefersTo, c.RefersToPhrase = recordDate(rec.Time), rec.Time
	}
	if src := reg.Speaker(rec.Speaker); src != nil {
		c.SpeakerSide = src.Side
	}
	cand, err := s.resolve(ctx, rec.Place, nil)
	if err != nil {
		return err
	}
	if cand == nil {
		x.Error = "place \"" + rec.Place + "\" is not in the gazetteer"
	} else {
		c.PlaceID, c.PlaceName = cand.Place.ID, cand.Place.Name
		if i := strings.Index(r.Text, rec.Place); i >= 0 {
			x.Extraction.Places = append(x.Extraction.Places, mention(cand, rec.Place, i, i+len(rec.Place)))
		}
	}
	x.Extraction.Claims = append(x.Extraction.Claims, c)
	return nil
}

// recordDate is a claim record's time as an ISO date (RFC 3339 times are
// cut to their UTC date).
func recordDate(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format("2006-01-02")
	}
	if len(s) >= 10 {
		if _, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return s[:10]
		}
	}
	return s
}

// resolve returns the best place a name may mean (nearest to near when
// given), nil if none.
func (s *Service) resolve(ctx context.Context, name string, near *[2]float64) (*frontline.PlaceCandidate, error) {
	if s.Places == nil || strings.TrimSpace(name) == "" {
		return nil, nil
	}
	cs, err := s.Places.SearchPlaces(ctx, frontline.PlaceQuery{Text: name, Near: near, Limit: 1})
	if code := frontline.ErrorCode(err); code == frontline.ENOTFOUND || code == frontline.EINVALID {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, nil
	}
	return &cs[0], nil
}

func mention(c *frontline.PlaceCandidate, written string, start, end int) frontline.Mention {
	p := c.Place
	kind := frontline.MentionSettlement
	if strings.HasPrefix(p.ID, "site:") {
		kind = frontline.MentionSite
	}
	return frontline.Mention{Mention: written, Start: start, End: end, Kind: kind, Score: c.Score, Reason: c.Reason,
		Place: frontline.MentionPlace{ID: p.ID, Name: p.Name, Kind: p.Kind, Oblast: p.Oblast, OblastISO: p.OblastISO, Lon: p.Lon, Lat: p.Lat}}
}

// Evidence is tied to a settlement it names when that settlement lies
// within namedKm of its point, else to the nearest settlement within
// nearestKm.
const (
	namedKm   = 25
	nearestKm = 10
)

// locateEvidence ties an observation to a settlement: a Mention of the
// location the record names, with its offsets in the text when the text
// names it (0 and 0 when not), or else a Mention with no text and reason
// "nearest" for the settlement nearest to the point.
func (s *Service) locateEvidence(ctx context.Context, r *frontline.Report, x *frontline.StoredExtraction) error {
	e := r.Evidence
	if e == nil {
		x.Error = "the observation has no location"
		return nil
	}
	if cand, err := s.resolve(ctx, e.Location, &[2]float64{e.Lon, e.Lat}); err != nil {
		return err
	} else if cand != nil && (cand.Place.Lon != 0 || cand.Place.Lat != 0) && distanceKm(e.Lon, e.Lat, cand.Place.Lon, cand.Place.Lat) <= namedKm {
		start, end := 0, 0
		if i := strings.Index(r.Text, e.Location); i >= 0 {
			start, end = i, i+len(e.Location)
		}
		x.Extraction.Places = append(x.Extraction.Places, mention(cand, e.Location, start, end))
		return nil
	}
	g := s.grid()
	if g == nil {
		return nil
	}
	if p, _ := g.nearest(e.Lon, e.Lat, nearestKm); p != nil {
		x.Extraction.Places = append(x.Extraction.Places, mention(&frontline.PlaceCandidate{Place: p, Reason: "nearest"}, "", 0, 0))
	}
	return nil
}
