#pragma once

#include <miglint/locks.hpp>

#include <string_view>

namespace miglint::apply {

// Whether a transaction holding `held` makes another wait for `requested`:
// PostgreSQL's table of conflicting lock modes.
bool locks_conflict(LockMode held, LockMode requested);

// What reads (SELECT: ACCESS SHARE) and writes (INSERT, UPDATE, DELETE: ROW
// EXCLUSIVE) of a relation do while `held` is held on it.
inline bool blocks_reads(LockMode held) { return locks_conflict(held, LockMode::AccessShare); }
inline bool blocks_writes(LockMode held) { return locks_conflict(held, LockMode::RowExclusive); }

// The mode pg_locks.mode calls `name`, such as "ShareLock"; None for another.
LockMode lock_mode_named(std::string_view name);

}  // namespace miglint::apply
