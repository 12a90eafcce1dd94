#include "engine/walk.hpp"

#include <algorithm>

namespace miglint {

const MigrationState& Context::state() const { return *walk_.state; }
const StatementFacts& Context::statement() const { return walk_.statement; }

Node Context::enclosing(std::string_view kind) const {
  for (auto it = walk_.ancestors.rbegin(); it != walk_.ancestors.rend(); ++it)
    if (it->kind() == kind) return *it;
  return {};
}

std::string_view detail::Walk::token_at(std::size_t offset) {
  if (!tokens_) {
    tokens_.emplace();
    if (file->scanned()) {
      const std::vector<Token>& all = file->tokens().tokens;
      auto by_start = [](const Token& token, std::size_t offset) { return token.start < offset; };
      auto first = std::lower_bound(all.begin(), all.end(), current->begin, by_start);
      tokens_->assign(first, std::lower_bound(first, all.end(), current->end, by_start));
    } else {
      std::string text = file->text().substr(current->begin, current->end - current->begin);
      for (Token token : scan(text).tokens) {
        token.start += static_cast<std::uint32_t>(current->begin);
        token.end += static_cast<std::uint32_t>(current->begin);
        tokens_->push_back(token);
      }
    }
  }
  auto found = std::find_if(tokens_->begin(), tokens_->end(), [&](const Token& token) { return token.start == offset; });
  if (found == tokens_->end()) return {};
  return std::string_view(file->text()).substr(found->start, found->end - found->start);
}

std::string_view Context::written_token(const Node& at) {
  int location = at.location();
  if (location < 0) return {};
  return walk_.token_at(walk_.current->parse_base + location);
}

void Context::report(const Node& at, std::string message) {
  report(at, std::move(message), std::string(walk_.rule->meta().safe_alternative));
}

void Context::report(const Node& at, std::string message, std::string help) {
  // A node with a location needs no scan of the statement, unless the
  // statement's end is not known yet.
  int location = at.location();
  const Statement& statement = location >= 0 && walk_.current->end_exact ? *walk_.current : walk_.exact_current();
  std::size_t begin = location >= 0 ? statement.parse_base + location : statement.begin;
  walk_.findings->push_back({walk_.rule, walk_.file, begin, std::max(begin, statement.end), std::move(message),
                             std::move(help), walk_.statement.section, false});
}

void Context::report_unparsed(std::string message) {
  report_unparsed(std::move(message), std::string(walk_.rule->meta().safe_alternative));
}

void Context::report_unparsed(std::string message, std::string help) {
  std::size_t at = walk_.current->unparsed_at;
  walk_.findings->push_back({walk_.rule, walk_.file, at, std::max(at, walk_.current->end), std::move(message),
                             std::move(help), walk_.statement.section, false});
}

void Context::report_at(const SourceMark& mark, std::string message) {
  walk_.findings->push_back({walk_.rule, static_cast<const LoadedFile*>(mark.file), mark.offset, mark.offset,
                             std::move(message), std::string(walk_.rule->meta().safe_alternative),
                             walk_.statement.section, true});
}

void Context::report_migration(std::string message) {
  walk_.findings->push_back({walk_.rule, walk_.file, walk_.migration_at, walk_.migration_at, std::move(message),
                             std::string(walk_.rule->meta().safe_alternative), walk_.statement.section, true});
}

}  // namespace miglint
