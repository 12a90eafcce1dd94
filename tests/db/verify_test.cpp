// miglint verify, run as a user runs it: on the test server with --db, and
// on a scratch cluster of its own, which must leave nothing behind.
#include "scratch_database.hpp"
#include "scratch_leftovers.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace miglint::db_test {

namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

std::string verify_on(const ScratchDatabase& db, const MigrationDir& dir) {
  return "verify --db 'dbname=" + db.name() + "' " + quoted(dir.path());
}

bool has_line(const std::string& output, const std::string& line) {
  return ("\n" + output).find("\n" + line + "\n") != std::string::npos;
}

void write_users(const MigrationDir& dir) {
  dir.write("1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
  dir.write("1_users.down.sql", "DROP TABLE users;\n");
}

// An UP whose DOWN forgets it: each UP can run twice, so the chain goes on.
void write_forgotten(const MigrationDir& dir, const std::string& name, const std::string& up) {
  dir.write(name + ".up.sql", up);
  dir.write(name + ".down.sql", "SELECT 1;\n");
}

// miglint verify with no --db, its scratch cluster made under `tmpdir`;
// standard output and error go to `output`.
pid_t start_verify_on_own_cluster(const TemporaryDirectory& tmpdir, const MigrationDir& dir, const fs::path& output) {
  // Opened here: the child must not touch the parent's buffered stdio.
  int output_fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("TMPDIR", tmpdir.path().c_str(), 1);
    if (::dup2(output_fd, STDOUT_FILENO) < 0 || ::dup2(output_fd, STDERR_FILENO) < 0) ::_exit(127);
    ::execl(kMiglintBinary.c_str(), "miglint", "verify", dir.path().c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(output_fd);
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The processes of the cluster a verify run started under `tmpdir`, once it is up.
std::vector<int> wait_for_scratch_server(const TemporaryDirectory& tmpdir) {
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(std::chrono::milliseconds(50)))
    for (const fs::path& entry : tmpdir.entries())
      if (fs::exists(entry / "data" / "postmaster.pid")) return server_processes_under(tmpdir.path());
  return {};
}

}  // namespace

TEST_CASE("verify: a chain whose every DOWN undoes its UP passes, including one run in autocommit") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users(dir);
  dir.write("2_mood.up.sql", "CREATE TYPE mood AS ENUM ('happy', 'sad');\nALTER TABLE users ADD COLUMN mood mood;\n");
  dir.write("2_mood.down.sql", "ALTER TABLE users DROP COLUMN mood;\nDROP TYPE mood;\n");
  dir.write("3_index.up.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
  dir.write("3_index.down.sql", "DROP INDEX CONCURRENTLY users_email_idx;\n");
  MiglintRun run = db.miglint(verify_on(db, dir));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 0);
  CHECK(has_line(run.out, "1_users: reversible"));
  CHECK(has_line(run.out, "3_index: reversible"));
  CHECK(has_line(run.out, "3 migrations: 3 reversible, 0 failed, 0 not verified"));
  CHECK(db.run("SELECT to_regclass('users_email_idx') IS NOT NULL") == std::vector<Row>{{"t"}});
}

TEST_CASE("verify: a DOWN that forgets a column, index, constraint, enum value, function or trigger is named exactly") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users(dir);
  write_forgotten(dir, "2_phone", "ALTER TABLE users ADD COLUMN IF NOT EXISTS phone varchar(20);\n");
  write_forgotten(dir, "3_index", "CREATE INDEX IF NOT EXISTS idx_users_email ON users (email);\n");
  write_forgotten(dir, "4_check",
                  "ALTER TABLE users DROP CONSTRAINT IF EXISTS email_not_empty;\n"
                  "ALTER TABLE users ADD CONSTRAINT email_not_empty CHECK (email <> '');\n");
  dir.write("5_mood.up.sql", "CREATE TYPE mood AS ENUM ('ok');\n");
  dir.write("5_mood.down.sql", "DROP TYPE mood;\n");
  write_forgotten(dir, "6_meh", "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh';\n");
  write_forgotten(dir, "7_function",
                  "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n");
  write_forgotten(dir, "8_trigger",
                  "CREATE OR REPLACE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n");
  write_forgotten(dir, "9_drop_index", "DROP INDEX IF EXISTS idx_users_email;\n");
  write_forgotten(dir, "10_email_type", "ALTER TABLE users ALTER COLUMN email TYPE varchar(255);\n");
  MiglintRun run = db.miglint(verify_on(db, dir));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 1);
  CHECK(has_line(run.out, "1_users: reversible"));
  CHECK(has_line(run.out, "2_phone: DOWN leaves column users.phone (character varying(20))"));
  CHECK(has_line(run.out, "3_index: DOWN leaves index idx_users_email (CREATE INDEX idx_users_email ON public.users "
                          "USING btree (email))"));
  CHECK(has_line(run.out, "4_check: DOWN leaves constraint users.email_not_empty (CHECK ((email <> ''::text)))"));
  CHECK(has_line(run.out, "5_mood: reversible"));
  CHECK(has_line(run.out, "6_meh: DOWN leaves enum value mood.'meh'"));
  CHECK(has_line(run.out, "7_function: DOWN leaves function touch() (returns trigger)"));
  CHECK(has_line(run.out, "8_trigger: DOWN leaves trigger users.users_touch (CREATE TRIGGER users_touch BEFORE UPDATE "
                          "ON public.users FOR EACH ROW EXECUTE FUNCTION touch())"));
  CHECK(has_line(run.out, "9_drop_index: DOWN does not restore index idx_users_email"));
  CHECK(has_line(run.out, "10_email_type: DOWN changes column users.email: type text -> character varying(255)"));
  CHECK(has_line(run.out, "10 migrations: 2 reversible, 8 failed, 0 not verified"));

  // Emptied again: verify refuses a database that holds objects.
  db.run("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  MiglintRun json = db.miglint("verify --format json --db 'dbname=" + db.name() + "' " + quoted(dir.path()));
  CHECK(json.exit_code == 1);
  CHECK(json.out.find("\"kind\": \"down-leaves\",\n          \"message\": \"DOWN leaves column users.phone "
                      "(character varying(20))\",\n          \"object\": \"users.phone\",\n          \"object_kind\": "
                      "\"column\"") != std::string::npos);
}

