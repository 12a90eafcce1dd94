#include "support/quoted.hpp"
#include "support/statement_locks.hpp"
#include "support/timeouts.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <string>

namespace miglint::rules {

namespace {

class RequireStatementTimeout final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  void check_statement(const StatementFacts& facts, Context& context) const override {
    const Node& statement = facts.root;
    if (timeout_limits(context.state().statement_timeout())) return;
    std::optional<TableLock> lock = first_blocking_lock(context);
    if (!lock) return;
    std::string table = quoted(lock->table);
    context.report(finding_anchor(statement), std::string(statement_name(statement.kind())) + " holds " +
                                  std::string(to_string(lock->mode)) + " on existing table " + table +
                                  " and no statement_timeout is set: if it runs long (a scan, a rewrite, a slow "
                                  "wait), " + std::string(traffic_blocked(lock->mode)) + " on " + table +
                                  " stay blocked for as long as it takes");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "require-statement-timeout",
      .severity = Severity::Warning,
      .summary = "A migration takes a lock that blocks traffic on an existing table without a statement_timeout",
      .rationale =
          "A statement that holds a lock blocking reads or writes of a table keeps it for as long as it runs: "
          "a scan to validate a constraint, a rewrite, an index build, or a wait that no lock_timeout ends. "
          "statement_timeout cancels the statement instead, which releases the lock and rolls the migration "
          "back. Reported once per migration, at the first statement that takes such a lock on a table that "
          "existed before it, when no earlier SET statement_timeout, SET LOCAL statement_timeout or "
          "set_config('statement_timeout', ...) limits it. Off by default: many teams bound statements in "
          "the runner or the role instead.",
      .safe_alternative =
          "Start the migration with SET statement_timeout sized for its work (for example '30s'; SET LOCAL "
          "inside its transaction), next to SET lock_timeout, and move long work (index builds, validations, "
          "backfills) to forms that do not block traffic.",
      .bad = "ALTER TABLE users ADD COLUMN note text;",
      .good = "SET statement_timeout = '30s';\nALTER TABLE users ADD COLUMN note text;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "users"},
      .enabled_by_default = false,
  };
};

}  // namespace

const Rule& require_statement_timeout() {
  static const RequireStatementTimeout rule;
  return rule;
}

}  // namespace miglint::rules
