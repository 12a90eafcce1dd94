// miglint import: each runner's history table created as that runner
// creates it, with the rows it writes, then read into miglint's history.

#include "scratch_database.hpp"

#include <doctest/doctest.h>

namespace miglint::db_test {

namespace {

struct Switch {
  ScratchDatabase database;
  MigrationDir files;

  MiglintRun import(const std::string& options) {
    return database.miglint("import '" + files.path().string() + "' " + options);
  }

  // miglint's rows after the import: version and state, in version order.
  std::vector<Row> imported() {
    return database.run("SELECT version, state FROM miglint.schema_migrations ORDER BY version");
  }

  bool history_created() {
    return database.run("SELECT to_regclass('miglint.schema_migrations') IS NOT NULL")[0][0] == "t";
  }
};

const std::vector<Row> kFirstTwo{{"000001", "baselined"}, {"000002", "baselined"}};

void write_golang_migrate_files(const MigrationDir& files) {
  files.write("000001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  files.write("000001_create_users.down.sql", "DROP TABLE users;\n");
  files.write("000002_add_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  files.write("000002_add_email.down.sql", "ALTER TABLE users DROP COLUMN email;\n");
  files.write("000003_create_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
  files.write("000003_create_orders.down.sql", "DROP TABLE orders;\n");
}

constexpr const char* kGolangMigrateTable =
    "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)";

}  // namespace

TEST_CASE("import from golang-migrate: every file up to the recorded version, with the up and down checksums") {
  Switch project;
  write_golang_migrate_files(project.files);
  project.database.run(kGolangMigrateTable);
  project.database.run("INSERT INTO schema_migrations VALUES (2, false)");
  MiglintRun import = project.import("--from golang-migrate");
  INFO(import.err);
  CHECK(import.exit_code == 0);
  CHECK(import.out.ends_with("2 of 2 migrations applied by golang-migrate imported into miglint.schema_migrations\n"));
  CHECK(project.imported() == kFirstTwo);
  CHECK(project.database.run("SELECT count(*) FROM miglint.schema_migrations WHERE down_checksum LIKE 'sha256:%' "
                             "AND down_checksum <> checksum")[0][0] == "2");

  MiglintRun status = project.database.miglint("status '" + project.files.path().string() + "'");
  CHECK(status.exit_code == 0);
  CHECK(status.out.ends_with("3 migrations: 2 baselined, 1 pending\n"));

  MiglintRun again = project.import("--from golang-migrate");
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("kept      000001  create_users\n") != std::string::npos);
  CHECK(again.out.ends_with("0 of 2 migrations applied by golang-migrate imported into miglint.schema_migrations\n"));
}

TEST_CASE("import from golang-migrate refuses a dirty database and writes nothing") {
  Switch project;
  write_golang_migrate_files(project.files);
  project.database.run(kGolangMigrateTable);
  project.database.run("INSERT INTO schema_migrations VALUES (2, true)");
  MiglintRun import = project.import("--from golang-migrate");
  CHECK(import.exit_code == 2);
  CHECK(import.err.find("golang-migrate marked version 2 dirty") != std::string::npos);
  CHECK(import.err.find("migrate force") != std::string::npos);
  CHECK_FALSE(project.history_created());
}

TEST_CASE("import from dbmate: one row per applied version, from a table named with --source-table") {
  Switch project;
  project.files.write("20240101120000_create_users.sql",
                      "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n");
  project.files.write("20240102120000_add_email.sql", "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n"
                                                      "-- migrate:down\nALTER TABLE users DROP COLUMN email;\n");
  project.files.write("20240103120000_create_orders.sql", "-- migrate:up\nCREATE TABLE orders (id bigint);\n"
                                                          "-- migrate:down\nDROP TABLE orders;\n");
  project.database.run("CREATE SCHEMA app; CREATE TABLE app.schema_migrations (version varchar(128) PRIMARY KEY);"
                       "INSERT INTO app.schema_migrations VALUES ('20240101120000'), ('20240103120000')");
  MiglintRun import = project.import("--from dbmate --source-table app.schema_migrations");
  INFO(import.err);
  CHECK(import.exit_code == 0);
  CHECK(project.imported() == std::vector<Row>{{"20240101120000", "baselined"}, {"20240103120000", "baselined"}});
  // The whole file is the migration: no separate down checksum.
  CHECK(project.database.run("SELECT count(*) FROM miglint.schema_migrations WHERE down_checksum IS NULL")[0][0] ==
        "2");
  MiglintRun status = project.database.miglint("status '" + project.files.path().string() + "'");
  CHECK(status.out.find("out-of-order  20240102120000") != std::string::npos);
}

TEST_CASE("import from goose: the latest row of each version decides, and version 0 is goose's own") {
  Switch project;
  for (const char* name : {"00001_create_users.sql", "00002_add_email.sql", "00003_create_orders.sql"})
    project.files.write(name, "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n");
  project.database.run("CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL,"
                       " is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());"
                       "INSERT INTO goose_db_version (version_id, is_applied) VALUES"
                       " (0, true), (1, true), (2, true), (3, true), (3, false)");
  MiglintRun import = project.import("--from goose");
  INFO(import.err);
  CHECK(import.exit_code == 0);
  CHECK(project.imported() == std::vector<Row>{{"00001", "baselined"}, {"00002", "baselined"}});
}

TEST_CASE("import from Flyway: successful versioned and repeatable rows, undone ones left out, 1.1 as 1_1") {
  Switch project;
  project.files.write("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  project.files.write("V1_1__add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  project.files.write("V2__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
  project.files.write("V3__add_total.sql", "ALTER TABLE orders ADD COLUMN total numeric;\n");
  project.files.write("R__user_view.sql", "CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users;\n");
  project.database.run(
      "CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY, version varchar(50),"
      " description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer,"
      " installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),"
      " execution_time integer NOT NULL, success boolean NOT NULL);"
      "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
      " installed_by, execution_time, success) VALUES"
      " (1, '1', 'create users', 'SQL', 'V1__create_users.sql', 1996767037, 'app', 12, true),"
      " (2, '1.1', 'add email', 'SQL', 'V1_1__add_email.sql', 1279644856, 'app', 8, true),"
      " (3, '2', 'create orders', 'SQL', 'V2__create_orders.sql', 10, 'app', 9, true),"
      " (4, '2', 'create orders', 'UNDO_SQL', 'U2__create_orders.sql', 11, 'app', 3, true),"
      " (5, '3', 'add total', 'SQL', 'V3__add_total.sql', 12, 'app', 30, false),"
      " (6, NULL, 'user view', 'SQL', 'R__user_view.sql', 13, 'app', 4, true)");
  MiglintRun import = project.import("--from flyway");
  INFO(import.err);
  CHECK(import.exit_code == 0);
  CHECK(project.imported() ==
        std::vector<Row>{{"1", "baselined"}, {"1.1", "baselined"}, {"R__user_view", "baselined"}});
}

TEST_CASE("import from Flyway: a baseline row stands for every version up to it") {
  Switch project;
  project.files.write("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  project.files.write("V2__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
  project.files.write("V3__add_total.sql", "ALTER TABLE orders ADD COLUMN total numeric;\n");
  project.database.run(
      "CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY, version varchar(50),"
      " description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer,"
      " installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),"
      " execution_time integer NOT NULL, success boolean NOT NULL);"
      "INSERT INTO flyway_schema_history VALUES"
      " (1, '2', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'app', now(), 0, true)");
  MiglintRun import = project.import("--from flyway");
  INFO(import.err);
  CHECK(import.exit_code == 0);
  CHECK(project.imported() == std::vector<Row>{{"1", "baselined"}, {"2", "baselined"}});
}

TEST_CASE("import from Prisma: finished migrations that were not rolled back, matched by folder name") {
  Switch project;
  project.files.write("20240101000000_init/migration.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  project.files.write("20240102000000_add_email/migration.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  project.files.write("20240103000000_orders/migration.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
  project.database.run(
      "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL,"
      " finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz,"
      " started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0);"
      "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, rolled_back_at, applied_steps_count)"
      " VALUES ('a', 'c1', now(), '20240101000000_init', NULL, 1),"
      " ('b', 'c2', NULL, '20240102000000_add_email', now(), 0),"
      " ('c', 'c2', now(), '20240102000000_add_email', NULL, 1),"
      " ('d', 'c3', NULL, '20240103000000_orders', NULL, 0)");
  MiglintRun import = project.import("--from prisma");
  INFO(import.err);
  CHECK(import.exit_code == 0);
  CHECK(project.imported() == std::vector<Row>{{"20240101000000", "baselined"}, {"20240102000000", "baselined"}});
}

TEST_CASE("import refuses versions that no file has, unless told to skip them") {
  Switch project;
  write_golang_migrate_files(project.files);
  project.database.run("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
                       "INSERT INTO schema_migrations VALUES ('000001'), ('000002'), ('000007')");
  MiglintRun refused = project.import("--from dbmate");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("dbmate recorded versions that no migration under the paths given has: 000007") !=
        std::string::npos);
  CHECK_FALSE(project.history_created());

  MiglintRun skipped = project.import("--from dbmate --skip-missing");
  INFO(skipped.err);
  CHECK(skipped.exit_code == 0);
  CHECK(skipped.err.find("skipped dbmate versions without a file: 000007") != std::string::npos);
  CHECK(project.imported() == kFirstTwo);
}

TEST_CASE("import: an unknown runner and an absent history table are refused") {
  Switch project;
  write_golang_migrate_files(project.files);
  MiglintRun unknown = project.import("--from liquibase");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("liquibase not in {golang-migrate,dbmate,goose,flyway,prisma}") != std::string::npos);

  MiglintRun absent = project.import("--from goose");
  CHECK(absent.exit_code == 2);
  CHECK(absent.err.find("goose's history table goose_db_version does not exist in ") != std::string::npos);
  CHECK_FALSE(project.history_created());
}

}  // namespace miglint::db_test
