// Statement splitting and the map from offsets to line:column. Every
// finding, in every layout and with template placeholders configured, must
// point inside the file as written: a line that exists, a column no further
// than one past that line's last character (columns count characters, a
// stray byte as one), an end no earlier than its start, and a quoted piece
// of its line that is the line's text and holds its start. The file's
// lines are counted here from the input bytes, not by SourceFile, so the
// check does not share the code it checks.

#include "fuzz_support.hpp"
#include "parse/split.hpp"
#include "source/utf8.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace {

using namespace miglint;

// The lines of the file as an editor shows them: after a byte order mark,
// cut at each LF, without the CRs that end them.
std::vector<std::string_view> lines_of(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    std::size_t newline = text.find('\n', start);
    std::string_view line = text.substr(start, newline == std::string_view::npos ? newline : newline - start);
    while (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    if (newline == std::string_view::npos) return lines;
    start = newline + 1;
  }
}

// The rest of `line` from character `column` (1-based) on.
std::string_view from_column(std::string_view line, int column) {
  std::size_t at = 0;
  for (int c = 1; c < column && at < line.size(); ++c) at += character_length(line, at);
  return line.substr(std::min(at, line.size()));
}

int characters(std::string_view line) {
  int count = 0;
  for (std::size_t i = 0; i < line.size(); i += character_length(line, i)) ++count;
  return count;
}

std::string where(const Finding& finding, const char* which, Position at) {
  return finding.path + ": " + std::string(finding.rule->id) + " " + which + " " + std::to_string(at.line) + ":" +
         std::to_string(at.column);
}

void check_inside(const std::vector<std::string_view>& lines, const Finding& finding, const char* which, Position at) {
  if (at.line < 1 || at.line > static_cast<int>(lines.size()))
    fuzz::fail(where(finding, which, at) + " is on no line: the file has " + std::to_string(lines.size()));
  int length = characters(lines[at.line - 1]);
  if (at.column < 1 || at.column > length + 1)
    fuzz::fail(where(finding, which, at) + " is past the end of its line, of " + std::to_string(length) +
               " characters");
}

// Each statement lies inside the text, after the one before it.
void check_split(const std::string& text) {
  if (text.find('\0') != std::string::npos) return;  // scan() refuses NUL bytes, as the engine does
  TokenStream stream = scan(text);
  std::size_t unscanned = stream.error ? stream.error->offset : text.size();
  std::size_t previous_end = 0;
  for (const StatementSpan& span : split_statements(text, stream.tokens, unscanned, text.size())) {
    if (span.begin > span.end || span.end > text.size() || span.begin < previous_end)
      fuzz::fail("statement [" + std::to_string(span.begin) + ", " + std::to_string(span.end) + ") after one ending at " +
                 std::to_string(previous_end) + " in a text of " + std::to_string(text.size()) + " bytes");
    previous_end = span.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const CheckSettings settings = [] {
    CheckSettings every = fuzz::every_rule();
    // Replacements longer and shorter than what they replace, and one that is empty.
    every.placeholders = {{"{{ .Schema }}", "public"}, {"${flyway:defaultSchema}", "app_schema_with_a_long_name"},
                          {"__TABLE__", ""}};
    return every;
  }();
  std::string text(reinterpret_cast<const char*>(data), size);
  check_split(text);
  std::vector<std::string_view> lines = lines_of(text);
  for (const fuzz::LayoutFile& file : fuzz::kLayoutFiles) {
    for (const Finding& finding : check_text(text, file.path, file.layout, settings).findings) {
      check_inside(lines, finding, "start", finding.start);
      check_inside(lines, finding, "end", finding.end);
      if (finding.end < finding.start) fuzz::fail(where(finding, "end", finding.end) + " is before its start");
      int quoted_from = finding.source_column;
      bool holds_start = quoted_from >= 1 && quoted_from <= finding.start.column &&
                         finding.start.column <= quoted_from + characters(finding.source_line);
      if (!holds_start || !from_column(lines[finding.start.line - 1], quoted_from).starts_with(finding.source_line))
        fuzz::fail(where(finding, "start", finding.start) + ": the piece of the line quoted from column " +
                   std::to_string(quoted_from) + " is not the file's text around it");
    }
  }
  return 0;
}
