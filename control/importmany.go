package control

import (
	"context"
	"runtime"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/mapfile"
)

// ImportMany imports n snapshots: load(i) supplies the i-th request (it may
// read a file), workers prepare them in parallel on GOMAXPROCS cores, and
// each is committed in order, in its own transaction, then reported to
// done(i, result, err). A failure of one snapshot does not stop the others;
// a cancelled ctx stops after the snapshot being committed, so everything
// stored is whole.
//
// Between the two, the change from each prepared map to the next is
// computed for the layer's cells (cells.Ahead), in order, while the
// commits bring the cells to the maps before: bringing the cells to a map
// is the one part of an import done one map after the other, and the
// change's overlays were a quarter of it.
func (s *Service) ImportMany(ctx context.Context, n int, load func(i int) (frontline.ImportRequest, error), done func(i int, res *frontline.ImportResult, err error)) error {
	type job struct {
		p   *Prepared
		err error
	}
	results := make([]chan job, n)
	for i := range results {
		results[i] = make(chan job, 1)
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		go func() {
			for i := range next {
				req, err := load(i)
				if err != nil {
					results[i] <- job{err: err}
					continue
				}
				p, err := s.prepare(ctx, &req)
				results[i] <- job{p, err}
			}
		}()
	}
	staged := make([]chan job, n)
	for i := range staged {
		staged[i] = make(chan job, 1)
	}
	// The change is computed at most aheadMaps maps before the commits:
	// enough to keep it off the cells' way, while what it holds stays
	// bounded (the workers run hundreds of maps ahead on the full archive).
	aheadMaps := 2 * runtime.GOMAXPROCS(0)
	slots := make(chan struct{}, aheadMaps)
	go func() {
		var prev *Prepared
		for i := 0; i < n; i++ {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			var j job
			select {
			case j = <-results[i]:
			case <-ctx.Done():
				return
			}
			if j.err == nil && j.p.snap != nil {
				if prev != nil && prev.snap.Layer == j.p.snap.Layer && s.cellsAhead() {
					if a, err := cells.ComputeAhead(ctx, prev.pieces, j.p.pieces, 0); err == nil {
						j.p.ahead = a
					}
				}
				prev = j.p
			} else {
				prev = nil
			}
			staged[i] <- j
		}
	}()
	for i := 0; i < n; i++ {
		var j job
		select {
		case j = <-staged[i]:
		case <-ctx.Done():
			return frontline.Errorf(frontline.EINVALID, "interrupted after %d of %d snapshots (every snapshot stored so far is whole)", i, n)
		}
		if err := ctx.Err(); err != nil {
			return frontline.Errorf(frontline.EINVALID, "interrupted after %d of %d snapshots (every snapshot stored so far is whole)", i, n)
		}
		var res *frontline.ImportResult
		err := j.err
		if err == nil {
			res, err = s.Commit(ctx, j.p)
		}
		done(i, res, err)
		<-slots
	}
	return nil
}

// cellsAhead tells whether imports bring the layer's cells up to date,
// so that the change between consecutive maps is worth computing ahead.
func (s *Service) cellsAhead() bool {
	_, ok := s.cellStores()
	return ok
}

// oblastCutStore is a store that keeps the keys each oblast's pieces were
// computed under (the SQLite store does, migration 13), so that a new
// process takes an oblast whose features repeat from the stored pieces.
type oblastCutStore interface {
	OblastCut(ctx context.Context, key []byte) (snapshotID int64, oblast string, ok bool, err error)
	OblastPieces(ctx context.Context, snapshotID int64, oblast string) ([]frontline.Piece, error)
	HasOblastCuts(ctx context.Context, snapshotID int64) (bool, error)
	SaveOblastCuts(ctx context.Context, snapshotID int64, oblasts []string, keys [][]byte) error
}

// recallCut returns the stored pieces of an oblast of the first map whose
// pieces of it were computed under key: those computing them again would
// give. ok is false when none are stored (or the store fails: then the
// oblast is computed).
func (s *Service) recallCut(oblast string, key [32]byte) ([]oblastPiece, bool) {
	store, ok := s.Store.(oblastCutStore)
	if !ok {
		return nil, false
	}
	ctx := context.Background()
	id, ob, ok, err := store.OblastCut(ctx, key[:])
	if err != nil || !ok || ob != oblast {
		return nil, false
	}
	pieces, err := store.OblastPieces(ctx, id, oblast)
	// Every stored oblast has its Ukraine piece: none, no such map.
	if err != nil || len(pieces) == 0 {
		return nil, false
	}
	var out []oblastPiece
	for _, st := range frontline.Precedence {
		for _, pc := range pieces {
			if pc.Status != st {
				continue
			}
			if pc.WKB == nil {
				return nil, false
			}
			out = append(out, oblastPiece{st, pc.WKB, pc.AreaKm2})
		}
	}
	return out, true
}

// saveCuts stores the keys of a map's oblasts for the next process; a
// store that fails keeps none (the next import computes those oblasts).
func (s *Service) saveCuts(ctx context.Context, snapshotID int64, cuts []oblastCut) {
	store, ok := s.Store.(oblastCutStore)
	if !ok || len(cuts) == 0 {
		return
	}
	obs, keys := make([]string, len(cuts)), make([][]byte, len(cuts))
	for i, c := range cuts {
		obs[i], keys[i] = c.oblast, append([]byte(nil), c.key[:]...)
	}
	_ = store.SaveOblastCuts(ctx, snapshotID, obs, keys)
}

// unchangedCuts returns the keys of a map stored before the store kept
// them (the same file imported again), so that the next map's import
// can recall its oblasts; nil when they are stored or the store keeps
// none. It classifies and repairs the map, without overlays.
func (s *Service) unchangedCuts(ctx context.Context, snap *frontline.Snapshot, f *mapfile.File, m *Mapping, force frontline.Status) []oblastCut {
	store, ok := s.Store.(oblastCutStore)
	if !ok || s.Clipper == nil || s.Clipper.recall == nil {
		return nil
	}
	if has, err := store.HasOblastCuts(ctx, snap.ID); err != nil || has {
		return nil
	}
	cuts, err := cutKeys(s.Clipper, f, snap.ValidAt, m, force)
	if err != nil {
		return nil
	}
	return cuts
}
