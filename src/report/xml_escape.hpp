#pragma once

#include <string>
#include <string_view>

namespace miglint {

// Text from binary input must still leave a well-formed XML document: bytes
// that are not UTF-8 become U+FFFD and characters XML 1.0 forbids are
// dropped. In attributes, line breaks and tabs are written as references
// because a parser would otherwise normalise them to spaces.
std::string escape_xml(std::string_view text, bool attribute);

}  // namespace miglint
