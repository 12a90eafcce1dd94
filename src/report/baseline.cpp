#include "report/baseline.hpp"

#include "report/baseline_identity.hpp"

#include <unordered_map>
#include <unordered_set>

namespace miglint {

void BaselineScope::add(const std::vector<MigrationPlan>& plans, const CheckSettings& settings) {
  for (const MigrationPlan& plan : plans)
    for (const std::optional<InputFile>* file : {&plan.file, &plan.down_file, &plan.verify_file})
      if (*file) paths.push_back((*file)->display);
  for (const Rule* rule : settings.rules)
    if (rule->meta().versions.contains(settings.pg_version)) rules.insert(rule->meta().id);
}

namespace {

std::string identity(std::string_view rule, std::string_view path, std::string_view fingerprint) {
  std::string key;
  key.reserve(rule.size() + path.size() + fingerprint.size() + 2);
  key.append(rule).append(1, '\0').append(path).append(1, '\0').append(fingerprint);
  return key;
}

// The entries that share one identity, in file order: the first `used` of
// them have matched a finding.
struct IdenticalEntries {
  std::vector<std::size_t> entries;
  std::size_t used = 0;
};

}  // namespace

BaselineMatch apply_baseline(const Baseline& baseline, CheckOutcome& outcome, const BaselineScope& scope) {
  std::unordered_map<std::string, IdenticalEntries> by_identity;
  for (std::size_t i = 0; i < baseline.entries.size(); ++i) {
    const BaselineEntry& entry = baseline.entries[i];
    by_identity[identity(entry.rule, entry.path, entry.fingerprint)].entries.push_back(i);
  }

  BaselinePaths paths(baseline.file);
  std::vector<std::string> fingerprints = statement_fingerprints(outcome.findings);
  std::vector<bool> used(baseline.entries.size());
  BaselineMatch match{baseline.file};
  std::vector<Finding> fresh;
  for (std::size_t i = 0; i < outcome.findings.size(); ++i) {
    Finding& finding = outcome.findings[i];
    auto identical = by_identity.find(identity(finding.rule->id, paths.of(finding.path), fingerprints[i]));
    if (identical != by_identity.end() && identical->second.used < identical->second.entries.size()) {
      used[identical->second.entries[identical->second.used++]] = true;
      ++match.matched;
    } else {
      fresh.push_back(std::move(finding));
    }
  }
  outcome.findings = std::move(fresh);

  // A file that could not be read has no findings, fixed or not.
  if (!outcome.errors.empty()) return match;
  std::unordered_set<std::string> linted;
  for (const std::string& path : scope.paths) linted.insert(paths.of(path));
  for (std::size_t i = 0; i < baseline.entries.size(); ++i) {
    const BaselineEntry& entry = baseline.entries[i];
    if (!used[i] && linted.contains(entry.path) && scope.rules.contains(entry.rule)) match.stale.push_back(entry);
  }
  return match;
}

void write_stale_entries(std::ostream& out, const BaselineMatch& match) {
  if (match.stale.empty()) return;
  bool one = match.stale.size() == 1;
  out << "miglint: baseline " << match.file << ": " << match.stale.size()
      << (one ? " stale entry (a fixed finding)" : " stale entries (fixed findings)")
      << "; run --write-baseline again to drop " << (one ? "it" : "them") << '\n';
  for (const BaselineEntry& entry : match.stale)
    out << "  " << entry.path << ':' << entry.line << ": [" << entry.rule << "] " << entry.message << '\n';
}

}  // namespace miglint
