#include "support/quoted.hpp"
#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace miglint::rules {

namespace {

// `ALTER TABLE t ADD CONSTRAINT c ... NOT VALID, VALIDATE CONSTRAINT c`: one
// statement, so the engine has not recorded the ADD yet.
bool added_not_valid_by_same_statement(const Node& statement, std::string_view constraint) {
  NodeList commands = statement.list("cmds");
  return std::any_of(commands.begin(), commands.end(), [&](const Node& command) {
    Node definition = command.child("def");
    return command.str("subtype") == "AT_AddConstraint" && definition.flag("skip_validation") &&
           definition.str("conname") == constraint;
  });
}

// The lock the ADD ... NOT VALID took on the table: held from an earlier
// statement of the transaction, or taken by this very statement.
LockMode lock_from_add(const Context& context, const RelationName& table) {
  LockMode strongest = LockMode::None;
  for (const HeldLock& lock : context.state().held_locks())
    if (lock.table.matches(table)) strongest = std::max(strongest, lock.mode);
  for (const TableLock& lock : context.statement().locks)
    if (lock.table.matches(table)) strongest = std::max(strongest, lock.mode);
  return strongest;
}

const HeldLock* first_access_exclusive(const std::vector<HeldLock>& held) {
  auto found = std::find_if(held.begin(), held.end(),
                            [](const HeldLock& lock) { return lock.mode == LockMode::AccessExclusive; });
  return found == held.end() ? nullptr : &*found;
}

class ValidateInSameTransaction final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    if (command.str("subtype") != "AT_ValidateConstraint") return;
    std::optional<RelationName> altered = existing_altered_table(context);
    if (!altered) return;
    const RelationName& table = *altered;
    const MigrationState& state = context.state();
    std::string constraint(command.str("name"));
    std::string validate = "VALIDATE CONSTRAINT \"" + constraint + "\" on " + quoted(table);
    bool in_transaction = context.statement().transaction != 0;
    if (added_not_valid_by_same_statement(context.enclosing("AlterTableStmt"), constraint) ||
        (in_transaction && state.added_not_valid(table, constraint))) {
      LockMode held = lock_from_add(context, table);
      context.report(command,
                     validate + " runs in the same transaction that added it NOT VALID: the " +
                         std::string(to_string(held)) + " lock the ADD took is still held while VALIDATE scans " +
                         quoted(table) + ", so " + std::string(traffic_blocked(held)) +
                         " stay blocked for the whole scan and NOT VALID gains nothing");
      return;
    }
    if (!in_transaction) return;
    if (const HeldLock* exclusive = first_access_exclusive(state.held_locks()))
      context.report(command,
                     validate + " scans the table while the " + std::string(to_string(exclusive->mode)) +
                         " lock that line " + std::to_string(exclusive->line) + " took on " +
                         quoted(exclusive->table) + " is still held in the same transaction: " +
                         std::string(traffic_blocked(exclusive->mode)) + " of " + quoted(exclusive->table) +
                         " stay blocked for the whole scan");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "validate-in-same-transaction",
      .severity = Severity::Warning,
      .summary = "VALIDATE CONSTRAINT runs in a transaction that still holds a strong lock",
      .rationale =
          "Adding a constraint NOT VALID and validating it later exists so that the long scan runs under SHARE "
          "UPDATE EXCLUSIVE, which lets reads and writes go on. Locks are held until the transaction ends, so "
          "a VALIDATE in the same transaction as its ADD ... NOT VALID (SHARE ROW EXCLUSIVE for a foreign key, "
          "ACCESS EXCLUSIVE for a CHECK) scans while that lock still blocks writes, or reads and writes, exactly "
          "as the one-step ADD would. The same holds after any statement in the transaction that took ACCESS "
          "EXCLUSIVE on a table in use: that table stays blocked until the scan ends.",
      .safe_alternative =
          "Commit between the two steps: ADD CONSTRAINT ... NOT VALID in one migration (or one transaction), "
          "and ALTER TABLE ... VALIDATE CONSTRAINT ... in the next migration, or after an explicit COMMIT, with "
          "no ACCESS EXCLUSIVE statement before it in its transaction.",
      .bad =
          "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT "
          "VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;",
      .good = "-- the constraint was added NOT VALID by an earlier migration\n"
              "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;",
      .versions = {},
      .lock = {LockMode::ShareRowExclusive, TableEffect::Scan, "orders"},
  };
};

}  // namespace

const Rule& validate_in_same_transaction() {
  static const ValidateInSameTransaction rule;
  return rule;
}

}  // namespace miglint::rules
