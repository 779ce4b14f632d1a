package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

var _ frontline.SnapshotStore = (*SnapshotStore)(nil)

// SnapshotStore implements frontline.SnapshotStore on a DB.
type SnapshotStore struct {
	db *DB

	layersMu  sync.Mutex
	layersKey [2]int64 // see findLayers
	layers    map[string][]*frontline.Layer

	versionsMu sync.Mutex
	versions   *versionIndex // see findOne and readVersions; nil until read
}

// NewSnapshotStore returns a store on db.
func NewSnapshotStore(db *DB) *SnapshotStore { return &SnapshotStore{db: db} }

func (s *SnapshotStore) CreateLayer(ctx context.Context, l *frontline.Layer) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO layers (name, title, source, licence, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET
			title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE title END,
			source = CASE WHEN excluded.source <> '' THEN excluded.source ELSE source END,
			licence = CASE WHEN excluded.licence <> '' THEN excluded.licence ELSE licence END`,
		l.Name, l.Title, l.Source, l.Licence, l.CreatedAt.UnixNano()); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *SnapshotStore) FindLayer(ctx context.Context, name string) (*frontline.Layer, error) {
	ls, err := s.findLayers(ctx, name)
	if err != nil {
		return nil, err
	} else if len(ls) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "unknown layer %q", name)
	}
	return ls[0], nil
}

func (s *SnapshotStore) FindLayers(ctx context.Context) ([]*frontline.Layer, error) {
	return s.findLayers(ctx, "")
}

// findLayers returns the layers (one, by name). A layer's figures (its
// days, first and last) change only when a snapshot or a layer is added —
// the store deletes neither — so they are kept, keyed by the largest
// snapshot and layer row ids, two lookups in b-trees: the query counts
// every map's day, and a server asks for it on nearly every request.
func (s *SnapshotStore) findLayers(ctx context.Context, name string) ([]*frontline.Layer, error) {
	var key [2]int64
	var maxSnap, maxLayer sql.NullInt64
	if err := s.db.queryRow(ctx, `SELECT (SELECT MAX(id) FROM snapshots), (SELECT MAX(rowid) FROM layers)`).Scan(&maxSnap, &maxLayer); err != nil {
		return nil, err
	}
	key = [2]int64{maxSnap.Int64, maxLayer.Int64}
	s.layersMu.Lock()
	if s.layersKey != key {
		s.layersKey, s.layers = key, nil
	}
	ls, ok := s.layers[name]
	s.layersMu.Unlock()
	if !ok {
		var err error
		if ls, err = s.readLayers(ctx, name); err != nil {
			return nil, err
		}
		s.layersMu.Lock()
		if s.layersKey == key {
			if s.layers == nil {
				s.layers = map[string][]*frontline.Layer{}
			}
			s.layers[name] = ls
		}
		s.layersMu.Unlock()
	}
	out := make([]*frontline.Layer, len(ls))
	for i, l := range ls {
		c := *l
		out[i] = &c
	}
	return out, nil
}

func (s *SnapshotStore) readLayers(ctx context.Context, name string) ([]*frontline.Layer, error) {
	rows, err := s.db.query(ctx, `
		SELECT l.name, l.title, l.source, l.licence, l.created_at,
			(SELECT COUNT(DISTINCT valid_at) FROM snapshots s WHERE s.layer = l.name),
			(SELECT MIN(valid_at) FROM snapshots s WHERE s.layer = l.name),
			(SELECT MAX(valid_at) FROM snapshots s WHERE s.layer = l.name),
			(SELECT MAX(id) FROM snapshots s WHERE s.layer = l.name)
		FROM layers l WHERE (? = '' OR l.name = ?) ORDER BY l.name`, name, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*frontline.Layer
	for rows.Next() {
		var l frontline.Layer
		var created int64
		var first, last, rev sql.NullInt64
		if err := rows.Scan(&l.Name, &l.Title, &l.Source, &l.Licence, &created, &l.Snapshots, &first, &last, &rev); err != nil {
			return nil, err
		}
		l.CreatedAt = fromNanos(created)
		l.Revision = rev.Int64
		if first.Valid {
			t := fromNanos(first.Int64)
			l.FirstValidAt = &t
		}
		if last.Valid {
			t := fromNanos(last.Int64)
			l.LastValidAt = &t
		}
		out = append(out, &l)
	}
	return out, rows.Err()
}

// AddSnapshot stores s and its pieces in one transaction.
func (s *SnapshotStore) AddSnapshot(ctx context.Context, snap *frontline.Snapshot, pieces []frontline.Piece) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM layers WHERE name = ?`, snap.Layer).Scan(&n); err != nil {
		return false, err
	} else if n == 0 {
		return false, frontline.Errorf(frontline.ENOTFOUND, "unknown layer %q", snap.Layer)
	}
	cur, err := findSnapshots(ctx, tx, frontline.SnapshotFilter{Layer: snap.Layer, ValidFrom: snap.ValidAt, ValidTo: snap.ValidAt, Limit: 1})
	if err != nil {
		return false, err
	}
	if len(cur) == 1 && cur[0].SourceHash == snap.SourceHash && cur[0].MappingHash == snap.MappingHash {
		*snap = *cur[0]
		return false, nil
	}

	cats, _ := json.Marshal(nonNil(snap.Categories))
	uncl, _ := json.Marshal(nonNil(snap.Unclassified))
	reps, _ := json.Marshal(nonNilStrings(snap.Repairs))
	areas, _ := json.Marshal(snap.AreasKm2)
	res, err := tx.ExecContext(ctx, `
		INSERT INTO snapshots (layer, valid_at, recorded_at, source_name, source_hash, mapping_hash,
			polygons, points, categories, unclassified, repairs, areas_km2)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		snap.Layer, snap.ValidAt.UnixNano(), snap.RecordedAt.UnixNano(), snap.SourceName, snap.SourceHash, snap.MappingHash,
		snap.Polygons, snap.Points, string(cats), string(uncl), string(reps), string(areas))
	if err != nil {
		return false, err
	}
	if snap.ID, err = res.LastInsertId(); err != nil {
		return false, err
	}
	geomStmt, err := tx.PrepareContext(ctx, `INSERT INTO geometries (hash, wkb) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING`)
	if err != nil {
		return false, err
	}
	defer geomStmt.Close()
	pieceStmt, err := tx.PrepareContext(ctx, `INSERT INTO pieces (snapshot_id, oblast, status, area_km2, geom_hash) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return false, err
	}
	defer pieceStmt.Close()
	for _, pc := range pieces {
		var hash sql.NullString
		if len(pc.WKB) > 0 {
			sum := sha256.Sum256(pc.WKB)
			hash = sql.NullString{String: hex.EncodeToString(sum[:]), Valid: true}
			if _, err := geomStmt.ExecContext(ctx, hash.String, pc.WKB); err != nil {
				return false, err
			}
		}
		if _, err := pieceStmt.ExecContext(ctx, snap.ID, pc.Oblast, string(pc.Status), pc.AreaKm2, hash); err != nil {
			return false, err
		}
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	return true, nil
}

