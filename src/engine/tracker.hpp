#pragma once

#include <miglint/node.hpp>
#include <miglint/state.hpp>

namespace miglint {

// Records what a statement adds to the migration's state, after the rules
// have seen the statement with the state as it stood before it.
void record_statement(const Node& statement, MigrationState& state);

}  // namespace miglint
