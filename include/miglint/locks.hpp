#pragma once

#include <miglint/state.hpp>

#include <string_view>
#include <vector>

namespace miglint {

// PostgreSQL's table lock modes, weakest first.
enum class LockMode {
  None,
  AccessShare,
  RowShare,
  RowExclusive,
  ShareUpdateExclusive,
  Share,
  ShareRowExclusive,
  Exclusive,
  AccessExclusive,
};

std::string_view to_string(LockMode mode);      // "ACCESS EXCLUSIVE"
std::string_view pg_locks_name(LockMode mode);  // "AccessExclusiveLock", as pg_locks.mode says
// What ordinary traffic the lock stops: "reads and writes", "writes", or
// "neither reads nor writes".
std::string_view traffic_blocked(LockMode mode);

// What a statement does to a table's data while it holds its lock.
enum class TableEffect { None, Scan, Rewrite };

// The lock a rule says its statement takes, checked against a real server
// by the tests: the rule's `bad` example must take `mode` on `table`, and
// rewrite it exactly when `effect` says so.
struct LockClaim {
  LockMode mode = LockMode::None;
  TableEffect effect = TableEffect::None;
  std::string_view table;  // the table the bad example locks
};

struct TableLock {
  RelationName table;
  LockMode mode = LockMode::None;
};

// The table locks a statement takes, as far as its text tells: one entry
// per table, the strongest mode for each. The one lock table of the
// engine; the tests check it against a real server.
std::vector<TableLock> locks_taken(const Node& statement);

}  // namespace miglint
