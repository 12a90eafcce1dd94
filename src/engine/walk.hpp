#pragma once

#include "engine/loaded.hpp"
#include "engine/statements.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <optional>
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
  const Statement* current = nullptr;  // the statement being walked
  std::size_t migration_at = 0;        // for check_migration
  std::vector<Node> ancestors;
  std::vector<RawFinding>* findings = nullptr;

  void enter(const Statement& next) {
    current = &next;
    exact_.reset();
    tokens_.reset();
  }
  // The current statement from its first to its last token, found only
  // when something is reported about it.
  const Statement& exact_current() {
    if (!exact_) exact_ = exact_statement(*current, *file);
    return *exact_;
  }

  // The text of the token that starts at `offset` in the current statement,
  // as written; the statement is scanned the first time it is asked.
  std::string_view token_at(std::size_t offset);

 private:
  std::optional<Statement> exact_;
  std::optional<std::vector<Token>> tokens_;
};

}  // namespace detail
}  // namespace miglint
