// apply when things go wrong outside miglint: the process killed in the
// middle of an autocommit migration, and a password the server refuses.
#include "scratch_database.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <future>
#include <thread>

extern char** environ;

namespace miglint::db_test {

namespace {

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// miglint running in the background, where the test can kill it.
class BackgroundMiglint {
 public:
  BackgroundMiglint(const std::string& database, const std::vector<std::string>& arguments) {
    std::vector<std::string> environment{"PGDATABASE=" + database};
    for (char** variable = environ; *variable != nullptr; ++variable)
      if (!std::string_view(*variable).starts_with("PGDATABASE=")) environment.emplace_back(*variable);
    std::vector<std::string> words{kMiglintBinary.string()};
    words.insert(words.end(), arguments.begin(), arguments.end());
    posix_spawn_file_actions_t silenced;
    posix_spawn_file_actions_init(&silenced);
    posix_spawn_file_actions_addopen(&silenced, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&silenced, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    int error = posix_spawn(&pid_, words[0].c_str(), &silenced, nullptr, pointers(words).data(),
                            pointers(environment).data());
    posix_spawn_file_actions_destroy(&silenced);
    if (error != 0) throw std::runtime_error("cannot start " + words[0] + ": " + std::strerror(error));
  }
  ~BackgroundMiglint() {
    if (pid_ > 0) kill_hard();
  }
  BackgroundMiglint(const BackgroundMiglint&) = delete;
  BackgroundMiglint& operator=(const BackgroundMiglint&) = delete;

  // SIGKILL, as an OOM killer or a cancelled CI job would: no cleanup runs.
  // True when the signal is what ended it.
  bool kill_hard() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }

 private:
  static std::vector<char*> pointers(std::vector<std::string>& words) {
    std::vector<char*> result;
    for (std::string& word : words) result.push_back(word.data());
    result.push_back(nullptr);
    return result;
  }

  pid_t pid_ = 0;
};

// Polls `sql` until it returns a row, and returns its first value.
std::string first_value_once_there(ScratchDatabase& db, const std::string& sql) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::vector<Row> rows = db.run(sql);
    if (!rows.empty()) return rows[0][0];
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL("no row within 20 s from: " << sql);
  return "";
}

}  // namespace

TEST_CASE("apply: killed with SIGKILL inside an autocommit migration, it is partial; the next apply finishes it, "
          "each statement run once") {
  ScratchDatabase db;
  MigrationDir dir;
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
  REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);

  // The second statement waits for this lock, so the kill lands at a known
  // point: after the first statement, recorded, and inside the second.
  Connection holder(db.name());
  holder.run("BEGIN; LOCK TABLE tags IN SHARE UPDATE EXCLUSIVE MODE");
  BackgroundMiglint killed(db.name(), {"apply", dir.path().string()});
  std::string orphan_pid = first_value_once_there(
      db, "SELECT pid::text FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
          "AND query LIKE 'CREATE INDEX CONCURRENTLY tags_name_idx%'");
  REQUIRE(killed.kill_hard());
  CHECK(db.run("SELECT state, transaction_mode, statements_applied::text FROM miglint.schema_migrations "
               "WHERE version = '002'") == std::vector<Row>{{"partial", "autocommit", "1"}});
  MiglintRun status = db.miglint("status " + quoted(dir.path()));
  INFO(status.out, status.err);
  CHECK(status.exit_code == 1);
  CHECK(status.out.find("partial") != std::string::npos);

  // The killed client's backend lives on: it waits for the lock, then
  // builds the index, and holds the history lock until it notices that its
  // client is gone. The resumed apply must wait for it and not build the
  // index a second time.
  std::future<MiglintRun> resumed =
      std::async(std::launch::async, [&] { return db.miglint("apply " + quoted(dir.path())); });
  // Released only once the resumed apply has asked who holds the lock and
  // been told: the orphan exits soon after the lock is gone.
  first_value_once_there(db, "SELECT pid::text FROM pg_stat_activity WHERE datname = current_database() "
                             "AND query LIKE '%FROM pg_locks%' AND state = 'idle' AND pid NOT IN (pg_backend_pid(), " +
                                 orphan_pid + ")");
  holder.run("COMMIT");
  MiglintRun run = resumed.get();
  INFO(run.out, run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("waiting for the history lock: pid " + orphan_pid) != std::string::npos);
  CHECK(run.err.find("tags_name_idx is already built and valid") != std::string::npos);
  CHECK(db.run("SELECT indexrelid::regclass::text, indisvalid::text FROM pg_index "
               "WHERE indrelid IN ('items'::regclass, 'tags'::regclass) ORDER BY 1") ==
        std::vector<Row>{{"items_a_idx", "true"}, {"items_b_idx", "true"}, {"tags_name_idx", "true"}});
  CHECK(db.run("SELECT state, transaction_mode, statements_applied::text FROM miglint.schema_migrations "
               "WHERE version = '002'") == std::vector<Row>{{"applied", "autocommit", "3"}});
}

