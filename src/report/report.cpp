#include "report/report.hpp"

namespace miglint {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "tty" || name == "text") return Format::Tty;
  if (name == "json") return Format::Json;
  if (name == "gcc") return Format::Gcc;
  return std::nullopt;
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
    case Format::Json: return write_json(out, outcome);
    case Format::Gcc: return write_gcc(out, outcome);
  }
}

}  // namespace miglint
