#include "report/printable.hpp"
#include "report/report.hpp"

namespace miglint {

void write_gcc(std::ostream& out, const CheckOutcome& outcome) {
  for (const Finding& finding : outcome.findings)
    out << finding.path << ':' << finding.start.line << ':' << finding.start.column << ": "
        << to_string(finding.severity) << ": [" << finding.rule->id << "] " << printable(finding.message) << '\n';
}

}  // namespace miglint
