#include "engine/tracker.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace miglint {

namespace {

std::string constant_text(const Node& value) {
  if (!value.is("A_Const")) return {};
  if (Node text = value.child("sval")) return std::string(text.str("sval"));
  if (Node number = value.child("ival")) return std::to_string(number.integer("ival"));
  return {};
}

// The column of `CHECK (column IS NOT NULL)`, or "".
std::string_view not_null_check_column(const Node& constraint) {
  if (constraint.str("contype") != "CONSTR_CHECK") return {};
  Node test = constraint.child("raw_expr");
  if (!test.is("NullTest") || test.str("nulltesttype") != "IS_NOT_NULL") return {};
  NodeList fields = test.child("arg").list("fields");
  return fields.size() == 1 ? fields.front().string_value() : std::string_view{};
}

void record_constraint(const RelationName& table, const Node& constraint, MigrationState& state) {
  if (constraint.str("contype") == "CONSTR_PRIMARY") state.record_primary_key(table);
  std::string name(constraint.str("conname"));
  if (name.empty()) return;
  if (std::string_view column = not_null_check_column(constraint); !column.empty())
    state.record_not_null_check(table, name, std::string(column));
  if (constraint.flag("skip_validation"))
    state.record_not_valid(table, name);
  else
    state.record_validated_constraint(table, name);
}

// CREATE_TABLE_LIKE_INDEXES in PostgreSQL's TableLikeOption: LIKE ... INCLUDING
// INDEXES (or ALL) copies the primary key.
constexpr std::int64_t kLikeIncludingIndexes = 1 << 6;

bool declares_primary_key(const Node& element) {
  if (element.is("TableLikeClause")) return (element.integer("options") & kLikeIncludingIndexes) != 0;
  for (Node constraint : element.list("constraints"))
    if (constraint.str("contype") == "CONSTR_PRIMARY") return true;
  return false;
}

void record_create_table(const Node& statement, const StatementPlace& place, MigrationState& state) {
  Node relation = statement.child("relation");
  RelationName table = RelationName::of(relation);
  CreatedTable created{table, place.mark, place.section, relation.str("relpersistence") == "t",
                       static_cast<bool>(statement.child("partbound")), false};
  NodeList elements = statement.list("tableElts");
  created.has_primary_key = std::any_of(elements.begin(), elements.end(), declares_primary_key);
  state.record_created_table(std::move(created));
  if (statement.child("partspec")) state.record_partitioned_table(table);
  for (Node element : elements) {
    if (element.is("ColumnDef"))
      state.record_column(table, std::string(element.str("colname")), ColumnType::of(element.child("typeName")));
    else if (element.is("Constraint"))
      record_constraint(table, element, state);
  }
}

void record_alter_table(const Node& statement, MigrationState& state) {
  RelationName table = RelationName::of(statement.child("relation"));
  for (Node command : statement.list("cmds")) {
    std::string_view subtype = command.str("subtype");
    Node definition = command.child("def");
    if (subtype == "AT_ValidateConstraint") {
      state.record_validated_constraint(table, std::string(command.str("name")));
    } else if (subtype == "AT_AddConstraint") {
      record_constraint(table, definition, state);
    } else if (subtype == "AT_AddColumn") {
      std::string column(definition.str("colname"));
      state.record_column(table, column, ColumnType::of(definition.child("typeName")));
      if (!state.is_new_table(table)) state.record_new_column(table, column);
    } else if (subtype == "AT_AlterColumnType") {
      state.record_column(table, std::string(command.str("name")), ColumnType::of(definition.child("typeName")));
    }
  }
}

void record_rename(const Node& statement, MigrationState& state) {
  RelationName table = RelationName::of(statement.child("relation"));
  std::string_view type = statement.str("renameType");
  if (type == "OBJECT_TABLE") state.record_table_rename(table, std::string(statement.str("newname")));
  if (type == "OBJECT_COLUMN")
    state.record_column_rename(table, statement.str("subname"), std::string(statement.str("newname")));
}

// SELECT set_config('lock_timeout', '5s', ...) sets it as SET does.
void record_set_config(const Node& select, MigrationState& state) {
  for (Node target : select.list("targetList")) {
    Node call = target.child("val");
    if (!call.is("FuncCall") || call.list("funcname").back().string_value() != "set_config") continue;
    NodeList args = call.list("args");
    if (args.size() < 2) continue;
    std::string name = constant_text(args.front());
    std::string value = constant_text(*++args.begin());
    if (name == "lock_timeout") state.record_lock_timeout(value);
    if (name == "statement_timeout") state.record_statement_timeout(value);
  }
}

void record_schema(const Node& statement, const StatementPlace& place, MigrationState& state) {
  std::string_view kind = statement.kind();
  if (kind == "CreateStmt") {
    record_create_table(statement, place, state);
  } else if (kind == "CreateTableAsStmt") {
    state.record_new_filled_table(RelationName::of(statement.child("into").child("rel")));
  } else if (kind == "IndexStmt") {
    RelationName table = RelationName::of(statement.child("relation"));
    state.record_new_index({table.schema, std::string(statement.str("idxname"))}, table);
  } else if (kind == "AlterTableStmt") {
    record_alter_table(statement, state);
  } else if (kind == "VariableSetStmt") {
    std::string_view name = statement.str("name");
    std::string value = constant_text(statement.list("args").front());
    if (name == "lock_timeout") state.record_lock_timeout(value);
    if (name == "statement_timeout") state.record_statement_timeout(value);
  } else if (kind == "SelectStmt") {
    record_set_config(statement, state);
  } else if (kind == "CreateDomainStmt") {
    state.record_new_type(std::string(statement.list("domainname").back().string_value()));
  } else if (kind == "CreateEnumStmt") {
    state.record_new_type(std::string(statement.list("typeName").back().string_value()));
  } else if (kind == "CompositeTypeStmt") {
    state.record_new_type(std::string(statement.child("typevar").str("relname")));
  } else if (kind == "CreateSchemaStmt") {
    state.record_new_schema(std::string(statement.str("schemaname")));
  } else if (kind == "RenameStmt") {
    record_rename(statement, state);
  } else if (kind == "AlterEnumStmt" && statement.str("oldVal").empty()) {
    state.record_enum_value(std::string(statement.list("typeName").back().string_value()),
                            std::string(statement.str("newVal")));
  }
}

bool changes_data(std::string_view kind, const Node& statement) {
  return kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "MergeStmt" ||
         (kind == "InsertStmt" && !statement.child("selectStmt").list("fromClause").empty());
}

bool is_existing(const RelationName& relation, const MigrationState& state) { return !state.is_new_table(relation); }

// Locks last until the transaction ends; what the statement took on tables
// that running code uses is now held for the rest of it.
void record_transaction(const StatementFacts& facts, int line, MigrationState& state) {
  bool blocking = std::any_of(facts.locks.begin(), facts.locks.end(), [&](const TableLock& lock) {
    return lock.mode >= LockMode::Share && is_existing(lock.table, state);
  });
  if (blocking) state.record_blocking_lock_statement();
  if (facts.transaction == 0) return;
  std::string_view kind = facts.root.kind();
  for (const TableLock& lock : facts.locks) {
    if (!is_existing(lock.table, state)) continue;
    if (lock.mode > LockMode::RowExclusive) state.record_held_lock({lock.table, lock.mode, line, std::string(kind)});
    if (lock.mode == LockMode::RowExclusive && changes_data(kind, facts.root)) state.record_data_change(line);
  }
}

}  // namespace

// Held locks name the line that took them; created tables keep their CREATE.
bool needs_place(const StatementFacts& statement) {
  return (statement.transaction != 0 && !statement.locks.empty()) || statement.root.is("CreateStmt");
}

void record_statement(const StatementFacts& statement, const StatementPlace& place, MigrationState& state) {
  record_transaction(statement, place.line, state);
  record_schema(statement.root, place, state);
}

}  // namespace miglint
