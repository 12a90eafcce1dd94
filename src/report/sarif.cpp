#include "report/fingerprint.hpp"
#include "report/report.hpp"
#include "report/rule_docs.hpp"
#include "version.hpp"

#include <miglint/registry.hpp>

#include <nlohmann/json.hpp>

#include <cctype>
#include <filesystem>
#include <sstream>
#include <unordered_map>

namespace miglint {

namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/miglint/miglint";
constexpr std::string_view kSourceRoot = "%SRCROOT%";

// Paths and source text need not be valid UTF-8; replace what is not.
std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "warning";
}

// "require-concurrent-index" -> "RequireConcurrentIndex", as SARIF tools name rules.
std::string camel_case(std::string_view id) {
  std::string name;
  bool word_start = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      word_start = true;
      continue;
    }
    name += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    word_start = false;
  }
  return name;
}

// Keeps only RFC 3986's unreserved characters and '/'; the rest, including
// every byte of a non-ASCII character, becomes %XX.
std::string percent_encoded(std::string_view path) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0xF];
    }
  }
  return encoded;
}

std::string file_uri(const fs::path& absolute) { return "file://" + percent_encoded(absolute.generic_string()); }

// Code scanning matches results to files by a path relative to the checkout,
// so a file under the working directory gets one; any other gets a file URI.
Json artifact_location(const std::string& given, const fs::path& cwd) {
  fs::path absolute = fs::absolute(given).lexically_normal();
  fs::path relative = absolute.lexically_relative(cwd);
  bool inside = !relative.empty() && *relative.begin() != "..";
  if (!inside) return {{"uri", file_uri(absolute)}};
  return {{"uri", percent_encoded(relative.generic_string())}, {"uriBaseId", kSourceRoot}};
}

Json rule_descriptor(const RuleMeta& meta) {
  std::ostringstream text;
  write_rule_explanation(text, meta);
  std::ostringstream markdown;
  write_rule_markdown(markdown, meta);
  return {
      {"id", meta.id},
      {"name", camel_case(meta.id)},
      {"shortDescription", {{"text", meta.summary}}},
      {"fullDescription", {{"text", meta.rationale}}},
      {"help", {{"text", text.str()}, {"markdown", markdown.str()}}},
      {"defaultConfiguration", {{"level", sarif_level(meta.severity)}}},
  };
}

Json result(const Finding& finding, std::size_t rule_index, const std::string& fingerprint, const fs::path& cwd) {
  Json region = {
      {"startLine", finding.start.line},
      {"startColumn", finding.start.column},
      {"endLine", finding.end.line},
      {"endColumn", finding.end.column},
  };
  // Viewers show an empty message as a blank alert; the summary says what fired.
  std::string message = finding.message.empty() ? std::string(finding.rule->summary) : finding.message;
  return {
      {"ruleId", finding.rule->id},
      {"ruleIndex", rule_index},
      {"level", sarif_level(finding.severity)},
      {"message", {{"text", message}}},
      {"locations", Json::array({{{"physicalLocation",
                                   {{"artifactLocation", artifact_location(finding.path, cwd)}, {"region", region}}}}})},
      {"partialFingerprints", {{"miglintFingerprint/v1", fingerprint}}},
  };
}

}  // namespace

void write_sarif(std::ostream& out, const CheckOutcome& outcome) {
  fs::path cwd = fs::current_path().lexically_normal();
  Json rules = Json::array();
  std::unordered_map<std::string_view, std::size_t> rule_indices;
  for (const Rule* rule : all_rules()) {
    rule_indices.emplace(rule->meta().id, rules.size());
    rules.push_back(rule_descriptor(rule->meta()));
  }
  Json driver = {
      {"name", "miglint"},
      {"version", kVersion},
      {"informationUri", kInformationUri},
      {"rules", std::move(rules)},
  };
  Json root_uri = {{"uri", file_uri(cwd / "")}};
  out << "{\"$schema\":" << dump(Json(kSchema)) << ",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":"
      << dump(driver) << "},\"columnKind\":\"unicodeCodePoints\",\"originalUriBaseIds\":"
      << dump(Json{{kSourceRoot, root_uri}}) << ",\"results\":[";
  std::vector<std::string> fingerprints = distinct_fingerprints(outcome.findings);
  for (std::size_t i = 0; i < outcome.findings.size(); ++i) {
    const Finding& finding = outcome.findings[i];
    out << (i == 0 ? "" : ",") << dump(result(finding, rule_indices.at(finding.rule->id), fingerprints[i], cwd));
  }
  out << "]}]}\n";
}

}  // namespace miglint
