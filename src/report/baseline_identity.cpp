#include "report/baseline_identity.hpp"

#include "report/statement_fingerprint.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace miglint {

namespace fs = std::filesystem;

BaselinePaths::BaselinePaths(const std::string& baseline_file)
    : directory_(fs::absolute(baseline_file).lexically_normal().parent_path()) {}

const std::string& BaselinePaths::of(const std::string& given) {
  auto [entry, added] = known_.try_emplace(given);
  if (added) {
    fs::path absolute = fs::absolute(given).lexically_normal();
    fs::path relative = absolute.lexically_relative(directory_);
    entry->second = (relative.empty() ? absolute : relative).generic_string();
  }
  return entry->second;
}

std::vector<std::string> statement_fingerprints(const std::vector<Finding>& findings) {
  // One statement often holds several findings: each is fingerprinted once.
  std::unordered_map<std::string_view, std::size_t> numbers;
  std::vector<const std::string*> statements;
  std::vector<std::size_t> statement_of_finding;
  statement_of_finding.reserve(findings.size());
  for (const Finding& finding : findings) {
    auto [entry, added] = numbers.try_emplace(finding.statement, statements.size());
    if (added) statements.push_back(&finding.statement);
    statement_of_finding.push_back(entry->second);
  }

  // A fingerprint costs a scan and a parse, as much as linting the
  // statement did, so every core takes statements.
  std::vector<std::string> fingerprints(statements.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < statements.size();)
      fingerprints[i] = statement_fingerprint(*statements[i]);
  };
  std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 1 + statements.size() / 256);
  std::vector<std::jthread> threads;
  for (std::size_t worker = 1; worker < workers; ++worker) threads.emplace_back(work);
  work();
  threads.clear();

  std::vector<std::string> by_finding;
  by_finding.reserve(findings.size());
  for (std::size_t statement : statement_of_finding) by_finding.push_back(fingerprints[statement]);
  return by_finding;
}

}  // namespace miglint
