package ogc

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the filter parameter: Basic CQL2 in its text encoding
// (OGC 21-065, the "basic-cql2" and "cql2-text" conformance classes), which
// is what QGIS and GDAL send when a user filters a layer on the server.
//
// Basic CQL2 is comparisons of a queryable with a literal (=, <>, <, <=, >,
// >=, IS [NOT] NULL), joined by AND, OR, NOT and parentheses. Literals are
// 'strings' (a quote doubled inside), numbers and TRUE/FALSE. As extensions
// beyond the basic class (not advertised) IN (…) lists are read too. Names
// are the queryables (see queryables); any other name is refused with a
// reason, as is any other CQL2 construct.

// queryable describes one property a filter may name.
type queryable struct {
	Name        string
	Type        string // "string", "number" or "integer"
	Description string
	Enum        []string
	Format      string
}

// queryables are the properties of every collection's features, in the
// order /queryables lists them.
var queryables = []queryable{
	{Name: "status", Type: "string", Description: "control status of the ground", Enum: []string{"russia", "contested", "unknown", "ukraine"}},
	{Name: "oblast", Type: "string", Description: "the oblast (region) the ground lies in, by its English name, e.g. Kharkiv Oblast"},
	{Name: "area_km2", Type: "number", Description: "geodesic area of the ground in km² (WGS84 ellipsoid)"},
	{Name: "snapshot_id", Type: "integer", Description: "the map (snapshot) the feature belongs to"},
	{Name: "valid_at", Type: "string", Format: "date-time", Description: "when the map is valid (RFC 3339, UTC); compared as text"},
	{Name: "recorded_at", Type: "string", Format: "date-time", Description: "when Frontline recorded the map (RFC 3339, UTC); compared as text"},
}

func findQueryable(name string) *queryable {
	for i := range queryables {
		if strings.EqualFold(queryables[i].Name, name) {
			return &queryables[i]
		}
	}
	return nil
}

// value is a literal or a property's value: a string, a number or a bool.
// null is a missing property.
type value struct {
	kind byte // 's', 'n', 'b', 0 for null
	s    string
	n    float64
	b    bool
}

// propertyValue returns the value of a queryable of a feature.
func propertyValue(p Properties, name string) value {
	switch name {
	case "status":
		return value{kind: 's', s: string(p.Status)}
	case "oblast":
		return value{kind: 's', s: p.Oblast}
	case "area_km2":
		return value{kind: 'n', n: p.AreaKm2}
	case "snapshot_id":
		return value{kind: 'n', n: float64(p.SnapshotID)}
	case "valid_at":
		return value{kind: 's', s: p.ValidAt}
	case "recorded_at":
		return value{kind: 's', s: p.RecordedAt}
	}
	return value{}
}

// expr is a parsed filter: it tells whether a feature's properties match.
type expr interface {
	match(p Properties) bool
}

type andExpr struct{ a, b expr }
type orExpr struct{ a, b expr }
type notExpr struct{ a expr }

func (e andExpr) match(p Properties) bool { return e.a.match(p) && e.b.match(p) }
func (e orExpr) match(p Properties) bool  { return e.a.match(p) || e.b.match(p) }
func (e notExpr) match(p Properties) bool { return !e.a.match(p) }

// cmpExpr compares a property with literals: op is one of = <> < <= > >=,
// "in" (any of lits), "null" or "notnull".
type cmpExpr struct {
	prop string
	op   string
	lits []value
}