TEST_CASE("verify: a DOWN that fails is reported with its line; a rolled-back DOWN lets the chain go on") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users(dir);
  dir.write("2_age.up.sql", "ALTER TABLE users ADD COLUMN age int;\n");
  dir.write("2_age.down.sql", "-- the column's name, misspelt\nALTER TABLE users DROP COLUMN agee;\n");
  dir.write("3_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
  dir.write("4_nickname.up.sql", "ALTER TABLE users ADD COLUMN nickname text;\n");
  dir.write("4_nickname.down.sql", "ALTER TABLE users DROP COLUMN nickname;\n");
  MiglintRun run = db.miglint(verify_on(db, dir));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 1);
  CHECK(has_line(run.out, "2_age: DOWN fails: " + (dir.path() / "2_age.down.sql").string() +
                              ":2:1: column \"agee\" of relation \"users\" does not exist [SQLSTATE 42703]"));
  CHECK(has_line(run.out, "3_bio: no DOWN migration: cannot be rolled back"));
  CHECK(has_line(run.out, "4_nickname: reversible"));
}

TEST_CASE("verify: an UP that fails stops the chain; the migrations after it are not verified") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users(dir);
  dir.write("2_broken.up.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  dir.write("2_broken.down.sql", "SELECT 1;\n");
  dir.write("3_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
  dir.write("3_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\n");
  MiglintRun run = db.miglint(verify_on(db, dir));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 1);
  CHECK(has_line(run.out, "2_broken: UP fails: " + (dir.path() / "2_broken.up.sql").string() +
                              ":1:1: column \"email\" of relation \"users\" already exists [SQLSTATE 42701]"));
  CHECK(has_line(run.out, "3_bio: not verified"));
}

TEST_CASE("verify refuses a --db that holds objects, unless told it is scratch") {
  ScratchDatabase db;
  MigrationDir dir;
  write_users(dir);
  db.run("CREATE TABLE orders (id bigint)");
  MiglintRun refused = db.miglint(verify_on(db, dir));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("is not empty (table orders)") != std::string::npos);
  CHECK(refused.err.find("--i-know-this-is-scratch") != std::string::npos);
  CHECK(db.run("SELECT to_regclass('users') IS NULL") == std::vector<Row>{{"t"}});

  MiglintRun accepted = db.miglint(verify_on(db, dir) + " --i-know-this-is-scratch");
  INFO(accepted.out, accepted.err);
  CHECK(accepted.exit_code == 0);
}

// One run, failing: the scratch cluster's removal after a success is the
// same destructor, which scratch_cluster_test.cpp checks without the binary.
TEST_CASE("verify with no --db starts a scratch cluster of its own and removes it when the run fails") {
  TemporaryDirectory tmpdir;
  TemporaryDirectory outputs;
  MigrationDir dir;
  write_users(dir);
  write_forgotten(dir, "2_phone", "ALTER TABLE users ADD COLUMN IF NOT EXISTS phone varchar(20);\n");
  pid_t verify = start_verify_on_own_cluster(tmpdir, dir, outputs.path() / "output");
  CHECK(wait_for(verify) == 1);
  std::string output = read_all(outputs.path() / "output");
  INFO(output);
  CHECK(output.find("miglint: verifying 2 migrations on a scratch PostgreSQL 15 (started in ") != std::string::npos);
  CHECK(has_line(output, "1_users: reversible"));
  CHECK(has_line(output, "2_phone: DOWN leaves column users.phone (character varying(20))"));
  CHECK(tmpdir.entries().empty());
}

TEST_CASE("verify interrupted by SIGINT stops its scratch cluster, removes its directory and dies of SIGINT") {
  TemporaryDirectory tmpdir;
  TemporaryDirectory outputs;
  MigrationDir dir;
  dir.write("1_slow.up.sql", "SELECT pg_sleep(60);\n");
  dir.write("1_slow.down.sql", "SELECT 1;\n");
  pid_t verify = start_verify_on_own_cluster(tmpdir, dir, outputs.path() / "output");
  std::vector<int> server = wait_for_scratch_server(tmpdir);
  REQUIRE(!server.empty());
  // Long enough for the UP's pg_sleep to be running.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ::kill(verify, SIGINT);
  CHECK(wait_for(verify) == 128 + SIGINT);
  INFO(read_all(outputs.path() / "output"));
  CHECK(tmpdir.entries().empty());
  CHECK(still_running(server).empty());
}

}  // namespace miglint::db_test
