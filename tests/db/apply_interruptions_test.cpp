// apply interrupted from outside: the server restarting, the connection
// dropping where the history is written, a full disk, SIGTERM and SIGINT.
// After each, status must tell the truth, no transactional migration may be
// half there, and the next apply must finish the job, running nothing twice.
#include "interruption_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <signal.h>

#include <map>

namespace miglint::db_test {

namespace {

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// 002 waits at its third statement for a lock the test holds on accounts.
void write_transactional(const MigrationDir& dir) {
  dir.write("001_create_accounts.sql", "-- UP\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n"
                                       "CREATE TABLE audit (note text);\n"
                                       "-- DOWN\nDROP TABLE audit;\nDROP TABLE accounts;\n");
  dir.write("002_add_plans.sql", "-- UP\nCREATE TABLE plans (id bigint PRIMARY KEY);\n"
                                 "INSERT INTO audit VALUES ('002 ran');\n"
                                 "ALTER TABLE accounts ADD COLUMN plan_id bigint;\n"
                                 "-- DOWN\nALTER TABLE accounts DROP COLUMN plan_id;\n"
                                 "DELETE FROM audit WHERE note = '002 ran';\nDROP TABLE plans;\n");
}

// What 002 of write_transactional() changes, as the catalog and the rows
// show it: "plans, plan_id, 1 audit row" once applied.
std::string effects_of_002(const std::string& database) {
  return Connection(database).run(
      "SELECT concat_ws(', ', CASE WHEN to_regclass('plans') IS NOT NULL THEN 'plans' END,"
      " (SELECT attname::text FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'plan_id'),"
      " (SELECT count(*) || ' audit row' FROM audit))")[0][0];
}

// 002 builds three indexes; the second waits, with its index INVALID, for
// a transaction that writes to tags.
void write_autocommit(const MigrationDir& dir) {
  dir.write("001_create_items_and_tags.sql",
            "-- UP\nCREATE TABLE items (a int, b int);\nCREATE TABLE tags (name text);\n"
            "INSERT INTO items SELECT g, g FROM generate_series(1, 10000) g;\n"
            "INSERT INTO tags SELECT 'tag ' || g FROM generate_series(1, 1000) g;\n"
            "-- DOWN\nDROP TABLE tags;\nDROP TABLE items;\n");
  dir.write("002_index_items_and_tags.sql",
            "-- UP\nCREATE INDEX CONCURRENTLY items_a_idx ON items (a);\n"
            "CREATE INDEX CONCURRENTLY tags_name_idx ON tags (name);\n"
            "CREATE INDEX CONCURRENTLY items_b_idx ON items (b);\n"
            "-- DOWN\nDROP INDEX CONCURRENTLY items_b_idx;\nDROP INDEX CONCURRENTLY tags_name_idx;\n"
            "DROP INDEX CONCURRENTLY items_a_idx;\n");
}

// "items_a_idx valid, tags_name_idx INVALID"
std::string indexes(const std::string& database) {
  return Connection(database).run(
      "SELECT coalesce(string_agg(indexrelid::regclass::text || CASE WHEN indisvalid THEN ' valid' ELSE ' INVALID' END,"
      " ', ' ORDER BY indexrelid::regclass::text), '') FROM pg_index "
      "WHERE indrelid IN ('items'::regclass, 'tags'::regclass)")[0][0];
}

std::string oid_of(const std::string& database, const std::string& relation) {
  return Connection(database).run("SELECT to_regclass('" + relation + "')::oid::text")[0][0];
}

const char* const kSecondIndexWaiting =
    "SELECT a.pid::text FROM pg_stat_activity a, pg_index i WHERE a.datname = current_database() "
    "AND a.query LIKE 'CREATE INDEX CONCURRENTLY tags_name_idx%' AND a.wait_event_type = 'Lock' "
    "AND i.indexrelid = to_regclass('tags_name_idx') AND NOT i.indisvalid";

std::string history(const std::string& database) {
  std::vector<Row> rows = Connection(database).run(
      "SELECT string_agg(version || ' ' || state || ' ' || transaction_mode || ' ' || statements_applied, ', ' "
      "ORDER BY version) FROM miglint.schema_migrations");
  return rows[0][0];
}

struct Status {
  int exit_code = -1;
  std::map<std::string, std::string> states;  // "002" -> "partial 1": statements_applied when it has one
};

Status status_of(const ScratchDatabase& db, const MigrationDir& dir) {
  MiglintRun run = db.miglint("status --format json " + quoted(dir.path()));
  INFO(run.err);
  Status status{run.exit_code, {}};
  nlohmann::json document = nlohmann::json::parse(run.out);
  for (const nlohmann::json& migration : document["migrations"]) {
    std::string state = migration["state"].get<std::string>();
    if (migration.contains("statements_applied"))
      state += " " + std::to_string(migration["statements_applied"].get<int>());
    status.states[migration["version"].get<std::string>()] = state;
  }
  return status;
}

std::string advisory_locks(const std::string& database) {
  return Connection(database).run("SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND database = "
                                  "(SELECT oid FROM pg_database WHERE datname = current_database())")[0][0];
}

}  // namespace

TEST_CASE("apply interrupted: the server restarts (fast) inside a transactional migration; nothing of it stays, "
          "and the next apply applies it once") {
  ScratchDatabase db;
  MigrationDir dir;
  write_transactional(dir);
  REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);
  {
    Connection holder(db.name());
    holder.run("BEGIN; LOCK TABLE accounts IN ACCESS SHARE MODE");
    RunningMiglint apply(db.name(), {"apply", "--lock-timeout", "60", dir.path().string()});
    value_once_there(db.name(), "SELECT pid::text FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                "AND query LIKE 'ALTER TABLE accounts ADD COLUMN plan_id%'");
    restart_server("fast");
    MiglintRun run = apply.finish();
    INFO(run.out, run.err);
    CHECK(run.exit_code == 1);
    CHECK(has(run.err, "002_add_plans.sql:4:1: terminating connection due to administrator command; "
                       "the connection to the server was lost, and the server rolled the transaction back: "
                       "nothing of 002 was applied or recorded"));
  }
  CHECK(effects_of_002(db.name()) == "0 audit row");
  CHECK(history(db.name()) == "001 applied transaction 2");
  Status status = status_of(db, dir);
  CHECK(status.exit_code == 0);
  CHECK(status.states == std::map<std::string, std::string>{{"001", "applied"}, {"002", "pending"}});

  MiglintRun again = db.miglint("apply " + quoted(dir.path()));
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(effects_of_002(db.name()) == "plans, plan_id, 1 audit row");
  CHECK(history(db.name()) == "001 applied transaction 2, 002 applied transaction 3");
  CHECK(status_of(db, dir).exit_code == 0);
}

TEST_CASE("apply interrupted: the server restarts (immediate) inside a CREATE INDEX CONCURRENTLY; the migration "
          "is partial, and the next apply drops the INVALID index and builds each index once") {
  ScratchDatabase db;
  MigrationDir dir;
  write_autocommit(dir);
  REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);
  std::string first_index;
  {
    Connection writer(db.name());
    writer.run("BEGIN; INSERT INTO tags VALUES ('held')");
    RunningMiglint apply(db.name(), {"apply", dir.path().string()});
    value_once_there(db.name(), kSecondIndexWaiting);
    first_index = oid_of(db.name(), "items_a_idx");
    // The test cluster runs with synchronous_commit off, so a crash would
    // also lose the last commits; a server that keeps them is the case here.
    Connection(db.name()).run("CHECKPOINT");
    restart_server("immediate");
    MiglintRun run = apply.finish();
    INFO(run.out, run.err);
    CHECK(run.exit_code == 1);
    CHECK(has(run.err, "002_index_items_and_tags.sql:3:1: server closed the connection unexpectedly; "));
    CHECK(has(run.err, "; the connection to the server was lost: 002 stays partial in the history, and the next "
                       "`miglint apply` resumes it after the statements recorded there"));
  }
  CHECK(indexes(db.name()) == "items_a_idx valid, tags_name_idx INVALID");
  CHECK(history(db.name()) == "001 applied transaction 4, 002 partial autocommit 1");
  Status status = status_of(db, dir);
  CHECK(status.exit_code == 1);
  CHECK(status.states.at("002") == "partial 1");

