// miglint apply and rollback against a real server, run as a user runs them.
#include "scratch_database.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <thread>

namespace miglint::db_test {

namespace {

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// Two golang-migrate migrations: a table in a transaction, then an index
// built concurrently, which must run in autocommit.
void write_users_and_index(const MigrationDir& dir) {
  dir.write("1_create_users.up.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
            "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com');\n");
  dir.write("1_create_users.down.sql", "DROP TABLE users;\n");
  dir.write("2_index_users_email.up.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
  dir.write("2_index_users_email.down.sql", "DROP INDEX CONCURRENTLY users_email_idx;\n");
}

std::vector<Row> history(ScratchDatabase& db) {
  return db.run(
      "SELECT version, state, transaction_mode, statements_applied::text FROM miglint.schema_migrations ORDER BY version");
}

}  // namespace

TEST_CASE("apply: a fresh database gets every migration in its mode and recorded; a second apply does nothing") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users_and_index(dir);
  MiglintRun first = db.miglint("apply " + quoted(dir.path()));
  INFO(first.out, first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("2 applied, 0 failed, 0 already applied") != std::string::npos);
  CHECK(history(db) == std::vector<Row>{{"1", "applied", "transaction", "2"}, {"2", "applied", "autocommit", "1"}});
  CHECK(db.run("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'users_email_idx'::regclass") ==
        std::vector<Row>{{"true"}});
  std::vector<Row> recorded = db.run("SELECT checksum, applied_by, miglint_version FROM miglint.schema_migrations");
  CHECK(recorded[0][0].starts_with("sha256:"));
  CHECK(!recorded[0][1].empty());

  MiglintRun second = db.miglint("apply " + quoted(dir.path()));
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("0 applied, 0 failed, 2 already applied") != std::string::npos);
  CHECK(db.run("SELECT count(*)::text FROM users") == std::vector<Row>{{"2"}});
}

TEST_CASE("apply --to stops at the version given, and does not count the later ones as applied") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users_and_index(dir);
  MiglintRun first = db.miglint("apply --to 1 " + quoted(dir.path()));
  INFO(first.out, first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("1 applied, 0 failed, 0 already applied") != std::string::npos);
  CHECK(history(db) == std::vector<Row>{{"1", "applied", "transaction", "2"}});

  MiglintRun rest = db.miglint("apply " + quoted(dir.path()));
  INFO(rest.out, rest.err);
  CHECK(rest.out.find("1 applied, 0 failed, 1 already applied") != std::string::npos);
}

TEST_CASE("apply --dry-run shows modes, locks and timeouts, and writes nothing, not even the history table") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users_and_index(dir);
  MiglintRun run = db.miglint("apply --dry-run " + quoted(dir.path()));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("1 create_users: in one transaction; lock_timeout 5 s") != std::string::npos);
  CHECK(run.out.find("2 index_users_email: in autocommit") != std::string::npos);
  CHECK(run.out.find("takes SHARE UPDATE EXCLUSIVE on users") != std::string::npos);
  CHECK(db.run("SELECT to_regclass('miglint.schema_migrations') IS NULL AND to_regclass('users') IS NULL") ==
        std::vector<Row>{{"t"}});
  MiglintRun json = db.miglint("apply --dry-run --format json --to 1 " + quoted(dir.path()));
  CHECK(json.out.find("\"transaction_mode\": \"transaction\"") != std::string::npos);
  CHECK(json.out.find("index_users_email") == std::string::npos);
}

TEST_CASE("apply refuses an applied migration edited since, and accepts one whose line endings alone changed") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users_and_index(dir);
  REQUIRE(db.miglint("apply " + quoted(dir.path())).exit_code == 0);
  dir.write("1_create_users.up.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\r\n"
            "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com');\r\n");
  dir.write("3_create_teams.up.sql", "CREATE TABLE teams (id bigint PRIMARY KEY);\n");
  CHECK(db.miglint("apply " + quoted(dir.path())).exit_code == 0);
  dir.write("1_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  dir.write("4_create_rooms.up.sql", "CREATE TABLE rooms (id bigint PRIMARY KEY);\n");
  MiglintRun edited = db.miglint("apply " + quoted(dir.path()));
  CHECK(edited.exit_code == 1);
  CHECK(edited.err.find("1 was applied, but its file changed since") != std::string::npos);
  CHECK(db.run("SELECT to_regclass('rooms') IS NULL") == std::vector<Row>{{"t"}});
}

