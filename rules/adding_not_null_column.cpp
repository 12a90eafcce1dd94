#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

// DEFAULT NULL fills nothing in.
bool is_null_default(const Node& constraint) {
  Node value = constraint.child("raw_expr");
  return value.is("A_Const") && value.flag("isnull");
}

// serial columns carry an implicit nextval() default.
bool is_serial(const Node& type_name) {
  std::string_view type = type_name.list("names").back().string_value();
  return type == "serial" || type == "serial4" || type == "bigserial" || type == "serial8" || type == "smallserial" ||
         type == "serial2";
}

class AddingNotNullColumn final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    if (command.str("subtype") != "AT_AddColumn") return;
    RelationName table = RelationName::of(context.enclosing("AlterTableStmt").child("relation"));
    if (context.state().is_new_empty_table(table)) return;
    Node column = command.child("def");
    if (is_serial(column.child("typeName"))) return;
    bool not_null = false;
    for (Node constraint : column.list("constraints")) {
      std::string_view type = constraint.str("contype");
      if (type == "CONSTR_DEFAULT" && is_null_default(constraint)) continue;
      if (type == "CONSTR_DEFAULT" || type == "CONSTR_IDENTITY" || type == "CONSTR_GENERATED") return;
      if (type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY") not_null = true;
    }
    if (!not_null) return;
    context.report(column, "ADD COLUMN \"" + std::string(column.str("colname")) + "\" NOT NULL without a DEFAULT on "
                           "existing table \"" + table.display() + "\" fails if the table has any row, and "
                           "the ACCESS EXCLUSIVE lock it takes blocks reads and writes while it waits");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-not-null-column",
      .severity = Severity::Error,
      .summary = "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table that has rows",
      .rationale =
          "PostgreSQL fills a new column with NULL for every existing row, so a NOT NULL column without a "
          "DEFAULT makes the ALTER TABLE fail with 'column contains null values' as soon as the table has "
          "a row. It also takes an ACCESS EXCLUSIVE lock, which blocks reads and writes while it waits. "
          "Code still running from the previous release does not write the column either. A constant "
          "DEFAULT (or a stable one such as now()) is a catalog-only change on PostgreSQL 11 and later; "
          "identity, generated and serial columns fill themselves.",
      .safe_alternative =
          "Add the column as nullable (or with a constant DEFAULT on PostgreSQL 11+), deploy code that writes "
          "it, backfill existing rows in batches, then ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID, "
          "VALIDATE CONSTRAINT c, ALTER COLUMN col SET NOT NULL (no scan on PG 12+), and DROP CONSTRAINT c.",
      .bad = "ALTER TABLE users ADD COLUMN phone text NOT NULL;",
      .good = "ALTER TABLE users ADD COLUMN phone text NOT NULL DEFAULT '';",
      .versions = {},
  };
};

}  // namespace

const Rule& adding_not_null_column() {
  static const AddingNotNullColumn rule;
  return rule;
}

}  // namespace miglint::rules
