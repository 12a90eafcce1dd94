#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace miglint {

// The length of the well-formed UTF-8 sequence at `at`, or 1 for a byte
// that starts none: a stray byte counts as one character.
std::size_t character_length(std::string_view text, std::size_t at);

// The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace miglint
