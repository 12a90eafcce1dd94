#include "engine/check.hpp"

#include "engine/deep_stack.hpp"
#include "engine/lint.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

namespace miglint {

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.path != b.path) return a.path < b.path;
    if (a.start != b.start) return a.start < b.start;
    return a.rule->id < b.rule->id;
  });
}

CheckOutcome check(const std::vector<MigrationPlan>& plans, const CheckSettings& settings) {
  std::vector<const Rule*> for_target;
  for (const Rule* rule : settings.rules)
    if (rule->meta().versions.contains(settings.pg_version)) for_target.push_back(rule);
  RuleSet rules(std::move(for_target));
  LintSettings lint_settings{settings.pg_version, &rules, settings.placeholders, settings.runner_sets_lock_timeout,
                             settings.keep_statement_text};
  std::vector<MigrationResult> results(plans.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  auto work = [&] {
    MigrationLinter linter;
    for (std::size_t i; (i = next.fetch_add(1)) < plans.size();) {
      results[i] = linter.lint(plans[i], lint_settings);
      if (settings.on_progress) settings.on_progress(done.fetch_add(1) + 1, plans.size());
    }
  };
  unsigned jobs = settings.jobs ? settings.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(plans.size(), 1)));
  std::vector<std::unique_ptr<DeepStackThread>> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.push_back(std::make_unique<DeepStackThread>(work));
  threads.clear();

  CheckOutcome outcome;
  outcome.summary.migrations = plans.size();
  for (MigrationResult& result : results) {
    outcome.summary.files += result.files;
    outcome.summary.statements += result.statements;
    for (Finding& finding : result.findings) outcome.findings.push_back(std::move(finding));
    for (std::string& error : result.errors) outcome.errors.push_back(std::move(error));
  }
  sort_findings(outcome.findings);
  return outcome;
}

CheckOutcome check_text(std::string text, std::string display_path, Layout layout, const CheckSettings& settings) {
  InputFile file{display_path, display_path, std::move(text)};
  return check({plan_for_file(layout, std::move(file))}, settings);
}

}  // namespace miglint
