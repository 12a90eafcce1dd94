#pragma once

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

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Where the SQL starts: after a UTF-8 byte order mark, if any.
  std::size_t content_begin() const { return content_begin_; }
  // The offset of the first NUL byte: such a file is not SQL text.
  std::optional<std::size_t> nul_byte() const { return nul_byte_; }

  Position position(std::size_t offset) const;
  std::string_view line_text(int line) const;  // without its line ending

 private:
  std::string path_;
  std::string text_;
  std::size_t content_begin_ = 0;
  std::optional<std::size_t> nul_byte_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace miglint
