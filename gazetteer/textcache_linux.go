package gazetteer

import (
	"os"
	"syscall"
)

// mapFile maps a file of size bytes read-only into memory (never
// unmapped: strings point into it); another size is an error. The kept
// text is replaced by renaming, never rewritten in place, so the mapping
// stays whole.
func mapFile(path string, size int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() != int64(size) || size == 0 {
		return nil, os.ErrInvalid
	}
	return syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
}
