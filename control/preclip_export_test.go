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
