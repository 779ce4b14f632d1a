package extract

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkResolveTime: the time of every sentence of the September 2022
// press texts (the part of extraction dates.go costs).
func BenchmarkResolveTime(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "data", "articles", "press-2022-09", "*.txt"))
	if len(files) == 0 {
		b.Skip("shared data not found")
	}
	var ss []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		for _, sp := range splitSentences(text) {
			ss = append(ss, lowerASCII(text[sp.start:sp.end]))
		}
		size += len(data)
	}
	starts := make([][]int, len(ss))
	for i, s := range ss {
		starts[i] = wordStarts(s)
	}
	pub := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, s := range ss {
			resolveTime(s, starts[k], pub, "")
		}
	}
}
