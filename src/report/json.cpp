#include "report/report.hpp"
#include "version.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <thread>

namespace miglint {

namespace {

using Json = nlohmann::ordered_json;

// Paths and source text need not be valid UTF-8; replace what is not.
std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json finding_json(const Finding& finding) {
  return {
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
  };
}

// Serialising findings costs as much as linting a small corpus, so each
// core serialises a share of them; the document is then written in order.
std::vector<std::string> dump_findings(const std::vector<Finding>& findings) {
  std::vector<std::string> dumped(findings.size());
  std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 1 + findings.size() / 256);
  std::size_t share = (findings.size() + workers - 1) / workers;
  auto dump_share = [&](std::size_t first) {
    for (std::size_t i = first; i < std::min(first + share, findings.size()); ++i) dumped[i] = dump(finding_json(findings[i]));
  };
  std::vector<std::jthread> threads;
  for (std::size_t worker = 1; worker < workers; ++worker) threads.emplace_back(dump_share, worker * share);
  dump_share(0);
  return dumped;
}

}  // namespace

void write_json(std::ostream& out, const CheckOutcome& outcome) {
  SeverityCounts counts = count_severities(outcome.findings);
  Json summary = {
      {"files", outcome.summary.files},
      {"migrations", outcome.summary.migrations},
      {"statements", outcome.summary.statements},
      {"errors", counts.errors},
      {"warnings", counts.warnings},
      {"infos", counts.infos},
  };
  Json tool = {{"name", "miglint"}, {"version", kVersion}};
  out << "{\"version\":1,\"tool\":" << dump(tool) << ",\"findings\":[";
  bool first = true;
  for (const std::string& finding : dump_findings(outcome.findings)) {
    out << (first ? "" : ",") << finding;
    first = false;
  }
  out << "],\"summary\":" << dump(summary) << "}\n";
}

}  // namespace miglint
