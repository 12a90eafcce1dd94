-- miglint-ignore require-concurrent-index -- the table is tiny
CREATE INDEX flags_name_idx ON feature_flags (name);
-- miglint-ignore-file adding-not-null-column, no-such-rule -- legacy file
ALTER TABLE users ADD COLUMN flag boolean NOT NULL;
-- miglint-ignore require-concurrent-index
SELECT 1;
/* miglint-ignore dropping-column,,	require-concurrent-index -- */
ALTER TABLE users DROP COLUMN old;
-- miglint-ignore
-- miglint-ignored not-a-directive
