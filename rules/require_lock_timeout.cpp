#include "support/quoted.hpp"
#include "support/statement_locks.hpp"
#include "support/timeouts.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <string>

namespace miglint::rules {

namespace {

class RequireLockTimeout final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  void check_statement(const StatementFacts& facts, Context& context) const override {
    const Node& statement = facts.root;
    const MigrationState& state = context.state();
    if (state.lock_timeout() ? timeout_limits(state.lock_timeout()) : state.runner_sets_lock_timeout()) return;
    std::optional<TableLock> lock = first_blocking_lock(context);
    if (!lock) return;
    std::string table = quoted(lock->table);
    context.report(finding_anchor(statement), std::string(statement_name(statement.kind())) + " needs " +
                                  std::string(to_string(lock->mode)) + " on existing table " + table +
                                  " and no lock_timeout is set: while it waits behind a long-running query or "
                                  "transaction, " + std::string(traffic_blocked(lock->mode)) + " on " + table +
                                  " queue behind it, for as long as that query runs");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "require-lock-timeout",
      .severity = Severity::Warning,
      .summary = "A migration takes a lock that blocks traffic on an existing table without a lock_timeout",
      .rationale =
          "A statement that needs a lock waits until every conflicting lock is released, and while it waits, "
          "every later request that conflicts with it queues behind it. So an ALTER TABLE that needs ACCESS "
          "EXCLUSIVE, queued behind one long report query, blocks all reads and writes of the table for as "
          "long as that query runs, even if the ALTER itself would take milliseconds; a CREATE INDEX or a "
          "foreign key (SHARE, SHARE ROW EXCLUSIVE) blocks writes the same way. lock_timeout makes the "
          "statement give up instead. Reported once per migration, at the first statement that takes such a "
          "lock on a table that existed before it, when no earlier SET lock_timeout, SET LOCAL lock_timeout "
          "or set_config('lock_timeout', ...) limits the wait.",
      .safe_alternative =
          "Start the migration with SET lock_timeout = '5s' (SET LOCAL lock_timeout inside its transaction), "
          "and retry the migration when it times out, at a quieter moment if need be.",
      .bad = "ALTER TABLE users ADD COLUMN note text;",
      .good = "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "users"},
  };
};

}  // namespace

const Rule& require_lock_timeout() {
  static const RequireLockTimeout rule;
  return rule;
}

}  // namespace miglint::rules
