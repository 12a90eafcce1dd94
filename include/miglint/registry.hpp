#pragma once

#include <miglint/rule.hpp>

#include <span>
#include <string_view>

namespace miglint {

// Every rule, in id order (rules/rules.def).
std::span<const Rule* const> all_rules();
const Rule* find_rule(std::string_view id);

}  // namespace miglint
