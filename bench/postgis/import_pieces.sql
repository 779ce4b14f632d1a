-- Step 2 of the PostGIS import: the pieces of the snapshots whose ids are
-- in $1, one batch of a few maps per statement (bench/cmd/compare -pg-batch;
-- on n connections at once, each takes every n-th batch, to use n cores).
-- One statement over every map of the 1,359-map archive spilled its CTEs
-- to disk; per batch, each statement's working set is a few maps.
INSERT INTO pieces
SELECT * FROM bench_pieces($1::int[])
