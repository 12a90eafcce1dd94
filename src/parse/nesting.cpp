#include "parse/nesting.hpp"

#include <algorithm>
#include <vector>

namespace miglint {

namespace {

// One open parenthesis or bracket: the longest item closed in it so far, and
// the item going on.
struct Group {
  std::size_t deepest = 0;
  std::size_t current = 0;
  std::size_t close() const { return std::max(deepest, current); }
};

}  // namespace

std::size_t nesting_bound(std::span<const Token> tokens) {
  std::vector<Group> open{Group{}};
  for (const Token& token : tokens) {
    if (token.is_comment()) continue;
    Group& innermost = open.back();
    if (token.is_char(',') || token.is_char(';')) {
      innermost.deepest = innermost.close();
      innermost.current = 0;
    } else if (token.is_char('(') || token.is_char('[')) {
      open.emplace_back();
    } else if ((token.is_char(')') || token.is_char(']')) && open.size() > 1) {
      std::size_t inside = innermost.close();
      open.pop_back();
      open.back().current += inside + 1;
    } else {
      ++innermost.current;
    }
  }
  while (open.size() > 1) {
    std::size_t inside = open.back().close();
    open.pop_back();
    open.back().current += inside + 1;
  }
  return open.back().close();
}

}  // namespace miglint
