#pragma once

#include "connection.hpp"

#include <miglint/locks.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::db_test {

// What running some SQL did to one relation of the public schema that
// existed before it ran.
struct RelationEffect {
  std::string oid;
  std::string name;
  char kind = 'r';  // pg_class.relkind
  LockMode strongest = LockMode::None;  // of the locks granted to our backend
  bool rewritten = false;  // it got a new relfilenode
  bool scanned = false;    // a sequential or index scan of it was counted
  bool is_table() const { return kind == 'r' || kind == 'p' || kind == 'm'; }
};

// PostgreSQL's answer to running SQL inside a transaction, rolled back afterwards.
struct Observation {
  std::optional<std::string> error;  // the server's, when the SQL failed
  std::vector<RelationEffect> relations;
  const RelationEffect* find_oid(std::string_view oid) const;
  const RelationEffect* find_name(std::string_view name) const;
};

// Runs `sql` (one or more statements) in a transaction on `connection`,
// reads its own backend's granted locks and every relation's relfilenode
// and scan counts before and after, then rolls back.
Observation observe(Connection& connection, std::string_view sql);

// The mode pg_locks calls `name`, such as "ShareLock".
LockMode lock_mode_named(std::string_view name);

}  // namespace miglint::db_test