TEST_CASE("apply: a pending migration that sorts before an applied one needs --allow-out-of-order") {
  ScratchDatabase db;
  MigrationDir dir;
  dir.write("2_create_teams.up.sql", "CREATE TABLE teams (id bigint PRIMARY KEY);\n");
  REQUIRE(db.miglint("apply " + quoted(dir.path())).exit_code == 0);
  dir.write("1_create_rooms.up.sql", "CREATE TABLE rooms (id bigint PRIMARY KEY);\n");
  MiglintRun refused = db.miglint("apply " + quoted(dir.path()));
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("--allow-out-of-order") != std::string::npos);
  CHECK(db.miglint("apply --allow-out-of-order " + quoted(dir.path())).exit_code == 0);
  CHECK(db.run("SELECT to_regclass('rooms') IS NOT NULL") == std::vector<Row>{{"t"}});
}

TEST_CASE("apply: the lint gate stops every migration before anything is written; a waiver with a reason is recorded") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users_and_index(dir);
  dir.write("3_users_name.up.sql", "ALTER TABLE users ADD COLUMN name text NOT NULL;\n");
  MiglintRun gated = db.miglint("apply " + quoted(dir.path()));
  INFO(gated.out, gated.err);
  CHECK(gated.exit_code == 1);
  CHECK(gated.err.find("3_users_name.up.sql:1:") != std::string::npos);
  CHECK(db.run("SELECT to_regclass('users') IS NULL AND to_regclass('miglint.schema_migrations') IS NULL") ==
        std::vector<Row>{{"t"}});
  CHECK(db.miglint("apply --allow adding-required-field " + quoted(dir.path())).exit_code == 2);

  dir.write("3_users_name.up.sql", "ALTER TABLE users ADD COLUMN name text;\n");
  dir.write("3_users_name.down.sql", "ALTER TABLE users DROP COLUMN name;\n");
  dir.write("4_users_email_lower.up.sql", "CREATE INDEX users_email_lower_idx ON users (lower(email));\n");
  dir.write("4_users_email_lower.down.sql", "DROP INDEX users_email_lower_idx;\n");
  std::string rule = "require-concurrent-index";
  MiglintRun waived = db.miglint("apply --fail-on warning --allow " + rule + " --reason 'users holds two rows' " +
                                 quoted(dir.path()));
  INFO(waived.out, waived.err);
  CHECK(waived.exit_code == 0);
  CHECK(db.run("SELECT waivers::text FROM miglint.schema_migrations WHERE version = '4'") ==
        std::vector<Row>{{R"([{"rule": "require-concurrent-index", "reason": "users holds two rows"}])"}});
}

TEST_CASE("apply: a statement failing halfway through a transactional migration leaves nothing of it, unrecorded") {
  ScratchDatabase db;
  MigrationDir dir;
  dir.write("1_create_teams.up.sql",
            "CREATE TABLE teams (id bigint PRIMARY KEY);\nINSERT INTO teams VALUES (1);\nINSERT INTO teams VALUES (1);\n"
            "CREATE TABLE rooms (id bigint PRIMARY KEY);\n");
  MiglintRun run = db.miglint("apply " + quoted(dir.path()));
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("1_create_teams.up.sql:3:1: duplicate key value") != std::string::npos);
  CHECK(run.err.find("23505") != std::string::npos);
  CHECK(db.run("SELECT to_regclass('teams') IS NULL") == std::vector<Row>{{"t"}});
  CHECK(db.run("SELECT count(*)::text FROM miglint.schema_migrations") == std::vector<Row>{{"0"}});
}

TEST_CASE("apply: two runs started together apply every migration exactly once") {
  ScratchDatabase db;
  MigrationDir dir;
  dir.write("1_create_counter.up.sql", "CREATE TABLE counter (runs int NOT NULL);\nINSERT INTO counter VALUES (0);\n");
  for (int i = 2; i <= 6; ++i)
    dir.write(std::to_string(i) + "_bump.up.sql", "UPDATE counter SET runs = runs + 1;\nSELECT pg_sleep(0.1);\n");
  auto apply = [&] { return db.miglint("apply " + quoted(dir.path())); };
  std::future<MiglintRun> one = std::async(std::launch::async, apply);
  std::future<MiglintRun> two = std::async(std::launch::async, apply);
  MiglintRun first = one.get(), second = two.get();
  INFO(first.err, second.err);
  CHECK(first.exit_code == 0);
  CHECK(second.exit_code == 0);
  CHECK(db.run("SELECT runs::text FROM counter") == std::vector<Row>{{"5"}});
  CHECK(db.run("SELECT count(*)::text FROM miglint.schema_migrations") == std::vector<Row>{{"6"}});
  CHECK((first.err + second.err).find("waiting for the history lock: pid") != std::string::npos);
}

