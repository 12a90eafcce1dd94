#pragma once

#include "apply/advisory_lock.hpp"
#include "apply/executor.hpp"
#include "apply/status.hpp"
#include "cli/database_options.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace miglint::cli {

// How `apply` and `rollback` wait, time out and retry. Durations in seconds.
struct RunOptions {
  double lock_wait = 60;
  double lock_timeout = 5;
  double statement_timeout = 0;
  double concurrent_lock_timeout = 0;
  int retries = 5;
  std::string format = "tty";
  bool no_progress = false;
};

void add_run_options(CLI::App& command, RunOptions& options);
apply::Timeouts timeouts_of(const RunOptions& options);
apply::RetryPolicy retry_policy_of(const RunOptions& options);
// "lock_timeout 5 s, statement_timeout none", for the dry run.
std::string describe_timeouts(const apply::Timeouts& timeouts, bool concurrent);

// The migrations on disk, every config group's in the order they run, and
// the history they are compared with, read on one connection.
class MigrationsAndHistory {
 public:
  explicit MigrationsAndHistory(const DatabaseOptions& options);

  // The server must accept writes, and no other miglint may write this
  // history meanwhile: takes the advisory lock, waiting up to --lock-wait.
  void prepare_to_write(const RunOptions& options);
  // Reads the history (after the lock: another run may have changed it).
  void read_history();

  const std::vector<ConfiguredMigrations>& groups() const { return groups_; }
  const std::vector<apply::MigrationStatus>& statuses() const { return statuses_; }
  apply::Connection& connection() { return connection_; }
  const std::string& conninfo() const { return conninfo_; }
  const apply::History& history() const { return history_; }

 private:
  std::vector<ConfiguredMigrations> groups_;
  std::vector<MigrationPlan> plans_;  // the statuses point into it
  apply::History history_;  // before connecting: a bad name is a usage error
  std::string conninfo_;
  apply::Connection connection_;
  std::unique_ptr<apply::AdvisoryLock> lock_;
  std::vector<apply::MigrationStatus> statuses_;
};

// The exit code after a migration failed: 1, or 128 + the signal's number
// when a signal asked to stop, as a shell reports a process it ended.
int exit_code_after_failure();
// Says that `version` and what follows were not started since `signal`
// asked to stop, and returns the exit code.
int stopped_before(const std::string& version, int signal);

// The server cannot take writes: exit 2, like a connection error.
struct ServerRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs a writing command, turning a read-only server into exit 2 and a
// history lock that stayed taken into exit 1 (nothing ran; try later).
int reporting_refusals(const std::function<int()>& command);

}  // namespace miglint::cli