func (s *SnapshotStore) FindSnapshots(ctx context.Context, f frontline.SnapshotFilter) ([]*frontline.Snapshot, error) {
	if f.Layer != "" && !f.AllVersions && f.Limit == 1 {
		if out, ok, err := s.findOne(ctx, f); err != nil || ok {
			return out, err
		}
	}
	return findSnapshots(ctx, s.db, f)
}

// versionIndex holds every stored version's id and times, per layer in
// (valid, recorded, id) order: the store as it was when its largest
// snapshot id was maxID. The store only adds snapshots (it updates and
// deletes none), so the same largest id means the same rows.
type versionIndex struct {
	maxID  int64
	layers map[string][]snapVersion
}

type snapVersion struct{ id, valid, recorded int64 }

// readVersions returns the index of the stored versions: base's (nil:
// none) with the rows added since it was read merged in, or base itself
// when none were. The store only adds snapshots, and SQLite gives a new
// row of snapshots (id INTEGER PRIMARY KEY, no row ever deleted) an id
// above every stored one, one writer at a time: the rows with an id above
// base's largest are all it lacks, and reading them is a range of the
// table's b-tree, not a scan (an import adds a map and reads the list of
// the layer's maps again, 1,358 times on the full archive).
func (s *SnapshotStore) readVersions(ctx context.Context, base *versionIndex) (*versionIndex, error) {
	var since int64
	if base != nil {
		since = base.maxID
	}
	rows, err := s.db.query(ctx, `SELECT id, layer, valid_at, recorded_at FROM snapshots WHERE id > ?`, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	added := map[string][]snapVersion{}
	maxID := since
	for rows.Next() {
		var v snapVersion
		var l string
		if err := rows.Scan(&v.id, &l, &v.valid, &v.recorded); err != nil {
			return nil, err
		}
		added[l] = append(added[l], v)
		maxID = max(maxID, v.id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if base != nil && len(added) == 0 {
		return base, nil
	}
	ix := &versionIndex{maxID: maxID, layers: map[string][]snapVersion{}}
	if base != nil {
		for l, vs := range base.layers {
			ix.layers[l] = vs // never changed: a layer with rows added gets a new slice
		}
	}
	for l, vs := range added {
		sort.Slice(vs, func(i, j int) bool { return vs[i].before(vs[j]) })
		ix.layers[l] = mergeVersions(ix.layers[l], vs)
	}
	return ix, nil
}

// before is the order of a layer's versions: by valid time, recorded time
// and id, as findSnapshots orders them.
func (v snapVersion) before(w snapVersion) bool {
	if v.valid != w.valid {
		return v.valid < w.valid
	}
	if v.recorded != w.recorded {
		return v.recorded < w.recorded
	}
	return v.id < w.id
}

// mergeVersions returns a new slice of two ordered lists of versions, in
// order.
func mergeVersions(a, b []snapVersion) []snapVersion {
	out := make([]snapVersion, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if b[j].before(a[i]) {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// refreshVersions returns the index of the stored versions brought up to
// date from stale (nil: read whole), and keeps it for the next caller
// unless a newer one is held.
func (s *SnapshotStore) refreshVersions(ctx context.Context, stale *versionIndex) (*versionIndex, error) {
	ix, err := s.readVersions(ctx, stale)
	if err != nil {
		return nil, err
	}
	s.versionsMu.Lock()
	if s.versions == nil || s.versions.maxID < ix.maxID {
		s.versions = ix
	}
	s.versionsMu.Unlock()
	return ix, nil
}

// CurrentSnapshotIDs returns the IDs of a layer's current maps (of each
// valid time, the version recorded last) in valid-time order: the IDs
// FindSnapshots gives for a filter of the layer alone, without reading the
// maps. The index of the stored versions is brought up to date first (a
// read of the rows added since, usually none).
func (s *SnapshotStore) CurrentSnapshotIDs(ctx context.Context, layer string) ([]int64, error) {
	s.versionsMu.Lock()
	held := s.versions
	s.versionsMu.Unlock()
	ix, err := s.refreshVersions(ctx, held)
	if err != nil {
		return nil, err
	}
	vs := ix.layers[layer]
	out := make([]int64, 0, len(vs))
	for i, v := range vs {
		if i+1 < len(vs) && vs[i+1].valid == v.valid {
			continue // a later version of the same valid time follows
		}
		out = append(out, v.id)
	}
	return out, nil
}

// pick returns the id of the one snapshot a filter with Limit 1 and not
// AllVersions selects, as findSnapshots's query selects it: of each valid
// time in [ValidFrom, ValidTo] the version with the largest (recorded,
// id) recorded by AsKnown, the first of those by valid time (the last
// with Desc).
func (ix *versionIndex) pick(f frontline.SnapshotFilter) (int64, bool) {
	vs := ix.layers[f.Layer]
	from, to, known := int64(math.MinInt64), int64(math.MaxInt64), int64(math.MaxInt64)
	if !f.ValidFrom.IsZero() {
		from = f.ValidFrom.UnixNano()
	}
	if !f.ValidTo.IsZero() {
		to = f.ValidTo.UnixNano()
	}
	if !f.AsKnown.IsZero() {
		known = f.AsKnown.UnixNano()
	}
	// current returns the version of the valid time group vs[i:j] known at
	// known.
	current := func(i, j int) (int64, bool) {
		for k := j - 1; k >= i; k-- {
			if vs[k].recorded <= known {
				return vs[k].id, true
			}
		}
		return 0, false
	}
	if f.Desc {
		j := sort.Search(len(vs), func(i int) bool { return vs[i].valid > to })
		for j > 0 && vs[j-1].valid >= from {
			i := j - 1
			for i > 0 && vs[i-1].valid == vs[j-1].valid {
				i--
			}
			if id, ok := current(i, j); ok {
				return id, true
			}
			j = i
		}
		return 0, false
	}
	i := sort.Search(len(vs), func(i int) bool { return vs[i].valid >= from })
	for i < len(vs) && vs[i].valid <= to {
		j := i + 1
		for j < len(vs) && vs[j].valid == vs[i].valid {
			j++
		}
		if id, ok := current(i, j); ok {
			return id, true
		}
		i = j
	}
	return 0, false
}

// findOne answers a filter for one current snapshot of a layer (what
// finding the map of a day asks, twice per change) from an index of the
// stored versions' times instead of a query that checks each candidate
// for a later version, and reads the one row it picks. The index is read
// once (one scan of the table) and brought up to date after a snapshot is
// added, by this process or another (readVersions): the row is read only while the
// store's largest snapshot id is still the index's, in the same
// statement. ok is false when the store changed twice under it (then
// the query answers).
func (s *SnapshotStore) findOne(ctx context.Context, f frontline.SnapshotFilter) (out []*frontline.Snapshot, ok bool, err error) {
	var stale *versionIndex
	for attempt := 0; attempt < 2; attempt++ {
		s.versionsMu.Lock()
		ix := s.versions
		s.versionsMu.Unlock()
		if ix == nil || ix == stale {
			if ix, err = s.refreshVersions(ctx, stale); err != nil {
				return nil, false, err
			}
		}
		id, found := ix.pick(f)
		if !found {
			var maxID int64
			if err := s.db.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM snapshots`).Scan(&maxID); err != nil {
				return nil, false, err
			}
			if maxID == ix.maxID {
				return []*frontline.Snapshot{}, true, nil
			}
		} else {
			query := snapshotSelect
			if f.Brief {
				query = snapshotSelectBrief
			}
			rows, err := s.db.query(ctx, query+` WHERE s.id = ? AND (SELECT COALESCE(MAX(id), 0) FROM snapshots) = ?`, id, ix.maxID)
			if err != nil {
				return nil, false, err
			}
			if out, err = scanSnapshots(rows); err != nil || len(out) == 1 {
				return out, err == nil, err
			}
		}
		stale = ix
	}
	return nil, false, nil
}

func (s *SnapshotStore) FindSnapshot(ctx context.Context, id int64) (*frontline.Snapshot, error) {
	rows, err := s.db.query(ctx, snapshotSelect+` WHERE s.id = ?`, id)
	if err != nil {
		return nil, err
	}
	out, err := scanSnapshots(rows)
	if err != nil {
		return nil, err
	} else if len(out) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no snapshot %d", id)
	}
	return out[0], nil
}

func (s *SnapshotStore) SnapshotPieces(ctx context.Context, id int64, withGeometry bool) ([]frontline.Piece, error) {
	q := `SELECT p.oblast, p.status, p.area_km2, p.geom_hash, NULL FROM pieces p WHERE p.snapshot_id = ? ORDER BY p.oblast, p.status`
	if withGeometry {
		q = `SELECT p.oblast, p.status, p.area_km2, p.geom_hash, g.wkb FROM pieces p LEFT JOIN geometries g ON g.hash = p.geom_hash
			WHERE p.snapshot_id = ? ORDER BY p.oblast, p.status`
	}
	rows, err := s.db.query(ctx, q, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []frontline.Piece
	for rows.Next() {
		var pc frontline.Piece
		var st string
		var hash sql.NullString
		if err := rows.Scan(&pc.Oblast, &st, &pc.AreaKm2, &hash, &pc.WKB); err != nil {
			return nil, err
		}
		pc.Status, pc.GeomHash = frontline.Status(st), hash.String
		out = append(out, pc)
	}
	return out, rows.Err()
}

func (s *SnapshotStore) Geometry(ctx context.Context, hash string) ([]byte, error) {
	var wkb []byte
	err := s.db.queryRow(ctx, `SELECT wkb FROM geometries WHERE hash = ?`, hash).Scan(&wkb)
	if err == sql.ErrNoRows {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no geometry %s", hash)
	}
	return wkb, err
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const snapshotSelect = `
	SELECT s.id, s.layer, s.valid_at, s.recorded_at,
		(SELECT MIN(n.recorded_at) FROM snapshots n WHERE n.layer = s.layer AND n.valid_at = s.valid_at AND n.id <> s.id
			AND (n.recorded_at > s.recorded_at OR (n.recorded_at = s.recorded_at AND n.id > s.id))),
		s.source_name, s.source_hash, s.mapping_hash, s.polygons, s.points,
		s.categories, s.unclassified, s.repairs, s.areas_km2
	FROM snapshots s`

// snapshotSelectBrief reads what a series needs: no categories, repairs or
// superseded time.
const snapshotSelectBrief = `
	SELECT s.id, s.layer, s.valid_at, s.recorded_at, NULL,
		s.source_name, s.source_hash, s.mapping_hash, s.polygons, s.points,
		'[]', '[]', '[]', s.areas_km2
	FROM snapshots s`

// findSnapshots selects snapshots; unless f.AllVersions, only the version
// of each valid time that was current at f.AsKnown (or now).
func findSnapshots(ctx context.Context, q queryer, f frontline.SnapshotFilter) ([]*frontline.Snapshot, error) {
	var where []string
	var args []any
	if f.Layer != "" {
		where, args = append(where, "s.layer = ?"), append(args, f.Layer)
	}
	if !f.ValidFrom.IsZero() {
		where, args = append(where, "s.valid_at >= ?"), append(args, f.ValidFrom.UnixNano())
	}
	if !f.ValidTo.IsZero() {
		where, args = append(where, "s.valid_at <= ?"), append(args, f.ValidTo.UnixNano())
	}
	known := int64(1<<63 - 1)
	if !f.AsKnown.IsZero() {
		known = f.AsKnown.UnixNano()
		where, args = append(where, "s.recorded_at <= ?"), append(args, known)
	}
	if !f.AllVersions {
		where = append(where, `NOT EXISTS (SELECT 1 FROM snapshots n WHERE n.layer = s.layer AND n.valid_at = s.valid_at
			AND n.recorded_at <= ? AND (n.recorded_at > s.recorded_at OR (n.recorded_at = s.recorded_at AND n.id > s.id)))`)
		args = append(args, known)
	}
	query := snapshotSelect
	if f.Brief {
		query = snapshotSelectBrief
	}
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Desc {
		query += " ORDER BY s.valid_at DESC, s.recorded_at DESC, s.id DESC"
	} else {
		query += " ORDER BY s.valid_at, s.recorded_at, s.id"
	}
	if f.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanSnapshots(rows)
}

func scanSnapshots(rows *sql.Rows) ([]*frontline.Snapshot, error) {
	defer rows.Close()
	out := []*frontline.Snapshot{}
	for rows.Next() {
		var sn frontline.Snapshot
		var valid, recorded int64
		var superseded sql.NullInt64
		var cats, uncl, reps, areas string
		if err := rows.Scan(&sn.ID, &sn.Layer, &valid, &recorded, &superseded, &sn.SourceName, &sn.SourceHash, &sn.MappingHash,
			&sn.Polygons, &sn.Points, &cats, &uncl, &reps, &areas); err != nil {
			return nil, err
		}
		sn.ValidAt, sn.RecordedAt = fromNanos(valid), fromNanos(recorded)
		if superseded.Valid {
			t := fromNanos(superseded.Int64)
			sn.SupersededAt = &t
		}
		if err := unmarshalAll(&sn, cats, uncl, reps, areas); err != nil {
			return nil, err
		}
		out = append(out, &sn)
	}
	return out, rows.Err()
}

func unmarshalAll(sn *frontline.Snapshot, cats, uncl, reps, areas string) error {
	// A series reads every map's row (1,359 on the full archive): the
	// brief select's empty lists and the flat areas object are read
	// without encoding/json, which gives the same values.
	if m, ok := parseAreas(areas); ok {
		sn.AreasKm2 = m
		areas = ""
	}
	// A change reads two full rows: their category lists (~35 entries,
	// 2-3 KB) took most of a lookup's CPU in encoding/json.
	if cs, ok := parseCategories(cats); ok {
		sn.Categories = cs
		cats = ""
	}
	if cs, ok := parseCategories(uncl); ok {
		sn.Unclassified = cs
		uncl = ""
	}
	for _, x := range []struct {
		s string
		v any
	}{{cats, &sn.Categories}, {uncl, &sn.Unclassified}, {reps, &sn.Repairs}, {areas, &sn.AreasKm2}} {
		if x.s == "" {
			continue
		}
		if x.s == "[]" {
			switch v := x.v.(type) {
			case *[]frontline.CategoryCount:
				*v = []frontline.CategoryCount{}
				continue
			case *[]string:
				*v = []string{}
				continue
			}
		}
		if err := json.Unmarshal([]byte(x.s), x.v); err != nil {
			return err
		}
	}
	return nil
}

// parseAreas reads an areas object as the store writes it — {"status":
// number, ...} with plain names — or returns false for anything else
// (encoding/json then reads it).
func parseAreas(s string) (map[frontline.Status]float64, bool) {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, false
	}
	m := make(map[frontline.Status]float64, 4)
	body := s[1 : len(s)-1]
	for body != "" {
		if body[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(body[1:], '"')
		if end < 0 {
			return nil, false
		}
		name := body[1 : 1+end]
		if strings.IndexByte(name, '\\') >= 0 {
			return nil, false
		}
		body = body[2+end:]
		if body == "" || body[0] != ':' {
			return nil, false
		}
		body = body[1:]
		n := strings.IndexByte(body, ',')
		num := body
		if n >= 0 {
			num, body = body[:n], body[n+1:]
			if body == "" {
				return nil, false
			}
		} else {
			body = ""
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || num == "" || num[0] == '+' || strings.ContainsAny(num, "xXpP_ iInN") {
			return nil, false
		}
		m[frontline.Status(name)] = v
	}
	return m, true
}

// parseCategories reads a category list as the store writes it —
// [{"name":"…","status":"…","count":n},...] with "status" left out when
// empty, no spaces, no escapes, valid UTF-8 — or returns false for
// anything else (encoding/json then reads it).
func parseCategories(s string) ([]frontline.CategoryCount, bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	out := make([]frontline.CategoryCount, 0, strings.Count(s, `"count":`))
	body := s[1 : len(s)-1]
	for body != "" {
		var c frontline.CategoryCount
		var ok bool
		if body, ok = strings.CutPrefix(body, `{"name":`); !ok {
			return nil, false
		}
		if c.Name, body, ok = jsonPlainString(body); !ok {
			return nil, false
		}
		if rest, found := strings.CutPrefix(body, `,"status":`); found {
			var st string
			if st, body, ok = jsonPlainString(rest); !ok {
				return nil, false
			}
			c.Status = frontline.Status(st)
		}
		if body, ok = strings.CutPrefix(body, `,"count":`); !ok {
			return nil, false
		}
		end := strings.IndexByte(body, '}')
		if end < 0 {
			return nil, false
		}
		num := body[:end]
		if num == "" || (num[0] == '0' && len(num) > 1) || num[0] == '+' || num == "-" || (num[0] == '-' && num[1] == '0') {
			return nil, false
		}
		for i := 0; i < len(num); i++ {
			if (num[i] < '0' || num[i] > '9') && !(i == 0 && num[i] == '-') {
				return nil, false
			}
		}
		n, err := strconv.Atoi(num)
		if err != nil {
			return nil, false
		}
		c.Count = n
		body = body[end+1:]
		out = append(out, c)
		if body != "" {
			if body[0] != ',' || len(body) == 1 {
				return nil, false
			}
			body = body[1:]
		}
	}
	return out, true
}

// jsonPlainString reads a JSON string without escapes or control
// characters at the start of s and returns it and what follows.
func jsonPlainString(s string) (string, string, bool) {
	if s == "" || s[0] != '"' {
		return "", s, false
	}
	end := strings.IndexByte(s[1:], '"')
	if end < 0 {
		return "", s, false
	}
	v := s[1 : 1+end]
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] == '\\' {
			return "", s, false
		}
	}
	if !utf8.ValidString(v) {
		return "", s, false
	}
	return v, s[2+end:], true
}

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

func nonNil(cs []frontline.CategoryCount) []frontline.CategoryCount {
	if cs == nil {
		return []frontline.CategoryCount{}
	}
	return cs
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
