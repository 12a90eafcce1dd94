#pragma once

#include <string>
#include <string_view>

namespace miglint {

// `text` for a terminal: each control character but tab, and each byte that
// starts no UTF-8 sequence, becomes U+FFFD, so that bytes from a migration
// cannot move the cursor or change colours, and columns still line up.
std::string printable(std::string_view text);

}  // namespace miglint
