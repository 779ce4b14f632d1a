package http

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
)

// seriesDays holds a layer's whole series, each day encoded once, so that
// a window of it is cut from the encoded days rather than computed and
// encoded anew: under the API bench's random windows (5% of the mix) a
// window cost ~8 ms of the server's time, most of it building and
// encoding ~1,000 days of maps of areas.
type seriesDays struct {
	mu     sync.Mutex
	layers map[string]*layerSeries
}

// layerSeries is one layer's whole series at one revision (the largest
// snapshot ID: a new map or a correction gives another).
type layerSeries struct {
	revision int64
	days     []frontline.SeriesDay
	encoded  [][]byte // json.Marshal of each day
}

// window returns the encoded answer to the series of layer l from..to in
// UTC as known now — the bytes writeJSON would send for the computed
// answer — or ok false when it cannot be cut from the whole series (then
// the caller computes it: an error to report, a window with no day).
func (s *Server) seriesWindow(ctx context.Context, l *frontline.Layer, from, to frontline.Day) (body []byte, ok bool) {
	if l.Revision <= 0 || !plainDate(from) || !plainDate(to) {
		// An instant (RFC 3339) takes its maps up to the instant, and its
		// days in its own offset: computed.
		return nil, false
	}
	ls := s.wholeSeries(ctx, l)
	if ls == nil || len(ls.days) == 0 {
		return nil, false
	}
	// The window's first and last day, as Series takes them: from's day
	// (else the first map's), to's day (else the last map's).
	first, last := ls.days[0].Date, ls.days[len(ls.days)-1].Date
	start, end := first, last
	if from.Label != "" {
		start = from.Start.In(time.UTC).Format("2006-01-02")
	}
	if to.Label != "" {
		end = to.Start.In(time.UTC).Format("2006-01-02")
	}
	if end < start || end > last {
		return nil, false // Series says why
	}
	if t0, err := time.Parse("2006-01-02", start); err != nil || t0.Year() < 1900 {
		return nil, false
	} else if t1, _ := time.Parse("2006-01-02", end); t1.Sub(t0) > 24*time.Hour*366*20 {
		return nil, false
	}
	i := 0
	for i < len(ls.days) && ls.days[i].Date < start {
		i++
	}
	j := i
	for j < len(ls.days) && ls.days[j].Date <= end {
		j++
	}
	if i == j {
		return nil, false
	}
	head, err := json.Marshal(frontline.SeriesResult{Layer: l.Name, From: start, To: end, Days: []frontline.SeriesDay{}})
	if err != nil || !bytes.HasSuffix(head, []byte(`[]}`)) {
		return nil, false
	}
	// The window's first day changed by nothing: it has no day before.
	d0 := ls.days[i]
	d0.ChangeKm2 = map[frontline.Status]float64{}
	for _, st := range frontline.Statuses {
		d0.ChangeKm2[st] = 0
	}
	enc0, err := json.Marshal(d0)
	if err != nil {
		return nil, false
	}
	n := len(head) + len(enc0) + 4
	for k := i + 1; k < j; k++ {
		n += len(ls.encoded[k]) + 1
	}
	body = make([]byte, 0, n)
	body = append(body, head[:len(head)-2]...)
	body = append(body, enc0...)
	for k := i + 1; k < j; k++ {
		body = append(body, ',')
		body = append(body, ls.encoded[k]...)
	}
	body = append(body, "]}\n"...)
	return body, true
}

// plainDate reports whether a day parameter is absent or a date
// (YYYY-MM-DD), not an instant.
func plainDate(d frontline.Day) bool {
	if d.Label == "" {
		return true
	}
	_, err := time.Parse("2006-01-02", d.Label)
	return err == nil
}

// wholeSeries returns the layer's whole series at its revision, computing
// and encoding it the first time (outside any lock: two first requests
// may both compute it).
func (s *Server) wholeSeries(ctx context.Context, l *frontline.Layer) *layerSeries {
	s.series.mu.Lock()
	ls := s.series.layers[l.Name]
	s.series.mu.Unlock()
	if ls != nil && ls.revision == l.Revision {
		return ls
	}
	whole := frontline.Day{Start: time.Time{}.In(time.UTC)}
	res, err := s.LayerService.Series(ctx, l.Name, whole, whole, time.Time{})
	if err != nil {
		return nil
	}
	ls = &layerSeries{revision: l.Revision, days: res.Days, encoded: make([][]byte, len(res.Days))}
	for k := range res.Days {
		if ls.encoded[k], err = json.Marshal(res.Days[k]); err != nil {
			return nil
		}
	}
	s.series.mu.Lock()
	if s.series.layers == nil {
		s.series.layers = map[string]*layerSeries{}
	}
	if old := s.series.layers[l.Name]; old == nil || old.revision <= l.Revision {
		s.series.layers[l.Name] = ls
	}
	s.series.mu.Unlock()
	return ls
}

// writeSeriesWindow sends a window cut by seriesWindow as writeJSON sends
// an answer.
func writeSeriesWindow(w http.ResponseWriter, r *http.Request, body []byte) {
	writeBody(w, r, http.StatusOK, "application/json; charset=utf-8", body, "")
}
