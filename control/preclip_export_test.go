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
