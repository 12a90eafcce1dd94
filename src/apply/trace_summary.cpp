#include "apply/trace_summary.hpp"

#include "apply/lock_conflicts.hpp"

#include <map>

namespace miglint::apply {

std::vector<LockSpan> lock_spans(const MigrationTrace& trace) {
  std::vector<LockSpan> spans;
  std::map<std::string, std::size_t> open;  // oid -> index in spans, for a transaction's locks
  std::size_t last = 0;
  for (const StatementTrace& step : trace.statements) {
    if (step.error) continue;
    last = step.number;
    for (const HeldLock& lock : step.locks) {
      if (step.outside_transaction) {
        spans.push_back({lock.relation, lock.mode, lock.pre_existing, lock.is_table, step.number, step.number, false});
        continue;
      }
      auto current = open.find(lock.oid);
      if (current != open.end() && spans[current->second].mode >= lock.mode) continue;
      if (current != open.end()) {
        spans[current->second].until = step.number - 1;
        spans[current->second].until_commit = false;
      }
      open[lock.oid] = spans.size();
      spans.push_back({lock.relation, lock.mode, lock.pre_existing, lock.is_table, step.number, 0, true});
    }
  }
  for (const auto& [oid, index] : open)
    if (spans[index].until_commit) spans[index].until = last;
  return spans;
}

std::vector<TableBlocking> blocked_tables(const MigrationTrace& trace) {
  std::map<std::string, TableBlocking> by_table;
  // In a transaction a statement's locks include those taken before it:
  // each statement counts for every lock still held while it runs.
  for (const StatementTrace& step : trace.statements) {
    if (step.error) continue;
    for (const HeldLock& lock : step.locks) {
      if (!lock.pre_existing || !lock.is_table) continue;
      const bool reads = blocks_reads(lock.mode), writes = blocks_writes(lock.mode);
      if (!reads && !writes) continue;
      TableBlocking& table = by_table[lock.relation];
      table.table = lock.relation;
      if (reads) {
        ++table.statements_blocking_reads;
        table.reads_blocked += step.duration;
      }
      if (writes) {
        ++table.statements_blocking_writes;
        table.writes_blocked += step.duration;
      }
    }
  }
  std::vector<TableBlocking> tables;
  for (auto& [name, table] : by_table) tables.push_back(std::move(table));
  return tables;
}

std::vector<std::vector<HeldLock>> locks_taken_by_each(const MigrationTrace& trace) {
  std::vector<std::vector<HeldLock>> taken;
  std::map<std::string, LockMode> held;  // in the transaction so far
  for (const StatementTrace& step : trace.statements) {
    std::vector<HeldLock>& mine = taken.emplace_back();
    if (step.error) continue;
    for (const HeldLock& lock : step.locks) {
      if (step.outside_transaction) {
        mine.push_back(lock);
        continue;
      }
      LockMode& before = held[lock.oid];
      if (lock.mode > before) mine.push_back(lock);
      before = std::max(before, lock.mode);
    }
  }
  return taken;
}

}  // namespace miglint::apply
