// What miglint apply sends: each statement's own text, and whether it may
// run inside the migration's transaction.

#include "engine/runnable.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

namespace miglint::test {

namespace {

RunnableMigration runnable_text(const std::string& sql, Layout layout = Layout::Miglint, int pg_version = 15) {
  return runnable_migration(plan_for_file(layout, InputFile{"m.sql", "m.sql", sql}), pg_version);
}

}  // namespace

TEST_CASE("each statement is sent on its own, as written, without its semicolon or the comments around it") {
  RunnableMigration migration = runnable_text(
      "-- UP\n-- why we do this\nCREATE TABLE t (id int);  -- trailing\n\nINSERT INTO t VALUES (1);\n"
      "DO $$ BEGIN PERFORM 1; END $$;\n-- DOWN\nDROP TABLE t;\n");
  REQUIRE(migration.up.statements.size() == 3);
  CHECK(migration.up.statements[0].sql == "CREATE TABLE t (id int)");
  CHECK(migration.up.statements[0].start == Position{3, 1});
  CHECK(migration.up.statements[1].sql == "INSERT INTO t VALUES (1)");
  CHECK(migration.up.statements[2].sql == "DO $$ BEGIN PERFORM 1; END $$");
  REQUIRE(migration.down.statements.size() == 1);
  CHECK(migration.down.statements[0].sql == "DROP TABLE t");
  CHECK(migration.down.statements[0].start == Position{8, 1});
  CHECK(migration.up.transactional());
}

TEST_CASE("a part of only CONCURRENTLY-like statements and settings runs in autocommit, and a mix is refused") {
  RunnableMigration concurrent = runnable_text(
      "-- UP\nSET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY users_email ON app.users (email);\n"
      "-- DOWN\nDROP INDEX CONCURRENTLY app.users_email;\n");
  CHECK(!concurrent.up.transactional());
  CHECK(!concurrent.up.mixes_transaction_modes());
  REQUIRE(concurrent.up.statements.size() == 2);
  CHECK(concurrent.up.statements[0].setting);
  const RunnableStatement& build = concurrent.up.statements[1];
  CHECK(build.outside_transaction);
  REQUIRE(build.concurrent_index);
  CHECK(build.concurrent_index->display() == "app.users_email");
  REQUIRE(build.locks.size() == 1);
  CHECK(build.locks[0].mode == LockMode::ShareUpdateExclusive);
  CHECK(!concurrent.down.transactional());

  RunnableMigration mixed =
      runnable_text("-- UP\nALTER TABLE users ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY i ON users (note);\n");
  CHECK(mixed.up.mixes_transaction_modes());
  CHECK(mixed.up.transactional());
}

TEST_CASE("ALTER TYPE ... ADD VALUE needs autocommit before PostgreSQL 12 only") {
  CHECK(!runnable_text("-- UP\nALTER TYPE mood ADD VALUE 'meh';\n", Layout::Miglint, 11).up.transactional());
  CHECK(runnable_text("-- UP\nALTER TYPE mood ADD VALUE 'meh';\n", Layout::Miglint, 12).up.transactional());
}

TEST_CASE("BEGIN and COMMIT written in the file are marked, so that the runner's own transaction stays whole") {
  RunnableMigration migration = runnable_text("BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n", Layout::Plain);
  REQUIRE(migration.up.statements.size() == 3);
  CHECK(migration.up.statements[0].transaction_control);
  CHECK(!migration.up.statements[1].transaction_control);
  CHECK(migration.up.statements[2].transaction_control);
  CHECK(!migration.down.present);
}

TEST_CASE("what does not parse cannot run, and is named with its position") {
  RunnableMigration migration = runnable_text("-- UP\nCREATE TABLE t (id int);\nCREATE TABEL u (id int);\n");
  CHECK(migration.up.statements.size() == 1);
  REQUIRE(migration.up.unrunnable.size() == 1);
  CHECK(migration.up.unrunnable[0].start.line == 3);
  CHECK(migration.up.unrunnable[0].message.find("syntax error") != std::string::npos);
}

TEST_CASE("goose: the markers decide the parts, and StatementBegin blocks stay one statement") {
  RunnableMigration migration = runnable_text(
      "-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n"
      "-- +goose StatementEnd\n-- +goose Down\nDROP FUNCTION f();\n",
      Layout::Goose);
  REQUIRE(migration.up.statements.size() == 1);
  CHECK(migration.up.statements[0].sql == "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$");
  REQUIRE(migration.down.statements.size() == 1);
}

}  // namespace miglint::test
