package main

import (
	"context"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/alert"
	"github.com/frontline-osint/frontline/gazetteer"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/reload"
)

// gazetteerGeneration builds the services a server answers with that
// depend on the gazetteer: place search and listing, claims (resolution of
// their places), their assessment and the check pipeline, all on g.
func (m *Main) gazetteerGeneration(c commonFlags, g *gazetteer.Gazetteer) (*reload.Generation, error) {
	rs, err := m.openReports(c)
	if err != nil {
		return nil, err
	}
	cl := m.claimsFor(rs, g)
	as := m.assessmentFor(cl, g)
	return &reload.Generation{Places: g, Lister: g, Claims: cl, Explainer: cl, Assessment: as, Numbers: as, Check: m.checkFor(cl, g)}, nil
}

// readGazetteer reads the gazetteer in use as it is now on disk (the
// rebuilt or extended one next to the database, else the embedded one),
// without the cache of loadGazetteer.
func (m *Main) readGazetteer(c commonFlags) (*gazetteer.Gazetteer, error) {
	path := m.gazetteerPath(c)
	if !fileExists(path) {
		return gazetteer.OpenEmbedded()
	}
	places, err := gazetteer.LoadFile(path)
	if err != nil {
		return nil, err
	}
	gazetteer.FillNames(places)
	return gazetteer.New(places), nil
}

// serveLiveGazetteer makes the server's gazetteer-dependent services (s's
// places, claims, assessment and check, the alert engine's, and the
// settlements of the layer service) follow the gazetteer file: when
// `gazetteer import` rebuilds or extends it, the file is read again and
// every service is swapped at once; requests under way finish with the
// gazetteer they started with. The file is looked at every w.Every (0:
// never) and at once on SIGHUP.
// w was marked before g was read.
func (m *Main) serveLiveGazetteer(ctx context.Context, c commonFlags, w *reload.Watcher, g *gazetteer.Gazetteer, s *fhttp.Server, engine *alert.Engine, logger *log.Logger) error {
	gen, err := m.gazetteerGeneration(c, g)
	if err != nil {
		return err
	}
	live := reload.New(gen)
	s.PlaceService, s.PlaceLister = live, live
	s.Claims, s.ChangeExplainer = live, live
	s.Assessment, s.Numbers = live, live
	s.Check = live
	engine.Places, engine.Claims, engine.Assessment = live, live, live
	engine.AllPlaces = func() ([]frontline.Place, error) { return live.AllPlaces(), nil }
	w.Logf = logger.Printf
	w.Reload = func() error {
		g, err := m.readGazetteer(c)
		if err != nil {
			return err
		}
		gen, err := m.gazetteerGeneration(c, g)
		if err != nil {
			return err
		}
		// The layer service's settlements first: an answer that reads
		// both sees the new places at worst a moment early in one.
		m.service.SetPlaces(g.Places)
		live.Swap(gen)
		return nil
	}
	if w.Every > 0 {
		go w.Run(ctx)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				w.Force()
			}
		}
	}()
	return nil
}
