-- Step 3 of the PostGIS import: index the pieces for the questions.
CREATE INDEX ON pieces (snapshot_id, iso);
ANALYZE pieces;
