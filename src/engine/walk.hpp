#pragma once

#include "engine/loaded.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <string>
#include <vector>

namespace miglint {

// A finding before suppressions and before offsets become line:column.
struct RawFinding {
  const Rule* rule = nullptr;
  const LoadedFile* file = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string message;
  std::string help;
  SectionKind section = SectionKind::Up;
  bool about_migration = false;  // not tied to one statement
};

namespace detail {

// Everything Context reads and writes, owned by the engine's migration walk.
struct Walk {
  const MigrationState* state = nullptr;
  StatementFacts statement;
  const Rule* rule = nullptr;  // the rule being called
  const LoadedFile* file = nullptr;
  std::size_t statement_begin = 0;  // file offset that tree locations count from
  std::size_t statement_end = 0;
  std::size_t unparsed_at = 0;      // for check_unparsed
  std::size_t migration_at = 0;     // for check_migration
  std::vector<Node> ancestors;
  std::vector<RawFinding>* findings = nullptr;
};

}  // namespace detail
}  // namespace miglint
