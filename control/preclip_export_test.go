package control

// SetPreclipVertices sets the size above which the polygons near an oblast
// are cut to its envelope before the overlay, and returns the previous one.
func SetPreclipVertices(n int) int {
	prev := preclipVertices
	preclipVertices = n
	return prev
}

// SetPlanarUnionVertices sets the size above which unions and differences
// go through geo's planar overlay instead of JTS, and returns the previous
// one.
func SetPlanarUnionVertices(n int) int {
	prev := planarUnionVertices
	planarUnionVertices = n
	return prev
}

// SetPlanarClip sets whether large polygons are clipped to an oblast by
// geo's planar intersection rather than JTS, and returns the previous
// setting.
func SetPlanarClip(on bool) bool {
	prev := planarClip
	planarClip = on
	return prev
}

// SetPerOblast sets whether maps are resolved oblast by oblast, from the
// features in each oblast's envelope, and returns the previous setting.
func SetPerOblast(on bool) bool {
	prev := perOblast
	perOblast = on
	return prev
}

// Computed returns how many oblasts c computed rather than recalled.
func (c *Clipper) Computed() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.misses
}
