// The schema snapshot verify compares: every kind of object it covers, and
// equal schemas built in a different order (other OIDs, other creation
// order) give equal snapshots.
#include "apply/schema_snapshot.hpp"
#include "scratch_database.hpp"

#include <doctest/doctest.h>

#include <set>

namespace miglint::db_test {

namespace {

const char* const kSchema = R"sql(
CREATE SCHEMA app;
CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');
CREATE DOMAIN email AS text NOT NULL CHECK (VALUE LIKE '%@%');
CREATE TYPE app.point2 AS (x integer, y integer);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE SEQUENCE app.ticket_numbers START 100 INCREMENT 5;
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  address email,
  name text COLLATE "C" DEFAULT 'anonymous',
  name_length integer GENERATED ALWAYS AS (length(name)) STORED,
  feeling mood
);
CREATE TABLE app.orders (id serial PRIMARY KEY, user_id bigint REFERENCES users (id), total numeric(10, 2));
ALTER TABLE app.orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;
ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_orders ON app.orders FOR SELECT USING (user_id = 1);
CREATE INDEX orders_user_idx ON app.orders (user_id) WHERE total > 10;
CREATE VIEW big_orders AS SELECT id, total FROM app.orders WHERE total > 100;
CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total FROM app.orders GROUP BY user_id;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE PROCEDURE app.archive(days integer) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE AGGREGATE app.total_of(numeric) (SFUNC = numeric_add, STYPE = numeric);
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
)sql";

// The same schema, its independent parts in another order, after objects
// created and dropped to move every OID.
const char* const kSameSchemaOtherwiseBuilt = R"sql(
CREATE TABLE scratch (id int); CREATE TYPE scratch_type AS ENUM ('x'); DROP TABLE scratch; DROP TYPE scratch_type;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE SCHEMA app;
CREATE SEQUENCE app.ticket_numbers START 100 INCREMENT 5;
CREATE TYPE app.point2 AS (x integer, y integer);
CREATE TYPE mood AS ENUM ('happy', 'sad');
ALTER TYPE mood ADD VALUE 'ok' BEFORE 'sad';
CREATE DOMAIN email AS text NOT NULL CHECK (VALUE LIKE '%@%');
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
ALTER TABLE users ADD COLUMN address email, ADD COLUMN name text COLLATE "C" DEFAULT 'anonymous';
ALTER TABLE users ADD COLUMN name_length integer GENERATED ALWAYS AS (length(name)) STORED, ADD COLUMN feeling mood;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TABLE app.orders (id serial PRIMARY KEY, user_id bigint REFERENCES users (id), total numeric(10, 2));
CREATE AGGREGATE app.total_of(numeric) (SFUNC = numeric_add, STYPE = numeric);
CREATE PROCEDURE app.archive(days integer) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total FROM app.orders GROUP BY user_id;
CREATE VIEW big_orders AS SELECT id, total FROM app.orders WHERE total > 100;
CREATE INDEX orders_user_idx ON app.orders (user_id) WHERE total > 10;
CREATE POLICY own_orders ON app.orders FOR SELECT USING (user_id = 1);
ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;
)sql";

apply::SchemaSnapshot snapshot_of(const ScratchDatabase& db) {
  apply::Connection connection("dbname=" + db.name());
  return apply::take_schema_snapshot(connection);
}

}  // namespace

TEST_CASE("schema snapshot: every kind it covers, and equal schemas built otherwise compare equal") {
  ScratchDatabase first;
  ScratchDatabase second;
  first.run(kSchema);
  second.run(kSameSchemaOtherwiseBuilt);
  apply::SchemaSnapshot snapshot = snapshot_of(first);

  std::set<std::string> kinds;
  for (const auto& [key, object] : snapshot) kinds.insert(key.kind);
  CHECK(kinds == std::set<std::string>{"aggregate", "column", "constraint", "enum value", "extension", "function",
                                       "index", "materialized view", "policy", "procedure", "schema", "sequence",
                                       "table", "trigger", "type", "view"});
  CHECK(snapshot.at({"enum value", "mood.'ok'"}).attributes == decltype(apply::SchemaObject::attributes){{"position", "2"}});
  CHECK(snapshot.at({"constraint", "app.orders.total_positive"}).attributes.at(1).second == "NOT VALID");
  CHECK(snapshot.at({"sequence", "app.orders_id_seq"}).attributes.back().second == "app.orders.id");
  CHECK(snapshot.count({"sequence", "users_id_seq"}) == 0);  // the identity's

  std::vector<apply::SchemaDifference> differences = apply::compare_snapshots(snapshot, snapshot_of(second));
  std::string differing;
  for (const apply::SchemaDifference& difference : differences)
    differing += difference.object.kind + " " + difference.object.name + "; ";
  CHECK(differing == "");

  second.run("ALTER TABLE users ALTER COLUMN name SET NOT NULL");
  differences = apply::compare_snapshots(snapshot, snapshot_of(second));
  REQUIRE(differences.size() == 1);
  CHECK(differences[0].change == apply::SchemaDifference::Change::Altered);
  CHECK(differences[0].object.name == "users.name");
  REQUIRE(differences[0].changes.size() == 1);
  CHECK(differences[0].changes[0].attribute == "nullability");
  CHECK(differences[0].changes[0].before == "nullable");
  CHECK(differences[0].changes[0].after == "NOT NULL");
}

}  // namespace miglint::db_test
