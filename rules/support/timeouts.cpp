#include "support/timeouts.hpp"

#include "support/statement_locks.hpp"

#include <cstdlib>

namespace miglint::rules {

bool timeout_limits(const std::optional<std::string>& value) {
  // "5s", "1.5min", "2000": the amount leads; "0", "0ms" and "" mean no limit.
  return value && std::strtod(value->c_str(), nullptr) != 0.0;
}

std::optional<TableLock> first_blocking_lock(const Context& context) {
  if (context.state().blocking_lock_statements() != 0) return std::nullopt;
  std::optional<TableLock> lock = strongest_existing_lock(context);
  // SHARE UPDATE EXCLUSIVE (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT)
  // lets reads and writes through even while it waits.
  if (!lock || lock->mode < LockMode::Share) return std::nullopt;
  return lock;
}

}  // namespace miglint::rules
