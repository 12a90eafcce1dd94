#include "apply/trace_crosscheck.hpp"

#include "apply/lock_conflicts.hpp"
#include "apply/trace_summary.hpp"

#include <algorithm>

namespace miglint::apply {

namespace {

int line_count(const std::string& sql) { return 1 + static_cast<int>(std::count(sql.begin(), sql.end(), '\n')); }

// A finding about the migration as a whole (missing-down) carries no
// statement, and says nothing of this one's lock.
bool lies_on(const Finding& finding, const RunnableStatement& statement) {
  if (finding.path != statement.path || finding.statement.empty()) return false;
  const int last_line = statement.start.line + line_count(statement.sql) - 1;
  return finding.start >= statement.start && finding.start.line <= last_line;
}

// The statement may have renamed the relation, and an earlier one may have:
// the lock table knows it by either name.
bool expected_by_lock_table(const RunnableStatement& statement, const HeldLock& lock) {
  return std::any_of(statement.locks.begin(), statement.locks.end(), [&](const TableLock& expected) {
    return (expected.table.matches(lock.identity) || expected.table.matches(lock.identity_at_start)) &&
           expected.mode >= lock.mode;
  });
}

std::string lock_message(const HeldLock& lock) {
  return lock.relation + ": " + std::string(to_string(lock.mode)) + " (blocks " +
         std::string(traffic_blocked(lock.mode)) + "), and no rule reported this statement";
}

}  // namespace

std::vector<UnflaggedLock> unflagged_locks(const MigrationTrace& trace, const std::vector<Finding>& findings) {
  std::vector<UnflaggedLock> unflagged;
  std::vector<std::vector<HeldLock>> taken = locks_taken_by_each(trace);
  for (std::size_t i = 0; i < trace.statements.size(); ++i) {
    const StatementTrace& step = trace.statements[i];
    if (step.error) continue;
    bool reported = std::any_of(findings.begin(), findings.end(),
                                [&](const Finding& finding) { return lies_on(finding, step.statement); });
    if (reported) continue;
    for (const HeldLock& lock : taken[i])
      if (lock.pre_existing && lock.is_table && lock.mode >= LockMode::Share &&
          !expected_by_lock_table(step.statement, lock))
        unflagged.push_back({&step, lock.relation, lock.mode, false, lock_message(lock)});
    for (const std::string& table : step.rewritten_tables)
      unflagged.push_back({&step, table, LockMode::None, true, "rewrite of " + table + ", and no rule reported this statement"});
  }
  return unflagged;
}

}  // namespace miglint::apply
