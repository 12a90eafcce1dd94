-- Added to schema.sql for the trace oracle (trace_fixtures_test.cpp): the
-- tables, schemas and types the rule fixtures use without creating them, so
-- that more of their statements run and have their locks compared with the
-- findings. Tables a fixture creates itself are left out: there they must be
-- new. Each table holds rows, so that scans and rewrites are real.
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
CREATE SCHEMA shop;
CREATE SCHEMA archive;
CREATE SCHEMA billing;

CREATE TABLE "Users" (id bigint PRIMARY KEY, "displayName" text, login text, email text, age int, note text);
CREATE TABLE feature_flags (id bigint PRIMARY KEY, name text, enabled boolean NOT NULL DEFAULT true);
CREATE TABLE settings (key text PRIMARY KEY, value text);
CREATE TABLE email_templates (id bigint PRIMARY KEY, name text, body text);

INSERT INTO "Users" SELECT g, 'User ' || g, 'user' || g, 'user' || g || '@example.com', 20 + g % 50, NULL
  FROM generate_series(1, 500) g;
INSERT INTO feature_flags SELECT g, 'flag ' || g FROM generate_series(1, 100) g;
INSERT INTO settings SELECT 'key' || g, 'value' FROM generate_series(1, 10) g;
INSERT INTO email_templates SELECT g, 'template ' || g, 'Hello' FROM generate_series(1, 10) g;
