package control

// SetPreclipVertices sets the size above which the polygons near an oblast
// are cut to its envelope before the overlay, and returns the previous one.
func SetPreclipVertices(n int) int {
	prev := preclipVertices
	preclipVertices = n
	return prev
}
