package control

import (
	"context"

	"github.com/frontline-osint/frontline"
)

// ListImportRequest asks to import one list file as a list layer.
type ListImportRequest struct {
	Layer, SourceName      string
	Data                   []byte
	Title, Source, Licence string
}

// ListImportResult summarises an imported list.
type ListImportResult struct {
	Layer       string         `json:"layer"`
	Added       bool           `json:"added"`
	Entries     int            `json:"entries"`
	Oblasts     int            `json:"oblasts"`
	Raions      int            `json:"raions"`
	Hromadas    int            `json:"hromadas"`
	Settlements int            `json:"settlements"`
	BySection   map[string]int `json:"by_section"`
	Warnings    []string       `json:"warnings"`
}

func (s *Service) lists() (frontline.ListStore, error) {
	if s.Lists == nil {
		return nil, frontline.Errorf(frontline.EINVALID, "this store does not hold lists")
	}
	return s.Lists, nil
}

// ImportList reads a perelik CSV and stores it as a new version of a list
// layer (created if new). The same file twice stores nothing new.
func (s *Service) ImportList(ctx context.Context, req ListImportRequest) (*ListImportResult, error) {
	store, err := s.lists()
	if err != nil {
		return nil, err
	}
	if err := ValidateLayerName(req.Layer); err != nil {
		return nil, err
	}
	entries, warnings, err := ParsePerelikReport(req.SourceName, req.Data)
	if err != nil {
		return nil, err
	}
	if l, err := s.Store.FindLayer(ctx, req.Layer); err == nil && l.Snapshots > 0 {
		return nil, frontline.Errorf(frontline.ECONFLICT, "layer %s holds %d polygon snapshots: import the list into a layer of its own", req.Layer, l.Snapshots)
	}
	l := &frontline.Layer{Name: req.Layer, Title: or(req.Title, "Перелік територій бойових дій та тимчасово окупованих"),
		Source: or(req.Source, "Ministry of Development of Communities and Territories of Ukraine, Order No. 376 (perelik)"), Licence: req.Licence}
	if err := s.CreateLayer(ctx, l); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	res := &ListImportResult{Layer: req.Layer, Entries: len(entries), BySection: map[string]int{}, Warnings: warnings}
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	codes := map[string]bool{}
	for i := range entries {
		e := &entries[i]
		e.Layer, e.RecordedAt = req.Layer, now
		res.BySection[e.Section]++
		if codes[e.KATOTTG] {
			continue
		}
		codes[e.KATOTTG] = true
		switch _, level := listKey(e.KATOTTG); level {
		case levelOblast:
			res.Oblasts++
		case levelRaion:
			res.Raions++
		case levelHromada:
			res.Hromadas++
		default:
			res.Settlements++
		}
	}
	res.Added, err = store.AddListEntries(ctx, req.Layer, req.SourceName, sourceHash(req.Data), entries)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
