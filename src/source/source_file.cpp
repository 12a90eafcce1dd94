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
  for (std::size_t line = 0; line < line_starts_.size(); ++line) {
    std::size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : lines.size();
    if (end - line_starts_[line] <= kCheckpointBytes) continue;
    std::uint32_t column = 1;
    for (std::size_t i = line_starts_[line], next = i + kCheckpointBytes; i < end; i += character_length(lines, i), ++column)
      if (i >= next) {
        checkpoints_.push_back({static_cast<std::uint32_t>(i), column});
        next = i + kCheckpointBytes;
      }
  }
}

// Where to start counting characters towards `offset` on the line that starts at `line_start`.
SourceFile::Checkpoint SourceFile::checkpoint_before(std::size_t line_start, std::size_t offset) const {
  auto after = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                                [](std::size_t at, const Checkpoint& checkpoint) { return at < checkpoint.offset; });
  if (after == checkpoints_.begin() || std::prev(after)->offset < line_start)
    return {static_cast<std::uint32_t>(line_start), 1};
  return *std::prev(after);
}

std::size_t SourceFile::column_offset(int line, int column) const {
  std::string_view text = line_text(line);
  std::size_t line_start = static_cast<std::size_t>(text.data() - written().data());
  auto by_offset = [](const Checkpoint& checkpoint, std::size_t at) { return checkpoint.offset < at; };
  auto first = std::lower_bound(checkpoints_.begin(), checkpoints_.end(), line_start, by_offset);
  auto last = std::lower_bound(first, checkpoints_.end(), line_start + text.size(), by_offset);
  auto after = std::upper_bound(first, last, column,
                                [](int wanted, const Checkpoint& checkpoint) { return wanted < static_cast<int>(checkpoint.column); });
  Checkpoint from = after == first ? Checkpoint{static_cast<std::uint32_t>(line_start), 1} : *std::prev(after);
  std::size_t at = from.offset - line_start;
  for (int counted = static_cast<int>(from.column); counted < column && at < text.size(); ++counted)
    at += character_length(text, at);
  return at;
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
  Checkpoint from = checkpoint_before(line_start, offset);
  int column = static_cast<int>(from.column);
  for (std::size_t i = from.offset; i < offset; i += character_length(lines, i)) ++column;
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
