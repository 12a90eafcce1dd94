#pragma once

#include "apply/catalog_snapshot.hpp"
#include "apply/connection.hpp"
#include "engine/runnable.hpp"

#include <miglint/locks.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace miglint::apply {

struct HeldLock {
  std::string oid;
  std::string relation;    // for people: as regclass prints it
  RelationName identity;   // for the lock table: schema and name
  RelationName identity_at_start;  // before the migration renamed it; empty when it is new
  LockMode mode = LockMode::None;  // the strongest the backend holds on it
  bool pre_existing = false;       // it existed before the migration began
  bool is_table = false;
};

struct StatementTrace {
  std::size_t number = 0;  // 1-based, in the order sent
  RunnableStatement statement;
  bool outside_transaction = false;  // it ran in autocommit, watched from a second connection
  std::chrono::microseconds duration{0};
  std::optional<std::string> error;  // the server's; the statement changed nothing
  // In a transaction: every relation lock the backend holds after it (they
  // last until commit). Outside one: the strongest lock seen while it ran.
  std::vector<HeldLock> locks;
  CatalogChanges changes;
  std::vector<std::string> rewritten_tables;  // of changes.rewritten, the tables that existed before the migration
};

struct MigrationTrace {
  std::string version;
  std::string name;
  bool transactional = true;
  std::vector<StatementTrace> statements;
  std::optional<std::string> failure;  // why tracing stopped, when it did
  std::size_t skipped_statements = 0;  // failed and skipped (TraceOptions::skip_failing_statements)
};

struct TraceOptions {
  // Roll back to a savepoint and go on when a statement fails, instead of
  // stopping: for tracing SQL that is known to be partly broken.
  bool skip_failing_statements = false;
  // End a transactional migration with ROLLBACK instead of COMMIT, so that
  // many unrelated scripts can be traced one after another on one database.
  bool roll_back_transactions = false;
};

// Runs migrations on a scratch database as `miglint apply` would (one
// transaction, or autocommit when every statement must run outside one),
// statement by statement, recording after each what it locked and changed.
// Everything it runs is committed, unless TraceOptions say otherwise.
class Tracer {
 public:
  // `conninfo` opens the second connection that watches statements run
  // outside a transaction.
  Tracer(Connection& connection, std::string conninfo, TraceOptions options = {});

  MigrationTrace trace(const std::string& version, const std::string& name, const RunnableSection& section);

 private:
  void trace_in_transaction(const RunnableSection& section, MigrationTrace& trace);
  void trace_in_autocommit(const RunnableSection& section, MigrationTrace& trace);
  // Runs it on our connection while the watcher polls its locks.
  void run_watched(StatementTrace& step);
  std::vector<HeldLock> own_locks();
  void describe(std::vector<HeldLock>& locks, const CatalogSnapshot& now) const;
  void record_changes(StatementTrace& step, const CatalogSnapshot& before, const CatalogSnapshot& after) const;

  Connection& connection_;
  std::string conninfo_;
  std::optional<Connection> watcher_;  // opened for the first statement run outside a transaction
  TraceOptions options_;
  CatalogSnapshot at_start_;  // of the migration being traced
};

}  // namespace miglint::apply
