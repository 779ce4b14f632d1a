//go:build !linux

package gazetteer

import "os"

// mapFile reads a file of size bytes (mapped on Linux, textcache_linux.go);
// another size is an error.
func mapFile(path string, size int) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) != size || size == 0 {
		return nil, os.ErrInvalid
	}
	return b, nil
}
