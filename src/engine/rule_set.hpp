#pragma once

#include <miglint/rule.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace miglint {

// The rules selected for a run, indexed by the node kinds they listen to.
class RuleSet {
 public:
  explicit RuleSet(std::vector<const Rule*> rules);

  std::span<const Rule* const> rules() const { return rules_; }
  std::span<const Rule* const> listening_to(std::string_view kind) const {
    // Most nodes interest no rule; their name's length rules them out
    // without hashing it.
    if (!(kind_lengths_ >> std::min<std::size_t>(kind.size(), 63) & 1)) return {};
    auto found = by_kind_.find(kind);
    return found == by_kind_.end() ? std::span<const Rule* const>{} : std::span<const Rule* const>(found->second);
  }

 private:
  std::vector<const Rule*> rules_;
  std::unordered_map<std::string_view, std::vector<const Rule*>> by_kind_;
  std::uint64_t kind_lengths_ = 0;
};

}  // namespace miglint
