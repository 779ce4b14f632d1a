// Package reload serves the gazetteer-dependent services of a running
// server (place search, claims, their assessment, check) through one value
// whose current generation is replaced atomically when the gazetteer
// changes, so that `gazetteer import --extend` takes effect without a
// restart. It watches the gazetteer's file for the change.
package reload

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/frontline-osint/frontline"
)

// Generation is the set of services built on one gazetteer. The calls of a
// nil service fail with EINTERNAL, naming it.
type Generation struct {
	Places     frontline.PlaceService
	Lister     frontline.PlaceLister
	Claims     frontline.ClaimService
	Explainer  frontline.ChangeExplainer
	Assessment frontline.AssessmentService
	Numbers    frontline.NumberChecker
	Check      frontline.CheckService
}

// Services delegates every call to the current Generation. A call uses
// the generation current when it starts; a swap never interrupts it.
type Services struct {
	cur atomic.Pointer[Generation]
}

// Compile-time checks: Services stands in for each service it holds.
var (
	_ frontline.PlaceService      = (*Services)(nil)
	_ frontline.PlaceLister       = (*Services)(nil)
	_ frontline.ClaimService      = (*Services)(nil)
	_ frontline.ChangeExplainer   = (*Services)(nil)
	_ frontline.AssessmentService = (*Services)(nil)
	_ frontline.NumberChecker     = (*Services)(nil)
	_ frontline.CheckService      = (*Services)(nil)
)

// New returns Services serving g.
func New(g *Generation) *Services {
	s := &Services{}
	s.cur.Store(g)
	return s
}

// Swap makes g the current generation.
func (s *Services) Swap(g *Generation) { s.cur.Store(g) }

// Current returns the current generation.
func (s *Services) Current() *Generation { return s.cur.Load() }

func missing(what string) error {
	return frontline.Errorf(frontline.EINTERNAL, "the server has no %s service", what)
}

func (s *Services) SearchPlaces(ctx context.Context, q frontline.PlaceQuery) ([]frontline.PlaceCandidate, error) {
	g := s.cur.Load()
	if g.Places == nil {
		return nil, missing("place")
	}
	return g.Places.SearchPlaces(ctx, q)
}

func (s *Services) FindPlace(ctx context.Context, id string) (*frontline.Place, error) {
	g := s.cur.Load()
	if g.Places == nil {
		return nil, missing("place")
	}
	return g.Places.FindPlace(ctx, id)
}

func (s *Services) AllPlaces() []frontline.Place {
	g := s.cur.Load()
	if g.Lister == nil {
		return nil
	}
	return g.Lister.AllPlaces()
}

func (s *Services) Claims(ctx context.Context, f frontline.ClaimFilter) ([]frontline.ClaimView, error) {
	g := s.cur.Load()
	if g.Claims == nil {
		return nil, missing("claims")
	}
	return g.Claims.Claims(ctx, f)
}

func (s *Services) ReportExtraction(ctx context.Context, reportID int64) (*frontline.StoredExtraction, error) {
	g := s.cur.Load()
	if g.Claims == nil {
		return nil, missing("claims")
	}
	return g.Claims.ReportExtraction(ctx, reportID)
}

func (s *Services) Activity(ctx context.Context, afterReport, afterExtraction int64, limit int) (*frontline.ReportActivity, error) {
	g := s.cur.Load()
	if g.Claims == nil {
		return nil, missing("claims")
	}
	return g.Claims.Activity(ctx, afterReport, afterExtraction, limit)
}

func (s *Services) ExplainChange(ctx context.Context, res *frontline.ChangeResult, grader frontline.AssessmentService) error {
	g := s.cur.Load()
	if g.Explainer == nil {
		return missing("change explanation")
	}
	return g.Explainer.ExplainChange(ctx, res, grader)
}

func (s *Services) GradeClaims(ctx context.Context, cs []frontline.ClaimView) error {
	g := s.cur.Load()
	if g.Assessment == nil {
		return missing("assessment")
	}
	return g.Assessment.GradeClaims(ctx, cs)
}

func (s *Services) Contradictions(ctx context.Context, f frontline.ContradictionFilter) ([]frontline.Contradiction, error) {
	g := s.cur.Load()
	if g.Assessment == nil {
		return nil, missing("assessment")
	}
	return g.Assessment.Contradictions(ctx, f)
}

func (s *Services) Assessed(ctx context.Context, placeID string) ([]frontline.AssessedTimeline, error) {
	g := s.cur.Load()
	if g.Assessment == nil {
		return nil, missing("assessment")
	}
	return g.Assessment.Assessed(ctx, placeID)
}

func (s *Services) CheckNumbers(ctx context.Context, ns []frontline.NumberClaim) error {
	g := s.cur.Load()
	if g.Numbers == nil {
		return missing("number check")
	}
	return g.Numbers.CheckNumbers(ctx, ns)
}

func (s *Services) Check(ctx context.Context, req frontline.CheckRequest) (*frontline.CheckResult, error) {
	g := s.cur.Load()
	if g.Check == nil {
		return nil, missing("check")
	}
	return g.Check.Check(ctx, req)
}

// Watcher reloads when a file changes: its modification time, size or
// identity (a rename over it), or its appearing or disappearing.
type Watcher struct {
	Path string
	// Every is the interval between two looks at the file.
	Every time.Duration
	// Reload builds and swaps in the services of the file as it now is;
	// on an error the previous ones stay in use, and the file is tried
	// again when it next changes.
	Reload func() error
	// Logf reports reloads and their errors; nil: silent.
	Logf func(format string, args ...any)

	mu     sync.Mutex
	marked bool
	last   os.FileInfo // nil: no file
}

// Mark takes the file as it is now as the one loaded. Call it before
// reading the file the first time: a change made while it is read is then
// seen as a change.
func (w *Watcher) Mark() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.last, _ = os.Stat(w.Path)
	w.marked = true
}

// Run looks at the file every w.Every until ctx is done. Without Mark,
// the file as it is when Run starts is taken as already loaded.
func (w *Watcher) Run(ctx context.Context) {
	w.mu.Lock()
	if !w.marked {
		w.last, _ = os.Stat(w.Path)
		w.marked = true
	}
	w.mu.Unlock()
	t := time.NewTicker(w.Every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.Check()
		}
	}
}

// Check reloads now if the file changed since it was last loaded, and
// reports whether it did reload successfully.
func (w *Watcher) Check() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	fi, _ := os.Stat(w.Path)
	if sameFile(w.last, fi) {
		return false
	}
	return w.reload(fi)
}

// Force reloads now whether or not the file changed (SIGHUP).
func (w *Watcher) Force() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	fi, _ := os.Stat(w.Path)
	return w.reload(fi)
}

func (w *Watcher) reload(fi os.FileInfo) bool {
	start := time.Now()
	if err := w.Reload(); err != nil {
		w.logf("gazetteer %s changed but was not reloaded (the previous one stays in use): %v", w.Path, err)
		// Try again only when the file changes again.
		w.last, w.marked = fi, true
		return false
	}
	w.last, w.marked = fi, true
	w.logf("gazetteer reloaded from %s in %s", w.Path, time.Since(start).Round(time.Millisecond))
	return true
}

func (w *Watcher) logf(format string, args ...any) {
	if w.Logf != nil {
		w.Logf(format, args...)
	}
}

func sameFile(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}
