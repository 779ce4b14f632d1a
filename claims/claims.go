// Package claims turns stored reports into stored, queryable claims: it
// runs the extractor over every report not yet read by the current
// extractor version, keeps the results in a frontline.ExtractionStore, and
// answers claim queries with what a reader needs to weigh each claim (the
// report, its publisher and the speaker, graded from the source registry).
//
// Reports are read by kind:
//
//   - text, HTML, feed items, feed JSON lines and DeepStateMap's versions:
//     the extractor reads Report.Text, with Report.Links when it can use
//     them (LinkedExtractor);
//   - structured claim records (claims JSON lines): the record is the
//     claim; its place is resolved through the gazetteer, its speaker's side
//     through the source registry;
//   - evidence (evidence JSON, Bellingcat's export, JPEG, event CSV): no
//     claims (assessment weighs them as evidence); the observation's point
//     is tied to the settlement it names, or else to the nearest settlement
//     within a few kilometres.
package claims

import (
	"context"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
)

var _ frontline.ClaimService = (*Service)(nil)

// Extractor reads a text published at a time (package extract).
type Extractor interface {
	Extract(text string, published time.Time) (*frontline.Extraction, error)
}

// LinkedExtractor is an extractor that also reads the names a publisher
// linked to map points (Report.Links: DeepStateMap's notes), resolving each
// to the place at its point. The pipeline uses it when the Extractor has
// it and the report has links; otherwise the links are ignored.
type LinkedExtractor interface {
	ExtractLinked(text string, published time.Time, links []frontline.Link) (*frontline.Extraction, error)
}

// versioner is an extractor that names its own rules' version.
type versioner interface{ Version() string }

// Service runs extraction and answers claim queries.
type Service struct {
	Reports     frontline.ReportStore
	Sources     frontline.SourceStore
	Extractions frontline.ExtractionStore
	Extractor   Extractor
	// Places resolves the places of claim records and evidence; nil: they
	// stay unresolved.
	Places frontline.PlaceService
	// Version names the extractor's rules; when empty, an Extractor with a
	// Version method names its own. A report is read again when the version
	// changes; earlier extractions are kept.
	Version string
	Now     frontline.Clock

	gridOnce sync.Once
	places   *grid
}

// NewService returns a service on the stores.
func NewService(reports frontline.ReportStore, sources frontline.SourceStore, extractions frontline.ExtractionStore, x Extractor, places frontline.PlaceService) *Service {
	return &Service{Reports: reports, Sources: sources, Extractions: extractions, Extractor: x, Places: places, Now: time.Now}
}

// ExtractorVersion is the version extraction is stored under.
func (s *Service) ExtractorVersion() string {
	if s.Version != "" {
		return s.Version
	}
	if v, ok := s.Extractor.(versioner); ok {
		return v.Version()
	}
	return ""
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// Claims returns claims matching f with their reports and sources, by
// report time, report ID, then position in the report. Each report's
// latest extraction is read.
func (s *Service) Claims(ctx context.Context, f frontline.ClaimFilter) ([]frontline.ClaimView, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, frontline.Errorf(frontline.EINVALID, "limit and offset must not be negative")
	}
	stored, err := s.Extractions.FindClaims(ctx, frontline.ClaimQuery{PlaceID: f.PlaceID, PlaceIDs: f.PlaceIDs, ReportID: f.ReportID, Since: f.Since, Until: f.Until, Offset: f.Offset, Limit: f.Limit})
	if err != nil {
		return nil, err
	}
	reg, err := s.registry(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]frontline.ClaimView, 0, len(stored))
	for _, sc := range stored {
		r := &sc.Report
		v := frontline.ClaimView{Claim: sc.Claim, ReportID: sc.ReportID, Index: sc.Index, Version: sc.Version, Kind: r.Kind, Title: r.Title,
			URL: r.URL, Source: r.Source, PublishedAt: r.PublishedAt, RecordedAt: r.RecordedAt}
		if src := reg.Match(r.Source); src != nil {
			v.Source, v.SourceKind, v.SourceSide, v.SourceReliability = src.Name, src.Kind, src.Side, src.Reliability
		}
		if src := reg.Speaker(sc.Claim.Speaker); src != nil {
			v.SpeakerSource, v.SpeakerReliability = src.Name, src.Reliability
			if v.SpeakerSide == "" {
				v.SpeakerSide = src.Side
			}
		}
		if v.Hedges == nil {
			v.Hedges = []string{}
		}
		if v.Reasons == nil {
			v.Reasons = []string{}
		}
		out = append(out, v)
	}
	return out, nil
}

// ReportExtraction returns a report's latest extraction.
func (s *Service) ReportExtraction(ctx context.Context, id int64) (*frontline.StoredExtraction, error) {
	xs, err := s.Extractions.FindExtractions(ctx, frontline.ExtractionFilter{ReportIDs: []int64{id}})
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		if _, err := s.Reports.FindReport(ctx, id); err != nil {
			return nil, err
		}
		return nil, frontline.Errorf(frontline.ENOTFOUND, "report %d has not been read yet (frontline claims --reextract reads it)", id)
	}
	return xs[len(xs)-1], nil
}

// registry is the source registry, read once per call.
func (s *Service) registry(ctx context.Context) (*frontline.SourceRegistry, error) {
	if s.Sources == nil {
		return frontline.NewSourceRegistry(nil), nil
	}
	srcs, err := s.Sources.FindSources(ctx)
	if err != nil {
		return nil, err
	}
	return frontline.NewSourceRegistry(srcs), nil
}

// Activity reads what was stored after the given IDs (for event streams).
func (s *Service) Activity(ctx context.Context, afterReport, afterExtraction int64, limit int) (*frontline.ReportActivity, error) {
	return s.Extractions.Activity(ctx, afterReport, afterExtraction, limit)
}
