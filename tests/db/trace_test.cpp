// miglint trace against a real server, run as a user runs it.
#include "scratch_database.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace miglint::db_test {

namespace {

using nlohmann::json;

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// golang-migrate: a table, then `change` to it in a second migration.
void write_accounts_then(const MigrationDir& dir, const std::string& change) {
  dir.write("1_create_accounts.up.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, visits int NOT NULL, note text);\n");
  dir.write("2_change_accounts.up.sql", change);
}

MiglintRun trace(const ScratchDatabase& db, const MigrationDir& dir, const std::string& options = "") {
  return db.miglint("trace --db dbname=" + db.name() + " " + options + " " + quoted(dir.path()));
}

// The second migration's report, from --format json.
json second_migration(const ScratchDatabase& db, const MigrationDir& dir, const std::string& options = "") {
  MiglintRun run = trace(db, dir, "--format json " + options);
  INFO(run.out, run.err);
  REQUIRE(run.exit_code == 0);
  return json::parse(run.out)["migrations"][1];
}

const json* lock_on(const json& statement, const std::string& relation) {
  for (const json& lock : statement["locks"])
    if (lock["relation"] == relation) return &lock;
  return nullptr;
}

bool holds(const json& array, const std::string& value) {
  return std::find(array.begin(), array.end(), value) != array.end();
}

std::set<std::string> keys(const json& object) {
  std::set<std::string> names;
  for (const auto& [key, value] : object.items()) names.insert(key);
  return names;
}

}  // namespace

TEST_CASE("trace: ALTER COLUMN TYPE int -> bigint on a seeded table takes ACCESS EXCLUSIVE and rewrites it") {
  ScratchDatabase db;
  MigrationDir dir;
  write_accounts_then(dir, "ALTER TABLE accounts ALTER COLUMN visits TYPE bigint;\n");
  json migration = second_migration(db, dir, "--seed-rows 2000");
  CHECK(migration["seed"]["seeded"] == json{"accounts: 2000 rows"});
  const json& statement = migration["statements"][0];
  const json* lock = lock_on(statement, "accounts");
  REQUIRE(lock);
  CHECK((*lock)["mode"] == "ACCESS EXCLUSIVE");
  CHECK((*lock)["blocks_reads"] == true);
  CHECK((*lock)["pre_existing"] == true);
  CHECK(holds(statement["rewrites"], "accounts"));
  CHECK(holds(statement["schema_changes"], "column accounts.visits: integer NOT NULL -> bigint NOT NULL"));
  CHECK(statement["duration_ms"].get<double>() > 0);
  REQUIRE(migration["verdict"].size() == 1);
  CHECK(migration["verdict"][0]["table"] == "accounts");
  CHECK(migration["verdict"][0]["statements_blocking_reads"] == 1);
  CHECK(migration["verdict"][0]["reads_blocked_ms"] == statement["duration_ms"]);
  // changing-column-type reports the statement: the linter knew.
  CHECK(migration["findings"].empty());
}

TEST_CASE("trace: a plain CREATE INDEX takes SHARE, which blocks writes but not reads") {
  ScratchDatabase db;
  MigrationDir dir;
  write_accounts_then(dir, "CREATE INDEX accounts_visits_idx ON accounts (visits);\n");
  json migration = second_migration(db, dir);
  const json* lock = lock_on(migration["statements"][0], "accounts");
  REQUIRE(lock);
  CHECK((*lock)["mode"] == "SHARE");
  CHECK((*lock)["blocks_writes"] == true);
  CHECK((*lock)["blocks_reads"] == false);
  CHECK(migration["statements"][0]["rewrites"].empty());
}

TEST_CASE("trace: CREATE INDEX CONCURRENTLY runs outside a transaction and takes no lock that blocks writes to the table") {
  ScratchDatabase db;
  MigrationDir dir;
  write_accounts_then(dir, "CREATE INDEX CONCURRENTLY accounts_visits_idx ON accounts (visits);\n");
  json migration = second_migration(db, dir, "--seed-rows 50000");
  CHECK(migration["transactional"] == false);
  const json& statement = migration["statements"][0];
  CHECK(statement["outside_transaction"] == true);
  // It holds ACCESS EXCLUSIVE on the index it creates for a moment, which no
  // query uses yet; what matters is the table.
  for (const json& lock : statement["locks"])
    if (lock["pre_existing"] == true) CHECK_MESSAGE(lock["blocks_writes"] == false, lock.dump());
  // Seen by polling, so only when the build outlasts a poll.
  if (const json* lock = lock_on(statement, "accounts")) CHECK((*lock)["mode"] == "SHARE UPDATE EXCLUSIVE");
  CHECK(migration["verdict"].empty());
}

