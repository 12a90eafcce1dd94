#include "support/table_change.hpp"

namespace miglint::rules {

std::optional<RelationName> existing_altered_table(const Context& context) {
  Node statement = context.enclosing("AlterTableStmt");
  if (statement.str("objtype") != "OBJECT_TABLE") return std::nullopt;
  RelationName table = RelationName::of(statement.child("relation"));
  if (context.state().is_new_table(table)) return std::nullopt;
  return table;
}

std::optional<AddedColumn> column_added_to_existing_table(const Node& command, const Context& context) {
  if (command.str("subtype") != "AT_AddColumn") return std::nullopt;
  std::optional<RelationName> table = existing_altered_table(context);
  if (!table) return std::nullopt;
  return AddedColumn{std::move(*table), command.child("def")};
}

std::string lock_phrase(LockMode mode) {
  std::string name(to_string(mode));
  std::string article = name.find_first_of("AEIOU") == 0 ? "an " : "a ";
  return article + name + " lock, which blocks " + std::string(traffic_blocked(mode));
}

}  // namespace miglint::rules
