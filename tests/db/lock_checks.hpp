#pragma once

#include "observation.hpp"

#include <miglint/locks.hpp>

#include <optional>
#include <string>
#include <vector>

namespace miglint::db_test {

// How a rule's lock claim differs from what the server did to the claimed
// table, in words; nothing when the claim holds.
std::optional<std::string> claim_mismatch(const LockClaim& claim, const RelationEffect& table);

// Where the engine's lock table and the server disagree about a statement,
// one line per table; empty when they agree. Compared are the tables the
// server locked more strongly than ACCESS SHARE (reads do not count) and
// every relation the engine names.
std::vector<std::string> lock_table_disagreements(const std::vector<TableLock>& engine, const Observation& server);

}  // namespace miglint::db_test
