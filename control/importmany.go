package control

import (
	"context"
	"runtime"

	"github.com/frontline-osint/frontline"
)

// ImportMany imports n snapshots: load(i) supplies the i-th request (it may
// read a file), workers prepare them in parallel on GOMAXPROCS cores, and
// each is committed in order, in its own transaction, then reported to
// done(i, result, err). A failure of one snapshot does not stop the others;
// a cancelled ctx stops after the snapshot being committed, so everything
// stored is whole.
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
	for i := 0; i < n; i++ {
		var j job
		select {
		case j = <-results[i]:
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
	}
	return nil
}
