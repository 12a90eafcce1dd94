#include "report/xml_escape.hpp"

#include <cstdint>

namespace miglint {

namespace {

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Decodes one UTF-8 sequence at `text[i]`, advancing `i`; an invalid,
// overlong or surrogate sequence yields U+FFFD and skips one byte.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  constexpr std::uint32_t kReplacement = 0xFFFD;
  auto lead = static_cast<unsigned char>(text[i]);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) return ++i, kReplacement;
  std::uint32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    auto byte = static_cast<unsigned char>(text[i + k]);
    if ((byte >> 6) != 0x2) return ++i, kReplacement;
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kSmallest[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
    return ++i, kReplacement;
  i += length;
  return code_point;
}

bool allowed_in_xml(std::uint32_t code_point) {
  if (code_point < 0x20) return code_point == '\t' || code_point == '\n' || code_point == '\r';
  return code_point != 0xFFFE && code_point != 0xFFFF;
}

}  // namespace

std::string escape_xml(std::string_view text, bool attribute) {
  std::string escaped;
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code_point = next_code_point(text, i);
    if (!allowed_in_xml(code_point)) continue;
    switch (code_point) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&apos;"; break;
      case '\n': escaped += attribute ? "&#10;" : "\n"; break;
      case '\r': escaped += "&#13;"; break;
      case '\t': escaped += attribute ? "&#9;" : "\t"; break;
      default: append_utf8(escaped, code_point);
    }
  }
  return escaped;
}

}  // namespace miglint
