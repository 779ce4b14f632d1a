package follow

import (
	"context"
	"log"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
)

// ReportBatch is the bytes of one document to ingest as reports (a feed,
// a DeepState version, a Telegram post), with what the follower knows of
// it. Name carries an extension that tells the report reader its format.
type ReportBatch struct {
	Name        string
	Data        []byte
	Source      string
	PublishedAt *time.Time
}

// ReportsAdded is what ingesting a ReportBatch stored.
type ReportsAdded struct {
	Stored, Duplicates int
	// IDs of the stored reports.
	IDs []int64
	// Refused says why nothing could be read ("" when something was).
	Refused string
}

// Follower polls sources and imports what is new. Snapshots go through
// ImportSnapshot (control.Service.Import), reports through AddReports
// (report.Service.AddBytes, wired by cmd/frontline).
type Follower struct {
	Store          frontline.FollowStore
	ImportSnapshot func(ctx context.Context, req frontline.ImportRequest) (*frontline.ImportResult, error)
	AddReports     func(ctx context.Context, b ReportBatch) (*ReportsAdded, error)

	// OnSnapshot is called after a new snapshot is stored (not for an
	// unchanged one); OnReports after reports are stored. They run on the
	// follower's goroutine: the alert evaluator and the event stream hang
	// here.
	OnSnapshot func(ctx context.Context, src *frontline.SourceConfig, res *frontline.ImportResult)
	OnReports  func(ctx context.Context, src *frontline.SourceConfig, added *ReportsAdded)

	// Client does the requests (default: Timeout per request, at most 5
	// redirects). Now and Sleep are the clock: tests drive simulated time
	// through them.
	Client    *http.Client
	Now       frontline.Clock
	Sleep     func(ctx context.Context, d time.Duration) error
	Logger    *log.Logger
	UserAgent string
	Timeout   time.Duration
	MaxBody   int64
	Retries   int
	// Backoff is the first retry's wait (default 2 s), doubled each retry,
	// plus up to half again of jitter.
	Backoff time.Duration

	clientOnce sync.Once
	defClient  *http.Client
}

// New returns a follower configured from c.
func New(store frontline.FollowStore, c *Config) *Follower {
	f := &Follower{Store: store, Retries: 2}
	if c != nil {
		f.UserAgent, f.Timeout, f.MaxBody = c.UserAgent, c.Timeout.Duration, c.MaxBodyMiB<<20
		if c.Retries != nil {
			f.Retries = *c.Retries
		}
	}
	return f
}

func (f *Follower) now() time.Time {
	if f.Now != nil {
		return f.Now().UTC()
	}
	return time.Now().UTC()
}

func (f *Follower) sleep(ctx context.Context, d time.Duration) error {
	if f.Sleep != nil {
		return f.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (f *Follower) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	f.clientOnce.Do(func() { f.defClient = newClient(f.timeout()) })
	return f.defClient
}

func (f *Follower) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return 30 * time.Second
}

func (f *Follower) maxBody() int64 {
	if f.MaxBody > 0 {
		return f.MaxBody
	}
	return 64 << 20
}

func (f *Follower) retries() int { return max(f.Retries, 0) }

func (f *Follower) backoff() time.Duration {
	if f.Backoff > 0 {
		return f.Backoff
	}
	return 2 * time.Second
}

func (f *Follower) userAgent() string {
	ua := f.UserAgent
	if ua == "" {
		return DefaultUserAgent
	}
	if !containsFold(ua, "frontline") {
		ua = "Frontline/1 " + ua
	}
	return ua
}

func (f *Follower) logf(format string, args ...any) {
	if f.Logger != nil {
		f.Logger.Printf(format, args...)
	}
}

// PollResult is one poll of one source.
type PollResult struct {
	Source    string   `json:"source"`
	Kind      string   `json:"kind"`
	At        string   `json:"at"`
	Outcome   string   `json:"outcome"` // new, unchanged, not-modified, failed
	Snapshots []int64  `json:"snapshots,omitempty"`
	Reports   int      `json:"reports"`
	Skipped   []string `json:"skipped,omitempty"`
	Error     string   `json:"error,omitempty"`
}

// poll is the state of one poll in progress.
type poll struct {
	src *frontline.SourceConfig
	st  *frontline.FollowState
	res *PollResult
}

