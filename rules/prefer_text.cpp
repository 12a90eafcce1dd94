#include "support/new_column.hpp"

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class PreferText final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& column_def, Context& context) const override {
    std::optional<NewColumn> column = new_column_of_type(column_def, context, {"varchar"});
    if (!column || column->type.name != "varchar" || column->type.modifiers.empty()) return;
    context.report(column_def, describe(*column) + " is " + sql_type(column->type) +
                                   ": changing its limit later is ALTER COLUMN TYPE, which takes an " +
                                   std::string(to_string(LockMode::AccessExclusive)) + " lock (blocks " +
                                   std::string(traffic_blocked(LockMode::AccessExclusive)) +
                                   "), fails while a view uses the column, and rewrites the table and its "
                                   "indexes when the limit shrinks");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"ColumnDef"};
  static constexpr RuleMeta kMeta{
      .id = "prefer-text",
      .severity = Severity::Info,
      .summary = "varchar(n) in a new column, where text with a CHECK is easier to change",
      .rationale =
          "varchar(n) is stored exactly like text; the length is only a check on every write, and it is no "
          "faster. Changing the limit is ALTER COLUMN TYPE: it takes an ACCESS EXCLUSIVE lock on the table "
          "(and on the indexes of the column), which blocks reads and writes while it waits behind running "
          "queries; it refuses to run while a view or rule uses the column; and a smaller limit rewrites the "
          "table and every index. Raising the limit is catalog-only. varchar without a length, and text, are "
          "the same type without the limit."
          " Columns that a down section adds back are exempt: it restores the earlier schema.",
      .safe_alternative =
          "Use text, with a named CHECK where the length matters: email text CONSTRAINT users_email_length "
          "CHECK (length(email) <= 320). To change the limit later: ADD CONSTRAINT users_email_length_2 CHECK "
          "(length(email) <= 500) NOT VALID; VALIDATE CONSTRAINT users_email_length_2 (reads and writes go on); "
          "DROP CONSTRAINT users_email_length.",
      .bad = "ALTER TABLE users ADD COLUMN nickname varchar(40);",
      .good = "ALTER TABLE users ADD COLUMN nickname text CONSTRAINT users_nickname_length CHECK (length(nickname) <= "
              "40);",
  };
};

}  // namespace

const Rule& prefer_text() {
  static const PreferText rule;
  return rule;
}

}  // namespace miglint::rules
