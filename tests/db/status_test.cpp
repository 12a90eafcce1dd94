// miglint status, baseline and accept-checksum against a real server, each
// test in a database of its own. History rows that only `apply` writes
// (applied, partial, failed) are set up by updating baselined rows.

#include "scratch_database.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace miglint::db_test {

namespace {

std::string migration(const std::string& up, const std::string& down) {
  return "-- UP\n" + up + "\n-- DOWN\n" + down + "\n";
}

// Three migrations in the miglint format.
struct Project {
  ScratchDatabase database;
  MigrationDir files;

  Project() {
    files.write("0001_create_users.sql", migration("CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;"));
    files.write("0002_add_email.sql", migration("ALTER TABLE users ADD COLUMN email text;",
                                                "ALTER TABLE users DROP COLUMN email;"));
    files.write("0003_create_orders.sql",
                migration("CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;"));
  }

  MiglintRun miglint(const std::string& command, const std::string& options = "") {
    return database.miglint(command + " '" + files.path().string() + "' " + options);
  }

  // The state column of every history row, by version.
  std::vector<Row> states() { return database.run("SELECT version, state FROM miglint.schema_migrations ORDER BY version"); }

  nlohmann::json status_json() {
    MiglintRun status = miglint("status", "--format json");
    INFO(status.err);
    return nlohmann::json::parse(status.out);
  }
};

std::string state_of(const nlohmann::json& status, const std::string& version) {
  for (const nlohmann::json& migration : status["migrations"])
    if (migration["version"] == version) return migration["state"];
  return "absent";
}

}  // namespace

TEST_CASE("status before anything ran: every migration pending, exit 0, and no history table created") {
  Project project;
  MiglintRun status = project.miglint("status");
  CHECK(status.exit_code == 0);
  CHECK(status.out.find("pending       0001  create_users\n") != std::string::npos);
  CHECK(status.out.ends_with("3 migrations: 3 pending\n"));
  CHECK(project.database.run("SELECT to_regclass('miglint.schema_migrations') IS NULL")[0][0] == "t");

  MiglintRun strict = project.miglint("status", "--fail-on-pending");
  CHECK(strict.exit_code == 1);
}

TEST_CASE("baseline records every migration up to the version given, with its checksum, once") {
  Project project;
  MiglintRun baseline = project.miglint("baseline", "--version 0002");
  INFO(baseline.err);
  CHECK(baseline.exit_code == 0);
  CHECK(baseline.out.ends_with("2 migrations baselined\n"));
  CHECK(project.states() == std::vector<Row>{{"0001", "baselined"}, {"0002", "baselined"}});
  CHECK(project.database.run("SELECT checksum ~ '^sha256:[0-9a-f]{64}$', applied_by = current_user, "
                             "miglint_version <> '' FROM miglint.schema_migrations WHERE version = '0001'")[0] ==
        Row{"t", "t", "t"});

  MiglintRun again = project.miglint("baseline", "--version 0003");
  CHECK(again.exit_code == 0);
  CHECK(again.out.ends_with("1 migration baselined, 2 already recorded\n"));

  nlohmann::json status = project.status_json();
  CHECK(status["ok"] == true);
  CHECK(status["summary"]["baselined"] == 3);
}

TEST_CASE("--history-table: baseline and status use the table named, and refuse a name that is not one") {
  Project project;
  REQUIRE(project.miglint("baseline", "--version 0001 --history-table deploy.History").exit_code == 0);
  CHECK(project.database.run("SELECT count(*) FROM deploy.history")[0][0] == "1");
  CHECK(project.database.run("SELECT to_regclass('miglint.schema_migrations') IS NULL")[0][0] == "t");

  nlohmann::json json =
      nlohmann::json::parse(project.miglint("status", "--format json --history-table deploy.History").out);
  CHECK(json["history_table"] == "deploy.History");
  CHECK(json["summary"]["baselined"] == 1);
  CHECK(project.miglint("status").out.ends_with("3 migrations: 3 pending\n"));

  MiglintRun bad = project.miglint("status", "--history-table a.b.c");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--history-table: ") != std::string::npos);
}

