#include "apply/executor.hpp"

#include "apply/concurrent_index.hpp"
#include "apply/interruption.hpp"
#include "version.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

namespace miglint::apply {

namespace {

using std::chrono::milliseconds;

milliseconds since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

std::string location(const RunnableStatement& statement) {
  return statement.path + ":" + std::to_string(statement.start.line) + ":" + std::to_string(statement.start.column);
}

// The migration's file, for a failure outside its statements (a history
// write, a lost connection).
std::string file_of(const MigrationRun& migration) {
  const std::vector<RunnableStatement>& statements = migration.section.statements;
  return (statements.empty() ? migration.version : statements.front().path) + " (" + migration.version + ")";
}

// `consequence` says what became of the migration when that is not plain
// from the error: an interruption, a lost connection.
MigrationFailed failure(const RunnableStatement* statement, const MigrationRun& migration, const DatabaseError& error,
                        const std::string& consequence = "") {
  std::string where = statement ? location(*statement) : file_of(migration);
  std::string code = error.sqlstate.empty() ? "" : " [SQLSTATE " + error.sqlstate + "]";
  return MigrationFailed(where + ": " + error.what() + code + (consequence.empty() ? "" : "; " + consequence),
                         error.sqlstate);
}

// A statement a stop request kept from being sent. It fails like any
// statement, so that the same rollback and history write follow.
struct NotSent : DatabaseError {
  NotSent() : DatabaseError("not sent", "") {}
};

milliseconds backoff(const RetryPolicy& policy, int attempt) {
  milliseconds delay = policy.first_delay * (1LL << std::min(attempt, 20));
  delay = std::min(delay, policy.longest_delay);
  // Full jitter over the upper half: runs that collided once do not retry in step.
  thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<long long> jitter(delay.count() / 2, delay.count());
  return milliseconds(jitter(random));
}

std::string seconds(milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", duration.count() / 1000.0);
  return text;
}

std::string pid_list(const std::vector<int>& pids) {
  std::string list;
  for (int pid : pids) list += (list.empty() ? "" : ", ") + std::to_string(pid);
  return list;
}

bool is_retryable(const DatabaseError& error) { return error.lock_timeout() || error.deadlock(); }

void note_unsent_transaction_control(const RunnableSection& section, ExecutionObserver& observer) {
  for (const RunnableStatement& statement : section.statements)
    if (statement.transaction_control)
      observer.note(location(statement) + ": not sent: miglint runs each migration in its own transaction, or in "
                                          "autocommit when it must");
}

}  // namespace

std::optional<std::string> unrunnable_reason(const RunnableSection& section) {
  if (!section.unrunnable.empty()) {
    const UnrunnableStatement& first = section.unrunnable.front();
    return first.path + ":" + std::to_string(first.start.line) + ": " + first.message;
  }
  if (section.mixes_transaction_modes())
    return "it mixes statements that must run outside a transaction with statements that need one "
           "(concurrently-in-transaction): split it into two migrations";
  return std::nullopt;
}

Executor::Executor(Connection& connection, const std::string& conninfo, const History& history, Timeouts timeouts,
                   RetryPolicy retry, ExecutionObserver& observer)
    : connection_(connection),
      history_(history),
      timeouts_(timeouts),
      retry_(retry),
      observer_(observer),
      blockers_(conninfo, connection.backend_pid()) {}

RunResult Executor::apply(const MigrationRun& migration) {
  reset_session(migration);
  return migration.section.transactional() ? in_transaction(migration, false) : in_autocommit(migration, false);
}

RunResult Executor::roll_back(const MigrationRun& migration) {
  reset_session(migration);
  return migration.section.transactional() ? in_transaction(migration, true) : in_autocommit(migration, true);
}

void Executor::reset_session(const MigrationRun& migration) {
  // A setting a migration made (search_path, a timeout) does not reach the next.
  try {
    connection_.run("RESET ALL");
  } catch (const DatabaseError& error) {
    bool lost = connection_.lost();
    throw failure(nullptr, migration, error, lost ? "the connection to the server was lost before it started" : "");
  }
}

void Executor::set_timeouts(bool local, milliseconds lock_timeout) {
  std::string is_local = local ? "true" : "false";
  connection_.run("SELECT set_config('lock_timeout', $1, $2::boolean)", {std::to_string(lock_timeout.count()) + "ms", is_local});
  connection_.run("SELECT set_config('statement_timeout', $1, $2::boolean)",
                  {std::to_string(timeouts_.statement.count()) + "ms", is_local});
}

void Executor::run_statement(const RunnableStatement& statement, std::size_t index, std::size_t count) {
  observer_.statement_started(statement, index, count);
  CancellableStatement cancellable;
  if (!cancellable.may_send()) throw NotSent();
  connection_.run(statement.sql);
}

HistoryRow Executor::row_for(const MigrationRun& migration, TransactionMode mode, MigrationState state,
                             std::size_t statements_applied, milliseconds elapsed) const {
  HistoryRow row;
  row.version = migration.version;
  row.name = migration.name;
  row.checksum = migration.checksum;
  row.down_checksum = migration.down_checksum;
  row.mode = mode;
  row.state = state;
  row.execution_ms = elapsed.count();
  row.miglint_version = std::string(kVersion);
  row.waivers = migration.waivers;
  row.statements_applied = static_cast<int>(statements_applied);
  if (migration.recorded) row.checksum_acceptances = migration.recorded->checksum_acceptances;
  return row;
}

bool Executor::wait_to_retry(const DatabaseError& error, int attempt, const std::string& where) {
  if (attempt >= retry_.retries || stop_requested()) return false;
  milliseconds delay = backoff(retry_, attempt);
  std::vector<int> blockers = blockers_.take_blockers();
  std::string blocked_by = !blockers_.watching() ? "blocking pids unknown (no second connection to watch from)"
                           : blockers.empty()    ? "no blocking pid seen"
                                                 : "blocked by pid " + pid_list(blockers);
  observer_.note(where + ": " + (error.deadlock() ? "deadlock" : "lock_timeout") + ", " + blocked_by + "; retry " +
                 std::to_string(attempt + 1) + "/" + std::to_string(retry_.retries) + " in " + seconds(delay));
  return sleep_unless_stopped(delay);
}

std::string Executor::transaction_outcome(const MigrationRun& migration, bool rolling_back, bool committing) const {
  const std::string& version = migration.version;
  if (connection_.lost() && committing)
    return "the connection to the server was lost during COMMIT: whether " + version +
           (rolling_back ? " was rolled back" : " was applied") +
           " is unknown until `miglint status` reads the history";
  std::string nothing =
      rolling_back ? version + " is still applied" : "nothing of " + version + " was applied or recorded";
  if (connection_.lost())
    return "the connection to the server was lost, and the server rolled the transaction back: " + nothing;
  if (int signal = stop_requested())
    return "interrupted by " + signal_name(signal) + ": the transaction was rolled back: " + nothing;
  return "";
}

std::string Executor::autocommit_outcome(const MigrationRun& migration, bool rolling_back, std::size_t done) const {
  const std::string& version = migration.version;
  std::string next_run = rolling_back ? "the next `miglint rollback` runs its down part again from its first statement"
                                      : "the next `miglint apply` resumes it";
  if (connection_.lost())
    return "the connection to the server was lost: " + version + " stays " + (rolling_back ? "recorded" : "partial") +
           " in the history, and " + next_run + (rolling_back ? "" : " after the statements recorded there");
  if (int signal = stop_requested())
    return "interrupted by " + signal_name(signal) + " after " + std::to_string(done) + " of " +
           std::to_string(migration.section.statements.size()) + " statements: " + version +
           (rolling_back ? " stays recorded, and " + next_run : " is recorded as partial, and " + next_run + " there");
  return "";
}

void Executor::abandon_transaction() {
  if (connection_.lost() || !connection_.in_transaction()) return;
  try {
    connection_.run("ROLLBACK");
  } catch (const DatabaseError&) {
    // Only a lost connection fails a ROLLBACK, and the server then rolls back itself.
  }
}

RunResult Executor::in_transaction(const MigrationRun& migration, bool rolling_back) {
  const std::vector<RunnableStatement>& statements = migration.section.statements;
  note_unsent_transaction_control(migration.section, observer_);
  RunResult result;
  for (int attempt = 0;; ++attempt) {
    auto started = std::chrono::steady_clock::now();
    const RunnableStatement* running = nullptr;
    bool committing = false;
    std::size_t sent = 0;
    try {
      connection_.run("BEGIN");
      set_timeouts(true, timeouts_.lock);
      blockers_.take_blockers();
      for (std::size_t i = 0; i < statements.size(); ++i) {
        if (statements[i].transaction_control) continue;
        running = &statements[i];
        run_statement(statements[i], i, statements.size());
        ++sent;
      }
      running = nullptr;
      if (rolling_back)
        history_.remove(connection_, migration.version);
      else
        history_.record(connection_, row_for(migration, TransactionMode::Transactional, MigrationState::Applied,
                                             statements.size(), since(started)));
      committing = true;
      connection_.run("COMMIT");
      result.elapsed = since(started);
      result.statements_sent = sent;
      result.retries = attempt;
      return result;
    } catch (const DatabaseError& error) {
      abandon_transaction();
      std::string where = running ? location(*running) : migration.version;
      if (is_retryable(error) && wait_to_retry(error, attempt, where)) continue;
      throw failure(running, migration, error, transaction_outcome(migration, rolling_back, committing));
    }
  }
}

RunResult Executor::in_autocommit(const MigrationRun& migration, bool rolling_back) {
  const std::vector<RunnableStatement>& statements = migration.section.statements;
  note_unsent_transaction_control(migration.section, observer_);
  auto started = std::chrono::steady_clock::now();
  RunResult result;
  result.mode = TransactionMode::NonTransactional;
  const bool resuming = !rolling_back && migration.recorded;
  std::size_t first = resuming ? std::min<std::size_t>(migration.recorded->statements_applied, statements.size()) : 0;
  result.resumed_after = first;
  auto record = [&](MigrationState state, std::size_t applied) {
    if (!rolling_back)
      history_.record(connection_, row_for(migration, TransactionMode::NonTransactional, state, applied, since(started)));
  };
  const RunnableStatement* running = nullptr;
  std::size_t done = first;
  try {
    set_timeouts(false, timeouts_.concurrent_lock);
    // Settings made before the interruption were lost with its session.
    for (std::size_t i = 0; i < first; ++i)
      if (statements[i].setting) connection_.run(statements[i].sql);
    record(MigrationState::Partial, first);
    ConcurrentIndexes indexes(connection_, timeouts_.concurrent_lock, observer_);
    for (std::size_t i = first; i < statements.size(); ++i) {
      const RunnableStatement& statement = statements[i];
      if (statement.transaction_control) continue;
      running = &statement;
      if (resuming && i == first && indexes.left_behind_by_interruption(statement)) {
        done = i + 1;
        record(MigrationState::Partial, done);
        continue;
      }
      for (int attempt = 0;; ++attempt) {
        try {
          run_statement(statement, i, statements.size());
          ++result.statements_sent;
          break;
        } catch (const DatabaseError& error) {
          // Nothing more is sent: the history says partial already, and the
          // next run drops an INVALID index this one left.
          if (connection_.lost() || stop_requested()) throw;
          indexes.drop_if_invalid(statement);
          if (is_retryable(error) && wait_to_retry(error, attempt, location(statement))) {
            ++result.retries;
            continue;
          }
          if (stop_requested()) throw;
          record(MigrationState::Failed, i);
          throw failure(&statement, migration, error);
        }
      }
      running = nullptr;
      done = i + 1;
      record(MigrationState::Partial, done);
    }
    if (rolling_back)
      history_.remove(connection_, migration.version);
    else
      record(MigrationState::Applied, statements.size());
  } catch (const DatabaseError& error) {
    throw failure(running, migration, error, autocommit_outcome(migration, rolling_back, done));
  }
  result.elapsed = since(started);
  return result;
}

}  // namespace miglint::apply
