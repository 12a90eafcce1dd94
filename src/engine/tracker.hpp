#pragma once

#include <miglint/context.hpp>
#include <miglint/node.hpp>
#include <miglint/state.hpp>

namespace miglint {

// Where a statement starts, for what the state remembers it by. Finding it
// may take a scan, so the engine fills it only when needs_place() says so.
struct StatementPlace {
  int line = 0;
  SourceMark mark;
  SectionKind section = SectionKind::Up;
};

bool needs_place(const StatementFacts& statement);

// Records what a statement adds to the migration's state, after the rules
// have seen the statement with the state as it stood before it.
void record_statement(const StatementFacts& statement, const StatementPlace& place, MigrationState& state);

}  // namespace miglint
