#include "report/report.hpp"
#include "report/xml_escape.hpp"

namespace miglint {

namespace {

std::string attribute(std::string_view text) { return escape_xml(text, true); }
std::string text_node(std::string_view text) { return escape_xml(text, false); }

void write_failure(std::ostream& out, const Finding& finding) {
  out << "      <failure message=\"" << attribute(finding.message) << "\" type=\"" << attribute(finding.rule->id)
      << "\">" << text_node(finding.path) << ':' << finding.start.line << ':' << finding.start.column << ": "
      << to_string(finding.severity) << '[' << text_node(finding.rule->id) << "] " << text_node(finding.message)
      << "\nhelp: " << text_node(finding.help) << "</failure>\n";
}

}  // namespace

// Only files with findings become test cases: the outcome does not name
// the clean files, and a count of them would add nothing a CI page shows.
// Every test case fails, so tests and failures count the same files.
void write_junit(std::ostream& out, const CheckOutcome& outcome) {
  std::size_t files = 0;
  for (std::size_t i = 0; i < outcome.findings.size(); ++i)
    if (i == 0 || outcome.findings[i].path != outcome.findings[i - 1].path) ++files;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites tests=\"" << files << "\" failures=\"" << files << "\">\n"
      << "  <testsuite name=\"miglint\" tests=\"" << files << "\" failures=\"" << files << "\" errors=\"0\">\n";
  for (std::size_t i = 0; i < outcome.findings.size(); ++i) {
    const Finding& finding = outcome.findings[i];
    bool opens_file = i == 0 || finding.path != outcome.findings[i - 1].path;
    bool closes_file = i + 1 == outcome.findings.size() || outcome.findings[i + 1].path != finding.path;
    if (opens_file)
      out << "    <testcase classname=\"miglint\" name=\"" << attribute(finding.path) << "\">\n";
    write_failure(out, finding);
    if (closes_file) out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace miglint
