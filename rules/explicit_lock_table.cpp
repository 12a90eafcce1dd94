#include "support/quoted.hpp"
#include "support/statement_locks.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

class ExplicitLockTable final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& lock_statement, Context& context) const override {
    std::string tables;
    int existing = 0;
    LockMode mode = LockMode::None;
    for (const TableLock& lock : context.statement().locks) {
      if (context.state().is_new_table(lock.table)) continue;
      tables += (existing++ == 0 ? "" : ", ") + quoted(lock.table);
      mode = lock.mode;
    }
    if (existing == 0) return;
    std::string taken = "LOCK TABLE takes " + std::string(to_string(mode)) + " on existing table" +
                        (existing > 1 ? "s " : " ") + tables;
    std::string message =
        mode >= LockMode::Share
            ? taken + " and holds it until the transaction commits: " + std::string(traffic_blocked(mode)) +
                  " are blocked for the rest of the transaction, and while the LOCK waits for running queries, "
                  "that traffic queues behind it"
            : taken + " until the transaction commits: it blocks other sessions' schema changes, not reads or "
                      "writes";
    if (!context.statement().in_transaction)
      message += "; outside a transaction block PostgreSQL rejects LOCK TABLE, so the migration fails here";
    context.report(lock_statement, message);
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"LockStmt"};
  static constexpr RuleMeta kMeta{
      .id = "explicit-lock-table",
      .severity = Severity::Warning,
      .summary = "LOCK TABLE in a migration holds a table lock until the transaction ends",
      .rationale =
          "LOCK TABLE takes ACCESS EXCLUSIVE unless a mode is given, which blocks every read and write of the "
          "table; SHARE and stronger modes block writes. The lock is held until the transaction commits, so "
          "everything the migration does after it extends the outage, and while the LOCK waits behind a "
          "running query every conflicting request queues behind it. The statements a migration runs take "
          "the locks they need by themselves. Tables created earlier in the same migration are exempt.",
      .safe_alternative =
          "Leave the locking to the statements that need it, each with SET lock_timeout (for example '5s') "
          "and in a short transaction of its own. If the data must not change during a step, take the "
          "weakest mode that protects it (SHARE blocks writes but not reads), right before that step, after "
          "SET LOCAL lock_timeout, and commit right after it.",
      .bad = "LOCK TABLE users;",
      .good = "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "users"},
  };
};

}  // namespace

const Rule& explicit_lock_table() {
  static const ExplicitLockTable rule;
  return rule;
}

}  // namespace miglint::rules
