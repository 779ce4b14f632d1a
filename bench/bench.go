// Package bench holds Frontline's benchmarks against PostGIS: the baseline
// SQL (postgis/*.sql, embedded here) and the program that runs both side by
// side (cmd/compare, run by bench/run.sh and `make bench`). It has no tests:
// nothing here runs under `go test ./...`.
package bench

import "embed"

// SQL holds the PostGIS baseline: schema.sql (tables and the bench_pieces
// function, Frontline's import pipeline in SQL), import.sql, and one file
// per question and variant.
//
//go:embed postgis/*.sql
var SQL embed.FS

// MustSQL returns the text of postgis/NAME.sql.
func MustSQL(name string) string {
	b, err := SQL.ReadFile("postgis/" + name + ".sql")
	if err != nil {
		panic(err)
	}
	return string(b)
}
