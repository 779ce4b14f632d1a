package follow

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// importMap imports one map as a snapshot of the source's layer.
func (f *Follower) importMap(ctx context.Context, p *poll, name string, data []byte, validAt time.Time) (*frontline.ImportResult, error) {
	if f.ImportSnapshot == nil {
		return nil, frontline.Errorf(frontline.EINVALID, "this follower imports no maps")
	}
	req := frontline.ImportRequest{Layer: p.src.Layer, SourceName: name, Data: data, ValidAt: validAt, Status: p.src.Status}
	if p.src.Mapping != "" {
		buf, err := os.ReadFile(p.src.Mapping)
		if err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "mapping: %v", err)
		}
		req.Mapping, req.MappingName = string(buf), filepath.Base(p.src.Mapping)
	}
	res, err := f.ImportSnapshot(ctx, req)
	if err != nil {
		return nil, err
	}
	if res.Added {
		p.res.Snapshots = append(p.res.Snapshots, res.Snapshot.ID)
		p.st.Snapshots++
		if f.OnSnapshot != nil {
			f.OnSnapshot(ctx, p.src, res)
		}
	}
	return res, nil
}

// addReports ingests one document's reports.
func (f *Follower) addReports(ctx context.Context, p *poll, b ReportBatch) (*ReportsAdded, error) {
	if f.AddReports == nil {
		return &ReportsAdded{}, nil
	}
	if b.Source == "" {
		b.Source = p.src.Source
	}
	a, err := f.AddReports(ctx, b)
	if err != nil {
		return nil, err
	}
	if a.Stored > 0 {
		p.res.Reports += a.Stored
		p.st.Reports += int64(a.Stored)
		if f.OnReports != nil {
			f.OnReports(ctx, p.src, a)
		}
	}
	return a, nil
}

// --- DeepState -------------------------------------------------------------

type dsVersion struct {
	ID        int64
	CreatedAt time.Time
	Raw       json.RawMessage
}