// Poll polls one source once, imports what is new and records the
// outcome in the store: on failure the source's error and an open gap,
// on success the gap closed. An error is returned only when the store
// fails; a source that fails is a PollResult with outcome failed.
func (f *Follower) Poll(ctx context.Context, src *frontline.SourceConfig) (*PollResult, error) {
	now := f.now()
	st, err := f.Store.FollowState(ctx, src.Name)
	if frontline.ErrorCode(err) == frontline.ENOTFOUND {
		st, err = &frontline.FollowState{Name: src.Name}, nil
	}
	if err != nil {
		return nil, err
	}
	if st.URL != "" && st.URL != src.URL+src.Path {
		// The config points the source elsewhere: its validators are
		// another server's.
		st.ETag, st.LastModified = "", ""
	}
	st.Kind, st.URL = src.Kind, src.URL+src.Path
	st.LastPoll = &now
	st.Polls++
	p := &poll{src: src, st: st, res: &PollResult{Source: src.Name, Kind: string(src.Kind), At: now.Format(time.RFC3339), Outcome: "unchanged"}}
	var perr error
	switch src.Kind {
	case frontline.SourceDeepState:
		perr = f.pollDeepState(ctx, p)
	case frontline.SourceGeoJSON, frontline.SourceKML, frontline.SourceKMZ:
		perr = f.pollMapURL(ctx, p)
	case frontline.SourceArcGIS:
		perr = f.pollArcGIS(ctx, p)
	case frontline.SourceRSS, frontline.SourceAtom:
		perr = f.pollFeed(ctx, p)
	case frontline.SourceTelegram:
		perr = f.pollTelegram(ctx, p)
	case frontline.SourceFolder:
		perr = f.pollFolder(ctx, p)
	default:
		perr = frontline.Errorf(frontline.EINVALID, "unknown kind %q", src.Kind)
	}
	if ctx.Err() != nil && perr != nil {
		// Interrupted: what was imported is recorded item by item; the
		// next start resumes.
		_ = f.Store.PutFollowState(context.WithoutCancel(ctx), st)
		return p.res, ctx.Err()
	}
	done := f.now()
	if perr != nil {
		msg := perr.Error()
		st.LastError, st.LastErrorAt = msg, &done
		st.Failures++
		p.res.Outcome, p.res.Error = "failed", msg
		if _, err := f.Store.OpenGap(ctx, src.Name, now, msg); err != nil {
			return nil, err
		}
		f.logf("follow %s (%s): %s", src.Name, src.Kind, msg)
	} else {
		if st.Failures > 0 {
			f.logf("follow %s: back after %d failed polls", src.Name, st.Failures)
		}
		st.LastSuccess, st.Failures = &done, 0
		if err := f.Store.CloseGap(ctx, src.Name, now); err != nil {
			return nil, err
		}
		if len(p.res.Snapshots) > 0 || p.res.Reports > 0 {
			p.res.Outcome = "new"
			st.LastChange = &done
		}
	}
	if err := f.Store.PutFollowState(ctx, st); err != nil {
		return nil, err
	}
	return p.res, nil
}

// Once polls every source once, in order.
func (f *Follower) Once(ctx context.Context, sources []frontline.SourceConfig) ([]*PollResult, error) {
	var out []*PollResult
	for i := range sources {
		r, err := f.Poll(ctx, &sources[i])
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Run polls each source at its interval until ctx ends. A source is due
// its interval after its last poll (as stored: a restarted follower does
// not poll a source it polled a moment ago). A failing source backs off:
// its interval doubles with each consecutive failure, up to 8 times.
func (f *Follower) Run(ctx context.Context, sources []frontline.SourceConfig, each func(*PollResult)) error {
	next := make([]time.Time, len(sources))
	for i := range sources {
		st, err := f.Store.FollowState(ctx, sources[i].Name)
		if err == nil && st.LastPoll != nil {
			next[i] = st.LastPoll.Add(backedOff(sources[i].Every.Duration, st.Failures))
		} else if err != nil && frontline.ErrorCode(err) != frontline.ENOTFOUND {
			return err
		}
	}
	for {
		now := f.now()
		order := make([]int, len(sources))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return next[order[a]].Before(next[order[b]]) })
		for _, i := range order {
			if next[i].After(now) {
				continue
			}
			r, err := f.Poll(ctx, &sources[i])
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return err
			}
			if each != nil {
				each(r)
			}
			wait := sources[i].Every.Duration
			if r.Outcome == "failed" {
				st, err := f.Store.FollowState(ctx, sources[i].Name)
				if err == nil {
					wait = backedOff(wait, st.Failures)
				}
			}
			next[i] = f.now().Add(wait)
		}
		soonest := next[0]
		for _, t := range next {
			if t.Before(soonest) {
				soonest = t
			}
		}
		d := soonest.Sub(f.now())
		if d < 0 {
			d = 0
		}
		if err := f.sleep(ctx, d); err != nil {
			return nil
		}
	}
}

// Status lists every followed source's state with its recent gaps.
func Status(ctx context.Context, store frontline.FollowStore, gaps int) ([]*frontline.SourceStatus, error) {
	states, err := store.FollowStates(ctx)
	if err != nil {
		return nil, err
	}
	out := []*frontline.SourceStatus{}
	for _, st := range states {
		g, err := store.Gaps(ctx, st.Name, gaps)
		if err != nil {
			return nil, err
		}
		if len(g) > 0 && g[0].To == nil {
			st.OpenGap = g[0]
		}
		out = append(out, &frontline.SourceStatus{FollowState: *st, Gaps: g})
	}
	return out, nil
}

// StatusService serves frontline.SourceStatusService from a store.
type StatusService struct{ Store frontline.FollowStore }

// SourcesStatus lists the followed sources with their last 20 gaps.
func (s StatusService) SourcesStatus(ctx context.Context) ([]*frontline.SourceStatus, error) {
	return Status(ctx, s.Store, 20)
}

// backedOff is a source's interval after n consecutive failures: doubled
// per failure, at most 8 times the interval.
func backedOff(every time.Duration, failures int) time.Duration {
	if failures <= 1 {
		return every
	}
	return every << min(failures-1, 3)
}
