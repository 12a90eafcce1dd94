#pragma once

#include <miglint/context.hpp>
#include <miglint/node.hpp>
#include <miglint/state.hpp>

namespace miglint {

// Records what a statement adds to the migration's state, after the rules
// have seen the statement with the state as it stood before it. `line` is
// where the statement starts, for messages that point back at it.
void record_statement(const StatementFacts& statement, int line, MigrationState& state);

}  // namespace miglint
