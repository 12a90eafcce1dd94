#include <miglint/locks.hpp>

#include <algorithm>
#include <array>

namespace miglint {

namespace {

struct LockName {
  LockMode mode;
  std::string_view sql;
  std::string_view pg_locks;
};

constexpr std::array kLockNames{
    LockName{LockMode::None, "no lock", ""},
    LockName{LockMode::AccessShare, "ACCESS SHARE", "AccessShareLock"},
    LockName{LockMode::RowShare, "ROW SHARE", "RowShareLock"},
    LockName{LockMode::RowExclusive, "ROW EXCLUSIVE", "RowExclusiveLock"},
    LockName{LockMode::ShareUpdateExclusive, "SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"},
    LockName{LockMode::Share, "SHARE", "ShareLock"},
    LockName{LockMode::ShareRowExclusive, "SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"},
    LockName{LockMode::Exclusive, "EXCLUSIVE", "ExclusiveLock"},
    LockName{LockMode::AccessExclusive, "ACCESS EXCLUSIVE", "AccessExclusiveLock"},
};

// Adds `mode` on `table`, keeping the strongest mode per table.
void take(std::vector<TableLock>& locks, RelationName table, LockMode mode) {
  if (table.name.empty() || mode == LockMode::None) return;
  auto known = std::find_if(locks.begin(), locks.end(), [&](const TableLock& lock) { return lock.table.matches(table); });
  if (known == locks.end())
    locks.push_back({std::move(table), mode});
  else
    known->mode = std::max(known->mode, mode);
}

bool is_foreign_key(const Node& constraint) { return constraint.str("contype") == "CONSTR_FOREIGN"; }

// Foreign keys lock the table they reference too (SHARE ROW EXCLUSIVE).
void take_referenced(std::vector<TableLock>& locks, const Node& constraint) {
  if (is_foreign_key(constraint)) take(locks, RelationName::of(constraint.child("pktable")), LockMode::ShareRowExclusive);
}

void take_column_references(std::vector<TableLock>& locks, const Node& column) {
  for (Node constraint : column.list("constraints")) take_referenced(locks, constraint);
}

// ALTER TABLE takes, for each subcommand, the lock its documentation names
// (confirmed on PostgreSQL 15 by the lock tests).
LockMode alter_table_command_lock(const Node& command) {
  std::string_view subtype = command.str("subtype");
  static constexpr std::array kShareUpdateExclusive{
      "AT_SetStatistics", "AT_SetOptions",  "AT_ResetOptions",  "AT_SetRelOptions",
      "AT_ResetRelOptions", "AT_ClusterOn", "AT_DropCluster",   "AT_ValidateConstraint",
      "AT_AttachPartition", "AT_DetachPartitionFinalize"};
  static constexpr std::array kShareRowExclusive{
      "AT_EnableTrig",     "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig", "AT_EnableTrigAll",
      "AT_EnableTrigUser", "AT_DisableTrig",      "AT_DisableTrigAll",    "AT_DisableTrigUser"};
  if (std::find(kShareUpdateExclusive.begin(), kShareUpdateExclusive.end(), subtype) != kShareUpdateExclusive.end())
    return LockMode::ShareUpdateExclusive;
  if (std::find(kShareRowExclusive.begin(), kShareRowExclusive.end(), subtype) != kShareRowExclusive.end())
    return LockMode::ShareRowExclusive;
  if (subtype == "AT_DetachPartition" && command.child("def").flag("concurrent")) return LockMode::ShareUpdateExclusive;
  if (subtype == "AT_AddConstraint" && is_foreign_key(command.child("def"))) return LockMode::ShareRowExclusive;
  return LockMode::AccessExclusive;
}

void alter_table_locks(std::vector<TableLock>& locks, const Node& statement) {
  RelationName table = RelationName::of(statement.child("relation"));
  for (Node command : statement.list("cmds")) {
    take(locks, table, alter_table_command_lock(command));
    std::string_view subtype = command.str("subtype");
    Node definition = command.child("def");
    if (subtype == "AT_AddConstraint") take_referenced(locks, definition);
    if (subtype == "AT_AddColumn") take_column_references(locks, definition);
    // The partition being attached or detached is locked ACCESS EXCLUSIVE,
    // but for a concurrent detach.
    if (subtype == "AT_AttachPartition" || subtype == "AT_DetachPartition") {
      bool concurrent = definition.flag("concurrent");
      take(locks, RelationName::of(definition.child("name")),
           concurrent ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
    }
  }
}

void create_table_locks(std::vector<TableLock>& locks, const Node& statement) {
  for (Node element : statement.list("tableElts")) {
    if (element.is("Constraint")) take_referenced(locks, element);
    if (element.is("ColumnDef")) take_column_references(locks, element);
  }
  // CREATE TABLE ... PARTITION OF parent locks the parent ACCESS EXCLUSIVE.
  if (statement.child("partbound"))
    for (Node parent : statement.list("inhRelations")) take(locks, RelationName::of(parent), LockMode::AccessExclusive);
}

void take_each(std::vector<TableLock>& locks, const NodeList& relations, LockMode mode) {
  for (Node relation : relations) take(locks, RelationName::of(relation), mode);
}

// DROP names its objects as lists of strings: [schema, name] or [name].
void drop_locks(std::vector<TableLock>& locks, const Node& statement) {
  std::string_view type = statement.str("removeType");
  if (type != "OBJECT_TABLE" && type != "OBJECT_INDEX" && type != "OBJECT_MATVIEW") return;
  LockMode mode = statement.flag("concurrent") ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive;
  for (Node object : statement.list("objects")) {
    NodeList parts = object.list("items");
    if (parts.empty()) continue;
    RelationName name{parts.size() > 1 ? std::string(parts.front().string_value()) : "",
                      std::string(parts.back().string_value())};
    take(locks, std::move(name), mode);
  }
}

// LockStmt.mode counts PostgreSQL's lock modes from 1 (ACCESS SHARE).
LockMode lock_statement_mode(const Node& statement) {
  std::int64_t mode = statement.integer("mode");
  return mode >= 1 && mode <= 8 ? static_cast<LockMode>(mode) : LockMode::AccessExclusive;
}

}  // namespace

std::string_view to_string(LockMode mode) { return kLockNames[static_cast<std::size_t>(mode)].sql; }
std::string_view pg_locks_name(LockMode mode) { return kLockNames[static_cast<std::size_t>(mode)].pg_locks; }

std::string_view traffic_blocked(LockMode mode) {
  if (mode >= LockMode::AccessExclusive) return "reads and writes";
  if (mode >= LockMode::Share) return "writes";
  if (mode == LockMode::Exclusive) return "writes";
  return "neither reads nor writes";
}

std::vector<TableLock> locks_taken(const Node& statement) {
  std::vector<TableLock> locks;
  std::string_view kind = statement.kind();
  RelationName relation = RelationName::of(statement.child("relation"));
  if (kind == "AlterTableStmt") {
    // ALTER TYPE ... ADD ATTRIBUTE and ALTER INDEX share the node; they lock no table by that name.
    std::string_view object = statement.str("objtype");
    if (object == "OBJECT_TABLE" || object == "OBJECT_MATVIEW" || object == "OBJECT_FOREIGN_TABLE")
      alter_table_locks(locks, statement);
  } else if (kind == "CreateStmt") {
    create_table_locks(locks, statement);
  } else if (kind == "IndexStmt") {
    take(locks, relation, statement.flag("concurrent") ? LockMode::ShareUpdateExclusive : LockMode::Share);
  } else if (kind == "DropStmt") {
    drop_locks(locks, statement);
  } else if (kind == "TruncateStmt") {
    take_each(locks, statement.list("relations"), LockMode::AccessExclusive);
  } else if (kind == "RenameStmt") {
    // Renaming an index takes SHARE UPDATE EXCLUSIVE since PostgreSQL 12.
    take(locks, relation,
         statement.str("renameType") == "OBJECT_INDEX" ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive);
  } else if (kind == "AlterObjectSchemaStmt" || kind == "RuleStmt" || kind == "ClusterStmt") {
    take(locks, relation, LockMode::AccessExclusive);
  } else if (kind == "CreatePolicyStmt" || kind == "AlterPolicyStmt") {
    take(locks, RelationName::of(statement.child("table")), LockMode::AccessExclusive);
  } else if (kind == "CreateTrigStmt") {
    take(locks, relation, LockMode::ShareRowExclusive);
  } else if (kind == "VacuumStmt") {
    // FULL, FULL true, FULL on; not FULL false.
    bool full = std::any_of(statement.list("options").begin(), statement.list("options").end(), [](const Node& option) {
      std::string_view value = option.child("arg").string_value();
      return option.str("defname") == "full" && value != "false" && value != "off" && value != "0";
    });
    for (Node target : statement.list("rels"))
      take(locks, RelationName::of(target.child("relation")), full ? LockMode::AccessExclusive : LockMode::ShareUpdateExclusive);
  } else if (kind == "ReindexStmt") {
    bool concurrent = std::any_of(statement.list("params").begin(), statement.list("params").end(),
                                  [](const Node& param) { return param.str("defname") == "concurrently"; });
    take(locks, relation, concurrent ? LockMode::ShareUpdateExclusive : LockMode::Share);
  } else if (kind == "RefreshMatViewStmt") {
    take(locks, relation, statement.flag("concurrent") ? LockMode::Exclusive : LockMode::AccessExclusive);
  } else if (kind == "LockStmt") {
    take_each(locks, statement.list("relations"), lock_statement_mode(statement));
  } else if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt" || kind == "MergeStmt") {
    take(locks, kind == "MergeStmt" ? RelationName::of(statement.child("relation")) : relation, LockMode::RowExclusive);
  } else if (kind == "CommentStmt") {
    std::string_view type = statement.str("objtype");
    if (type == "OBJECT_TABLE" || type == "OBJECT_COLUMN") {
      NodeList parts = statement.child("object").list("items");
      // COMMENT ON COLUMN names [schema,] table, column.
      std::size_t table_parts = parts.size() - (type == "OBJECT_COLUMN" ? 1 : 0);
      std::vector<std::string> names;
      for (Node part : parts) names.emplace_back(part.string_value());
      if (table_parts >= 1 && table_parts <= names.size())
        take(locks, {table_parts > 1 ? names[table_parts - 2] : "", names[table_parts - 1]}, LockMode::ShareUpdateExclusive);
    }
  }
  return locks;
}

}  // namespace miglint
