#include "engine/tracker.hpp"

#include <string>

namespace miglint {

namespace {

std::string setting_value(const Node& variable_set) {
  Node value = variable_set.list("args").front();
  if (!value.is("A_Const")) return {};
  if (Node text = value.child("sval")) return std::string(text.str("sval"));
  if (Node number = value.child("ival")) return std::to_string(number.integer("ival"));
  return {};
}

void record_alter_table(const Node& statement, MigrationState& state) {
  RelationName table = RelationName::of(statement.child("relation"));
  for (Node command : statement.list("cmds")) {
    std::string_view subtype = command.str("subtype");
    if (subtype == "AT_ValidateConstraint") {
      state.record_validated_constraint(table, std::string(command.str("name")));
    } else if (subtype == "AT_AddConstraint") {
      Node constraint = command.child("def");
      if (!constraint.flag("skip_validation"))
        state.record_validated_constraint(table, std::string(constraint.str("conname")));
    }
  }
}

}  // namespace

void record_statement(const Node& statement, MigrationState& state) {
  std::string_view kind = statement.kind();
  if (kind == "CreateStmt") {
    state.record_new_table(RelationName::of(statement.child("relation")));
  } else if (kind == "CreateTableAsStmt") {
    state.record_new_filled_table(RelationName::of(statement.child("into").child("rel")));
  } else if (kind == "IndexStmt") {
    RelationName table = RelationName::of(statement.child("relation"));
    state.record_new_index({table.schema, std::string(statement.str("idxname"))});
  } else if (kind == "AlterTableStmt") {
    record_alter_table(statement, state);
  } else if (kind == "VariableSetStmt") {
    std::string_view name = statement.str("name");
    if (name == "lock_timeout") state.record_lock_timeout(setting_value(statement));
    if (name == "statement_timeout") state.record_statement_timeout(setting_value(statement));
  }
}

}  // namespace miglint
