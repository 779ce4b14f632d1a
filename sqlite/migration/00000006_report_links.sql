-- The spans of a report's text its publisher linked to a map point (a
-- DeepStateMap note's <a href="…#zoom/lat/lon">Name</a>), as a JSON array of
-- {start, end, lon, lat}; '' when it has none. A column with a default, so
-- that reports stored before it read as having no links.
ALTER TABLE reports ADD COLUMN links TEXT NOT NULL DEFAULT ''