func (e cmpExpr) match(p Properties) bool {
	v := propertyValue(p, e.prop)
	switch e.op {
	case "null":
		return v.kind == 0
	case "notnull":
		return v.kind != 0
	case "in":
		for _, l := range e.lits {
			if c, ok := compare(v, l); ok && c == 0 {
				return true
			}
		}
		return false
	}
	c, ok := compare(v, e.lits[0])
	if !ok {
		return false
	}
	switch e.op {
	case "=":
		return c == 0
	case "<>":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

// compare orders two values of the same kind; ok is false otherwise (a
// comparison with null is never true).
func compare(a, b value) (int, bool) {
	if a.kind == 0 || a.kind != b.kind {
		return 0, false
	}
	switch a.kind {
	case 's':
		return strings.Compare(a.s, b.s), true
	case 'n':
		switch {
		case a.n < b.n:
			return -1, true
		case a.n > b.n:
			return 1, true
		}
		return 0, true
	case 'b':
		switch {
		case a.b == b.b:
			return 0, true
		case !a.b:
			return -1, true
		}
		return 1, true
	}
	return 0, false
}

// maxFilterTokens bounds the work of one filter (the query string is at
// most 4 KB anyway).
const maxFilterTokens = 1000

// parseFilter reads a CQL2 text filter.
func parseFilter(s string) (expr, error) {
	toks, err := lexCQL2(s)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("the filter is empty")
	}
	if len(toks) > maxFilterTokens {
		return nil, fmt.Errorf("the filter has more than %d tokens", maxFilterTokens)
	}
	p := &cqlParser{toks: toks}
	e, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		return nil, fmt.Errorf("unexpected %s after the end of the expression", p.toks[p.i])
	}
	return e, nil
}

// token is a lexeme: kind 'i' identifier or keyword, 's' string, 'n'
// number, 'o' operator or punctuation.
type token struct {
	kind byte
	text string
	pos  int
}

func (t token) String() string {
	if t.kind == 's' {
		return fmt.Sprintf("'%s' at %d", t.text, t.pos+1)
	}
	return fmt.Sprintf("%q at %d", t.text, t.pos+1)
}

func lexCQL2(s string) ([]token, error) {
	if !utf8.ValidString(s) {
		return nil, fmt.Errorf("the filter is not valid UTF-8")
	}
	var toks []token
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case r == '\'':
			var b strings.Builder
			j := i + 1
			for {
				if j >= len(s) {
					return nil, fmt.Errorf("the string starting at %d is not closed", i+1)
				}
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						b.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			toks = append(toks, token{'s', b.String(), i})
			i = j + 1
		case r == '"':
			// A delimited identifier.
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("the quoted name starting at %d is not closed", i+1)
			}
			toks = append(toks, token{'i', s[i+1 : i+1+j], i})
			i += j + 2
		case unicode.IsLetter(r) || r == '_':
			j := i
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '_' || r2 == '.' || r2 == ':') {
					break
				}
				j += w2
			}
			toks = append(toks, token{'i', s[i:j], i})
			i = j
		case unicode.IsDigit(r) || ((r == '-' || r == '+' || r == '.') && i+1 < len(s) && (s[i+1] >= '0' && s[i+1] <= '9' || s[i+1] == '.')):
			j := i + 1
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == 'e' || s[j] == 'E' ||
				(s[j] == '-' || s[j] == '+') && (s[j-1] == 'e' || s[j-1] == 'E')) {
				j++
			}
			toks = append(toks, token{'n', s[i:j], i})
			i = j
		case strings.HasPrefix(s[i:], "<>") || strings.HasPrefix(s[i:], "<=") || strings.HasPrefix(s[i:], ">="):
			toks = append(toks, token{'o', s[i : i+2], i})
			i += 2
		case strings.ContainsRune("=<>(),", r):
			toks = append(toks, token{'o', string(r), i})
			i += w
		default:
			return nil, fmt.Errorf("unexpected character %q at %d", r, i+1)
		}
	}
	return toks, nil
}

type cqlParser struct {
	toks []token
	i    int
}

func (p *cqlParser) peek() (token, bool) {
	if p.i >= len(p.toks) {
		return token{}, false
	}
	return p.toks[p.i], true
}

// keyword tells whether the next token is the keyword kw, and takes it.
func (p *cqlParser) keyword(kw string) bool {
	if t, ok := p.peek(); ok && t.kind == 'i' && strings.EqualFold(t.text, kw) {
		p.i++
		return true
	}
	return false
}

func (p *cqlParser) punct(o string) bool {
	if t, ok := p.peek(); ok && t.kind == 'o' && t.text == o {
		p.i++
		return true
	}
	return false
}

// maxDepth bounds nesting (parentheses and NOT) so a hostile filter cannot
// exhaust the stack.
const maxDepth = 64

