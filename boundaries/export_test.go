package boundaries

// Parse parses the embedded file without the cache, for BenchmarkLoad.
func Parse() (*Set, error) { return parse(ukraineGeoJSON) }
