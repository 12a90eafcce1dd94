#include "apply/lock_conflicts.hpp"

#include <array>
#include <cstdint>

namespace miglint::apply {

namespace {

constexpr std::uint16_t bit(LockMode mode) { return std::uint16_t(1u << static_cast<int>(mode)); }

using enum LockMode;

// Row by row the table "Conflicting Lock Modes" of PostgreSQL's manual
// (explicit-locking.html), indexed by LockMode.
constexpr std::array<std::uint16_t, 9> kConflicts{
    0,                                                                    // None
    bit(AccessExclusive),                                                 // AccessShare
    bit(Exclusive) | bit(AccessExclusive),                                // RowShare
    bit(Share) | bit(ShareRowExclusive) | bit(Exclusive) | bit(AccessExclusive),  // RowExclusive
    bit(ShareUpdateExclusive) | bit(Share) | bit(ShareRowExclusive) | bit(Exclusive) |
        bit(AccessExclusive),                                             // ShareUpdateExclusive
    bit(RowExclusive) | bit(ShareUpdateExclusive) | bit(ShareRowExclusive) | bit(Exclusive) |
        bit(AccessExclusive),                                             // Share
    bit(RowExclusive) | bit(ShareUpdateExclusive) | bit(Share) | bit(ShareRowExclusive) | bit(Exclusive) |
        bit(AccessExclusive),                                             // ShareRowExclusive
    bit(RowShare) | bit(RowExclusive) | bit(ShareUpdateExclusive) | bit(Share) | bit(ShareRowExclusive) |
        bit(Exclusive) | bit(AccessExclusive),                            // Exclusive
    bit(AccessShare) | bit(RowShare) | bit(RowExclusive) | bit(ShareUpdateExclusive) | bit(Share) |
        bit(ShareRowExclusive) | bit(Exclusive) | bit(AccessExclusive),   // AccessExclusive
};

}  // namespace

bool locks_conflict(LockMode held, LockMode requested) {
  return (kConflicts[static_cast<std::size_t>(held)] & bit(requested)) != 0;
}

LockMode lock_mode_named(std::string_view name) {
  for (int mode = static_cast<int>(AccessShare); mode <= static_cast<int>(AccessExclusive); ++mode)
    if (pg_locks_name(static_cast<LockMode>(mode)) == name) return static_cast<LockMode>(mode);
  return None;
}

}  // namespace miglint::apply
