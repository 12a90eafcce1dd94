#include "report/fingerprint.hpp"
#include "report/report.hpp"

#include <nlohmann/json.hpp>


namespace miglint {

namespace {

using Json = nlohmann::ordered_json;

// Errors fail the run under the default --fail-on, so they rank above
// GitLab's "major"; "blocker" is left for nothing miglint reports.
std::string_view gitlab_severity(Severity severity) {
  switch (severity) {
    case Severity::Error: return "critical";
    case Severity::Warning: return "minor";
    case Severity::Info: return "info";
  }
  return "info";
}

}  // namespace

void write_gitlab(std::ostream& out, const CheckOutcome& outcome) {
  Json report = Json::array();
  std::vector<std::string> fingerprints = distinct_fingerprints(outcome.findings);
  for (std::size_t i = 0; i < outcome.findings.size(); ++i) {
    const Finding& finding = outcome.findings[i];
    const std::string& id = fingerprints[i];
    report.push_back({
        {"description", finding.message},
        {"check_name", finding.rule->id},
        {"fingerprint", id},
        {"severity", gitlab_severity(finding.severity)},
        {"location", {{"path", finding.path}, {"lines", {{"begin", finding.start.line}}}}},
    });
  }
  // Paths and messages need not be valid UTF-8; replace what is not.
  out << report.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace miglint
