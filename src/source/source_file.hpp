#pragma once

#include "source/placeholders.hpp"

#include <miglint/finding.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

// One input file's bytes, and the map from byte offsets to what an editor shows.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  // A file whose template placeholders were replaced: text() is what gets
  // parsed, while positions and line texts stay those of the file as written.
  SourceFile(std::string path, std::string original, SubstitutedText substituted);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Where the SQL starts: after a UTF-8 byte order mark, if any.
  std::size_t content_begin() const { return content_begin_; }
  // The offset of the first NUL byte: such a file is not SQL text.
  std::optional<std::size_t> nul_byte() const { return nul_byte_; }

  // Of an offset in text(); an offset inside a replacement is the placeholder's start.
  Position position(std::size_t offset) const;
  std::string_view line_text(int line) const;  // without its line ending, as written
  // Where `column` starts, in bytes from the start of line_text(line).
  std::size_t column_offset(int line, int column) const;

 private:
  // The column at an offset of a long line, so that a column there is
  // counted from the nearest checkpoint, not from the start of the line: a
  // minified file of one 10 MB line may have a finding every few bytes.
  struct Checkpoint {
    std::uint32_t offset;
    std::uint32_t column;
  };
  static constexpr std::size_t kCheckpointBytes = 4096;

  void blank_byte_order_mark(std::string& text);
  void index_lines();
  Checkpoint checkpoint_before(std::size_t line_start, std::size_t offset) const;
  const std::string& written() const { return replacements_.empty() ? text_ : original_; }
  std::size_t written_offset(std::size_t offset) const;

  std::string path_;
  std::string text_;
  std::string original_;  // only when placeholders were replaced
  std::vector<Replacement> replacements_;
  std::size_t content_begin_ = 0;
  std::optional<std::size_t> nul_byte_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<Checkpoint> checkpoints_;  // by offset, every kCheckpointBytes of lines longer than that
};

}  // namespace miglint
