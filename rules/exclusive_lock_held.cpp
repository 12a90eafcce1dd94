#include "support/quoted.hpp"
#include "support/statement_locks.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <string>

namespace miglint::rules {

namespace {

class ExclusiveLockHeld final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  void check_statement(const StatementFacts& facts, Context& context) const override {
    const Node& statement = facts.root;
    const std::vector<HeldLock>& held = context.state().held_locks();
    auto exclusive = std::find_if(held.begin(), held.end(),
                                  [](const HeldLock& lock) { return lock.mode == LockMode::AccessExclusive; });
    if (exclusive == held.end()) return;
    std::optional<TableLock> own = strongest_existing_lock(context);
    if (!own) return;
    std::string held_table = quoted(exclusive->table);
    // The lock table names the index of a DROP INDEX; PostgreSQL locks the index's table.
    std::string blocked = exclusive->statement == "DropStmt" ? held_table + " (for an index, on its table)" : held_table;
    context.report(finding_anchor(statement), std::string(statement_name(statement.kind())) + " on " + quoted(own->table) +
                                  " runs while the ACCESS EXCLUSIVE lock that " +
                                  std::string(statement_name(exclusive->statement)) + " took on " + held_table +
                                  " at line " + std::to_string(exclusive->line) +
                                  " is still held: reads and writes on " + blocked +
                                  " stay blocked until the transaction commits, for as long as this statement "
                                  "works or waits for its own lock");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "exclusive-lock-held",
      .severity = Severity::Warning,
      .summary = "More work runs in a transaction that already holds ACCESS EXCLUSIVE on an existing table",
      .rationale =
          "A lock lasts until its transaction ends. Once a statement has taken ACCESS EXCLUSIVE on a table "
          "that running code uses (most ALTER TABLE forms, DROP, RENAME, TRUNCATE), every read and write of "
          "that table waits until the transaction commits, so each later statement in the same transaction "
          "extends the outage: its own work, and any wait for a lock another session holds. Runners that wrap "
          "a migration in a transaction (goose, dbmate, Flyway, miglint) make every statement of the "
          "migration part of it. Statements that touch only tables created in the migration are exempt.",
      .safe_alternative =
          "Keep an ACCESS EXCLUSIVE lock for one short statement: end the transaction right after it (COMMIT, "
          "or a migration of its own), with SET lock_timeout before it, and run the other statements in "
          "transactions of their own. Several changes to one table can go into a single ALTER TABLE.",
      .bad = "ALTER TABLE users ADD COLUMN note text;\nUPDATE orders SET status = 'paid' WHERE id = 1;",
      .good = "-- miglint:no-transaction\nSET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;\n"
              "UPDATE orders SET status = 'paid' WHERE id = 1;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "users"},
  };
};

}  // namespace

const Rule& exclusive_lock_held() {
  static const ExclusiveLockHeld rule;
  return rule;
}

}  // namespace miglint::rules
