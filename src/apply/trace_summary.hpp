#pragma once

#include "apply/trace.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace miglint::apply {

// One relation held in one mode: in a transaction from the statement that
// took it until a stronger mode replaces it or the commit; outside one, for
// the statement alone.
struct LockSpan {
  std::string relation;
  LockMode mode = LockMode::None;
  bool pre_existing = false;
  bool is_table = false;
  std::size_t from = 0;  // statement numbers, inclusive
  std::size_t until = 0;
  bool until_commit = false;
};

std::vector<LockSpan> lock_spans(const MigrationTrace& trace);

// What a migration did to traffic on one table that existed before it.
struct TableBlocking {
  std::string table;
  std::size_t statements_blocking_reads = 0;
  std::size_t statements_blocking_writes = 0;
  std::chrono::microseconds reads_blocked{0};  // the durations of those statements, summed
  std::chrono::microseconds writes_blocked{0};
};

// The pre-existing tables whose reads or writes the migration blocked, by name.
std::vector<TableBlocking> blocked_tables(const MigrationTrace& trace);

// For each statement, the locks it took itself: stronger than its
// transaction held on that relation before it.
std::vector<std::vector<HeldLock>> locks_taken_by_each(const MigrationTrace& trace);

}  // namespace miglint::apply
