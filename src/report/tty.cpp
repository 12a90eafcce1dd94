#include "report/report.hpp"
#include "source/utf8.hpp"

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

std::string plural(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

}  // namespace

void write_tty(std::ostream& out, const CheckOutcome& outcome, bool color) {
  Style style{color};
  for (const Finding& finding : outcome.findings) {
    out << style(kBold) << finding.path << ':' << finding.start.line << ':' << finding.start.column << ":" << style(kReset)
        << ' ' << style(severity_color(finding.severity)) << to_string(finding.severity) << '['
        << finding.rule->id << ']' << style(kReset) << ' ' << finding.message << '\n';
    if (!finding.source_line.empty()) {
      std::string gutter = std::to_string(finding.start.line);
      std::string blank(gutter.size(), ' ');
      int to_column = finding.end.line == finding.start.line ? finding.end.column : 1 << 30;
      out << style(kCyan) << blank << " |" << style(kReset) << '\n'
          << style(kCyan) << gutter << " |" << style(kReset) << ' ' << finding.source_line << '\n'
          << style(kCyan) << blank << " |" << style(kReset) << ' ' << style(severity_color(finding.severity))
          << underline(finding.source_line, finding.start.column, to_column) << style(kReset) << '\n';
    }
    if (!finding.help.empty()) out << style(kCyan) << "  = help: " << style(kReset) << finding.help << '\n';
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
