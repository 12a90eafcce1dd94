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

class AddingForeignKey final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // The referencing table is the one scanned; when it was created in this
  // migration it is empty, like a table declared with its foreign keys.
  void check(const Node& command, Context& context) const override {
    // Most subcommands add no such constraint: leave before building the message.
    std::vector<AddedConstraint> constraints = added_constraints(command, "CONSTR_FOREIGN");
    if (constraints.empty()) return;
    std::optional<RelationName> altered = existing_altered_table(context);
    if (!altered) return;
    const RelationName& table = *altered;
    for (const AddedConstraint& added : constraints) {
      RelationName referenced = RelationName::of(added.constraint.child("pktable"));
      if (added.column)
        report_column(added, table, referenced, context);
      else if (!added.constraint.flag("skip_validation"))
        report_constraint(added.constraint, table, referenced, context);
    }
  }

 private:
  static void report_constraint(const Node& constraint, const RelationName& table, const RelationName& referenced,
                                Context& context) {
    constexpr LockMode kLock = LockMode::ShareRowExclusive;
    context.report(constraint, add_clause(constraint, "FOREIGN KEY") + " on existing table " +
                                   quoted(table) + " referencing " + quoted(referenced) + " without NOT VALID takes " +
                                   std::string(to_string(kLock)) + " on both tables and scans " + quoted(table) +
                                   " to check every row: " + std::string(traffic_blocked(kLock)) +
                                   " on both are blocked for the whole scan");
  }

  static void report_column(const AddedConstraint& added, const RelationName& table, const RelationName& referenced,
                            Context& context) {
    std::string column(added.column.str("colname"));
    context.report(added.constraint,
                   "ADD COLUMN \"" + column + "\" ... REFERENCES " + quoted(referenced) + " on existing table " +
                       quoted(table) + " takes " + std::string(to_string(LockMode::AccessExclusive)) + " on " +
                       quoted(table) + " (" + std::string(traffic_blocked(LockMode::AccessExclusive)) +
                       " blocked) and " + std::string(to_string(LockMode::ShareRowExclusive)) + " on " +
                       quoted(referenced) + " (" + std::string(traffic_blocked(LockMode::ShareRowExclusive)) +
                       " blocked) while it scans " + quoted(table) + " to validate the new foreign key",
                   "Add the column without REFERENCES, then ALTER TABLE " + table.display() + " ADD CONSTRAINT " +
                       table.name + "_" + column + "_fkey FOREIGN KEY (" + column + ") REFERENCES " +
                       referenced.display() + " NOT VALID, then VALIDATE CONSTRAINT " + table.name + "_" + column +
                       "_fkey in a separate transaction.");
  }

  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-foreign-key",
      .severity = Severity::Error,
      .summary = "Adding a validated foreign key to an existing table blocks writes to both tables during a full scan",
      .rationale =
          "ALTER TABLE ... ADD FOREIGN KEY takes a SHARE ROW EXCLUSIVE lock on the table and on the table it "
          "references, then reads every row of the referencing table to check that its parent exists. Until "
          "the scan finishes and the transaction commits, INSERT, UPDATE and DELETE on both tables wait (reads "
          "continue). ADD COLUMN ... REFERENCES is worse: it holds ACCESS EXCLUSIVE on the table, blocking its "
          "reads too, during the same scan. A table created earlier in the same migration is empty, so it is "
          "exempt, as are foreign keys declared inside CREATE TABLE.",
      .safe_alternative =
          "1. ALTER TABLE child ADD CONSTRAINT child_parent_fkey FOREIGN KEY (parent_id) REFERENCES parent (id) "
          "NOT VALID; (brief SHARE ROW EXCLUSIVE, no scan; new rows are checked from now on) "
          "2. In a separate transaction or migration: ALTER TABLE child VALIDATE CONSTRAINT child_parent_fkey; "
          "(SHARE UPDATE EXCLUSIVE on child, ROW SHARE on parent: reads and writes continue during the scan). "
          "For a new column, add it without REFERENCES first.",
      .bad = "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
      .good =
          "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) "
          "NOT VALID;\n-- in a later migration:\n-- ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;",
      .versions = {},
      .lock = {LockMode::ShareRowExclusive, TableEffect::Scan, "orders"},
  };
};

}  // namespace

const Rule& adding_foreign_key() {
  static const AddingForeignKey rule;
  return rule;
}

}  // namespace miglint::rules
