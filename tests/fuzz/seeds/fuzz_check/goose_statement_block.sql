-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose NO TRANSACTION
CREATE INDEX CONCURRENTLY orders_state_idx ON orders (state);

-- +goose Down
DROP FUNCTION touch();
