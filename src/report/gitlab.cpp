#include "report/fingerprint.hpp"
#include "report/report.hpp"

#include <nlohmann/json.hpp>

#include <unordered_set>

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
  // GitLab keys the merge-request diff on the fingerprint and drops repeats,
  // so a finding that recurs on an identical line gets its own, counted
  // in order of appearance to stay the same from run to run.
  std::unordered_set<std::string> taken;
  for (const Finding& finding : outcome.findings) {
    std::string id = fingerprint(finding);
    for (std::size_t occurrence = 1; !taken.insert(id).second; ++occurrence) id = fingerprint(finding, occurrence);
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