  MiglintRun again = db.miglint("apply " + quoted(dir.path()));
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(has(again.err, "dropping INVALID index tags_name_idx"));
  CHECK(indexes(db.name()) == "items_a_idx valid, items_b_idx valid, tags_name_idx valid");
  CHECK(oid_of(db.name(), "items_a_idx") == first_index);
  CHECK(history(db.name()) == "001 applied transaction 4, 002 applied autocommit 3");
  CHECK(status_of(db, dir).exit_code == 0);
}

TEST_CASE("apply interrupted: the connection drops where the history row is written") {
  ScratchDatabase db;
  MigrationDir dir;
  // The backend that writes the chosen row terminates itself, once: a
  // sequence counts outside the transaction that is rolled back.
  auto drop_connection_once_at = [&](const std::string& condition, const std::string& trigger) {
    db.run("CREATE SEQUENCE drops");
    db.run("CREATE FUNCTION drop_connection_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
           "IF NEW.version = '002' AND " + condition + " AND nextval('drops') = 1 THEN "
           "PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$");
    db.run(trigger + " drop_connection_once()");
  };

  SUBCASE("inside a transactional migration's transaction, or at its COMMIT: nothing of it stays") {
    write_transactional(dir);
    REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);
    std::string expected;
    SUBCASE("inside the transaction") {
      drop_connection_once_at("NEW.state = 'applied'", "CREATE TRIGGER drop_connection BEFORE INSERT ON "
                                                       "miglint.schema_migrations FOR EACH ROW EXECUTE FUNCTION");
      expected = "002_add_plans.sql (002): terminating connection due to administrator command; "
                 "the connection to the server was lost, and the server rolled the transaction back: "
                 "nothing of 002 was applied or recorded";
    }
    SUBCASE("at COMMIT, where the server rolls back but miglint cannot know it did") {
      drop_connection_once_at("NEW.state = 'applied'",
                              "CREATE CONSTRAINT TRIGGER drop_connection AFTER INSERT ON miglint.schema_migrations "
                              "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION");
      expected = "002_add_plans.sql (002): terminating connection due to administrator command; "
                 "the connection to the server was lost during COMMIT: whether 002 was applied is unknown until "
                 "`miglint status` reads the history";
    }
    MiglintRun run = db.miglint("apply " + quoted(dir.path()));
    INFO(run.out, run.err);
    CHECK(run.exit_code == 1);
    CHECK(has(run.err, expected));
    CHECK(effects_of_002(db.name()) == "0 audit row");
    CHECK(history(db.name()) == "001 applied transaction 2");
    CHECK(status_of(db, dir).states.at("002") == "pending");

    MiglintRun again = db.miglint("apply " + quoted(dir.path()));
    INFO(again.out, again.err);
    CHECK(again.exit_code == 0);
    CHECK(effects_of_002(db.name()) == "plans, plan_id, 1 audit row");
    CHECK(history(db.name()) == "001 applied transaction 2, 002 applied transaction 3");
  }

  SUBCASE("after an autocommit migration's statement: the history lags one statement, and the next apply sees "
          "that the index was built") {
    write_autocommit(dir);
    REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);
    drop_connection_once_at("NEW.state = 'partial' AND NEW.statements_applied = 1",
                            "CREATE TRIGGER drop_connection BEFORE INSERT ON miglint.schema_migrations "
                            "FOR EACH ROW EXECUTE FUNCTION");
    MiglintRun run = db.miglint("apply " + quoted(dir.path()));
    INFO(run.out, run.err);
    CHECK(run.exit_code == 1);
    CHECK(has(run.err, "002_index_items_and_tags.sql (002): terminating connection due to administrator command; "
                       "the connection to the server was lost: 002 stays partial in the history"));
    CHECK(indexes(db.name()) == "items_a_idx valid");
    CHECK(history(db.name()) == "001 applied transaction 4, 002 partial autocommit 0");
    Status status = status_of(db, dir);
    CHECK(status.exit_code == 1);
    CHECK(status.states.at("002") == "partial 0");
    std::string first_index = oid_of(db.name(), "items_a_idx");

    MiglintRun again = db.miglint("apply " + quoted(dir.path()));
    INFO(again.out, again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.err, "index items_a_idx is already built and valid: the interrupted run finished it"));
    CHECK(indexes(db.name()) == "items_a_idx valid, items_b_idx valid, tags_name_idx valid");
    CHECK(oid_of(db.name(), "items_a_idx") == first_index);
    CHECK(history(db.name()) == "001 applied transaction 4, 002 applied autocommit 3");
  }
}

