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

class AddingExclusionConstraint final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    // Most subcommands add no such constraint: leave before building the message.
    std::vector<AddedConstraint> constraints = added_constraints(command, "CONSTR_EXCLUSION");
    if (constraints.empty()) return;
    if (command.str("subtype") != "AT_AddConstraint") return;
    std::optional<RelationName> altered = existing_altered_table(context);
    if (!altered) return;
    const RelationName& table = *altered;
    constexpr LockMode kLock = LockMode::AccessExclusive;
    for (const AddedConstraint& added : constraints)
      context.report(added.constraint, add_clause(added.constraint, "EXCLUDE") + " on existing table " +
                                           quoted(table) + " takes " + std::string(to_string(kLock)) +
                                           " and builds its index by scanning the whole table, checking every "
                                           "row against the others: " + std::string(traffic_blocked(kLock)) +
                                           " are blocked until it finishes, and there is no concurrent form");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-exclusion-constraint",
      .severity = Severity::Error,
      .summary = "Adding an EXCLUDE constraint to an existing table blocks reads and writes while its index is built",
      .rationale =
          "ALTER TABLE ... ADD CONSTRAINT ... EXCLUDE takes an ACCESS EXCLUSIVE lock and builds the constraint's "
          "index over the whole table, checking each row against the others. Every read and write of the table "
          "waits until it finishes and the transaction commits. Unlike UNIQUE or FOREIGN KEY there is no NOT "
          "VALID or USING INDEX form to split the work. A table created earlier in the same migration is "
          "empty, so it is exempt.",
      .safe_alternative =
          "There is no online way to add an exclusion constraint. Either add it when the table is created, or: "
          "1. create a new table with the constraint; 2. write to both tables from the application (or with a "
          "trigger); 3. backfill the new table in batches; 4. swap the tables with a rename in one short "
          "transaction. For a small table, run it in a migration of its own with SET lock_timeout = '2s' and "
          "retries, when traffic is low.",
      .bad = "ALTER TABLE users ADD CONSTRAINT users_email_excl EXCLUDE USING btree (lower(email) WITH =);",
      .good =
          "CREATE TABLE bookings (room int, during tstzrange,\n"
          "  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&));",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Scan, "users"},
  };
};

}  // namespace

const Rule& adding_exclusion_constraint() {
  static const AddingExclusionConstraint rule;
  return rule;
}

}  // namespace miglint::rules
