// miglint-ignore directives. The parser of one comment's text, on the
// input as that text: each rule id it finds is a non-empty word without
// separators, and writing the ids back as a directive gives the same ids.
// Then the input as a file: every finding about a suppression must point
// at a comment, where the directive is.

#include "engine/suppressions.hpp"
#include "fuzz_support.hpp"
#include "source/utf8.hpp"

#include <cstdint>
#include <string_view>

namespace {

using namespace miglint;

void check_parsed(std::string_view body) {
  std::optional<DirectiveText> parsed = parse_directive(body);
  if (!parsed) return;
  std::string rewritten = parsed->whole_file ? "miglint-ignore-file" : "miglint-ignore";
  for (const std::string& id : parsed->rules) {
    if (id.empty() || id.find_first_of(", \t") != std::string::npos || id.find("--") != std::string::npos)
      fuzz::fail("rule id \"" + id + "\" read from \"" + std::string(body) + "\"");
    rewritten += " " + id + ",";
  }
  if (parsed->has_reason && body.find("--") == std::string_view::npos)
    fuzz::fail("a reason without \"--\" in \"" + std::string(body) + "\"");
  std::optional<DirectiveText> again = parse_directive(rewritten);
  if (!again || again->rules != parsed->rules || again->whole_file != parsed->whole_file)
    fuzz::fail("\"" + rewritten + "\" does not read as the directive it was written from, \"" + std::string(body) +
               "\"");
}

bool about_suppression(const Finding& finding) {
  std::string_view id = finding.rule->id;
  return id == "unused-suppression" || id == "suppression-without-reason" || id == "suppression-unknown-rule";
}

// Whether a comment starts at the finding's column of the line it quotes,
// which starts at source_column.
bool at_comment(const Finding& finding) {
  std::string_view line = finding.source_line;
  std::size_t at = 0;
  for (int column = finding.source_column; column < finding.start.column && at < line.size(); ++column)
    at += character_length(line, at);
  std::string_view rest = line.substr(std::min(at, line.size()));
  return rest.starts_with("--") || rest.starts_with("/*");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const CheckSettings settings = fuzz::every_rule();
  std::string text(reinterpret_cast<const char*>(data), size);
  check_parsed(text);
  // Goose too: its own markers are comments, beside the directives.
  for (Layout layout : {Layout::Plain, Layout::Goose}) {
    for (const Finding& finding : check_text(text, "migrations/0001_x.sql", layout, settings).findings)
      if (about_suppression(finding) && !at_comment(finding))
        fuzz::fail(std::string(finding.rule->id) + " at " + std::to_string(finding.start.line) + ":" +
                   std::to_string(finding.start.column) + " is not at a comment: \"" + finding.source_line + "\"");
  }
  return 0;
}