TEST_CASE("apply on a full disk (a tablespace on a tiny tmpfs): SQLSTATE 53100 fails the migration cleanly, and "
          "once space is freed the next apply finishes the job") {
  TinyTablespace tiny(64 * 1024);
  if (!tiny.mounted()) {
    MESSAGE("a real full disk is not tested here: " << tiny.unavailable_reason());
    return;
  }
  ScratchDatabase db;
  MigrationDir dir;
  dir.write("001_create_events.sql",
            "-- UP\nCREATE TABLE events (id bigint PRIMARY KEY, payload text);\nCREATE TABLE audit (note text);\n"
            "INSERT INTO events SELECT g, repeat(md5(g::text), 6) FROM generate_series(1, 20000) g;\n"
            "-- DOWN\nDROP TABLE audit;\nDROP TABLE events;\n");
  // About 250 kB in the tablespace, then an index of about 5 MB.
  dir.write("002_archive_events.sql",
            "-- UP\nCREATE TABLE events_archive (id bigint, payload text) TABLESPACE " + tiny.name() + ";\n"
            "INSERT INTO events_archive SELECT * FROM events WHERE id <= 1000;\n"
            "INSERT INTO audit VALUES ('002 ran');\n-- DOWN\nDROP TABLE events_archive;\n");
  dir.write("003_index_payload.sql", "-- UP\nCREATE INDEX CONCURRENTLY events_payload_idx ON events (payload) "
                                     "TABLESPACE " + tiny.name() + ";\n-- DOWN\n"
                                     "DROP INDEX CONCURRENTLY events_payload_idx;\n");
  REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);
  auto archived = [&] {
    std::string audit = db.run("SELECT count(*) || ' audit row' FROM audit")[0][0];
    if (db.run("SELECT to_regclass('events_archive') IS NULL")[0][0] == "t") return audit;
    return db.run("SELECT count(*) || ' archived' FROM events_archive")[0][0] + ", " + audit;
  };

  MiglintRun full = db.miglint("apply " + quoted(dir.path()));
  INFO(full.out, full.err);
  CHECK(full.exit_code == 1);
  CHECK(has(full.err, "002_archive_events.sql:3:1: could not extend file"));
  CHECK(has(full.err, "No space left on device [SQLSTATE 53100]"));
  CHECK(archived() == "0 audit row");
  CHECK(history(db.name()) == "001 applied transaction 3");
  Status status = status_of(db, dir);
  CHECK(status.exit_code == 0);
  CHECK(status.states.at("002") == "pending");

  tiny.resize(1024 * 1024);
  MiglintRun index_full = db.miglint("apply " + quoted(dir.path()));
  INFO(index_full.out, index_full.err);
  CHECK(index_full.exit_code == 1);
  CHECK(has(index_full.err, "003_index_payload.sql:2:1: could not extend file"));
  CHECK(has(index_full.err, "No space left on device [SQLSTATE 53100]"));
  CHECK(has(index_full.err, "dropping INVALID index events_payload_idx"));
  CHECK(db.run("SELECT to_regclass('events_payload_idx') IS NULL") == std::vector<Row>{{"t"}});
  CHECK(archived() == "1000 archived, 1 audit row");
  CHECK(history(db.name()) ==
        "001 applied transaction 3, 002 applied transaction 3, 003 failed autocommit 0");
  status = status_of(db, dir);
  CHECK(status.exit_code == 1);
  CHECK(status.states.at("003") == "failed 0");

  tiny.resize(64 * 1024 * 1024);
  MiglintRun again = db.miglint("apply " + quoted(dir.path()));
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(db.run("SELECT indisvalid::text FROM pg_index WHERE indexrelid = to_regclass('events_payload_idx')") ==
        std::vector<Row>{{"true"}});
  CHECK(archived() == "1000 archived, 1 audit row");
  CHECK(history(db.name()) ==
        "001 applied transaction 3, 002 applied transaction 3, 003 applied autocommit 1");
  CHECK(status_of(db, dir).exit_code == 0);
}

