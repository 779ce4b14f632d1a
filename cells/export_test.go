package cells

import (
	"errors"

	"github.com/peterstace/simplefeatures/geom"
)

// FailOverlays makes every overlay whose description fail passes fail,
// on every grid; nil restores them.
func FailOverlays(fail func(what string) bool) {
	if fail == nil {
		failOverlay = nil
		return
	}
	failOverlay = func(what string, op overlayFunc) overlayFunc {
		if !fail(what) {
			return op
		}
		return func(a, b geom.Geometry) (geom.Geometry, error) {
			return geom.Geometry{}, errors.New("overlay failed (test)")
		}
	}
}

// FormatOneHead returns a format-2 head of stored transitions in format 1
// (without the cells' IDs), as stores written before format 2 hold it.
func FormatOneHead(head []byte) []byte {
	h, err := decodeHead(head, false)
	if err != nil {
		panic(err)
	}
	out := h.encode()
	out[0] = 1
	return out
}

// KeepDecodedCells makes Builders keep every cell's decoded geometry
// (true) or drop it once its WKB holds it (false, as they do).
func KeepDecodedCells(keep bool) { keepDecoded = keep }