TEST_CASE("apply: a lock held for 3 s against a 1 s lock_timeout is retried, with the blocking pid, and succeeds") {
  ScratchDatabase db;
  MigrationDir dir;
  dir.write("1_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  REQUIRE(db.miglint("apply " + quoted(dir.path())).exit_code == 0);
  dir.write("2_users_note.up.sql", "ALTER TABLE users ADD COLUMN note text;\n");
  Connection holder(db.name());
  std::string holder_pid = holder.run("SELECT pg_backend_pid()::text").at(0).at(0);
  holder.run("BEGIN; LOCK TABLE users IN ACCESS SHARE MODE");
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::seconds(3));
    holder.run("COMMIT");
  });
  MiglintRun run = db.miglint("apply --lock-timeout 1 " + quoted(dir.path()));
  release.join();
  INFO(run.out, run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("lock_timeout, blocked by pid " + holder_pid) != std::string::npos);
  CHECK(run.out.find("retr") != std::string::npos);
  CHECK(db.run("SELECT count(*)::text FROM information_schema.columns WHERE column_name = 'note'") ==
        std::vector<Row>{{"1"}});
}

TEST_CASE("apply: a unique index built concurrently on duplicates leaves no INVALID index; fixed data applies") {
  ScratchDatabase db;
  MigrationDir dir;
  dir.write("1_create_users.up.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nINSERT INTO users VALUES (1, 'a'), (2, 'a');\n");
  dir.write("2_unique_email.up.sql", "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n");
  MiglintRun failed = db.miglint("apply " + quoted(dir.path()));
  INFO(failed.out, failed.err);
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("dropping INVALID index users_email_key") != std::string::npos);
  CHECK(db.run("SELECT to_regclass('users_email_key') IS NULL") == std::vector<Row>{{"t"}});
  CHECK(db.run("SELECT state, statements_applied::text FROM miglint.schema_migrations WHERE version = '2'") ==
        std::vector<Row>{{"failed", "0"}});
  db.run("UPDATE users SET email = 'b' WHERE id = 2");
  MiglintRun fixed = db.miglint("apply " + quoted(dir.path()));
  INFO(fixed.err);
  CHECK(fixed.exit_code == 0);
  CHECK(db.run("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'users_email_key'::regclass") ==
        std::vector<Row>{{"true"}});
  CHECK(db.run("SELECT state FROM miglint.schema_migrations WHERE version = '2'") == std::vector<Row>{{"applied"}});
}

TEST_CASE("rollback runs the down parts newest first and deletes their rows; it refuses a migration without one") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users_and_index(dir);
  dir.write("3_create_teams.up.sql", "CREATE TABLE teams (id bigint PRIMARY KEY);\n");
  REQUIRE(db.miglint("apply " + quoted(dir.path())).exit_code == 0);
  MiglintRun no_down = db.miglint("rollback " + quoted(dir.path()));
  CHECK(no_down.exit_code == 1);
  INFO(no_down.err);
  CHECK(no_down.err.find("3 has no down part") != std::string::npos);
  dir.write("3_create_teams.down.sql", "DROP TABLE teams;\n");
  MiglintRun run = db.miglint("rollback --to 1 " + quoted(dir.path()));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("rolled back 3") < run.out.find("rolled back 2"));
  CHECK(db.run("SELECT version FROM miglint.schema_migrations") == std::vector<Row>{{"1"}});
  CHECK(db.run("SELECT to_regclass('teams') IS NULL AND to_regclass('users_email_idx') IS NULL") ==
        std::vector<Row>{{"t"}});
}

TEST_CASE("apply: an unreachable host and a read-only database are clear errors, exit 2, with no password shown") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users_and_index(dir);
  MiglintRun unreachable = db.miglint("apply --db 'postgres://miglint:s3cret@127.0.0.1:1/x?connect_timeout=2' " +
                                      quoted(dir.path()));
  CHECK(unreachable.exit_code == 2);
  CHECK(unreachable.err.find("cannot connect to postgres://miglint:***@127.0.0.1:1/x") != std::string::npos);
  CHECK(unreachable.err.find("s3cret") == std::string::npos);

  db.run("ALTER DATABASE " + db.name() + " SET default_transaction_read_only = on");
  MiglintRun read_only = db.miglint("apply " + quoted(dir.path()));
  CHECK(read_only.exit_code == 2);
  CHECK(read_only.err.find("is read-only") != std::string::npos);
}

}  // namespace miglint::db_test
