-- +goose Up
CREATE INDEX {{ .Schema }}_users_idx ON {{ .Schema }}.users (email);
ALTER TABLE ${flyway:defaultSchema}.orders ADD COLUMN n int NOT NULL DEFAULT 1;
ALTER TABLE __TABLE__orders ALTER COLUMN n TYPE bigint;
-- +goose Down
DROP INDEX {{.Schema}}_users_idx;
