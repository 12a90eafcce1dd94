#include "support/new_column.hpp"
#include "support/quoted.hpp"

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace miglint::rules {

namespace {

// The largest value of a key type narrower than bigint; empty for other types.
std::string_view narrow_key_limit(const ColumnType& type) {
  if (type.array) return {};
  if (type.name == "int4" || type.name == "serial" || type.name == "serial4") return "2147483647";
  if (type.name == "int2" || type.name == "smallserial" || type.name == "serial2") return "32767";
  return {};
}

bool is_id_name(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "id" || lower.ends_with("_id");
}

bool is_primary_key_on(const Node& constraint, std::string_view column) {
  if (constraint.str("contype") != "CONSTR_PRIMARY") return false;
  NodeList keys = constraint.list("keys");
  return std::any_of(keys.begin(), keys.end(), [&](const Node& key) { return key.string_value() == column; });
}

// PRIMARY KEY on the column itself, or a primary key of the same CREATE TABLE
// or ALTER TABLE that lists it.
bool is_primary_key(const Node& column_def, const Context& context) {
  for (Node constraint : column_def.list("constraints"))
    if (constraint.str("contype") == "CONSTR_PRIMARY") return true;
  std::string_view name = column_def.str("colname");
  for (Node element : context.enclosing("CreateStmt").list("tableElts"))
    if (is_primary_key_on(element, name)) return true;
  for (Node command : context.enclosing("AlterTableStmt").list("cmds"))
    if (is_primary_key_on(command.child("def"), name)) return true;
  return false;
}

std::string hazard(std::string_view limit) {
  return "it runs out at " + std::string(limit) + ", and then inserts fail; changing it to bigint rewrites the "
         "table and every index (and each referencing column) under an " +
         std::string(to_string(LockMode::AccessExclusive)) + " lock, which blocks " +
         std::string(traffic_blocked(LockMode::AccessExclusive));
}

class PreferBigint final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& node, Context& context) const override {
    if (node.is("ColumnDef"))
      check_column(node, context);
    else
      check_added_primary_key(node, context);
  }

 private:
  static void check_column(const Node& column_def, Context& context) {
    std::optional<NewColumn> column = new_column_of_type(column_def, context, {"int4", "int2", "serial", "serial4", "smallserial", "serial2"});
    if (!column) return;
    std::string_view limit = narrow_key_limit(column->type);
    if (limit.empty()) return;
    bool primary_key = is_primary_key(column_def, context);
    if (!primary_key && !is_id_name(column->name)) return;
    context.report(column_def, describe(*column) + " is " + sql_type(column->type) + ", a " +
                                   (primary_key ? "primary key" : "id column") + " narrower than bigint: " +
                                   hazard(limit));
  }

  // ALTER TABLE ... ADD PRIMARY KEY over columns this migration defined. The
  // id-named ones were reported where they were defined.
  static void check_added_primary_key(const Node& constraint, Context& context) {
    if (constraint.str("contype") != "CONSTR_PRIMARY" ||
        context.enclosing("AlterTableCmd").str("subtype") != "AT_AddConstraint" ||
        context.statement().section == SectionKind::Down)
      return;
    RelationName table = RelationName::of(context.enclosing("AlterTableStmt").child("relation"));
    for (Node key : constraint.list("keys")) {
      std::string_view name = key.string_value();
      std::optional<ColumnType> type = context.state().column_type(table, name);
      if (!type || is_id_name(name)) continue;
      std::string_view limit = narrow_key_limit(*type);
      if (limit.empty()) continue;
      context.report(constraint, "PRIMARY KEY on column \"" + std::string(name) + "\" of table " + quoted(table) +
                                     ", which is " + sql_type(*type) + ": " + hazard(limit));
    }
  }

  static constexpr std::array<std::string_view, 2> kKinds{"ColumnDef", "Constraint"};
  static constexpr RuleMeta kMeta{
      .id = "prefer-bigint",
      .severity = Severity::Info,
      .summary = "integer, smallint, serial or smallserial for a primary key or an id column",
      .rationale =
          "A 32-bit key (integer, serial) stops at 2,147,483,647 and a smallint one at 32,767; sequences skip "
          "values on rollbacks and restarts, so busy tables get there sooner than their row count suggests. "
          "When the key runs out, every insert fails. Widening it then is ALTER COLUMN TYPE bigint: a rewrite "
          "of the table and all its indexes under an ACCESS EXCLUSIVE lock, which blocks reads and writes, "
          "and the same again for every column that references it. bigint costs four more bytes per row, "
          "often none once alignment is counted. The rule looks at primary keys and at columns named id or "
          "ending in _id."
          " Columns that a down section adds back are exempt: it restores the earlier schema.",
      .safe_alternative =
          "Declare keys and the columns that reference them as bigint: id bigint GENERATED ALWAYS AS IDENTITY "
          "PRIMARY KEY, user_id bigint REFERENCES users (id). To widen an existing key: add a nullable bigint "
          "column, keep it in step with a trigger, backfill it in batches, CREATE UNIQUE INDEX CONCURRENTLY on "
          "it, then in one short transaction drop the old primary key, ADD CONSTRAINT ... PRIMARY KEY USING "
          "INDEX and swap the column names.",
      .bad = "CREATE TABLE invoices (id serial PRIMARY KEY, user_id integer REFERENCES users (id));",
      .good = "CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint REFERENCES "
              "users (id));",
  };
};

}  // namespace

const Rule& prefer_bigint() {
  static const PreferBigint rule;
  return rule;
}

}  // namespace miglint::rules
