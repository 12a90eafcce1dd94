#include "support/statement_locks.hpp"

#include <algorithm>

namespace miglint::rules {

std::string_view statement_name(std::string_view kind) {
  auto found = std::find_if(kLockingStatementNames.begin(), kLockingStatementNames.end(),
                            [&](const StatementName& entry) { return entry.kind == kind; });
  return found == kLockingStatementNames.end() ? "the statement" : found->sql;
}

Node finding_anchor(const Node& statement) {
  Node relation = statement.child("relation");
  return relation.location() >= 0 ? relation : statement;
}

std::optional<TableLock> strongest_existing_lock(const Context& context) {
  std::optional<TableLock> strongest;
  const MigrationState& state = context.state();
  for (const TableLock& lock : context.statement().locks) {
    // The lock table names the index for ALTER INDEX and DROP INDEX.
    if (state.is_new_table(lock.table) || state.is_new_index(lock.table)) continue;
    if (!strongest || lock.mode > strongest->mode) strongest = lock;
  }
  return strongest;
}

}  // namespace miglint::rules
