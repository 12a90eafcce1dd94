CREATE INDEX
    orders_created_idx
  ON orders
  (created_at);
	ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);  ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
-- miglint-ignore require-concurrent-index
CREATE INDEX a_idx ON a (x);
