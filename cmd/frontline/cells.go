package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/frontline-osint/frontline/cells"
)

// runLayerCells builds a layer's cells: the planar partition that change,
// series and settlement status read instead of overlays. Imports keep the
// cells up to date; this builds them for a store imported before they
// existed, or after a failed build.
func (m *Main) runLayerCells(ctx context.Context, args []string) error {
	var c commonFlags
	fs := m.newFlagSet("layer cells", "layer cells NAME", &c, false, false)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("layer cells: name one layer")
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	if _, err := svc.FindLayer(ctx, pos[0]); err != nil {
		return err
	}
	start := time.Now()
	// The build runs two maps' steps at once (cells.Builder.Workers), and
	// without a limit its heap grew to 1.76 GB on the whole archive: the
	// import's soft limit, following the live heap, bounds it here too.
	memLimit := setImportMemoryLimit(nil)
	memLimit.garbage = max(memLimit.garbage, 256<<20)
	followDone := make(chan struct{})
	go func() {
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				memLimit.follow()
			case <-followDone:
				return
			}
		}
	}()
	n, err := svc.BuildCells(ctx, pos[0])
	close(followDone)
	memLimit.restore()
	if err == nil {
		fmt.Fprintf(m.Stdout, "%s: cells up to date (%d maps applied in %.1f s)\n", pos[0], n, time.Since(start).Seconds())
	} else if n > 0 {
		fmt.Fprintf(m.Stdout, "%s: %d maps applied before the build failed\n", pos[0], n)
	}
	notes := svc.CellsNotes(pos[0])
	printCellNotes(m.Stdout, notes, -1)
	if len(notes) >= cells.MaxNotes {
		fmt.Fprintf(m.Stdout, "  (a build keeps its first %d notes)\n", cells.MaxNotes)
	}
	if err != nil {
		return err
	}
	// The gazetteer's places located in the new cells now, and stored:
	// the first area --settlements or change after the build would pay it
	// (~2 s of CPU on the full archive).
	start = time.Now()
	located, err := svc.LocatePlaces(ctx, pos[0])
	if err == nil && located > 0 {
		fmt.Fprintf(m.Stdout, "%s: %d places located in the cells in %.1f s\n", pos[0], located, time.Since(start).Seconds())
	}
	return err
}

// printCellNotes prints what a build of cells did not do as asked (at
// most limit notes; all if limit < 0).
func printCellNotes(w io.Writer, notes []string, limit int) {
	if len(notes) == 0 {
		return
	}
	fmt.Fprintf(w, "Cells: %d notes: overlays that failed, redone on a coarser grid or left to the next map:\n", len(notes))
	for i, n := range notes {
		if limit >= 0 && i == limit {
			fmt.Fprintf(w, "  … and %d more (see --json)\n", len(notes)-limit)
			break
		}
		fmt.Fprintf(w, "  %s\n", n)
	}
}
