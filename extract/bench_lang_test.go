package extract_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkExtractTune: throughput per language on the tuning part of
// ../shared/data/articles/press-2022-2025 (per language, sorted by name,
// every third file from the third on is held out and never read here).
func BenchmarkExtractTune(b *testing.B) {
	e := testExtractor(b)
	dir := filepath.Join(articlesDir(b), "press-2022-2025")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	byLang := map[string][]string{}
	for _, f := range files {
		parts := strings.SplitN(filepath.Base(f), "-", 5)
		if len(parts) < 5 {
			continue
		}
		byLang[parts[3]] = append(byLang[parts[3]], f)
	}
	for _, lang := range []string{"en", "uk", "ru"} {
		var texts []string
		size := 0
		for i, f := range byLang[lang] {
			if i%3 == 2 {
				continue // held out
			}
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
			size += len(data)
		}
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(size))
			cpu0 := cpuSeconds()
			for i := 0; i < b.N; i++ {
				for _, s := range texts {
					if _, err := e.Extract(s, day("2024-10-25")); err != nil {
						b.Fatal(err)
					}
				}
			}
			if cpu := cpuSeconds() - cpu0; cpu > 0 {
				b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu, "MB/cpu-s")
			}
		})
	}
}

// cpuSeconds is the user and system CPU time of this process so far: on a
// shared machine, throughput per CPU-second says more than per wall second.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
