#include "engine/walk.hpp"

namespace miglint {

const MigrationState& Context::state() const { return *walk_.state; }
const StatementFacts& Context::statement() const { return walk_.statement; }

Node Context::enclosing(std::string_view kind) const {
  for (auto it = walk_.ancestors.rbegin(); it != walk_.ancestors.rend(); ++it)
    if (it->kind() == kind) return *it;
  return {};
}

void Context::report(const Node& at, std::string message) {
  report(at, std::move(message), std::string(walk_.rule->meta().safe_alternative));
}

void Context::report(const Node& at, std::string message, std::string help) {
  int location = at.location();
  std::size_t begin = location >= 0 ? walk_.statement_begin + location : walk_.statement_begin;
  walk_.findings->push_back({walk_.rule, walk_.file, std::min(begin, walk_.statement_end), walk_.statement_end,
                             std::move(message), std::move(help), walk_.statement.section, false});
}

void Context::report_unparsed(std::string message) {
  walk_.findings->push_back({walk_.rule, walk_.file, walk_.unparsed_at, std::max(walk_.unparsed_at, walk_.statement_end),
                             std::move(message), std::string(walk_.rule->meta().safe_alternative),
                             walk_.statement.section, false});
}

void Context::report_migration(std::string message) {
  walk_.findings->push_back({walk_.rule, walk_.file, walk_.migration_at, walk_.migration_at, std::move(message),
                             std::string(walk_.rule->meta().safe_alternative), walk_.statement.section, true});
}

}  // namespace miglint
