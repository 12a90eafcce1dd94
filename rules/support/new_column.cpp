#include "support/new_column.hpp"

#include "support/quoted.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace miglint::rules {

namespace {

bool is_builtin(const Node& type_name) {
  NodeList names = type_name.list("names");
  return names.size() == 1 || (names.size() == 2 && names.front().string_value() == "pg_catalog");
}

// The table a ColumnDef adds its column to, when that table outlives the session.
std::optional<RelationName> receiving_table(const Context& context) {
  if (Node command = context.enclosing("AlterTableCmd")) {
    Node statement = context.enclosing("AlterTableStmt");
    if (command.str("subtype") != "AT_AddColumn" || statement.str("objtype") != "OBJECT_TABLE") return std::nullopt;
    return RelationName::of(statement.child("relation"));
  }
  Node table = context.enclosing("CreateStmt").child("relation");
  if (!table || table.str("relpersistence") == "t") return std::nullopt;
  return RelationName::of(table);
}

std::string_view sql_name(std::string_view internal) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kNames{
      {{"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"}, {"bpchar", "char"}, {"serial4", "serial"}}};
  for (const auto& [name, sql] : kNames)
    if (name == internal) return sql;
  return internal;
}

}  // namespace

std::optional<NewColumn> new_column(const Node& column_def, const Context& context) {
  if (context.statement().section == SectionKind::Down) return std::nullopt;
  Node type_name = column_def.child("typeName");
  if (!type_name || !is_builtin(type_name)) return std::nullopt;
  std::optional<RelationName> table = receiving_table(context);
  if (!table) return std::nullopt;
  return NewColumn{std::string(column_def.str("colname")), std::move(*table), ColumnType::of(type_name)};
}

std::optional<NewColumn> new_column_of_type(const Node& column_def, const Context& context,
                                            std::initializer_list<std::string_view> types) {
  std::string_view type = column_def.child("typeName").list("names").back().string_value();
  if (std::find(types.begin(), types.end(), type) == types.end()) return std::nullopt;
  return new_column(column_def, context);
}

std::string describe(const NewColumn& column) {
  return "column \"" + column.name + "\" of table " + quoted(column.table);
}

std::string sql_type(const ColumnType& type) {
  std::string text(sql_name(type.name));
  for (std::size_t i = 0; i < type.modifiers.size(); ++i)
    text += (i == 0 ? "(" : ", ") + std::to_string(type.modifiers[i]);
  if (!type.modifiers.empty()) text += ")";
  return type.array ? text + "[]" : text;
}

}  // namespace miglint::rules
