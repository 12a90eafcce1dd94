#pragma once

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/node.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace miglint::rules {

struct StatementName {
  std::string_view kind;  // "AlterTableStmt"
  std::string_view sql;   // "ALTER TABLE", as messages name it
};

// How messages name the statements whose table locks the engine knows.
inline constexpr std::array<StatementName, 21> kLockingStatementNames{{
    {"AlterTableStmt", "ALTER TABLE"},
    {"CreateStmt", "CREATE TABLE"},
    {"IndexStmt", "CREATE INDEX"},
    {"DropStmt", "DROP"},
    {"TruncateStmt", "TRUNCATE"},
    {"RenameStmt", "RENAME"},
    {"AlterObjectSchemaStmt", "SET SCHEMA"},
    {"CreatePolicyStmt", "CREATE POLICY"},
    {"AlterPolicyStmt", "ALTER POLICY"},
    {"RuleStmt", "CREATE RULE"},
    {"ClusterStmt", "CLUSTER"},
    {"CreateTrigStmt", "CREATE TRIGGER"},
    {"VacuumStmt", "VACUUM"},
    {"ReindexStmt", "REINDEX"},
    {"RefreshMatViewStmt", "REFRESH MATERIALIZED VIEW"},
    {"LockStmt", "LOCK TABLE"},
    {"UpdateStmt", "UPDATE"},
    {"DeleteStmt", "DELETE"},
    {"InsertStmt", "INSERT"},
    {"MergeStmt", "MERGE"},
    {"CommentStmt", "COMMENT"},
}};

// "ALTER TABLE" for "AlterTableStmt".
std::string_view statement_name(std::string_view kind);

// Where a statement-level finding points: the table the statement names,
// else the statement. A located node also spares the engine a scan of the
// statement for its start.
Node finding_anchor(const Node& statement);

// The strongest lock the statement being checked takes on a table (or index)
// that existed before the migration; nothing when it locks only new ones.
std::optional<TableLock> strongest_existing_lock(const Context& context);

}  // namespace miglint::rules
