package main

import (
	"context"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/follow"
)

// replayStore points --db at a fresh temporary database unless the user
// named one, so that the replay starts from an empty map.
func (m *Main) replayStore(c *commonFlags) (cleanup func(), err error) {
	if c.db != "" || m.Getenv("FRONTLINE_DB") != "" {
		return func() {}, nil
	}
	dir, err := os.MkdirTemp("", "frontline-replay-")
	if err != nil {
		return nil, err
	}
	c.db = filepath.Join(dir, "replay.db")
	return func() { os.RemoveAll(dir) }, nil
}

// replayLayer is the layer the replay fills: deepstate in a fresh store,
// else "replay" so that a store's own deepstate layer is left alone.
func replayLayer(ctx context.Context, svc *control.Service) (string, error) {
	_, err := svc.FindLayer(ctx, demo.Layer)
	switch frontline.ErrorCode(err) {
	case frontline.ENOTFOUND:
		return demo.Layer, nil
	case "":
		return "replay", nil
	}
	return "", err
}

// startReplay runs an in-process fake of DeepStateMap's API on a loopback
// port that publishes the bundled demo's versions one every `every`, and
// returns the config that follows it.
func (m *Main) startReplay(ctx context.Context, svc *control.Service, every time.Duration, logger *log.Logger) (*follow.Config, func(), error) {
	b, err := demo.Load()
	if err != nil {
		return nil, nil, err
	}
	layer, err := replayLayer(ctx, svc)
	if err != nil {
		return nil, nil, err
	}
	if err := svc.CreateLayer(ctx, &frontline.Layer{Name: layer, Title: "DeepStateMap (replay of the demo window, 2022-08-20 – 2022-10-20)", Source: b.Source, Licence: b.Licence}); err != nil {
		return nil, nil, err
	}
	versions := make([]follow.TrackerVersion, len(b.Snapshots))
	for i, sn := range b.Snapshots {
		versions[i] = follow.TrackerVersion{ID: sn.ValidAt.Unix(), CreatedAt: sn.ValidAt, GeoJSON: sn.GeoJSON}
	}
	tr := follow.NewTracker(versions)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	srv := &http.Server{Handler: tr, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	rctx, cancel := context.WithCancel(ctx)
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			n := tr.Publish(1, time.Now())
			v := tr.Version(n - 1)
			logger.Printf("replay: the tracker published version %d/%d (map of %s)", n, len(versions), v.CreatedAt.Format("2006-01-02 15:04"))
			if n == len(versions) {
				logger.Printf("replay: the whole window is published")
				return
			}
			select {
			case <-rctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	notes := false
	src := frontline.SourceConfig{Name: "replay", Kind: frontline.SourceDeepState, URL: "http://" + ln.Addr().String(), Layer: layer, Every: frontline.Duration{Duration: every}, Notes: &notes}
	if err := src.Validate(true); err != nil {
		cancel()
		srv.Close()
		return nil, nil, err
	}
	logger.Printf("replay: a fake DeepStateMap API at %s publishes the %d demo maps into layer %q, one every %s", src.URL, len(versions), layer, every)
	stop := func() {
		cancel()
		srv.Close()
	}
	return &follow.Config{Sources: []frontline.SourceConfig{src}}, stop, nil
}
