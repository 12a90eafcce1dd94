#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <array>

namespace miglint::rules {

namespace {

bool is_generated(const Node& column) {
  NodeList constraints = column.list("constraints");
  return std::any_of(constraints.begin(), constraints.end(),
                     [](const Node& constraint) { return constraint.str("contype") == "CONSTR_GENERATED"; });
}

class AddingStoredGeneratedColumn final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // libpg_query's grammar (PostgreSQL 15) accepts only STORED generated columns.
  void check(const Node& command, Context& context) const override {
    std::optional<AddedColumn> added = column_added_to_existing_table(command, context);
    if (!added) return;
    const RelationName& table = added->table;
    const Node& column = added->column;
    if (!is_generated(column)) return;
    context.report(column, "ADD COLUMN \"" + std::string(column.str("colname")) +
                               "\" GENERATED ALWAYS AS (...) STORED on existing table \"" + table.display() +
                               "\" computes the value for every existing row: it rewrites the table and all its "
                               "indexes under " + lock_phrase(LockMode::AccessExclusive) + " for the whole rewrite");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-stored-generated-column",
      .severity = Severity::Error,
      .summary = "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED rewrites the whole table",
      .rationale =
          "A stored generated column holds its computed value in every row, so adding one to a table that "
          "has rows makes PostgreSQL compute it row by row: the table is rewritten and all its indexes "
          "rebuilt under an ACCESS EXCLUSIVE lock, and every read and write of the table waits until the "
          "rewrite ends. Tables created earlier in the same migration are not used yet and are exempt.",
      .safe_alternative =
          "Add a plain nullable column (catalog only); create a BEFORE INSERT OR UPDATE trigger that sets it "
          "from the expression; backfill the existing rows in batches, each in its own transaction "
          "(UPDATE t SET col = <expression> WHERE id > :last AND id <= :last + 5000); add NOT NULL through "
          "a CHECK (col IS NOT NULL) NOT VALID constraint and VALIDATE CONSTRAINT if needed. Or compute "
          "the value in a view or in the query.",
      .bad = "ALTER TABLE users ADD COLUMN email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED;",
      .good = "ALTER TABLE users ADD COLUMN email_domain text;\n"
              "UPDATE users SET email_domain = split_part(email, '@', 2) WHERE id > 0 AND id <= 5000;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Rewrite, "users"},
  };
};

}  // namespace

const Rule& adding_stored_generated_column() {
  static const AddingStoredGeneratedColumn rule;
  return rule;
}

}  // namespace miglint::rules