func (p *cqlParser) or(depth int) (expr, error) {
	a, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	for p.keyword("OR") {
		b, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		a = orExpr{a, b}
	}
	return a, nil
}

func (p *cqlParser) and(depth int) (expr, error) {
	a, err := p.not(depth)
	if err != nil {
		return nil, err
	}
	for p.keyword("AND") {
		b, err := p.not(depth)
		if err != nil {
			return nil, err
		}
		a = andExpr{a, b}
	}
	return a, nil
}

func (p *cqlParser) not(depth int) (expr, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("the filter nests deeper than %d", maxDepth)
	}
	if p.keyword("NOT") {
		a, err := p.not(depth + 1)
		if err != nil {
			return nil, err
		}
		return notExpr{a}, nil
	}
	if p.punct("(") {
		e, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if !p.punct(")") {
			return nil, p.expected("')'")
		}
		return e, nil
	}
	return p.predicate()
}

func (p *cqlParser) expected(what string) error {
	if t, ok := p.peek(); ok {
		return fmt.Errorf("expected %s, found %s", what, t)
	}
	return fmt.Errorf("expected %s, found the end of the filter", what)
}

func (p *cqlParser) predicate() (expr, error) {
	t, ok := p.peek()
	if !ok || t.kind != 'i' {
		return nil, p.expected("a property name")
	}
	q := findQueryable(t.text)
	if q == nil {
		if isKeyword(t.text) {
			return nil, p.expected("a property name")
		}
		return nil, fmt.Errorf("unknown property %q at %d (queryables: %s)", t.text, t.pos+1, queryableNames())
	}
	p.i++
	switch {
	case p.keyword("IS"):
		op := "null"
		if p.keyword("NOT") {
			op = "notnull"
		}
		if !p.keyword("NULL") {
			return nil, p.expected("NULL")
		}
		return cmpExpr{prop: q.Name, op: op}, nil
	case p.keyword("IN"):
		if !p.punct("(") {
			return nil, p.expected("'(' after IN")
		}
		e := cmpExpr{prop: q.Name, op: "in"}
		for {
			v, err := p.literal(q)
			if err != nil {
				return nil, err
			}
			e.lits = append(e.lits, v)
			if p.punct(")") {
				return e, nil
			}
			if !p.punct(",") {
				return nil, p.expected("',' or ')'")
			}
		}
	}
	op, ok := p.peek()
	if !ok || op.kind != 'o' || !strings.Contains(" = <> < <= > >= ", " "+op.text+" ") {
		return nil, p.expected("a comparison (=, <>, <, <=, >, >=, IS NULL, IN)")
	}
	p.i++
	v, err := p.literal(q)
	if err != nil {
		return nil, err
	}
	return cmpExpr{prop: q.Name, op: op.text, lits: []value{v}}, nil
}

// literal reads a literal of the queryable's type.
func (p *cqlParser) literal(q *queryable) (value, error) {
	t, ok := p.peek()
	if !ok {
		return value{}, p.expected("a value")
	}
	var v value
	switch {
	case t.kind == 's':
		v = value{kind: 's', s: t.text}
	case t.kind == 'n':
		n, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return value{}, fmt.Errorf("%s is not a number", t)
		}
		v = value{kind: 'n', n: n}
	case t.kind == 'i' && (strings.EqualFold(t.text, "TRUE") || strings.EqualFold(t.text, "FALSE")):
		v = value{kind: 'b', b: strings.EqualFold(t.text, "TRUE")}
	default:
		return value{}, p.expected("a value ('text', a number, TRUE or FALSE)")
	}
	want := byte('s')
	if q.Type == "number" || q.Type == "integer" {
		want = 'n'
	}
	if v.kind != want {
		return value{}, fmt.Errorf("%s: %s is a %s", t, q.Name, q.Type)
	}
	p.i++
	return v, nil
}

func isKeyword(s string) bool {
	switch strings.ToUpper(s) {
	case "AND", "OR", "NOT", "IS", "NULL", "IN", "TRUE", "FALSE":
		return true
	}
	return false
}

func queryableNames() string {
	var names []string
	for _, q := range queryables {
		names = append(names, q.Name)
	}
	return strings.Join(names, ", ")
}
