#include "apply/trace.hpp"

#include "apply/lock_conflicts.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <thread>

namespace miglint::apply {

namespace {

using Clock = std::chrono::steady_clock;

// Relation locks, without those on PostgreSQL's own catalogs (oids below
// FirstNormalObjectId), which the tracer's catalog queries take itself, and
// on TOAST tables, which go with their table's.
constexpr std::string_view kOwnLocks =
    "SELECT l.relation::text, l.mode FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation "
    "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384::oid "
    "AND c.relnamespace IS DISTINCT FROM 'pg_toast'::regnamespace";
constexpr std::string_view kLocksOfPid =
    "SELECT l.relation::text, l.mode FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation "
    "WHERE l.pid = $1::int AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384::oid "
    "AND c.relnamespace IS DISTINCT FROM 'pg_toast'::regnamespace";

// Keeps the strongest mode seen for each relation.
void merge(std::map<std::string, LockMode>& strongest, const Result& locks) {
  for (const Row& row : locks.rows) {
    LockMode& mode = strongest[*row[0]];
    mode = std::max(mode, lock_mode_named(*row[1]));
  }
}

std::vector<HeldLock> as_held(const std::map<std::string, LockMode>& strongest) {
  std::vector<HeldLock> locks;
  for (const auto& [oid, mode] : strongest) locks.push_back({oid, "", {}, {}, mode, false, false});
  return locks;
}

std::string location(const RunnableStatement& statement) {
  return statement.path + ":" + std::to_string(statement.start.line);
}

}  // namespace

Tracer::Tracer(Connection& connection, std::string conninfo, TraceOptions options)
    : connection_(connection), conninfo_(std::move(conninfo)), options_(options) {}

MigrationTrace Tracer::trace(const std::string& version, const std::string& name, const RunnableSection& section) {
  MigrationTrace trace{version, name, section.transactional(), {}, std::nullopt, 0};
  // As apply does: a setting one migration made does not reach the next.
  connection_.run("RESET ALL");
  at_start_ = CatalogSnapshot::read(connection_);
  if (trace.transactional)
    trace_in_transaction(section, trace);
  else
    trace_in_autocommit(section, trace);
  return trace;
}

void Tracer::trace_in_transaction(const RunnableSection& section, MigrationTrace& trace) {
  connection_.run("BEGIN");
  CatalogSnapshot before = at_start_;
  for (const RunnableStatement& statement : section.statements) {
    if (statement.transaction_control) continue;
    StatementTrace& step = trace.statements.emplace_back();
    step.number = trace.statements.size();
    step.statement = statement;
    if (options_.skip_failing_statements) connection_.run("SAVEPOINT miglint_trace");
    auto started = Clock::now();
    try {
      connection_.run(statement.sql);
    } catch (const DatabaseError& error) {
      step.error = error.what();
      if (!options_.skip_failing_statements) {
        connection_.run("ROLLBACK");
        trace.failure = location(statement) + ": " + error.what();
        return;
      }
      connection_.run("ROLLBACK TO SAVEPOINT miglint_trace");
      ++trace.skipped_statements;
      continue;
    }
    step.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    if (options_.skip_failing_statements) connection_.run("RELEASE SAVEPOINT miglint_trace");
    CatalogSnapshot after = CatalogSnapshot::read(connection_);
    step.locks = own_locks();
    describe(step.locks, after);
    record_changes(step, before, after);
    before = std::move(after);
  }
  connection_.run(options_.roll_back_transactions ? "ROLLBACK" : "COMMIT");
}

void Tracer::trace_in_autocommit(const RunnableSection& section, MigrationTrace& trace) {
  for (const RunnableStatement& statement : section.statements) {
    if (statement.transaction_control) continue;
    StatementTrace& step = trace.statements.emplace_back();
    step.number = trace.statements.size();
    step.statement = statement;
    step.outside_transaction = true;
    CatalogSnapshot before = CatalogSnapshot::read(connection_);
    try {
      run_watched(step);
    } catch (const DatabaseError& error) {
      step.error = error.what();
      if (!options_.skip_failing_statements) {
        trace.failure = location(statement) + ": " + error.what();
        return;
      }
      ++trace.skipped_statements;
      continue;
    }
    CatalogSnapshot after = CatalogSnapshot::read(connection_);
    describe(step.locks, after);
    record_changes(step, before, after);
  }
}

void Tracer::run_watched(StatementTrace& step) {
  if (!watcher_) watcher_.emplace(conninfo_, "miglint trace watcher");
  const std::string pid = std::to_string(connection_.backend_pid());
  std::atomic<bool> finished = false;
  std::exception_ptr failure;
  auto started = Clock::now();
  std::thread runner([&] {
    try {
      connection_.run(step.statement.sql);
    } catch (...) {
      failure = std::current_exception();
    }
    finished = true;
  });
  std::map<std::string, LockMode> strongest;
  try {
    while (!finished) merge(strongest, watcher_->run(kLocksOfPid, {pid}));
  } catch (...) {
    runner.join();
    throw;
  }
  runner.join();
  step.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  if (failure) std::rethrow_exception(failure);
  step.locks = as_held(strongest);
}

std::vector<HeldLock> Tracer::own_locks() {
  std::map<std::string, LockMode> strongest;
  merge(strongest, connection_.run(kOwnLocks));
  return as_held(strongest);
}

void Tracer::describe(std::vector<HeldLock>& locks, const CatalogSnapshot& now) const {
  // A relation in neither snapshot lived only inside the statement, such as
  // the transient heap a rewrite fills and swaps in: its lock says nothing.
  std::erase_if(locks, [&](const HeldLock& lock) {
    return !now.relations.contains(lock.oid) && !at_start_.relations.contains(lock.oid);
  });
  for (HeldLock& lock : locks) {
    auto current = now.relations.find(lock.oid);
    auto original = at_start_.relations.find(lock.oid);
    // A relation the statement dropped is named as it was.
    const CatalogSnapshot::Relation& relation = current != now.relations.end() ? current->second : original->second;
    lock.relation = relation.name;
    lock.identity = relation.identity;
    lock.pre_existing = original != at_start_.relations.end();
    if (lock.pre_existing) lock.identity_at_start = original->second.identity;
    lock.is_table = at_start_.is_table(lock.oid) || now.is_table(lock.oid);
  }
}

void Tracer::record_changes(StatementTrace& step, const CatalogSnapshot& before, const CatalogSnapshot& after) const {
  step.changes = changes_between(before, after);
  for (const auto& [oid, relation] : at_start_.relations) {
    if (!at_start_.is_table(oid)) continue;
    auto now = after.relations.find(oid);
    if (now == after.relations.end()) continue;
    auto previous = before.relations.find(oid);
    if (previous != before.relations.end() && previous->second.filenode != "0" &&
        previous->second.filenode != now->second.filenode)
      step.rewritten_tables.push_back(now->second.name);
  }
}

}  // namespace miglint::apply
