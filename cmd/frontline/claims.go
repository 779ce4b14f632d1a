package main

import (
	"context"
	"fmt"
	"log"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
)

// extractorVersion names the extraction rules claims are stored under:
// the extractor's own. When the rules change, every report is read again,
// and the claims of the earlier version are kept beside the new ones.
const extractorVersion = extract.Version

// openClaims opens the database, the gazetteer and the claims service.
func (m *Main) openClaims(c commonFlags) (*claims.Service, error) {
	rs, err := m.openReports(c)
	if err != nil {
		return nil, err
	}
	g, err := m.loadGazetteer(c)
	if err != nil {
		return nil, err
	}
	return m.claimsFor(rs, g), nil
}

// claimsFor is the claims service of the reports in rs on gazetteer g.
func (m *Main) claimsFor(rs *report.Service, g *gazetteer.Gazetteer) *claims.Service {
	svc := claims.NewService(rs.Reports, rs.Sources, sqlite.NewExtractionStore(m.db), extract.New(g), g)
	svc.Version, svc.Now = extractorVersion, m.Now
	return svc
}

// extractPending reads the reports not yet read by the extractor, with
// progress on a terminal.
func (m *Main) extractPending(ctx context.Context, svc *claims.Service) (*claims.ExtractResult, error) {
	shown := 0
	res, err := svc.ExtractPending(ctx, func(done, total int) {
		switch {
		case m.IsTerminal && total > batchProgressMin:
			fmt.Fprintf(m.Stderr, "\r\033[Kreading reports: %d/%d", done, total)
		case !m.IsTerminal && total > logProgressMin && (done-shown >= logProgressMin || done == total):
			// A log (not a terminal) gets a line now and then.
			fmt.Fprintf(m.Stderr, "reading reports: %d/%d\n", done, total)
			shown = done
		}
	})
	if m.IsTerminal && res != nil && res.Reports > batchProgressMin {
		fmt.Fprint(m.Stderr, "\r\033[K")
	}
	return res, err
}

// batchProgressMin is the number of pending reports above which progress
// is shown.
const batchProgressMin = 64

// logProgressMin is, when stderr is not a terminal, the number of pending
// reports above which progress is written, one line per so many reports.
const logProgressMin = 256

func extractSummary(res *claims.ExtractResult) string {
	s := fmt.Sprintf("%d claim%s from %d report%s", res.Claims, pluralS(res.Claims), res.Reports, pluralS(res.Reports))
	if res.Numbers > 0 {
		s += fmt.Sprintf(" (and %d number%s)", res.Numbers, pluralS(res.Numbers))
	}
	if res.Failed > 0 {
		s += fmt.Sprintf("; %d report%s could not be read", res.Failed, pluralS(res.Failed))
	}
	return s
}

