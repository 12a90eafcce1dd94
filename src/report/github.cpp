#include "report/report.hpp"

namespace miglint {

namespace {

std::string_view command_for(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "notice";
}

// The runner reads a workflow command up to the end of the line, so the
// message escapes line breaks and the escape character itself.
std::string escape_data(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '%': escaped += "%25"; break;
      case '\r': escaped += "%0D"; break;
      case '\n': escaped += "%0A"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

// Properties end at ',' and the message starts after "::", so those
// characters are escaped too.
std::string escape_property(std::string_view text) {
  std::string escaped;
  for (char c : escape_data(text)) {
    switch (c) {
      case ':': escaped += "%3A"; break;
      case ',': escaped += "%2C"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

}  // namespace

void write_github(std::ostream& out, const CheckOutcome& outcome) {
  for (const Finding& finding : outcome.findings)
    out << "::" << command_for(finding.severity) << " file=" << escape_property(finding.path)
        << ",line=" << finding.start.line << ",col=" << finding.start.column << ",endLine=" << finding.end.line
        << ",endColumn=" << finding.end.column << ",title=" << escape_property(finding.rule->id)
        << "::" << escape_data(finding.message) << '\n';
}

}  // namespace miglint
