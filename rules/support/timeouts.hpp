#pragma once

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/node.hpp>

#include <optional>
#include <string>

namespace miglint::rules {

// Whether a timeout the migration set puts a limit on waiting: 0, DEFAULT and
// RESET all leave it unlimited (the server's default is not known statically).
bool timeout_limits(const std::optional<std::string>& value);

// The lock that makes `statement` the first of the migration to block reads
// or writes of an existing table; nothing for any other statement.
std::optional<TableLock> first_blocking_lock(const Context& context);

}  // namespace miglint::rules