func (m *Main) runClaims(ctx context.Context, args []string) error {
	var c commonFlags
	var place, reportID, since, until, layer string
	var limit int
	var reextract bool
	fs := m.newFlagSet("claims", "claims [--place NAME|ID] [--report ID] [--since T] [--until T] [--limit N] [--layer L] [--json] | claims --reextract", &c, true, false)
	fs.StringVar(&layer, "layer", "deepstate", "grade claims against this layer's maps too, if loaded (\"\": no layer)")
	fs.StringVar(&place, "place", "", "only claims about this place (a name in any spelling, or a place ID)")
	fs.StringVar(&reportID, "report", "", "only claims of this report (an ID from report list)")
	fs.StringVar(&since, "since", "", "only claims of reports published (else recorded) at or after this time (RFC 3339 or YYYY-MM-DD)")
	fs.StringVar(&until, "until", "", "only claims of reports published (else recorded) at or before this time")
	fs.IntVar(&limit, "limit", 0, "at most this many claims (0: all)")
	fs.BoolVar(&reextract, "reextract", false, "read every report the current extractor has not read (after an upgrade) and print what was found; earlier extractions are kept")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("claims takes no arguments (got %q); use --place, --report or --since", pos[0])
	}
	if limit < 0 {
		return usageErrorf("--limit must not be negative")
	}
	f := frontline.ClaimFilter{Limit: limit}
	if reportID != "" {
		id, err := strconv.ParseInt(strings.TrimPrefix(reportID, "#"), 10, 64)
		if err != nil || id <= 0 {
			return usageErrorf("--report: %q is not a report ID (a positive number; see report list)", reportID)
		}
		f.ReportID = id
	}
	if f.Since, err = optInstant("since", since); err != nil {
		return err
	}
	if f.Until, err = optInstant("until", until); err != nil {
		return err
	}
	svc, err := m.openClaims(c)
	if err != nil {
		return err
	}
	if place != "" {
		if f.PlaceID, err = m.placeID(ctx, c, place); err != nil {
			return err
		}
	}
	res, err := m.extractPending(ctx, svc)
	if err != nil {
		return err
	}
	if reextract {
		if c.json {
			return m.printJSON(res)
		}
		fmt.Fprintf(m.Stdout, "Extractor %s: %s.\n", res.Version, extractSummary(res))
		return nil
	}
	if res.Reports > 0 && !c.json {
		fmt.Fprintf(m.Stderr, "read %d new report%s\n", res.Reports, pluralS(res.Reports))
	}
	cs, err := svc.Claims(ctx, f)
	if err != nil {
		return err
	}
	if len(cs) > 0 {
		as, _, _, _, err := m.openAssessment(ctx, c, layer, time.Time{})
		if err != nil {
			return err
		}
		if err := as.GradeClaims(ctx, cs); err != nil {
			return err
		}
	}
	if c.json {
		return m.printJSON(cs)
	}
	if len(cs) == 0 {
		fmt.Fprintln(m.Stdout, "No claims match. Add reports: frontline report add FILE|DIR")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tPLACE\tASSERTION\tSIDE\tCRED\tSPEAKER\tSOURCE\tREPORT\tQUOTE")
	for _, v := range cs {
		date := v.RefersTo
		if date == "" {
			date = fmtDate(v.PublishedAt)
		}
		speaker := "-"
		if v.Speaker != "" {
			speaker = clipRunes(oneLine(v.Speaker), 40)
		}
		if v.SpeakerSide != "" {
			speaker += " (" + string(v.SpeakerSide) + ")"
		}
		source := or(clipRunes(v.Source, 30), "-")
		if v.SourceReliability != "" {
			source += " [" + string(v.SourceReliability) + "]"
		}
		placeName := or(v.PlaceName, or(v.Mention, "?"))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%d\t%s\n", termSafe(date), termSafe(placeName), v.Assertion, or(string(v.Side), "-"), v.Credibility,
			termSafe(speaker), termSafe(source), v.ReportID, termSafe(clipRunes(oneLine(v.Quote), 90)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, "CRED: credibility, 1 confirmed … 5 improbable, 6 cannot be judged (--json lists the reasons)")
	return nil
}

// placeID resolves --place: a place ID as it is, else the best match of the
// name (noting homonyms on stderr).
func (m *Main) placeID(ctx context.Context, c commonFlags, s string) (string, error) {
	g, err := m.loadGazetteer(c)
	if err != nil {
		return "", err
	}
	if p, ok := g.Place(strings.TrimSpace(s)); ok {
		return p.ID, nil
	}
	cs, err := g.SearchPlaces(ctx, frontline.PlaceQuery{Text: s, Limit: 200})
	if err != nil {
		return "", fmt.Errorf("--place: %w", err)
	}
	if cs[0].Reason == "fuzzy" || cs[0].Reason == "loose" {
		fmt.Fprintf(m.Stderr, "note: no place is spelled %q; reading it as %s, %s (%s match)\n", s, cs[0].Place.Name, cs[0].Place.Oblast, cs[0].Reason)
	}
	// Of homonyms, the one the stored reports are about.
	var claimsOf frontline.ClaimService
	if cl, err := m.openClaims(c); err == nil {
		claimsOf = cl
	}
	p, others, err := frontline.PreferClaimed(ctx, claimsOf, cs)
	if err != nil {
		return "", err
	}
	if others > 0 {
		fmt.Fprintf(m.Stderr, "note: %q may name %d other places; showing %s, %s (%s), which reports mention or else the likeliest; pass --place with a place ID to choose\n", s, others, p.Name, p.Oblast, p.ID)
	}
	return p.ID, nil
}

// oneLine collapses runs of white space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// serveReports gives the server the reports, the source registry and the
// claims, and reads reports not yet read in the background (a new
// extractor version reads them all again).
func (m *Main) serveReports(ctx context.Context, s *fhttp.Server, c commonFlags, logger *log.Logger) error {
	svc, err := m.openClaims(c)
	if err != nil {
		return err
	}
	// The shipped sources, so that /api/v1/sources answers on a new
	// database.
	if err := report.NewService(svc.Reports, svc.Sources).SeedSources(ctx); err != nil {
		return err
	}
	s.Reports, s.Sources, s.Claims = svc.Reports, svc.Sources, svc
	s.ChangeExplainer = svc
	go func() {
		res, err := svc.ExtractPending(ctx, nil)
		if err != nil && ctx.Err() == nil {
			logger.Printf("extracting claims: %v", err)
		} else if err == nil && res.Reports > 0 {
			logger.Printf("extractor %s read %d report%s: %s", res.Version, res.Reports, pluralS(res.Reports), extractSummary(res))
		}
	}()
	return nil
}