TEST_CASE("baseline refuses a version no migration has, and writes nothing") {
  Project project;
  MiglintRun baseline = project.miglint("baseline", "--version 0009");
  CHECK(baseline.exit_code == 2);
  CHECK(baseline.err.find("no migration under the paths given has version 0009") != std::string::npos);
  CHECK(project.database.run("SELECT to_regclass('miglint.schema_migrations') IS NULL")[0][0] == "t");
}

TEST_CASE("status: an applied file edited since is reported with both checksums; new line endings alone are not an edit") {
  Project project;
  REQUIRE(project.miglint("baseline", "--version 0003").exit_code == 0);
  std::string recorded =
      project.database.run("SELECT checksum FROM miglint.schema_migrations WHERE version = '0002'")[0][0];

  project.files.write("0001_create_users.sql", "-- UP\r\nCREATE TABLE users (id bigint PRIMARY KEY);\r\n-- DOWN\r\n"
                                               "DROP TABLE users;\r\n");
  project.files.write("0002_add_email.sql", migration("ALTER TABLE users ADD COLUMN email varchar(200);",
                                                      "ALTER TABLE users DROP COLUMN email;"));
  MiglintRun status = project.miglint("status");
  CHECK(status.exit_code == 1);
  CHECK(status.out.find("baselined     0001") != std::string::npos);
  CHECK(status.out.find("edited        0002  add_email      recorded " + recorded + ", file now sha256:") !=
        std::string::npos);

  nlohmann::json json = project.status_json();
  CHECK(json["ok"] == false);
  CHECK(state_of(json, "0001") == "baselined");
  const nlohmann::json& edited = json["migrations"][1];
  CHECK(edited["state"] == "edited");
  CHECK(edited["recorded_checksum"] == recorded);
  CHECK(edited["checksum"] != recorded);
}

TEST_CASE("status: a recorded migration whose file is gone is missing") {
  Project project;
  REQUIRE(project.miglint("baseline", "--version 0003").exit_code == 0);
  project.files.remove("0003_create_orders.sql");
  MiglintRun status = project.miglint("status");
  CHECK(status.exit_code == 1);
  CHECK(status.out.find("missing       0003  create_orders  applied ") != std::string::npos);
  CHECK(status.out.find(", but no file has this version") != std::string::npos);
  nlohmann::json json = project.status_json();
  CHECK(json["migrations"].back()["path"].is_null());
  CHECK(json["summary"]["missing"] == 1);
}

TEST_CASE("status: a new migration that sorts before the newest applied one is out of order") {
  Project project;
  REQUIRE(project.miglint("baseline", "--version 0003").exit_code == 0);
  project.files.write("0002_5_add_name.sql", migration("ALTER TABLE users ADD COLUMN name text;",
                                                       "ALTER TABLE users DROP COLUMN name;"));
  project.files.write("0004_add_total.sql", migration("ALTER TABLE orders ADD COLUMN total numeric;",
                                                      "ALTER TABLE orders DROP COLUMN total;"));
  nlohmann::json json = project.status_json();
  CHECK(state_of(json, "0002_5") == "out-of-order");
  CHECK(state_of(json, "0004") == "pending");
  CHECK(json["ok"] == false);
  CHECK(project.miglint("status").exit_code == 1);
}

