package main

import (
	"context"
	"fmt"
	"time"
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
	n, err := svc.BuildCells(ctx, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s: cells up to date (%d maps applied in %.1f s)\n", pos[0], n, time.Since(start).Seconds())
	return nil
}
