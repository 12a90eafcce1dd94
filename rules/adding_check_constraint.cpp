#include "support/added_constraints.hpp"
#include "support/quoted.hpp"
#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <optional>
#include <string>

namespace miglint::rules {

namespace {

class AddingCheckConstraint final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    // Most subcommands add no such constraint: leave before building the message.
    std::vector<AddedConstraint> constraints = added_constraints(command, "CONSTR_CHECK");
    if (constraints.empty()) return;
    if (command.str("subtype") != "AT_AddConstraint") return;
    std::optional<RelationName> altered = existing_altered_table(context);
    if (!altered) return;
    const RelationName& table = *altered;
    for (const AddedConstraint& added : constraints) {
      if (added.constraint.flag("skip_validation")) continue;
      constexpr LockMode kLock = LockMode::AccessExclusive;
      context.report(added.constraint, add_clause(added.constraint, "CHECK") + " on existing table " + quoted(table) +
                                           " without NOT VALID takes " + std::string(to_string(kLock)) +
                                           " and scans the whole table to check every row: " +
                                           std::string(traffic_blocked(kLock)) + " are blocked for the whole scan");
    }
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-check-constraint",
      .severity = Severity::Error,
      .summary = "Adding a validated CHECK constraint to an existing table blocks reads and writes during a full scan",
      .rationale =
          "ALTER TABLE ... ADD CONSTRAINT ... CHECK takes an ACCESS EXCLUSIVE lock (not a lighter one) and reads "
          "every row to prove the condition holds. Until the scan finishes and the transaction commits, every "
          "SELECT, INSERT, UPDATE and DELETE on the table waits. A table created earlier in the same migration "
          "is empty, so it is exempt.",
      .safe_alternative =
          "1. ALTER TABLE t ADD CONSTRAINT t_c_check CHECK (...) NOT VALID; (brief ACCESS EXCLUSIVE, no scan; "
          "new and updated rows are checked from now on) "
          "2. In a separate transaction or migration: ALTER TABLE t VALIDATE CONSTRAINT t_c_check; (SHARE UPDATE "
          "EXCLUSIVE: reads and writes continue during the scan).",
      .bad = "ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0);",
      .good = "ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0) NOT VALID;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Scan, "users"},
  };
};

}  // namespace

const Rule& adding_check_constraint() {
  static const AddingCheckConstraint rule;
  return rule;
}

}  // namespace miglint::rules
