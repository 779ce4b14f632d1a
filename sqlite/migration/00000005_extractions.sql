-- Extraction results are derived data: one row per report and extractor
-- version, appended and never rewritten (a new extractor version adds rows).
-- body is the frontline.Extraction as JSON. error says why nothing could be
-- extracted ('' when extraction succeeded). Times are Unix nanoseconds, UTC.
CREATE TABLE extractions (
	id          INTEGER PRIMARY KEY,
	report_id   INTEGER NOT NULL REFERENCES reports (id),
	version     TEXT NOT NULL,
	recorded_at INTEGER NOT NULL,
	error       TEXT NOT NULL,
	body        TEXT NOT NULL,
	UNIQUE (report_id, version)
);

CREATE INDEX extractions_latest ON extractions (report_id, recorded_at, id);

-- One row per claim of an extraction, so that claims by place, report and
-- time are found by index without reading the whole extraction; body is
-- the frontline.Claim as JSON. report_time is the
-- report's published time, or its recorded time when that is unknown.
CREATE TABLE extraction_claims (
	extraction_id INTEGER NOT NULL REFERENCES extractions (id),
	idx           INTEGER NOT NULL,
	report_id     INTEGER NOT NULL,
	version       TEXT NOT NULL,
	place_id      TEXT NOT NULL,
	assertion     TEXT NOT NULL,
	side          TEXT NOT NULL,
	speaker_side  TEXT NOT NULL,
	refers_to     TEXT NOT NULL,
	report_time   INTEGER NOT NULL,
	body          TEXT NOT NULL,
	PRIMARY KEY (extraction_id, idx)
);

CREATE INDEX extraction_claims_place ON extraction_claims (place_id, report_time, report_id, idx);
CREATE INDEX extraction_claims_report ON extraction_claims (report_id, idx);
CREATE INDEX extraction_claims_time ON extraction_claims (report_time, report_id, idx);