func parseVersionList(body []byte) ([]dsVersion, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(body, &raws); err != nil {
		return nil, frontline.Errorf(frontline.EINVALID, "version list is not a JSON array: %v", err)
	}
	out := make([]dsVersion, 0, len(raws))
	for _, raw := range raws {
		var v struct {
			ID        json.Number `json:"id"`
			CreatedAt string      `json:"createdAt"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			continue
		}
		id, err := v.ID.Int64()
		if err != nil || id <= 0 || id > 1<<40 {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, v.CreatedAt)
		if err != nil {
			t = time.Unix(id, 0)
		}
		out = append(out, dsVersion{ID: id, CreatedAt: t.UTC(), Raw: raw})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (f *Follower) pollDeepState(ctx context.Context, p *poll) error {
	base := strings.TrimRight(p.src.URL, "/")
	got, err := f.getChanged(ctx, p, base+"/api/history/public")
	if got == nil {
		return err // an error, or not modified
	}
	if looksLikeHTML(got.Body, got.ContentType) {
		return frontline.Errorf(frontline.EINVALID, "version list: %s", frontline.ErrorMessage(errNotJSON))
	}
	versions, err := parseVersionList(got.Body)
	if err != nil {
		return err
	}
	if last, err := strconv.ParseInt(p.st.LastVersion, 10, 64); err == nil && len(versions) > 0 && versions[len(versions)-1].ID < last {
		p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("the version list shrank: its newest version %d is older than %d, imported before", versions[len(versions)-1].ID, last))
		f.logf("follow %s: version list shrank (newest %d < %d)", p.src.Name, versions[len(versions)-1].ID, last)
	}
	notes := p.src.Notes == nil || *p.src.Notes
	for _, v := range versions {
		key := "v:" + strconv.FormatInt(v.ID, 10)
		seen, err := f.Store.HasItem(ctx, p.src.Name, key)
		if err != nil {
			return err
		}
		if seen {
			continue
		}
		if notes {
			doc := append(append([]byte{'['}, v.Raw...), ']')
			if _, err := f.addReports(ctx, p, ReportBatch{Name: fmt.Sprintf("deepstate-version-%d.json", v.ID), Data: doc}); err != nil {
				return err
			}
		}
		mapURL := fmt.Sprintf("%s/api/history/%d/geojson", base, v.ID)
		m, err := f.get(ctx, mapURL, "", "")
		if err != nil {
			// Stop here: the versions after this one wait for the next
			// poll, so that they are imported in order.
			return fmt.Errorf("version %d: %w", v.ID, err)
		}
		m.Body = unwrapMap(m.Body)
		switch {
		case looksLikeHTML(m.Body, m.ContentType):
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("version %d: map answered HTML where GeoJSON was expected", v.ID))
		case m.Hash == p.st.ContentHash:
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("version %d: the same map as the version before: no new snapshot", v.ID))
		default:
			if _, err := f.importMap(ctx, p, mapURL, m.Body, v.CreatedAt); err != nil {
				if frontline.ErrorCode(err) != frontline.EINVALID {
					return err
				}
				// A map that cannot be imported is skipped with its
				// reason rather than blocking every later version.
				msg := fmt.Sprintf("version %d: map not imported: %s", v.ID, frontline.ErrorMessage(err))
				p.res.Skipped = append(p.res.Skipped, msg)
				f.logf("follow %s: %s", p.src.Name, msg)
			} else {
				p.st.ContentHash = m.Hash
			}
		}
		if _, err := f.Store.SeenItem(ctx, p.src.Name, key, f.now()); err != nil {
			return err
		}
		p.st.LastVersion = strconv.FormatInt(v.ID, 10)
		// Keep the state after each version: a follower killed now
		// resumes after it.
		if err := f.Store.PutFollowState(ctx, p.st); err != nil {
			return err
		}
	}
	p.st.ETag, p.st.LastModified = got.ETag, got.LastModified
	return nil
}

// unwrapMap returns the FeatureCollection of an answer that wraps it as
// {"id": …, "map": {…}} (as some versions of the tracker's API do); other
// bodies as they are.
func unwrapMap(body []byte) []byte {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || b[0] != '{' {
		return body
	}
	var w struct {
		Type string          `json:"type"`
		Map  json.RawMessage `json:"map"`
	}
	if json.Unmarshal(b, &w) != nil || w.Type != "" || len(w.Map) == 0 || bytes.TrimSpace(w.Map)[0] != '{' {
		return body
	}
	return w.Map
}

// --- a map file at a URL ---------------------------------------------------

func (f *Follower) pollMapURL(ctx context.Context, p *poll) error {
	got, err := f.getChanged(ctx, p, p.src.URL)
	if got == nil {
		return err // an error, or not modified
	}
	if got.Hash == p.st.ContentHash {
		p.st.ETag, p.st.LastModified = got.ETag, got.LastModified
		return nil
	}
	if looksLikeHTML(got.Body, got.ContentType) {
		return frontline.Errorf(frontline.EINVALID, "answered HTML where a %s map was expected", p.src.Kind)
	}
	validAt := f.now()
	if t, err := http.ParseTime(got.LastModified); err == nil && !t.After(validAt) {
		validAt = t.UTC()
	}
	if _, err := f.importMap(ctx, p, p.src.URL, got.Body, validAt); err != nil {
		return err
	}
	p.st.ContentHash, p.st.LastVersion = got.Hash, got.Hash[:16]
	p.st.ETag, p.st.LastModified = got.ETag, got.LastModified
	return nil
}

// --- ArcGIS FeatureServer --------------------------------------------------

// arcgisPage is the number of features asked per query; servers cap it
// with their maxRecordCount and say exceededTransferLimit.
const arcgisPage = 1000

func (f *Follower) pollArcGIS(ctx context.Context, p *poll) error {
	base := strings.TrimRight(strings.TrimSuffix(strings.TrimRight(p.src.URL, "/"), "/query"), "/")
	var features []json.RawMessage
	for page := 0; ; page++ {
		if page >= 1000 {
			return frontline.Errorf(frontline.EINVALID, "more than 1000 pages of features: refused")
		}
		u := fmt.Sprintf("%s/query?where=1%%3D1&outFields=*&f=geojson&resultOffset=%d&resultRecordCount=%d", base, len(features), arcgisPage)
		got, err := f.get(ctx, u, "", "")
		if err != nil {
			return err
		}
		if looksLikeHTML(got.Body, got.ContentType) {
			return frontline.Errorf(frontline.EINVALID, "layer query: %s", frontline.ErrorMessage(errNotJSON))
		}
		var fc struct {
			Features              []json.RawMessage `json:"features"`
			ExceededTransferLimit bool              `json:"exceededTransferLimit"`
			Properties            struct {
				ExceededTransferLimit bool `json:"exceededTransferLimit"`
			} `json:"properties"`
			Error *struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(got.Body, &fc); err != nil {
			return frontline.Errorf(frontline.EINVALID, "layer query: not GeoJSON: %v", err)
		}
		if fc.Error != nil {
			return frontline.Errorf(frontline.EINVALID, "layer query: ArcGIS error %d: %s", fc.Error.Code, fc.Error.Message)
		}
		features = append(features, fc.Features...)
		more := fc.ExceededTransferLimit || fc.Properties.ExceededTransferLimit
		if len(fc.Features) == 0 || (!more && len(fc.Features) < arcgisPage) {
			break
		}
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, ft := range features {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(ft)
	}
	b.WriteString("]}")
	h := hashOf(b.Bytes())
	if h == p.st.ContentHash {
		return nil
	}
	if _, err := f.importMap(ctx, p, base+"/query", b.Bytes(), f.now()); err != nil {
		return err
	}
	p.st.ContentHash, p.st.LastVersion = h, h[:16]
	return nil
}

// --- RSS / Atom --------------------------------------------------------------

func (f *Follower) pollFeed(ctx context.Context, p *poll) error {
	got, err := f.getChanged(ctx, p, p.src.URL)
	if got == nil {
		return err // an error, or not modified
	}
	if got.Hash != p.st.ContentHash {
		if looksLikeHTML(got.Body, got.ContentType) {
			return frontline.Errorf(frontline.EINVALID, "answered HTML where a feed was expected")
		}
		a, err := f.addReports(ctx, p, ReportBatch{Name: p.src.Name + ".xml", Data: got.Body})
		if err != nil {
			return err
		}
		if a.Refused != "" {
			return frontline.Errorf(frontline.EINVALID, "feed not read: %s", a.Refused)
		}
		p.st.ContentHash, p.st.LastVersion = got.Hash, got.Hash[:16]
	}
	p.st.ETag, p.st.LastModified = got.ETag, got.LastModified
	return nil
}

// --- a local folder ----------------------------------------------------------

var mapExt = map[string]bool{".geojson": true, ".kml": true, ".kmz": true}

func (f *Follower) pollFolder(ctx context.Context, p *poll) error {
	entries, err := os.ReadDir(p.src.Path)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "folder: %v", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".part") || strings.HasSuffix(name, ".tmp") {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		// Seen by name, size and time: the file is not read again.
		statKey := fmt.Sprintf("stat:%s:%d:%d", name, info.Size(), info.ModTime().UnixNano())
		if seen, err := f.Store.HasItem(ctx, p.src.Name, statKey); err != nil || seen {
			if err != nil {
				return err
			}
			continue
		}
		if time.Since(info.ModTime()) < 2*time.Second {
			continue // still being written, perhaps: next poll
		}
		path := filepath.Join(p.src.Path, name)
		if info.Size() > f.maxBody() {
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("%s: %d bytes, over the %d MiB limit", name, info.Size(), f.maxBody()>>20))
			if _, err := f.Store.SeenItem(ctx, p.src.Name, statKey, f.now()); err != nil {
				return err
			}
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return frontline.Errorf(frontline.EINVALID, "folder: %v", err)
		}
		key := "file:" + hashOf(data)
		if seen, err := f.Store.HasItem(ctx, p.src.Name, key); err != nil {
			return err
		} else if !seen {
			if mapExt[strings.ToLower(filepath.Ext(name))] {
				if _, err := f.importMap(ctx, p, path, data, time.Time{}); err != nil {
					if frontline.ErrorCode(err) != frontline.EINVALID {
						return err
					}
					p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("%s: %s", name, frontline.ErrorMessage(err)))
				}
			} else {
				a, err := f.addReports(ctx, p, ReportBatch{Name: path, Data: data})
				if err != nil {
					return err
				}
				if a.Refused != "" {
					p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("%s: %s", name, a.Refused))
				}
			}
			if _, err := f.Store.SeenItem(ctx, p.src.Name, key, f.now()); err != nil {
				return err
			}
		}
		if _, err := f.Store.SeenItem(ctx, p.src.Name, statKey, f.now()); err != nil {
			return err
		}
	}
	return nil
}
