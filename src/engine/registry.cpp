#include <miglint/registry.hpp>

#include <algorithm>
#include <array>

namespace miglint {

namespace rules {
#define MIGLINT_RULE(function) const Rule& function();
#include "rules.def"
#undef MIGLINT_RULE
}  // namespace rules

std::span<const Rule* const> all_rules() {
  static const std::array kRules{
#define MIGLINT_RULE(function) &rules::function(),
#include "rules.def"
#undef MIGLINT_RULE
  };
  return kRules;
}

const Rule* find_rule(std::string_view id) {
  auto rules = all_rules();
  auto found = std::find_if(rules.begin(), rules.end(), [&](const Rule* rule) { return rule->meta().id == id; });
  return found == rules.end() ? nullptr : *found;
}

}  // namespace miglint
