-- +goose Up
-- miglint-ignore-file require-concurrent-index -- built during the maintenance window
CREATE INDEX a_idx ON a (x);
-- +goose Down
-- miglint-ignore missing-down -- nothing to undo
DROP INDEX a_idx;
