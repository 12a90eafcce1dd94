-- UP
ALTER TABLE users ADD COLUMN phone text NOT NULL DEFAULT '';
CREATE INDEX users_phone_idx ON users (phone);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
-- DOWN
DROP INDEX users_phone_idx;
ALTER TABLE users DROP COLUMN phone;
