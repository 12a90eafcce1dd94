#include "report/report.hpp"

namespace miglint {

namespace {

struct FormatName {
  std::string_view name;
  Format format;
};

// "text" is the old name of tty, kept for scripts that use it.
constexpr FormatName kFormats[] = {
    {"tty", Format::Tty}, {"text", Format::Tty}, {"json", Format::Json}, {"gcc", Format::Gcc},
    {"sarif", Format::Sarif},
    {"github", Format::Github}, {"gitlab", Format::Gitlab}, {"junit", Format::Junit},
};

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  for (const FormatName& entry : kFormats)
    if (entry.name == name) return entry.format;
  return std::nullopt;
}

std::vector<std::string> format_names() {
  std::vector<std::string> names;
  for (const FormatName& entry : kFormats) names.emplace_back(entry.name);
  return names;
}

SeverityCounts count_severities(const std::vector<Finding>& findings) {
  SeverityCounts counts;
  for (const Finding& finding : findings) {
    switch (finding.severity) {
      case Severity::Error: ++counts.errors; break;
      case Severity::Warning: ++counts.warnings; break;
      case Severity::Info: ++counts.infos; break;
    }
  }
  return counts;
}

void write_report(std::ostream& out, const CheckOutcome& outcome, const ReportOptions& options) {
  switch (options.format) {
    case Format::Tty: return write_tty(out, outcome, options.color);
    case Format::Json: return write_json(out, outcome, options.baseline);
    case Format::Gcc: return write_gcc(out, outcome);
    case Format::Sarif: return write_sarif(out, outcome);
    case Format::Github: return write_github(out, outcome);
    case Format::Gitlab: return write_gitlab(out, outcome);
    case Format::Junit: return write_junit(out, outcome);
  }
}

}  // namespace miglint
