#include "source/source_file.hpp"

#include "source/utf8.hpp"

#include <algorithm>
#include <cstring>

namespace miglint {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  if (std::string_view(text_).starts_with(kByteOrderMark)) {
    // Blank the mark rather than drop it, so that offsets stay file offsets;
    // the scanner would otherwise glue its bytes to the first word.
    content_begin_ = kByteOrderMark.size();
    text_.replace(0, content_begin_, content_begin_, ' ');
  }
  if (auto nul = text_.find('\0'); nul != std::string::npos) nul_byte_ = nul;
  line_starts_.push_back(static_cast<std::uint32_t>(content_begin_));
  for (const char* p = text_.data(); (p = static_cast<const char*>(std::memchr(p, '\n', text_.data() + text_.size() - p)));) {
    ++p;
    line_starts_.push_back(static_cast<std::uint32_t>(p - text_.data()));
  }
}

Position SourceFile::position(std::size_t offset) const {
  offset = std::clamp(offset, content_begin_, text_.size());
  auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  int line = static_cast<int>(next_line - line_starts_.begin());
  std::size_t line_start = line_starts_[line - 1];
  int column = 1;
  for (std::size_t i = line_start; i < offset; i += character_length(text_, i)) ++column;
  return {line, column};
}

std::string_view SourceFile::line_text(int line) const {
  if (line < 1 || line > static_cast<int>(line_starts_.size())) return {};
  std::size_t begin = line_starts_[line - 1];
  std::size_t end = line < static_cast<int>(line_starts_.size()) ? line_starts_[line] : text_.size();
  std::string_view text(text_.data() + begin, end - begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace miglint
