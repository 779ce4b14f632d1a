package main

import (
	"bufio"
	"context"
	"fmt"
	"log"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/follow"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/ogc"
	"github.com/frontline-osint/frontline/reload"
	"github.com/frontline-osint/frontline/sqlite"
	"github.com/frontline-osint/frontline/web"
)

func (m *Main) runServe(ctx context.Context, args []string) error {
	var c commonFlags
	var addr string
	var noDemo bool
	var followConfig string
	var replay bool
	var replayEvery time.Duration
	var alertEvery time.Duration
	var memoryLimitMiB int64
	var delivery deliveryFlags
	var gazetteerEvery time.Duration
	fs := m.newFlagSet("serve", "serve [--addr 127.0.0.1:8080] [--no-demo] [--memory-limit 384] [--follow CONFIG] [--replay [--replay-every 5s]] [--alert-interval 30s] [--gazetteer-reload 2s] [--webhook URL] [--smtp HOST:PORT --smtp-to ADDR]", &c, false, false)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.BoolVar(&noDemo, "no-demo", false, "do not load the bundled demo data into an empty store")
	fs.StringVar(&followConfig, "follow", "", "follow the sources of this config while serving (as frontline follow)")
	fs.BoolVar(&replay, "replay", false, "replay the bundled Kharkiv window as if the tracker published it live (a fresh temporary store unless --db or $FRONTLINE_DB names one)")
	fs.DurationVar(&replayEvery, "replay-every", 5*time.Second, "with --replay: publish a version this often")
	fs.DurationVar(&alertEvery, "alert-interval", 30*time.Second, "how often the watches are evaluated against new maps, claims and contradictions (0: never; a followed source's new map is evaluated at once)")
	fs.DurationVar(&gazetteerEvery, "gazetteer-reload", 2*time.Second, "how often the gazetteer file next to the database is looked at; when gazetteer import has rebuilt or extended it, places, claims, assessment, check and settlements switch to it without a restart (0: only on SIGHUP)")
	fs.Int64Var(&memoryLimitMiB, "memory-limit", defaultServeMemoryLimitMiB, "soft memory limit in MiB: near it the garbage collector works harder instead of letting the heap grow (0: none; GOMEMLIMIT, when set, wins)")
	delivery.register(fs)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if memoryLimitMiB < 0 {
		return usageErrorf("--memory-limit must be 0 (none) or a number of MiB")
	}
	setServeMemoryLimit(memoryLimitMiB)
	if replay {
		if replayEvery < 100*time.Millisecond {
			return usageErrorf("--replay-every must be at least 100ms")
		}
		cleanup, err := m.replayStore(&c)
		if err != nil {
			return err
		}
		defer cleanup()
		noDemo = true
	}
	var followCfg *follow.Config
	if followConfig != "" {
		cfg, err := follow.LoadConfig(followConfig)
		if err != nil {
			return err
		}
		followCfg = cfg
	}
	// Bind first: a taken port fails at once, not after loading the demo.
	s := fhttp.NewServer()
	s.Addr = addr
	// FRONTLINE_ROUTE_LOG=FILE writes a line per request with its route
	// and the server's time on it (bench/api/run.sh ROUTES=1), flushed
	// when the server has stopped.
	if path := os.Getenv("FRONTLINE_ROUTE_LOG"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 1<<16)
		s.RouteLog = bw
		defer func() {
			bw.Flush()
			f.Close()
		}()
	}
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
	// A map followed in while serving is a new cell build: its stored
	// transitions are read whole at the import, not on a request.
	svc.WarmOnImport = true
	s.LayerService, s.Logger = svc, logger
	s.MapService, s.FrontService = svc, svc
	s.ChangeGeoJSON, s.Lists, s.Disagreements = svc, svc, svc
	s.Static = web.Handler()
	s.OGC = ogc.NewHandler(svc, svc)
	// The gazetteer file as it is before it is read: a change from here on
	// is reloaded.
	gazWatch := &reload.Watcher{Path: m.gazetteerPath(c), Every: gazetteerEvery}
	gazWatch.Mark()
	g, err := m.loadGazetteer(c)
	if err != nil {
		return err
	}
	s.PlaceService, s.PlaceLister = g, g
	svc.SetPlaces(g.Places)
	if err := m.serveReports(ctx, s, c, logger); err != nil {
		return err
	}
	if followCfg != nil || replay {
		s.SourceStatus = follow.StatusService{Store: sqlite.NewFollowStore(m.db)}
	}
	// Watches and alerts: the engine evaluates in the background and
	// announces each new alert on the event stream.
	engine, err := m.alertEngine(ctx, c, delivery, logger)
	if err != nil {
		return err
	}
	s.Watches, s.Alerts = engine.Watches, engine.Alerts
	// Places, claims, assessment and check follow the gazetteer file.
	if err := m.serveLiveGazetteer(ctx, c, gazWatch, g, s, engine, logger); err != nil {
		return err
	}
	engine.Publish = s.PublishAlert
	if err := s.Open(); err != nil {
		return frontline.Errorf(frontline.EINVALID, "cannot listen on %s: %v", addr, err)
	}
	// Read the layers' cell indexes now, in the background, rather than
	// on the first question that needs one.
	go func() {
		start := time.Now()
		if err := svc.WarmCells(ctx); err != nil && ctx.Err() == nil {
			logger.Printf("cells: %v", err)
			return
		}
		logger.Printf("cells read in %s", time.Since(start).Round(time.Millisecond))
	}()
	engineDone := make(chan struct{})
	if alertEvery > 0 {
		go func() {
			defer close(engineDone)
			engine.Run(ctx, alertEvery)
		}()
	} else {
		close(engineDone)
	}
	logger.Printf("Frontline serving %s (database %s)", s.URL(), m.db.Path)
	if missing := web.Missing(); len(missing) > 0 {
		logger.Printf("WARNING: this binary has no web map (missing %s): / says so and how to build it (make build); the API and /ogc work", strings.Join(missing, ", "))
	}
	logger.Printf("map: %s/   API: %s/api/v1/openapi.json   OGC API – Features: %s/ogc", s.URL(), s.URL(), s.URL())
	var followers sync.WaitGroup
	startFollow := func(cfg *follow.Config, fast bool) error {
		f, w, err := m.newFollower(c, cfg, logger, s.Publish)
		if err != nil {
			return err
		}
		// A new map is evaluated against the watches at once, not at the
		// next interval.
		w.afterChange = append(w.afterChange, func(ctx context.Context, src *frontline.SourceConfig, sn *frontline.Snapshot, _ *fhttp.ChangeEvent) {
			if res, err := engine.Evaluate(ctx); err != nil && ctx.Err() == nil {
				logger.Printf("alerts after %s's snapshot %d: %v", src.Name, sn.ID, err)
			} else if err == nil && len(res.Alerts) > 0 {
				logger.Printf("alerts: %d new after %s's snapshot %d", len(res.Alerts), src.Name, sn.ID)
			}
		})
		if fast {
			f.Retries, f.Backoff = 1, 200*time.Millisecond
		}
		followers.Add(1)
		go func() {
			defer followers.Done()
			if err := f.Run(ctx, cfg.Sources, nil); err != nil {
				logger.Printf("follow: %v", err)
			}
		}()
		logger.Printf("following %d source%s (status: %s/api/v1/sources/status)", len(cfg.Sources), pluralS(len(cfg.Sources)), s.URL())
		return nil
	}
	if followCfg != nil && !replay {
		if err := startFollow(followCfg, false); err != nil {
			s.Close()
			return err
		}
	}
	if replay {
		cfg, stop, err := m.startReplay(ctx, svc, replayEvery, logger)
		if err != nil {
			s.Close()
			return err
		}
		defer stop()
		// A store without watches gets the demo's, so that an alert fires
		// as the replay reaches September's counteroffensive.
		if err := m.seedReplayWatches(ctx, engine, cfg.Sources[0].Layer, logger); err != nil {
			s.Close()
			return err
		}
		if followCfg != nil {
			cfg.Sources = append(cfg.Sources, followCfg.Sources...)
		}
		if err := startFollow(cfg, true); err != nil {
			s.Close()
			return err
		}
	}
	<-ctx.Done()
	logger.Printf("shutting down")
	followers.Wait()
	<-engineDone
	engine.Close()   // deliveries under way
	return s.Close() // the deferred Close then does nothing
}

// defaultServeMemoryLimitMiB is serve's soft memory limit. The program runs
// with GOGC=400 (main.go), which suits a short import; a server computing
// changes allocates gigabytes of overlay garbage a minute, and with the heap
// allowed to reach five times what is live it grew to 1.75 GB after two
// minutes of mixed load on the full archive while less than 50 MB stayed
// live (docs/benchmarks-journal.md). 384 MiB keeps the process under 512 MB
// resident with the caches full (64 MiB of response bodies, 64 MiB of drawn
// maps).
const defaultServeMemoryLimitMiB = 384

// setServeMemoryLimit sets the soft memory limit (debug.SetMemoryLimit) to
// mib MiB, unless GOMEMLIMIT is set or mib is 0.
func setServeMemoryLimit(mib int64) {
	if mib <= 0 || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(mib << 20)
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