TEST_CASE("apply on a full disk where no tmpfs can be mounted: SQLSTATE 53100 from the server fails the "
          "migration with its name and code, and records nothing") {
  ScratchDatabase db;
  MigrationDir dir;
  write_transactional(dir);
  dir.write("002_add_plans.sql", "-- UP\nCREATE TABLE plans (id bigint PRIMARY KEY);\n"
                                 "INSERT INTO audit VALUES ('002 ran');\nSELECT extend_a_file();\n"
                                 "ALTER TABLE accounts ADD COLUMN plan_id bigint;\n"
                                 "-- DOWN\nALTER TABLE accounts DROP COLUMN plan_id;\nDROP TABLE plans;\n");
  REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);
  db.run("CREATE FUNCTION extend_a_file() RETURNS void LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
         "'could not extend file \"base/1/2\": No space left on device' USING ERRCODE = 'disk_full'; END $$");
  MiglintRun run = db.miglint("apply " + quoted(dir.path()));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 1);
  CHECK(has(run.err, "002_add_plans.sql:4:1: could not extend file \"base/1/2\": No space left on device "
                     "[SQLSTATE 53100]"));
  CHECK(effects_of_002(db.name()) == "0 audit row");
  CHECK(history(db.name()) == "001 applied transaction 2");

  db.run("CREATE OR REPLACE FUNCTION extend_a_file() RETURNS void LANGUAGE sql AS ''");
  MiglintRun again = db.miglint("apply " + quoted(dir.path()));
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(effects_of_002(db.name()) == "plans, plan_id, 1 audit row");
}

