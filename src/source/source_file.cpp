#include "source/source_file.hpp"

#include "source/utf8.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace miglint {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  blank_byte_order_mark(text_);
  index_lines();
}

SourceFile::SourceFile(std::string path, std::string original, SubstitutedText substituted)
    : path_(std::move(path)), text_(std::move(substituted.text)) {
  if (!substituted.replacements.empty()) {
    original_ = std::move(original);
    replacements_ = std::move(substituted.replacements);
    blank_byte_order_mark(original_);
  }
  blank_byte_order_mark(text_);
  index_lines();
}

void SourceFile::blank_byte_order_mark(std::string& text) {
  if (!std::string_view(text).starts_with(kByteOrderMark)) return;
  // Blank the mark rather than drop it, so that offsets stay file offsets;
  // the scanner would otherwise glue its bytes to the first word.
  content_begin_ = kByteOrderMark.size();
  text.replace(0, content_begin_, content_begin_, ' ');
}

void SourceFile::index_lines() {
  if (auto nul = text_.find('\0'); nul != std::string::npos) nul_byte_ = nul;
  const std::string& lines = written();
  line_starts_.push_back(static_cast<std::uint32_t>(content_begin_));
  for (const char* p = lines.data(); (p = static_cast<const char*>(std::memchr(p, '\n', lines.data() + lines.size() - p)));) {
    ++p;
    line_starts_.push_back(static_cast<std::uint32_t>(p - lines.data()));
  }
}

std::size_t SourceFile::written_offset(std::size_t offset) const {
  auto after = std::upper_bound(replacements_.begin(), replacements_.end(), offset,
                                [](std::size_t at, const Replacement& r) { return at < r.text_begin; });
  if (after == replacements_.begin()) return offset;
  const Replacement& last = *std::prev(after);
  if (offset < last.text_end) return last.original_begin;
  return last.original_end + (offset - last.text_end);
}

Position SourceFile::position(std::size_t offset) const {
  const std::string& lines = written();
  offset = std::clamp(written_offset(std::min(offset, text_.size())), content_begin_, lines.size());
  auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  int line = static_cast<int>(next_line - line_starts_.begin());
  std::size_t line_start = line_starts_[line - 1];
  // The CRs that end a line are not shown, so a column never points past
  // them: an offset among them is the end of the line.
  std::string_view shown = line_text(line);
  offset = std::min(offset, static_cast<std::size_t>(shown.data() - lines.data()) + shown.size());
  int column = 1;
  for (std::size_t i = line_start; i < offset; i += character_length(lines, i)) ++column;
  return {line, column};
}

std::string_view SourceFile::line_text(int line) const {
  if (line < 1 || line > static_cast<int>(line_starts_.size())) return {};
  std::size_t begin = line_starts_[line - 1];
  const std::string& lines = written();
  std::size_t end = line < static_cast<int>(line_starts_.size()) ? line_starts_[line] : lines.size();
  std::string_view text(lines.data() + begin, end - begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace miglint