TEST_CASE("apply: killed inside a concurrent build whose backend is then terminated, it drops the INVALID index "
          "left behind and builds it again") {
  ScratchDatabase db;
  MigrationDir dir;
  dir.write("001_create_tags.sql", "-- UP\nCREATE TABLE tags (name text);\n"
                                   "INSERT INTO tags SELECT 'tag ' || g FROM generate_series(1, 1000) g;\n"
                                   "-- DOWN\nDROP TABLE tags;\n");
  dir.write("002_index_tags.sql", "-- UP\nCREATE INDEX CONCURRENTLY tags_name_idx ON tags (name);\n"
                                  "CREATE INDEX CONCURRENTLY tags_upper_name_idx ON tags (upper(name));\n"
                                  "-- DOWN\nDROP INDEX CONCURRENTLY tags_upper_name_idx;\n"
                                  "DROP INDEX CONCURRENTLY tags_name_idx;\n");
  REQUIRE(db.miglint("apply --to 001 " + quoted(dir.path())).exit_code == 0);

  // A build waits, before it marks its index valid, for every snapshot
  // older than its own: this one holds it there, with the index INVALID.
  Connection old_snapshot(db.name());
  old_snapshot.run("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM tags");
  BackgroundMiglint killed(db.name(), {"apply", dir.path().string()});
  std::string orphan_pid = first_value_once_there(
      db, "SELECT a.pid::text FROM pg_stat_activity a, pg_index i WHERE a.wait_event = 'virtualxid' "
          "AND a.query LIKE 'CREATE INDEX CONCURRENTLY tags_name_idx%' "
          "AND i.indexrelid = to_regclass('tags_name_idx') AND NOT i.indisvalid");
  REQUIRE(killed.kill_hard());
  db.run("SELECT pg_terminate_backend(" + orphan_pid + ", 10000)");
  old_snapshot.run("COMMIT");
  CHECK(db.run("SELECT indisvalid::text FROM pg_index WHERE indexrelid = to_regclass('tags_name_idx')") ==
        std::vector<Row>{{"false"}});
  CHECK(db.run("SELECT state, statements_applied::text FROM miglint.schema_migrations WHERE version = '002'") ==
        std::vector<Row>{{"partial", "0"}});

  MiglintRun run = db.miglint("apply " + quoted(dir.path()));
  INFO(run.out, run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("dropping INVALID index tags_name_idx") != std::string::npos);
  CHECK(db.run("SELECT indexrelid::regclass::text, indisvalid::text FROM pg_index "
               "WHERE indrelid = 'tags'::regclass ORDER BY 1") ==
        std::vector<Row>{{"tags_name_idx", "true"}, {"tags_upper_name_idx", "true"}});
  CHECK(db.run("SELECT state, statements_applied::text FROM miglint.schema_migrations WHERE version = '002'") ==
        std::vector<Row>{{"applied", "2"}});
}

TEST_CASE("apply: a wrong password over TCP is a clear error, exit 2, and the password appears nowhere") {
  const char* port = std::getenv("MIGLINT_TEST_TCP_PORT");
  REQUIRE_MESSAGE(port != nullptr, "tests/db/with-postgres exports MIGLINT_TEST_TCP_PORT");
  ScratchDatabase db;
  MigrationDir dir;
  dir.write("1_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  std::string role = "deployer_" + db.name();
  db.run("CREATE ROLE " + role + " LOGIN PASSWORD 'rightpw'");
  db.run("GRANT CREATE ON DATABASE " + db.name() + " TO " + role + "; GRANT CREATE ON SCHEMA public TO " + role);
  std::string address = "127.0.0.1:" + std::string(port) + "/" + db.name();

  auto check_refused = [&](const MiglintRun& run, const std::string& shown_target) {
    INFO(run.out, run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot connect to " + shown_target) != std::string::npos);
    CHECK(run.err.find("password authentication failed for user \"" + role + "\"") != std::string::npos);
    CHECK((run.out + run.err).find("wrongpw") == std::string::npos);
  };
  std::string url = "postgresql://" + role + ":wrongpw@" + address;
  std::string masked_url = "postgresql://" + role + ":***@" + address;
  check_refused(db.miglint("apply --db '" + url + "' " + quoted(dir.path())), masked_url);
  check_refused(db.miglint("apply --db 'host=127.0.0.1 port=" + std::string(port) + " dbname=" + db.name() +
                           " user=" + role + " password=wrongpw' " + quoted(dir.path())),
                "host=127.0.0.1 port=" + std::string(port) + " dbname=" + db.name() + " user=" + role +
                    " password=***");
  ::setenv("DATABASE_URL", url.c_str(), 1);
  MiglintRun from_environment = db.miglint("apply " + quoted(dir.path()));
  ::unsetenv("DATABASE_URL");
  check_refused(from_environment, masked_url);
  CHECK(db.run("SELECT to_regclass('users') IS NULL") == std::vector<Row>{{"t"}});

  // The right password gets through the same door: the refusals above were
  // the password's, not an address nobody listens on.
  MiglintRun right =
      db.miglint("apply --db 'postgresql://" + role + ":rightpw@" + address + "' " + quoted(dir.path()));
  INFO(right.out, right.err);
  CHECK(right.exit_code == 0);
  CHECK(db.run("SELECT tableowner FROM pg_tables WHERE tablename = 'users'") == std::vector<Row>{{role}});
}

}  // namespace miglint::db_test