TEST_CASE("apply interrupted by SIGTERM inside a transactional migration: the statement is cancelled, the "
          "transaction rolled back, the history lock released; exit 143, and the next apply applies it once") {
  ScratchDatabase db;
  MigrationDir dir;
  write_transactional(dir);
  REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);
  Connection holder(db.name());
  holder.run("BEGIN; LOCK TABLE accounts IN ACCESS SHARE MODE");
  RunningMiglint apply(db.name(), {"apply", "--lock-timeout", "60", dir.path().string()});
  value_once_there(db.name(), "SELECT pid::text FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                              "AND query LIKE 'ALTER TABLE accounts ADD COLUMN plan_id%'");
  apply.send(SIGTERM);
  MiglintRun run = apply.finish();
  INFO(run.out, run.err);
  CHECK(run.exit_code == 143);
  CHECK(has(run.err, "/002_add_plans.sql:4:1: canceling statement due to user request [SQLSTATE 57014]; "
                     "interrupted by SIGTERM: the transaction was rolled back: "
                     "nothing of 002 was applied or recorded\n"));
  CHECK(advisory_locks(db.name()) == "0");
  holder.run("COMMIT");
  CHECK(effects_of_002(db.name()) == "0 audit row");
  CHECK(history(db.name()) == "001 applied transaction 2");
  CHECK(status_of(db, dir).states.at("002") == "pending");

  MiglintRun again = db.miglint("apply " + quoted(dir.path()));
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(effects_of_002(db.name()) == "plans, plan_id, 1 audit row");
  CHECK(history(db.name()) == "001 applied transaction 2, 002 applied transaction 3");
}

TEST_CASE("apply interrupted by SIGINT inside a CREATE INDEX CONCURRENTLY: the build is cancelled, the migration "
          "recorded as partial, the history lock released; exit 130, and the next apply finishes it") {
  ScratchDatabase db;
  MigrationDir dir;
  write_autocommit(dir);
  REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);
  Connection writer(db.name());
  writer.run("BEGIN; INSERT INTO tags VALUES ('held')");
  RunningMiglint apply(db.name(), {"apply", dir.path().string()});
  value_once_there(db.name(), kSecondIndexWaiting);
  std::string first_index = oid_of(db.name(), "items_a_idx");
  apply.send(SIGINT);
  MiglintRun run = apply.finish();
  INFO(run.out, run.err);
  CHECK(run.exit_code == 130);
  CHECK(has(run.err, "002_index_items_and_tags.sql:3:1: canceling statement due to user request [SQLSTATE 57014]; "
                     "interrupted by SIGINT after 1 of 3 statements: 002 is recorded as partial, and the next "
                     "`miglint apply` resumes it there\n"));
  CHECK(advisory_locks(db.name()) == "0");
  CHECK(history(db.name()) == "001 applied transaction 4, 002 partial autocommit 1");
  Status status = status_of(db, dir);
  CHECK(status.exit_code == 1);
  CHECK(status.states.at("002") == "partial 1");
  writer.run("COMMIT");

  MiglintRun again = db.miglint("apply " + quoted(dir.path()));
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(has(again.err, "dropping INVALID index tags_name_idx"));
  CHECK(indexes(db.name()) == "items_a_idx valid, items_b_idx valid, tags_name_idx valid");
  CHECK(oid_of(db.name(), "items_a_idx") == first_index);
  CHECK(history(db.name()) == "001 applied transaction 4, 002 applied autocommit 3");
}

}  // namespace miglint::db_test
