#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

// How the column numbers its rows, as written: "bigserial", "an identity", or "".
std::string numbering(const Node& column) {
  std::string_view type = column.child("typeName").list("names").back().string_value();
  if (type == "serial" || type == "serial4" || type == "bigserial" || type == "serial8" || type == "smallserial" ||
      type == "serial2")
    return std::string(type);
  for (Node constraint : column.list("constraints"))
    if (constraint.str("contype") == "CONSTR_IDENTITY") return "GENERATED AS IDENTITY";
  return {};
}

class AddingSerialColumn final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    std::optional<AddedColumn> added = column_added_to_existing_table(command, context);
    if (!added) return;
    const RelationName& table = added->table;
    const Node& column = added->column;
    std::string kind = numbering(column);
    if (kind.empty()) return;
    context.report(column, "ADD COLUMN \"" + std::string(column.str("colname")) + "\" " + kind +
                               " on existing table \"" + table.display() +
                               "\" draws a sequence value for every existing row: it rewrites the table and all "
                               "its indexes under " + lock_phrase(LockMode::AccessExclusive) +
                               " for the whole rewrite");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-serial-column",
      .severity = Severity::Error,
      .summary = "ADD COLUMN of a serial or identity column rewrites the whole table",
      .rationale =
          "A serial, bigserial or smallserial column, like a GENERATED ... AS IDENTITY column, fills every "
          "existing row with the next value of its sequence. PostgreSQL does that by rewriting the table and "
          "rebuilding all its indexes under an ACCESS EXCLUSIVE lock, so every read and write of the table "
          "waits until the rewrite ends: minutes on a large table. Tables created earlier in the same "
          "migration are not used yet and are exempt.",
      .safe_alternative =
          "Add a nullable bigint column (catalog only); CREATE SEQUENCE t_col_seq OWNED BY t.col; ALTER COLUMN "
          "col SET DEFAULT nextval('t_col_seq') so that new rows are numbered; backfill the existing rows in "
          "batches, each in its own transaction; then make it NOT NULL through ADD CONSTRAINT c CHECK (col IS "
          "NOT NULL) NOT VALID, VALIDATE CONSTRAINT c, SET NOT NULL and DROP CONSTRAINT c.",
      .bad = "ALTER TABLE users ADD COLUMN seq bigserial;",
      .good = "CREATE SEQUENCE users_seq_seq;\n"
              "ALTER TABLE users ADD COLUMN seq bigint;\n"
              "ALTER SEQUENCE users_seq_seq OWNED BY users.seq;\n"
              "ALTER TABLE users ALTER COLUMN seq SET DEFAULT nextval('users_seq_seq');\n"
              "UPDATE users SET seq = nextval('users_seq_seq') WHERE id > 0 AND id <= 5000 AND seq IS NULL;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Rewrite, "users"},
  };
};

}  // namespace

const Rule& adding_serial_column() {
  static const AddingSerialColumn rule;
  return rule;
}

}  // namespace miglint::rules
