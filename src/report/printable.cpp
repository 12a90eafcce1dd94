#include "report/printable.hpp"

#include "source/utf8.hpp"

namespace miglint {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool is_control(unsigned char byte) { return (byte < 0x20 && byte != '\t') || byte == 0x7F; }

}  // namespace

std::string printable(std::string_view text) {
  std::string shown;
  shown.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = character_length(text, i);
    bool stray = length == 1 && static_cast<unsigned char>(text[i]) >= 0x80;
    if (stray || (length == 1 && is_control(static_cast<unsigned char>(text[i]))))
      shown += kReplacement;
    else
      shown += text.substr(i, length);
    i += length;
  }
  return shown;
}

}  // namespace miglint
