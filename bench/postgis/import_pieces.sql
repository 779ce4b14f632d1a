-- Step 2 of the PostGIS import: the pieces of the snapshots whose id is
-- $1 modulo $2 (run with 0, 1 on one connection, or with 0..n-1, n on n
-- connections at once to use n cores).
INSERT INTO pieces
SELECT * FROM bench_pieces(ARRAY(SELECT id FROM snapshots WHERE id % $2::int = $1::int ORDER BY id))
