#include "engine/rule_set.hpp"

namespace miglint {

RuleSet::RuleSet(std::vector<const Rule*> rules) : rules_(std::move(rules)) {
  for (const Rule* rule : rules_)
    for (std::string_view kind : rule->node_kinds()) by_kind_[kind].push_back(rule);
}

}  // namespace miglint
