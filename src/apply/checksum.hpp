#pragma once

#include <string>
#include <string_view>

namespace miglint::apply {

// "sha256:<64 hex digits>" of the bytes with every CRLF read as LF, so a
// checkout with other line endings keeps its checksum.
std::string checksum(std::string_view bytes);

}  // namespace miglint::apply
