package sqlite_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
	"github.com/frontline-osint/frontline/storetest"
)

func TestExtractionStore(t *testing.T) {
	storetest.RunExtractions(t, func(t *testing.T) (frontline.ReportStore, frontline.ExtractionStore) {
		db := MustOpenDB(t)
		return sqlite.NewReportStore(db), sqlite.NewExtractionStore(db)
	})
}
