#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace miglint {

// The candidate a typo most likely meant: within a third of its length in
// edits, or none.
std::optional<std::string> closest_name(std::string_view typed, std::span<const std::string_view> candidates);

}  // namespace miglint
