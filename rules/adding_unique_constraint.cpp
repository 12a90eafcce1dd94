#include "support/index_building_constraint.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class AddingUniqueConstraint final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    report_index_building_constraints(command, context, "CONSTR_UNIQUE", "UNIQUE",
                                      "builds a unique index by scanning the whole table under it");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-unique-constraint",
      .severity = Severity::Error,
      .summary = "Adding a UNIQUE constraint to an existing table builds its index while blocking reads and writes",
      .rationale =
          "ALTER TABLE ... ADD CONSTRAINT ... UNIQUE (and ADD COLUMN ... UNIQUE) builds a new unique index while "
          "holding an ACCESS EXCLUSIVE lock on the table (plus SHARE for the build). The build reads the whole "
          "table and sorts it; until it finishes and the transaction commits, every read and write of the table "
          "waits. A table created earlier in the same migration is empty, so it is exempt.",
      .safe_alternative =
          "1. CREATE UNIQUE INDEX CONCURRENTLY t_col_key ON t (col); in a migration that runs outside a "
          "transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue; if it fails, drop the INVALID index "
          "and retry) "
          "2. ALTER TABLE t ADD CONSTRAINT t_col_key UNIQUE USING INDEX t_col_key; (brief ACCESS EXCLUSIVE, no "
          "build). For a new column, add it without UNIQUE first.",
      .bad = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
      .good =
          "-- after CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email); in a migration of its own:\n"
          "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Scan, "users"},
  };
};

}  // namespace

const Rule& adding_unique_constraint() {
  static const AddingUniqueConstraint rule;
  return rule;
}

}  // namespace miglint::rules
