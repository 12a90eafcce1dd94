-- The schema every rule's `bad` example runs against in the lock tests.
-- Rules write their examples for these tables; each table holds rows, so
-- that scans and rewrites are real.
CREATE TABLE teams (
  id bigint PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE users (
  id bigint PRIMARY KEY,
  team_id bigint,
  email text,
  name varchar(20),
  display_name text,
  phone text,
  status text,
  age int,
  score numeric(10, 2),
  ip cidr,
  created_at timestamp,
  updated_at timestamptz,
  deleted_at timestamptz
);
CREATE INDEX users_email_idx ON users (email);

CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id bigint,
  total int,
  status text
);

CREATE MATERIALIZED VIEW user_stats AS SELECT team_id, count(*) AS users FROM users GROUP BY team_id;
CREATE UNIQUE INDEX user_stats_team_id_idx ON user_stats (team_id);

CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE DOMAIN positive_int AS int;

CREATE TABLE events (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 (id bigint, created_at timestamptz NOT NULL);

INSERT INTO teams SELECT g, 'team ' || g FROM generate_series(1, 10) g;
INSERT INTO users
  SELECT g, g % 10 + 1, 'user' || g || '@example.com', 'user ' || g, 'User ' || g, NULL, 'active', 20 + g % 50,
         g * 1.5, '10.0.0.0/8', now(), now(), NULL
  FROM generate_series(1, 1000) g;
INSERT INTO orders SELECT g, g % 1000 + 1, g * 10, 'paid' FROM generate_series(1, 2000) g;
INSERT INTO events SELECT g, '2024-06-01'::timestamptz + g * interval '1 minute' FROM generate_series(1, 100) g;
INSERT INTO events_2025 SELECT g, '2025-06-01'::timestamptz FROM generate_series(1, 10) g;
REFRESH MATERIALIZED VIEW user_stats;

-- Constraints added NOT VALID, for examples that validate them. These tables
-- are apart from the others so that no earlier example changes behaviour.
CREATE TABLE suppliers (id bigint PRIMARY KEY);
CREATE TABLE deliveries (id bigint PRIMARY KEY, supplier_id bigint, quantity int);
INSERT INTO suppliers SELECT g FROM generate_series(1, 100) g;
INSERT INTO deliveries SELECT g, g % 100 + 1, g FROM generate_series(1, 500) g;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id) NOT VALID;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_quantity_positive CHECK (quantity > 0) NOT VALID;
