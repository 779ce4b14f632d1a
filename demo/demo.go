// Package demo embeds the bundled demo dataset — DeepState maps of the September 2022 Kharkiv counteroffensive — generated from public data by internal/cmd/gendemo.
package demo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"
)

// BundleFile is the name of the embedded bundle in this package's directory.
const BundleFile = "kharkiv-2022.json.gz"

//go:embed kharkiv-2022.json.gz
var bundleGz []byte

// Layer and title of the demo layer.
const (
	Layer = "deepstate"
	Title = "DeepStateMap (demo: Kharkiv counteroffensive, 2022-08-20 – 2022-10-20)"
)

// Snapshot is one published DeepState map of the demo window.
type Snapshot struct {
	Name    string    // original export file name, e.g. "2022-09-13T130124Z.geojson"
	ValidAt time.Time // publication time (UTC), decoded from the file name
	// GeoJSON is a FeatureCollection rebuilt from the bundle:
	// {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":...},"geometry":...}]}
	GeoJSON []byte
}

// Bundle is the demo dataset: one layer of snapshots in valid-time order.
type Bundle struct {
	Layer, Title, Source, Licence string
	Snapshots                     []Snapshot
}

// Load decodes the embedded bundle. Each call returns fresh slices that the
// caller may keep or modify.
func Load() (*Bundle, error) {
	return decode(bundleGz)
}

func decode(gz []byte) (*Bundle, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("demo: open bundle: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("demo: decompress bundle: %w", err)
	}
	var b bundle
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, fmt.Errorf("demo: decode bundle: %w", err)
	}

	// Encode each distinct feature once; snapshots are concatenations.
	features := make([][]byte, len(b.Features))
	for i, f := range b.Features {
		name, err := json.Marshal(f.Name)
		if err != nil {
			return nil, fmt.Errorf("demo: feature %d: %w", i, err)
		}
		if len(f.Geometry) == 0 {
			return nil, fmt.Errorf("demo: feature %d: no geometry", i)
		}
		buf := make([]byte, 0, len(featurePrefix)+len(name)+len(featureMiddle)+len(f.Geometry)+1)
		buf = append(buf, featurePrefix...)
		buf = append(buf, name...)
		buf = append(buf, featureMiddle...)
		buf = append(buf, f.Geometry...)
		buf = append(buf, '}')
		features[i] = buf
	}

	out := &Bundle{
		Layer:     Layer,
		Title:     Title,
		Source:    b.Source,
		Licence:   b.Licence,
		Snapshots: make([]Snapshot, 0, len(b.Snapshots)),
	}
	for _, s := range b.Snapshots {
		validAt, err := time.Parse(time.RFC3339, s.ValidAt)
		if err != nil {
			return nil, fmt.Errorf("demo: snapshot %s: valid_at: %w", s.File, err)
		}
		n := len(collectionPrefix) + len(collectionSuffix) + len(s.Features)
		for _, i := range s.Features {
			if i < 0 || i >= len(features) {
				return nil, fmt.Errorf("demo: snapshot %s: feature index %d out of range", s.File, i)
			}
			n += len(features[i])
		}
		doc := make([]byte, 0, n)
		doc = append(doc, collectionPrefix...)
		for k, i := range s.Features {
			if k > 0 {
				doc = append(doc, ',')
			}
			doc = append(doc, features[i]...)
		}
		doc = append(doc, collectionSuffix...)
		out.Snapshots = append(out.Snapshots, Snapshot{Name: s.File, ValidAt: validAt.UTC(), GeoJSON: doc})
	}
	sort.SliceStable(out.Snapshots, func(i, j int) bool {
		return out.Snapshots[i].ValidAt.Before(out.Snapshots[j].ValidAt)
	})
	return out, nil
}

const (
	collectionPrefix = `{"type":"FeatureCollection","features":[`
	collectionSuffix = `]}`
	featurePrefix    = `{"type":"Feature","properties":{"name":`
	featureMiddle    = `},"geometry":`
)
