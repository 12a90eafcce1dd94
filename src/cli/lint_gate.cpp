#include "cli/lint_gate.hpp"

#include <algorithm>

namespace miglint::cli {

namespace {

const apply::LintWaiver* waiver_for(const std::vector<apply::LintWaiver>& waivers, const std::string& rule) {
  auto found = std::find_if(waivers.begin(), waivers.end(), [&](const apply::LintWaiver& w) { return w.rule == rule; });
  return found == waivers.end() ? nullptr : &*found;
}

void add_once(std::vector<apply::LintWaiver>& waivers, const apply::LintWaiver& waiver) {
  if (!waiver_for(waivers, waiver.rule)) waivers.push_back(waiver);
}

}  // namespace

GateOutcome lint_gate(const std::vector<ConfiguredMigrations>& groups, const std::set<std::string>& versions,
                      int server_major_version, Severity fail_on, const std::vector<apply::LintWaiver>& waivers) {
  GateOutcome gate;
  for (const ConfiguredMigrations& group : groups) {
    std::vector<MigrationPlan> selected;
    std::map<std::string, std::string> version_by_path;
    for (const MigrationPlan& plan : group.plans) {
      if (!versions.contains(plan.id)) continue;
      selected.push_back(plan);
      for (const std::optional<InputFile>& file : {plan.file, plan.down_file, plan.verify_file})
        if (file) version_by_path[file->display] = plan.id;
    }
    if (selected.empty()) continue;
    CheckSettings settings{server_major_version, group.config.rules_to_run(), 0, group.config.config().placeholders,
                           /*runner_sets_lock_timeout=*/true};
    CheckOutcome outcome = check(selected, settings);
    apply_policies(outcome.findings, group.config);
    std::move(outcome.errors.begin(), outcome.errors.end(), std::back_inserter(gate.blocking.errors));
    gate.blocking.summary.files += outcome.summary.files;
    gate.blocking.summary.migrations += outcome.summary.migrations;
    gate.blocking.summary.statements += outcome.summary.statements;
    for (Finding& finding : outcome.findings) {
      if (finding.severity < fail_on) continue;
      if (const apply::LintWaiver* waiver = waiver_for(waivers, std::string(finding.rule->id))) {
        add_once(gate.waivers_by_version[version_by_path[finding.path]], *waiver);
        continue;
      }
      gate.blocking.findings.push_back(std::move(finding));
    }
  }
  sort_findings(gate.blocking.findings);
  return gate;
}

}  // namespace miglint::cli
