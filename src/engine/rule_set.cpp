#include "engine/rule_set.hpp"

namespace miglint {

RuleSet::RuleSet(std::vector<const Rule*> rules) : rules_(std::move(rules)) {
  for (const Rule* rule : rules_)
    for (std::string_view kind : rule->node_kinds()) {
      by_kind_[kind].push_back(rule);
      kind_lengths_ |= std::uint64_t{1} << std::min<std::size_t>(kind.size(), 63);
    }
}

}  // namespace miglint
