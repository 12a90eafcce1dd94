#pragma once

#include "apply/trace.hpp"

#include <miglint/finding.hpp>

#include <string>
#include <vector>

namespace miglint::apply {

// `trace-unflagged-lock`: a statement that took SHARE or a stronger lock on
// a table that existed before its migration, or rewrote one, while the
// linter neither reported anything on that statement nor, for a lock,
// expected it from its lock table (a lock the rules reasoned about and
// accepted, such as a brief ACCESS EXCLUSIVE under lock_timeout, is not a gap).
struct UnflaggedLock {
  const StatementTrace* step = nullptr;
  std::string relation;
  LockMode mode = LockMode::None;  // None for a rewrite alone
  bool rewrite = false;
  std::string message;
};

inline constexpr std::string_view kUnflaggedLockId = "trace-unflagged-lock";

// `findings`: the linter's, for the files of the traced migration, linted with
// CheckSettings::keep_statement_text (a finding without its statement is
// taken to be about the migration as a whole).
std::vector<UnflaggedLock> unflagged_locks(const MigrationTrace& trace, const std::vector<Finding>& findings);

}  // namespace miglint::apply
