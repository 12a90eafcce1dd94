#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <cstdint>
#include <utility>

namespace miglint::rules {

namespace {

// The name users write for the built-in types the parser renames.
std::string_view sql_name(std::string_view internal) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kNames{{
      {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"}, {"float4", "real"},
      {"float8", "double precision"}, {"bool", "boolean"}, {"bpchar", "char"}}};
  for (const auto& [name, sql] : kNames)
    if (name == internal) return sql;
  return internal;
}

std::string type_text(const ColumnType& type) {
  std::string text(sql_name(type.name));
  for (std::size_t i = 0; i < type.modifiers.size(); ++i)
    text += (i == 0 ? "(" : ", ") + std::to_string(type.modifiers[i]) + (i + 1 == type.modifiers.size() ? ")" : "");
  return type.array ? text + "[]" : text;
}

// A missing modifier means the widest: unlimited length, or microseconds.
std::int64_t modifier_or(const ColumnType& type, std::size_t index, std::int64_t fallback) {
  return index < type.modifiers.size() ? type.modifiers[index] : fallback;
}

constexpr std::int64_t kUnlimited = INT64_MAX;

// Whether PostgreSQL can keep every stored value as it is, changing only the
// catalog: the new type reads the old bytes unchanged and accepts every old value.
bool is_binary_coercible(const ColumnType& from, const ColumnType& to) {
  if (from == to) return true;
  if (from.array || to.array) return false;
  bool from_text = from.name == "text" || from.name == "varchar";
  if (to.name == "text") return from_text;
  if (to.name == "varchar")
    return from_text && modifier_or(to, 0, kUnlimited) >= modifier_or(from, 0, kUnlimited);
  if (from.name == "numeric" && to.name == "numeric") {
    if (to.modifiers.empty()) return true;
    if (from.modifiers.empty()) return false;
    return to.modifiers[0] >= from.modifiers[0] && modifier_or(to, 1, 0) == modifier_or(from, 1, 0);
  }
  if (from.name == "cidr" && to.name == "inet") return true;
  bool timed = from.name == "timestamp" || from.name == "timestamptz" || from.name == "time" || from.name == "timetz";
  return timed && from.name == to.name && modifier_or(to, 0, 6) >= modifier_or(from, 0, 6);
}

// USING col or USING col::type keeps the values as they are; any other
// expression computes each row anew.
bool computes_new_values(const Node& using_expression, std::string_view column) {
  if (!using_expression) return false;
  Node value = using_expression.is("TypeCast") ? using_expression.child("arg") : using_expression;
  NodeList fields = value.list("fields");
  return !value.is("ColumnRef") || fields.empty() || fields.back().string_value() != column;
}

class ChangingColumnType final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    if (command.str("subtype") != "AT_AlterColumnType") return;
    std::optional<RelationName> table = existing_altered_table(context);
    if (!table) return;
    std::string_view column = command.str("name");
    Node definition = command.child("def");
    ColumnType to = ColumnType::of(definition.child("typeName"));
    std::optional<ColumnType> from = context.state().column_type(*table, column);
    std::string subject = "ALTER COLUMN \"" + std::string(column) + "\" TYPE " + type_text(to) +
                          " on existing table \"" + table->display() + "\"";
    std::string rewrite = "rewrites the table and rebuilds all its indexes under " +
                          lock_phrase(LockMode::AccessExclusive) + " for the whole rewrite";
    if (computes_new_values(definition.child("raw_default"), column)) {
      context.report(definition, subject + " computes every row anew with its USING expression: it " + rewrite);
    } else if (!from) {
      context.report(definition, subject + " " + rewrite +
                                     ", unless the change is binary-coercible (varchar(n) to a longer varchar or "
                                     "to text, numeric to a higher precision at the same scale, cidr to inet): "
                                     "the column's current type is not known from this migration");
    } else if (!is_binary_coercible(*from, to)) {
      std::string time_zone_note = from->name == "timestamp" && to.name == "timestamptz"
                                       ? " (timestamp to timestamptz skips the rewrite only while the session "
                                         "TimeZone is UTC)"
                                       : "";
      context.report(definition, subject + " changes it from " + type_text(*from) + ", which is not "
                                     "binary-coercible: it " + rewrite + time_zone_note);
    }
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "changing-column-type",
      .severity = Severity::Error,
      .summary = "ALTER COLUMN ... TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock",
      .rationale =
          "Changing a column's type takes an ACCESS EXCLUSIVE lock and, unless the old values can be kept "
          "byte for byte, rewrites the whole table and rebuilds every index on it: every read and write of "
          "the table waits for the whole rewrite. Only binary-coercible changes are catalog-only: varchar(n) "
          "to varchar(m >= n), to varchar or to text; numeric(p, s) to a higher precision at the same scale or "
          "to numeric; cidr to inet; timestamp and time to a higher precision. miglint treats them as safe "
          "only when it knows the column's current type from the migration; narrowing (varchar(20) to "
          "varchar(10)) and int to bigint rewrite. Running code also still reads and writes the old type. "
          "Tables created earlier in the same migration are exempt.",
      .safe_alternative =
          "Expand and contract: add a new column of the new type; make the application write both columns; "
          "backfill the new column in batches, each in its own transaction; switch reads to the new column; "
          "stop writing the old one and drop it in a later release (renaming the new column into place "
          "breaks running code too, so keep the new name or use a view).",
      .bad = "ALTER TABLE users ALTER COLUMN age TYPE bigint;",
      .good = "ALTER TABLE users ADD COLUMN age_bigint bigint;\n"
              "UPDATE users SET age_bigint = age WHERE id > 0 AND id <= 5000;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Rewrite, "users"},
  };
};

}  // namespace

const Rule& changing_column_type() {
  static const ChangingColumnType rule;
  return rule;
}

}  // namespace miglint::rules
