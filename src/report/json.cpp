#include "report/baseline.hpp"
#include "report/report.hpp"
#include "version.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <thread>
#include <unordered_map>

namespace miglint {

namespace {

using Json = nlohmann::ordered_json;

// Paths and source text need not be valid UTF-8; replace what is not.
std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Serialises one finding. Paths, migrations and help texts repeat from
// finding to finding, so each distinct one is serialised once per thread.
class FindingWriter {
 public:
  std::string write(const Finding& finding) {
    std::string out = "{\"rule\":";
    out += cached(finding.rule->id);
    out += ",\"severity\":";
    out += cached(to_string(finding.severity));
    out += ",\"path\":";
    out += cached(finding.path);
    out += ",\"line\":" + std::to_string(finding.start.line);
    out += ",\"column\":" + std::to_string(finding.start.column);
    out += ",\"end_line\":" + std::to_string(finding.end.line);
    out += ",\"end_column\":" + std::to_string(finding.end.column);
    out += ",\"message\":";
    out += dump(Json(finding.message));
    out += ",\"help\":";
    out += cached(finding.help);
    out += ",\"migration\":";
    out += cached(finding.migration);
    out += ",\"section\":";
    out += cached(to_string(finding.section));
    out += '}';
    return out;
  }

 private:
  const std::string& cached(std::string_view text) {
    auto [entry, added] = dumped_.try_emplace(text);
    if (added) entry->second = dump(Json(text));
    return entry->second;
  }

  std::unordered_map<std::string_view, std::string> dumped_;
};

// Serialising findings costs as much as linting a small corpus, so each
// core serialises a share of them; the document is then written in order.
std::vector<std::string> dump_findings(const std::vector<Finding>& findings) {
  std::vector<std::string> dumped(findings.size());
  std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 1 + findings.size() / 256);
  std::size_t share = (findings.size() + workers - 1) / workers;
  auto dump_share = [&](std::size_t first) {
    FindingWriter writer;
    for (std::size_t i = first; i < std::min(first + share, findings.size()); ++i) dumped[i] = writer.write(findings[i]);
  };
  std::vector<std::jthread> threads;
  for (std::size_t worker = 1; worker < workers; ++worker) threads.emplace_back(dump_share, worker * share);
  dump_share(0);
  return dumped;
}

}  // namespace

void write_json(std::ostream& out, const CheckOutcome& outcome, const BaselineMatch* baseline) {
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
  out << "],\"summary\":" << dump(summary);
  if (baseline) {
    Json use = {{"file", baseline->file}, {"matched", baseline->matched}, {"stale", baseline->stale}};
    out << ",\"baseline\":" << dump(use);
  }
  out << "}\n";
}

}  // namespace miglint
