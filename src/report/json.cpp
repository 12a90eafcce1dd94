#include "report/report.hpp"
#include "version.hpp"

#include <nlohmann/json.hpp>

namespace miglint {

void write_json(std::ostream& out, const CheckOutcome& outcome) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const Finding& finding : outcome.findings) {
    findings.push_back({
        {"rule", finding.rule->id},
        {"severity", to_string(finding.severity)},
        {"path", finding.path},
        {"line", finding.start.line},
        {"column", finding.start.column},
        {"end_line", finding.end.line},
        {"end_column", finding.end.column},
        {"message", finding.message},
        {"help", finding.help},
        {"migration", finding.migration},
        {"section", to_string(finding.section)},
    });
  }
  SeverityCounts counts = count_severities(outcome.findings);
  nlohmann::ordered_json report = {
      {"version", 1},
      {"tool", {{"name", "miglint"}, {"version", kVersion}}},
      {"findings", std::move(findings)},
      {"summary",
       {{"files", outcome.summary.files},
        {"migrations", outcome.summary.migrations},
        {"statements", outcome.summary.statements},
        {"errors", counts.errors},
        {"warnings", counts.warnings},
        {"infos", counts.infos}}},
  };
  // Paths and source text need not be valid UTF-8; replace what is not.
  out << report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace miglint