TEST_CASE("status: partial and failed non-transactional migrations show the statements applied, and exit 1") {
  Project project;
  REQUIRE(project.miglint("baseline", "--version 0003").exit_code == 0);
  project.database.run("UPDATE miglint.schema_migrations SET state = 'applied' WHERE version = '0001';"
                       "UPDATE miglint.schema_migrations SET state = 'partial', statements_applied = 2,"
                       " transaction_mode = 'autocommit' WHERE version = '0002';"
                       "UPDATE miglint.schema_migrations SET state = 'failed', statements_applied = 1,"
                       " transaction_mode = 'autocommit' WHERE version = '0003'");
  MiglintRun status = project.miglint("status");
  CHECK(status.exit_code == 1);
  CHECK(status.out.find("applied       0001") != std::string::npos);
  CHECK(status.out.find("partial       0002  add_email      2 statements applied") != std::string::npos);
  CHECK(status.out.find("failed        0003  create_orders  1 statements applied") != std::string::npos);
  CHECK(status.out.ends_with("3 migrations: 1 applied, 1 partial, 1 failed\n"));

  nlohmann::json json = project.status_json();
  CHECK(json["migrations"][1]["statements_applied"] == 2);
  CHECK_FALSE(json["migrations"][0].contains("statements_applied"));
}

TEST_CASE("status --format json: every migration with the same fields, and a count for every state") {
  Project project;
  REQUIRE(project.miglint("baseline", "--version 0001").exit_code == 0);
  nlohmann::json json = project.status_json();
  CHECK(json["history_table"] == "miglint.schema_migrations");
  REQUIRE(json["migrations"].size() == 3);
  for (const nlohmann::json& migration : json["migrations"])
    for (const char* field : {"version", "name", "state", "path", "checksum", "recorded_checksum", "applied_at",
                              "applied_by"})
      CHECK_MESSAGE(migration.contains(field), field);
  CHECK(json["migrations"][0]["applied_by"].is_string());
  CHECK(json["migrations"][1]["applied_at"].is_null());
  CHECK(json["summary"].size() == 8);
  CHECK(json["summary"]["baselined"] == 1);
  CHECK(json["summary"]["pending"] == 2);
  CHECK(json["ok"] == true);
}

TEST_CASE("accept-checksum records an intended edit with its reason, and keeps when and by whom it was applied") {
  Project project;
  REQUIRE(project.miglint("baseline", "--version 0002").exit_code == 0);
  std::string applied_at =
      project.database.run("SELECT applied_at::text FROM miglint.schema_migrations WHERE version = '0002'")[0][0];
  project.files.write("0002_add_email.sql", migration("ALTER TABLE users ADD COLUMN email varchar(200);",
                                                      "ALTER TABLE users DROP COLUMN email;"));
  REQUIRE(project.miglint("status").exit_code == 1);

  MiglintRun accept = project.miglint("accept-checksum 0002", "--reason 'the column type was widened before release'");
  INFO(accept.err);
  CHECK(accept.exit_code == 0);
  CHECK(project.miglint("status").exit_code == 0);
  std::vector<Row> row = project.database.run(
      "SELECT applied_at::text, jsonb_array_length(checksum_acceptances), checksum_acceptances->>0 LIKE "
      "'% by ' || current_user || ': the column type was widened before release' FROM miglint.schema_migrations "
      "WHERE version = '0002'");
  CHECK(row[0] == Row{applied_at, "1", "t"});
  CHECK(project.status_json()["migrations"][1]["checksum_acceptances"].size() == 1);
}

TEST_CASE("accept-checksum refuses without a reason, and for a version that is not applied") {
  Project project;
  REQUIRE(project.miglint("baseline", "--version 0001").exit_code == 0);
  CHECK(project.miglint("accept-checksum 0001").exit_code == 2);

  MiglintRun blank = project.miglint("accept-checksum 0001", "--reason ' '");
  CHECK(blank.exit_code == 2);
  CHECK(blank.err.find("needs a --reason") != std::string::npos);

  MiglintRun pending = project.miglint("accept-checksum 0003", "--reason 'edited'");
  CHECK(pending.exit_code == 2);
  CHECK(pending.err.find("0003 is not applied") != std::string::npos);

  MiglintRun unknown = project.miglint("accept-checksum 0042", "--reason 'edited'");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("no migration under the paths given has version 0042") != std::string::npos);
}

}  // namespace miglint::db_test
