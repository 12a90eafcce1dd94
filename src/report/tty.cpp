#include "report/printable.hpp"
#include "report/report.hpp"
#include "source/utf8.hpp"

#include <algorithm>
#include <string>

namespace miglint {

namespace {

struct Style {
  bool enabled;
  std::string_view operator()(std::string_view code) const { return enabled ? code : std::string_view{}; }
};

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[1;33m";
constexpr std::string_view kBlue = "\x1b[1;34m";
constexpr std::string_view kCyan = "\x1b[36m";

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kYellow;
    case Severity::Info: return kBlue;
  }
  return kReset;
}

// The underline below a source line: blanks up to the span, then carets.
// Tabs are copied so that the carets stay under the text.
std::string underline(std::string_view line, int from_column, int to_column) {
  std::string result;
  int column = 0;
  for (std::size_t i = 0; i < line.size(); i += character_length(line, i)) {
    ++column;
    if (column >= to_column) break;
    result += column < from_column ? (line[i] == '\t' ? '\t' : ' ') : '^';
  }
  if (result.find('^') == std::string::npos) result += '^';
  return result;
}

// Of a long line, the snippet shows this many characters around the finding:
// a 10 MB line would otherwise be printed whole, and underlined whole.
constexpr int kWidestSnippet = 200;
constexpr int kSnippetLead = 40;
constexpr std::string_view kCut = "...";

struct Snippet {
  std::string text;
  int from_column = 1;
  int to_column = 1;
};

// `line` is the quoted part of the line, which starts at `line_column`.
Snippet snippet(std::string_view line, int line_column, int from_column, int to_column) {
  int characters = 0;
  for (std::size_t i = 0; i < line.size(); i += character_length(line, i)) ++characters;
  from_column -= line_column - 1;
  if (to_column < (1 << 29)) to_column -= line_column - 1;
  int first = characters <= kWidestSnippet ? 1 : std::max(1, from_column - kSnippetLead);
  int last = std::min(characters, first + kWidestSnippet - 1);
  std::size_t begin = 0, end = line.size();
  int column = 0;
  for (std::size_t i = 0; i < line.size(); i += character_length(line, i)) {
    ++column;
    if (column == first) begin = i;
    if (column == last + 1) {
      end = i;
      break;
    }
  }
  bool cut_before = first > 1 || line_column > 1;
  std::string text = cut_before ? std::string(kCut) : std::string();
  text += printable(line.substr(begin, end - begin));
  if (last < characters) text += kCut;
  int shift = first - 1 - (cut_before ? static_cast<int>(kCut.size()) : 0);
  return {std::move(text), from_column - shift, to_column < (1 << 29) ? to_column - shift : to_column};
}

std::string plural(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

}  // namespace

void write_tty(std::ostream& out, const CheckOutcome& outcome, bool color) {
  Style style{color};
  for (const Finding& finding : outcome.findings) {
    out << style(kBold) << finding.path << ':' << finding.start.line << ':' << finding.start.column << ":" << style(kReset)
        << ' ' << style(severity_color(finding.severity)) << to_string(finding.severity) << '['
        << finding.rule->id << ']' << style(kReset) << ' ' << printable(finding.message) << '\n';
    if (!finding.source_line.empty()) {
      std::string gutter = std::to_string(finding.start.line);
      std::string blank(gutter.size(), ' ');
      int to_column = finding.end.line == finding.start.line ? finding.end.column : 1 << 30;
      Snippet shown = snippet(finding.source_line, finding.source_column, finding.start.column, to_column);
      out << style(kCyan) << blank << " |" << style(kReset) << '\n'
          << style(kCyan) << gutter << " |" << style(kReset) << ' ' << shown.text << '\n'
          << style(kCyan) << blank << " |" << style(kReset) << ' ' << style(severity_color(finding.severity))
          << underline(shown.text, shown.from_column, shown.to_column) << style(kReset) << '\n';
    }
    if (!finding.help.empty()) out << style(kCyan) << "  = help: " << style(kReset) << printable(finding.help) << '\n';
    out << '\n';
  }
  SeverityCounts counts = count_severities(outcome.findings);
  std::string scope = plural(outcome.summary.files, "file") + ", " + plural(outcome.summary.migrations, "migration") +
                      ", " + plural(outcome.summary.statements, "statement");
  if (outcome.findings.empty()) {
    out << style(kBold) << "No problems found" << style(kReset) << " in " << scope << ".\n";
  } else {
    out << style(kBold) << "Found " << plural(outcome.findings.size(), "problem") << style(kReset) << " ("
        << plural(counts.errors, "error") << ", " << plural(counts.warnings, "warning") << ", "
        << plural(counts.infos, "info") << ") in " << scope << ".\n";
  }
}

}  // namespace miglint
