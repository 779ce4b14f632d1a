package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/ogc"
	"github.com/frontline-osint/frontline/web"
)

func (m *Main) runServe(ctx context.Context, args []string) error {
	var c commonFlags
	var addr string
	var noDemo bool
	fs := m.newFlagSet("serve", "serve [--addr 127.0.0.1:8080] [--no-demo]", &c, false, false)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.BoolVar(&noDemo, "no-demo", false, "do not load the bundled demo data into an empty store")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	// Bind first: a taken port fails at once, not after loading the demo.
	s := fhttp.NewServer()
	s.Addr = addr
	if err := s.Listen(); err != nil {
		return frontline.Errorf(frontline.EINVALID, "cannot listen on %s: %v", addr, err)
	}
	defer s.Close()
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	logger := log.New(m.Stderr, "", log.LstdFlags)
	if !noDemo {
		if err := loadDemoIfEmpty(ctx, svc, logger); err != nil {
			return err
		}
	}
	s.LayerService, s.Logger = svc, logger
	s.MapService, s.FrontService = svc, svc
	s.Static = web.Handler()
	s.OGC = ogc.NewHandler(svc, svc)
	g, err := m.loadGazetteer(c)
	if err != nil {
		return err
	}
	s.PlaceService = g
	svc.SetPlaces(g.Places)
	if err := m.serveReports(ctx, s, c, logger); err != nil {
		return err
	}
	if err := m.serveAssessment(s, c); err != nil {
		return err
	}
	if err := s.Open(); err != nil {
		return frontline.Errorf(frontline.EINVALID, "cannot listen on %s: %v", addr, err)
	}
	logger.Printf("Frontline serving %s (database %s)", s.URL(), m.db.Path)
	logger.Printf("map: %s/   API: %s/api/v1/openapi.json   OGC API – Features: %s/ogc", s.URL(), s.URL(), s.URL())
	<-ctx.Done()
	logger.Printf("shutting down")
	return s.Close() // the deferred Close then does nothing
}

// loadDemoIfEmpty imports the bundled demo dataset when the store has no
// layers: a fresh install shows the Kharkiv counteroffensive at once.
func loadDemoIfEmpty(ctx context.Context, svc *control.Service, logger *log.Logger) error {
	layers, err := svc.FindLayers(ctx)
	if err != nil {
		return err
	}
	if len(layers) > 0 {
		return nil
	}
	b, err := demo.Load()
	if err != nil {
		return err
	}
	if err := svc.CreateLayer(ctx, &frontline.Layer{Name: b.Layer, Title: b.Title, Source: b.Source, Licence: b.Licence}); err != nil {
		return err
	}
	logger.Printf("empty store: loading the bundled demo (%d DeepState snapshots, Aug–Oct 2022)…", len(b.Snapshots))
	start := time.Now()
	var failed error
	load := func(i int) (frontline.ImportRequest, error) {
		sn := b.Snapshots[i]
		return frontline.ImportRequest{Layer: b.Layer, SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}, nil
	}
	err = svc.ImportMany(ctx, len(b.Snapshots), load, func(i int, _ *frontline.ImportResult, err error) {
		if err != nil && failed == nil {
			failed = fmt.Errorf("demo snapshot %s: %w", b.Snapshots[i].Name, err)
		}
		if (i+1)%30 == 0 || i+1 == len(b.Snapshots) {
			logger.Printf("demo: %d/%d snapshots", i+1, len(b.Snapshots))
		}
	})
	if err != nil {
		return err
	}
	if failed != nil {
		return failed
	}
	logger.Printf("demo loaded in %s", time.Since(start).Round(100*time.Millisecond))
	return nil
}
