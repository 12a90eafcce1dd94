#pragma once

#include "apply/blockers.hpp"
#include "apply/connection.hpp"
#include "apply/history.hpp"
#include "engine/runnable.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace miglint::apply {

struct Timeouts {
  std::chrono::milliseconds lock{5000};
  std::chrono::milliseconds statement{0};  // 0: none
  // For CONCURRENTLY statements. Their waits block no reads or writes, and a
  // timeout costs the whole build; 0 lets them wait.
  std::chrono::milliseconds concurrent_lock{0};
};

struct RetryPolicy {
  int retries = 5;  // after the first attempt
  std::chrono::milliseconds first_delay{500};
  std::chrono::milliseconds longest_delay{15000};
};

// What the executor tells whoever shows progress.
class ExecutionObserver {
 public:
  virtual ~ExecutionObserver() = default;
  virtual void statement_started(const RunnableStatement& statement, std::size_t index, std::size_t count) = 0;
  // A retry, an INVALID index dropped, a transaction statement not sent.
  virtual void note(const std::string& message) = 0;
};

// One migration's up or down part, with what its history row needs.
struct MigrationRun {
  std::string version;
  std::string name;
  std::string checksum;
  std::optional<std::string> down_checksum;
  RunnableSection section;
  std::vector<LintWaiver> waivers;
  // The row a stopped non-transactional migration left: it resumes after
  // its statements_applied.
  std::optional<HistoryRow> recorded;
};

struct RunResult {
  TransactionMode mode = TransactionMode::Transactional;
  std::chrono::milliseconds elapsed{0};
  std::size_t statements_sent = 0;
  std::size_t resumed_after = 0;  // statements a previous run had applied
  int retries = 0;
};

// A statement failed; for a transactional migration nothing of it stays.
struct MigrationFailed : std::runtime_error {
  MigrationFailed(std::string message, std::string sqlstate)
      : std::runtime_error(std::move(message)), sqlstate(std::move(sqlstate)) {}
  std::string sqlstate;
};

// Why a part cannot be run at all, or nullopt.
std::optional<std::string> unrunnable_reason(const RunnableSection& section);

// Runs migrations one statement per call on a connection that holds the
// history's advisory lock.
class Executor {
 public:
  Executor(Connection& connection, const std::string& conninfo, const History& history, Timeouts timeouts,
           RetryPolicy retry, ExecutionObserver& observer);

  // Runs the up part and records it as applied.
  RunResult apply(const MigrationRun& migration);
  // Runs the down part and deletes the history row.
  RunResult roll_back(const MigrationRun& migration);

 private:
  RunResult in_transaction(const MigrationRun& migration, bool rolling_back);
  RunResult in_autocommit(const MigrationRun& migration, bool rolling_back);
  void reset_session(const MigrationRun& migration);
  // Ends a failed transaction unless the server has: it did when the connection is lost.
  void abandon_transaction();
  // What became of a migration that failed, when the error alone does not
  // say: interrupted by a signal, or its connection lost. Empty otherwise.
  std::string transaction_outcome(const MigrationRun& migration, bool rolling_back, bool committing) const;
  std::string autocommit_outcome(const MigrationRun& migration, bool rolling_back, std::size_t done) const;
  void run_statement(const RunnableStatement& statement, std::size_t index, std::size_t count);
  void set_timeouts(bool local, std::chrono::milliseconds lock_timeout);
  HistoryRow row_for(const MigrationRun& migration, TransactionMode mode, MigrationState state,
                     std::size_t statements_applied, std::chrono::milliseconds elapsed) const;
  // Sleeps before the next attempt, saying why; false when none is left or
  // a stop was requested.
  bool wait_to_retry(const DatabaseError& error, int attempt, const std::string& what);

  Connection& connection_;
  const History& history_;
  Timeouts timeouts_;
  RetryPolicy retry_;
  ExecutionObserver& observer_;
  BlockerWatch blockers_;
};

}  // namespace miglint::apply