TEST_CASE("trace: the timeline and verdict count every statement a lock held until commit spans") {
  ScratchDatabase db;
  MigrationDir dir;
  write_accounts_then(dir, "CREATE INDEX accounts_visits_idx ON accounts (visits);\n"
                           "UPDATE accounts SET note = 'x' WHERE id = 1;\n");
  MiglintRun run = trace(db, dir);
  INFO(run.out, run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("    accounts: SHARE from statement 1 until commit (blocks writes)\n") != std::string::npos);
  CHECK(run.out.find("    accounts: writes blocked for 2 of 2 statements (") != std::string::npos);
  CHECK(run.out.find("2 migration(s) traced, 0 trace-unflagged-lock") != std::string::npos);
}

TEST_CASE("trace --format json: one document of migrations, statements, timeline, verdict and findings") {
  ScratchDatabase db;
  MigrationDir dir;
  write_accounts_then(dir, "ALTER TABLE accounts ADD COLUMN score int;\n");
  MiglintRun run = trace(db, dir, "--format json --seed-rows 10");
  INFO(run.out, run.err);
  REQUIRE(run.exit_code == 0);
  json report = json::parse(run.out);
  CHECK(keys(report) == std::set<std::string>{"migrations", "server_version_num"});
  const json& migration = report["migrations"][1];
  CHECK(keys(migration) == std::set<std::string>{"failure", "findings", "name", "seed", "statements", "timeline",
                                                 "transactional", "verdict", "version"});
  CHECK(keys(migration["statements"][0]) ==
        std::set<std::string>{"duration_ms", "error", "line", "locks", "number", "outside_transaction", "path",
                              "rewrites", "schema_changes", "sql"});
  CHECK(keys(migration["timeline"][0]) == std::set<std::string>{"blocks_reads", "blocks_writes", "from", "mode",
                                                                "pre_existing", "relation", "until", "until_commit"});
  CHECK(migration["timeline"][0] == json::parse(R"({"relation": "accounts", "mode": "ACCESS EXCLUSIVE",
      "blocks_reads": true, "blocks_writes": true, "from": 1, "until": 1, "until_commit": true, "pre_existing": true})"));
}

TEST_CASE("trace: a rewrite no rule reports is a trace-unflagged-lock, and fails the run") {
  ScratchDatabase db;
  MigrationDir dir;
  write_accounts_then(dir, "ALTER TABLE accounts ALTER COLUMN visits TYPE bigint;\n");
  // Without the rules that know ALTER COLUMN TYPE rewrites (and the one that
  // would report its lock anyway), nothing reports it.
  dir.write("miglint.toml", "ignore = [\"changing-column-type\", \"table-rewrite\", \"require-lock-timeout\"]\n");
  MiglintRun run = trace(db, dir);
  INFO(run.out, run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("2_change_accounts.up.sql:1: trace-unflagged-lock: rewrite of accounts, and no rule reported "
                     "this statement") != std::string::npos);
  CHECK(run.out.find("2 migration(s) traced, 1 trace-unflagged-lock") != std::string::npos);
}

TEST_CASE("trace refuses a --db that holds objects, unless told it is scratch") {
  ScratchDatabase db;
  db.run("CREATE TABLE precious (id int)");
  MigrationDir dir;
  write_accounts_then(dir, "ALTER TABLE accounts ADD COLUMN score int;\n");
  MiglintRun refused = trace(db, dir);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("is not empty (table precious") != std::string::npos);
  CHECK(trace(db, dir, "--i-know-this-is-scratch").exit_code == 0);
}

TEST_CASE("trace with no --db runs on a scratch PostgreSQL of its own") {
  MigrationDir dir;
  write_accounts_then(dir, "CREATE INDEX accounts_visits_idx ON accounts (visits);\n");
  // Only to run the binary: no --db, so this database is never touched.
  ScratchDatabase runner;
  MiglintRun run = runner.miglint("trace " + quoted(dir.path()));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("tracing on a scratch PostgreSQL") != std::string::npos);
  CHECK(run.out.find("accounts: SHARE from statement 1 until commit (blocks writes)") != std::string::npos);
}

}  // namespace miglint::db_test
